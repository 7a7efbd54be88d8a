"""Validation practice: short role-plays where Alexa plays the partner opening up.

Each round: a scenario line (never the same as the last one, unseen ones first), the person's
reply in their own words (``PracticeLineIntent``, behind "I'd say ..."), feedback from
``skill.language.coaching.check_reply`` with the scenario's model validating reply, then
"another one?".
How to answer is explained once per practice. Nothing said here is kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from skill.content import Raw
from skill.exercises.base import NO, YES, Flow, Step
from skill.turn import Turn

VALIDATION = "ValidationIntent"
LINE = "PracticeLineIntent"
ANOTHER = "AnotherRoundIntent"

SCENARIOS: tuple[str, ...] = (
    "work",
    "quiet",
    "mom",
    "friends",
    "money",
    "lost",
    "dinner",
    "distant",
    "back",
    "promotion",
    "not_ready",
)
"""Scenario ids; each has ``validation.scenario.<id>.line`` and ``.model`` in content."""
BARE_YES = "ok"
"""What a yes at the reply step stands for ("ok", "sure", "yeah"): read as a one-word reply."""


def next_scenario(seen: list[str], pick: int) -> str:
    """An unseen scenario if any is left, never the one just played; ``pick`` chooses among them."""
    last = seen[-1] if seen else None
    pool = [s for s in SCENARIOS if s not in seen] or [s for s in SCENARIOS if s != last]
    return pool[pick % len(pool)]


class Validation(Flow):
    id = "validation"
    start_intents = frozenset({VALIDATION})
    keeps_notes = False
    steps: ClassVar[Mapping[str, Step]] = {
        # A bare "ok" or "sure" reaches us as yes: as a reply to a partner opening up, it is
        # a brush-off, and the feedback says so (it is not a miss).
        "reply": Step(
            frozenset({LINE, YES}), help="help.validation.reply", retry="validation.retry"
        ),
        "again": Step(
            frozenset({YES, NO, ANOTHER, LINE}),
            help="help.validation.again",
            retry="validation.again_retry",
        ),
    }

    def start(self, t: Turn) -> None:
        t.session.enter(self.id, "reply", {"seen": []})
        t.say("validation.intro")
        self._play(t)

    def handle(self, t: Turn) -> None:
        if t.req.intent == LINE or (t.req.intent == YES and t.session.step == "reply"):
            self._reply(t)
        elif t.req.intent == NO:
            t.say("validation.close")
            t.nav.finish()
        else:
            self._play(t)

    # ------------------------------------------------------------------------------------------
    def _line(self, t: Turn) -> Raw:
        return Raw(t.text.render(f"validation.scenario.{t.session.data['scenario']}.line"))

    def _play(self, t: Turn) -> None:
        seen = [str(s) for s in t.session.data.get("seen", [])]
        scenario = next_scenario(seen, t.rng.randrange(len(SCENARIOS)))
        t.session.data["seen"] = [*seen, scenario][-len(SCENARIOS) :]
        t.session.data["scenario"] = scenario
        line = self._line(t)
        t.say("validation.partner_says", line=line)
        self.goto(t, "reply", "validation.ask", line=line)

    def _reply(self, t: Turn) -> None:
        slot = t.req.slot("line")
        if "scenario" not in t.session.data:
            self._play(t)
            return
        said = slot.value if t.req.intent == LINE else BARE_YES
        if t.req.intent == LINE and not slot.filled:
            t.say("validation.empty")
            self.goto(t, "reply", "validation.example", line=self._line(t))
            return
        # compiled on first use: keeps cold start lean
        from skill.language.coaching import check_reply

        check = check_reply(said)
        verdict = check.verdict
        main = check.main
        phrase = main.phrase if main is not None else ""
        if verdict != "validating" and check.validating:
            t.say("validation.feedback.good_start")
        if t.req.intent == YES:
            # We did not hear their exact word ("yeah", "sure"): describe it, don't quote it.
            t.say("validation.feedback.short_reply")
        else:
            t.say(f"validation.feedback.{verdict}", phrase=phrase)
        if verdict != "validating":
            model = t.text.render(f"validation.scenario.{t.session.data['scenario']}.model")
            t.say("validation.model", model=Raw(model))
        self.goto(t, "again", "validation.again")
