"""Reads that scale: read-backs read newest first, one kind, a small limit."""

from __future__ import annotations

import pytest

from tests.support.reliability import Backend, device, said

pytestmark = pytest.mark.dynamodb


def test_the_journal_is_read_back_among_1200_checkins(backend: Backend) -> None:
    """Today's 3 appreciations, kept after 1,200 check-ins, are read back (the window read
    oldest first capped at 1,000 said the journal was empty)."""
    conv = device(backend.store)
    checkins = [
        {"kind": "checkin", "hours_ago": 1 + n * 12, "data": {"feeling": "lonely"}}
        for n in range(1200)
    ]
    moments = [
        {"kind": "appreciation", "hours_ago": 0, "data": {"moment": f"they {m}"}}
        for m in ("made tea", "called me", "fixed the gate")
    ]
    conv.seed({"profile": {"consent": "granted"}, "history": checkins + moments})
    conv.say("open steady heart")
    conv.say("read me my appreciations")  # "is this a good moment?"
    before = backend.store.reads.items, backend.store.reads.calls
    out = conv.say("yes")
    items = backend.store.reads.items - before[0]
    calls = backend.store.reads.calls - before[1]
    print(
        f"\n[{backend.kind}] journal with 1,200 check-ins and 3 appreciations: said empty "
        f"{said(out.speech, 'appreciation_journal.empty')}, read back "
        f"{sum(m in out.speech for m in ('made tea', 'called you', 'fixed the gate'))} of 3; "
        f"items read {items} in {calls} calls"
    )
    assert not said(out.speech, "appreciation_journal.empty")
    for moment in ("made tea", "called you", "fixed the gate"):
        assert moment in out.speech
    assert items <= 5
    assert calls <= 2


def _journal_cost(backend: Backend, days: int) -> tuple[int, int]:
    conv = device(backend.store, person=f"amzn1.ask.person.DAYS{days}")
    history = [{"kind": "checkin", "days_ago": d, "data": {"feeling": "calm"}} for d in range(days)]
    history.append({"kind": "appreciation", "days_ago": 0, "data": {"moment": "they smiled"}})
    conv.seed({"profile": {"consent": "granted"}, "history": history})
    conv.say("open steady heart")  # a recognised voice: read at once, no question
    before = backend.store.reads.items
    out = conv.say("read me my appreciations")
    assert "smiled" in out.speech
    journal = backend.store.reads.items - before
    before = backend.store.reads.items
    conv.say("how have i been feeling lately")
    return journal, backend.store.reads.items - before


@pytest.mark.slow
def test_three_years_cost_the_same_as_one_day(backend: Backend) -> None:
    one_day = _journal_cost(backend, 1)
    three_years = _journal_cost(backend, 3 * 365)
    print(
        f"\n[{backend.kind}] items read (journal, look-back): 1 day {one_day}, "
        f"3 years of daily check-ins {three_years}"
    )
    assert three_years[0] == one_day[0]
    assert three_years[1] <= 31 + 1  # the look-back reads its month of check-ins at most
