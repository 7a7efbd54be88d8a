"""The packaged skill.json (infra/package.py from infra/skill-manifest.json) against the
documented skill manifest shape and store rules.

Field names follow the skill manifest schema (manifest, publishingInformation,
privacyAndCompliance, permissions, events, apis); example phrases follow the certification
rules: at most three, each "Alexa, <launch word> <invocation name> ...", and the part after
the invocation name must be one of the sample utterances of the locale's model.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from devtools.models import INVOCATION_NAME, LOCALES

ROOT = Path(__file__).resolve().parents[2]
COUNTRY = {"en-US": "US", "en-GB": "GB", "en-CA": "CA", "en-AU": "AU", "en-IN": "IN"}

# The manifest's category enumeration (skill manifest schema, "category" values).
CATEGORIES = frozenset(
    [
        "ALARMS_AND_CLOCKS",
        "ASTROLOGY",
        "BUSINESS_AND_FINANCE",
        "CALCULATORS",
        "CALENDARS_AND_REMINDERS",
        "CHILDRENS_EDUCATION_AND_REFERENCE",
        "CHILDRENS_GAMES",
        "CHILDRENS_MUSIC_AND_AUDIO",
        "CHILDRENS_NOVELTY_AND_HUMOR",
        "COMMUNICATION",
        "CONNECTED_CAR",
        "COOKING_AND_RECIPE",
        "CURRENCY_GUIDES_AND_CONVERTERS",
        "DATING",
        "DELIVERY_AND_TAKEOUT",
        "DEVICE_TRACKING",
        "EDUCATION_AND_REFERENCE",
        "EVENT_FINDERS",
        "EXERCISE_AND_WORKOUT",
        "FASHION_AND_STYLE",
        "FLIGHT_FINDERS",
        "FRIENDS_AND_FAMILY",
        "GAME_INFO_AND_ACCESSORY",
        "GAMES",
        "HEALTH_AND_FITNESS",
        "HOTEL_FINDERS",
        "KNOWLEDGE_AND_TRIVIA",
        "MOVIE_AND_TV_KNOWLEDGE_AND_TRIVIA",
        "MOVIE_INFO_AND_REVIEWS",
        "MOVIE_SHOWTIMES",
        "MUSIC_AND_AUDIO_ACCESSORIES",
        "MUSIC_AND_AUDIO_KNOWLEDGE_AND_TRIVIA",
        "MUSIC_INFO_REVIEWS_AND_RECOGNITION_SERVICE",
        "NAVIGATION_AND_TRIP_PLANNER",
        "NEWS",
        "NOVELTY",
        "ORGANIZERS_AND_ASSISTANTS",
        "PETS_AND_ANIMAL",
        "PODCAST",
        "PUBLIC_TRANSPORTATION",
        "RELIGION_AND_SPIRITUALITY",
        "RESTAURANT_BOOKING_INFO_AND_REVIEW",
        "SCHOOLS",
        "SCORE_KEEPING",
        "SELF_IMPROVEMENT",
        "SHOPPING",
        "SMART_HOME",
        "SOCIAL_NETWORKING",
        "SPORTS_GAMES",
        "SPORTS_NEWS",
        "STREAMING_SERVICE",
        "TAXI_AND_RIDESHARING",
        "TO_DO_LISTS_AND_NOTES",
        "TRANSLATORS",
        "TV_GUIDES",
        "UNIT_CONVERTERS",
        "WEATHER",
        "WINE_AND_BEVERAGE",
        "ZIP_CODE_LOOKUP",
    ]
)
MANIFEST_KEYS = {
    "manifestVersion",
    "publishingInformation",
    "privacyAndCompliance",
    "permissions",
    "events",
    "apis",
}
PUBLISHING_KEYS = {
    "locales",
    "category",
    "distributionMode",
    "isAvailableWorldwide",
    "distributionCountries",
    "testingInstructions",
}
LOCALE_REQUIRED = {
    "name",
    "summary",
    "description",
    "examplePhrases",
    "keywords",
    "smallIconUri",
    "largeIconUri",
}
LOCALE_KEYS = LOCALE_REQUIRED | {"updatesDescription"}
PRIVACY_FLAGS = {
    "allowsPurchases": False,
    "isChildDirected": False,
    "isExportCompliant": True,
    "containsAds": False,
}
LAUNCH = re.compile(
    rf"^alexa, (?:(?:open|start|launch|begin|load|run|talk to) {INVOCATION_NAME}"
    rf"|(?:ask|tell) {INVOCATION_NAME} (?P<request>.+))$"
)
CONNECTING = ("to ", "for ", "about ", "if ", "whether ", "that ", "and ")


@pytest.fixture(scope="module")
def manifest(packaged: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((packaged / "skill.json").read_text("utf-8"))["manifest"]
    return data


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower().rstrip(".?!"))


def _slot_pattern(model: dict[str, Any], intent: dict[str, Any], slot: str) -> str:
    slot_type = next(s["type"] for s in intent.get("slots", []) if s["name"] == slot)
    types = {t["name"]: t for t in model.get("types", [])}
    if slot_type not in types:
        return r".+"  # a built-in type: any words
    words: list[str] = []
    for value in types[slot_type]["values"]:
        words.append(value["name"]["value"])
        words.extend(value["name"].get("synonyms", []))
    return "(?:" + "|".join(re.escape(_normalise(w)) for w in words) + ")"


def _matches_a_sample(model: dict[str, Any], request: str) -> bool:
    for intent in model["intents"]:
        for sample in intent.get("samples", []):
            parts = re.split(r"\{(\w+)\}", _normalise(sample))
            pattern = "".join(
                _slot_pattern(model, intent, p) if i % 2 else re.escape(p)
                for i, p in enumerate(parts)
            )
            if re.fullmatch(pattern, request):
                return True
    return False


def test_top_level_shape(manifest: dict[str, Any]) -> None:
    # "events" is written by `ask deploy` (skillEvents in ask-resources.json), with the endpoint.
    assert set(manifest) == MANIFEST_KEYS - {"events"}
    assert manifest["manifestVersion"] == "1.0"
    assert set(manifest["publishingInformation"]) <= PUBLISHING_KEYS


def test_the_five_english_locales_everywhere(manifest: dict[str, Any]) -> None:
    expected = set(COUNTRY)
    assert set(LOCALES) == expected
    assert set(manifest["publishingInformation"]["locales"]) == expected
    assert set(manifest["privacyAndCompliance"]["locales"]) == expected


def test_distribution(manifest: dict[str, Any]) -> None:
    pub = manifest["publishingInformation"]
    assert pub["isAvailableWorldwide"] is False
    assert sorted(pub["distributionCountries"]) == sorted(COUNTRY.values())
    assert pub["category"] in CATEGORIES
    assert pub["distributionMode"] in {"PUBLIC", "PRIVATE"}
    assert pub["testingInstructions"].strip()


@pytest.mark.parametrize("locale", sorted(COUNTRY))
def test_locale_store_details(manifest: dict[str, Any], locale: str) -> None:
    info = manifest["publishingInformation"]["locales"][locale]
    assert set(info) >= LOCALE_REQUIRED
    assert set(info) <= LOCALE_KEYS
    assert info["name"] == "Steady Heart"
    assert 0 < len(info["summary"]) <= 160
    assert 0 < len(info["description"]) <= 4000
    assert info["keywords"]
    assert all(isinstance(k, str) and k.strip() for k in info["keywords"])
    for key in ("smallIconUri", "largeIconUri"):
        assert info[key].startswith("file://assets/images/"), "icons travel in the package"


@pytest.mark.parametrize("locale", sorted(COUNTRY))
def test_description_says_it_is_not_professional_help(
    manifest: dict[str, Any], locale: str
) -> None:
    description = manifest["publishingInformation"]["locales"][locale]["description"]
    assert "not a substitute for professional help" in description
    assert "not therapy" in description


@pytest.mark.parametrize("locale", sorted(COUNTRY))
def test_example_phrases_follow_the_rules(manifest: dict[str, Any], locale: str) -> None:
    phrases = manifest["publishingInformation"]["locales"][locale]["examplePhrases"]
    assert 1 <= len(phrases) <= 3
    assert len(set(phrases)) == len(phrases)
    for phrase in phrases:
        assert phrase.startswith("Alexa, "), phrase
        assert INVOCATION_NAME in phrase.lower(), phrase
        assert LAUNCH.match(_normalise(phrase)), f"not a supported launch phrase: {phrase!r}"
    first = LAUNCH.match(_normalise(phrases[0]))
    assert first is not None
    assert first["request"] is None, "the first phrase opens the skill"


@pytest.mark.parametrize("locale", sorted(COUNTRY))
def test_example_requests_are_sample_utterances(manifest: dict[str, Any], locale: str) -> None:
    path = ROOT / "intents" / f"{locale}.json"
    if not path.is_file():
        pytest.skip(f"no interaction model for {locale} yet")
    model = json.loads(path.read_text("utf-8"))["interactionModel"]["languageModel"]
    assert model["invocationName"] == INVOCATION_NAME
    for phrase in manifest["publishingInformation"]["locales"][locale]["examplePhrases"]:
        found = LAUNCH.match(_normalise(phrase))
        assert found is not None
        request = found["request"]
        if request is None:
            continue
        candidates = [request] + [request[len(c) :] for c in CONNECTING if request.startswith(c)]
        assert any(_matches_a_sample(model, c) for c in candidates), (
            f"{locale}: {phrase!r} is not built from a sample utterance"
        )


def test_privacy_and_compliance(manifest: dict[str, Any]) -> None:
    privacy = manifest["privacyAndCompliance"]
    for flag, value in PRIVACY_FLAGS.items():
        assert privacy[flag] is value, flag
    # It keeps check-ins and preferences tied to the account, with consent: personal info.
    assert privacy["usesPersonalInfo"] is True
    for locale, urls in privacy["locales"].items():
        assert set(urls) == {"privacyPolicyUrl", "termsOfUseUrl"}, locale
        assert all(u.startswith("https://") for u in urls.values()), locale


def test_reminders_permission(manifest: dict[str, Any]) -> None:
    names = {p["name"] for p in manifest["permissions"]}
    assert "alexa::alerts:reminders:skill:readwrite" in names


def test_no_endpoint_before_the_first_deploy(manifest: dict[str, Any]) -> None:
    """`ask deploy` writes the stack's endpoint; a package never carries a made-up ARN."""
    assert "endpoint" not in manifest["apis"]["custom"]
    assert "events" not in manifest
    assert manifest["apis"]["custom"]["interfaces"] == [], "declare an interface when used"
