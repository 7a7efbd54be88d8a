"""What the cold start and the request path rely on (docs/performance.md, decisions 0031-0033)."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as sax_escape

import pytest
from ask_sdk_core.dispatch_components import AbstractResponseInterceptor
from hypothesis import given
from hypothesis import strategies as st

from skill.content import escape


@given(st.text())
def test_escape_is_saxutils_escape_with_quotes(text: str) -> None:
    assert escape(text) == sax_escape(text, {'"': "&quot;"})


def test_the_sdk_is_the_release_the_lean_path_was_written_against() -> None:
    """skill/request.py relies on ask-sdk internals (AttributesManager, HandlerInput, the
    runtime's dispatcher, the models' attribute_map): a new release must be re-checked."""
    from importlib.metadata import version

    from skill.request import SDK_VERSIONS

    assert {name: version(name) for name in SDK_VERSIONS} == SDK_VERSIONS
    pyproject = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text("utf-8")
    for name, pinned in SDK_VERSIONS.items():
        assert f'"{name}=={pinned}"' in pyproject, name


@pytest.mark.parametrize(
    ("stamp", "epoch"),
    [
        ("2026-11-02T19:00:00Z", 1793646000),
        ("2026-11-02T19:00:00.123Z", 1793646000),
        ("2026-11-02T20:00:00+01:00", 1793646000),
        ("2026-11-02T19:00:00", 1793646000),
        ("not a time", 7),
        ("", 7),
        (None, 7),
        (12, 7),
    ],
)
def test_timestamps_are_read_without_dateutil(stamp: object, epoch: int) -> None:
    from skill.request import epoch_of

    assert epoch_of(stamp, 7) == epoch


ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "requests"


class _Materialise(AbstractResponseInterceptor):
    """Last on the SDK path: a turn's response fills in the SDK's fields, for its serializer."""

    def process(self, handler_input: Any, response: Any) -> None:
        from skill.handlers.base import TurnResponse

        if isinstance(response, TurnResponse):
            response.materialise()


def _sdk_path(event: dict[str, Any]) -> dict[str, Any]:
    """The same skill through ask-sdk-core's own CustomSkill, deserialiser and serializer."""
    from ask_sdk_core.skill_builder import SkillBuilder
    from ask_sdk_model.request_envelope import RequestEnvelope

    from skill.config import Settings
    from skill.exercises import REGISTRY
    from skill.handlers import HANDLERS
    from skill.handlers.errors import ApologyExceptionHandler
    from skill.interceptors import (
        Invocation,
        LoadTurnInterceptor,
        SaveTurnInterceptor,
        ScreenTurnInterceptor,
    )
    from skill.storage.sqlite import SqliteStore

    cfg = Settings(store="memory")
    store = SqliteStore(":memory:")
    sb = SkillBuilder()
    for handler in HANDLERS:
        sb.add_request_handler(handler)
    sb.add_exception_handler(ApologyExceptionHandler(cfg))
    sb.add_global_request_interceptor(LoadTurnInterceptor(cfg, store, REGISTRY))
    sb.add_global_request_interceptor(ScreenTurnInterceptor())
    sb.add_global_response_interceptor(SaveTurnInterceptor(cfg, store))
    sb.add_global_response_interceptor(_Materialise())
    skill = sb.create()
    try:
        envelope = skill.serializer.deserialize(payload=json.dumps(event), obj_type=RequestEnvelope)
        out: dict[str, Any] = skill.serializer.serialize(
            skill.invoke(envelope, Invocation(event, None))
        )
    except Exception:  # what the skill answered then: the apology
        from skill.app import _fallback_response

        return _fallback_response(cfg)
    out.pop("userAgent", None)
    return out


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.json")))
def test_the_lean_path_answers_as_the_sdk_path_does(name: str) -> None:
    from skill.app import SteadyHeart
    from skill.config import Settings
    from skill.storage.sqlite import SqliteStore

    event = json.loads((FIXTURES / name).read_text("utf-8"))
    lean = SteadyHeart(Settings(store="memory"), store=SqliteStore(":memory:"))(
        copy.deepcopy(event)
    )
    assert lean == _sdk_path(copy.deepcopy(event))


# A session in a child interpreter: a launch, then ``turn(intent, slots)`` with the session's
# attributes carried over (``import skill.app`` comes first, from whichever tree is tested).
_SESSION = f"""
launch = json.load(open({str(FIXTURES / "launch.json")!r}))
out = skill.app.lambda_handler(launch, None)
assert out["response"]["outputSpeech"], out
attrs = out.get("sessionAttributes") or {{}}
def turn(name, slots):
    global attrs
    launch["session"]["new"] = False
    launch["session"]["attributes"] = attrs
    launch["request"] = {{"type": "IntentRequest", "requestId": "r-" + name,
        "timestamp": "2026-11-02T19:00:00Z", "locale": "en-US",
        "intent": {{"name": name, "confirmationStatus": "NONE", "slots": slots}}}}
    out = skill.app.lambda_handler(launch, None)
    attrs = out.get("sessionAttributes") or {{}}
    return out
"""


def test_a_cold_start_loads_neither_pydantic_nor_yaml_nor_dateutil(tmp_path: Path) -> None:
    """``import skill.app`` and first turns (a launch, a check-in answered, a look-back) from a
    tree staged as the artifact is: the checked bundles instead of YAML, records instead of
    pydantic models, the lean request path instead of the SDK's deserialiser."""
    sys.path.insert(0, str(ROOT / "infra"))
    try:
        import build
    finally:
        sys.path.remove(str(ROOT / "infra"))
    build.stage_sources(tmp_path)
    code = f"""
import json, sys
sys.path.insert(0, {str(tmp_path)!r})
import skill.app
{_SESSION}
for name, slots in (("CheckInIntent", {{}}), ("FeelingIntent", {{"feeling": {{"name": "feeling",
        "value": "lonely"}}}}), ("LookBackIntent", {{}})):
    out = turn(name, slots)
    assert out["response"].get("outputSpeech"), out
loaded = sorted(m for m in ("pydantic", "yaml", "dateutil", "ask_sdk_core.serialize",
    "ask_sdk_model.services") if m in sys.modules)
assert not loaded, loaded
# Flows are imported when first used (decision 0044): none of these ran.
unused = ("pattern", "connection", "couple", "staying", "opener", "boundaries", "grounding")
imported = sorted(m for m in unused if "skill.exercises." + m in sys.modules)
assert not imported, imported
"""
    env = {"PATH": os.environ.get("PATH", ""), "STEADYHEART_STORE": "memory", "LANG": "C.UTF-8"}
    out = subprocess.run(
        [sys.executable, "-I", "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr


def test_words_are_read_with_patterns_compiled_and_a_screen_loaded_only_when_words_arrive(
    tmp_path: Path,
) -> None:
    """A launch and a check-in asked for by name bring no words: they load no safety engine and
    compile none of the language layer's patterns (decision 0094). The next turn brings words,
    and they are screened: a crisis said as a feeling gets the safety answer."""
    code = f"""
import json, sys
import skill.app
from skill.language import interpret
{_SESSION}
turn("AMAZON.NoIntent", {{}})
turn("CheckInIntent", {{}})
assert "skill.language.safety.engine" not in sys.modules
compiled = [p for _, ps in interpret._COMPILED for p in ps if p._compiled is not None]
assert not compiled, compiled[:3]
out = turn("FeelingIntent", {{"feeling": {{"name": "feeling",
    "value": "like i want to kill myself"}}}})
assert "skill.language.safety.engine" in sys.modules
print(out["response"]["outputSpeech"]["ssml"])
"""
    env = {"PATH": os.environ.get("PATH", ""), "STEADYHEART_STORE": "memory", "LANG": "C.UTF-8"}
    out = subprocess.run(
        [sys.executable, "-I", "-c", code],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        cwd=str(ROOT),
    )
    assert out.returncode == 0, out.stderr
    assert "988" in out.stdout, out.stdout


_SSML = st.text(alphabet=st.sampled_from(list("ab <>/.'\"&")), max_size=30) | st.just(
    "<speak>already whole</speak>"
)


@given(
    speech=st.lists(_SSML, max_size=3),
    question=st.none() | _SSML,
    reprompt=st.none() | _SSML,
    end=st.sampled_from([None, False, True]),
    card=st.none() | st.tuples(st.text(max_size=10), st.text(max_size=20)),
    permission=st.booleans(),
)
def test_a_turns_wire_response_is_what_the_sdks_builder_and_serializer_give(
    speech: list[str],
    question: str | None,
    reprompt: str | None,
    end: bool | None,
    card: tuple[str, str] | None,
    permission: bool,
) -> None:
    # Turn handlers answer with TurnResponse, written to the wire from the reply after the
    # response interceptors; ask-sdk's ResponseFactory + DefaultSerializer are the oracle.
    from ask_sdk_core.serialize import DefaultSerializer
    from ask_sdk_model.interfaces.connections import SendRequestDirective

    from skill.handlers.base import TurnResponse
    from skill.turn import Card, Reply

    reply = Reply(speech=speech, question=question, reprompt=reprompt, end_session=end)
    if card is not None:
        reply.card = Card(*card)
    if permission:
        reply.directives.append(
            SendRequestDirective(
                name="AskFor", payload={"@type": "AskForPermissionsConsentRequest"}, token="t"
            )
        )

    class _Turn:
        pass

    turn: Any = _Turn()
    turn.reply = reply
    ours = TurnResponse(turn).wire()

    sdk = TurnResponse(turn)
    sdk.materialise()
    assert ours == DefaultSerializer().serialize(sdk)
