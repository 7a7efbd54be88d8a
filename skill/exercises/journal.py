"""Reading private notes back ("read me my appreciations", "read me my journal").

One flow shape for every journal: nothing kept -> say why; store unreachable or empty -> say so;
otherwise the newest few entries, once it is a good moment to hear them out loud.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from skill.exercises.base import Flow, Return, Step, days_ago, prefix_of
from skill.exercises.private import private_now, when_private_ok
from skill.localtime import local_day
from skill.navigation import YES_RESULT
from skill.state import HistoryItem, HistoryKind
from skill.turn import Turn

READ_LIMIT = 20
"""Entries read for a read-back: enough for the few spoken after filtering (e.g. reflections
from one exercise among several), never a whole history."""


class JournalReadBack(Flow):
    exercise = False
    # Content keys (prefix from the id): <prefix>.not_kept.<consent>, .unreachable, .empty,
    # .intro_one, .intro, .after, and the entry keys a subclass speaks.
    read_back: ClassVar[int] = 3
    kind: ClassVar[HistoryKind]
    """The one kind of entry this journal reads (newest first, a few at most)."""
    steps: ClassVar[Mapping[str, Step]] = {}

    def is_entry(self, item: HistoryItem) -> bool:
        raise NotImplementedError

    def say_entry(self, t: Turn, item: HistoryItem, when: object) -> None:
        raise NotImplementedError

    def start(self, t: Turn) -> None:
        p = prefix_of(self.id)
        if not t.profile.keeps_data:
            t.say(f"{p}.not_kept.{t.profile.consent}")
            t.nav.finish()
            return
        # Spoken at once (a recognised voice, or privacy already confirmed): read what is
        # spoken; else only whether there is anything, until the person says it is a good moment.
        entries = self._entries(t) if private_now(t) else self._any(t)
        if not entries:
            t.say(f"{p}.unreachable" if entries is None else f"{p}.empty")
            t.nav.finish()
        elif when_private_ok(t, self.id, "reveal"):
            self.reveal(t)

    def handle(self, t: Turn) -> None:
        self.start(t)

    def _any(self, t: Turn) -> list[HistoryItem] | None:
        """Whether there is anything to read back, reading as little as that takes: the newest
        entry when it is this journal's, else what :meth:`_entries` finds (None: unreachable)."""
        found = t.history(t.settings.retention_days, (self.kind,), limit=1)
        if not found or self.is_entry(found[0]):
            return found
        return self._entries(t)

    def _entries(self, t: Turn) -> list[HistoryItem] | None:
        # Newest first, one kind, as few as are spoken: 3 years of notes cost what a week's do.
        # Only when some of those are not this journal's is a longer page read.
        days = t.settings.retention_days
        found = t.history(days, (self.kind,), limit=self.read_back)
        if (
            found is not None
            and len(found) == self.read_back
            and sum(self.is_entry(i) for i in found) < self.read_back
        ):
            found = t.history(days, (self.kind,), limit=READ_LIMIT)
        if found is None:
            return None
        return [i for i in found if self.is_entry(i)]

    def resume(self, t: Turn, back: Return) -> None:
        """Back from "is this a good moment?": read them on yes; on no, that was answered."""
        if back.result == YES_RESULT:
            self.reveal(t)
        else:
            t.nav.finish()

    def reveal(self, t: Turn) -> None:
        p = prefix_of(self.id)
        entries = self._entries(t)
        if not entries:
            t.say(f"{p}.unreachable" if entries is None else f"{p}.empty")
            t.nav.finish()
            return
        shown = entries[: self.read_back]
        if len(shown) == 1:
            t.say(f"{p}.intro_one")
        else:
            t.say(f"{p}.intro", count=len(shown))
        for item in shown:
            self.say_entry(t, item, days_ago(t, local_day(t) - local_day(t, item.at)))
        t.nav.finish(f"{p}.after")
