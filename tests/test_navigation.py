"""The navigator: start, hand off, delegate and return, the menu; and its session attribute."""

from __future__ import annotations

import random
from collections.abc import Mapping
from typing import ClassVar

from skill.config import Settings
from skill.content import Renderer, load_catalog
from skill.exercises import REGISTRY
from skill.exercises.base import YES, Flow, Return, Step
from skill.handlers import HANDLERS
from skill.navigation import MAX_DEPTH, NO_FLOWS, Registry
from skill.state import Profile, SessionState
from skill.storage.sqlite import SqliteStore
from skill.turn import Incoming, Slot, Turn

CAT = load_catalog(Settings().content_dir, "en-US")


class Caller(Flow):
    id = "caller"
    steps: ClassVar[Mapping[str, Step]] = {"wait": Step(frozenset({YES}), help="help.general")}
    resumed: ClassVar[list[Return]] = []

    def start(self, t: Turn) -> None:
        t.session.enter(self.id, "wait", {"kept": 7})
        t.nav.delegate("callee", caller=self.id, resume="after")

    def resume(self, t: Turn, back: Return) -> None:
        Caller.resumed.append(back)
        assert t.session.flow == self.id
        assert t.session.step == "after"
        assert t.session.data == {"kept": 7}
        t.nav.finish(back.key)


class Callee(Flow):
    id = "callee"
    steps: ClassVar[Mapping[str, Step]] = {"ask": Step(frozenset({YES}), help="help.general")}

    def start(self, t: Turn) -> None:
        self.goto(t, "ask", "menu.next")

    def handle(self, t: Turn) -> None:
        t.nav.finish("menu.after_delete", result="yes")


class Flows:
    def __init__(self, *flows: Flow) -> None:
        self.flows = {f.id: f for f in flows}

    def flow(self, flow_id: str) -> Flow | None:
        return self.flows.get(flow_id)

    def is_exercise(self, flow_id: str) -> bool:
        return flow_id in self.flows

    def offer_menu(self, t: Turn, key: str, /, **params: object) -> None:
        NO_FLOWS.offer_menu(t, key, **params)


def make(
    flows: Registry, intent: str | None = None, session: SessionState | None = None, **slots: str
) -> Turn:
    return Turn(
        settings=Settings(),
        store=SqliteStore(":memory:"),
        key=None,
        req=Incoming(
            request_type="IntentRequest",
            locale="en-US",
            new_session=False,
            intent=intent,
            slots={n: Slot(n, v, v) for n, v in slots.items()},
        ),
        session=session or SessionState(),
        profile=Profile(consent="granted"),
        text=Renderer(CAT, {}, random.Random(1)),
        rng=random.Random(1),
        flows=flows,
    )


def carried(t: Turn) -> SessionState:
    """The session as the next request reads it back from the attributes."""
    return SessionState.model_validate(t.session.model_dump(mode="json", exclude_defaults=True))


def test_delegate_keeps_the_callers_place_and_finish_resumes_it() -> None:
    Caller.resumed.clear()
    flows = Flows(Caller(), Callee())
    t = make(flows)
    t.nav.start("caller")
    assert t.session.flow == "callee"
    assert t.nav.waiting
    nxt = make(flows, intent=YES, session=carried(t))
    Callee().handle(nxt)
    assert Caller.resumed == [Return("after", "yes", "menu.after_delete")]
    assert nxt.session.flow == "menu"
    assert not nxt.nav.waiting
    assert nxt.reply.question == nxt.text.catalog.get("menu.after_delete").variants[0]


def test_a_fresh_start_and_the_menu_forget_who_was_waiting() -> None:
    flows = Flows(Caller(), Callee())
    t = make(flows)
    t.nav.start("caller")
    t.nav.start("callee")
    assert not t.nav.waiting
    t.nav.start("caller")
    t.nav.menu("menu.offer")
    assert not t.nav.waiting
    assert t.session.flow == "menu"


def test_hand_off_keeps_the_waiting_flow() -> None:
    flows = Flows(Caller(), Callee())
    t = make(flows)
    t.nav.start("caller")
    t.nav.hand_off("callee")
    assert t.nav.waiting


def test_delegation_is_bounded() -> None:
    flows = Flows(Caller(), Callee())
    t = make(flows)
    for _ in range(MAX_DEPTH + 2):
        t.session.enter("caller", "wait")
        t.nav.delegate("callee", caller="caller", resume="after")
    assert len(t.session.returns.frames) == MAX_DEPTH


def test_start_after_replays_the_one_shot_request() -> None:
    t = make(REGISTRY, intent="FeelingIntent", feeling="lonely")
    t.nav.start_after("consent", then="check-in")
    assert t.session.flow == "consent"
    nxt = make(REGISTRY, intent=YES, session=carried(t))
    REGISTRY.flows["consent"].handle(nxt)
    assert nxt.req.intent == "FeelingIntent"
    assert nxt.req.slot("feeling").value == "lonely"
    assert nxt.session.flow == "check-in"
    assert nxt.session.step == "need"


def test_a_third_miss_leaves_to_one_suggestion() -> None:
    """Issue 17: two misses threw people out of an exercise; now the second says the step's
    help, and only the third leaves, to one suggestion (a yes or no), never the whole menu."""
    t = make(REGISTRY, session=SessionState(flow="grounding", step="again"))
    t.nav.missed("grounding.retry")
    assert t.session.flow == "grounding"
    t.nav.missed("grounding.retry")
    assert t.session.flow == "grounding"
    assert t.reply.speech[-1] in t.text.catalog.get("help.grounding.again").variants
    t.nav.missed("grounding.retry")
    assert t.session.flow == "menu"
    assert len(t.session.data["offered"]) == 1


def test_the_attribute_is_small_versioned_and_absent_when_empty() -> None:
    t = make(Flows(Caller(), Callee()))
    assert "returns" not in t.session.model_dump(mode="json", exclude_defaults=True)
    t.nav.start("caller")
    dumped = t.session.model_dump(mode="json", exclude_defaults=True)["returns"]
    assert dumped == {"v": 1, "frames": [{"flow": "caller", "step": "after", "data": {"kept": 7}}]}


def test_old_or_unknown_attribute_shapes_read_as_no_stack() -> None:
    for returns in ("junk", [1, 2], {"v": 99, "frames": []}, {"v": 1, "frames": [{"x": 1}]}):
        assert SessionState.model_validate({"returns": returns}).returns.frames == []


def test_an_old_consent_session_with_then_keys_does_not_crash() -> None:
    """Before the navigator, a one-shot waited in ``data.then``: now it is simply forgotten."""
    old = SessionState.model_validate(
        {"flow": "consent", "step": "ask", "data": {"then": "check-in", "then_request": {}}}
    )
    t = make(REGISTRY, intent=YES, session=old)
    handler = next(h for h in HANDLERS if h.matches(t))
    handler.act(t)
    assert t.session.flow == "menu"
    assert t.reply.question
