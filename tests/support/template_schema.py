"""The DynamoDB table as infra/template.yaml declares it, for tests that need a real table.

Storage tests create their DynamoDB Local table from here, so the key schema under test
is the one that ships::

    client.create_table(TableName=name, **table_definition())
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, cast

import yaml

TEMPLATE = Path(__file__).resolve().parents[2] / "infra" / "template.yaml"
TABLE_TYPE = "AWS::DynamoDB::Table"


class _TemplateLoader(yaml.SafeLoader):
    """A safe loader that reads CloudFormation's short-form intrinsic tags."""


def _intrinsic(loader: yaml.SafeLoader, tag_suffix: str, node: yaml.Node) -> dict[str, Any]:
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(cast(yaml.MappingNode, node), deep=True)
    if tag_suffix == "Ref":
        return {"Ref": value}
    if tag_suffix == "GetAtt" and isinstance(value, str):
        return {"Fn::GetAtt": value.split(".", 1)}
    if tag_suffix == "Condition":
        return {"Condition": value}
    return {f"Fn::{tag_suffix}": value}


_TemplateLoader.add_multi_constructor("!", _intrinsic)


def load_template(path: Path = TEMPLATE) -> dict[str, Any]:
    """The template as plain data; ``!Ref X`` becomes ``{"Ref": "X"}`` and so on."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TemplateLoader)
    if not isinstance(data, dict):
        raise ValueError(f"{path} is not a CloudFormation template")
    return data


@lru_cache(maxsize=1)
def _table_properties() -> dict[str, Any]:
    resources = load_template()["Resources"]
    tables = [r for r in resources.values() if r.get("Type") == TABLE_TYPE]
    if len(tables) != 1:
        raise ValueError(f"expected exactly one {TABLE_TYPE} in {TEMPLATE}, found {len(tables)}")
    return cast(dict[str, Any], tables[0]["Properties"])


def table_definition() -> dict[str, Any]:
    """KeySchema, AttributeDefinitions and BillingMode, as ``create_table`` takes them."""
    props = _table_properties()
    out: dict[str, Any] = {
        "KeySchema": [dict(k) for k in props["KeySchema"]],
        "AttributeDefinitions": [dict(a) for a in props["AttributeDefinitions"]],
        "BillingMode": props["BillingMode"],
    }
    if props.get("GlobalSecondaryIndexes"):
        out["GlobalSecondaryIndexes"] = [
            {
                "IndexName": g["IndexName"],
                "KeySchema": [dict(k) for k in g["KeySchema"]],
                "Projection": dict(g["Projection"]),
            }
            for g in props["GlobalSecondaryIndexes"]
        ]
    return out


def ttl_attribute() -> str:
    """The attribute DynamoDB's TTL reads (epoch seconds)."""
    spec = _table_properties()["TimeToLiveSpecification"]
    return str(spec["AttributeName"])
