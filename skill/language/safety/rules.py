"""The safety screen's rule data: loading and checking ``rules/*.yaml``.

Layout of ``skill/language/safety/rules/`` (see its README.md for how to add a rule):

* ``NN-<name>.yaml`` - one file per category (or part of one). ``category`` and a list of
  ``rules``; optionally ``second_look`` patterns for the same category. Files are read in the
  order of their number, and rules in the order written: at one word, the first rule that
  matches reads the phrase, so order matters (a partner's threat to kill himself "if I leave" is
  read as leverage before the suicide rules see "kill himself").
* ``macros.yaml`` - placeholders (``<P>``, ``<AUX>`` ...) expanded inside patterns.
* ``words.yaml`` - words rewritten to one canonical form or dropped before any pattern runs.

A rule is ``about`` (its name in messages), ``negatable`` and ``actor_not_me`` (the engine's
policies, both false unless given), ``examples`` (phrases it must catch; a test screens them) and
``patterns``: its top-level alternatives, one per item. A long alternative may be a list of
pieces, joined without spaces. Patterns are regular expressions over normalised text (lowercase,
contractions written out, no apostrophes); a group named ``v`` marks the core a negator must stand
right before, a group named ``x`` is a veto.

Loading only reads and checks the data; the engine compiles it on the first screen. Anything
malformed raises :class:`RuleError` naming the file, the rule and what is wrong. The build checks
the files and ships the result as JSON (:mod:`skill.bundle`), which :func:`load` reads instead of
the YAML when it is there.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Final, cast, get_args

from skill import bundle
from skill.language.safety.finding import SafetyCategory
from skill.language.safety.literals import required_literals

__all__ = [
    "RULES_DIR",
    "ConceptRule",
    "Rule",
    "RuleError",
    "RuleSet",
    "SafetyCategory",
    "load",
]

CATEGORIES: Final[frozenset[str]] = frozenset(get_args(SafetyCategory))
RULES_DIR: Final = Path(__file__).parent / "rules"

_FILE_NAME: Final = re.compile(r"^\d{2}-[a-z0-9-]+\.yaml$")
_MACRO_NAME: Final = re.compile(r"^<[A-Z]+>$")
_PLACEHOLDER: Final = re.compile(r"<[A-Z]+>")
_GROUP_NAME: Final = re.compile(r"\(\?P<(\w+)>")
_ESCAPE_OR_SYNTAX: Final = re.compile(r"\\.|\(\?P[<=]")
_RULE_KEYS: Final = frozenset({"about", "negatable", "actor_not_me", "examples", "patterns"})
_CONCEPT_KEYS: Final = frozenset({"about", "examples", "pattern", "needs"})
_FILE_KEYS: Final = frozenset({"category", "rules", "second_look"})


class RuleError(ValueError):
    """A rule file is missing, not valid YAML, or a rule in it is malformed."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule: alternatives tried at a word start, in file order."""

    category: SafetyCategory
    about: str
    negatable: bool
    actor_not_me: bool
    patterns: tuple[str, ...]
    """Top-level alternatives with placeholders expanded."""
    examples: tuple[str, ...]
    where: str
    """File and rule, for messages: ``20-suicide.yaml, rule 2 (wishes, ...)``."""


@dataclass(frozen=True, slots=True)
class ConceptRule:
    """One second-look pattern, searched anywhere in the text."""

    category: SafetyCategory
    pattern: str
    examples: tuple[str, ...]
    where: str
    needs: tuple[str, ...] = ()
    """Strings of which at least one must occur in the text before the pattern is searched (a
    cheap gate that keeps the screen fast); empty: always searched."""


@dataclass(frozen=True, slots=True)
class RuleSet:
    rules: tuple[Rule, ...]
    second_look: tuple[ConceptRule, ...]
    canonical: Mapping[str, str]
    """Word or phrase -> its canonical form ("" for words that are dropped)."""
    regional: Mapping[str, str] = field(default_factory=dict)
    """Regional spelling -> the standard words ("meself" -> "myself", "cannae" -> "can not"),
    read before ``canonical``, so a canonical phrase also reads its regional spellings."""


def _read(path: Path) -> Any:
    import yaml  # the artifact reads the bundle; tests, tools and the build read the source

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        with path.open(encoding="utf-8") as f:
            return yaml.load(f, Loader=loader)  # noqa: S506 - a safe loader
    except OSError as e:
        raise RuleError(f"{path.name}: cannot be read ({e.strerror})") from e
    except yaml.YAMLError as e:
        raise RuleError(f"{path.name}: not valid YAML: {e}") from e


def _mapping(value: Any, where: str, keys: frozenset[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise RuleError(f"{where}: expected a mapping with {sorted(keys)}")
    unknown = set(value) - keys
    if unknown:
        raise RuleError(f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(keys)}")
    return value


def _strings(value: Any, where: str, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise RuleError(f"{where}: {what} must be a list of non-empty strings")
    return tuple(value)


def _flag(value: Any, where: str, what: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise RuleError(f"{where}: {what} must be true or false, not {value!r}")
    return value


def _macros(folder: Path) -> dict[str, str]:
    data = _mapping(_read(folder / "macros.yaml"), "macros.yaml", frozenset({"macros"}))
    macros = data.get("macros") or {}
    if not isinstance(macros, dict):
        raise RuleError("macros.yaml: 'macros' must map <NAME> to a pattern")
    for name, value in macros.items():
        if not isinstance(name, str) or not _MACRO_NAME.match(name):
            raise RuleError(f"macros.yaml: {name!r} is not a placeholder name like <NAME>")
        if not isinstance(value, str) or not value:
            raise RuleError(f"macros.yaml: {name} must be a non-empty pattern")
    return macros


def _word_map(data: Mapping[str, Any], key: str, where: str) -> dict[str, str]:
    found = data.get(key) or {}
    if not isinstance(found, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and k and v for k, v in found.items()
    ):
        raise RuleError(f"{where}: {key!r} must map words to non-empty words")
    return dict(found)


_WORD_KEYS: Final = frozenset({"rewrite", "drop", "regional"})


def _words(folder: Path) -> tuple[dict[str, str], dict[str, str]]:
    """``words.yaml``, read once: the canonical words (rewritten, or dropped as "") and the
    regional spellings read before them."""
    where = "words.yaml"
    data = _mapping(_read(folder / where), where, _WORD_KEYS)
    canonical = _word_map(data, "rewrite", where)
    for word in _strings(data.get("drop"), where, "'drop'"):
        if word in canonical:
            raise RuleError(f"{where}: {word!r} is both rewritten and dropped")
        canonical[word] = ""
    regional = _word_map(data, "regional", where)
    for word in (*canonical, *regional):
        if not re.fullmatch(r"[a-z0-9]+(?: [a-z0-9]+)*", word):
            raise RuleError(f"{where}: {word!r} is not normalised text (lowercase words)")
    return canonical, regional


def _pattern(value: Any, where: str) -> str:
    """A pattern given as one string or as pieces joined without spaces."""
    if isinstance(value, str) and value:
        return value
    if isinstance(value, list) and value and all(isinstance(v, str) and v for v in value):
        return "".join(value)
    raise RuleError(f"{where}: a pattern must be a non-empty string or a list of strings")


def _expand(pattern: str, macros: Mapping[str, str], where: str) -> str:
    for name, value in macros.items():
        pattern = pattern.replace(name, value)
    left = _PLACEHOLDER.search(pattern)
    if left:
        raise RuleError(
            f"{where}: unknown placeholder {left.group()} (macros.yaml has {', '.join(macros)})"
        )
    bare = _ESCAPE_OR_SYNTAX.sub("", pattern)
    if "'" in bare:
        raise RuleError(
            f'{where}: patterns read text without apostrophes ("i\'m" arrives as "i am", '
            '"mom\'s" as "moms")'
        )
    if any(ch.isupper() for ch in bare):
        raise RuleError(f"{where}: patterns read lowercase text; found a capital letter")
    for name in _GROUP_NAME.findall(pattern):
        if name not in ("v", "x"):
            raise RuleError(
                f"{where}: group name {name!r}; only (?P<v>...) and (?P<x>...) mean "
                "something to the engine"
            )
    return pattern


def split_top(pattern: str) -> list[str]:
    """The top-level alternatives of ``pattern``."""
    parts: list[str] = []
    depth = 0
    last = 0
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[last:i])
            last = i + 1
        i += 1
    parts.append(pattern[last:])
    return parts


def _top_level_bar(pattern: str) -> bool:
    return len(split_top(pattern)) > 1


def _rule(raw: Any, category: SafetyCategory, where: str, macros: Mapping[str, str]) -> Rule:
    data = _mapping(raw, where, _RULE_KEYS)
    about = data.get("about")
    if not isinstance(about, str) or not about.strip():
        raise RuleError(f"{where}: every rule needs an 'about' (its name in messages)")
    where = f"{where} ({about})"
    raw_patterns = data.get("patterns")
    if not isinstance(raw_patterns, list) or not raw_patterns:
        raise RuleError(f"{where}: 'patterns' must be a non-empty list")
    patterns: list[str] = []
    for n, value in enumerate(raw_patterns, 1):
        at = f"{where}, pattern {n}"
        pattern = _pattern(value, at)
        if _top_level_bar(pattern):
            raise RuleError(f"{at}: one alternative per item (split it at the top-level '|')")
        patterns.append(_expand(pattern, macros, at))
    return Rule(
        category=category,
        about=about,
        negatable=_flag(data.get("negatable"), where, "'negatable'"),
        actor_not_me=_flag(data.get("actor_not_me"), where, "'actor_not_me'"),
        patterns=tuple(patterns),
        examples=_strings(data.get("examples"), where, "'examples'"),
        where=where,
    )


def _concept(
    raw: Any, category: SafetyCategory, where: str, macros: Mapping[str, str]
) -> ConceptRule:
    data = _mapping(raw, where, _CONCEPT_KEYS)
    about = data.get("about")
    if about is not None and not isinstance(about, str):
        raise RuleError(f"{where}: 'about' must be text")
    if about:
        where = f"{where} ({about[:40]})"
    pattern = _expand(_pattern(data.get("pattern"), where), macros, where)
    # The gate: strings the pattern cannot match without (literals.py).
    # Worked out where it can be (exact by construction); a written list otherwise.
    needs = required_literals(pattern) or _strings(data.get("needs"), where, "'needs'")
    return ConceptRule(
        category=category,
        pattern=pattern,
        examples=_strings(data.get("examples"), where, "'examples'"),
        where=where,
        needs=needs,
    )


def ruleset_data(rule_set: RuleSet) -> dict[str, Any]:
    """A checked rule set as plain data, for the bundle."""
    return {
        "rules": [asdict(r) for r in rule_set.rules],
        "second_look": [asdict(c) for c in rule_set.second_look],
        "canonical": dict(rule_set.canonical),
        "regional": dict(rule_set.regional),
    }


def ruleset_from_data(data: Mapping[str, Any]) -> RuleSet:
    """:func:`ruleset_data`'s output back as a rule set (it was checked when it was made)."""
    rules = tuple(
        Rule(
            category=cast(SafetyCategory, r["category"]),
            about=r["about"],
            negatable=r["negatable"],
            actor_not_me=r["actor_not_me"],
            patterns=tuple(r["patterns"]),
            examples=tuple(r["examples"]),
            where=r["where"],
        )
        for r in data["rules"]
    )
    second_look = tuple(
        ConceptRule(
            category=cast(SafetyCategory, c["category"]),
            pattern=c["pattern"],
            examples=tuple(c["examples"]),
            where=c["where"],
            needs=tuple(c.get("needs", ())),
        )
        for c in data["second_look"]
    )
    return RuleSet(rules, second_look, dict(data["canonical"]), dict(data.get("regional") or {}))


def load(folder: Path = RULES_DIR) -> RuleSet:
    """Every rule file in ``folder``, checked, in the order the engine tries them (from the
    build's bundle when ``folder`` is the one it was built from)."""
    data = bundle.bundled("safety-rules", folder, RULES_DIR)
    if data is not None:
        return ruleset_from_data(data)
    if not folder.is_dir():
        raise RuleError(f"{folder}: the safety rules folder is missing")
    macros = _macros(folder)
    canonical, regional = _words(folder)
    rules: list[Rule] = []
    second_look: list[ConceptRule] = []
    names = sorted(
        p.name for p in folder.glob("*.yaml") if p.name not in ("macros.yaml", "words.yaml")
    )
    if not names:
        raise RuleError(f"{folder}: no rule files (NN-name.yaml)")
    for name in names:
        if not _FILE_NAME.match(name):
            raise RuleError(f"{name}: rule files are named NN-name.yaml (NN orders them)")
        data = _mapping(_read(folder / name), name, _FILE_KEYS)
        category = data.get("category")
        if category not in CATEGORIES:
            raise RuleError(f"{name}: category {category!r} is not one of {sorted(CATEGORIES)}")
        raw_rules = data.get("rules") or []
        raw_concepts = data.get("second_look") or []
        if not isinstance(raw_rules, list) or not isinstance(raw_concepts, list):
            raise RuleError(f"{name}: 'rules' and 'second_look' must be lists")
        if not raw_rules and not raw_concepts:
            raise RuleError(f"{name}: holds no rules")
        for n, raw in enumerate(raw_rules, 1):
            rules.append(_rule(raw, category, f"{name}, rule {n}", macros))
        for n, raw in enumerate(raw_concepts, 1):
            second_look.append(_concept(raw, category, f"{name}, second_look {n}", macros))
    return RuleSet(tuple(rules), tuple(second_look), canonical, regional)
