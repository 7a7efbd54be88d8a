"""The person's local time: the device's time zone, asked of Alexa at most once.

Alexa's Settings API answers the device's zone (``America/New_York``). It is asked the first
time a turn needs a local time (a visit's day, the hour for an idea, a look-back's evenings, a
reminder), then cached: in the profile when notes are kept (refreshed after
``ZONE_REFRESH_S``), else in the session only, since a person who keeps nothing has nothing
stored. The call is bounded by the API timeout; when there is no answer (no access, an error, a
zone this machine does not know) local time is UTC, silently, and the question is not asked
again this session (nor for ``ZONE_RETRY_S`` when it is cached). Decision 0038.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from typing import Final

from skill.alexa_api import AlexaApi
from skill.state import Profile
from skill.turn import ProfileChange, Turn

DAY: Final = 86400
ZONE_REFRESH_S: Final = 30 * DAY
"""A cached zone is asked again after this long (people move; devices are set up again)."""
ZONE_RETRY_S: Final = DAY
"""After a lookup that found nothing, ask again after this long, not at every visit."""


def _remember(zone: str, at: int) -> ProfileChange:
    def op(p: Profile) -> None:
        p.time_zone, p.time_zone_at = zone, at

    return op


def time_zone(t: Turn) -> str | None:
    """The device's IANA zone, or None (UTC). At most one API call per session."""
    p, now = t.profile, t.req.now
    if p.time_zone_at:
        age = now - p.time_zone_at
        if 0 <= age < (ZONE_REFRESH_S if p.time_zone else ZONE_RETRY_S):
            return p.time_zone or None
    if t.session.time_zone is not None:
        return t.session.time_zone or p.time_zone or None
    found = AlexaApi(t.api, t.settings.api_timeout_s).time_zone() if t.api is not None else None
    if found is not None and _zone_info(found) is None:
        found = None
    t.session.time_zone = found or ""
    if t.profile.keeps_data and t.api is not None:
        if found:
            t.change(_remember(found, now))
        elif p.time_zone:
            # Keep the old zone; ask again in a day rather than at every visit.
            t.change(_remember(p.time_zone, now - ZONE_REFRESH_S + ZONE_RETRY_S))
        else:
            t.change(_remember("", now))
    return found or p.time_zone or None


def _zone_info(name: str) -> tzinfo | None:
    # Here, not at the top: zoneinfo loads sysconfig (a cold-start cost) and most people have
    # no time zone kept, so most turns never need it.
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def utc_offset_s(t: Turn) -> int:
    """Seconds to add to a UTC epoch time to get local wall-clock time, as of now."""
    name = time_zone(t)
    zone = _zone_info(name) if name else None
    if zone is None:
        return 0
    offset = datetime.fromtimestamp(t.req.now, UTC).astimezone(zone).utcoffset()
    return int(offset.total_seconds()) if offset is not None else 0


def local_hour(t: Turn) -> int:
    return ((t.req.now + utc_offset_s(t)) // 3600) % 24


def local_day(t: Turn, at: int | None = None) -> int:
    """Days since the epoch in local time, of ``at`` (default: now)."""
    return ((t.req.now if at is None else at) + utc_offset_s(t)) // DAY
