"""Alexa's limits on a response, checked on every reply before it leaves ``lambda_handler``.

Alexa refuses a response over 24 KB (24,576 bytes, session attributes included), speech, a
reprompt or a card over 8,000 characters, and text that is not UTF-8. Replies are kept small
where they are made (echoed words are cut in :mod:`skill.content`, broken unicode is dropped
where slots are read); this check is the last line, for anything those miss (for example
session attributes forged to be huge on a self-hosted endpoint).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

__all__ = ["MAX_RESPONSE_BYTES", "MAX_TEXT_CHARS", "limit_breach"]

MAX_RESPONSE_BYTES = 24_000
"""Below Alexa's 24,576 bytes, with room for what the transport adds."""
MAX_TEXT_CHARS = 8_000


def _text(node: object, *path: str) -> str:
    for key in path:
        if type(node) is not dict and not isinstance(node, Mapping):
            return ""
        node = node.get(key)
    return node if isinstance(node, str) else ""


_SCALAR_BOUND = 32
"""Most bytes a number, true, false or null takes in JSON (a float's repr is at most 24)."""


def _bound(node: object) -> int:
    """An upper bound on the bytes of ``node`` as UTF-8 JSON, or -1 when it may not encode
    (not JSON data, or text that is not valid UTF-8). A character takes at most six bytes
    (``\\uXXXX``), and each value at most four of punctuation around it."""
    kind = type(node)
    if kind is str:
        text: str = node  # type: ignore[assignment]
        if not text.isascii():
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                return -1
        return 6 * len(text) + 4
    if kind is dict:
        total = 2
        for key, value in node.items():  # type: ignore[attr-defined]
            if type(key) is not str:
                return -1
            inner = _bound(value)
            if inner < 0:
                return -1
            total += 6 * len(key) + 4 + inner
        return total
    if kind is list:
        total = 2
        for value in node:  # type: ignore[attr-defined]
            inner = _bound(value)
            if inner < 0:
                return -1
            total += inner + 2
        return total
    if node is None or kind in (bool, int):
        return _SCALAR_BOUND
    return -1


def limit_breach(out: Mapping[str, Any]) -> str | None:
    """Which limit ``out`` breaks, as a fixed phrase safe to log, or None when it fits.

    A reply is encoded only when a cheap upper bound on its size does not already show that it
    fits (nearly every reply is a few hundred bytes: encoding each one here as well as in the
    server cost about 8% of a warm turn)."""
    bound = _bound(out) if type(out) is dict else -1
    if bound < 0 or bound >= MAX_RESPONSE_BYTES:
        try:
            encoded = json.dumps(out, ensure_ascii=False, allow_nan=False).encode("utf-8")
        except UnicodeEncodeError:
            return "not valid UTF-8"
        except (TypeError, ValueError):
            return "not JSON"
        if len(encoded) >= MAX_RESPONSE_BYTES:
            return "larger than 24 KB"
    response = out.get("response")
    texts = (
        _text(response, "outputSpeech", "ssml"),
        _text(response, "outputSpeech", "text"),
        _text(response, "reprompt", "outputSpeech", "ssml"),
        _text(response, "reprompt", "outputSpeech", "text"),
        _text(response, "card", "title"),
        _text(response, "card", "content"),
        _text(response, "card", "text"),
    )
    if any(len(text) >= MAX_TEXT_CHARS for text in texts):
        return "speech or card over 8,000 characters"
    return None
