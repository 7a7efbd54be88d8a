"""Local time comes from the device's time zone (Alexa's Settings API), asked at most once and
cached: a US user at 11 pm local gets evening ideas and evening look-backs, not UTC's morning."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from skill.config import Settings
from skill.exercises.connection import load_ideas
from tests.support.conversation import catalog, key_pattern
from tests.support.fake_alexa_api import FakeAlexaApi
from tests.support.talk import Talk, said

# 11 pm in Los Angeles (PST, UTC-8) is 7 am UTC: breakfast time by UTC's clock.
ELEVEN_PM_LA = datetime(2026, 11, 3, 7, 0, tzinfo=UTC)
IDEAS = {i.id: i for i in load_ideas(Settings().content_dir / "en" / "connection.yaml")}


def zone_calls(fake: FakeAlexaApi) -> int:
    return len(fake.calls("GET", where="settings"))


def idea_of(speech: str) -> str:
    cat = catalog("en-US")
    found = [i for i in IDEAS if key_pattern(cat, f"connection.idea.{i}").search(speech)]
    assert len(found) == 1, speech
    return found[0]


def evening_ideas(talk: Talk, count: int = 4) -> list[str]:
    """Ideas given in a row; each must suit the evening (an "any time" idea does too)."""
    ideas = [idea_of(talk.say("give me a connection idea").speech)]
    ideas += [idea_of(talk.say("another one").speech) for _ in range(count - 1)]
    for idea in ideas:
        assert {"evening", "any"} & set(IDEAS[idea].when), ideas
    assert any("evening" in IDEAS[i].when for i in ideas), ideas
    return ideas


def at_eleven_pm(fake: FakeAlexaApi, **profile: object) -> Talk:
    talk = Talk.start(fake, **profile)
    talk.conv.now = ELEVEN_PM_LA
    return talk


def test_a_us_user_at_11_pm_gets_an_evening_idea_and_the_zone_is_cached(
    fake_api: FakeAlexaApi,
) -> None:
    talk = at_eleven_pm(fake_api, consent="granted", visits=2)
    talk.say("open steady heart")
    evening_ideas(talk)
    assert zone_calls(fake_api) == 1
    stored = talk.profile()
    assert stored.time_zone == "America/Los_Angeles"
    assert stored.time_zone_at == int(ELEVEN_PM_LA.timestamp()) + 20
    # A new session reads it from the profile: no second call.
    talk.conv.sim.session_id = None
    talk.say("open steady heart")
    talk.say("give me a connection idea")
    assert zone_calls(fake_api) == 1


def test_the_zone_is_asked_again_after_thirty_days(fake_api: FakeAlexaApi) -> None:
    talk = at_eleven_pm(fake_api, consent="granted", visits=2)
    talk.say("open steady heart")
    assert zone_calls(fake_api) == 1
    talk.conv.now += timedelta(days=29)
    talk.conv.sim.session_id = None
    talk.say("open steady heart")
    assert zone_calls(fake_api) == 1
    talk.conv.now += timedelta(days=2)
    talk.conv.sim.session_id = None
    fake_api.time_zone = "America/New_York"
    talk.say("open steady heart")
    assert zone_calls(fake_api) == 2
    assert talk.profile().time_zone == "America/New_York"


def test_a_failed_lookup_falls_back_to_utc_silently_and_is_not_retried_that_day(
    fake_api: FakeAlexaApi,
) -> None:
    talk = at_eleven_pm(fake_api, consent="granted", visits=2)
    fake_api.fail_next(500, on="settings")
    out = talk.say("open steady heart")
    assert said(out, "welcome.back")
    assert not said(out, "error.apology")
    assert not said(out, "storage.not_saved")
    assert talk.profile().time_zone == ""
    # UTC's 7 am: a morning idea is allowed again (the fallback is UTC, not a guess).
    talk.say("give me a connection idea")
    assert zone_calls(fake_api) == 1
    talk.conv.sim.session_id = None
    talk.conv.now += timedelta(hours=3)
    talk.say("open steady heart")
    assert zone_calls(fake_api) == 1
    talk.conv.now += timedelta(days=1)
    talk.conv.sim.session_id = None
    talk.say("open steady heart")
    assert zone_calls(fake_api) == 2
    assert talk.profile().time_zone == "America/Los_Angeles"


def test_without_notes_the_zone_is_kept_for_the_session_only(fake_api: FakeAlexaApi) -> None:
    talk = at_eleven_pm(fake_api, consent="declined")
    talk.say("open steady heart")
    evening_ideas(talk)
    assert zone_calls(fake_api) == 1
    assert talk.profile().time_zone == ""
    assert talk.profile().time_zone_at == 0


def test_evening_check_ins_are_evening_in_the_look_back(fake_api: FakeAlexaApi) -> None:
    talk = at_eleven_pm(fake_api, consent="granted", visits=9)
    # Six check-ins at 7 pm Los Angeles time (3 am UTC: "night" by UTC's clock).
    talk.conv.seed(
        {
            "history": [
                {
                    "kind": "checkin",
                    "days_ago": d,
                    "hours_ago": 4,
                    "data": {"feeling": "lonely", "quadrant": "unpleasant_low"},
                }
                for d in range(1, 7)
            ]
        }
    )
    talk.conv.person = None
    out = talk.say("ask steady heart how have i been feeling lately")
    if said(out, "private_check.confirm"):
        out = talk.say("yes")
    assert said(out, "look_back.period.evening"), out.speech
    assert not said(out, "look_back.period.night"), out.speech
