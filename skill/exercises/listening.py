"""Listening: for someone who needs to be heard before anything else ("i just need to vent",
"he screams at me until i cry", "he's been on his phone all night again").

A brief reflection (no diagnosis, no advice), an open question to let them say more, then one
offer: a short check-in with themselves; and if they would rather not, a private note of what
they said, only when they have agreed to keep notes. Never a menu list, never "didn't catch":
whatever comes after the open question (even a fallback, which carries no words) is heard.
The safety screen reads every phrase before this flow does (decision 0034).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, Final

from skill.exercises.base import COMMANDS, NO, YES, YES_NO, Flow, Step
from skill.turn import Turn

VENT: Final = "VentIntent"
MAX_KEPT_CHARS: Final = 400
"""What a note keeps of what was said: enough for a few sentences, never a whole monologue."""
LEAVES: Final = COMMANDS | {"AMAZON.PauseIntent", "AMAZON.ResumeIntent"}
"""Intents that still mean what they say while someone is being listened to."""
CHECK_IN: Final = "check-in"


class Listening(Flow):
    id = "listening"
    exercise = False
    keeps_notes = False  # it keeps a note only on a yes, and only with consent already given
    start_intents = frozenset({VENT})
    steps: ClassVar[Mapping[str, Step]] = {
        "more": Step(frozenset(), help="help.listening.more"),
        "offer": Step(YES_NO, help="help.listening.offer", retry="listening.retry"),
        "note": Step(YES_NO, help="help.listening.note", retry="listening.retry"),
    }

    def accepts(self, step: str | None, intent: str | None) -> bool:
        if step == "more":
            return intent is not None and intent not in LEAVES
        return super().accepts(step, intent)

    def start(self, t: Turn) -> None:
        said = _said(t)
        t.session.enter(self.id, "more", {"said": said[:MAX_KEPT_CHARS]})
        t.say("listening.reflect" if said else "listening.welcome")
        self.goto(t, "more", "listening.ask_more")

    def handle(self, t: Turn) -> None:
        step = t.session.step
        data = t.session.data
        if step == "more":
            said = " ".join(p for p in (str(data.get("said") or ""), _said(t)) if p)
            data["said"] = said[:MAX_KEPT_CHARS]
            t.say("listening.heard")
            self.goto(t, "offer", "listening.offer_check_in")
        elif step == "offer":
            if t.req.intent == YES:
                t.nav.hand_off(CHECK_IN)
            elif t.profile.keeps_data and data.get("said"):
                self.goto(t, "note", "listening.offer_note")
            else:
                t.say("listening.close")
                t.nav.finish()
        elif step == "note":
            if t.req.intent == YES and t.keep(
                "reflection", exercise=self.id, text=str(data.get("said") or "")
            ):
                t.say_kept("listening.kept")
            elif t.req.intent == NO:
                t.say("listening.not_kept")
            t.say("listening.close")
            t.nav.finish()

    def on_unsure(self, t: Turn) -> bool:
        t.say(f"help.listening.{t.session.step}")
        t.ask_again()
        return True


def _said(t: Turn) -> str:
    """What reached us in words (a statement's slot), in the order said."""
    return " ".join(v.strip() for v in t.req.free_text() if v.strip())
