"""The alarms watch the metrics the code emits, and powertools stays out of the cold start."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

from skill import telemetry
from tests.support.template_schema import load_template


def _own_metric_alarms(resources: dict[str, Any]) -> list[dict[str, Any]]:
    metrics = []
    for res in resources.values():
        if res["Type"] != "AWS::CloudWatch::Alarm":
            continue
        props = res["Properties"]
        if props.get("Namespace") == telemetry.NAMESPACE:
            metrics.append(props)
        for m in props.get("Metrics", []):
            metric = m.get("MetricStat", {}).get("Metric", {})
            if metric.get("Namespace") == telemetry.NAMESPACE:
                metrics.append(metric)
    return metrics


def test_alarms_watch_storage_faults_and_apologies_as_emitted() -> None:
    template = load_template()
    watched = _own_metric_alarms(template["Resources"])
    assert {m["MetricName"] for m in watched} == {telemetry.STORAGE_FAULT, telemetry.APOLOGY}
    for m in watched:
        # powertools' Metrics adds exactly one dimension: service.
        assert m["Dimensions"] == [{"Name": "service", "Value": {"Ref": "AWS::StackName"}}]
    fn = template["Resources"]["SkillFunction"]["Properties"]
    env = fn["Environment"]["Variables"]
    assert env["STEADYHEART_SERVICE_NAME"] == {"Ref": "AWS::StackName"}


def test_importing_the_handler_does_not_load_powertools() -> None:
    code = (
        "import sys, skill.app\n"
        "print(any(m.startswith('aws_lambda_powertools') for m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
