"""The menu: what to do next, and the returning welcome.

"What can I do?" is answered in short spoken groups ("for how you're feeling: ...; for talking
with your partner: ..."), each naming at most ``MAX_PER_GROUP`` registered exercises, then one
question. At a returning welcome, the exercise that fits the last check-in comes first when that
check-in was kept in the last three days (:func:`fits_last_checkin`): it is read from the
profile (``Profile.last_checkin``), so the welcome needs no history read. The reason is not said
aloud: on a shared speaker, "after your tense check-in" would tell others how the person felt.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import ClassVar, Final

from skill.content import Raw
from skill.exercises.base import NO, YES, Flow, Step, name_key, prefix_of
from skill.exercises.safety import goodbye
from skill.routing import Routing
from skill.state import LastCheckin
from skill.turn import Turn

GROUPS: Final = ("feel", "partner", "closer", "you", "bigger")
"""Menu groups in the order they are said (``menu.group.<group>`` names each)."""
OTHER_GROUP: Final = "other"
"""Exercises without a group are said last, under ``menu.group.other``."""
MAX_PER_GROUP: Final = 4
RECENT_CHECKIN_S: Final = 3 * 86400


def group_exercises(
    exercises: Sequence[tuple[str, str | None]],
) -> list[tuple[str, list[str]]]:
    """(group, exercise ids) in menu order, from (id, group) pairs in registry order; a group
    with more than ``MAX_PER_GROUP`` exercises is said in several parts."""
    by_group: dict[str, list[str]] = {}
    for flow_id, group in exercises:
        by_group.setdefault(group if group in GROUPS else OTHER_GROUP, []).append(flow_id)
    found: list[tuple[str, list[str]]] = []
    for group in (*GROUPS, OTHER_GROUP):
        ids = by_group.get(group, [])
        for i in range(0, len(ids), MAX_PER_GROUP):
            found.append((group, ids[i : i + MAX_PER_GROUP]))
    return found


def fits_last_checkin(
    routing: Routing, last: LastCheckin | None, now: int, registered: Collection[str]
) -> str | None:
    """The exercise that fits a check-in kept in the last three days, if one is registered:
    a resentful-family feeling -> opener; unpleasant with high energy -> calming; unpleasant
    with low energy and about the partner -> connection, else appreciation; otherwise none."""
    if last is None or not 0 <= now - last.at <= RECENT_CHECKIN_S:
        return None
    choices: tuple[str, ...] = ()
    if last.feeling in routing.family("opener"):
        choices = ("opener",)
    elif last.quadrant == "unpleasant_high":
        choices = ("calming",)
    elif last.quadrant == "unpleasant_low" and last.about_partner:
        choices = ("connection", "appreciation")
    return next((c for c in choices if c in registered), None)


def spoken_list(t: Turn, keys: list[str]) -> Raw:
    """ "a", "a or b", "a, b or c": names rendered from content and joined as a person would."""
    names = [t.text.render(k) for k in keys]
    if len(names) == 1:
        return Raw(names[0])
    head = ", ".join(names[:-1])
    return Raw(t.text.render("list.or", head=Raw(head), last=Raw(names[-1])))


def short_key(flow_id: str) -> str:
    """The short name the whole menu uses, so every exercise fits in one short turn."""
    return f"menu.short.{prefix_of(flow_id)}"


START = "StartExerciseIntent"
ORDINAL = "OrdinalIntent"
"""'the first one', 'the last one', 'that one': said of what was just offered."""
UNSURE_INTENTS: Final = frozenset({"UnsureIntent", "UndecidedIntent"})
"""'not sure', 'i don't know', 'no idea', 'a bit of both': accepted at every question."""
SUGGEST_ONE: Final = "menu.suggest_one"
"""One exercise suggested with a yes or no: the answer to "i don't know" at the menu, and where
a third miss inside an exercise leaves to."""
_ORDINALS: Final = {"first": 0, "second": 1, "third": 2, "last": -1, "that": 0}


def chosen(offered: Sequence[str], choice: str | None) -> str | None:
    """The exercise an ordinal names among those just offered ("that one" is the one offered
    when only one was, else the first, which was said first and is what "yes" takes)."""
    if not offered or choice not in _ORDINALS:
        return None
    index = _ORDINALS[choice]
    if choice == "that" and len(offered) > 1:
        index = 0
    return offered[index] if -len(offered) <= index < len(offered) else None


class Menu(Flow):
    id = "menu"
    exercise = False
    steps: ClassVar[Mapping[str, Step]] = {
        "choose": Step(
            frozenset({YES, NO, ORDINAL, *UNSURE_INTENTS}), help="help.menu", retry="menu.retry"
        ),
    }

    def offer(self, t: Turn, choices: list[str], key: str, /, **params: object) -> None:
        """Offer exercises by name; a plain "yes" takes the first one offered, "the second
        one" the second (the list stays in the session data)."""
        single = key == SUGGEST_ONE
        skipped = list(t.session.data.get("skipped") or []) if t.session.flow == self.id else []
        t.session.enter(self.id, "choose", {"offered": choices, "single": single})
        if single:
            t.session.data["skipped"] = skipped
        t.ask(key, **params, options=spoken_list(t, [name_key(c) for c in choices]))

    def offer_groups(self, t: Turn, groups: list[tuple[str, list[str]]]) -> None:
        """The whole menu in short groups, then one question ("which sounds good?")."""
        parts = [
            t.text.render(
                f"menu.group.{group}", options=spoken_list(t, [short_key(i) for i in ids])
            )
            for group, ids in groups
        ]
        listed = [i for _, ids in groups for i in ids]
        t.session.enter(self.id, "choose", {"offered": [], "listed": listed})
        t.ask("menu.groups", groups=Raw(" ".join(parts)))

    def suggest(self, t: Turn, choices: list[str], key: str, /, **params: object) -> None:
        """Offer one exercise first, then the others; a plain "yes" takes the first."""
        if len(choices) < 2:
            self.offer(t, choices, "menu.offer")
            return
        t.session.enter(self.id, "choose", {"offered": choices})
        t.ask(
            key,
            **params,
            suggestion=Raw(t.text.render(name_key(choices[0]))),
            options=spoken_list(t, [name_key(c) for c in choices[1:]]),
        )

    def start(self, t: Turn) -> None:
        t.session.enter(self.id, "choose")
        t.ask("menu.next")

    def handle(self, t: Turn) -> None:
        data = t.session.data
        offered = [str(o) for o in data.get("offered") or []]
        if t.req.intent == ORDINAL:
            target = chosen(
                offered or [str(i) for i in data.get("listed") or []],
                t.req.slot("choice").resolved_id,
            )
            if target is not None and t.nav.has(target):
                t.nav.start(target)
            else:
                t.say("menu.ordinal_unknown")
                t.ask_again()
            return
        if t.req.intent in UNSURE_INTENTS:
            # Never back into a check-in loop: one exercise, a plain yes or no.
            data["skipped"] = [*(data.get("skipped") or []), *offered[:1]]
            t.say("menu.unsure")
            t.nav.menu(SUGGEST_ONE)
            return
        if t.req.intent == NO and data.get("single"):
            data["skipped"] = [*(data.get("skipped") or []), *offered[:1]]
            t.say("menu.no_worries")
            t.nav.menu("menu.offer")
            return
        if t.req.intent == YES:
            offered = t.session.data.get("offered") or []
            if offered:
                t.nav.start(str(offered[0]))
            else:
                t.ask("menu.which")
        else:
            goodbye(t)
