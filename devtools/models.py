"""Builds the interaction models (``intents/<locale>.json``) from one source.

The source is ``intents/src/*.yaml`` (intents, samples, slot types) plus the feelings and needs
vocabulary in ``audio_scripts/en/vocabulary.yaml``, with small per-locale additions. The JSON
files are committed (``ask deploy`` reads them); a test fails if they differ from a fresh build.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from skill.language.exercise_index import PURPOSE_INTENT, PURPOSES, purpose_phrases
from skill.language.exercise_names import spoken_forms
from skill.language.interpret import LEAD_WORDS

INVOCATION_NAME = "steady heart"
LOCALES = ("en-US", "en-CA", "en-GB", "en-AU", "en-IN")
FALLBACK_SENSITIVITY = "MEDIUM"

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _fragments(src: Path) -> Iterable[dict[str, Any]]:
    for path in sorted(src.glob("*.yaml")):
        with path.open(encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=_Loader) or {}  # noqa: S506 - safe loader
        if not isinstance(data, dict):
            raise ValueError(f"{path.name}: a fragment must be a mapping")
        yield data


def _vocabulary_types(content_dir: Path) -> list[dict[str, Any]]:
    path = content_dir / "en" / "vocabulary.yaml"
    if not path.exists():
        return []
    from skill.vocabulary import load_vocabulary

    vocab = load_vocabulary(path)
    return [
        {"name": "FeelingType", "values": vocab.slot_type_values("feelings")},
        {"name": "NeedType", "values": vocab.slot_type_values("needs")},
    ]


EXERCISE_TYPE = "ExerciseType"


def _exercise_names(content_dir: Path, locale: str, ids: Iterable[str]) -> dict[str, list[str]]:
    """Every spoken form of every exercise name (all variations) in the locale's content."""
    from skill.content import load_catalog

    catalog = load_catalog(content_dir, locale)
    names: dict[str, list[str]] = {}
    for value_id in ids:
        key = f"exercise.{value_id.replace('-', '_')}.name"
        if not catalog.has(key):
            continue
        found: list[str] = []
        for variant in catalog.get(key).variants:
            found.extend(f for f in spoken_forms(variant) if f not in found)
        names[value_id] = found
    return names


def _add_exercise_names(types: dict[str, dict[str, Any]], content_dir: Path, locale: str) -> None:
    """ExerciseType learns every spoken name from the content, so a name Alexa said can be said
    back; a form another exercise already claims is an error (it would resolve to both)."""
    entry = types.get(EXERCISE_TYPE)
    if entry is None or not (content_dir / "en").exists():
        return
    values = entry["values"]
    claimed: dict[str, str] = {}
    for v in values:
        for said in (v["name"]["value"], *v["name"]["synonyms"]):
            claimed.setdefault(said, v["id"])
    names = _exercise_names(content_dir, locale, [v["id"] for v in values])
    for v in values:
        for form in names.get(v["id"], []):
            owner = claimed.setdefault(form, v["id"])
            if owner != v["id"]:
                raise ValueError(
                    f"{locale}: the spoken name {form!r} of {v['id']} is already {owner}'s"
                )
            if form != v["name"]["value"] and form not in v["name"]["synonyms"]:
                v["name"]["synonyms"].append(form)


PARTNER_WORDS = (
    "husband",
    "wife",
    "boyfriend",
    "girlfriend",
    "fiance",
    "fiancee",
    "other half",
    "hubby",
    "missus",
    "spouse",
)
"""Said for "partner": every sample naming "my partner" is also learnt with each of these."""
_PARTNER = re.compile(r"\b(my|our|your) partner('s)?\b")


def partner_variants(sample: str) -> list[str]:
    """ "help me get calm before i talk to my partner" -> the same with "my husband", "my
    wife", ... "my other half" (and "my husband's" for "my partner's")."""
    if not _PARTNER.search(sample):
        return []
    return [_PARTNER.sub(rf"\1 {word}\2", sample) for word in PARTNER_WORDS]


def _add_partner_words(intents: dict[str, dict[str, Any]]) -> None:
    """Partner words in every sample family that names the partner; a variant another intent
    already says is left to that intent (the sample written by hand wins)."""
    owner = {s: i["name"] for i in intents.values() for s in i["samples"]}
    for intent in intents.values():
        for sample in list(intent["samples"]):
            for variant in partner_variants(sample):
                mine = owner.setdefault(variant, intent["name"]) == intent["name"]
                if mine and variant not in intent["samples"]:
                    intent["samples"].append(variant)


EVERYDAY_SAMPLES: dict[str, tuple[str, ...]] = {
    # Everyday ways of saying the built-in requests (issue 17): whole sentences, so strict
    # sample matching (virtual-alexa) reaches them; the skill reads the same words in a clean
    # statement (skill/language/interpret.py).
    "AMAZON.RepeatIntent": (
        "say again",
        "huh",
        "sorry say again",
        "what were they",
        "what were they again",
        "which were the options",
        "what were the choices",
        "what were the three again",
        "play that again",
        "play it again",
        "can you play that again",
        "play his line again",
        "play her line again",
        "play what he said again",
        "play what she said again",
        "say that again",
        "can you say that again",
        "could you say that again",
        "sorry say that again",
        "come again",
        "sorry come again",
        "pardon",
        "sorry what",
        "what was that",
        "sorry what was that",
        "what was the question",
        "sorry what was the question",
        "what was the question again",
        "what did you ask",
        "sorry what did you ask",
        "what did you say",
        "sorry what did you say",
        "i missed that",
        "i didn't catch that",
        "say it one more time",
        "repeat the question",
        "can you repeat the question",
        "ask me again",
        "can you ask that again",
        "sorry can you ask that again",
        "ask me that again",
        "what was the other one",
        "what were the options",
        "what were the options again",
        "what did he say again",
        "what did she say again",
        "what did they say again",
        "again please",
        "once more please",
        "repeat that please",
        "repeat the question please",
        "say the question again",
    ),
    "AMAZON.StopIntent": (
        "quit",
        "goodbye",
        "bye",
        "bye bye",
        "goodnight",
        "good night",
        "exit",
        "close it",
        "forget it bye",
        "okay bye",
        "bye then",
        "goodnight then",
        "okay goodnight",
        "that's enough for now",
        "that's enough for today",
        "that's all for today",
        "that's all for tonight",
        "no that's all",
        "no that's all for today",
        "i'm done",
        "i'm done thanks",
        "i'm finished",
        "i have to go",
        "i've got to go",
        "i gotta go",
        "talk later",
        "talk to you later",
        "leave it there",
        "let's leave it there",
        "we can stop there",
        "stop now",
        "stop please",
        "please stop",
        "stop i don't want to do this",
        "let's leave it there for today",
        "i'll leave it there for today",
        "i'll stop here",
        "i'll stop there",
        "i'm going to stop here",
        "i'm out",
        "i'm off now",
        "forget it",
        "close this",
        "turn it off",
        "forget it turn it off",
        "forget it close this",
        # pool H: leaving by the app's name, politely.
        "close steady heart",
        "close steady heart please",
        "please close steady heart",
        "exit steady heart",
        "quit steady heart",
        "let's stop",
        "okay let's stop",
    ),
    "AMAZON.HelpIntent": (
        "how does this actually work",
        "how do i use this",
        "what am i supposed to say",
        "what am i supposed to do",
        "what am i meant to say",
        "what do i say",
        "what do i say here",
        "what do i do here",
        "what do i do now",
        "what does this do",
        "what does this bit do",
        "what is this for",
        "what's this for",
        "what's the point of this",
        "how is this supposed to help",
        "how does this help",
        "i don't get it",
        "i don't understand what to do",
        "explain this to me",
        "give me an example",
        "can you give me an example",
        "what sort of thing do you mean",
        "what kind of thing do you mean",
        "how does this part work",
        "how am i meant to answer this",
        "how do i answer this",
    ),
    "AMAZON.PreviousIntent": (
        "go back a bit",
        "back a step",
        "can we go back a step",
        "go back one question",
        "undo that",
        "undo that answer",
        "i said the wrong word",
        "i want to change my word",
        "let me change my word",
        "previous",
        "previous please",
        "previous question",
        "the previous question",
        "go to the previous question",
        "previous step",
        "the previous step",
        "back to the previous step",
        "go back to the previous step",
        "go back a step",
    ),
    "AMAZON.PauseIntent": (
        "give me a minute",
        "give me a mo",
        "hang on a moment",
        "hold on a moment",
        "one minute please",
        "just give me a second",
        "be right back",
        "i'll be right back",
        "someone's at the door",
        "my phone's ringing",
        "wait a sec",
        "give me a second to think",
        "give me a minute to think",
        "give me a moment to think",
        "let me think for a second",
        "hold up",
        "hold up a sec",
        "hold up a second",
        "gimme a sec",
        "gimme a second",
        "gimme a minute",
        "one sec",
        "one second",
        "just a sec",
        "just a second",
        "hang on a sec",
        "hold that thought",
        "hold that thought please",
        "just a minute please",
    ),
    "AMAZON.YesIntent": (
        # The bare words too: virtual-alexa knows only "yes", "yes please" and "sure" for the
        # built-in, and would give "yep" to a statement opening with an empty slot.
        "yes",
        "yeah",
        "yep",
        "yup",
        "okay",
        "ok",
        "alright",
        "yeah okay",
        "yeah alright",
        "okay sure",
        "yeah sure",
        "go ahead",
        "please do",
        "haan",
        "haan ji",
        "theek hai",
        "haan theek hai",
        "yeah go on",
        "go on then",
        "yeah go ahead",
        "yes please do",
        "that's fine",
        "yeah that's fine",
        "sure why not",
        "sounds good",
        "yeah sounds good",
        "okay then",
    ),
    "AMAZON.NoIntent": (
        "no",
        "nope",
        "nah",
        "no no",
        "nah thanks",
        "nope not now",
        "maybe later",
        "not today",
        "i'd rather not",
        "i'd rather you didn't",
        "nah not really",
        "not really",
        "no thanks",
        "no thank you",
        "nah i'm good",
        "nah i'm good thanks",
        "no i'm good",
        "no i'm good thanks",
        "i'm good thanks",
        "i'm good thank you",
        "i'm fine thanks",
        "no i'm fine thanks",
        "i'm alright now thanks",
        "no i'm alright now",
        "i'm alright thanks",
        "yeah nah",
        "not right now",
        "not now thanks",
        "nah that'll do",
        "nah that'll do for now",
        "no that'll do",
        "no that'll do for now",
        "that'll do thanks",
        "that's enough thanks",
        "no that's enough",
        "that's plenty thanks",
        "i'm good cheers",
        "nah i'm good cheers",
    ),
}


ANSWER_HEDGES = (
    "{} i think",
    "{} i suppose",
    "{} i guess",
    "{} definitely",
    "{} yeah",
    "{} really",
    "{} to be honest",
    "{} honestly",
    "{} probably",
    "um {}",
    "er {}",
    "mm {}",
    "probably {}",
    "honestly {}",
    "{} actually",
    "{} only",
    "{} though",
    "{} mate",
    "{} feeling",
    "{} yaar",
    "{} na",
    "bit {}",
    "a little {}",
    "really {}",
    "just {}",
    "quite {}",
)
"""A list answer said with a hedge around it ("unpleasant definitely", "er low i guess", "angry
actually", "tense only", "bit wound up", "flat mate"): every
closed-answer intent with a bare ``{slot}`` sample learns these around it."""
CLOSED_ANSWER_INTENTS = ("PleasantnessIntent", "EnergyIntent", "NeedIntent", "FeelingIntent")

PURPOSE_TYPE = "PurposeType"
PURPOSE_CARRIERS = (
    "i want {purpose}",
    "i want something for {purpose}",
    "something for {purpose}",
    "something to help me {purpose}",
    "help me {purpose}",
    "can you help me {purpose}",
    "can we do something for {purpose}",
    "can we work on {purpose}",
    "i'd like help with {purpose}",
    "i need help with {purpose}",
    "is there one for {purpose}",
    "the one for {purpose}",
    "the one about {purpose}",
    "can we do the one about {purpose}",
    "let's do the one about {purpose}",
)
"""Asking by purpose: AskByPurposeIntent carries these (never a bare ``{purpose}``, so a
feeling or a need said alone, "grateful", "closer", "space", stays an answer); PurposeType
learns each purpose phrase of the description index (skill/language/exercise_index.py), and
the skill reads the words with the same index (skill/interceptors.py)."""


def _add_everyday(intents: dict[str, dict[str, Any]]) -> None:
    """Everyday built-in phrasings, lead-word statements, hedged list answers and purpose
    carriers; a sample another intent already has is left to it (the hand-written one wins)."""
    owner = {x: i["name"] for i in intents.values() for x in i["samples"]}

    def add(name: str, sample: str) -> None:
        mine = name in intents and owner.setdefault(sample, name) == name
        if mine and sample not in intents[name]["samples"]:
            intents[name]["samples"].append(sample)

    for name, samples in EVERYDAY_SAMPLES.items():
        intents.setdefault(name, {"name": name, "samples": []})
        for sample in samples:
            add(name, sample)
    # "stop, i'd rather not do this one": a stop said before changing one's mind is a stop
    # (the changed-mind sample inside would otherwise win a loose match).
    for sample in list(intents.get("ChangedMindIntent", {}).get("samples", [])):
        if sample.startswith(("i don't want", "i'd rather not")):
            add("AMAZON.StopIntent", f"stop {sample}")
    statement = intents.get("StatementIntent")
    if statement is not None:
        slots = statement.setdefault("slots", [])
        for lead in LEAD_WORDS:
            slot = lead.replace(" ", "_")
            if all(x["name"] != slot for x in slots):
                slots.append({"name": slot, "type": "AMAZON.SearchQuery"})
            add("StatementIntent", f"{lead} {{{slot}}}")
            if lead == "let us":
                add("StatementIntent", f"let's {{{slot}}}")
    for name in CLOSED_ANSWER_INTENTS:
        intent = intents.get(name)
        if intent is None or not intent.get("slots"):
            continue
        bare = "{" + str(intent["slots"][0]["name"]) + "}"
        if bare not in intent["samples"]:
            continue
        for hedge in ANSWER_HEDGES:
            add(name, hedge.format(bare))
    if PURPOSE_INTENT not in intents:
        intents[PURPOSE_INTENT] = {
            "name": PURPOSE_INTENT,
            "slots": [{"name": "purpose", "type": PURPOSE_TYPE}],
            "samples": [],
        }
        owner.update({x: PURPOSE_INTENT for x in PURPOSE_CARRIERS if x not in owner})
    for sample in PURPOSE_CARRIERS:
        add(PURPOSE_INTENT, sample)


def feeling_leads(content_dir: Path) -> list[str]:
    """The vocabulary's one-word feelings (not the vague words: "good", "fine", "off"), each a
    StatementIntent lead in :func:`_add_feeling_leads`."""
    path = content_dir / "en" / "vocabulary.yaml"
    if not path.exists():
        return []
    from skill.vocabulary import load_vocabulary

    words = (f.word for f in load_vocabulary(path).feelings)
    return sorted({w for w in words if re.fullmatch(r"[a-z]+", w)})


def _add_feeling_leads(intents: dict[str, dict[str, Any]], content_dir: Path) -> None:
    """A feeling said first and then its reason or a comment ("anxious i think yeah anxious
    about this weekend because ...", "frustrated and a bit sad if i'm being honest"): each
    one-word feeling is a StatementIntent lead with its own free slot, so the whole sentence
    reaches the skill under strict matching too (round 7). A word that already opens a
    statement, or that another intent carries, keeps what it has."""
    statement = intents.get("StatementIntent")
    if statement is None:
        return
    slots = statement.setdefault("slots", [])
    taken = {x["name"] for x in slots}
    owner = {x for i in intents.values() for x in i["samples"]}
    for word in feeling_leads(content_dir):
        sample = f"{word} {{{word}}}"
        if word in taken or sample in owner:
            continue
        slots.append({"name": word, "type": "AMAZON.SearchQuery"})
        statement["samples"].append(sample)


def _add_purposes(types: dict[str, dict[str, Any]]) -> None:
    """PurposeType: every flow of the description index, its purpose phrases as synonyms."""
    values = [
        {"id": flow, "name": {"value": flow.replace("-", " "), "synonyms": purpose_phrases(flow)}}
        for flow in PURPOSES
    ]
    types[PURPOSE_TYPE] = {"name": PURPOSE_TYPE, "values": values}


def build_model(src: Path, content_dir: Path, locale: str) -> dict[str, Any]:
    intents: dict[str, dict[str, Any]] = {}
    more_samples: dict[str, list[str]] = {}
    more_synonyms: dict[str, dict[str, list[str]]] = {}
    types: dict[str, dict[str, Any]] = {}
    for t in _vocabulary_types(content_dir):
        types[t["name"]] = t
    for frag in _fragments(src):
        for spec in frag.get("intents") or []:
            name = spec["name"]
            if name in intents:
                raise ValueError(f"intent {name} is declared twice")
            intent: dict[str, Any] = {"name": name}
            if spec.get("slots"):
                intent["slots"] = [{"name": s["name"], "type": s["type"]} for s in spec["slots"]]
            intent["samples"] = list(spec.get("samples") or [])
            intents[name] = intent
        for spec in frag.get("types") or []:
            # A type may be spread over fragments (each exercise adds itself to ExerciseType).
            entry = types.setdefault(spec["name"], {"name": spec["name"], "values": []})
            known = {v["id"] for v in entry["values"]}
            for v in spec["values"]:
                if v["id"] in known:
                    raise ValueError(f"slot type {spec['name']} repeats the id {v['id']}")
                synonyms = list(v.get("synonyms", []))
                entry["values"].append(
                    {"id": v["id"], "name": {"value": v["value"], "synonyms": synonyms}}
                )
        # A fragment may add samples to another fragment's intent, or synonyms to its values.
        for name, samples in (frag.get("more_samples") or {}).items():
            more_samples.setdefault(name, []).extend(samples)
        for type_name, by_id in (frag.get("more_synonyms") or {}).items():
            for value_id, synonyms in by_id.items():
                more_synonyms.setdefault(type_name, {}).setdefault(value_id, []).extend(synonyms)
        extra = (frag.get("locales") or {}).get(locale) or {}
        for name, samples in (extra.get("samples") or {}).items():
            intents[name]["samples"].extend(samples)
        for type_name, by_id in (extra.get("synonyms") or {}).items():
            for value in types[type_name]["values"]:
                value["name"]["synonyms"].extend(by_id.get(value["id"], []))
    for name, samples in more_samples.items():
        if name not in intents:
            raise ValueError(f"more_samples names an undeclared intent {name}")
        intents[name]["samples"].extend(x for x in samples if x not in intents[name]["samples"])
    for type_name, by_id in more_synonyms.items():
        for value in types[type_name]["values"]:
            value["name"]["synonyms"].extend(by_id.get(value["id"], []))
    _add_everyday(intents)
    _add_feeling_leads(intents, content_dir)
    _add_partner_words(intents)
    _add_exercise_names(types, content_dir, locale)
    _add_purposes(types)
    return {
        "interactionModel": {
            "languageModel": {
                "invocationName": INVOCATION_NAME,
                "modelConfiguration": {
                    "fallbackIntentSensitivity": {"level": FALLBACK_SENSITIVITY}
                },
                "intents": list(intents.values()),
                "types": list(types.values()),
            }
        }
    }


def render(model: dict[str, Any]) -> str:
    return json.dumps(model, indent=2, ensure_ascii=False) + "\n"


def write_models(models_dir: Path, content_dir: Path) -> list[Path]:
    written = []
    for locale in LOCALES:
        path = models_dir / f"{locale}.json"
        path.write_text(render(build_model(models_dir / "src", content_dir, locale)), "utf-8")
        written.append(path)
    return written
