"""Resolver: intents, slots and entity resolution against the synthetic model in model.json."""

from __future__ import annotations

import json
from typing import Any

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import Intent

from devtools.nlu import FALLBACK_INTENT, Resolution, Resolver
from tests.support.nlu_fixtures import MODEL_PATH, SKILL_ID, intent, language_model, without_intents

FEELING_AUTHORITY = f"amzn1.er-authority.echo-sdk.{SKILL_ID}.FeelingType"
EXERCISE_AUTHORITY = f"amzn1.er-authority.echo-sdk.{SKILL_ID}.ExerciseType"


def slot(res: Resolution, name: str) -> dict[str, Any]:
    value: dict[str, Any] = res.intent["slots"][name]
    return value


def authority(res: Resolution, name: str) -> dict[str, Any]:
    per_authority = slot(res, name)["resolutions"]["resolutionsPerAuthority"]
    assert len(per_authority) == 1
    value: dict[str, Any] = per_authority[0]
    return value


# -- custom slot types: ER_SUCCESS_MATCH ------------------------------------------------------


def test_match_produces_the_alexa_slot_json_exactly(resolver: Resolver) -> None:
    res = resolver.resolve("I feel left out")
    assert res.intent == {
        "name": "CheckInIntent",
        "confirmationStatus": "NONE",
        "slots": {
            "feeling": {
                "name": "feeling",
                "value": "left out",
                "resolutions": {
                    "resolutionsPerAuthority": [
                        {
                            "authority": FEELING_AUTHORITY,
                            "status": {"code": "ER_SUCCESS_MATCH"},
                            "values": [{"value": {"name": "lonely", "id": "LONELY"}}],
                        }
                    ]
                },
                "confirmationStatus": "NONE",
                "source": "USER",
            }
        },
    }
    assert res.how == "exact"
    assert res.sample == "i feel {feeling}"


@pytest.mark.parametrize(
    ("text", "intent_name", "slot_name", "spoken", "canonical", "value_id"),
    [
        ("i feel lonely", "CheckInIntent", "feeling", "lonely", "lonely", "LONELY"),
        ("i'm feeling worried", "CheckInIntent", "feeling", "worried", "anxious", "ANXIOUS"),
        ("feeling on edge", "CheckInIntent", "feeling", "on edge", "anxious", "ANXIOUS"),
        ("I feel A BIT BETTER.", "CheckInIntent", "feeling", "a bit better", "hopeful", "HOPEFUL"),
        ("i am feeling invisible", "CheckInIntent", "feeling", "invisible", "lonely", "LONELY"),
        ("optimistic", "CheckInIntent", "feeling", "optimistic", "hopeful", "HOPEFUL"),
        ("do five senses", "ExerciseIntent", "exercise", "five senses", "grounding", "grounding"),
        (
            "start body scanning",
            "ExerciseIntent",
            "exercise",
            "body scanning",
            "body scan",
            "body_scan",
        ),
        ("grounding exercise", "ExerciseIntent", "exercise", "grounding", "grounding", "grounding"),
        # tolerant of case, articles and plurals
        (
            "let's do the body scans",
            "ExerciseIntent",
            "exercise",
            "the body scans",
            "body scan",
            "body_scan",
        ),
        (
            "i want to do my journal",
            "ExerciseIntent",
            "exercise",
            "my journal",
            "journaling",
            "journaling",
        ),
        ("START GROUNDING!", "ExerciseIntent", "exercise", "grounding", "grounding", "grounding"),
    ],
)
def test_custom_slot_value_resolves_to_canonical_name_and_id(
    resolver: Resolver,
    text: str,
    intent_name: str,
    slot_name: str,
    spoken: str,
    canonical: str,
    value_id: str,
) -> None:
    res = resolver.resolve(text)
    assert res.name == intent_name
    assert slot(res, slot_name)["value"] == spoken
    auth = authority(res, slot_name)
    assert auth["status"] == {"code": "ER_SUCCESS_MATCH"}
    assert auth["values"] == [{"value": {"name": canonical, "id": value_id}}]
    assert res.slot_id(slot_name) == value_id
    assert res.slot_value(slot_name) == spoken


def test_synonym_shared_by_two_values_lists_both_in_model_order(resolver: Resolver) -> None:
    res = resolver.resolve("i feel low")
    assert authority(res, "feeling")["values"] == [
        {"value": {"name": "sad", "id": "SAD"}},
        {"value": {"name": "tired", "id": "TIRED"}},
    ]


def test_skill_id_appears_in_the_authority() -> None:
    res = Resolver.from_file(MODEL_PATH, "amzn1.ask.skill.other").resolve("do grounding")
    assert authority(res, "exercise")["authority"] == (
        "amzn1.er-authority.echo-sdk.amzn1.ask.skill.other.ExerciseType"
    )


def test_value_without_id_uses_canonical_name(model: dict[str, Any]) -> None:
    feeling_type = language_model(model)["types"][0]
    feeling_type["values"].append({"name": {"value": "numb", "synonyms": ["empty"]}})
    res = Resolver(model, SKILL_ID).resolve("i feel empty")
    assert authority(res, "feeling")["values"] == [{"value": {"name": "numb", "id": "numb"}}]


# -- custom slot types: ER_SUCCESS_NO_MATCH ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "spoken"),
    [
        ("i feel like a ghost in my house", "like a ghost in my house"),
        ("I'm feeling purple", "purple"),
        ("i am feeling kind of meh", "kind of meh"),
    ],
)
def test_unknown_custom_value_is_no_match_without_values(
    resolver: Resolver, text: str, spoken: str
) -> None:
    res = resolver.resolve(text)
    assert res.name == "CheckInIntent"
    assert slot(res, "feeling")["value"] == spoken
    auth = authority(res, "feeling")
    assert auth == {"authority": FEELING_AUTHORITY, "status": {"code": "ER_SUCCESS_NO_MATCH"}}
    assert res.slot_id("feeling") is None


def test_no_match_capture_is_at_most_six_words(resolver: Resolver) -> None:
    res = resolver.resolve("i feel like a ghost in my own house")
    assert res.how != "exact"
    assert len(res.slot_value("feeling") or "") < len("like a ghost in my own house")


# -- unfilled slots ----------------------------------------------------------------------------


def test_unfilled_slot_is_present_without_value(resolver: Resolver) -> None:
    res = resolver.resolve("check in")
    assert res.intent == {
        "name": "CheckInIntent",
        "confirmationStatus": "NONE",
        "slots": {"feeling": {"name": "feeling", "confirmationStatus": "NONE"}},
    }
    assert res.slot_value("feeling") is None


def test_every_declared_slot_appears_filled_or_not(resolver: Resolver) -> None:
    res = resolver.resolve("remind me at 8 pm")
    assert list(res.intent["slots"]) == ["time", "delay"]
    assert slot(res, "time") == {
        "name": "time",
        "value": "20:00",
        "confirmationStatus": "NONE",
        "source": "USER",
    }
    assert slot(res, "delay") == {"name": "delay", "confirmationStatus": "NONE"}


@pytest.mark.parametrize(
    ("text", "intent_name", "slot_name"),
    [
        ("talk about", "TalkIntent", "topic"),
        ("i want to talk about", "TalkIntent", "topic"),
        ("i'm feeling", "CheckInIntent", "feeling"),
        ("set a reminder for", "ReminderIntent", "time"),
        ("my name is", "IntroduceIntent", "name"),
    ],
)
def test_carrier_phrase_without_its_slot_value_leaves_the_slot_empty(
    resolver: Resolver, text: str, intent_name: str, slot_name: str
) -> None:
    res = resolver.resolve(text)
    assert res.name == intent_name
    assert slot(res, slot_name) == {"name": slot_name, "confirmationStatus": "NONE"}


def test_intent_without_slots_has_no_slots_key(resolver: Resolver) -> None:
    assert resolver.resolve("yes").intent == {
        "name": "AMAZON.YesIntent",
        "confirmationStatus": "NONE",
    }


# -- AMAZON.SearchQuery ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("i want to talk about my husband never listening", "my husband never listening"),
        ("talk about work", "work"),
        ("Can we talk about how distant he's been?", "how distant he's been"),
        ("let me tell you about the fight we had last night", "the fight we had last night"),
    ],
)
def test_search_query_captures_the_rest_behind_a_carrier_phrase(
    resolver: Resolver, text: str, topic: str
) -> None:
    res = resolver.resolve(text)
    assert res.name == "TalkIntent"
    assert slot(res, "topic") == {
        "name": "topic",
        "value": topic,
        "confirmationStatus": "NONE",
        "source": "USER",
    }


def test_search_query_needs_its_carrier_phrase(resolver: Resolver) -> None:
    res = resolver.resolve("my husband never listens")
    assert res.name == FALLBACK_INTENT


# -- built-in slot types -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spoken", "value"),
    [
        ("8 pm", "20:00"),
        ("8pm", "20:00"),
        ("8 p.m.", "20:00"),
        ("8:30 am", "08:30"),
        ("8:30 a.m.", "08:30"),
        ("9", "09:00"),
        ("noon", "12:00"),
        ("midnight", "00:00"),
        ("eight thirty pm", "20:30"),
        ("twenty one thirty", "21:30"),
        ("half past seven", "07:30"),
        ("quarter to nine", "08:45"),
        ("7 in the morning", "07:00"),
        ("six in the evening", "18:00"),
        ("eight o'clock", "08:00"),
        ("eight oh five", "08:05"),
        ("21:15", "21:15"),
        ("12 am", "00:00"),
        ("12 pm", "12:00"),
        ("this evening", "EV"),
        ("tonight", "NI"),
    ],
)
def test_time_slot_converts_like_amazon_time(resolver: Resolver, spoken: str, value: str) -> None:
    res = resolver.resolve(f"remind me at {spoken}")
    assert res.name == "ReminderIntent"
    assert slot(res, "time") == {
        "name": "time",
        "value": value,
        "confirmationStatus": "NONE",
        "source": "USER",
    }


@pytest.mark.parametrize("spoken", ["banana", "25", "13 pm", "8:75", "eight ninety"])
def test_time_slot_never_takes_an_unparseable_value(resolver: Resolver, spoken: str) -> None:
    res = resolver.resolve(f"remind me at {spoken}")
    assert res.name == FALLBACK_INTENT


def test_time_slot_is_not_cut_short_by_a_partial_match(resolver: Resolver) -> None:
    res = resolver.resolve("please remind me at 8 pm tomorrow")
    assert res.name == FALLBACK_INTENT or res.slot_value("time") == "20:00"
    res = resolver.resolve("remind me at 8 pm if you can")
    assert (res.name, res.how, res.slot_value("time")) == ("ReminderIntent", "partial", "20:00")


@pytest.mark.parametrize(
    ("spoken", "value"),
    [("three", "3"), ("42", "42"), ("twenty one", "21"), ("a hundred", "100"), ("ten", "10")],
)
def test_number_slot_converts_words_to_digits(resolver: Resolver, spoken: str, value: str) -> None:
    res = resolver.resolve(f"breathe {spoken} times")
    assert res.name == "BreathCountIntent"
    assert slot(res, "count") == {
        "name": "count",
        "value": value,
        "confirmationStatus": "NONE",
        "source": "USER",
    }


def test_number_slot_rejects_words_that_are_not_numbers(resolver: Resolver) -> None:
    res = resolver.resolve("breathe banana times")
    assert res.name != "BreathCountIntent"


@pytest.mark.parametrize(
    ("spoken", "value"),
    [("ten minutes", "PT10M"), ("an hour and a half", "PT1H30M"), ("two days", "P2D")],
)
def test_duration_slot_is_iso_8601(resolver: Resolver, spoken: str, value: str) -> None:
    res = resolver.resolve(f"remind me in {spoken}")
    assert res.name == "ReminderIntent"
    assert res.slot_value("delay") == value
    assert "resolutions" not in slot(res, "delay")


def test_first_name_is_a_single_word_without_resolutions(resolver: Resolver) -> None:
    res = resolver.resolve("My name is Sarah.")
    assert res.name == "IntroduceIntent"
    assert slot(res, "name") == {
        "name": "name",
        "value": "sarah",
        "confirmationStatus": "NONE",
        "source": "USER",
    }


# -- built-in intents --------------------------------------------------------------------------

BUILTIN_CASES = {
    "AMAZON.YesIntent": [
        "yes", "Yeah!", "yep", "sure", "ok", "okay", "please do", "of course", "sounds good",
        "alright", "why not", "let's do it", "yes please",
    ],
    "AMAZON.NoIntent": ["no", "nope", "not now", "no thanks", "I'd rather not", "No thank you."],
    "AMAZON.StopIntent": ["stop", "quit", "exit", "goodbye", "bye", "shut up", "that's enough"],
    "AMAZON.CancelIntent": ["cancel", "never mind", "forget it"],
    "AMAZON.HelpIntent": [
        "help", "what do I say?", "I don't understand", "what can I say", "how does this work",
        "what is steady heart",  # a model sample, added to the usual phrases
    ],
    "AMAZON.RepeatIntent": ["repeat", "say that again", "what did you say", "come again", "pardon"],
    "AMAZON.StartOverIntent": ["start over", "restart", "from the beginning", "start again"],
    "AMAZON.NavigateHomeIntent": ["go home", "main menu", "menu"],
}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "intent_name"),
    [(text, name) for name, texts in BUILTIN_CASES.items() for text in texts],
)
def test_builtin_intents_get_the_usual_phrases(
    resolver: Resolver, text: str, intent_name: str
) -> None:
    res = resolver.resolve(text)
    assert res.name == intent_name
    assert res.intent == {"name": intent_name, "confirmationStatus": "NONE"}


@pytest.mark.parametrize(
    ("text", "absent", "instead"),
    [
        ("main menu", "AMAZON.NavigateHomeIntent", FALLBACK_INTENT),
        ("go home", "AMAZON.NavigateHomeIntent", FALLBACK_INTENT),
        ("repeat", "AMAZON.RepeatIntent", FALLBACK_INTENT),
        # "start {exercise}" takes "over" as an unresolved exercise, as Alexa's would
        ("start over", "AMAZON.StartOverIntent", "ExerciseIntent"),
    ],
)
def test_builtins_the_model_does_not_declare_are_never_returned(
    model: dict[str, Any], text: str, absent: str, instead: str
) -> None:
    res = Resolver(without_intents(model, absent), SKILL_ID).resolve(text)
    assert res.name == instead


@pytest.mark.parametrize("text", ["pause", "resume", "next", "go back"])
def test_pause_resume_and_navigation_need_declaring(resolver: Resolver, text: str) -> None:
    assert resolver.resolve(text).name == FALLBACK_INTENT


def test_declared_pause_and_resume_get_their_phrases(model: dict[str, Any]) -> None:
    lm = language_model(model)
    lm["intents"] += [{"name": "AMAZON.PauseIntent"}, {"name": "AMAZON.ResumeIntent"}]
    r = Resolver(model, SKILL_ID)
    assert r.resolve("pause").name == "AMAZON.PauseIntent"
    assert r.resolve("hold on").name == "AMAZON.PauseIntent"
    assert r.resolve("resume").name == "AMAZON.ResumeIntent"
    assert r.resolve("keep going").name == "AMAZON.ResumeIntent"


# -- fallback ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["asdf qwer zxcv", "blorp", "what's the weather in paris", "", "!!!", "   ", "the"],
)
def test_gibberish_goes_to_fallback(resolver: Resolver, text: str) -> None:
    res = resolver.resolve(text)
    assert res.intent == {"name": FALLBACK_INTENT, "confirmationStatus": "NONE"}
    assert res.how == "fallback"
    assert res.sample is None


def test_without_fallback_the_best_declared_intent_is_guessed(model: dict[str, Any]) -> None:
    r = Resolver(without_intents(model, FALLBACK_INTENT), SKILL_ID)
    for text in ["asdf qwer zxcv", "my husband never listens", "", "purple"]:
        res = r.resolve(text)
        assert res.how == "guess"
        assert res.name in r.intent_names
        assert res.name != FALLBACK_INTENT


@pytest.mark.parametrize(
    ("text", "intent_name"),
    [
        ("reminder zebra zebra zebra zebra zebra", "ReminderIntent"),  # shares a word
        ("yes zebra zebra zebra zebra", "AMAZON.YesIntent"),  # a sample plus too many extras
        ("purple", "CheckInIntent"),  # only the slot-only sample "{feeling}" fits
    ],
)
def test_guess_prefers_the_closest_sample(
    model: dict[str, Any], text: str, intent_name: str
) -> None:
    r = Resolver(without_intents(model, FALLBACK_INTENT), SKILL_ID)
    res = r.resolve(text)
    assert (res.name, res.how) == (intent_name, "guess")


# -- ranking -----------------------------------------------------------------------------------


def test_literal_sample_beats_a_slot_only_sample(resolver: Resolver) -> None:
    assert (
        intent(json.loads(MODEL_PATH.read_text(encoding="utf-8")), "CheckInIntent").get(
            "samples", []
        )[7]
        == "{feeling}"
    )
    assert resolver.resolve("help").name == "AMAZON.HelpIntent"
    assert resolver.resolve("lonely").name == "CheckInIntent"


def test_literal_sample_beats_a_slot_only_sample_even_when_the_value_resolves(
    model: dict[str, Any],
) -> None:
    language_model(model)["types"][0]["values"][2]["name"]["synonyms"].append("help")
    r = Resolver(model, SKILL_ID)
    assert r.resolve("help").name == "AMAZON.HelpIntent"
    assert r.resolve("i feel help").slot_id("feeling") == "SAD"


def test_more_literal_words_win(resolver: Resolver) -> None:
    # "i want to do {exercise}" (4 literal words) over "do {exercise}" (1) or "{feeling}" (0)
    res = resolver.resolve("i want to do grounding")
    assert res.sample == "i want to do {exercise}"


def test_resolving_value_is_preferred_over_a_no_match(model: dict[str, Any]) -> None:
    lm = language_model(model)
    lm["intents"].insert(
        0,
        {
            "name": "MoodIntent",
            "slots": [{"name": "mood", "type": "FeelingType"}],
            "samples": ["today {mood}"],
        },
    )
    lm["intents"].insert(
        1,
        {
            "name": "PracticeIntent",
            "slots": [{"name": "practice", "type": "ExerciseType"}],
            "samples": ["today {practice}"],
        },
    )
    r = Resolver(model, SKILL_ID)
    # Same literal words: the slot whose value resolves wins, whatever the model order.
    assert r.resolve("today grounding").name == "PracticeIntent"
    assert r.resolve("today lonely").name == "MoodIntent"
    # Neither resolves: model order decides.
    assert r.resolve("today purple").name == "MoodIntent"


def test_ties_go_to_model_order(model: dict[str, Any]) -> None:
    lm = language_model(model)
    lm["intents"].insert(0, {"name": "FirstIntent", "samples": ["same words"]})
    lm["intents"].insert(1, {"name": "SecondIntent", "samples": ["same words"]})
    assert Resolver(model, SKILL_ID).resolve("same words").name == "FirstIntent"


def test_model_samples_beat_builtin_default_phrases(model: dict[str, Any]) -> None:
    intent(model, "CheckInIntent")["samples"].append("okay")
    assert Resolver(model, SKILL_ID).resolve("okay").name == "CheckInIntent"


def test_exact_slotless_sample_beats_a_slotted_one(model: dict[str, Any]) -> None:
    intent(model, "ExerciseIntent")["samples"].append("i feel like moving")
    res = Resolver(model, SKILL_ID).resolve("i feel like moving")
    assert res.name == "ExerciseIntent"


# -- normalisation and tolerance ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "intent_name", "how"),
    [
        ("I\u2019m feeling LONELY!!!", "CheckInIntent", "exact"),
        ("  check   in  ", "CheckInIntent", "exact"),
        ("check-in", "CheckInIntent", "exact"),
        ("um yes", "AMAZON.YesIntent", "relaxed"),
        ("alexa stop", "AMAZON.StopIntent", "relaxed"),
        ("check in please", "CheckInIntent", "relaxed"),
        ("a check in", "CheckInIntent", "relaxed"),
        ("yes thank you", "AMAZON.YesIntent", "relaxed"),
        ("yes i guess", "AMAZON.YesIntent", "partial"),
        ("to be honest i feel lonely", "CheckInIntent", "partial"),
    ],
)
def test_tolerates_case_punctuation_fillers_and_a_few_extra_words(
    resolver: Resolver, text: str, intent_name: str, how: str
) -> None:
    res = resolver.resolve(text)
    assert (res.name, res.how) == (intent_name, how)


def test_many_extra_words_are_not_a_partial_match(resolver: Resolver) -> None:
    res = resolver.resolve("no idea what the weather will do this weekend")
    assert res.name == FALLBACK_INTENT


def test_partial_match_still_fills_slots(resolver: Resolver) -> None:
    res = resolver.resolve("to be honest i feel lonely")
    assert res.slot_id("feeling") == "LONELY"
    assert res.text == "to be honest i feel lonely"


# -- output compatibility ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["i feel low", "i feel purple", "check in", "remind me at 8 pm", "talk about work", "yes"],
)
def test_intent_json_deserialises_into_ask_sdk_model(resolver: Resolver, text: str) -> None:
    res = resolver.resolve(text)
    parsed = DefaultSerializer().deserialize(json.dumps(res.intent), "ask_sdk_model.intent.Intent")
    assert isinstance(parsed, Intent)
    assert parsed.name == res.name
    for name, slot_json in res.intent.get("slots", {}).items():
        assert parsed.slots is not None
        assert parsed.slots[name].value == slot_json.get("value")


def test_resolve_does_not_share_mutable_state(resolver: Resolver) -> None:
    first = resolver.resolve("i feel low")
    first.intent["slots"]["feeling"]["value"] = "changed"
    assert resolver.resolve("i feel low").slot_value("feeling") == "low"


# -- model validation --------------------------------------------------------------------------


def _with_intent(model: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    language_model(model)["intents"].append(extra)
    return model


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"name": "BadIntent", "samples": ["say {thing}"]}, "undeclared slot"),
        (
            {"name": "BadIntent", "slots": [{"name": "x", "type": "NoSuchType"}], "samples": []},
            "undefined type",
        ),
        (
            {
                "name": "BadIntent",
                "slots": [{"name": "q", "type": "AMAZON.SearchQuery"}],
                "samples": ["{q}"],
            },
            "carrier phrase",
        ),
        (
            {
                "name": "BadIntent",
                "slots": [{"name": "x", "type": "FeelingType"}],
                "samples": ["{x} and {x}"],
            },
            "repeats",
        ),
        ({"name": "CheckInIntent", "samples": ["again"]}, "declared twice"),
    ],
)
def test_invalid_models_are_refused_like_the_ask_build_would(
    model: dict[str, Any], extra: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        Resolver(_with_intent(model, extra), SKILL_ID)


@pytest.mark.parametrize(
    "bad",
    [{}, {"interactionModel": {}}, {"interactionModel": {"languageModel": {"intents": []}}}],
)
def test_malformed_model_shapes_are_refused(bad: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="interaction model"):
        Resolver(bad, SKILL_ID)


def test_from_file_matches_the_dict_constructor(model: dict[str, Any]) -> None:
    from_file = Resolver.from_file(str(MODEL_PATH), SKILL_ID)
    from_dict = Resolver(model, SKILL_ID)
    assert from_file.invocation_name == "steady heart"
    assert from_file.intent_names == from_dict.intent_names
    assert from_file.has_fallback
    for text in ["i feel low", "help", "blorp"]:
        assert from_file.resolve(text) == from_dict.resolve(text)


def test_other_builtin_slot_types_capture_a_short_phrase(model: dict[str, Any]) -> None:
    _with_intent(
        model,
        {
            "name": "CityIntent",
            "slots": [{"name": "city", "type": "AMAZON.City"}],
            "samples": ["i live in {city}"],
        },
    )
    res = Resolver(model, SKILL_ID).resolve("i live in new york")
    assert res.name == "CityIntent"
    assert res.intent["slots"]["city"] == {
        "name": "city",
        "value": "new york",
        "confirmationStatus": "NONE",
        "source": "USER",
    }


# -- whole matches with unresolved slots against looser readings -------------------------------


def test_more_literal_words_beat_a_whole_match_with_an_unresolved_slot(
    model: dict[str, Any],
) -> None:
    intent(model, "ExerciseIntent")["samples"].append("{exercise} please")
    language_model(model)["intents"].append({"name": "DeleteIntent", "samples": ["delete my data"]})
    r = Resolver(model, SKILL_ID)
    # "{exercise} please" covers every word, but with "delete my data" as an unknown exercise.
    res = r.resolve("delete my data please")
    assert (res.name, res.how, res.sample) == ("DeleteIntent", "relaxed", "delete my data")
    # A value that resolves still makes the slotted sample the better reading.
    assert r.resolve("grounding please").name == "ExerciseIntent"


def test_a_long_partial_match_beats_a_short_carrier_with_an_unresolved_slot(
    resolver: Resolver,
) -> None:
    res = resolver.resolve("i feel like i want to talk about work")
    assert (res.name, res.how) == ("TalkIntent", "partial")
    assert res.slot_value("topic") == "work"
