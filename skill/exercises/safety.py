"""After a crisis or abuse disclosure: an answer that fits what was said, and a way out that
keeps the key number.

Each answer (skill/language/safety/answers.py) is an opening line, the locale's lines (the key
number said twice, digit by digit) and one question: "are you safe right now?" when there is
danger now, else an offer of a calming minute. The whole answer stays within 45 words; every
number is also on the card and on "tell me the numbers again". Whatever comes next (yes, no,
"i'm fine", "forget it", stop, cancel, or silence, whose reprompt carries it) repeats the key
number in one short line.

When someone else may be listening (the couple check-in), the answer is discreet: the round
pauses, no hotline is read aloud, and the card only says how to ask for the numbers in private
(decision 0028).

What was said is never kept; with consent, only a count of safety turns and when the last one
was, so that the next launch opens gently and asks how they are, never saying why (decision
0030).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from skill import telemetry
from skill.content import Raw
from skill.exercises.base import NO, YES, Flow, Step
from skill.language.safety import SafetyFinding
from skill.language.safety.answers import ASKS_IF_SAFE, KEY_NUMBER, Answer, answer_for
from skill.state import Profile
from skill.turn import ProfileChange, Turn

FALLBACK = "AMAZON.FallbackIntent"
DISCREET_FLOWS = frozenset({"couple-check-in"})
"""Flows where another person is known to be listening."""
DEFAULT_ANSWER: Answer = "crisis"
CHECK_IN_ANSWERS = frozenset(
    {
        YES,
        NO,
        FALLBACK,
        "DisagreeIntent",
        "FeelingIntent",
        "FeltIntent",
        "NeedIntent",
        "EnergyIntent",
        "PleasantnessIntent",
    }
)
"""What answers "how are you doing right now?" on the launch after a safety answer."""


def _count(p: Profile) -> None:
    p.safety_events += 1


def _hard_moment(at: int) -> ProfileChange:
    def op(p: Profile) -> None:
        p.safety_at = at

    return op


def count_safety_event(t: Turn) -> None:
    """Only a count and when it was (the next launch opens gently and checks in), and only with
    consent: nothing said in a safety turn is ever kept. The operator's count (a category, never
    the words) is kept whatever the consent."""
    found = getattr(t.safety, "category", t.safety)
    telemetry.record(telemetry.SAFETY_EVENT, found if isinstance(found, str) else "disclosed")
    if t.profile.keeps_data:
        t.change(_count)
        t.change(_hard_moment(t.req.now))


def answer_of(t: Turn) -> Answer:
    found = t.safety
    if isinstance(found, SafetyFinding):
        return answer_for(found.category)
    return DEFAULT_ANSWER


def key_number(t: Turn, answer: Answer | str | None = None) -> Raw:
    """The number the answer leads with, as SSML (digit by digit)."""
    chosen = answer or t.session.safety_answer or DEFAULT_ANSWER
    name = KEY_NUMBER.get(chosen, "crisis")  # type: ignore[call-overload]
    return Raw(t.text.render(f"safety.number.{name}"))


def say_exit(t: Turn) -> None:
    """One short line with the key number: every way out after a safety answer."""
    t.say("safety.exit", number=key_number(t))


def goodbye(t: Turn) -> None:
    """Leave: after a safety answer this session, the key number is the last word."""
    if t.session.safety_answer:
        say_exit(t)
    else:
        t.say("goodbye.kind")
    t.end()


def say_numbers(t: Turn) -> None:
    """Every number of the locale, spoken and on the card ("tell me the numbers again")."""
    t.say("safety.numbers.intro")
    t.say("safety.numbers.all")
    t.say("safety.numbers.outro")
    t.card("safety.card.title", "safety.card.body.numbers")


class Safety(Flow):
    id = "safety"
    exercise = False
    steps: ClassVar[Mapping[str, Step]] = {
        # Every answer is taken here: after a disclosure nothing is a "sorry, I missed that".
        "safe": Step(frozenset(), help="help.safety"),
        "stay": Step(frozenset(), help="help.safety"),
        "check_in": Step(CHECK_IN_ANSWERS, help="help.safety"),
    }

    def accepts(self, step: str | None, intent: str | None) -> bool:
        if step in ("safe", "stay"):
            return intent is not None
        return super().accepts(step, intent)

    def start(self, t: Turn) -> None:
        answer = answer_of(t)
        count_safety_event(t)
        t.session.safety_answer = answer
        t.say(f"safety.open.{answer}")
        t.say(f"safety.lines.{answer}")
        t.card("safety.card.title", f"safety.card.body.{answer}")
        step = "safe" if answer in ASKS_IF_SAFE else "stay"
        self.goto(t, step, f"safety.ask.{step}", number=key_number(t, answer))

    def handle(self, t: Turn) -> None:
        step = t.session.step
        if step == "check_in":
            t.say("safety.checked_in")
            t.nav.menu("menu.offer")
            return
        if step == "safe" and t.req.intent == YES:
            t.say("safety.safe_yes")
            self.goto(t, "stay", "safety.ask.stay", number=key_number(t))
            return
        if step == "safe" and t.req.intent == NO:
            t.say("safety.safe_no", number=key_number(t, "urgent"))
            t.nav.leave()
            t.end()
            return
        if step == "stay" and t.req.intent == YES:
            t.nav.hand_off("grounding")
            return
        # No, "i'm fine", "forget it", anything: the key number once more, then the menu.
        say_exit(t)
        t.nav.finish("safety.after")

    def welcome_back(self, t: Turn) -> None:
        """The launch after a safety answer: gently, never saying why (a shared speaker), and a
        question about now."""
        t.say("safety.welcome_back")
        self.goto(t, "check_in", "safety.check_in")


class DiscreetSafety(Flow):
    """A disclosure while someone else may be listening: pause the round, read no hotline."""

    id = "safety-discreet"
    exercise = False
    steps: ClassVar[Mapping[str, Step]] = {}

    def start(self, t: Turn) -> None:
        count_safety_event(t)
        t.session.safety_answer = None
        t.say("safety.discreet")
        t.say("safety.discreet.later")
        t.card("safety.discreet.card.title", "safety.discreet.card.body")
        t.nav.leave()
        t.end()
