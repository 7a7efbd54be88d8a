"""Crisis and abuse screening: the screen every input passes before anything else.

``screen(text)`` reads one utterance (Alexa's ASR text: lowercase, usually without
punctuation) and returns a :class:`SafetyFinding` when it holds a sign of suicide,
self-harm, immediate danger, violence, abuse or sexual abuse, else ``None``. Any finding
means the same thing to the skill: stop coaching and offer help; the category only picks
which resources are spoken first.

This module is the engine; the rules are data (``rules/*.yaml``, loaded and checked by
:mod:`skill.language.safety.rules`). The first screen reads and compiles them (nothing at import:
a launch carries no free text); after that a call is pure and fast, and it never logs or keeps
the text. Each rule's alternatives are compiled one by one and filed under the first letters
of the words they can start with; a call tries, at each word, only the alternatives filed
under it (one regex holding everything is slower to compile and tries every alternative at
every word). Tests prove the filing never leaves one out.

Policies (pinned by the tables in ``tests/safety/``):

* Negation. Explicit suicide and self-harm words fire even when negated ("I'm not
  suicidal, just sad", "I would never kill myself"): a gentle check costs little, a miss
  can cost a life. For danger, violence, abuse and sexual abuse a negator right before the
  core ("he has never hit me", "he's not abusive, just distant", "it's not like he hits
  me") cancels that one match, because saying what the partner is *not* is common in this
  skill's conversations; "until", "before last night" or "but last night he did" after it
  restore the match. Patterns whose meaning holds the negation ("he won't let me see my
  friends", "I don't feel safe") are not affected.
* Hyperbole. Idioms of embarrassment, tiredness, hunger or exasperation ("I wanted to die
  of embarrassment", "this meeting is killing me", "I could sleep forever", "I'm killing
  myself laughing") do not fire. A partner who "will kill me" fires as danger even though
  it is sometimes a joke; "my mom will kill me" does not.
* Unbearable states ("I can't go on", "I can't take it anymore", "I can't do this
  anymore") fire: they are recognised warning signs. With a concrete object they do not
  ("I can't take his silence anymore", "I can't do this relationship anymore").
* Giving up and ending. Giving up on life, everything or myself fires; giving up on a
  conversation, on him or on the marriage does not. "Ending it all" fires, and so does
  "I'm going to end it tonight"; "ending it" or "ending things" alone reads as ending the
  relationship.
* Emotional and physical harm. "He hurt me" (feelings), "he pushed me away", "he shuts me
  out", "I don't feel emotionally safe" and "I'm scared of how he'll react" do not fire;
  "he pushed me", "I don't feel safe at home" and "I'm scared of what he'll do" do.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Final

from skill import bundle
from skill.language.normalise import expand_contractions
from skill.language.normalise import normalise as normalise_text
from skill.language.safety import second_opinion
from skill.language.safety.finding import SafetyFinding
from skill.language.safety.rules import (
    RULES_DIR,
    RuleError,
    RuleSet,
    SafetyCategory,
    load,
    split_top,
)

FRAMES_FILE: Final = Path(__file__).with_name("frames.yaml")

__all__ = [
    "RuleError",
    "SafetyCategory",
    "SafetyFinding",
    "check_rules",
    "most_urgent",
    "normalise",
    "screen",
    "screen_rules",
]


# --------------------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _rules() -> RuleSet:
    return load()


def _word_regex(words: dict[str, str]) -> re.Pattern[str]:
    alternation = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(rf"\b(?:{alternation})\b")


@lru_cache(maxsize=1)
def _canonical() -> tuple[re.Pattern[str], dict[str, str]]:
    words = dict(_rules().canonical)
    return _word_regex(words), words


@lru_cache(maxsize=1)
def _regional() -> tuple[re.Pattern[str], dict[str, str]] | None:
    """Regional spellings a recogniser writes ("meself", "cannae", "tae", "deid", "gunna"),
    read as the standard words before the canonical ones (pool J fold, decision 0128)."""
    words = dict(_rules().regional)
    return (_word_regex(words), words) if words else None


# Regional "me" for "my" before a part of the body (British, Irish, Australian speech: "scratched
# me wrists raw", "bang me head off the wall", "the missus grabs me arms"), read as "my" so every
# rule about "my wrists" reads it too (safety round 16 fold, decision 0116). Parts that are also
# verbs ("let me head off", "help me hand out", "made me face it") keep "me" after a verb that
# takes a bare infinitive; "back" is never read ("call me back").
_BODY_PART: Final = (
    r"(?:arms?|forearms?|wrists?|legs?|thighs?|hips?|knees?|shins?|ankles?|feet|foot|toes?|hands?|"
    r"palms?|fingers?|thumbs?|knuckles|fists?|nails|elbows?|shoulders?|ribs|sides?|chest|stomach|"
    r"belly|tummy|skin|body|head|face|neck|throat|cheeks?|lips?|mouth|ears?|eyes?|nose|hair|scalp|"
    r"scabs?|scars?|veins?|bruises|own)"
)
_VERB_PARTS: Final = "head|hand|hands|face|foot|nail|skin|arm|eye|elbow|shoulder|thumb|finger|nose"
_REGIONAL_MY: Final = re.compile(r"\bme (?=" + _BODY_PART + r"\b)")
_KEEP_ME: Final = re.compile(r"(?:" + _VERB_PARTS + r")\b")


def _regional_my(text: str) -> str:
    """ "me" read as "my" before a part of the body, except where the part is a verb."""

    def my(m: re.Match[str]) -> str:
        before = text[: m.start()].rsplit(None, 1)
        verb_before = bool(before) and before[-1] in _BARE_INFINITIVE
        return "me " if verb_before and _KEEP_ME.match(text, m.end()) else "my "

    return _REGIONAL_MY.sub(my, text) if "me " in text else text


_BARE_INFINITIVE: Final = frozenset(
    {"let", "lets", "help", "helps", "make", "makes", "made", "watch", "see", "saw", "hear"}
    | {"heard", "have", "had", "bid"}
)


# Scots "no" for "not" after a subject and its auxiliary, before a verb in -ing ("he's no
# answering his phone", "i'm no going back in"), read as "not" so a negator stands where the
# rules expect it (round 19 fold, decision 0135). Nouns in -ing ("he is no king", "there is no
# warning") keep "no": the subject must be a pronoun, short words (king, ring, thing) and a
# list of nouns in -ing (morning, feeling, wedding ...) are left alone.
_SCOTS_NO: Final = re.compile(
    r"\b(?P<aux>(?:i am|i was|he is|he was|she is|she was|it is|it was|we are|we were|you are|"
    r"you were|they are|they were) )no (?=(?!(?:\w*thing|king|ring|sing|wing|ding|ping|bing|zing|"
    r"spring|string|sling|swing|morning|evening|feeling|ceiling|building|wedding|meeting|"
    r"darling|sibling|pudding|clothing|"
    r"herring|shilling|sterling|duckling|earring|offspring|viking|lightning|stuffing|icing|"
    r"filling|frosting|topping|stocking|dumpling|farthing|lemming|gosling)\b)"
    r"\w{2,}ing\b)"
)


def _scots_no(text: str) -> str:
    return _SCOTS_NO.sub(r"\g<aux>not ", text) if " no " in text else text


def normalise(text: str) -> str:
    """The text as the patterns read it: normalised, contractions written out, canonical words.

    "I’m just terrified, he’ll…" becomes "i am scared he will"; ASR's "im terrified hell"
    becomes "i am scared hell", because "hell" may be meant; "me wrists" becomes "my wrists";
    regional spellings first ("i cannae" -> "i can not", "kill meself" -> "kill myself").
    Built on the one normaliser (:mod:`skill.language.normalise`); the canonical words are data
    (``rules/words.yaml``).
    """
    t = expand_contractions(normalise_text(text))
    regional = _regional()
    if regional is not None:
        t = regional[0].sub(lambda m: regional[1][m.group(0)], t)
    t = _scots_no(t)
    regex, words = _canonical()
    return " ".join(_regional_my(regex.sub(lambda m: words[m.group(0)], t)).split())


_NEGATORS: Final = frozenset({"not", "never", "non", "nobody", "neither", "nor", "nothing"})
_CLAUSE_BREAKS: Final = frozenset(
    {"and", "but", "because", "cause", "so", "then", "when", "after", "since", "until"}
    | {"till", "while", "or", "if", "though", "although", "anyway", "also", "plus"}
    | {"yesterday", "today", "tonight", "now"}
)
_SUBJECTS: Final = frozenset({"i", "he", "she", "they", "we", "you", "it"})
_RESTORE_AFTER: Final = re.compile(
    r"(?: \w+){0,3}? (?:until|till|before (?:today|tonight|yesterday|last|this|that|then|now|"
    r"recently)|but (?:\w+ ){0,3}?(?:did|now|last night|yesterday|today|tonight|this (?:week|"
    r"morning|time|year)|recently|lately|again|started))\b"
)


@dataclass(frozen=True, slots=True)
class _Branch:
    """One top-level alternative of a rule, compiled on its own."""

    category: SafetyCategory
    rule: int
    """Position of its rule in load order: at one position, earlier rules are tried first."""
    negatable: bool
    actor_not_me: bool
    regex: re.Pattern[str]
    v_groups: tuple[str, ...]
    x_groups: tuple[str, ...]


# When a phrase holds several signals the most urgent answer wins: danger now before a
# helpline, a child before an adult's abuse line.
_PRIORITY: Final[dict[SafetyCategory, int]] = {
    "urgent": 0,
    "suicide": 1,
    "self_harm": 2,
    "harm_others": 3,
    "child": 4,
    "danger": 5,
    "sexual_abuse": 6,
    "violence": 7,
    "abuse": 8,
}
_TOP: Final[SafetyCategory] = "urgent"
_WORD_CHARS: Final = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_KEY_LENGTH: Final = 3


def _closing(pattern: str, start: int) -> int:
    """Index of the ")" that closes the group opening at ``start``."""
    depth = 0
    i = start
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise ValueError("unbalanced pattern")


def _opens_word(pattern: str) -> bool | None:
    """Can a match of ``pattern`` begin with a letter? None when the start is not plain."""
    if not pattern or pattern.startswith((" ", "$", "|", ")")):
        return False
    if pattern[0] in _WORD_CHARS or pattern.startswith("\\w"):
        return True
    if pattern.startswith("\\b"):
        return _opens_word(pattern[2:])
    if pattern.startswith(("(?:", "(?P<")):
        close = _closing(pattern, 0)
        inner = pattern[pattern.index(":" if pattern[2] == ":" else ">") + 1 : close]
        answers = {_opens_word(alternative) for alternative in split_top(inner)}
        if pattern.startswith(("?", "*", "{0"), close + 1):
            return None
        return None if None in answers else True in answers
    return None


def _first_keys(pattern: str) -> tuple[frozenset[str], bool] | None:
    """What a match of ``pattern`` can start with, as dispatch keys.

    A key is the first ``_KEY_LENGTH`` letters of the first word (the whole word when it is
    shorter). Returns the keys and whether the pattern can match the empty string, or None
    when the start is not plain enough to tell (such a branch is then tried everywhere).
    """
    i = 0
    while True:  # zero-width openers constrain nothing we need
        if pattern.startswith("\\b", i):
            i += 2
        elif pattern.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
            i = _closing(pattern, i) + 1
        else:
            break
    if i >= len(pattern):
        return frozenset(), True
    if pattern[i] == "(":
        close = _closing(pattern, i)
        if pattern.startswith("(?:", i):
            inner = pattern[i + 3 : close]
        elif pattern.startswith("(?P<", i):
            inner = pattern[pattern.index(">", i) + 1 : close]
        else:
            return None
        after = close + 1
        optional = False
        if pattern.startswith(("?", "*"), after):
            optional = True
            after += 1
        elif pattern.startswith("{0", after):
            optional = True
            after = pattern.index("}", after) + 1
        elif pattern.startswith(("+", "{"), after):
            return None
        if pattern.startswith("?", after):  # lazy quantifier
            after += 1
        rest = pattern[after:]
        keys: set[str] = set()
        nullable = False
        for alternative in [*split_top(inner), *([""] if optional else [])]:
            found = _first_keys(alternative + rest)
            if found is None:
                return None
            keys |= found[0]
            nullable = nullable or found[1]
        return frozenset(keys), nullable
    j = i
    while j < len(pattern) and pattern[j] in _WORD_CHARS:
        j += 1
    word = pattern[i:j]
    following = pattern[j : j + 1]
    if not word:
        return None
    if following in ("", " ", "$", "|", ")") or pattern.startswith("\\b", j):
        return frozenset({word[:_KEY_LENGTH]}), False
    if following == "(" and _opens_word(pattern[j:]) is False:  # "he(?: \w+)": a whole word
        return frozenset({word[:_KEY_LENGTH]}), False
    if following in ("?", "*", "{"):  # the last letter is optional
        word = word[:-1]
    if len(word) < _KEY_LENGTH:
        return None
    return frozenset({word[:_KEY_LENGTH]}), False


def _compiled(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as e:
        raise RuleError(f"{where}: not a valid regular expression ({e}): {pattern!r}") from e


def _numbered(pattern: str) -> str:
    """Python needs unique group names: number each "v" and "x" group of an alternative."""
    for kind in ("v", "x"):
        count = 0
        while f"(?P<{kind}>" in pattern:
            pattern = pattern.replace(f"(?P<{kind}>", f"(?P<{kind}{count}>", 1)
            count += 1
    return pattern


def _build(
    rule_set: RuleSet,
) -> tuple[dict[str, tuple[_Branch, ...]], tuple[_Branch, ...], tuple[_Branch, ...]]:
    by_key: dict[str, list[_Branch]] = {}
    everywhere: list[_Branch] = []
    every_branch: list[_Branch] = []
    for index, rule in enumerate(rule_set.rules):
        for n, raw in enumerate(rule.patterns, 1):
            alternative = _numbered(raw)
            regex = _compiled(alternative, f"{rule.where}, pattern {n}")
            names = tuple(regex.groupindex)
            branch = _Branch(
                rule.category,
                index,
                rule.negatable,
                rule.actor_not_me,
                regex,
                tuple(n for n in names if n.startswith("v")),
                tuple(n for n in names if n.startswith("x")),
            )
            every_branch.append(branch)
            found = _first_keys(alternative)
            if found is None or found[1]:
                everywhere.append(branch)
                continue
            for key in found[0]:
                by_key.setdefault(key, []).append(branch)
    dispatch = {
        key: tuple(sorted(branches, key=lambda b: b.rule)) for key, branches in by_key.items()
    }
    return dispatch, tuple(everywhere), tuple(every_branch)


# Branches by the first letters of the word they can start at, in rule order, so the first
# branch that matches at a position is the one a single big regex would report. Tests scan
# with _ALL_BRANCHES everywhere to prove the dispatch never leaves a branch out.
# Compiled on the first screen, not at import: a launch carries no free text, and compiling
# every pattern costs tens of milliseconds of cold start.
@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, tuple[_Branch, ...]], tuple[_Branch, ...], tuple[_Branch, ...]]:
    return _build(_rules())


_TABLE_NAMES: Final = ("_DISPATCH", "_EVERYWHERE", "_ALL_BRANCHES")


def __getattr__(name: str) -> object:
    """The compiled tables, for tests that inspect them (built on first access)."""
    if name in _TABLE_NAMES:
        return _tables()[_TABLE_NAMES.index(name)]
    raise AttributeError(name)


def _words_before(text: str, end: int, limit: int) -> list[str]:
    """Up to ``limit`` words ending right before ``end``, nearest first."""
    return text[:end].rsplit(None, limit)[-limit:][::-1]


# A negator followed by one of these negates that state, not what comes after it (Alexa's text
# has no punctuation to end the clause).
_NEGATED_STATES: Final = frozenset({"okay", "ok", "fine", "alright", "well", "good", "great"})
# Possessives that open a new clause ("his anger ...") when they stand before the core's subject.
_CLAUSE_OPENERS: Final = frozenset({"his", "their", "our"})


# A third-person verb between a negator and the core takes the negation for itself.
_OWN_VERB: Final = re.compile(
    r"(?!(?:is|was|has|does|always|once|unless|less|yes|this|thus)$)[a-z]{3,}s"
)


def _is_negated(text: str, core: int, end: int) -> bool:
    """Does a negator govern the core at ``core``? ("he has never hit me": yes.)

    Looks back up to four words and stops at a clause break or at the clause's subject
    ("he is not just distant he hits me" is not negated), except in "not like he hits me".
    """
    words = _words_before(text, core, 6)
    for i, word in enumerate(words[:4]):
        if word in _CLAUSE_BREAKS:
            return False
        if i > 0 and word in _CLAUSE_OPENERS:
            return False  # "...not abusive his anger scares me": a new clause began here
        if word in _NEGATORS:
            if i > 0 and words[i - 1] in {"mean", "meant"}:
                return False  # "he didn't mean to hit me" still reports a blow
            if i > 0 and words[i - 1] in {"see", "notice", "hear", "know", "care", "mind"}:
                return False  # "so he doesn't see burn the house down ...": the "not" is the see's
            if any(_OWN_VERB.fullmatch(w) for w in words[:i]):
                return False  # "he never listens burn the house down": the "never" is listens'
            if i > 0 and words[i - 1] in _NEGATED_STATES:
                return False  # "i'm not okay his anger scares me": the "not" is the okay's
            return _RESTORE_AFTER.match(text, end) is None
        if word in _SUBJECTS or word == "my":
            before_subject = words[i + 1 : i + 3]
            return before_subject == ["like", "not"] and _RESTORE_AFTER.match(text, end) is None
    return False


def _actor_is_me(text: str, core: int) -> bool:
    """Is "i" the subject of the verb at ``core``? ("i keep checking my phone": yes.)

    A verb in the third person cannot have "i" for its subject: "i could sleep forever takes
    all my money" is two clauses run together, the second one's subject dropped.
    """
    verb = text[core:].split(" ", 1)[0]
    if verb.endswith("s") and not verb.endswith(("ss", "us", "is")):
        return False
    for word in _words_before(text, core, 4):
        if word in _CLAUSE_BREAKS:
            return False
        if word in _SUBJECTS or word == "my":
            return word == "i"
    return False


def _core(m: re.Match[str], branch: _Branch) -> int:
    for group in branch.v_groups:
        if m.group(group) is not None:
            return m.start(group)
    return m.start()


def _scan(text: str, candidates: Callable[[str], Iterable[_Branch]]) -> SafetyCategory | None:
    """The highest-priority finding in normalised ``text``.

    Every word start is tried with the branches ``candidates`` gives for its first letters.
    At one position the branches are tried in rule order: an idiom veto skips the whole
    phrase ("it hit me hard"), a negation or a wrong actor lets the next branch try.
    """
    best: SafetyCategory | None = None
    size = len(text)
    skip_until = 0
    pos = 0
    while pos < size:
        space = text.find(" ", pos)
        end = size if space < 0 else space
        if pos >= skip_until:
            for branch in candidates(text[pos : min(end, pos + _KEY_LENGTH)]):
                m = branch.regex.match(text, pos)
                if m is None:
                    continue
                if any(m.group(g) is not None for g in branch.x_groups):
                    skip_until = m.end()
                    break
                core = _core(m, branch)
                if (branch.negatable and _is_negated(text, core, m.end())) or (
                    branch.actor_not_me and _actor_is_me(text, core)
                ):
                    continue
                if best is None or _PRIORITY[branch.category] < _PRIORITY[best]:
                    best = branch.category
                    if best == _TOP:
                        return best
                # The phrase is read once: "he said he would shoot me" is a threat, not
                # also the fear "he would shoot me" inside it.
                skip_until = m.end()
                break
        pos = end + 1
    return best


def _dispatched(key: str) -> Iterable[_Branch]:
    dispatch, everywhere, _ = _tables()
    found = dispatch.get(key, ())
    if everywhere:  # kept empty by a test; here so that a new rule can never go unseen
        return sorted((*found, *everywhere), key=lambda b: b.rule)
    return found


# A second look, by concept rather than phrasing, for what the rules do not word exactly
# (``second_look`` in the rule files): searched anywhere in the normalised text.
_Concept = tuple[SafetyCategory, re.Pattern[str], frozenset[str]]


def _build_second_look(rule_set: RuleSet) -> tuple[_Concept, ...]:
    return tuple(
        (c.category, _compiled(c.pattern, c.where), frozenset(c.needs))
        for c in rule_set.second_look
    )


@lru_cache(maxsize=1)
def _second_look() -> tuple[_Concept, ...]:
    return _build_second_look(_rules())


_GatedConcepts = tuple[
    dict[str, tuple[tuple[str, tuple[int, ...]], ...]],  # first 3 letters -> (gate, concepts)
    tuple[tuple[str, tuple[int, ...]], ...],  # gates shorter than 3 letters
    tuple[int, ...],  # concepts with no gate
]


@lru_cache(maxsize=1)
def _gates() -> _GatedConcepts:
    """Which concepts each gate string opens, filed under its first three letters: the
    concepts a text opens are found in one walk over the text, not one test per concept."""
    opens: dict[str, list[int]] = {}
    ungated: list[int] = []
    for i, (_, _, needs) in enumerate(_second_look()):
        if not needs:
            ungated.append(i)
        for n in needs:
            opens.setdefault(n, []).append(i)
    by_start: dict[str, list[tuple[str, tuple[int, ...]]]] = {}
    short: list[tuple[str, tuple[int, ...]]] = []
    for n, concepts in sorted(opens.items()):
        entry = (n, tuple(concepts))
        (short if len(n) < 3 else by_start.setdefault(n[:3], [])).append(entry)
    return {k: tuple(v) for k, v in by_start.items()}, tuple(short), tuple(ungated)


def _opened(text: str) -> list[int]:
    """The concepts whose gate is in ``text`` (and those with none), in rule order."""
    by_start, short, ungated = _gates()
    found = set(ungated)
    for i in range(len(text) - 2):
        entries = by_start.get(text[i : i + 3])
        if entries:
            for n, concepts in entries:
                if text.startswith(n, i):
                    found.update(concepts)
    for n, concepts in short:
        if n in text:
            found.update(concepts)
    return sorted(found)


def check_rules(folder: Path = RULES_DIR) -> RuleSet:
    """Load and compile every rule in ``folder``; a malformed one raises :class:`RuleError`.

    The screen does the same lazily on first use; this is for tests and for whoever edits the
    data (``python -c "from skill.language.safety.engine import check_rules; check_rules()"``).
    """
    rule_set = load(folder)
    _build(rule_set)
    _build_second_look(rule_set)
    return rule_set


def _rank(category: SafetyCategory) -> int:
    return _PRIORITY[category]


def _by_concept(text: str) -> SafetyCategory | None:
    concepts = _second_look()
    found: list[SafetyCategory] = [
        concepts[i][0] for i in _opened(text) if concepts[i][1].search(text)
    ]
    if not found:
        return None
    best: SafetyCategory = min(found, key=_rank)
    return best


def _first(*found: SafetyCategory | None) -> SafetyCategory | None:
    present: list[SafetyCategory] = [f for f in found if f is not None]
    if not present:
        return None
    best: SafetyCategory = min(present, key=_rank)
    return best


def screen(text: str | None) -> SafetyFinding | None:
    """Screen one utterance; a finding means: stop coaching and offer help.

    Never raises on any string, never logs, never keeps the text.
    """
    if not text:
        return None
    norm = normalise(text)
    found = _by_rules(norm)
    if found is None:  # the rules are the floor: the model may add a catch, never take one back
        found = second_opinion.judge(norm)
    return SafetyFinding(found) if found is not None else None


def screen_rules(text: str | None) -> SafetyFinding | None:
    """:func:`screen` by the hand rules alone, without the statistical second opinion (the
    model's training and measurement read this, so the model never learns from itself)."""
    if not text:
        return None
    found = _by_rules(normalise(text))
    return SafetyFinding(found) if found is not None else None


def _by_rules(norm: str) -> SafetyCategory | None:
    found = _judge(norm)
    if found == "urgent":  # only a dated past takes back harm in progress
        found = _not_a_crisis_now(norm, found, _dated_frames())
    if found is not None and found != "urgent":
        found = _not_a_crisis_now(norm, found, _frames())
    return found


def _judge(norm: str) -> SafetyCategory | None:
    return _first(_scan(norm, _dispatched), _by_concept(norm))


def frame_patterns() -> list[str]:
    """``frames.yaml``'s span patterns, read from the source (build time, tests and tools)."""
    import yaml  # the artifact reads the bundle; only the build and the repository read YAML

    with FRAMES_FILE.open(encoding="utf-8") as f:
        data: dict[str, Any] = yaml.safe_load(f)
    classes: dict[str, str] = {str(k): str(v) for k, v in (data.get("classes") or {}).items()}
    return [_expanded(str(p), classes) for p in data["spans"]]


_CLASS_NAME: Final = re.compile(r"<[A-Z]+>")


def _expanded(pattern: str, classes: dict[str, str]) -> str:
    """A frame with its word classes (``classes:`` in ``frames.yaml``, which may name each
    other) written out; a class that is not listed is an error, as in the rules' macros."""
    for _ in range(10):
        names = set(_CLASS_NAME.findall(pattern))
        if not names:
            return pattern
        for name in names:
            if name not in classes:
                raise RuleError(f"frames.yaml: unknown class {name} in {pattern[:60]!r}")
            pattern = pattern.replace(name, f"(?:{classes[name]})")
    raise RuleError(f"frames.yaml: classes nest too deep in {pattern[:60]!r}")


@lru_cache(maxsize=1)
def _frames() -> tuple[re.Pattern[str], ...]:
    """Figurative, media and resolved-past spans: from the bundle in the artifact (no YAML
    parser at run time), from ``frames.yaml`` in the repository."""
    shipped = bundle.bundled("safety-frames", FRAMES_FILE.parent, FRAMES_FILE.parent)
    patterns = shipped if isinstance(shipped, list) else frame_patterns()
    return tuple(re.compile(p) for p in patterns)


# A frame that opens with this comment is a dated, resolved past ("back in the eighties i took
# an overdose but i got help and i have been grand since"): the one kind that may also take
# back harm in progress, because its time and its ending are both said.
_DATED: Final = "(?#dated past)"
# A frame that opens with this comment reads a crisis word as the name of a story ("an overdose
# storyline", "a suicide plot"): never the speaker's act, so it too may take back what the rules
# read as harm in progress (decision 0121).
_STORY: Final = "(?#story)"
# A frame that opens with this comment names the everyday purpose of a time set or a means
# ("tonight's the night i'm going to tell him ...", the car run in the garage to find a rattle,
# a paramedic's overdose call): it too may take back harm in progress (decision 0128).
_PURPOSE: Final = "(?#purpose)"


@lru_cache(maxsize=1)
def _dated_frames() -> tuple[re.Pattern[str], ...]:
    return tuple(f for f in _frames() if f.pattern.startswith((_DATED, _STORY, _PURPOSE)))


# A hyperbolic idiom ("i could throw myself off a bridge" at the price of butter) is taken back
# only when no risk sign is said near it: a frame that opens with "(?#calm)" or "(?#calm self)"
# is checked against the "(?#risk)" or "(?#risk self)" pattern over its span and the words
# around it, and a "calm self" one also against "(?#risk cause)" (the partner as the cause,
# "again") over its span and the words before it (decision 0121). The risk patterns are entries
# of frames.yaml's spans, so the artifact ships them with the frames; they take nothing back.
_CALM: Final = "(?#calm)"
_CALM_SELF: Final = "(?#calm self)"
_RISK_MARK: Final = "(?#risk)"
_RISK_SELF_MARK: Final = "(?#risk self)"
_CAUSE_MARK: Final = "(?#risk cause)"
_RISK_BEFORE: Final = 5
"""Words before a calm frame's span that a risk sign may stand in (the same clause, roughly)."""
_RISK_AFTER: Final = 8
_CAUSE_BEFORE: Final = 3


@lru_cache(maxsize=1)
def _risks() -> dict[str, re.Pattern[str]]:
    found: dict[str, re.Pattern[str]] = {}
    for f in _frames():
        if f.pattern.startswith(_CAUSE_MARK):
            found[_CAUSE_MARK] = f
        elif f.pattern.startswith(_RISK_SELF_MARK):
            found[_CALM_SELF] = f
        elif f.pattern.startswith(_RISK_MARK):
            found[_CALM] = f
    return found


def _calm(norm: str, frame: re.Pattern[str], m: re.Match[str]) -> bool:
    """May this frame's match be taken back? Always, unless it is a calm frame and a risk sign
    is said in its span or near it ("... i could throw myself off a bridge and i mean it")."""
    if frame.pattern.startswith(_CALM_SELF):
        risk = _risks().get(_CALM_SELF)
    elif frame.pattern.startswith(_CALM):
        risk = _risks().get(_CALM)
    else:
        return True
    if risk is None:  # a calm frame with no risk pattern shipped never takes anything back
        return False
    before = " ".join([*norm[: m.start()].split()[-_RISK_BEFORE:], norm[m.start() : m.end()]])
    after = " ".join(norm[m.end() :].split()[:_RISK_AFTER])
    if risk.search(f"{before} {after}"):
        return False
    # the partner as the cause, or "again", counts only before the idiom and in it
    cause = _risks().get(_CAUSE_MARK) if frame.pattern.startswith(_CALM_SELF) else None
    near = " ".join([*norm[: m.start()].split()[-_CAUSE_BEFORE:], norm[m.start() : m.end()]])
    return cause is None or cause.search(near) is None


def _span(m: re.Match[str]) -> tuple[int, int]:
    """What a frame's match takes back: all of it, except the words it reads as the past's
    subject when they are said in the present ("i want to kill myself anyway years ago i used
    to ...", "i am off on holiday when i was a kid ..."): they are judged with the rest."""
    before = m.groupdict().get("before")
    if before and _PRESENT.search(before):
        return m.end("before"), m.end()
    return m.start(), m.end()


# A past frame takes back what was ("i tried to kill myself years ago but i am well now"),
# never a wish or state said in the present before it (a present perfect too: "i have been
# starving myself years ago i had a rough patch ..." keeps what has been going on).
_PRESENT = re.compile(
    r"\b(?:want|wants|wanna|am|is|are|feel|feels|need|needs|going to|gonna|will|keep|keeps|"
    r"plan|planning|think|thinking|can not|cannot|have to|wish|wishes|hope|hoping|do not|"
    r"does not|have been|has been|fear|fears|might|may|must|should|can)\b"
    r"|\b(?:he|she|partner|they) (?!(?:was|has|does|always|used|his|this|as|us)\b)\w+s\b"
)


# "i wish i was dead so ...": a past tense after a wish is the present ("i was" there is not
# what was): no frame's span may start right after one, nor after "if" ("everyone would be
# happier if i was dead so ...": pool J fold, decision 0128).
_WISHED = re.compile(r"\b(?:wish|wishes|wished|if only|as if|as though|if)\s*$")


def _not_a_crisis_now(
    norm: str, found: SafetyCategory, frames: tuple[re.Pattern[str], ...]
) -> SafetyCategory | None:
    """Cut figurative, media and resolved-past statements out, and judge what is left.

    Every frame reads the whole utterance and the union of what they take back is cut, so one
    frame's smaller span never hides the larger statement another frame reads ("i overdosed
    in my teens but therapy helped and i am a grandmother now").
    """
    spans = sorted(
        _span(m)
        for frame in frames
        if not frame.pattern.startswith(_RISK_MARK[:7])  # "(?#risk": a detector, not a span
        for m in frame.finditer(norm)
        if m.end() > m.start() and not _WISHED.search(norm, 0, m.start()) and _calm(norm, frame, m)
    )
    if not spans:
        return found
    pieces: list[str] = []
    at = 0
    for start, end in spans:
        if start > at:
            pieces.append(norm[at:start])
        at = max(at, end)
    pieces.append(norm[at:])
    # Each piece is judged on its own, so a rule that wants the end of what was said ("...
    # when the urge gets bad") still sees it when a frame was cut after it.
    return _first(*(_judge(" ".join(p.split())) for p in pieces if p.strip()))


def most_urgent(findings: Iterable[SafetyFinding | None]) -> SafetyFinding | None:
    """The finding whose answer comes first (several texts screened for one request)."""
    present = [f for f in findings if f is not None]
    return min(present, key=lambda f: _rank(f.category)) if present else None
