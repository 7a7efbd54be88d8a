"""The one ordered registry of request handlers: the first whose ``matches`` is true answers.

Order matters and is pinned by tests/test_routing.py:
safety first; then requests that are not conversation turns; then the active flow's own
answers; then phrases that start something; then built-ins; the catch-alls last.
"""

from __future__ import annotations

from skill.handlers.base import TurnHandler
from skill.handlers.core import (
    CancelHandler,
    DeleteDataHandler,
    FlowStepHandler,
    HelpHandler,
    LaunchHandler,
    MissHandler,
    NavigateHomeHandler,
    RepeatHandler,
    SessionEndedHandler,
    StartFlowHandler,
    StartOverHandler,
    StopHandler,
    UnknownRequestHandler,
    WhatDoYouKeepHandler,
    YesNoOutOfPlaceHandler,
)
from skill.handlers.events import SkillDisabledHandler, SkillEventHandler
from skill.handlers.navigation import (
    BackHandler,
    NextHandler,
    PauseHandler,
    ResumeHandler,
    UnsureHandler,
    VentHandler,
)
from skill.handlers.reminders import ConnectionsResponseHandler, PermissionEventHandler
from skill.handlers.safety import SafetyHandler, SafetyNumbersHandler

HANDLERS: tuple[TurnHandler, ...] = (
    SafetyHandler(),
    SafetyNumbersHandler(),
    SessionEndedHandler(),
    SkillDisabledHandler(),
    # Before SkillEventHandler, which answers every other AlexaSkillEvent.* silently: the
    # permission events update the profile, and the answer to our reminders AskFor
    # (Connections.Response) must reach its handler before the catch-all for unknown requests.
    PermissionEventHandler(),
    ConnectionsResponseHandler(),
    SkillEventHandler(),
    LaunchHandler(),
    StopHandler(),
    CancelHandler(),
    HelpHandler(),
    RepeatHandler(),
    PauseHandler(),
    ResumeHandler(),
    FlowStepHandler(),
    BackHandler(),
    NextHandler(),
    StartFlowHandler(),
    VentHandler(),
    UnsureHandler(),
    DeleteDataHandler(),
    WhatDoYouKeepHandler(),
    StartOverHandler(),
    NavigateHomeHandler(),
    YesNoOutOfPlaceHandler(),
    MissHandler(),
    UnknownRequestHandler(),
)
