"""Where the conversation goes next: the navigator every flow moves through (``t.nav``).

Flows never import the registry. The registry is given to each ``Turn`` when it is built (the app
hands it to the load interceptor), and a flow leaves, hands off, delegates or offers the menu only
through ``t.nav``:

- ``start(id)``: a fresh start (from a handler or the menu): forgets any flow waiting to resume.
- ``hand_off(id)``: this flow is done and another takes over; whoever waits for this one to
  return now waits for the other (a tail call).
- ``delegate(id, caller=..., resume=...)``: run another flow, then come back: the caller's place
  (flow, step, data) is kept in a small stack in the session, and when the other flow calls
  ``finish`` the caller's ``resume(t, back)`` runs with ``back.step`` and the answer
  (``back.result``).
- ``start_after(first, then)``: run ``first`` (the first-visit question), then start ``then`` with
  this turn's intent and slots, as if it had just been asked for.
- ``finish(key, result)``: this flow is done: resume whoever waits, else go to the menu's
  "what next?" (``key``).
- ``menu(key)``: offer the menu (forgets every waiting flow); ``missed(retry)``: an answer that
  does not fit, asked again once, then the menu.

The stack lives in ``SessionState.returns`` (versioned; an unknown shape is read as no stack).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Protocol

from skill.state import Frame, SessionState

if TYPE_CHECKING:
    from collections.abc import Iterable

    from skill.turn import Turn

MENU: Final = "menu"
"""The menu flow's id: where a finished flow leaves the conversation."""
MAX_DEPTH: Final = 3
"""Flows waiting to resume at most; a deeper delegation becomes a hand-off."""
MAX_MISSES: Final = 3
"""Answers that do not fit a question before the conversation moves somewhere helpful: the
first is asked again, the second with the step's help, the third leaves (decision 0036)."""
LEAVE_KEY: Final = "menu.suggest_one"
"""Where a third miss leaves to: one exercise suggested with a yes or no, never the whole menu."""
YES_RESULT: Final = "yes"
NO_RESULT: Final = "no"


@dataclass(frozen=True)
class Return:
    """What a resumed flow learns about the flow it delegated to."""

    step: str
    """The step the caller asked to be resumed at."""
    result: str | None = None
    """What the delegated flow answered (e.g. "yes" / "no"), if anything."""
    key: str = "menu.next"
    """The closing question the delegated flow would have asked had nobody been waiting."""


class Destination(Protocol):
    """A flow as the navigator sees it."""

    def start(self, t: Turn) -> None: ...

    def resume(self, t: Turn, back: Return) -> None: ...

    def accepts(self, step: str | None, intent: str | None) -> bool: ...

    def help_for(self, step: str | None) -> str | None: ...


class Registry(Protocol):
    """What the navigator needs from the registry of flows (injected at composition)."""

    def flow(self, flow_id: str) -> Destination | None: ...

    def is_exercise(self, flow_id: str) -> bool: ...

    def offer_menu(self, t: Turn, key: str, /, **params: object) -> None: ...


class NoFlows:
    """The registry of a turn built without one (unit tests of a single flow): it knows no flow,
    so hand-offs are refused and the menu is only its plain question, "what next?"."""

    def flow(self, flow_id: str) -> Destination | None:
        return None

    def is_exercise(self, flow_id: str) -> bool:
        return False

    def offer_menu(self, t: Turn, key: str, /, **params: object) -> None:
        t.session.enter(MENU, "choose")
        t.ask("menu.next")


NO_FLOWS: Final = NoFlows()


class Navigator:
    def __init__(self, t: Turn, registry: Registry) -> None:
        self._t = t
        self._registry = registry

    # --- what exists ------------------------------------------------------------------------
    def has(self, flow_id: str) -> bool:
        return self._registry.flow(flow_id) is not None

    def registered(self, flow_ids: Iterable[str]) -> list[str]:
        """The given flows that are registered, in the given order."""
        return [f for f in flow_ids if self.has(f)]

    def is_exercise(self, flow_id: str | None) -> bool:
        return flow_id is not None and self._registry.is_exercise(flow_id)

    @property
    def waiting(self) -> bool:
        """Whether a flow waits to be resumed when the current one finishes."""
        return bool(self._session.returns.frames)

    # --- moving -----------------------------------------------------------------------------
    def start(self, flow_id: str) -> None:
        """Start a flow afresh: nothing waits to resume."""
        self._session.returns.frames = []
        self._run(flow_id)

    def hand_off(self, flow_id: str) -> None:
        """This flow is done; ``flow_id`` takes over (whoever waits, waits for it instead)."""
        self._run(flow_id)

    def delegate(self, flow_id: str, *, caller: str, resume: str) -> None:
        """Run ``flow_id``; when it finishes, ``caller`` resumes at step ``resume``."""
        s = self._session
        frames = s.returns.frames
        if len(frames) < MAX_DEPTH:
            data = dict(s.data) if s.flow == caller else {}
            frames.append(Frame(flow=caller, step=resume, data=data))
        self._run(flow_id)

    def start_after(self, first: str, then: str) -> None:
        """Run ``first``; when it finishes, start ``then`` with this turn's request replayed."""
        request = self._t.req.remembered()
        self._session.returns.frames = [Frame(flow=then, request=request)]
        self._run(first)

    def finish(self, key: str = "menu.next", result: str | None = None) -> None:
        """Leave the current flow: resume whoever waits for it, else ask what to do next."""
        s = self._session
        if s.returns.frames:
            frame = s.returns.frames.pop()
            target = self._registry.flow(frame.flow)
            if target is not None:
                if frame.step is None:
                    self._t.req = self._t.req.replayed(frame.request or {})
                    s.leave()
                    target.start(self._t)
                else:
                    s.enter(frame.flow, frame.step, frame.data)
                    target.resume(self._t, Return(frame.step, result, key))
                return
        s.returns.frames = []
        s.enter(MENU, "choose")
        self._t.ask(key)

    def menu(self, key: str, /, **params: object) -> None:
        """Offer the menu; every flow that waited is forgotten."""
        self._session.returns.frames = []
        self._registry.offer_menu(self._t, key, **params)

    def missed(self, retry_key: str) -> None:
        """An answer that does not fit the open question: say so and ask again; the second
        time, say the step's help (what to say here) and ask again; the third time, leave
        kindly to one suggestion (never an apology loop, never the whole menu)."""
        s = self._session
        s.retries += 1
        if s.retries >= MAX_MISSES:
            self._t.say("fallback.leave_kindly")
            self.menu(LEAVE_KEY)
            return
        target = self._registry.flow(s.flow or "")
        help_key = target.help_for(s.step) if target is not None else None
        self._t.say(help_key if s.retries > 1 and help_key else retry_key)
        self._t.ask_again()

    def leave(self) -> None:
        """Out of every flow (stop, cancel): nothing waits to resume."""
        self._session.returns.frames = []
        self._session.leave()

    # ------------------------------------------------------------------------------------------
    @property
    def _session(self) -> SessionState:
        return self._t.session

    def _run(self, flow_id: str) -> None:
        target = self._registry.flow(flow_id)
        if target is None:
            raise LookupError(f"no flow {flow_id!r} is registered")
        self._session.leave()
        target.start(self._t)
