"""The one text normaliser: how every reader in the skill sees what was said.

Alexa's ASR text is lowercase and mostly without punctuation; typed text (the local chat, the
simulator, the tests) has capitals, curly quotes, dashes and ellipses. Every reader starts from
:func:`normalise`, so the resolver, the safety screen, the coaching checkers and the vocabulary
agree on what a word is:

* Unicode NFKC (full-width letters, ligatures and "…" become plain ones), every apostrophe-like
  mark becomes ``'``, lowercase, accents dropped ("fiancé" -> "fiance").
* "a.m."/"p.m." become "am"/"pm" and "8pm" becomes "8 pm"; a clock time keeps its colon
  ("8:30").
* Every other mark becomes a space, hyphens and underscores too ("check-in" -> "check in").
  Apostrophes stay only inside a word ("don't", "o'clock"; "'quoted'" -> "quoted"), and so do
  asterisks, because Alexa masks a swear word as "f***".
* Single spaces, none at the ends.

Some readers need more, built on top of it and kept here as separate, explicit steps:
:func:`tokens` (the words), :func:`with_apostrophes` ("youre" -> "you're", for patterns written
with apostrophes), :func:`expand_contractions` ("i'm" and "im" -> "i am", "wanna" -> "want to",
for patterns written without them) and :func:`fold_spelling` (British to American spelling,
"colour" -> "color", "mum" -> "mom", for word lists kept in one spelling). :func:`fold` is the
first stage alone (case, width, quotes and spaces, punctuation kept), for words that are said
back to the person.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Final

__all__ = [
    "expand_contractions",
    "fold",
    "fold_spelling",
    "normalise",
    "tokens",
    "with_apostrophes",
]

# Marks people and keyboards use for an apostrophe. Translated before NFKC, which would turn
# the acute accent into a space and a combining mark.
_APOSTROPHES: Final = str.maketrans(
    dict.fromkeys("\u2019\u2018\u201b\u02bc\u0060\u00b4\u2032\uff07", "'")
)
_DOTTED_AMPM: Final = re.compile(r"\b([ap])\.\s?m\b\.?")
_DIGIT_AMPM: Final = re.compile(r"(\d)([ap]m)\b")
_NOT_KEPT: Final = re.compile(r"[^\w'*:]+|_+")
_STRAY_COLON: Final = re.compile(r"(?<!\d):|:(?!\d)")


def fold(text: str) -> str:
    """Case, width, apostrophes and spaces only; punctuation and accents are kept.

    >>> fold("  He MADE my   coffee, ‘always’… ")
    "he made my coffee, 'always'..."
    """
    t = unicodedata.normalize("NFKC", text.translate(_APOSTROPHES)).lower()
    return " ".join(t.split())


def _without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise(text: str) -> str:
    """Lowercase words with straight inner apostrophes, single spaces and no punctuation.

    >>> normalise("I’m NOT ok — call me at 8:30 p.m., my fiancé said!")
    "i'm not ok call me at 8:30 pm my fiance said"
    """
    t = fold(text)
    if not t.isascii():
        t = _without_accents(t)
    if "." in t:
        t = _DOTTED_AMPM.sub(r"\1m", t)
    t = _DIGIT_AMPM.sub(r"\1 \2", t)
    t = _NOT_KEPT.sub(" ", t)
    if ":" in t:
        t = _STRAY_COLON.sub(" ", t)
    if "'" in t:
        return " ".join(w for w in (raw.strip("'") for raw in t.split()) if w)
    return " ".join(t.split())


def tokens(text: str) -> tuple[str, ...]:
    """The words of ``normalise(text)``.

    >>> tokens("Check-in, please.")
    ('check', 'in', 'please')
    """
    return tuple(normalise(text).split())


# --------------------------------------------------------------------------- contractions

# Contractions as ASR or typing leaves them without the apostrophe. Ambiguous forms ("ill",
# "hell", "shell", "well", "its", "were", "wed", "shed") are left alone.
BARE_CONTRACTIONS: Final[Mapping[str, str]] = {
    "dont": "don't",
    "doesnt": "doesn't",
    "didnt": "didn't",
    "cant": "can't",
    "wont": "won't",
    "wouldnt": "wouldn't",
    "couldnt": "couldn't",
    "shouldnt": "shouldn't",
    "isnt": "isn't",
    "arent": "aren't",
    "wasnt": "wasn't",
    "werent": "weren't",
    "havent": "haven't",
    "hasnt": "hasn't",
    "hadnt": "hadn't",
    "aint": "ain't",
    "im": "i'm",
    "ive": "i've",
    "id": "i'd",
    "youre": "you're",
    "youve": "you've",
    "youd": "you'd",
    "theyre": "they're",
    "theyd": "they'd",
    "theyll": "they'll",
    "hes": "he's",
    "hed": "he'd",
    "shes": "she's",
    "thats": "that's",
    "whats": "what's",
    "theres": "there's",
}
# Spoken short forms without an apostrophe at all.
_INFORMAL: Final[Mapping[str, str]] = {
    "cannot": "can not",
    "wanna": "want to",
    "gonna": "going to",
    "gotta": "got to",
    "tryna": "trying to",
    "lemme": "let me",
    "cuz": "because",
    "cos": "because",
    "coz": "because",
}
_APOSTROPHE_WORD: Final = re.compile(r"\b([a-z]+)'([a-z]+)\b")
# "'s" after these is "is"; after anything else it is a possessive ("mom's" -> "moms").
_IS_PRONOUNS: Final = frozenset(
    {"he", "she", "it", "that", "what", "there", "who", "where", "how", "here", "this"}
    | {"everything", "everyone", "everybody", "nobody", "life"}
)
_NOT_STEMS: Final = {"won": "will not", "can": "can not", "ain": "is not", "shan": "shall not"}
_SUFFIXES: Final = {"m": " am", "re": " are", "ve": " have", "ll": " will", "d": " would"}


def with_apostrophes(normal: str) -> str:
    """Normalised text with bare contractions given their apostrophe back.

    >>> with_apostrophes("youre always late and i dont care")
    "you're always late and i don't care"
    """
    return " ".join(BARE_CONTRACTIONS.get(w, w) for w in normal.split())


def _expand_apostrophe(m: re.Match[str]) -> str:
    word, suffix = m.group(1), m.group(2)
    if suffix == "t" and word.endswith("n"):
        return _NOT_STEMS.get(word) or word[:-1] + " not"
    if suffix in _SUFFIXES:
        return word + _SUFFIXES[suffix]
    if suffix == "s" and word in _IS_PRONOUNS:
        return word + " is"
    return word + suffix


def _expanded(word: str) -> str:
    if word in _INFORMAL:
        return _INFORMAL[word]
    bare = BARE_CONTRACTIONS.get(word)
    return _APOSTROPHE_WORD.sub(_expand_apostrophe, bare) if bare else word


def expand_contractions(normal: str) -> str:
    """Normalised text with every contraction written out and no apostrophes left.

    >>> expand_contractions("im scared he'll find out and i cant wanna hide")
    'i am scared he will find out and i can not want to hide'
    """
    t = normal
    if "'" in t:
        t = _APOSTROPHE_WORD.sub(_expand_apostrophe, t).replace("'", " ")
    return " ".join(_expanded(w) for w in t.split())


# --------------------------------------------------------------------------- spelling

# British spellings the skill's word lists meet, mapped to the American spelling they are kept
# in. Whole words only: a general "-ise" rule would also change "rise" and "wise".
_US_SPELLING: Final[Mapping[str, str]] = {
    "mum": "mom",
    "mums": "moms",
    "mummy": "mommy",
    "colour": "color",
    "colours": "colors",
    "favour": "favor",
    "favourite": "favorite",
    "behaviour": "behavior",
    "honour": "honor",
    "honoured": "honored",
    "humour": "humor",
    "neighbour": "neighbor",
    "neighbours": "neighbors",
    "centre": "center",
    "centred": "centered",
    "criticised": "criticized",
    "criticise": "criticize",
    "criticising": "criticizing",
    "recognised": "recognized",
    "recognise": "recognize",
    "realise": "realize",
    "realised": "realized",
    "apologise": "apologize",
    "apologised": "apologized",
    "organised": "organized",
    "disorganised": "disorganized",
    "prioritised": "prioritized",
    "traumatised": "traumatized",
    "patronised": "patronized",
    "scrutinised": "scrutinized",
    "sympathise": "sympathize",
    "emphasise": "emphasize",
    "agonising": "agonizing",
    "paralysed": "paralyzed",
    "practise": "practice",
    "travelling": "traveling",
    "cancelled": "canceled",
    "programme": "program",
    "defence": "defense",
    "offence": "offense",
    "grey": "gray",
}


def fold_spelling(normal: str) -> str:
    """Normalised text in American spelling, for matching against word lists kept in it.

    >>> fold_spelling("my mum criticised my favourite colour")
    'my mom criticized my favorite color'
    """
    return " ".join(_US_SPELLING.get(w, w) for w in normal.split())
