"""DynamoDB store: one table, the low-level client (injected), integers only.

Items (key layout in ``base.py``)::

    profile   pk, sk="<owner>#P",          version (N), body (S: the profile's JSON without version)
    history   pk, sk="<owner>#H#<at>#<seq>", body (S: the entry's JSON), expires_at (N: the TTL)

Calls per method (one round trip each unless said otherwise):

- ``load_profile``: one GetItem (strongly consistent).
- ``commit``: one TransactWriteItems when the profile is written (with or without entries: the
  profile Put carries the version condition), or when 2 to 100 entries are written alone; one
  PutItem for a single entry alone; no call when there is nothing to write. Entries alone past
  100 go in transactions of 100 (each all or nothing; entries are idempotent). With the profile,
  past 100 actions (rare: a long backlog of unsaved entries), the entries go first in
  transactions of up to 99, each guarded by a ConditionCheck on the profile's version, and the
  last transaction carries the profile Put: a stale version fails the first transaction and
  nothing is written; only a writer racing between two of our transactions can leave some
  entries written without the profile, and entries are idempotent (same key, same body) so the
  retry that follows rewrites them.
  Every TransactWriteItems carries a ClientRequestToken (botocore fills it once per call), so a
  retry after a lost answer is recognised by DynamoDB and not applied twice.
- ``history``: one Query (``BETWEEN`` with the same bounds as SQLite's ``>=`` / ``<``, exact for
  every key we write); more pages only past 1 MB or when expired entries fill the page.
- ``delete_owner`` / ``delete_account``: Query for keys only, then BatchWriteItem deletes in
  chunks of 25, profiles last (so an interrupted deletion leaves the profile that lets the person
  ask again, never orphaned entries), unprocessed keys retried a bounded number of times.

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
- A deletion is many calls (one per 25 items): it stops with ``StoreUnavailable`` once it has run
  for ``DELETE_BUDGET_S`` (4 s) and leaves the profile, deleted last, for a later attempt.

With cold start (about 0.5 s) the theoretical worst turn is about 5.5 s (2.5 s in the likely bad
case), leaving 2.5 s of Alexa's 8 s; T = 1.5 s would bring it to 7.5 s, too close.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from botocore.config import Config
from botocore.exceptions import ClientError, HTTPClientError
from botocore.exceptions import ConnectionError as BotoConnectionError

from skill.config import Settings
from skill.state import HistoryItem, Profile, migrate_profile
from skill.storage.base import OwnerKey, StoreUnavailable, VersionConflict

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.client import DynamoDBClient
    from mypy_boto3_dynamodb.type_defs import (
        AttributeValueTypeDef,
        ConditionCheckTypeDef,
        PutTypeDef,
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
DELETE_BUDGET_S = 4.0
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
_CONFLICT_REASONS = frozenset({"ConditionalCheckFailed", "TransactionConflict"})
_BUSY_REASONS = frozenset({"ProvisionedThroughputExceeded", "ThrottlingError"})
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


def make_client(settings: Settings) -> DynamoDBClient:
    """A DynamoDB client with bounded timeouts and retries (see the budget above)."""
    import boto3

    _quiet_sdk_loggers()
    region = settings.aws_region or (LOCAL_REGION if settings.dynamodb_endpoint else None)
    config = Config(
        connect_timeout=settings.storage_timeout_s,
        read_timeout=settings.storage_timeout_s,
        # total_max_attempts counts the first attempt; botocore's "max_attempts" key would
        # count retries only (max_attempts=2 means three attempts).
        retries={"total_max_attempts": MAX_ATTEMPTS, "mode": "standard"},
    )
    session = boto3.session.Session(region_name=region)
    client: DynamoDBClient = session.client(
        "dynamodb", config=config, endpoint_url=settings.dynamodb_endpoint
    )
    return client


def _s(value: str) -> AttributeValueTypeDef:
    return {"S": value}


def _n(value: int) -> AttributeValueTypeDef:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("DynamoDB numbers are kept as integers")
    return {"N": str(value)}


def _version_condition(expected: int) -> tuple[str, dict[str, str], Item]:
    """The condition that the stored profile is still the one read at ``expected``."""
    if expected == 0:
        # Version 0 means "never written": any stored profile is newer than what was read.
        return "attribute_not_exists(#pk)", {"#pk": "pk"}, {}
    return "#v = :expected", {"#v": "version"}, {":expected": _n(expected)}


def _puts(entries: Sequence[PutTypeDef]) -> list[TransactWriteItemTypeDef]:
    return [{"Put": e} for e in entries]


def _chunks(seq: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(seq), size):
        yield seq[start : start + size]


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


class DynamoStore:
    """The ``Store`` protocol on one DynamoDB table (pk S hash, sk S range, TTL ``expires_at``)."""

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

    # --- profile -----------------------------------------------------------------------------
    def load_profile(self, key: OwnerKey) -> Profile | None:
        with self._call():
            out = self._client.get_item(
                TableName=self._table,
                Key={"pk": _s(key.pk), "sk": _s(key.profile_sk)},
                ConsistentRead=True,
            )
        item = out.get("Item")
        if item is None:
            return None
        raw = json.loads(item["body"]["S"])
        raw["version"] = int(item["version"]["N"])
        return migrate_profile(raw)

    def commit(
        self,
        key: OwnerKey,
        profile: Profile | None,
        expected_version: int,
        items: Sequence[HistoryItem],
        expires_at: int,
    ) -> int:
        # Same key twice in one commit: the last one wins (as SQLite's INSERT OR REPLACE).
        entries = list({key.history_sk(i): self._entry(key, i, expires_at) for i in items}.values())
        if profile is None:
            self._write_entries(entries)
            return expected_version
        new_version = expected_version + 1
        expr, names, values = _version_condition(expected_version)
        put: PutTypeDef = {
            "TableName": self._table,
            "Item": {
                "pk": _s(key.pk),
                "sk": _s(key.profile_sk),
                "version": _n(new_version),
                "body": _s(profile.model_dump_json(exclude={"version"})),
            },
            "ConditionExpression": expr,
            "ExpressionAttributeNames": names,
        }
        check: ConditionCheckTypeDef = {
            "TableName": self._table,
            "Key": {"pk": _s(key.pk), "sk": _s(key.profile_sk)},
            "ConditionExpression": expr,
            "ExpressionAttributeNames": names,
        }
        if values:
            put["ExpressionAttributeValues"] = check["ExpressionAttributeValues"] = values
        profile_put: TransactWriteItemTypeDef = {"Put": put}
        guard: TransactWriteItemTypeDef = {"ConditionCheck": check}
        room = TRANSACTION_LIMIT - 1
        split = max(len(entries) - room, 0)
        for chunk in _chunks(entries[:split], room):
            self._transact([guard, *_puts(chunk)])
        self._transact([profile_put, *_puts(entries[split:])])
        return new_version

    def _entry(self, key: OwnerKey, item: HistoryItem, expires_at: int) -> PutTypeDef:
        return {
            "TableName": self._table,
            "Item": {
                "pk": _s(key.pk),
                "sk": _s(key.history_sk(item)),
                "body": _s(item.model_dump_json()),
                TTL_ATTRIBUTE: _n(expires_at),
            },
        }

    def _write_entries(self, entries: list[PutTypeDef]) -> None:
        if not entries:
            return
        if len(entries) == 1:
            with self._call():
                self._client.put_item(**entries[0])
            return
        for chunk in _chunks(entries, TRANSACTION_LIMIT):
            self._transact(_puts(chunk))

    def _transact(self, actions: list[TransactWriteItemTypeDef]) -> None:
        with self._call():
            self._client.transact_write_items(TransactItems=actions)

    # --- history -----------------------------------------------------------------------------
    def history(
        self, key: OwnerKey, since: int, until: int | None = None, limit: int = 1000
    ) -> list[HistoryItem]:
        # The very same bounds as SQLite's ``sk >= lo AND sk < hi``: no key we write equals
        # ``hi`` itself (every history key goes on past the 12 digits), so BETWEEN is exact.
        lo = f"{key.history_prefix}{max(since, 0):012d}"
        hi = f"{key.history_prefix}{until:012d}" if until is not None else f"{key.history_prefix}~"
        if limit <= 0 or lo > hi:
            return []
        query: QueryInputTypeDef = {
            "TableName": self._table,
            "KeyConditionExpression": "#pk = :pk AND #sk BETWEEN :lo AND :hi",
            "FilterExpression": "attribute_not_exists(#e) OR #e > :now",
            "ProjectionExpression": "#b",
            "ExpressionAttributeNames": {**_NAMES, "#e": TTL_ATTRIBUTE, "#b": "body"},
            "ExpressionAttributeValues": {
                ":pk": _s(key.pk),
                ":lo": _s(lo),
                ":hi": _s(hi),
                ":now": _n(int(time.time())),
            },
            "ConsistentRead": True,
        }
        found: list[HistoryItem] = []
        while True:
            query["Limit"] = limit - len(found)
            with self._call():
                page = self._client.query(**query)
            found.extend(HistoryItem.model_validate_json(i["body"]["S"]) for i in page["Items"])
            last_key = page.get("LastEvaluatedKey")
            if len(found) >= limit or not last_key:
                return found[:limit]
            query["ExclusiveStartKey"] = last_key

    # --- deletion ----------------------------------------------------------------------------
    def delete_owner(self, key: OwnerKey) -> int:
        return self._delete(key.pk, (f"{key.owner}#", f"{key.owner}#~"))

    def delete_account(self, account: str) -> int:
        return self._delete(f"A#{account}", None)

    def _delete(self, pk: str, between: tuple[str, str] | None) -> int:
        query: QueryInputTypeDef = {
            "TableName": self._table,
            "KeyConditionExpression": "#pk = :pk",
            "ProjectionExpression": "#pk, #sk",
            "ExpressionAttributeNames": dict(_NAMES),
            "ExpressionAttributeValues": {":pk": _s(pk)},
            "ConsistentRead": True,
        }
        if between is not None:
            query["KeyConditionExpression"] = "#pk = :pk AND #sk BETWEEN :lo AND :hi"
            query["ExpressionAttributeValues"] = {
                ":pk": _s(pk),
                ":lo": _s(between[0]),
                ":hi": _s(between[1]),
            }
        keys: list[Item] = []
        while True:
            with self._call():
                page = self._client.query(**query)
            keys.extend({"pk": i["pk"], "sk": i["sk"]} for i in page["Items"])
            last_key = page.get("LastEvaluatedKey")
            if not last_key:
                break
            query["ExclusiveStartKey"] = last_key
        entries = [k for k in keys if not k["sk"]["S"].endswith("#P")]
        profiles = [k for k in keys if k["sk"]["S"].endswith("#P")]
        deadline = self._clock() + DELETE_BUDGET_S
        for chunk in [*_chunks(entries, BATCH_LIMIT), *_chunks(profiles, BATCH_LIMIT)]:
            self._batch_delete(chunk, deadline)
        return len(keys)

    def _batch_delete(self, keys: Sequence[Item], deadline: float) -> None:
        requests: list[WriteRequestTypeDef] = [{"DeleteRequest": {"Key": k}} for k in keys]
        for attempt in range(UNPROCESSED_RETRIES + 1):
            if attempt:
                time.sleep(0.05 * 2 ** (attempt - 1))
            if self._clock() > deadline:
                raise StoreUnavailable("deletion ran out of time")
            with self._call():
                out = self._client.batch_write_item(RequestItems={self._table: requests})
            left = out.get("UnprocessedItems", {}).get(self._table, [])
            if not left:
                return
            requests = [{"DeleteRequest": {"Key": r["DeleteRequest"]["Key"]}} for r in left]
        raise StoreUnavailable("deletion left unprocessed items")


def _translate(exc: ClientError) -> Exception | None:
    """The store's exception for a DynamoDB error, or None when it is a bug to surface."""
    error = exc.response.get("Error", {})
    code = str(error.get("Code", ""))
    if code == "TransactionCanceledException":
        reasons = {str(r.get("Code", "None")) for r in exc.response.get("CancellationReasons", [])}
        if not reasons:
            # Without the structured reasons, the message still names them.
            message = str(error.get("Message", ""))
            reasons = {r for r in _CONFLICT_REASONS | _BUSY_REASONS if r in message}
        if reasons & _CONFLICT_REASONS:
            return VersionConflict()
        if reasons & _BUSY_REASONS:
            return StoreUnavailable(code)
        return None
    if code == "ConditionalCheckFailedException":
        return VersionConflict()
    status = int(exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode", 0) or 0)
    if code in _BUSY_CODES or status >= 500:
        return StoreUnavailable(code or str(status))
    return None
