"""Everything Alexa says: loaded from ``audio_scripts/``, validated, rendered as safe SSML.

Layout: ``audio_scripts/<locale>/*.yaml``; each file may hold a ``prompts`` mapping of stable dotted
keys to one text or a list of variations. A locale folder only needs the keys it changes:
lookups fall back from ``en-GB`` to ``en`` to the default language.

The YAML is read and validated by :func:`load_catalog` (tests, tools and the build). The Lambda
artifact ships every locale's validated catalog as JSON (:mod:`skill.bundle`, written by the
build), so a cold start reads one small JSON file and never imports a YAML parser.
"""

from __future__ import annotations

import random
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from skill import bundle

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

DEFAULT_LANGUAGE = "en"
MAX_BREAK_S = 10.0
MAX_SPEECH_CHARS = 8000
ECHO_MAX_CHARS = 120
"""The most of anything said to us that is ever said back (one placeholder's worth)."""
ALLOWED_TAGS = frozenset(
    {"speak", "break", "s", "p", "emphasis", "prosody", "say-as", "sub", "amazon:effect"}
)
_KEY_RE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$")
_BREAK_RE = re.compile(r"^(\d+(?:\.\d+)?)(ms|s)$")
# ElementTree cannot parse a prefixed tag without a namespace declaration; Alexa's SSML has none.
_AMAZON_NS = 'xmlns:amazon="https://developer.amazon.com/ssml"'
# Lone surrogates (not encodable as UTF-8) and control characters other than whitespace.
_UNSPEAKABLE_RE = re.compile(r"[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


class ContentError(ValueError):
    """A content file breaks a rule (bad key, bad SSML, placeholders that disagree)."""


@lru_cache(maxsize=4096)
def placeholders(text: str) -> frozenset[str]:
    return frozenset(
        name for _, name, _, _ in string.Formatter().parse(text) if name is not None and name
    )


def break_seconds(value: str) -> float:
    m = _BREAK_RE.match(value.strip())
    if not m:
        raise ContentError(f"unreadable break time {value!r}")
    amount = float(m.group(1))
    return amount / 1000.0 if m.group(2) == "ms" else amount


def check_ssml(fragment: str) -> ET.Element:
    """Parse an SSML fragment (without <speak>) and enforce the subset and limits we allow.
    (Content is checked where it is read from source; a cold start loads the checked bundle.)"""
    import xml.etree.ElementTree as ET

    try:
        # Only our own content (with escaped placeholders) is parsed here, never request data.
        root = ET.fromstring(f"<speak {_AMAZON_NS}>{fragment}</speak>")  # noqa: S314
    except ET.ParseError as exc:
        raise ContentError(f"not valid SSML: {exc}") from exc
    for el in root.iter():
        tag = el.tag.replace("{https://developer.amazon.com/ssml}", "amazon:")
        if tag not in ALLOWED_TAGS:
            raise ContentError(f"SSML tag <{tag}> is not in the allowed subset")
        if tag == "break":
            seconds = break_seconds(el.attrib.get("time", "0s"))
            if seconds > MAX_BREAK_S:
                raise ContentError(f"break of {seconds}s is longer than Alexa allows")
    return root


@dataclass(frozen=True, slots=True)
class PromptSet:
    """One key's variations, all with the same placeholders (checked by :func:`prompt_set`)."""

    key: str
    variants: tuple[str, ...]

    @property
    def placeholders(self) -> frozenset[str]:
        return placeholders(self.variants[0])


def prompt_set(key: object, variants: object) -> PromptSet:
    """A :class:`PromptSet` from source data, checked: a dotted key, at least one non-empty
    variation, the same placeholders in each, and SSML in the allowed subset."""
    if not isinstance(key, str) or not _KEY_RE.match(key):
        raise ContentError(f"content key {key!r} is not dotted snake_case")
    found = (variants,) if isinstance(variants, str) else variants
    if not isinstance(found, list | tuple) or not all(isinstance(v, str) for v in found):
        raise ContentError("a prompt is one text or a list of texts")
    texts = tuple(found)
    if not texts or any(not v.strip() for v in texts):
        raise ContentError("a prompt needs at least one non-empty variation")
    names = {placeholders(v) for v in texts}
    if len(names) > 1:
        raise ContentError(f"variations disagree on placeholders: {sorted(map(sorted, names))}")
    for v in texts:
        check_ssml(v.format(**{n: "x" for n in placeholders(v)}))
    return PromptSet(key, texts)


def _read_prompts(folder: Path) -> dict[str, PromptSet]:
    import yaml  # the sources are read by tests, tools and the build; Lambda reads the bundle

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    found: dict[str, PromptSet] = {}
    if not folder.is_dir():
        return found
    for path in sorted(folder.glob("*.yaml")):
        with path.open(encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=loader) or {}  # noqa: S506 - safe loader
        prompts = data.get("prompts") if isinstance(data, dict) else None
        if prompts is None:
            continue
        if not isinstance(prompts, dict):
            raise ContentError(f"{path.name}: 'prompts' must be a mapping")
        for key, value in prompts.items():
            if key in found:
                raise ContentError(f"{path.name}: key {key!r} is defined twice")
            try:
                found[key] = prompt_set(
                    key, tuple(value or ()) if isinstance(value, list) else value
                )
            except ValueError as exc:
                raise ContentError(f"{path.name}: {key}: {exc}") from exc
    return found


def locale_chain(locale: str) -> tuple[str, ...]:
    """``en-GB`` -> (``en-GB``, ``en``), and the default language last."""
    chain = [locale]
    language = locale.split("-")[0]
    if language != locale:
        chain.append(language)
    if DEFAULT_LANGUAGE not in chain:
        chain.append(DEFAULT_LANGUAGE)
    return tuple(chain)


@dataclass(frozen=True)
class Catalog:
    """All prompts for one locale, after fallback."""

    locale: str
    prompts: Mapping[str, PromptSet]

    def has(self, key: str) -> bool:
        return key in self.prompts

    def get(self, key: str) -> PromptSet:
        try:
            return self.prompts[key]
        except KeyError:
            raise ContentError(f"no content for key {key!r} in {self.locale}") from None


def load_catalog(content_dir: Path, locale: str) -> Catalog:
    merged: dict[str, PromptSet] = {}
    base_keys: dict[str, PromptSet] | None = None
    for part in reversed(locale_chain(locale)):
        layer = _read_prompts(content_dir / part)
        if base_keys is None:
            base_keys = layer
        else:
            for key, ps in layer.items():
                base = base_keys.get(key)
                if base is None:
                    raise ContentError(f"{part}: key {key!r} overrides nothing in the default")
                if base.placeholders != ps.placeholders:
                    raise ContentError(f"{part}: key {key!r} changes the placeholders")
        merged.update(layer)
    if not merged:
        raise ContentError(f"no content found for {locale} under {content_dir}")
    return Catalog(locale=locale, prompts=merged)


def catalog_locales(content_dir: Path) -> list[str]:
    """Every locale that has a folder of content."""
    return sorted(p.name for p in content_dir.iterdir() if p.is_dir() and any(p.glob("*.yaml")))


def catalog_data(catalog: Catalog) -> dict[str, list[str]]:
    """A validated catalog as plain data, for the bundle."""
    return {key: list(ps.variants) for key, ps in catalog.prompts.items()}


@lru_cache(maxsize=16)
def catalog_for(content_dir: Path, locale: str) -> Catalog:
    """Catalogs are read once per process and locale (cold start pays for one locale only):
    from the build's bundle when this is the content it was built from, else from the YAML."""
    for part in locale_chain(locale):
        # A locale without a folder of its own is its language's (or the default's) catalog.
        data = bundle.bundled(f"content.{part}", content_dir)
        if data is not None:
            return Catalog(locale, {key: PromptSet(key, tuple(v)) for key, v in data.items()})
    return load_catalog(content_dir, locale)


class Raw(str):
    """Already-rendered SSML passed into a placeholder: inserted as it is, not escaped."""

    __slots__ = ()


def clean_text(text: str) -> str:
    """``text`` without lone surrogates or control characters: always valid UTF-8."""
    return _UNSPEAKABLE_RE.sub("", text)


def bounded(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, at the last word boundary if there is one."""
    if len(text) <= limit:
        return text
    cut = text[: limit + 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > 0 else cut[:limit]).rstrip()


_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def escape(text: str) -> str:
    """``text`` safe inside SSML (what ``xml.sax.saxutils.escape`` with quotes does, without
    importing it and, through it, ``urllib.request`` on a cold start)."""
    return text.translate(_ESCAPES)


def _escape_param(value: object) -> str:
    """A placeholder's value as SSML: our own SSML as it is; anything else, which may be words
    heard from the person, cleaned, cut to ``ECHO_MAX_CHARS`` and escaped. The one place where
    echoed text is bounded, so no reply can grow with what was said."""
    if isinstance(value, Raw):
        return str(value)
    return escape(bounded(clean_text(str(value)), ECHO_MAX_CHARS))


class Renderer:
    """Picks a variation and fills its placeholders, escaping them for SSML.

    ``last`` maps keys to the variation used last time, so the same one never comes twice in a row.
    """

    def __init__(self, catalog: Catalog, last: dict[str, int], rng: random.Random) -> None:
        self.catalog = catalog
        self.last = last
        self.rng = rng

    def render(self, key: str, /, **params: object) -> str:
        ps = self.catalog.get(key)
        missing = ps.placeholders - params.keys()
        if missing:
            raise ContentError(f"{key}: missing placeholders {sorted(missing)}")
        n = len(ps.variants)
        if n == 1:
            idx = 0
        else:
            prev = self.last.get(key)
            choices = [i for i in range(n) if i != prev]
            idx = self.rng.choice(choices)
            self.last[key] = idx
        safe = {name: _escape_param(params[name]) for name in ps.placeholders}
        return ps.variants[idx].format(**safe)

    def render_nth(self, key: str, n: int, /, **params: object) -> str:
        """A variation chosen by a counter (e.g. visits), so it changes from visit to visit."""
        ps = self.catalog.get(key)
        safe = {name: _escape_param(params[name]) for name in ps.placeholders}
        return ps.variants[n % len(ps.variants)].format(**safe)

    def plain(self, key: str, /, **params: object) -> str:
        """Text for cards: the rendered SSML with its tags removed."""
        return ssml_to_text(self.render(key, **params), pauses=False)


_TAG_RE = re.compile(r"<[^>]+>")
_BREAK_TAG_RE = re.compile(r"<break\s+time=\"([^\"]+)\"\s*/>")
_SPACE_RE = re.compile(r"\s+")


def ssml_to_text(ssml: str, *, pauses: bool = True) -> str:
    """SSML as readable text; breaks become "(pause 4s)" when ``pauses`` is set."""

    def _pause(m: re.Match[str]) -> str:
        if not pauses:
            return " "
        seconds = break_seconds(m.group(1))
        shown = f"{seconds:g}s"
        return f" (pause {shown}) "

    text = _BREAK_TAG_RE.sub(_pause, ssml)
    text = _TAG_RE.sub(" ", text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
    text = text.replace("&apos;", "'").replace("&amp;", "&")
    return _SPACE_RE.sub(" ", text).strip()


def speech_seconds(ssml: str, words_per_minute: float = 150.0) -> float:
    """Estimated spoken length: words at a calm speaking rate plus every break."""
    breaks = sum(break_seconds(m.group(1)) for m in _BREAK_TAG_RE.finditer(ssml))
    words = len(ssml_to_text(ssml, pauses=False).split())
    return breaks + words * 60.0 / words_per_minute
