"""The menu: what to do next, and the returning welcome."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from skill.content import Raw
from skill.exercises.base import NO, YES, Flow, Step, name_key
from skill.turn import Turn


def spoken_list(t: Turn, keys: list[str]) -> Raw:
    """ "a", "a or b", "a, b or c": names rendered from content and joined as a person would."""
    names = [t.text.render(k) for k in keys]
    if len(names) == 1:
        return Raw(names[0])
    head = ", ".join(names[:-1])
    return Raw(t.text.render("list.or", head=Raw(head), last=Raw(names[-1])))


START = "StartExerciseIntent"


class Menu(Flow):
    id = "menu"
    exercise = False
    steps: ClassVar[Mapping[str, Step]] = {
        "choose": Step(frozenset({YES, NO}), help="help.menu", retry="menu.retry"),
    }

    def offer(self, t: Turn, choices: list[str], key: str, /, **params: object) -> None:
        """Offer exercises by name; a plain "yes" takes the first one offered."""
        t.session.enter(self.id, "choose", {"offered": choices})
        t.ask(key, **params, options=spoken_list(t, [name_key(c) for c in choices]))

    def start(self, t: Turn) -> None:
        t.session.enter(self.id, "choose")
        t.ask("menu.next")

    def handle(self, t: Turn) -> None:
        from skill.exercises import start_flow

        if t.req.intent == YES:
            offered = t.session.data.get("offered") or []
            if offered:
                start_flow(t, offered[0])
            else:
                t.ask("menu.which")
        else:
            t.say("goodbye.kind")
            t.end()
