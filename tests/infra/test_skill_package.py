"""The skill package `ask deploy` uploads: addresses, icons, strict manifest, and the ASK CLI's
own handling of the project (ask-cli 2.30.7 from npm, run offline)."""

from __future__ import annotations

import json
import shutil
import struct
import subprocess
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.support.legal import LEGAL_BASE
from tests.support.smapi_strict import problems

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / ".deps" / "node_modules"
ASK_CLI = NODE_MODULES / "ask-cli" / "package.json"
ARN = "arn:aws:lambda:us-east-1:123456789012:function:ask-SteadyHeart-default-skill"
SUBSCRIPTIONS = ["SKILL_DISABLED", "SKILL_PERMISSION_ACCEPTED", "SKILL_PERMISSION_CHANGED"]


@pytest.mark.parametrize(
    "url",
    [
        "https://steadyheart.example/en-us/privacy",
        "https://steadyheart.invalid/privacy",
        "https://policies.steadyheart.test/privacy",
        "https://localhost/privacy",
        "https://app.localhost/privacy",
        "https://example.com/privacy",
        "https://www.example.org/terms",
        "https://docs.example.net/terms",
        "http://steadyheart-coach.org/privacy",
        "https://127.0.0.1/privacy",
        "https://steadyheart-coach.org/PLACEHOLDER/privacy",
        "https://your-domain.org/privacy",
        "https://{site}/privacy",
        "https://intranet/privacy",
    ],
)
def test_addresses_that_can_never_be_real_are_refused(package_module: ModuleType, url: str) -> None:
    assert package_module.url_problem(url) is not None


@pytest.mark.parametrize(
    "url", ["https://steadyheart-coach.org/legal/en-gb/privacy", "https://example.co.uk/terms"]
)
def test_real_looking_addresses_pass(package_module: ModuleType, url: str) -> None:
    assert package_module.url_problem(url) is None


@pytest.mark.parametrize("base", ["", "https://steadyheart.example", "http://steadyheart.org"])
def test_packaging_refuses_a_placeholder_policy_address(
    package_module: ModuleType, tmp_path: Path, base: str
) -> None:
    with pytest.raises(package_module.PackageError):
        package_module.make_package(tmp_path / "pkg", config={"legalBaseUrl": base})
    assert not (tmp_path / "pkg" / "skill.json").exists()


@pytest.mark.parametrize(
    "values",
    [
        {"legalBaseUrl": "", "operator": "Steady Heart", "contact": "hello@steadyheart-coach.org"},
        {
            "legalBaseUrl": "https://steadyheart.example/legal",
            "operator": "Steady Heart",
            "contact": "hello@steadyheart-coach.org",
        },
        {"legalBaseUrl": LEGAL_BASE, "operator": "", "contact": ""},
    ],
    ids=["no-site", "placeholder-site", "no-contact"],
)
def test_make_package_refuses_until_the_deployment_is_named(
    tmp_path: Path, values: dict[str, str]
) -> None:
    config = tmp_path / "deploy.json"
    config.write_text(json.dumps(values), "utf-8")
    done = subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "python"),
            "infra/package.py",
            "--config",
            str(config),
            "--out",
            str(tmp_path / "pkg"),
            "--site",
            str(tmp_path / "site"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode == 1, done.stdout
    assert "package: error:" in done.stderr
    assert not (tmp_path / "site").exists()
    assert not (tmp_path / "pkg").exists()


def test_make_package_writes_package_and_pages_for_a_named_deployment(tmp_path: Path) -> None:
    config = tmp_path / "deploy.json"
    values = {"legalBaseUrl": LEGAL_BASE, "operator": "Steady Heart", "contact": "a@b-c.org"}
    config.write_text(json.dumps(values), "utf-8")
    args = ["--config", str(config), "--out", str(tmp_path / "pkg"), "--site", str(tmp_path / "s")]
    done = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "infra/package.py", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "pkg" / "skill.json").is_file()
    assert (tmp_path / "s" / "en-in" / "privacy" / "index.html").is_file()


def test_the_source_manifest_holds_no_address_at_all() -> None:
    text = (ROOT / "infra" / "skill-manifest.json").read_text("utf-8")
    assert "://" not in text, "addresses come from infra/deploy.json when packaging"
    assert "arn:" not in text


def test_packaged_urls_are_this_deployments(packaged: Path, package_module: ModuleType) -> None:
    data = json.loads((packaged / "skill.json").read_text("utf-8"))
    assert package_module.manifest_url_problems(data) == []
    for locale, urls in data["manifest"]["privacyAndCompliance"]["locales"].items():
        assert urls == {
            "privacyPolicyUrl": f"{LEGAL_BASE}/{locale.lower()}/privacy",
            "termsOfUseUrl": f"{LEGAL_BASE}/{locale.lower()}/terms",
        }


def test_packaged_manifest_is_strictly_valid(packaged: Path) -> None:
    data = json.loads((packaged / "skill.json").read_text("utf-8"))
    assert problems(data) == []


def test_the_strict_reading_catches_what_smapi_refuses() -> None:
    data = json.loads((ROOT / "infra" / "skill-manifest.json").read_text("utf-8"))
    data["manifest"]["apis"]["events"] = {"endpoint": {"uri": ARN}}
    data["manifest"]["publishingInformation"]["distributionMode"] = "EVERYWHERE"
    data["manifest"]["privacyAndCompliance"]["usesPersonalInfo"] = "yes"
    found = problems(data)
    assert any("'events'" in p for p in found)
    assert any("EVERYWHERE" in p for p in found)
    assert any("usesPersonalInfo" in p for p in found)


def _png_size(path: Path) -> tuple[int, int, int]:
    head = path.read_bytes()[:26]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    width, height = struct.unpack(">II", head[16:24])
    return width, height, head[25]  # colour type: 2 = RGB, 6 = RGBA


def test_icons_are_in_the_package_at_the_exact_sizes(packaged: Path) -> None:
    data = json.loads((packaged / "skill.json").read_text("utf-8"))
    expected = {"smallIconUri": 108, "largeIconUri": 512}
    for locale, info in data["manifest"]["publishingInformation"]["locales"].items():
        for key, size in expected.items():
            uri = info[key]
            assert uri.startswith("file://"), (locale, key)
            icon = packaged / uri.removeprefix("file://")
            assert icon.is_file(), uri
            assert _png_size(icon) == (size, size, 2), f"{uri}: not an opaque {size}x{size} PNG"


def test_icons_are_drawn_from_the_svg(packaged: Path, tmp_path: Path) -> None:
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("steadyheart_icons", ROOT / "infra/icons.py")
    assert spec is not None
    assert spec.loader is not None
    icons = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = icons
    spec.loader.exec_module(icons)
    changed = tmp_path / "icon.svg"
    changed.write_text(
        (ROOT / "infra/icon.svg").read_text("utf-8").replace("#f3a45f", "#000000"), "utf-8"
    )
    same = icons.render_icons(ROOT / "infra/icon.svg", tmp_path / "same", sizes=[108])[0]
    other = icons.render_icons(changed, tmp_path / "other", sizes=[108])[0]
    assert same.read_bytes() == (packaged / "assets/images/icon-108.png").read_bytes()
    assert other.read_bytes() != same.read_bytes()
    bad = tmp_path / "bad.svg"
    bad.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M0 0"/></svg>'
    )
    with pytest.raises(icons.IconError):
        icons.render(bad, 108)


def test_every_locale_has_its_model_in_the_package(packaged: Path) -> None:
    data = json.loads((packaged / "skill.json").read_text("utf-8"))
    for locale in data["manifest"]["publishingInformation"]["locales"]:
        copied = packaged / "interactionModels" / "custom" / f"{locale}.json"
        assert copied.read_bytes() == (ROOT / "intents" / f"{locale}.json").read_bytes()


# --- ask-cli's own handling -------------------------------------------------------------------


def _project(packaged: Path, tmp_path: Path) -> Path:
    """A copy of infra/ as `ask deploy` sees it after `make package`."""
    project = tmp_path / "infra"
    project.mkdir()
    for name in ("ask-resources.json", "template.yaml"):
        shutil.copy(ROOT / "infra" / name, project / name)
    shutil.copytree(ROOT / "infra" / "lambda", project / "lambda")
    shutil.copytree(ROOT / "infra" / "hooks", project / "hooks")
    shutil.copytree(packaged, project / "skill-package")
    return project


def _ask_cli(project: Path, tmp_path: Path) -> dict[str, Any]:
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    if not ASK_CLI.is_file():
        pytest.fail("ask-cli is not installed under .deps: run `make setup`")
    out = tmp_path / "result.json"
    done = subprocess.run(
        [
            "node",
            str(Path(__file__).with_name("ask_cli_deploy_result.js")),
            str(project),
            str(NODE_MODULES),
            ARN,
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, Any] = json.loads(out.read_text("utf-8"))
    assert result["error"] is None
    return result


@pytest.mark.parametrize("_", [None], ids=["ask-cli-2.30.7"])
def test_ask_deploy_writes_a_valid_manifest(packaged: Path, tmp_path: Path, _: None) -> None:
    project = _project(packaged, tmp_path)
    result = _ask_cli(project, tmp_path)
    manifest = result["manifest"]
    assert problems(manifest) == [], "ask deploy would upload an invalid skill.json"
    m = manifest["manifest"]
    assert set(m["apis"]) == {"custom"}
    assert m["apis"]["custom"]["endpoint"] == {"uri": ARN}
    assert m["events"]["endpoint"] == {"uri": ARN}
    assert [s["eventName"] for s in m["events"]["subscriptions"]] == SUBSCRIPTIONS
    # The CLI builds inside infra/.ask/, which git ignores.
    build = Path(result["before"]["codeBuild"]["file"])
    assert build.is_relative_to(project / ".ask"), build
    assert result["before"]["targetEndpoints"] == ["custom"]


def test_a_second_package_keeps_what_ask_deploy_wrote(
    packaged: Path, package_module: ModuleType, tmp_path: Path
) -> None:
    project = _project(packaged, tmp_path)
    deployed = _ask_cli(project, tmp_path)["manifest"]
    (project / "skill-package" / "skill.json").write_text(json.dumps(deployed), "utf-8")
    package_module.make_package(project / "skill-package", config={"legalBaseUrl": LEGAL_BASE})
    again = json.loads((project / "skill-package" / "skill.json").read_text("utf-8"))
    assert again["manifest"]["apis"]["custom"]["endpoint"] == {"uri": ARN}
    assert again["manifest"]["events"] == deployed["manifest"]["events"]
    assert problems(again) == []


def test_the_stack_identity_survives_a_lost_states_file(
    packaged: Path, package_module: ModuleType, tmp_path: Path
) -> None:
    project = _project(packaged, tmp_path)
    stack = "arn:aws:cloudformation:us-east-1:123456789012:stack/ask-SteadyHeart-default/abc"
    states = project / ".ask" / "ask-states.json"
    states.parent.mkdir()
    states.write_text(
        json.dumps(
            {
                "askcliStatesVersion": "2020-03-31",
                "profiles": {
                    "default": {
                        "skillId": "amzn1.ask.skill.00000000-1111-2222-3333-444444444444",
                        "skillInfrastructure": {
                            "@ask-cli/cfn-deployer": {
                                "deployState": {
                                    "default": {
                                        "s3": {"bucket": "ask-bucket-1", "key": "endpoint/b.zip"},
                                        "stackId": stack,
                                    }
                                }
                            }
                        },
                    }
                },
            }
        ),
        "utf-8",
    )
    config = tmp_path / "deploy.json"
    config.write_text(json.dumps({"legalBaseUrl": LEGAL_BASE}), "utf-8")
    recorded = package_module.record_state(states, config)
    assert recorded["stackId"] == stack
    states.unlink()  # lost: a fresh clone, another machine
    kept = json.loads(config.read_text("utf-8"))
    assert kept["legalBaseUrl"] == LEGAL_BASE
    assert package_module.restore_state(kept, states) is True
    before = _ask_cli(project, tmp_path)["before"]
    assert before["skillId"] == "amzn1.ask.skill.00000000-1111-2222-3333-444444444444"
    assert before["deployState"]["default"]["stackId"] == stack
    assert before["deployState"]["default"]["s3"]["bucket"] == "ask-bucket-1"
    assert package_module.restore_state(kept, states) is False, "never overwrite live state"
