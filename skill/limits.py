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


def limit_breach(out: Mapping[str, Any]) -> str | None:
    """Which limit ``out`` breaks, as a fixed phrase safe to log, or None when it fits."""
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
