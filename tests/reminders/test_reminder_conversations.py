"""Reminder conversations end to end: the real skill, a real store, and the local Alexa API.

Each test asserts what is said (content keys), what the API received, and what is stored.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from skill.app import SteadyHeart
from tests.support.fake_alexa_api import FakeAlexaApi
from tests.support.talk import SCOPE, Talk, directives, said

TOKEN_8PM = "steadyheart.reminder.v1:set:20:00"


def rule_of(fake: FakeAlexaApi, alert_token: str) -> str:
    rules: list[str] = fake.reminders[alert_token]["trigger"]["recurrence"]["recurrenceRules"]
    return rules[0]


# --- create ---------------------------------------------------------------------------------
def test_remind_me_every_day_at_8_pm_creates_one_daily_neutral_reminder(
    fake_api: FakeAlexaApi,
) -> None:
    talk = Talk.start(fake_api, consent="granted")
    ex = talk.say("ask steady heart to remind me every day at 8 pm")
    assert said(ex, "reminders.set")
    assert "8 PM" in ex.speech
    assert said(ex, "reminders.how_to_stop")
    assert said(ex, "menu.next")
    assert not ex.ended
    assert ex.reprompt
    (post,) = fake_api.calls("POST")
    assert post.authorized
    body = post.body
    assert body["trigger"]["type"] == "SCHEDULED_ABSOLUTE"
    assert body["trigger"]["timeZoneId"] == "America/Los_Angeles"
    # 19:00:20 UTC is 11:00:20 in Los Angeles: the first one is at 8 PM the same local day.
    assert body["requestTime"] == "2026-11-02T11:00:20.000"
    assert body["trigger"]["scheduledTime"] == "2026-11-02T20:00:00.000"
    assert body["trigger"]["recurrence"]["recurrenceRules"] == [
        "FREQ=DAILY;BYHOUR=20;BYMINUTE=0;BYSECOND=0"
    ]
    (content,) = body["alertInfo"]["spokenInfo"]["content"]
    assert content == {"locale": "en-US", "text": "Time for a quiet moment for yourself."}
    assert body["pushNotification"] == {"status": "ENABLED"}
    (alert_token,) = fake_api.reminders
    stored = talk.profile()
    assert stored.reminder is not None
    assert (stored.reminder.alert_token, stored.reminder.hour, stored.reminder.minute) == (
        alert_token,
        20,
        0,
    )
    assert stored.reminder_permission is True


def test_without_a_time_it_asks_what_time(fake_api: FakeAlexaApi) -> None:
    talk = Talk.start(fake_api, consent="granted")
    ex = talk.say("ask steady heart to remind me every day")
    assert said(ex, "reminders.ask_time")
    assert ex.reprompt
    assert fake_api.seen == []
    ex = talk.say("help")
    assert said(ex, "help.reminders.time")
    ex = talk.say("how about half past seven in the morning")
    assert said(ex, "reminders.set")
    assert "7:30 AM" in ex.speech
    (alert_token,) = fake_api.reminders
    assert rule_of(fake_api, alert_token) == "FREQ=DAILY;BYHOUR=7;BYMINUTE=30;BYSECOND=0"
    assert talk.profile().reminder is not None


def test_a_time_never_heard_twice_leaves_it_without_a_reminder(fake_api: FakeAlexaApi) -> None:
    talk = Talk.start(fake_api, consent="granted")
    talk.say("ask steady heart to set a daily reminder")
    ex = talk.conv.intent("ReminderTimeIntent")
    assert said(ex, "reminders.time_retry")
    assert said(ex, "reminders.ask_time.reprompt")
    ex = talk.conv.intent("ReminderTimeIntent")
    assert said(ex, "reminders.no_time")
    assert said(ex, "menu.next")
    assert fake_api.seen == []
    assert talk.profile().reminder is None


def test_when_the_time_zone_is_unknown_the_reminder_is_still_set_quietly(
    fake_api: FakeAlexaApi,
) -> None:
    fake_api.fail_next(500, on="settings")
    talk = Talk.start(fake_api, consent="granted")
    ex = talk.say("ask steady heart to remind me every day at 8 pm")
    assert said(ex, "reminders.set")
    assert not said(ex, "reminders.failed")
    (post,) = fake_api.calls("POST")
    assert "timeZoneId" not in post.body["trigger"]
    assert talk.profile().reminder is not None


def test_a_reminder_made_earlier_is_moved_not_duplicated(fake_api: FakeAlexaApi) -> None:
    earlier = fake_api.add_reminder(21, 0)
    talk = Talk.start(fake_api, consent="granted")
    ex = talk.say("ask steady heart to remind me every day at 8 pm")
    assert said(ex, "reminders.moved")
    assert list(fake_api.reminders) == [earlier]
    assert rule_of(fake_api, earlier).startswith("FREQ=DAILY;BYHOUR=20;")
    assert fake_api.calls("POST") == []
    reminder = talk.profile().reminder
    assert reminder is not None
    assert reminder.alert_token == earlier


def test_a_first_visit_one_shot_asks_about_notes_then_sets_the_time_it_heard(
    fake_api: FakeAlexaApi,
) -> None:
    talk = Talk.start(fake_api)
    ex = talk.say("ask steady heart to remind me every day at 8 pm")
    assert said(ex, "consent.ask")
    assert fake_api.seen == []
    ex = talk.say("yes")
    assert said(ex, "consent.granted")
    assert said(ex, "reminders.set")
    assert "8 PM" in ex.speech
    assert talk.profile().reminder is not None


# --- permission -----------------------------------------------------------------------------
def test_no_permission_asks_by_voice_then_accepted_sets_it(fake_api: FakeAlexaApi) -> None:
    fake_api.permission = False
    talk = Talk.start(fake_api, consent="granted")
    ex = talk.say("ask steady heart to remind me every day at 8 pm")
    assert said(ex, "reminders.permission_why")
    (directive,) = directives(ex)
    assert directive == {
        "type": "Connections.SendRequest",
        "name": "AskFor",
        "payload": {
            "@type": "AskForPermissionsConsentRequest",
            "@version": "2",
            "permissionScopes": [{"permissionScope": SCOPE, "consentLevel": "ACCOUNT"}],
        },
        "token": TOKEN_8PM,
    }
    response = ex.response["response"]
    assert response["shouldEndSession"] is True
    assert "reprompt" not in response
    assert fake_api.reminders == {}
    assert talk.profile().reminder is None

    fake_api.permission = True  # the person said "I approve"
    ex = talk.consent_answer("ACCEPTED", TOKEN_8PM)
    assert said(ex, "reminders.set")
    assert "8 PM" in ex.speech
    assert said(ex, "reminders.how_to_stop")
    assert not ex.ended
    assert ex.reprompt
    (alert_token,) = fake_api.reminders
    stored = talk.profile()
    assert stored.reminder is not None
    assert stored.reminder.alert_token == alert_token
    assert stored.reminder_permission is True


def test_permission_denied_is_a_kind_no_and_no_offer_for_a_week(fake_api: FakeAlexaApi) -> None:
    talk = Talk.start(fake_api, consent="granted")
    ex = talk.consent_answer("DENIED", TOKEN_8PM)
    assert said(ex, "reminders.permission_denied")
    assert said(ex, "menu.next")
    assert fake_api.seen == []
    stored = talk.profile()
    assert stored.reminder_declined_at == talk.now
    assert stored.reminder_permission is False

    def practice() -> bool:
        talk.say("ask steady heart for an appreciation practice")
        talk.say("she made dinner")
        talk.say("grateful")
        return said(talk.say("no"), "reminders.offer")

    talk.later(6)
    assert not practice()
    talk.later(2)
    assert practice()


def test_permission_not_answered_says_how_to_ask_later(fake_api: FakeAlexaApi) -> None:
    talk = Talk.start(fake_api, consent="granted")
    ex = talk.consent_answer("NOT_ANSWERED", TOKEN_8PM)
    assert said(ex, "reminders.permission_not_answered")
    assert "remind me every day" in ex.speech
    assert "Alexa app" in ex.speech
    assert fake_api.seen == []
    stored = talk.profile()
    assert stored.reminder is None
    assert stored.reminder_declined_at == 0


def test_accepted_but_still_refused_does_not_ask_again(fake_api: FakeAlexaApi) -> None:
    fake_api.permission = False
    talk = Talk.start(fake_api, consent="granted")
    ex = talk.consent_answer("ACCEPTED", TOKEN_8PM)
    assert said(ex, "reminders.permission_missing")
    assert directives(ex) == []
    assert not ex.ended
    assert talk.profile().reminder is None


@pytest.mark.parametrize(
    ("token", "code", "name"),
    [
        ("someone-elses-token", "200", "AskFor"),
        ("steadyheart.reminder.v1:set:25:00", "200", "AskFor"),
        (TOKEN_8PM, "500", "AskFor"),
        (TOKEN_8PM, "200", "Buy"),
    ],
)
def test_an_answer_we_cannot_use_changes_nothing(
    fake_api: FakeAlexaApi, token: str, code: str, name: str
) -> None:
    talk = Talk.start(fake_api, consent="granted")
    ex = talk.consent_answer("ACCEPTED", token, code=code, name=name)
    assert said(ex, "reminders.permission_not_answered")
    assert fake_api.seen == []
    stored = talk.profile()
    assert stored.reminder is None
    assert stored.reminder_permission is False


def test_without_api_access_it_asks_for_permission_first(fake_api: FakeAlexaApi) -> None:
    talk = Talk.start(fake_api, consent="granted")
    talk.conv.sim.api_endpoint = ""  # a request without apiEndpoint: no API access
    ex = talk.say("ask steady heart to remind me every day at 8 pm")
    assert said(ex, "reminders.permission_why")
    assert [d["name"] for d in directives(ex)] == ["AskFor"]
    assert fake_api.seen == []


# --- change, ask, stop ----------------------------------------------------------------------
def seeded(fake: FakeAlexaApi, hour: int = 20, minute: int = 0) -> tuple[Talk, str]:
    alert_token = fake.add_reminder(hour, minute)
    talk = Talk.start(
        fake,
        consent="granted",
        reminder={"alert_token": alert_token, "hour": hour, "minute": minute},
        reminder_permission=True,
    )
    return talk, alert_token


def test_move_my_reminder_to_9_am(fake_api: FakeAlexaApi) -> None:
    talk, alert_token = seeded(fake_api)
    ex = talk.say("ask steady heart to move my reminder to 9 am")
    assert said(ex, "reminders.moved")
    assert "9 AM" in ex.speech
    assert said(ex, "reminders.how_to_stop")
    (put,) = fake_api.calls("PUT")
    assert put.path == f"/v1/alerts/reminders/{alert_token}"
    assert rule_of(fake_api, alert_token) == "FREQ=DAILY;BYHOUR=9;BYMINUTE=0;BYSECOND=0"
    reminder = talk.profile().reminder
    assert reminder is not None
    assert (reminder.hour, reminder.minute) == (9, 0)


def test_moving_a_reminder_deleted_in_the_app_makes_a_new_one(fake_api: FakeAlexaApi) -> None:
    talk, alert_token = seeded(fake_api)
    fake_api.reminders.clear()  # deleted in the Alexa app meanwhile
    ex = talk.say("ask steady heart to move my reminder to 9 am")
    assert said(ex, "reminders.set")
    (fresh,) = fake_api.reminders
    assert fresh != alert_token
    reminder = talk.profile().reminder
    assert reminder is not None
    assert reminder.alert_token == fresh
    assert reminder.hour == 9


def test_move_without_a_time_asks_for_it(fake_api: FakeAlexaApi) -> None:
    talk, alert_token = seeded(fake_api)
    ex = talk.say("ask steady heart to change my reminder")
    assert said(ex, "reminders.ask_time")
    ex = talk.say("at 6 pm")
    assert said(ex, "reminders.moved")
    assert "6 PM" in ex.speech
    assert rule_of(fake_api, alert_token).startswith("FREQ=DAILY;BYHOUR=18;BYMINUTE=0")


def test_when_is_my_reminder(fake_api: FakeAlexaApi) -> None:
    talk, alert_token = seeded(fake_api, 20, 30)
    ex = talk.say("ask steady heart when is my reminder")
    assert said(ex, "reminders.when")
    assert "8:30 PM" in ex.speech
    assert [(c.method, c.path) for c in fake_api.seen] == [
        ("GET", f"/v1/alerts/reminders/{alert_token}")
    ]


def test_when_the_service_is_down_the_time_we_set_is_told(fake_api: FakeAlexaApi) -> None:
    talk, _ = seeded(fake_api, 20, 30)
    fake_api.fail_next(503)
    ex = talk.say("ask steady heart when is my reminder")
    assert said(ex, "reminders.when")
    assert "8:30 PM" in ex.speech


def test_when_it_was_deleted_in_the_app_there_is_none(fake_api: FakeAlexaApi) -> None:
    talk, _ = seeded(fake_api)
    fake_api.reminders.clear()
    ex = talk.say("ask steady heart when is my reminder")
    assert said(ex, "reminders.when_none")
    assert not said(ex, "reminders.when")
    assert talk.profile().reminder is None


def test_when_there_is_none(fake_api: FakeAlexaApi) -> None:
    talk = Talk.start(fake_api, consent="granted")
    ex = talk.say("ask steady heart when is my reminder")
    assert said(ex, "reminders.when_none")


def test_stop_my_reminders(fake_api: FakeAlexaApi) -> None:
    talk, alert_token = seeded(fake_api)
    ex = talk.say("ask steady heart to stop my reminders")
    assert said(ex, "reminders.stopped")
    assert [(c.method, c.path) for c in fake_api.seen] == [
        ("DELETE", f"/v1/alerts/reminders/{alert_token}")
    ]
    assert fake_api.reminders == {}
    assert talk.profile().reminder is None
    ex = talk.say("stop my reminders")
    assert said(ex, "reminders.stopped_none")


# --- errors: said kindly, nothing half-saved ------------------------------------------------
@pytest.mark.parametrize(
    ("status", "key"),
    [
        (403, "reminders.not_allowed"),
        (429, "reminders.busy"),
        (400, "reminders.failed"),
        (409, "reminders.failed"),
        (500, "reminders.failed"),
        (503, "reminders.failed"),
    ],
)
def test_create_errors_are_answered_and_nothing_is_kept(
    fake_api: FakeAlexaApi, status: int, key: str
) -> None:
    talk = Talk.start(fake_api, consent="granted")
    fake_api.script_next(200, body={"totalCount": "0", "alerts": []})  # the look for an old one
    fake_api.fail_next(status, on="reminders")
    ex = talk.say("ask steady heart to remind me every day at 8 pm")
    assert said(ex, key)
    assert said(ex, "menu.next")
    assert not said(ex, "reminders.set")
    assert directives(ex) == []
    assert not ex.ended
    assert ex.reprompt
    assert fake_api.reminders == {}
    stored = talk.profile()
    assert stored.reminder is None
    assert stored.reminder_permission is False


def test_a_timeout_is_answered_and_nothing_is_kept(fake_api: FakeAlexaApi) -> None:
    talk = Talk.start(fake_api, consent="granted")
    # Settings are frozen: the same skill and store, with a short API timeout.
    talk.conv.app = SteadyHeart(replace(talk.conv.settings, api_timeout_s=0.3), talk.conv.store)
    talk.conv.sim.handler = talk.conv.app
    fake_api.script_next(200, body={"alerts": []}, delay_s=1.0, on="reminders")
    ex = talk.say("ask steady heart to remind me every day at 8 pm")
    assert said(ex, "reminders.failed")
    assert talk.profile().reminder is None


def test_a_401_while_listing_asks_for_permission(fake_api: FakeAlexaApi) -> None:
    talk = Talk.start(fake_api, consent="granted")
    fake_api.fail_next(401, on="reminders")
    ex = talk.say("ask steady heart to remind me every day at 8 pm")
    assert [d["token"] for d in directives(ex)] == [TOKEN_8PM]
    assert ex.ended


@pytest.mark.parametrize(("status", "key"), [(429, "reminders.busy"), (500, "reminders.failed")])
def test_move_and_stop_errors_leave_the_reminder_as_it_was(
    fake_api: FakeAlexaApi, status: int, key: str
) -> None:
    talk, alert_token = seeded(fake_api)
    fake_api.fail_next(status, on="reminders")
    ex = talk.say("ask steady heart to move my reminder to 9 am")
    assert said(ex, key)
    assert not said(ex, "reminders.moved")
    assert rule_of(fake_api, alert_token).startswith("FREQ=DAILY;BYHOUR=20;")
    fake_api.fail_next(status, on="reminders")
    ex = talk.say("stop my reminders")
    assert said(ex, key)
    assert not said(ex, "reminders.stopped")
    assert alert_token in fake_api.reminders
    reminder = talk.profile().reminder
    assert reminder is not None
    assert (reminder.alert_token, reminder.hour) == (alert_token, 20)


def test_stop_without_permission_says_so(fake_api: FakeAlexaApi) -> None:
    talk, _ = seeded(fake_api)
    fake_api.permission = False
    ex = talk.say("ask steady heart to stop my reminders")
    assert said(ex, "reminders.permission_missing")
    assert directives(ex) == []
    assert talk.profile().reminder is not None


# --- without consent to keep notes ----------------------------------------------------------
def test_without_consent_nothing_is_kept_and_the_reminder_is_found_by_listing(
    fake_api: FakeAlexaApi,
) -> None:
    talk = Talk.start(fake_api, consent="declined")
    ex = talk.say("ask steady heart to remind me every day at 8 pm")
    assert said(ex, "reminders.set")
    (alert_token,) = fake_api.reminders
    ex = talk.say("when is my reminder")
    assert said(ex, "reminders.when")
    assert "8 PM" in ex.speech
    ex = talk.say("move my reminder to 9 am")
    assert said(ex, "reminders.moved")
    assert list(fake_api.reminders) == [alert_token]
    assert rule_of(fake_api, alert_token).startswith("FREQ=DAILY;BYHOUR=9;")
    ex = talk.say("stop my reminders")
    assert said(ex, "reminders.stopped")
    assert fake_api.reminders == {}
    stored = talk.profile()
    assert stored.consent == "declined"
    assert stored.reminder is None
    assert stored.reminder_permission is False
    assert stored.reminder_declined_at == 0


def test_without_consent_there_is_no_offer_after_a_practice(fake_api: FakeAlexaApi) -> None:
    talk = Talk.start(fake_api, consent="declined")
    talk.say("ask steady heart for an appreciation practice")
    talk.say("he made my coffee")
    ex = talk.say("grateful")
    assert not said(ex, "appreciation.ask_keep")
    assert not said(ex, "reminders.offer")
    assert said(ex, "appreciation.close")


# --- offered after a practice ---------------------------------------------------------------
def test_offered_after_a_practice_yes_then_a_time(fake_api: FakeAlexaApi) -> None:
    talk = Talk.start(fake_api, consent="granted")
    talk.say("ask steady heart for an appreciation practice")
    talk.say("he made my coffee")
    talk.say("it made me feel cared for")
    ex = talk.say("no")
    assert said(ex, "appreciation.not_kept")
    assert said(ex, "reminders.offer")
    ex = talk.say("yes")
    assert said(ex, "reminders.ask_time")
    ex = talk.say("8 pm")
    assert said(ex, "reminders.set")
    assert "8 PM" in ex.speech
    assert talk.profile().reminder is not None
    talk.later(1)
    talk.say("ask steady heart for an appreciation practice")
    talk.say("she called me at lunch")
    talk.say("loved")
    ex = talk.say("no")
    assert not said(ex, "reminders.offer"), "a reminder is set: no offer"


def test_no_to_the_offer_is_remembered_for_a_week(fake_api: FakeAlexaApi) -> None:
    talk = Talk.start(fake_api, consent="granted")
    talk.say("ask steady heart for an appreciation practice")
    talk.say("they took the bins out")
    talk.say("relieved")
    talk.say("no")
    ex = talk.say("no")
    assert said(ex, "reminders.declined")
    assert fake_api.seen == []
    assert talk.profile().reminder_declined_at == talk.now
