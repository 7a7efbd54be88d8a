"""DynamoDB store: one table, the low-level client (injected), integers only.

Items (key layout in ``base.py``)::

    profile   pk, sk="<owner>#P", inc (S), version (N), p_<field> (one attribute per profile
              field: counters as N, the rest as S holding JSON)
    history   pk, sk="<owner>#H#<kind>#<at>#<seq>#<id>", body (S), inc (S), expires_at (N: TTL)
    marker    pk, sk="~purge#<owner or *>", purge (S "due"), due (N): a deletion to finish;
              ``purge``/``due`` key the sparse index ``purge`` the sweep reads

Calls per method (one round trip each unless said otherwise):

- ``load``: one BatchGetItem (strongly consistent) of the profile and the account's two
  possible purge markers (this owner's and the whole account's).
- ``commit``: one TransactWriteItems (one UpdateItem when there are no entries): the profile
  action first -- a field-by-field Update (SET for values, ADD for counters), a Put if none is
  stored, or a ConditionCheck when only entries are written -- conditioned on the incarnation
  the session read (and, for notes, on consent granted), then up to five entry Puts, each
  ``attribute_not_exists`` (an entry already stored keeps its first copy). No version condition:
  two sessions changing different fields, or adding to a counter, never conflict. When the
  only refusals are entries already stored (a retried unsaved entry whose write did land, or a
  replay), the same transaction is sent again without them: the new entries and the profile
  change are kept, as SQLite's ``INSERT OR IGNORE`` keeps them (one more call per round, at most
  one per entry; DynamoDB names every refused entry at once, so in practice one). A call that
  botocore retries after a lost answer is not applied twice: botocore gives each
  TransactWriteItems one ``ClientRequestToken`` for all its attempts.
- ``history``: one Query per kind, newest first, ``Limit`` = what is wanted (more pages only
  when expired or old-incarnation entries fill one), then one GetItem of the profile to check
  it is still the incarnation read from (reads after a deletion return nothing).
- ``delete_owner``: one TransactWriteItems deletes the profile and writes the purge marker (from
  then nothing is readable or writable), then Query (keys only) and BatchWriteItem by 25 within
  the budget; the marker goes when nothing is left. ``delete_account``: the marker, one Query
  for the keys, every profile first, then the entries. Whatever the budget leaves is finished
  by the next request for the account (``resume_purge``) or the scheduled ``sweep``
  (docs/deletion.md states the bound).

Latency budget, with ``T = settings.storage_timeout_s`` (1.0 s by default) used as both the
connect and the read timeout, and botocore's standard retry mode with two attempts in all
(``total_max_attempts=2``: one retry; botocore's ``max_attempts`` key would count retries only):

- an attempt that gets no answer costs ``T`` on a warm (pooled) connection and at most ``2 T``
  on a new one (connected just before the connect timeout, then no answer);
- the pause before the retry is at most 25 ms after a timeout or a 5xx (DynamoDB's base scale)
  and at most 1 s after throttling (``rand(0, 1) * 1 s``); botocore also honours a server-sent
  ``x-amz-retry-after`` header, which could lengthen that pause by up to 5 s;
- so one call costs at most ``2 * 2T + 1 s`` = 5.0 s with T = 1.0 (the theoretical worst: both
  attempts connect slowly, the first is throttled, the second gets no answer), ``2 T + 25 ms``
  = 2.0 s in the likely bad case (warm connection, no answer twice), about 1 s throttled twice,
  and milliseconds when the connection is refused.
- After a timeout or a connection failure the store fails fast (``StoreUnavailable`` without a
  call) for ``cooldown_s`` (5 s), so one turn pays for at most one slow call, never three in a
  row (load + history + commit).
- A deletion is many calls (one per 25 items): the turn spends at most its budget
  (``delete_budget_s``) and the rest is finished later (docs/deletion.md).

With cold start (about 0.5 s) the theoretical worst turn is about 5.5 s (2.5 s in the likely bad
case), leaving 2.5 s of Alexa's 8 s; T = 1.5 s would bring it to 7.5 s, too close.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, cast

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError, HTTPClientError
from botocore.exceptions import ConnectionError as BotoConnectionError

from skill.bundle import aws_data_path
from skill.config import Settings
from skill.state import (
    COUNTER_FIELDS,
    HistoryItem,
    HistoryKind,
    Profile,
    ProfileUpdate,
    migrate_profile,
)
from skill.storage.base import (
    MAX_ENTRIES_PER_COMMIT,
    PURGE_PREFIX,
    SINCE_CREATED,
    Loaded,
    OwnerKey,
    ReadCount,
    StoreBusy,
    StoreUnavailable,
    VersionConflict,
    Write,
    account_purge_sk,
    new_incarnation,
    with_checkins,
)

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.client import DynamoDBClient
    from mypy_boto3_dynamodb.type_defs import (
        AttributeValueTypeDef,
        QueryInputTypeDef,
        TransactWriteItemTypeDef,
        WriteRequestTypeDef,
    )

    Item = dict[str, AttributeValueTypeDef]


TTL_ATTRIBUTE = "expires_at"
MAX_ATTEMPTS = 2
LOCAL_REGION = "us-east-1"
"""Only used with an explicit endpoint (DynamoDB Local); in AWS the region comes from Lambda."""
TRANSACTION_LIMIT = 100
BATCH_LIMIT = 25
UNPROCESSED_RETRIES = 4
PURGE_INDEX = "purge"
PURGE_KEY = "due"
PURGE_PARTITION = "purge"
KEYS_PAGE = 1000
DEFAULT_COOLDOWN_S = 5.0

# Error codes that mean "not now" rather than "wrong request".
_BUSY_CODES = frozenset(
    {
        "ProvisionedThroughputExceededException",
        "ThrottlingException",
        "Throttling",
        "RequestLimitExceeded",
        "TransactionConflictException",
        "TransactionInProgressException",
        "InternalServerError",
        "ServiceUnavailable",
        "RequestTimeout",
        "RequestTimeoutException",
    }
)
# TransactionCanceledException reasons. A condition failure is a version conflict; so is another
# transaction on the same item at the same moment (reload and re-apply is the right answer to
# both, and it keeps the person's change, where "unavailable" would drop it).
_BUSY_REASONS = frozenset(
    {"ProvisionedThroughputExceeded", "ThrottlingError", "TransactionConflict"}
)
# The CancellationReasons code of an action that did not fail.
_PASSED = frozenset({"None", ""})
# The names used in expressions (placeholders keep clear of DynamoDB's reserved words).
_NAMES = {"#pk": "pk", "#sk": "sk"}

_quiet_loggers_done = False


def _quiet_sdk_loggers() -> None:
    """botocore logs request parameters (our keys and bodies) at DEBUG: never let it."""
    global _quiet_loggers_done
    if _quiet_loggers_done:
        return
    for name in ("botocore", "boto3", "urllib3"):
        logger = logging.getLogger(name)
        if logger.level < logging.WARNING:
            logger.setLevel(logging.WARNING)
    _quiet_loggers_done = True


OPERATIONS = frozenset(
    {
        "BatchGetItem",
        "BatchWriteItem",
        "DeleteItem",
        "GetItem",
        "PutItem",
        "Query",
        "TransactWriteItems",
    }
)
"""Every DynamoDB operation this store calls (tests/storage/test_aws_models.py reads the calls
from this file): the build cuts botocore's model down to these (decision 0062)."""


def make_client(settings: Settings) -> DynamoDBClient:
    """A DynamoDB client with bounded timeouts and retries (see the budget above)."""
    # botocore's own session, not boto3's: boto3 adds resources and s3transfer (about 15 ms
    # of a cold start, docs/performance.md) and builds the same client through this call.
    import botocore
    import botocore.session

    _quiet_sdk_loggers()
    region = settings.aws_region or (LOCAL_REGION if settings.dynamodb_endpoint else None)
    config = Config(
        connect_timeout=settings.storage_timeout_s,
        read_timeout=settings.storage_timeout_s,
        # total_max_attempts counts the first attempt; botocore's "max_attempts" key would
        # count retries only (max_attempts=2 means three attempts).
        retries={"total_max_attempts": MAX_ATTEMPTS, "mode": "standard"},
    )
    session = botocore.session.get_session()
    # In the artifact: botocore's endpoints and DynamoDB model cut at build time to what this
    # store calls (1.3 MB of JSON parsed on every cold start otherwise; decision 0062).
    cut = aws_data_path(botocore.__version__)
    if cut is not None:
        given = session.get_config_variable("data_path")  # AWS_DATA_PATH, searched after ours
        session.set_config_variable("data_path", os.pathsep.join(filter(None, (cut, given))))
    client = session.create_client(
        "dynamodb", region_name=region, config=config, endpoint_url=settings.dynamodb_endpoint
    )
    return cast("DynamoDBClient", client)  # the stubs type botocore's clients generically


def _s(value: str) -> AttributeValueTypeDef:
    return {"S": value}


def _n(value: int) -> AttributeValueTypeDef:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("DynamoDB numbers are kept as integers")
    return {"N": str(value)}


def item_size(item: dict[str, Any]) -> int:
    """An item's size by DynamoDB's rules: attribute names plus values (strings and numbers).

    A string counts its UTF-8 bytes; a number about one byte per two significant digits plus
    one (leading and trailing zeros trimmed), one more when negative.
    """
    total = 0
    for name, value in item.items():
        total += len(name.encode("utf-8")) + _value_size(value)
    return total


def _value_size(value: dict[str, Any]) -> int:
    if "S" in value:
        return len(str(value["S"]).encode("utf-8"))
    if "N" in value:
        text = str(value["N"])
        negative = text.startswith("-")
        digits = text.lstrip("-").replace(".", "").strip("0") or "0"
        return (len(digits) + 1) // 2 + 1 + (1 if negative else 0)
    if "BOOL" in value or "NULL" in value:
        return 1
    raise ValueError("only S, N, BOOL and NULL attributes are sized here")


_FIELD = "p_"


def _encode_field(name: str, value: Any) -> AttributeValueTypeDef:
    if name in COUNTER_FIELDS:
        return _n(int(value))
    return _s(json.dumps(value, separators=(",", ":"), ensure_ascii=False))


def _decode_profile(item: dict[str, Any]) -> Profile:
    raw: dict[str, Any] = {}
    for name, value in item.items():
        if not name.startswith(_FIELD):
            continue
        field = name[len(_FIELD) :]
        raw[field] = int(value["N"]) if "N" in value else json.loads(value["S"])
    raw["version"] = int(item.get("version", {}).get("N", "0"))
    raw["incarnation"] = item.get("inc", {}).get("S", "")
    return migrate_profile(raw)


ROLL_ATTEMPTS = 3
"""Writes of check-ins tried against a fresh profile when another writer's came first."""


class _StaleList(VersionConflict):
    """The profile's rolling list of check-ins is not the one this write was computed from."""


class DynamoStore:
    """The ``Store`` protocol on one DynamoDB table (pk S hash, sk S range, TTL ``expires_at``,
    sparse index ``purge``)."""

    def __init__(
        self,
        client: DynamoDBClient,
        table: str,
        *,
        cooldown_s: float = DEFAULT_COOLDOWN_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client
        self._table = table
        self._cooldown_s = cooldown_s
        self._clock = clock
        self._open_until = 0.0
        self.reads = ReadCount()

    # --- failures ----------------------------------------------------------------------------
    @contextmanager
    def _call(self) -> Iterator[None]:
        """Translate the SDK's failures into the store's, and fail fast after a timeout."""
        if self._clock() < self._open_until:
            raise StoreUnavailable("recently unreachable")
        try:
            yield
        except ClientError as exc:
            mapped = _translate(exc)
            if mapped is None:
                raise
            raise mapped from exc
        except (BotoConnectionError, HTTPClientError) as exc:
            # Timeouts, refused or dropped connections: the slow failures.
            self._open_until = self._clock() + self._cooldown_s
            raise StoreUnavailable(type(exc).__name__) from exc
        except BotoCoreError as exc:
            # No credentials, no region, a broken configuration: no call can work.
            self._open_until = self._clock() + self._cooldown_s
            raise StoreUnavailable(type(exc).__name__) from exc

    def _key(self, pk: str, sk: str) -> Item:
        return {"pk": _s(pk), "sk": _s(sk)}

    # --- profile -----------------------------------------------------------------------------
    def load_profile(self, key: OwnerKey) -> Profile | None:
        return self.load(key).profile

    def load(self, key: OwnerKey) -> Loaded:
        keys = [
            self._key(key.pk, key.profile_sk),
            self._key(key.pk, key.purge_sk),
            self._key(key.pk, account_purge_sk()),
        ]
        with self._call():
            out = self._client.batch_get_item(
                RequestItems={self._table: {"Keys": keys, "ConsistentRead": True}}
            )
        if out.get("UnprocessedKeys"):
            raise StoreBusy("unprocessed keys")
        items = out.get("Responses", {}).get(self._table, [])
        self.reads.calls += 1
        self.reads.items += len(items)
        profile = None
        pending = False
        for item in items:
            if item["sk"]["S"] == key.profile_sk:
                profile = _decode_profile(item)
            else:
                pending = True
        return Loaded(profile, pending)

    def commit(self, key: OwnerKey, write: Write) -> Profile | None:
        for _ in range(ROLL_ATTEMPTS):
            try:
                return self._commit(key, write)
            except _StaleList:
                # Another writer kept a check-in since this one read the profile: roll the
                # check-ins into the list as it is stored now (the caller's base is only a
                # belief; incarnation and consent are checked again on the next attempt).
                fresh = self.load_profile(key)
                if fresh is None or write.base is None:
                    raise VersionConflict() from None
                if fresh.incarnation != write.base.incarnation:
                    raise VersionConflict() from None
                write = replace(write, base=fresh)
        # Still contended (many writers on one profile): keep the entries and the change, and
        # give up the rolling list rather than the write. ``recent_since`` after every entry
        # written so far says the list covers nothing before now, so look-backs read history
        # until it fills again; no condition on the list, so this cannot lose a race.
        return self._commit(key, write, drop_list=True)

    def _commit(self, key: OwnerKey, write: Write, *, drop_list: bool = False) -> Profile | None:
        items = list({key.history_sk(i): i for i in write.items}.values())
        if len(items) > MAX_ENTRIES_PER_COMMIT:
            raise ValueError("too many entries for one request")
        base, update = write.base, write.update
        if not items and not update:
            return base
        profile_key = self._key(key.pk, key.profile_sk)
        names_used: dict[str, str] = {}
        action: TransactWriteItemTypeDef
        if base is None or not base.incarnation:
            if not update:
                raise VersionConflict()
            now = update.apply(Profile(recent_since=SINCE_CREATED)).model_copy(
                update={"incarnation": new_incarnation(), "version": 1}
            )
            rolled = with_checkins(now, None, items if now.keeps_data else ())
            if rolled is not None:
                now = rolled.apply(now)
            item: Item = {**profile_key, "inc": _s(now.incarnation), "version": _n(1)}
            for name, value in now.model_dump(mode="json").items():
                if name not in ("version", "incarnation"):
                    item[_FIELD + name] = _encode_field(name, value)
            action = {
                "Put": {
                    "TableName": self._table,
                    "Item": item,
                    "ConditionExpression": "attribute_not_exists(#pk)",
                    "ExpressionAttributeNames": {"#pk": "pk"},
                }
            }
            if not now.keeps_data:
                items = []
        else:
            names: dict[str, str] = {"#inc": "inc"}
            values: Item = {":inc": _s(base.incarnation)}
            condition = "#inc = :inc"
            needs_consent = bool(items) or bool(update and update.touches_notes)
            if needs_consent and not (update and update.grants):
                names["#consent"] = _FIELD + "consent"
                values[":granted"] = _encode_field("consent", "granted")
                condition += " AND #consent = :granted"
            names_used = names
            rolled = with_checkins(base, update, items)
            if drop_list and rolled is not update:
                cleared = dict(update.sets) if update else {}
                cleared["recent_checkins"] = ""
                cleared["recent_since"] = max([base.recent_since, *(i.at for i in items)]) + 1
                update = ProfileUpdate(cleared, dict(update.adds) if update else {})
            elif rolled is not update:
                # The rolling list is computed from the one this writer read: written only if
                # that is still the stored one (else reload and roll again).
                update = rolled
                names["#rc"] = _FIELD + "recent_checkins"
                values[":rc"] = _encode_field("recent_checkins", base.recent_checkins)
                same = "#rc = :rc"
                condition += (
                    f" AND (attribute_not_exists(#rc) OR {same})"
                    if not base.recent_checkins
                    else f" AND {same}"
                )
            now = base
            if update:
                now = update.apply(base).model_copy(update={"version": base.version + 1})
                sets, adds = [], ["#ver :one"]
                names["#ver"] = "version"
                values[":one"] = _n(1)
                for i, (name, value) in enumerate(update.sets.items()):
                    names[f"#s{i}"] = _FIELD + name
                    values[f":s{i}"] = _encode_field(name, value)
                    sets.append(f"#s{i} = :s{i}")
                for i, (name, delta) in enumerate(update.adds.items()):
                    names[f"#a{i}"] = _FIELD + name
                    values[f":a{i}"] = _n(delta)
                    adds.append(f"#a{i} :a{i}")
                expression = (
                    ("SET " + ", ".join(sets) + " " if sets else "") + "ADD " + ", ".join(adds)
                )
                action = {
                    "Update": {
                        "TableName": self._table,
                        "Key": profile_key,
                        "UpdateExpression": expression,
                        "ConditionExpression": condition,
                        "ExpressionAttributeNames": names,
                        "ExpressionAttributeValues": values,
                    }
                }
            else:
                action = {
                    "ConditionCheck": {
                        "TableName": self._table,
                        "Key": profile_key,
                        "ConditionExpression": condition,
                        "ExpressionAttributeNames": names,
                        "ExpressionAttributeValues": values,
                    }
                }
        entries: list[TransactWriteItemTypeDef] = [
            {
                "Put": {
                    "TableName": self._table,
                    "Item": {
                        "pk": _s(key.pk),
                        "sk": _s(key.history_sk(i)),
                        "body": _s(i.model_dump_json()),
                        "inc": _s(now.incarnation),
                        TTL_ATTRIBUTE: _n(write.expires_at),
                    },
                    "ConditionExpression": "attribute_not_exists(#sk)",
                    "ExpressionAttributeNames": {"#sk": "sk"},
                }
            }
            for i in items
        ]
        actions: list[TransactWriteItemTypeDef] = [action, *entries]
        try:
            # Each retry leaves out at least one entry, so this ends within len(entries) + 1.
            for _ in range(len(entries) + 1):
                stored = self._transact(actions)
                if not stored:
                    return now
                # Only entries already stored refused (a retried "unsaved" entry whose write
                # landed after all, or a replay): they are left as they are, as SQLite's
                # INSERT OR IGNORE does, and the rest is written without them, all or nothing.
                actions = [a for n, a in enumerate(actions) if n not in stored]
                if len(actions) == 1 and "ConditionCheck" in actions[0]:
                    return now  # nothing left to write; the check passed just now
        except VersionConflict as exc:
            if "#rc" in names_used and _reasons(exc.__cause__)[:1] == ["ConditionalCheckFailed"]:
                raise _StaleList() from exc
            raise
        raise VersionConflict()  # not reached: every round leaves out an entry

    def _transact(self, actions: list[TransactWriteItemTypeDef]) -> set[int]:
        """One transaction. Returns the positions of the entry Puts refused only because the
        entry is already stored (then nothing was written; empty: everything was). Raises a
        conflict (the profile action's condition failed), busy (another writer held an item)
        or unavailable, as ``_call`` maps them."""
        try:
            with self._call():
                self._client.transact_write_items(TransactItems=actions)
        except VersionConflict as exc:
            reasons = _reasons(exc.__cause__)
            if len(reasons) != len(actions) or reasons[0] not in _PASSED:
                raise
            stored = {n for n, r in enumerate(reasons) if n and r == "ConditionalCheckFailed"}
            if not stored or not set(reasons[1:]) <= _PASSED | {"ConditionalCheckFailed"}:
                raise
            return stored
        return set()

    # --- history -----------------------------------------------------------------------------
    def history(
        self,
        key: OwnerKey,
        kinds: Sequence[HistoryKind],
        since: int,
        *,
        incarnation: str | None = None,
        limit: int = 50,
    ) -> list[HistoryItem]:
        found: list[HistoryItem] = []
        if limit <= 0:
            return found
        for kind in kinds:
            prefix = key.kind_prefix(kind)
            names = {**_NAMES, "#e": TTL_ATTRIBUTE, "#b": "body"}
            values: Item = {
                ":pk": _s(key.pk),
                ":lo": _s(f"{prefix}{max(since, 0):012d}"),
                ":hi": _s(f"{prefix}~"),
                ":now": _n(int(time.time())),
            }
            filter_expr = "(attribute_not_exists(#e) OR #e > :now)"
            if incarnation is not None:
                names["#inc"] = "inc"
                values[":inc"] = _s(incarnation)
                filter_expr += " AND #inc = :inc"
            query: QueryInputTypeDef = {
                "TableName": self._table,
                "KeyConditionExpression": "#pk = :pk AND #sk BETWEEN :lo AND :hi",
                "FilterExpression": filter_expr,
                "ProjectionExpression": "#b",
                "ExpressionAttributeNames": names,
                "ExpressionAttributeValues": values,
                "ScanIndexForward": False,
                "ConsistentRead": True,
            }
            mine: list[HistoryItem] = []
            while True:
                query["Limit"] = limit - len(mine)
                with self._call():
                    page = self._client.query(**query)
                self.reads.calls += 1
                self.reads.items += int(page.get("ScannedCount", len(page["Items"])))
                mine.extend(HistoryItem.model_validate_json(i["body"]["S"]) for i in page["Items"])
                last_key = page.get("LastEvaluatedKey")
                if len(mine) >= limit or not last_key:
                    break
                query["ExclusiveStartKey"] = last_key
            found.extend(mine[:limit])
        if incarnation is not None:
            with self._call():
                out = self._client.get_item(
                    TableName=self._table,
                    Key=self._key(key.pk, key.profile_sk),
                    ProjectionExpression="inc",
                    ConsistentRead=True,
                )
            self.reads.calls += 1
            stored = out.get("Item")
            self.reads.items += 1 if stored else 0
            if stored is None or stored.get("inc", {}).get("S") != incarnation:
                return []
        return sorted(found, key=lambda i: (i.at, i.seq, i.id), reverse=True)

    # --- deletion ----------------------------------------------------------------------------
    def _marker(self, pk: str, sk: str) -> Item:
        due = int(datetime.now(UTC).timestamp())
        return {**self._key(pk, sk), "purge": _s(PURGE_PARTITION), PURGE_KEY: _n(due)}

    def delete_owner(self, key: OwnerKey, budget_s: float) -> bool:
        deadline = self._clock() + budget_s
        profile = self._key(key.pk, key.profile_sk)
        marker = self._marker(key.pk, key.purge_sk)
        with self._call():
            self._client.transact_write_items(
                TransactItems=[
                    {"Delete": {"TableName": self._table, "Key": profile}},
                    {"Put": {"TableName": self._table, "Item": marker}},
                ]
            )
        return self._purge(key.pk, key.purge_sk, deadline)

    def delete_account(self, account: str, budget_s: float) -> bool:
        deadline = self._clock() + budget_s
        pk = f"A#{account}"
        with self._call():
            self._client.put_item(TableName=self._table, Item=self._marker(pk, account_purge_sk()))
        return self._purge(pk, account_purge_sk(), deadline)

    def resume_purge(self, account: str, budget_s: float) -> bool:
        deadline = self._clock() + budget_s
        pk = f"A#{account}"
        with self._call():
            page = self._client.query(
                TableName=self._table,
                KeyConditionExpression="#pk = :pk AND begins_with(#sk, :m)",
                ProjectionExpression="#sk",
                ExpressionAttributeNames=dict(_NAMES),
                ExpressionAttributeValues={":pk": _s(pk), ":m": _s(PURGE_PREFIX)},
                ConsistentRead=True,
            )
        markers = [i["sk"]["S"] for i in page["Items"]]
        # The whole account's first: it covers every owner's.
        markers.sort(key=lambda sk: sk != account_purge_sk())
        return all(self._purge(pk, sk, deadline) for sk in markers)

    def sweep(self, budget_s: float) -> int:
        """Finish deletions anywhere (the scheduled run); returns how many are still under way."""
        deadline = self._clock() + budget_s
        query: QueryInputTypeDef = {
            "TableName": self._table,
            "IndexName": PURGE_INDEX,
            "KeyConditionExpression": "#p = :p",
            "ExpressionAttributeNames": {"#p": "purge"},
            "ExpressionAttributeValues": {":p": _s(PURGE_PARTITION)},
        }
        markers: list[tuple[str, str]] = []
        while True:
            with self._call():
                page = self._client.query(**query)
            markers.extend((i["pk"]["S"], i["sk"]["S"]) for i in page["Items"])
            last_key = page.get("LastEvaluatedKey")
            if not last_key:
                break
            query["ExclusiveStartKey"] = last_key
        left = 0
        for pk, sk in markers:
            if self._clock() > deadline or not self._purge(pk, sk, deadline):
                left += 1
        return left

    def _purge(self, pk: str, marker_sk: str, deadline: float) -> bool:
        """Delete what ``marker_sk`` names (profiles first), within ``deadline``; then the
        marker. False when time ran out (the marker stays for the next attempt)."""
        owner = marker_sk[len(PURGE_PREFIX) :]
        if owner == "*":
            condition, values = "#pk = :pk AND #sk < :hi", {":pk": _s(pk), ":hi": _s("~")}
        else:
            condition = "#pk = :pk AND #sk BETWEEN :lo AND :hi"
            values = {":pk": _s(pk), ":lo": _s(f"{owner}#"), ":hi": _s(f"{owner}#~")}
        query: QueryInputTypeDef = {
            "TableName": self._table,
            "KeyConditionExpression": condition,
            "ProjectionExpression": "#pk, #sk",
            "ExpressionAttributeNames": dict(_NAMES),
            "ExpressionAttributeValues": values,
            "ConsistentRead": True,
            "Limit": KEYS_PAGE,
        }
        try:
            while True:
                if self._clock() > deadline:
                    return False
                with self._call():
                    page = self._client.query(**query)
                keys: list[Item] = [{"pk": i["pk"], "sk": i["sk"]} for i in page["Items"]]
                if not keys and not page.get("LastEvaluatedKey"):
                    break
                keys.sort(key=lambda k: not k["sk"]["S"].endswith("#P"))  # profiles first
                for start in range(0, len(keys), BATCH_LIMIT):
                    if not self._batch_delete(keys[start : start + BATCH_LIMIT], deadline):
                        return False
            with self._call():
                self._client.delete_item(TableName=self._table, Key=self._key(pk, marker_sk))
        except StoreUnavailable:
            return False  # the marker stays: the next request or the sweep carries on
        return True

    def _batch_delete(self, keys: Sequence[Item], deadline: float) -> bool:
        requests: list[WriteRequestTypeDef] = [{"DeleteRequest": {"Key": k}} for k in keys]
        for attempt in range(UNPROCESSED_RETRIES + 1):
            if attempt:
                time.sleep(0.05 * 2 ** (attempt - 1))
            if self._clock() > deadline:
                return False
            with self._call():
                out = self._client.batch_write_item(RequestItems={self._table: requests})
            left = out.get("UnprocessedItems", {}).get(self._table, [])
            if not left:
                return True
            requests = [{"DeleteRequest": {"Key": r["DeleteRequest"]["Key"]}} for r in left]
        return False


def _reasons(exc: BaseException | None) -> list[str]:
    if not isinstance(exc, ClientError):
        return []
    return [str(r.get("Code", "None")) for r in exc.response.get("CancellationReasons", [])]


def _translate(exc: ClientError) -> Exception | None:
    """The store's exception for a DynamoDB error, or None when it is a bug to surface."""
    error = exc.response.get("Error", {})
    code = str(error.get("Code", ""))
    if code == "TransactionCanceledException":
        reasons = {str(r.get("Code", "None")) for r in exc.response.get("CancellationReasons", [])}
        if not reasons:
            # Without the structured reasons, the message still names them.
            message = str(error.get("Message", ""))
            reasons = {r for r in {"ConditionalCheckFailed"} | _BUSY_REASONS if r in message}
        if reasons & _BUSY_REASONS:
            return StoreBusy(code)
        if "ConditionalCheckFailed" in reasons:
            return VersionConflict()
        return None
    if code == "ConditionalCheckFailedException":
        return VersionConflict()
    status = int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0)
    if code in _BUSY_CODES and "Timeout" not in code and "Internal" not in code:
        return StoreBusy(code)
    if code in _BUSY_CODES or status >= 500:
        return StoreUnavailable(code or str(status))
    return None
