"""botocore's data cut at build time to the DynamoDB calls the store makes (decision 0062): the
cut keeps every call, every shape they reach exactly as botocore has it, and every endpoint, and
the artifact's client is built from it only when it was cut from the botocore that runs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import botocore
import botocore.session
import pytest
from botocore import xform_name
from botocore.loaders import create_loader

from skill import bundle, bundle_build
from skill.config import Settings
from skill.state import HistoryItem, Profile, ProfileUpdate
from skill.storage.base import OwnerKey, Write
from skill.storage.dynamodb import OPERATIONS, DynamoStore, make_client

SOURCE = Path(__file__).resolve().parents[2] / "skill" / "storage" / "dynamodb.py"


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("bundle")
    bundle_build.write(target)
    return target


@pytest.fixture
def cut_in_place(written: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(bundle, "BUNDLE_DIR", written)
    return written / bundle.AWS_DIR


def test_the_operations_are_the_ones_the_store_calls() -> None:
    called = set(re.findall(r"_client\.([a-z_]+)\(", SOURCE.read_text("utf-8")))
    assert called == {xform_name(op) for op in OPERATIONS}


def test_the_cut_model_keeps_each_call_and_every_shape_it_reaches_unchanged() -> None:
    full = create_loader().load_service_model("dynamodb", "service-2")
    cut = next(v for k, v in bundle_build.aws_models().items() if k.endswith("service-2.json"))
    assert set(cut["operations"]) == OPERATIONS
    assert cut["metadata"] == full["metadata"]
    for name, op in cut["operations"].items():
        assert op == full["operations"][name]
    for name, shape in cut["shapes"].items():
        assert shape == full["shapes"][name]
        refs: list[Any] = [m["shape"] for m in shape.get("members", {}).values()]
        refs += [shape[k]["shape"] for k in ("member", "key", "value") if k in shape]
        assert set(refs) <= set(cut["shapes"]), name
    assert len(cut["shapes"]) < len(full["shapes"])


@pytest.mark.parametrize(
    ("region", "endpoint"),
    [
        ("us-east-1", None),
        ("eu-central-1", None),
        ("cn-north-1", None),
        ("us-gov-west-1", None),
        ("us-east-1", "http://localhost:8000"),
    ],
)
def test_a_client_from_the_cut_resolves_the_endpoints_botocores_own_data_does(
    cut_in_place: Path, region: str, endpoint: str | None
) -> None:
    def client(data_path: str | None) -> Any:
        session = botocore.session.get_session()
        if data_path:
            session.set_config_variable("data_path", data_path)
        return session.create_client(
            "dynamodb",
            region_name=region,
            endpoint_url=endpoint,
            aws_access_key_id="x",
            aws_secret_access_key="x",
        )

    ours, theirs = client(str(cut_in_place)), client(None)
    assert ours.meta.endpoint_url == theirs.meta.endpoint_url
    assert ours.meta.partition == theirs.meta.partition
    assert sorted(ours.meta.service_model.operation_names) == sorted(OPERATIONS)


def test_the_store_builds_its_client_from_the_cut_only_when_botocore_is_the_same(
    cut_in_place: Path,
) -> None:
    assert bundle.aws_data_path(botocore.__version__) == str(cut_in_place)
    assert bundle.aws_data_path(botocore.__version__ + ".other") is None
    cfg = Settings(store="memory", aws_region="eu-west-1")
    made = make_client(cfg)
    assert sorted(made.meta.service_model.operation_names) == sorted(OPERATIONS)


def test_the_repository_uses_botocores_own_data() -> None:
    assert bundle.aws_data_path(botocore.__version__) is None
    made = make_client(Settings(store="memory", aws_region="eu-west-1"))
    assert set(made.meta.service_model.operation_names) > OPERATIONS


@pytest.mark.dynamodb
def test_the_store_works_on_dynamodb_local_through_the_cut(
    cut_in_place: Path, dynamodb_client: Any, dynamodb_table: str
) -> None:
    from tests.support.dynamodb_local import local_settings

    client = make_client(local_settings(dynamodb_client.meta.endpoint_url))
    assert sorted(client.meta.service_model.operation_names) == sorted(OPERATIONS)
    store = DynamoStore(client, dynamodb_table)
    key = OwnerKey.from_ids("amzn1.ask.account.AWSCUT", None)
    made = store.commit(key, Write(None, ProfileUpdate.of(Profile(consent="granted"))))
    entry = HistoryItem(kind="appreciation", at=1_790_000_000, id="a1", data={"moment": "x"})
    store.commit(key, Write(made, ProfileUpdate(adds={"visits": 1}), [entry], 2**40))
    loaded = store.load(key).profile
    assert loaded is not None
    assert loaded.visits == 1
    assert [i.id for i in store.history(key, ("appreciation",), 0, limit=3)] == ["a1"]
    assert store.delete_owner(key, 5.0)
    assert store.load(key).profile is None
