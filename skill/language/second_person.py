"""Turning a remembered moment ("he made my coffee") into words for two listeners.

The appreciation practice keeps what the person said as a *clause* about their partner, always
with the partner as a third person: "they made my coffee", "she stayed up with me". It is then
spoken in two ways, by two pure functions:

``to_partner(clause)`` - the words the person could say TO their partner. The partner becomes
"you"; the speaker's own words stay first person, because the speaker is still the one talking:

    he / she / they            -> you          (and the verb agrees: "he makes" -> "you make",
    him / them                 -> you           "she was" -> "you were", "he's" -> "you're",
    his / their (before a noun) -> your         "he's been" -> "you've been")
    his / hers / theirs (alone) -> yours
    her                        -> your before a noun ("her famous soup"), else you ("I hugged her")
    himself / herself / themselves -> yourself
    my partner / my husband / my wife / ... -> you
    I, me, my, mine, myself, we, us, our    -> unchanged ("he made my coffee" -> "you made my
                                               coffee", not "your coffee")

``to_listener(clause)`` - Alexa reading the person's own note back to them. The speaker becomes
"you" and the partner stays a third person:

    I -> you (and "I am/was" -> "you are/were", "I'm" -> "you're", "I've" -> "you've")
    me -> you, my -> your, mine -> yours, myself -> yourself
    he, she, they, his, her ... -> unchanged ("he made my coffee" -> "he made your coffee")

Both are word-level rules, not a parser: "her" is guessed from the word after it, and only the
first verb after a changed subject is made to agree. The rules are pinned by a table test
(tests/appreciation/test_second_person.py).

Three builders make the clause from what Alexa heard, depending on the carrier phrase:
``from_deed`` ("he {deed}": the deed is a verb phrase), ``from_state`` ("he's {state}") and
``from_moment`` ("it was when {moment}": a whole clause, usually with its own subject). When the
pronoun is not known (it was the carrier phrase), the partner is "they": neutral and kind.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Final

from skill.language.normalise import fold

MAX_WORDS: Final = 30

PARTNER_SUBJECTS: Final = frozenset({"he", "she", "they"})
PARTNER_NOUNS: Final = frozenset(
    {
        "partner",
        "husband",
        "wife",
        "boyfriend",
        "girlfriend",
        "spouse",
        "fiance",
        "fiancee",
    }
)
# Words between a subject and its verb that do not change the verb: "he always makes".
_ADVERBS: Final = frozenset(
    {
        "always",
        "never",
        "often",
        "really",
        "just",
        "still",
        "also",
        "even",
        "usually",
        "sometimes",
        "actually",
        "finally",
        "already",
        "quietly",
        "kindly",
        "gently",
        "totally",
        "truly",
        "so",
        "very",
        "rarely",
        "kind",
        "sort",
        "of",
    }
)
_TO_BASE: Final = {
    "is": "are",
    "was": "were",
    "has": "have",
    "does": "do",
    "goes": "go",
    "isn't": "aren't",
    "wasn't": "weren't",
    "hasn't": "haven't",
    "doesn't": "don't",
}
_FIRST_TO_SECOND_VERB: Final = {"am": "are", "was": "were", "wasn't": "weren't"}
# Words ending in "s" that are not third-person verbs, met right after a subject.
_NOT_VERBS: Final = frozenset({"always", "sometimes", "perhaps", "towards", "across", "plus"})
# After "her"/"his", these words mean it was an object ("told her about"), not a possessive.
_NOT_A_NOUN: Final = frozenset(
    {
        "a",
        "an",
        "the",
        "some",
        "my",
        "me",
        "i",
        "and",
        "or",
        "but",
        "so",
        "that",
        "this",
        "about",
        "to",
        "for",
        "with",
        "at",
        "in",
        "on",
        "up",
        "out",
        "off",
        "back",
        "down",
        "over",
        "around",
        "from",
        "into",
        "again",
        "too",
        "yesterday",
        "today",
        "tonight",
        "last",
        "every",
        "because",
        "while",
        "before",
        "after",
        "when",
        "how",
        "what",
        "why",
        "if",
        "once",
        "really",
        "very",
        "just",
        "first",
        "all",
        "anyway",
        "later",
        "earlier",
        "now",
        "then",
        "know",
        "feel",
    }
)
# A moment that starts with one of these already has its own subject.
_SUBJECT_STARTS: Final = frozenset(
    {
        *PARTNER_SUBJECTS,
        "he's",
        "she's",
        "they're",
        "they've",
        "he'd",
        "she'd",
        "they'd",
        "he'll",
        "she'll",
        "they'll",
        "i",
        "i'm",
        "i've",
        "i'd",
        "i'll",
        "we",
        "we're",
        "we've",
        "we'd",
        "you",
        "you're",
        "it",
        "it's",
        "there",
        "there's",
        "my",
        "our",
        "his",
        "her",
        "their",
        "the",
        "a",
        "an",
        "this",
        "that",
        "someone",
        "somebody",
        "everyone",
        "everybody",
        "nobody",
    }
)
_WORD: Final = re.compile(r"^([^a-z0-9']*)([a-z0-9']+)(.*)$")
_HAVE_PARTICIPLES: Final = frozenset({"been", "got", "gotten", "done", "had", "made", "given"})


def _tokens(text: str) -> list[str]:
    """Words as said, punctuation kept: the text is read back, so only case, width,
    apostrophes and spaces are folded (the first stage of the one normaliser)."""
    return fold(text).split()[:MAX_WORDS]


def _parts(token: str) -> tuple[str, str, str]:
    """Punctuation before, the word, punctuation after: '"coffee,' -> '"', "coffee", ","."""
    m = _WORD.match(token)
    return (m.group(1), m.group(2), m.group(3)) if m else ("", "", token)


def _split(token: str) -> tuple[str, str]:
    """The word and any punctuation stuck to its end ("coffee," -> "coffee", ",")."""
    _, core, tail = _parts(token)
    return core, tail


def third_to_base(word: str) -> str:
    """A third-person singular verb in its plain form: "makes" -> "make", "is" -> "are"."""
    if word in _TO_BASE:
        return _TO_BASE[word]
    if len(word) <= 3 or not word.endswith("s") or word in _NOT_VERBS:
        return word
    if word.endswith(("ss", "us", "is", "'s")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes", "zes", "oes")):
        return word[:-2]
    return word[:-1]


def _agree(words: list[str], start: int, change: Callable[[str], str]) -> None:
    """Make the first verb from ``start`` on agree with a new subject (skipping adverbs)."""
    for i in range(start, len(words)):
        lead, core, tail = _parts(words[i])
        if not core or core in _ADVERBS:
            continue
        words[i] = lead + change(core) + tail
        return


def _next_core(words: list[str], i: int) -> str:
    return _split(words[i + 1])[0] if i + 1 < len(words) else ""


def _capital_i(word: str) -> str:
    return "I" + word[1:] if word == "i" or word.startswith("i'") else word


def to_partner(clause: str) -> str:
    """The clause as said to the partner: their pronouns become "you" (see module doc)."""
    words = _tokens(clause)
    out: list[str] = []
    i = 0
    while i < len(words):
        lead, core, tail = _parts(words[i])
        nxt = _next_core(words, i)
        if core == "my" and nxt.endswith("'s") and nxt[:-2] in PARTNER_NOUNS:
            # "my husband's job" -> "your job"
            out.append(lead + "your")
            i += 2
            continue
        if core == "my" and nxt in PARTNER_NOUNS:
            out.append(lead + "you" + _split(words[i + 1])[1])
            if not out[:-1]:
                rest = words[i + 2 :]
                _agree(rest, 0, third_to_base)
                words = words[: i + 2] + rest
            i += 2
            continue
        if core == "my" and nxt == "other" and _next_core(words, i + 1) == "half":
            out.append(lead + "you" + _split(words[i + 2])[1])
            i += 3
            continue
        new: str
        if core in ("he", "she"):
            new = "you"
            rest = words[i + 1 :]
            _agree(rest, 0, third_to_base)
            words = words[: i + 1] + rest
        elif core in ("they", "him", "them"):
            new = "you"
        elif core in ("he's", "she's"):
            new = "you've" if nxt in _HAVE_PARTICIPLES else "you're"
        elif core == "they're":
            new = "you're"
        elif core == "they've":
            new = "you've"
        elif core in ("he'd", "she'd", "they'd"):
            new = "you'd"
        elif core in ("he'll", "she'll", "they'll"):
            new = "you'll"
        elif core == "her":
            new = "your" if nxt and nxt not in _NOT_A_NOUN else "you"
        elif core == "his":
            new = "your" if nxt and nxt not in _NOT_A_NOUN else "yours"
        elif core == "their":
            new = "your"
        elif core in ("hers", "theirs"):
            new = "yours"
        elif core in ("himself", "herself", "themselves", "themself"):
            new = "yourself"
        else:
            new = _capital_i(core)
        out.append(lead + new + tail)
        i += 1
    return " ".join(out)


def to_listener(clause: str) -> str:
    """The clause read back to the person who said it: "I/me/my" become "you/your"."""
    words = _tokens(clause)
    out: list[str] = []
    for i, token in enumerate(words):
        lead, core, tail = _parts(token)
        new: str
        if core == "i":
            new = "you"
            rest = words[i + 1 :]
            _agree(rest, 0, lambda w: _FIRST_TO_SECOND_VERB.get(w, w))
            words[i + 1 :] = rest
        elif core == "i'm":
            new = "you're"
        elif core == "i've":
            new = "you've"
        elif core == "i'd":
            new = "you'd"
        elif core == "i'll":
            new = "you'll"
        elif core == "me":
            new = "you"
        elif core == "my":
            new = "your"
        elif core == "mine":
            new = "yours"
        elif core == "myself":
            new = "yourself"
        else:
            new = core
        out.append(lead + new + tail)
    return " ".join(out)


# --- building the clause from what Alexa heard ----------------------------------------------
def _clean(text: str | None) -> list[str]:
    """The words of a phrase; none at all when it holds no word (only punctuation)."""
    words = _tokens(text or "")
    return words if any(_split(w)[0] for w in words) else []


def from_deed(deed: str | None) -> str | None:
    """ "he {deed}" -> "they <deed>", the verb agreeing with "they": "makes me laugh"."""
    words = _clean(deed)
    if not words:
        return None
    _agree(words, 0, third_to_base)
    return " ".join(["they", *words])


def from_state(state: str | None) -> str | None:
    """ "he's {state}" -> "they're <state>", or "they've been ..." when it goes on with "been"."""
    words = _clean(state)
    if not words:
        return None
    lead = "they've" if _split(words[0])[0] in _HAVE_PARTICIPLES else "they're"
    return " ".join([lead, *words])


def from_moment(moment: str | None) -> str | None:
    """ "it was when {moment}": a whole clause; one that starts with a verb is a deed."""
    words = _clean(moment)
    if not words:
        return None
    if _split(words[0])[0] in _SUBJECT_STARTS:
        return " ".join(words)
    return from_deed(" ".join(words))


def is_ongoing(clause: str) -> bool:
    """Whether the clause is about how the partner is ("they're always there"), not one act."""
    first = _split(_tokens(clause)[0])[0] if clause.strip() else ""
    return first in {"they're", "they've", "he's", "she's"}
