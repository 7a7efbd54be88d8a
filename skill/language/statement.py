"""StatementIntent: a statement that reached a slot, with its opening put back.

The interaction model's StatementIntent (``intents/src/statement.yaml``) catches what people
start with ("i ...", "i'm ...", "my ...", "what if ...", "um ...") and hands the rest over in a
slot named after the opening: "i'm so done with everything" arrives as ``i_am_so = "done with
everything"``, and :func:`sentence` rebuilds "i am so done with everything" for the safety
screen. A statement that screens clean is answered as the intent that owns the same opening with
a custom slot (:data:`OWNERS`), so "i'm off to work" still reaches FeelingIntent as an unknown
feeling, exactly as it did before; any other clean statement is a fallback.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Final

from skill.language.normalise import expand_contractions, normalise

__all__ = [
    "CLOSING_PREFIX",
    "FILLER_SLOT",
    "FREE_TEXT_INTENTS",
    "FREE_TEXT_SLOTS",
    "INTERJECTIONS",
    "OPENINGS",
    "OWNERS",
    "PERSONAL",
    "STATEMENT_INTENT",
    "is_closing",
    "is_personal",
    "one_shot_readings",
    "opening",
    "owner_of",
    "reopen",
    "screen_texts",
    "sentence",
]

STATEMENT_INTENT: Final = "StatementIntent"
FILLER_SLOT: Final = "said"
"""The slot after an opening that adds nothing ("um", "so", "well", "and")."""

# slot -> (intent, slot) of the intent that carries the same opening with a custom slot type.
# tests/language/test_statement.py derives this from the interaction model and compares.
OWNERS: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        "i_am": ("FeelingIntent", "feeling"),
        "i_am_feeling": ("FeelingIntent", "feeling"),
        "i_feel": ("FeelingIntent", "feeling"),
        "i_think": ("FeelingIntent", "feeling"),
        "i_guess": ("FeelingIntent", "feeling"),
        "i_felt": ("FeltIntent", "feeling"),
        "i_have": ("EnergyIntent", "energy"),
        "i_have_got": ("EnergyIntent", "energy"),
        "i_want": ("NeedIntent", "need"),
        "i_need": ("NeedIntent", "need"),
        "i_want_to": ("StartExerciseIntent", "exercise"),
        "it_is": ("PleasantnessIntent", "pleasantness"),
        "honestly": ("FeelingIntent", "feeling"),
    }
)


# Intents whose one slot takes free speech, and that slot: a step that accepts one of them takes a
# clean statement as its answer, opening included ("i really loved how he cooked").
FREE_TEXT_SLOTS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "AppreciationMomentIntent": "moment",
        "AppreciationDeedIntent": "deed",
        "AppreciationStateIntent": "state",
        "ReflectionIntent": "reflection",
        "BoundaryAnswerIntent": "answer",
        "TopicClauseIntent": "topic",
        "TopicIntent": "topic",
        "PracticeLineIntent": "line",
    }
)
FREE_TEXT_INTENTS: Final[frozenset[str]] = frozenset(FREE_TEXT_SLOTS)


CLOSING_PREFIX: Final = "ends_"
"""Slots named ``ends_<word>`` come before a closing word ("{ends_me} me"): a statement whose
opening no sample knows is still caught by how it ends, and the word is put back after it."""


def is_closing(slot: str) -> bool:
    return slot.startswith(CLOSING_PREFIX)


def opening(slot: str) -> str:
    """The words a slot's name stands for: ``i_am_not`` -> "i am not"."""
    if slot == FILLER_SLOT or is_closing(slot):
        return ""
    return slot.replace("_", " ")


def sentence(slot: str, value: str) -> str:
    """The statement as it was said, opening (or closing word) included, for the screen."""
    if is_closing(slot):
        return f"{value.strip()} {slot.removeprefix(CLOSING_PREFIX).replace('_', ' ')}".strip()
    return f"{opening(slot)} {value}".strip()


def reopen(slot: str, value: str) -> tuple[str, str]:
    """A statement caught by its closing word, read as if caught by its opening: the longest
    opening an intent owns ("i am" for "i'm so done with him"), else a plain statement.
    Any other slot comes back as it is."""
    if not is_closing(slot):
        return slot, value
    words = expand_contractions(normalise(sentence(slot, value))).split()
    for n in range(min(len(words) - 1, 4), 0, -1):
        name = "_".join(words[:n])
        if name in OWNERS:
            return name, " ".join(words[n:])
    return FILLER_SLOT, " ".join(words)


# Free slots of other intents whose openings say who acts: "he {deed}", "my husband {deed}",
# "he's {state}", "i'm going to {answer}", "i won't accept {answer}". The slot alone loses the
# subject ("hits the kids", "going to hurt me"), so the screen also reads it with the
# likeliest opening put back. The fragment is screened as well, on its own.
# Where the carriers of one slot differ in meaning, each reading is screened: "he's {state}" is
# "he is" or "he has" ("he's got a knife"), so the state is read both ways.
OPENINGS: Final[Mapping[tuple[str, str], tuple[str, ...]]] = MappingProxyType(
    {
        ("AppreciationDeedIntent", "deed"): ("he",),
        ("AppreciationStateIntent", "state"): ("he is", "he has"),
        ("BoundaryAnswerIntent", "answer"): ("i will",),
        # "i'm tired of / sick of / fed up with / can't stand / have had enough of {said}": having
        # had enough of "it all" says more than being tired of it, so both are read
        ("VentIntent", "said"): ("i am tired of", "i have had enough of"),
    }
)


# Carriers that take a noun phrase, not a verb: "i'm done with {answer}" ("i'm done with living"
# is not a boundary). Read only when the words open like one (an -ing form, a pronoun, a
# determiner), since "i'll {answer}" fills the same slot with a verb ("shoot myself if ...").
NOUN_OPENINGS: Final[Mapping[tuple[str, str], tuple[str, ...]]] = MappingProxyType(
    {("BoundaryAnswerIntent", "answer"): ("i am done with",)}
)
_NOUN_STARTS: Final = frozenset(
    {"life", "it", "this", "that", "all", "me", "myself", "the", "my", "his", "her", "their"}
    | {"everyone", "everybody", "people", "them", "him", "being"}
)


def _opens_a_noun_phrase(value: str) -> bool:
    first = value.split(" ", 1)[0]
    return first.endswith("ing") or first in _NOUN_STARTS


PERSONAL: Final = frozenset(
    {"i", "my", "me", "he", "she", "they", "we"}
    # round 23 fold (decision 0150): the pronoun forms and the verb forms that carry "i" in
    # Caribbean, West African and Black American speech ("mi cyaan tek it", "dem a ...", "imma")
    | {"mi", "wi", "dem", "unu", "imma", "ima", "finna", "ion"}
)
"""Openings with a person as subject: at a free-text step, such a statement is an answer."""

INTERJECTIONS: Final = frozenset(
    {
        # round 23 fold (decision 0150): words that open a statement and add only a voice
        # ("abeg", "eish", "lawd", "no cap"). Unlike a filler their word is kept, so the screen
        # reads the sentence whole; who it is about is read from the words after them.
        *("abeg", "ehen", "oya", "wahala", "chai", "haba", "omo", "kai", "ahn_ahn", "ah_ah"),
        *("na_so", "wetin", "wallahi", "walahi", "chale", "charley", "chaley", "herh", "eii"),
        *("o_ye", "massa", "eish", "aish", "haibo", "hayibo", "ag", "ag_man", "agh", "yoh"),
        *("yho", "sho", "shame", "hayi", "hau", "jislaaik", "aikona", "eina", "boet", "howzit"),
        *("yebo", "wah_gwan", "lawd", "lawd_god", "lawd_have_mercy", "bwoy", "gyal", "cho"),
        *("cha", "bredda", "bredren", "mon", "yuh_know", "yuh_see", "steups", "oh_gosh", "fam"),
        *("bruv", "blud", "innit", "real_talk", "trust_me", "on_my_life", "mandem", "no_cap"),
        *("on_god", "for_real", "frfr", "straight_up", "chile", "honey", "sugar", "mama", "yo"),
        *("dawg", "homie", "highkey", "dang", "shoot", "well_shoot", "heck", "darn"),
        *("lord_have_mercy", "sweet_jesus", "jesus", "good_god", "ya_know", "yknow", "bud"),
        *("buddy", "holy", "holy_moly", "oh_boy", "boy_oh_boy", "boy", "oh_geez"),
        # round 27 fold (decision 0160): a Maori and New Zealand greeting or assent first
        *("kia_ora", "chur"),
    }
)
"""Openings that are an interjection, not a subject: read like a filler for who it is about."""

UNSPOKEN_SUBJECT: Final = frozenset(
    {
        # the subject dropped, as people do: "been sleeping badly", "not coping", "keep crying"
        *("been", "not", "never", "keep", "kept", "had", "having", "getting", "gave", "given"),
        *("told", "feel", "felt", "need", "wish", "hate", "done", "kinda", "sort", "too"),
        *("thinking", "trying", "wanting", "planning", "sleeping", "standing", "sitting"),
        *("lying", "living", "waiting", "drinking", "crying", "hoping", "praying", "saving"),
        *("counting", "driving", "walking", "burning", "killing", "ending", "hanging"),
        *("jumping", "writing", "giving", "hiding", "cutting", "doing", "coming", "going"),
        # a time first, then the person: "since the move i ...", "some nights i ..."
        *("since", "ever", "every", "some", "most", "all", "at", "for", "this", "tomorrow"),
        *("later", "earlier", "after", "before", "once", "still", "sometimes"),
        *("tonight", "today", "last", "right", "lately", "these"),
        *("a", "in", "on", "by", "unless", "until", "till", "whenever", "while", "as", "first"),
        *("next", "even", "only", "part", "half", "each", "anytime"),
        # a deed with its doer left out: "tried to ...", "took ...", "punched me ..."
        *("want", "got", "feeling", "hurt", "tried", "overdosed", "drank", "slit", "hanged"),
        *("bought", "wrote", "packed", "ran", "hid", "locked", "called", "texted", "stopped"),
        *("started", "decided", "found", "punched", "choked", "grabbed", "strangled", "raped"),
        *("threatened", "followed", "promise", "wanted", "tired", "hurting", "dunno", "swear"),
        # someone close first: "mum ...", "dad ...", "stepdad ..."
        *("mum", "mom", "dad", "mummy", "mommy", "daddy", "us", "him", "them", "look", "no"),
        *("sister", "brother", "stepdad", "stepmum", "stepmom", "stepfather", "stepmother"),
        *("grandad", "grandpa", "grandma", "nan", "nana", "uncle", "aunt", "auntie", "cousin"),
        *("teacher", "boyfriend", "girlfriend", "husband", "wife", "ex", "fiance", "son"),
        *("daughter", "baby", "hubby", "mother", "father", "ok", "alright"),
        *("daddys", "mummys", "mums", "moms", "dads", "someones", "somebodys", "stepdads"),
        *("relapsed", "kms", "yall", "talk", "speak"),
        # round 16 fold: a hurt done to oneself, the doer left out ("scratched me wrists raw";
        # "scratched", "banged", "banging" are in the path fold's deeds below)
        *("clawed", "bashed", "burnt", "burned", "sliced"),
        *("scratching", "clawing", "bashing", "slicing"),
        # the path fold (decision 0108): a deed done or set up, its doer left out ("left the dog
        # with mum", "filled the bath"), what someone else does ("leaves the baby alone")
        *("left", "said", "spent", "made", "shook", "picked", "filled", "sat", "injected"),
        *("ended", "broke", "tied", "hung", "lit", "drove", "sent", "posted", "sold", "emptied"),
        *("cleared", "booked", "stabbed", "scratched", "shot", "kicked", "slapped", "smashed"),
        *("counted", "lined", "stocked", "stashed", "collected", "googled", "searched", "ate"),
        *("researched", "measured", "skipped", "banged", "jumped", "climbed", "crashed"),
        *("pulled", "dragged", "threw", "tore", "loaded", "sharpened", "poured", "hoarded"),
        *("stockpiled", "planned", "practised", "practiced", "rehearsed", "arranged", "put"),
        *("organised", "organized", "prepared", "set", "take", "banging", "breaking", "looking"),
        *("hearing", "hear", "heard", "leaves", "leaving", "locks", "shakes", "throws", "screams"),
        *("shouts", "of", "appreciate", "sorry", "final", "journal", "entry", "plan", "note"),
        *("dear", "just", "such"),
        # ... the means, a place, someone close with 's: still the speaker's story
        *("ropes", "cars", "guns", "knifes", "blades", "razors", "bottles", "engines", "baths"),
        *("nooses", "belts", "cords", "tablets", "pills", "meds", "knives", "rope", "blade"),
        *("razor", "knife", "gun", "insulin", "paracetamol", "panadol", "tylenol", "ibuprofen"),
        *("noose", "bleach", "daughters", "sons", "sisters", "brothers", "babys", "wifes"),
        *("husbands", "partners", "boyfriends", "girlfriends", "exs", "kids", "uncles"),
        *("bridge", "car", "bedroom", "bathroom", "garage", "roof", "loft", "attic", "shed"),
        *("closet", "cupboard", "wardrobe", "basement", "platform", "station", "cliff", "ledge"),
        *("river", "woods", "kitchen"),
        # round 18 fold (decision 0132): a deed done to oneself ("doused myself in ..."), water
        # rising round the speaker ("water's up to my waist"), a crisis word said first
        *("doused", "dowsed", "soaked", "drenched", "covered", "splashed"),
        *("waters", "water", "rivers", "tides", "tide", "seas", "lakes"),
        *("suicidal", "worthless"),
        # pool K fold (decision 0146): a deed in the present with the doer left out ("keeps the
        # gun loaded ..."), a place said first ("up on the roof ..."), someone named with 's
        # ("neighbour's been ..."), an insult or an oath first, a habit or a modal, a struggle
        # in -ing, a frame naming what comes next, time counted, having had enough, a message
        # to pass on ("tell my husband ..."), a person with no "the" ("man took everything ...",
        # what a one-shot leaves once Alexa takes its "that"): still the speaker's story
        *("keeps", "says", "hides", "carries", "holds", "tells", "puts", "follows", "threatens"),
        *("watches", "checks", "sleeps", "gets", "goes", "comes", "wants", "thinks", "calls"),
        *("texts", "pushes", "grabs", "drinks", "knows", "tracks", "reads", "stands", "sits"),
        *("up", "down", "top", "edge", "outside", "under", "behind", "near", "over"),
        *("neighbours", "neighbors", "bosss", "landlords", "landladys", "mates", "friends"),
        *("flatmates", "roommates", "housemates", "colleagues", "managers", "blokes", "guys"),
        *("fellas", "mans", "lads", "dogs"),
        *("useless", "stupid", "pathetic", "coward", "idiot", "bastard", "selfish", "lazy"),
        *("arsehole", "asshole", "prick", "waste", "piece"),
        *("bleeding", "bloody", "flipping", "freaking", "frigging", "sodding", "effing"),
        *("flaming", "used", "use", "might", "must"),
        *("drowning", "struggling", "sinking", "losing", "failing", "falling", "spiralling"),
        *("spiraling", "suffocating", "fighting", "crumbling", "slipping", "choking"),
        *("starving", "running", "joke", "problem", "reality", "worst", "sad", "scary", "real"),
        *("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
        *("twelve", "twenty", "sick", "fed", "through", "finished", "past", "beyond"),
        # round 26 fold (decision 0156): the teens and the tens as counted years
        *("eleven", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen"),
        *("nineteen", "thirty", "forty", "fifty", "sixty", "seventy", "eighty"),
        # round 27 fold: where the speaker went or came, the doer left out ("went to the shops ...")
        *("went", "came", "come"),
        *("tell", "let", "give", "say", "pass"),
        *("man", "woman", "guy", "bloke", "girl", "lad", "fella", "lady", "kid", "old"),
    }
)
"""Openings that carry no subject, or put a time or a person first: the person speaking is
still the one whose story it is, so at a free-text step the statement is an answer."""


def _names_a_person(word: str) -> bool:
    """A subject, or "i" run together with its verb as a recogniser writes it ("im", "ive")."""
    return word in PERSONAL or word in ("im", "ive", "id")


def is_personal(slot: str, value: str = "") -> bool:
    """A statement about the speaker's own life: its opening has a person as subject or none,
    or (after a filler) its words do ("um i ...", "so my ...")."""
    first = slot.split("_", 1)[0]
    words = [w.split("'", 1)[0] for w in value.split()]
    if slot in INTERJECTIONS:
        # an interjection opens the speaker's own turn: it is theirs if a person is in it, or
        # if it goes on with the subject dropped ("eish been ...", "wahala everywhere i no fit")
        return bool(words) and (
            words[0] in UNSPOKEN_SUBJECT or any(_names_a_person(w) for w in words)
        )
    if slot == FILLER_SLOT or is_closing(slot):
        return bool(words) and _names_a_person(words[0])
    if first in ("that", "this"):
        # "that we never talk" is about them; "that sounds rough" is a comment on something said
        return any(w in PERSONAL for w in words)
    return (
        first in PERSONAL
        or first in UNSPOKEN_SUBJECT
        or slot.endswith("_not")
        or slot.startswith("do_not_")
    )


def owner_of(slot: str, value: str) -> tuple[str, str, str] | None:
    """The intent and slot that own the longest owned part of the opening, and the words that
    slot would have held: ``i_am_scared`` + "to leave" -> FeelingIntent, feeling, "scared to
    leave" (as "i'm {feeling}" took it before StatementIntent existed)."""
    words = slot.split("_")
    for n in range(len(words), 0, -1):
        owned = OWNERS.get("_".join(words[:n]))
        if owned is not None:
            rest = " ".join([*words[n:], value]).strip()
            return owned[0], owned[1], rest
    return None


def screen_texts(intent: str | None, slots: Iterable[tuple[str, str]]) -> list[str]:
    """What the safety screen reads for one request: (slot name, value) pairs in, texts out.

    A StatementIntent slot is read only with its opening put back: alone, "hit me but he
    ignores me" would lose the "he doesn't" that came before it. Other slots are read as
    given, and with their opening when :data:`OPENINGS` knows it.
    """
    texts: list[str] = []
    for name, value in slots:
        if not value or not value.strip():
            continue
        if intent == STATEMENT_INTENT:
            texts.append(sentence(name, value))
            continue
        texts.append(value)
        texts.extend(f"{known} {value}" for known in OPENINGS.get((intent or "", name), ()))
        if _opens_a_noun_phrase(value):
            texts.extend(
                f"{known} {value}" for known in NOUN_OPENINGS.get((intent or "", name), ())
            )
    return texts


CONNECTING_WORD: Final = "if"
"""The word Alexa takes as part of a one-shot ("ask steady heart if only i was dead"): the skill
gets "only i was dead", and a wish or a condition reads as a plain statement without it."""

_WOULD: Final = frozenset({"would", "wouldn't", "would've"})
_HABITUAL_PAST: Final = re.compile(
    r"\b(?:ago|back then|back in|in those days|when (?:i|we) (?:was|were)|"
    r"as a (?:kid|child|teenager)|growing up|used to)\b"
)


def _condition_without_if(text: str) -> bool:
    """Words that only make sense after an "if": a wish ("only i was dead") or a clause with a
    "would" after it ("i was gone nobody here would care"). A plain statement ("i tried to once
    at nineteen and now i volunteer") is not read as a condition."""
    words = text.split()
    if not words or words[0] == CONNECTING_WORD:
        return False
    if words[0] == "only":
        return True
    for i, w in enumerate(words[2:], start=2):
        if w in _WOULD or w.endswith("'d"):
            # "ten year ago i'd drink myself stupid ...": a "would" after a dated past is what
            # used to happen, not a condition (round 25 fold, decision 0156)
            return _HABITUAL_PAST.search(" ".join(words[:i])) is None
    return False


def one_shot_readings(texts: Iterable[str]) -> list[str]:
    """What the screen reads for a request that opened the session (a one-shot): each text as
    it came and, where it is a condition left without its "if", with the "if" put back, since
    Alexa takes it with the invocation ("ask ... if i was gone nobody would care")."""
    out: list[str] = []
    for text in texts:
        out.append(text)
        if _condition_without_if(text):
            out.append(f"{CONNECTING_WORD} {text}")
    return out
