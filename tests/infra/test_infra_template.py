"""infra/template.yaml: lint-clean, and saying what the skill and its deployment rely on."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from cfnlint.api import ManualArgs, lint_file  # type: ignore[import-untyped]

from tests.support.template_schema import TEMPLATE, load_template, table_definition, ttl_attribute

ROOT = Path(__file__).resolve().parents[2]
# What the ASK CLI's cfn-deployer passes to every stack it deploys, and the output it reads.
CFN_DEPLOYER_PARAMETERS = {
    "SkillId",
    "LambdaRuntime",
    "LambdaHandler",
    "CodeBucket",
    "CodeKey",
    "CodeVersion",
}


@pytest.fixture(scope="module")
def template() -> dict[str, Any]:
    return load_template()


@pytest.fixture(scope="module")
def resources(template: dict[str, Any]) -> dict[str, Any]:
    res: dict[str, Any] = template["Resources"]
    return res


def of_type(resources: dict[str, Any], kind: str) -> dict[str, Any]:
    return {name: r for name, r in resources.items() if r["Type"] == kind}


def function(resources: dict[str, Any]) -> dict[str, Any]:
    (fn,) = of_type(resources, "AWS::Serverless::Function").values()
    props: dict[str, Any] = fn["Properties"]
    return props


def test_cfn_lint_finds_nothing_not_even_informational() -> None:
    matches = lint_file(TEMPLATE, ManualArgs(include_checks=["I"]))
    assert [str(m) for m in matches] == []


def test_function_runtime_architecture_and_handler(template: dict[str, Any]) -> None:
    fn = function(template["Resources"])
    params = template["Parameters"]
    assert fn["Runtime"] == {"Ref": "LambdaRuntime"}
    assert params["LambdaRuntime"]["AllowedValues"] == ["python3.12"]
    assert fn["Handler"] == {"Ref": "LambdaHandler"}
    assert params["LambdaHandler"]["AllowedValues"] == ["skill.app.lambda_handler"]
    assert fn["Architectures"] == ["arm64"]
    assert fn["MemorySize"] == 512


def test_function_timeout_is_explicit_and_under_alexas_8_seconds(resources: dict[str, Any]) -> None:
    timeout = function(resources)["Timeout"]
    assert isinstance(timeout, int)
    assert 3 < timeout < 8


def test_environment_names_are_the_ones_skill_config_reads(resources: dict[str, Any]) -> None:
    read_by_config = set(
        re.findall(r"STEADYHEART_[A-Z0-9_]+", (ROOT / "skill/config.py").read_text("utf-8"))
    )
    env = function(resources)["Environment"]["Variables"]
    assert set(env) <= read_by_config
    assert {
        "STEADYHEART_STORE",
        "STEADYHEART_SKILL_ID",
        "STEADYHEART_LOG_LEVEL",
        "STEADYHEART_RETENTION_DAYS",
        "STEADYHEART_STORAGE_TIMEOUT_S",
    } <= set(env)
    assert env["STEADYHEART_STORE"] == {"Fn::Sub": "dynamodb:${StateTable}"}
    assert env["STEADYHEART_SKILL_ID"] == {"Ref": "SkillId"}


def test_parameter_defaults(template: dict[str, Any]) -> None:
    params = template["Parameters"]
    assert params["LogLevel"]["Default"] == "WARNING"
    assert params["RetentionDays"]["Default"] == 730
    assert "Default" not in params["SkillId"]


def test_only_the_configured_skill_may_invoke(resources: dict[str, Any]) -> None:
    events = function(resources)["Events"]
    alexa = [e for e in events.values() if e["Type"] == "AlexaSkill"]
    assert len(alexa) == 1
    assert alexa[0]["Properties"]["SkillId"] == {"Ref": "SkillId"}


def test_table_is_on_demand_encrypted_recoverable_with_ttl(resources: dict[str, Any]) -> None:
    ((name, table),) = of_type(resources, "AWS::DynamoDB::Table").items()
    props = table["Properties"]
    assert props["BillingMode"] == "PAY_PER_REQUEST"
    assert props["SSESpecification"] == {"SSEEnabled": True}
    assert props["PointInTimeRecoverySpecification"] == {
        "PointInTimeRecoveryEnabled": True,
        "RecoveryPeriodInDays": 14,  # stated in docs/legal/privacy.md (a test checks)
    }
    assert props["TimeToLiveSpecification"] == {"AttributeName": "expires_at", "Enabled": True}
    assert "TableName" not in props, "the table name comes from the stack, never hard-coded"
    assert table["DeletionPolicy"] == "Retain"
    assert name == "StateTable"


def test_table_definition_helper_reads_the_template() -> None:
    assert table_definition() == {
        "KeySchema": [
            {"AttributeName": "pk", "KeyType": "HASH"},
            {"AttributeName": "sk", "KeyType": "RANGE"},
        ],
        "AttributeDefinitions": [
            {"AttributeName": "pk", "AttributeType": "S"},
            {"AttributeName": "sk", "AttributeType": "S"},
            {"AttributeName": "purge", "AttributeType": "S"},
            {"AttributeName": "due", "AttributeType": "N"},
        ],
        "BillingMode": "PAY_PER_REQUEST",
        "GlobalSecondaryIndexes": [
            {
                "IndexName": "purge",
                "KeySchema": [
                    {"AttributeName": "purge", "KeyType": "HASH"},
                    {"AttributeName": "due", "KeyType": "RANGE"},
                ],
                "Projection": {"ProjectionType": "KEYS_ONLY"},
            }
        ],
    }
    assert ttl_attribute() == "expires_at"


def test_table_definition_is_a_fresh_copy_each_time() -> None:
    first = table_definition()
    first["KeySchema"][0]["AttributeName"] = "changed"
    assert table_definition()["KeySchema"][0]["AttributeName"] == "pk"


def _statements(role: dict[str, Any]) -> list[dict[str, Any]]:
    return [s for p in role["Properties"]["Policies"] for s in p["PolicyDocument"]["Statement"]]


def test_role_is_least_privilege(resources: dict[str, Any]) -> None:
    ((role_name, role),) = of_type(resources, "AWS::IAM::Role").items()
    assert function(resources)["Role"] == {"Fn::GetAtt": [role_name, "Arn"]}
    assert "ManagedPolicyArns" not in role["Properties"]
    statements = _statements(role)
    assert all(s["Effect"] == "Allow" for s in statements)
    dynamo = [s for s in statements if any(a.startswith("dynamodb:") for a in s["Action"])]
    assert len(dynamo) == 2  # the actions themselves: tests/infra/test_role_from_code.py
    assert dynamo[0]["Resource"] == {"Fn::GetAtt": ["StateTable", "Arn"]}
    # The sweep reads the sparse purge index, and nothing else of any index.
    assert dynamo[1]["Action"] == ["dynamodb:Query"]
    assert dynamo[1]["Resource"] == {"Fn::Sub": "${StateTable.Arn}/index/purge"}
    logs = [s for s in statements if s not in dynamo]
    assert {a for s in logs for a in s["Action"]} == {"logs:CreateLogStream", "logs:PutLogEvents"}
    assert all(s["Resource"] == {"Fn::Sub": "${SkillLogGroup.Arn}"} for s in logs)
    assert "*" not in json.dumps(statements)


def test_log_group_is_the_functions_and_has_retention(resources: dict[str, Any]) -> None:
    ((name, group),) = of_type(resources, "AWS::Logs::LogGroup").items()
    fn = function(resources)
    group_name = group["Properties"]["LogGroupName"]["Fn::Sub"]
    assert group_name == "/aws/lambda/" + fn["FunctionName"]["Fn::Sub"]
    assert group["Properties"]["RetentionInDays"] == {"Ref": "LogRetentionInDays"}
    assert fn["LoggingConfig"]["LogGroup"] == {"Ref": name}


def test_alarms_cover_errors_throttles_and_the_table(resources: dict[str, Any]) -> None:
    alarms = of_type(resources, "AWS::CloudWatch::Alarm").values()
    lambda_metrics = {
        a["Properties"]["MetricName"]
        for a in alarms
        if a["Properties"].get("Namespace") == "AWS/Lambda"
    }
    assert {"Errors", "Throttles", "Duration"} <= lambda_metrics
    table_metrics = {
        m["MetricStat"]["Metric"]["MetricName"]
        for a in alarms
        for m in a["Properties"].get("Metrics", [])
        if "MetricStat" in m
    }
    assert {"ReadThrottleEvents", "WriteThrottleEvents", "SystemErrors"} <= table_metrics


def test_every_alarm_notifies_the_alarm_topic(resources: dict[str, Any]) -> None:
    topic = [{"Fn::If": ["HasAlarmTopic", {"Ref": "AlarmTopicArn"}, {"Ref": "AlarmTopic"}]}]
    alarms = of_type(resources, "AWS::CloudWatch::Alarm")
    assert len(alarms) >= 7
    for name, alarm in alarms.items():
        assert alarm["Properties"]["AlarmActions"] == topic, name
        assert alarm["Properties"]["OKActions"] == topic, name
    assert resources["AlarmTopic"]["Condition"] == "NeedsOwnAlarmTopic"


def test_outputs_and_the_ask_cli_contract(template: dict[str, Any]) -> None:
    assert set(template["Parameters"]) >= CFN_DEPLOYER_PARAMETERS
    outputs = template["Outputs"]
    assert outputs["SkillEndpoint"]["Value"] == {"Fn::GetAtt": ["SkillFunction", "Arn"]}
    assert outputs["TableName"]["Value"] == {"Ref": "StateTable"}


def test_ask_resources_deploys_this_template() -> None:
    resources = json.loads((ROOT / "infra/ask-resources.json").read_text("utf-8"))
    assert resources["askcliResourcesVersion"] == "2020-03-31"
    profile = resources["profiles"]["default"]
    assert profile["skillMetadata"]["src"] == "./skill-package"
    # The hook builds the artifact from the repository; the CLI copies "src" into its build
    # folder (.ask/<src>), so src must sit inside infra/ for that folder to stay in .ask/.
    code_src = (ROOT / "infra" / profile["code"]["default"]["src"]).resolve()
    assert code_src.is_dir()
    assert code_src.is_relative_to(ROOT / "infra")
    infra = profile["skillInfrastructure"]
    assert infra["type"] == "@ask-cli/cfn-deployer"
    user = infra["userConfig"]
    assert (ROOT / "infra" / user["templatePath"]).resolve() == TEMPLATE
    template = load_template()
    assert [user["runtime"]] == template["Parameters"]["LambdaRuntime"]["AllowedValues"]
    assert [user["handler"]] == template["Parameters"]["LambdaHandler"]["AllowedValues"]
    assert "CAPABILITY_AUTO_EXPAND" in user["cfn"]["capabilities"], "needed for the SAM transform"
    assert set(user["cfn"]["parameters"]) <= set(template["Parameters"]) - CFN_DEPLOYER_PARAMETERS
    assert user["targetEndpoint"] == ["custom"]
    hook = ROOT / "infra/hooks/build.sh"
    assert hook.is_file()
    assert hook.stat().st_mode & 0o111, "the ASK CLI runs the hook directly: it must be executable"
