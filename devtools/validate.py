"""``steadyheart validate``: content, code, interaction model and transcripts agree (like Rasa's
``data validate``).

It reports:

* **orphan prompts** (error): content keys that nothing can say. A key is reachable when the
  runtime (``skill/``) names it as a string literal anywhere (calls, tables, defaults); when a
  string the runtime builds can be it (an f-string, ``+``, ``%``, ``.format`` or ``.join`` with
  dotted literal text: ``f"help.{flow}.{step}"`` reaches every ``help.*.*``, each unknown part
  standing for any text); when it extends a reachable key or a dotted literal with text the
  code appends to a run-time value (``key += "_no_feeling"``; ``f"{key}.reprompt"`` in
  ``Turn.ask``); or when YAML data names it (a data section of the content, anything but
  ``prompts:``, or a data file in ``skill/``). Built strings with a character no key has (a
  space, a capital) are not keys. So the analysis over-approximates: a reported orphan cannot
  be said, as long as keys reach the speaking API only from the runtime's code and data.
* **unknown keys in transcripts** (error): an expectation in ``tests/conversations/*.yaml``
  that looks like a content key (dotted snake_case) but names none. Such an expectation is
  matched as literal text, so ``says_not`` could never fail and ``says`` could never pass.
* **unexercised intents** (warning: six today, five of them reminder intents that the Python
  tests in ``tests/reminders`` cover): intents in ``intents/en-US.json`` that no transcript
  sends, by ``intent:``, a raw ``request:``, or typed text resolved through the transcript
  locale's model.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml

from devtools.models import INVOCATION_NAME
from devtools.nlu import Resolver, parse_invocation

ROOT = Path(__file__).resolve().parent.parent
KEY_RE = re.compile(r"[a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)+")
# Suffixes the runtime appends to a key it was given (``Turn.ask``: ``f"{key}.reprompt"``).
DERIVED_SUFFIXES = ("reprompt",)
# Transcript fields whose items are content keys or literal text.
SPOKEN_FIELDS = ("says", "says_not", "says_in_order", "reprompt", "card")
# Some intents are exercised only by the Python reminder tests today; once every intent has a
# transcript, make this "error".
UNEXERCISED_INTENT_LEVEL: Level = "warning"

Level = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    level: Level
    kind: str
    subject: str
    detail: str

    def __str__(self) -> str:
        return f"{self.level}: {self.kind}: {self.subject} ({self.detail})"


_ANY = r"[a-z0-9_.]*"


@dataclass
class References:
    """What code and data can name.

    * ``exact``: key literals;
    * ``patterns``: strings built with literal dotted text (``f"help.{flow}.{step}"``), each
      unknown part a wildcard;
    * ``extensions``: strings that extend a run-time value with undotted text
      (``key += "_no_feeling"``, ``f"{key}.reprompt"``): the dot, if any, comes from that
      value, so they reach ``<base><suffix><rest>`` where ``base`` is a reachable key or a
      dotted literal of the code;
    * ``bases``: every dotted literal of the code (a key prefix may be one).
    """

    exact: set[str] = field(default_factory=set)
    patterns: dict[str, re.Pattern[str]] = field(default_factory=dict)
    extensions: dict[tuple[str, str], re.Pattern[str]] = field(default_factory=dict)
    bases: set[str] = field(default_factory=set)

    def add_built(self, parts: Sequence[str | None]) -> None:
        """``parts``: literal text, or None for a value only known at run time."""
        literals = [p for p in parts if p is not None]
        if not any(literals) or not all(_KEY_CHARS.fullmatch(p) for p in literals):
            return  # a character no key has: whatever the values, never a key
        if parts[0] is None and (_derived(parts) or "." not in "".join(literals)):
            first = next(n for n, p in enumerate(parts) if p is not None)
            suffix = parts[first] or ""
            tail = "".join(_ANY if p is None else re.escape(p) for p in parts[first + 1 :])
            self.extensions.setdefault((suffix, tail), re.compile(tail))
            return
        rx = "".join(_ANY if p is None else re.escape(p) for p in parts)
        self.patterns.setdefault(rx, re.compile(rx))

    def reachable(self, keys: Iterable[str]) -> set[str]:
        keys = set(keys)
        found = {k for k in keys if k in self.exact}
        found |= {k for k in keys - found if any(p.fullmatch(k) for p in self.patterns.values())}
        bases = found | self.bases
        grew = True
        while grew:
            grew = False
            for key in sorted(keys - found):
                if self._extends(key, bases):
                    found.add(key)
                    bases.add(key)
                    grew = True
        return found

    def _extends(self, key: str, bases: set[str]) -> bool:
        for (suffix, _), tail in self.extensions.items():
            start = key.find(suffix, 1)
            while start > 0:
                if key[:start] in bases and tail.fullmatch(key[start + len(suffix) :]):
                    return True
                start = key.find(suffix, start + 1)
        return False


_KEY_CHARS = re.compile(r"[a-z0-9_.]*")
_FORMAT_FIELD = re.compile(r"%[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|\{[^{}]*\}")


def _fstring_parts(node: ast.JoinedStr) -> list[str | None]:
    return [
        v.value if isinstance(v, ast.Constant) and isinstance(v.value, str) else None
        for v in node.values
    ]


def _template_parts(template: str) -> list[str | None]:
    """``"a.%s.b"`` or ``"a.{}.b"`` -> ``["a.", None, ".b"]``."""
    parts: list[str | None] = []
    for n, literal in enumerate(_FORMAT_FIELD.split(template)):
        if n:
            parts.append(None)
        parts.append(literal)
    return parts


def _string_parts(node: ast.expr, used: set[int]) -> list[str | None]:
    """The pieces of a string-building expression; records the constants it consumed."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return [*_string_parts(node.left, used), *_string_parts(node.right, used)]
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        used.add(id(node))
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        used.update(id(v) for v in node.values if isinstance(v, ast.Constant))
        return _fstring_parts(node)
    return [None]


def _derived(parts: Sequence[str | None]) -> bool:
    """``f"{key}.reprompt"``: a suffix on a whole key, handled by the derived-suffix rule."""
    suffixes = {f".{s}" for s in DERIVED_SUFFIXES}
    return len(parts) == 2 and parts[0] is None and parts[1] in suffixes


def _built_strings(tree: ast.AST, used: set[int]) -> Iterator[list[str | None]]:
    """Every string the code builds at run time, as literal pieces and unknowns."""
    for node in ast.walk(tree):
        if id(node) in used:
            continue
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
            if isinstance(node.op, ast.Mod):
                left = node.left
                if isinstance(left, ast.Constant) and isinstance(left.value, str):
                    used.add(id(left))
                    yield _template_parts(left.value)
                continue
            parts = _string_parts(node, used)
            for sub in ast.walk(node):
                if isinstance(sub, ast.BinOp):
                    used.add(id(sub))
            if any(isinstance(p, str) for p in parts):
                yield parts
        elif isinstance(node, ast.JoinedStr):
            used.add(id(node))
            yield _string_parts(node, used)
        elif isinstance(node, ast.AugAssign) and isinstance(node.op, ast.Add):
            value = node.value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                used.add(id(value))
                yield [None, value.value]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            owner = node.func.value
            if isinstance(owner, ast.Constant) and isinstance(owner.value, str):
                if node.func.attr == "format":
                    used.add(id(owner))
                    yield _template_parts(owner.value)
                elif node.func.attr == "join":
                    used.add(id(owner))
                    yield [None, owner.value, None]


def python_references(source: str, refs: References) -> None:
    """Add the keys and key patterns named in one Python source."""
    tree = ast.parse(source)
    used: set[int] = set()
    for parts in list(_built_strings(tree, used)):
        refs.add_built(parts)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
            if "." in text and _KEY_CHARS.fullmatch(text):
                refs.bases.add(text.rstrip("."))
            if id(node) not in used and KEY_RE.fullmatch(text):
                refs.exact.add(text)


def _scalars(data: Any) -> Iterator[str]:
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for k, v in data.items():
            yield from _scalars(k)
            yield from _scalars(v)
    elif isinstance(data, list):
        for item in data:
            yield from _scalars(item)


def yaml_references(folder: Path, refs: References) -> None:
    """Keys named in YAML data: the content's data sections (anything but ``prompts:``), or
    data files beside the code (safety rules)."""
    for path in sorted(folder.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8")) or {}
        if not isinstance(data, dict):
            continue
        for section, value in data.items():
            if section == "prompts":
                continue
            refs.exact.update(s for s in _scalars(value) if KEY_RE.fullmatch(s))


def content_keys(content_dir: Path) -> dict[str, str]:
    """Every key defined in any locale -> the file that defines it first."""
    keys: dict[str, str] = {}
    for path in sorted(content_dir.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text("utf-8")) or {}
        prompts = data.get("prompts") if isinstance(data, dict) else None
        for key in prompts or {}:
            keys.setdefault(str(key), str(path.relative_to(content_dir)))
    return keys


def orphan_prompts(code_dirs: Iterable[Path], content_dir: Path) -> list[Finding]:
    refs = References()
    for folder in code_dirs:
        for path in sorted(folder.rglob("*.py")):
            python_references(path.read_text("utf-8"), refs)
        yaml_references(folder, refs)
    yaml_references(content_dir, refs)
    keys = content_keys(content_dir)
    reachable = refs.reachable(keys)
    return [
        Finding("error", "orphan prompt", key, f"{where}: nothing in code or data names it")
        for key, where in sorted(keys.items())
        if key not in reachable
    ]


# --- transcripts ------------------------------------------------------------------------------


def _transcripts(folder: Path) -> list[tuple[Path, dict[str, Any]]]:
    found = []
    for path in sorted(folder.glob("*.yaml")):
        spec = yaml.safe_load(path.read_text("utf-8")) or {}
        if isinstance(spec, dict):
            found.append((path, spec))
    return found


def _expected_items(turn: dict[str, Any]) -> Iterator[tuple[str, str]]:
    for name in SPOKEN_FIELDS:
        value = turn.get(name)
        if isinstance(value, list):
            for item in value:
                yield name, str(item)


def unknown_transcript_keys(transcripts_dir: Path, content_dir: Path) -> list[Finding]:
    keys = content_keys(content_dir)
    found = []
    for path, spec in _transcripts(transcripts_dir):
        for n, turn in enumerate(spec.get("turns") or [], 1):
            for name, item in _expected_items(turn):
                if KEY_RE.fullmatch(item) and item not in keys:
                    found.append(
                        Finding(
                            "error",
                            "unknown key in transcript",
                            item,
                            f"{path.name} turn {n} {name}: no such content key",
                        )
                    )
    return found


@lru_cache(maxsize=8)
def _resolver(model: Path) -> Resolver:
    return Resolver.from_file(model, skill_id="validate")


def _said(value: Any) -> str:
    # YAML reads a bare yes/no as a boolean; a person said the word (as the transcript runner).
    return {True: "yes", False: "no"}[value] if isinstance(value, bool) else str(value)


def exercised_intents(transcripts_dir: Path, models_dir: Path) -> set[str]:
    """Intents the transcripts send: named, or typed text resolved through the locale's model."""
    sent: set[str] = set()
    for _, spec in _transcripts(transcripts_dir):
        model = models_dir / f"{spec.get('locale', 'en-US')}.json"
        for turn in spec.get("turns") or []:
            if "intent" in turn:
                sent.add(str(turn["intent"]))
            elif "user" in turn:
                kind, rest = parse_invocation(_said(turn["user"]), INVOCATION_NAME)
                if kind != "launch":
                    sent.add(str(_resolver(model).resolve(rest).intent["name"]))
            elif isinstance(turn.get("request"), dict):
                intent = turn["request"].get("intent")
                if isinstance(intent, dict) and "name" in intent:
                    sent.add(str(intent["name"]))
    return sent


def unexercised_intents(transcripts_dir: Path, model: Path, level: Level) -> list[Finding]:
    data = json.loads(model.read_text("utf-8"))
    declared = {i["name"] for i in data["interactionModel"]["languageModel"]["intents"]}
    missing = declared - exercised_intents(transcripts_dir, model.parent)
    return [
        Finding(level, "unexercised intent", name, f"no transcript in {transcripts_dir.name}/")
        for name in sorted(missing)
    ]


# --- entry point ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    code_dirs: tuple[Path, ...]
    content_dir: Path
    model: Path
    transcripts_dir: Path

    @classmethod
    def of(cls, root: Path) -> Layout:
        return cls(
            code_dirs=(root / "skill",),
            content_dir=root / "audio_scripts",
            model=root / "intents" / "en-US.json",
            transcripts_dir=root / "tests" / "conversations",
        )


def validate(layout: Layout) -> list[Finding]:
    return [
        *orphan_prompts(layout.code_dirs, layout.content_dir),
        *unknown_transcript_keys(layout.transcripts_dir, layout.content_dir),
        *unexercised_intents(layout.transcripts_dir, layout.model, UNEXERCISED_INTENT_LEVEL),
    ]


def main(args: argparse.Namespace) -> int:
    layout = Layout.of(Path(args.root).resolve() if args.root else ROOT)
    findings = validate(layout)
    for f in findings:
        print(f, file=sys.stderr if f.level == "error" else sys.stdout)
    errors = sum(f.level == "error" for f in findings)
    warnings = len(findings) - errors
    print(f"validate: {errors} errors, {warnings} warnings")
    return 1 if errors else 0
