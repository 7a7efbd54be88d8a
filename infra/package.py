"""Make the skill package that ``ask deploy`` uploads (infra/skill-package/, not committed).

    .venv/bin/python infra/package.py            # what `make package` runs
    .venv/bin/python infra/package.py --record   # after a deploy: keep the stack's identity

From committed sources only:

* ``infra/skill-manifest.json``: the manifest without anything per deployment;
* ``infra/deploy.json``: the deployment's own values: ``legalBaseUrl``, where the privacy
  policy and terms (docs/legal/) are published (``STEADYHEART_LEGAL_BASE_URL`` overrides it),
  and, once deployed, ``deployed``: the skill id, stack id and code bucket;
* ``infra/icon.svg``: the icon, drawn at 108x108 and 512x512 (``infra/icons.py``);
* ``intents/<locale>.json``: the interaction models.

It refuses to write a manifest with a URL that cannot be the real one: not https, a
placeholder, or a domain reserved so that it never resolves (.example, .invalid, .test,
.localhost, example.com/.net/.org, localhost, an IP address).

The endpoint is never written here: ``ask deploy`` writes the stack's ``SkillEndpoint`` into
``apis.custom.endpoint`` and, from ``skillEvents`` in ask-resources.json, the events and their
endpoint. A package made again after a deploy keeps those, so re-uploading never blanks them.

The ASK CLI keeps the skill id and the stack id in ``infra/.ask/ask-states.json``, which git
ignores; lose it and the next deploy would create a new skill and a new stack with an empty
table. ``--record`` copies them into ``infra/deploy.json`` (commit it), and packaging writes
them back when the states file is missing.
"""

from __future__ import annotations

import argparse
import copy
import html
import ipaddress
import json
import os
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

INFRA = Path(__file__).resolve().parent
REPO = INFRA.parent
SOURCE_MANIFEST = INFRA / "skill-manifest.json"
DEPLOY_CONFIG = INFRA / "deploy.json"
ICON_SOURCE = INFRA / "icon.svg"
PACKAGE = INFRA / "skill-package"
MODELS = REPO / "intents"
ASK_STATES = INFRA / ".ask" / "ask-states.json"
ASK_RESOURCES = INFRA / "ask-resources.json"
TEMPLATE = INFRA / "template.yaml"
LEGAL_DOCS = REPO / "docs" / "legal"
LEGAL_SITE = REPO / "build" / "legal"
PROFILE = "default"
DEPLOYER = "@ask-cli/cfn-deployer"
LEGAL_ENV = "STEADYHEART_LEGAL_BASE_URL"

ICONS = {"smallIconUri": 108, "largeIconUri": 512}
ICON_DIR = "assets/images"
LEGAL_PAGES = {"privacyPolicyUrl": "privacy", "termsOfUseUrl": "terms"}

RESERVED_TLDS = frozenset({"example", "invalid", "test", "localhost", "local", "internal"})
RESERVED_DOMAINS = frozenset({"example.com", "example.net", "example.org", "localhost"})
PLACEHOLDER_WORDS = ("placeholder", "changeme", "change-me", "your-", "todo", "xxx", "{", "<")


class PackageError(RuntimeError):
    """The package cannot be made; the message says why."""


def log(message: str) -> None:
    print(f"package: {message}", flush=True)


# --- URLs -----------------------------------------------------------------------------------


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be a published page's address, or None when it can."""
    parts = urlsplit(url)
    if parts.scheme != "https":
        return "not https"
    host = (parts.hostname or "").rstrip(".").lower()
    if not host or "." not in host:
        return "no public host name"
    lowered = url.lower()
    for word in PLACEHOLDER_WORDS:
        if word in lowered:
            return f"looks like a placeholder ({word!r})"
    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return "an IP address, not a published site"
    if host.rsplit(".", 1)[-1] in RESERVED_TLDS:
        return f"a reserved top-level domain (.{host.rsplit('.', 1)[-1]}) that never resolves"
    for domain in RESERVED_DOMAINS:
        if host == domain or host.endswith("." + domain):
            return f"{domain} is reserved for documentation"
    return None


def manifest_url_problems(manifest: Mapping[str, Any]) -> list[str]:
    """Every URL in the manifest (icons, privacy, terms...) that is not a real address."""
    problems: list[str] = []

    def walk(node: Any, path: str) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, f"{path}.{k}" if path else k)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{path}[{i}]")
        elif isinstance(node, str) and "://" in node:
            if node.startswith("file://") or node.startswith("arn:"):
                return
            why = url_problem(node)
            if why:
                problems.append(f"{path}: {node} ({why})")

    walk(manifest, "")
    return problems


# --- configuration ----------------------------------------------------------------------------


def load_config(path: Path = DEPLOY_CONFIG, env: Mapping[str, str] | None = None) -> dict[str, Any]:
    env = os.environ if env is None else env
    config: dict[str, Any] = json.loads(path.read_text("utf-8")) if path.is_file() else {}
    if env.get(LEGAL_ENV):
        config["legalBaseUrl"] = env[LEGAL_ENV]
    return config


def legal_base(config: Mapping[str, Any]) -> str:
    base = str(config.get("legalBaseUrl") or "").rstrip("/")
    if not base:
        raise PackageError(
            f"no legalBaseUrl in {DEPLOY_CONFIG.relative_to(REPO)} (or ${LEGAL_ENV}): publish "
            "docs/legal/ and say where (see docs/deploy.md)"
        )
    why = url_problem(base + "/")
    if why:
        raise PackageError(f"legalBaseUrl {base} cannot be the published policy: {why}")
    return base


# --- the manifest -----------------------------------------------------------------------------


def render_manifest(
    source: Mapping[str, Any], base: str, previous: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The source manifest with this deployment's URLs and icons, and the endpoints that
    ``ask deploy`` wrote into the previous package (if any)."""
    out = copy.deepcopy(dict(source))
    manifest = out["manifest"]
    for locale, info in manifest["publishingInformation"]["locales"].items():
        for key, size in ICONS.items():
            info[key] = f"file://{ICON_DIR}/icon-{size}.png"
        manifest["privacyAndCompliance"]["locales"][locale] = {
            key: f"{base}/{locale.lower()}/{page}" for key, page in LEGAL_PAGES.items()
        }
    if previous:
        prev = previous.get("manifest", {})
        endpoint = prev.get("apis", {}).get("custom", {}).get("endpoint")
        if endpoint:
            manifest["apis"]["custom"]["endpoint"] = endpoint
        if prev.get("events", {}).get("endpoint"):
            manifest["events"] = prev["events"]
    problems = manifest_url_problems(out)
    if problems:
        raise PackageError(
            "the manifest has addresses that cannot be real:\n  " + "\n  ".join(problems)
        )
    return out


# --- the published policy ----------------------------------------------------------------------


def _template() -> dict[str, Any]:
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    def tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
        return None

    Loader.add_multi_constructor("!", tag)
    data: dict[str, Any] = yaml.load(TEMPLATE.read_text("utf-8"), Loader=Loader)  # noqa: S506
    return data


def policy_values(config: Mapping[str, Any]) -> dict[str, str]:
    """What the policy states, from what is deployed: ask-resources.json's parameters over the
    template's defaults, the table's recovery window and the region."""
    template = _template()
    params = {k: v.get("Default") for k, v in template["Parameters"].items()}
    user = json.loads(ASK_RESOURCES.read_text("utf-8"))["profiles"][PROFILE]
    user_config = user["skillInfrastructure"]["userConfig"]
    params.update(user_config.get("cfn", {}).get("parameters", {}))
    table = template["Resources"]["StateTable"]["Properties"]
    pitr = table["PointInTimeRecoverySpecification"]
    operator = str(config.get("operator") or "").strip()
    contact = str(config.get("contact") or "").strip()
    if not operator or not contact:
        raise PackageError(
            f"the policy needs who runs the skill and how to reach them: set operator and contact "
            f"in {DEPLOY_CONFIG.relative_to(REPO)}"
        )
    if "@" not in contact and url_problem(contact):
        raise PackageError(
            f"contact {contact!r} is neither an e-mail address nor a real https page"
        )
    if "@" in contact and url_problem("https://" + contact.rsplit("@", 1)[1] + "/"):
        raise PackageError(f"contact {contact!r} is at a domain that cannot be real")
    return {
        "operator": operator,
        "contact": contact,
        "retention_days": str(params["RetentionDays"]),
        "backup_days": str(pitr.get("RecoveryPeriodInDays", 35)) if pitr else "0",
        "log_days": str(params["LogRetentionInDays"]),
        "region": str(user_config["awsRegion"]),
    }


_LOCALE_BLOCK = re.compile(
    r"<!-- locale: ([a-zA-Z-]+) -->\n(.*?)(?=<!-- locale: |<!-- end locales -->)", re.S
)


def policy_text(markdown: str, locale: str, values: Mapping[str, str]) -> str:
    """The document for one locale: the common text and that locale's section only."""
    blocks = dict(_LOCALE_BLOCK.findall(markdown))
    if locale not in blocks:
        raise PackageError(f"no section for {locale}")
    start = markdown.index("<!-- locale: ")
    end = markdown.index("<!-- end locales -->") + len("<!-- end locales -->")
    text = markdown[:start] + blocks[locale] + markdown[end:]
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    left = re.findall(r"\{[a-z_]+\}", text)
    if left:
        raise PackageError(f"unfilled placeholders: {', '.join(sorted(set(left)))}")
    return text


def to_html(markdown: str) -> str:
    """Headings, paragraphs and bullet lists with **bold**: all the legal documents use."""

    def inline(text: str) -> str:
        return re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", html.escape(text))

    out: list[str] = []
    title = ""
    for block in re.split(r"\n\s*\n", markdown.strip()):
        lines = [line for line in block.splitlines() if not line.startswith("<!--")]
        if not lines:
            continue
        if lines[0].startswith("#"):
            level = len(lines[0]) - len(lines[0].lstrip("#"))
            heading = lines[0][level:].strip()
            title = title or heading
            out.append(f"<h{level}>{inline(heading)}</h{level}>")
            lines = lines[1:]
            if not lines:
                continue
        if lines[0].startswith("- "):
            items = re.split(r"\n- ", "\n".join(lines)[2:])
            out.append(
                "<ul>" + "".join(f"<li>{inline(' '.join(i.split()))}</li>" for i in items) + "</ul>"
            )
        else:
            out.append(f"<p>{inline(' '.join(' '.join(lines).split()))}</p>")
    return (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title></head><body>\n"
        + "\n".join(out)
        + "\n</body></html>\n"
    )


def legal_site(
    out: Path, config: Mapping[str, Any], locales: Sequence[str], docs: Path = LEGAL_DOCS
) -> list[Path]:
    """<out>/<locale>/privacy/index.html and .../terms/index.html: publish <out> at legalBaseUrl."""
    values = policy_values(config)
    written = []
    for page in LEGAL_PAGES.values():
        markdown = (docs / f"{page}.md").read_text("utf-8")
        for locale in locales:
            target = out / locale.lower() / page / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(to_html(policy_text(markdown, locale, values)), encoding="utf-8")
            written.append(target)
    return written


# --- the stack's identity ---------------------------------------------------------------------


def record_state(
    states_path: Path = ASK_STATES, config_path: Path = DEPLOY_CONFIG
) -> dict[str, Any]:
    """Copy the skill id, stack id and bucket from ask-states.json into deploy.json."""
    if not states_path.is_file():
        raise PackageError(f"{states_path} does not exist: nothing was deployed from here")
    states = json.loads(states_path.read_text("utf-8"))
    profile = states.get("profiles", {}).get(PROFILE, {})
    regional = (
        profile.get("skillInfrastructure", {})
        .get(DEPLOYER, {})
        .get("deployState", {})
        .get("default", {})
    )
    deployed = {
        "skillId": profile.get("skillId"),
        "stackId": regional.get("stackId"),
        "bucket": regional.get("s3", {}).get("bucket"),
    }
    if not deployed["skillId"] or not deployed["stackId"]:
        raise PackageError(f"{states_path} holds no skill id or stack id yet")
    config = json.loads(config_path.read_text("utf-8")) if config_path.is_file() else {}
    config["deployed"] = deployed
    config_path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    return deployed


def restore_state(config: Mapping[str, Any], states_path: Path = ASK_STATES) -> bool:
    """Write a minimal ask-states.json from deploy.json when it is missing; True if written."""
    deployed = config.get("deployed") or {}
    if states_path.is_file() or not deployed.get("stackId"):
        return False
    regional: dict[str, Any] = {"stackId": deployed["stackId"]}
    if deployed.get("bucket"):
        regional["s3"] = {"bucket": deployed["bucket"], "key": "endpoint/build.zip"}
    states = {
        "askcliStatesVersion": "2020-03-31",
        "profiles": {
            PROFILE: {
                "skillId": deployed.get("skillId", ""),
                "skillInfrastructure": {DEPLOYER: {"deployState": {"default": regional}}},
            }
        },
    }
    states_path.parent.mkdir(parents=True, exist_ok=True)
    states_path.write_text(json.dumps(states, indent=2) + "\n", encoding="utf-8")
    return True


# --- the package ------------------------------------------------------------------------------


def make_package(
    out: Path = PACKAGE,
    config: Mapping[str, Any] | None = None,
    source: Path = SOURCE_MANIFEST,
    models: Path = MODELS,
) -> Path:
    sys.path.insert(0, str(INFRA))
    from icons import render_icons

    config = load_config() if config is None else config
    base = legal_base(config)
    src = json.loads(source.read_text("utf-8"))
    previous_path = out / "skill.json"
    previous = json.loads(previous_path.read_text("utf-8")) if previous_path.is_file() else None
    manifest = render_manifest(src, base, previous)
    locales = sorted(manifest["manifest"]["publishingInformation"]["locales"])
    missing = [loc for loc in locales if not (models / f"{loc}.json").is_file()]
    if missing:
        raise PackageError("no interaction model for: " + ", ".join(missing))
    out.mkdir(parents=True, exist_ok=True)
    model_dir = out / "interactionModels" / "custom"
    model_dir.mkdir(parents=True, exist_ok=True)
    for stale in model_dir.glob("*.json"):
        if stale.stem not in locales:
            stale.unlink()
    for locale in locales:
        (model_dir / f"{locale}.json").write_bytes((models / f"{locale}.json").read_bytes())
    render_icons(ICON_SOURCE, out / ICON_DIR, sizes=sorted(ICONS.values()))
    previous_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=PACKAGE, help="skill package folder to write")
    parser.add_argument(
        "--config", type=Path, default=DEPLOY_CONFIG, help="the deployment's values (deploy.json)"
    )
    parser.add_argument(
        "--site", type=Path, default=LEGAL_SITE, help="where to write the policy's pages"
    )
    parser.add_argument(
        "--record", action="store_true", help="copy the deployed ids into infra/deploy.json"
    )
    args = parser.parse_args(argv)
    try:
        if args.record:
            deployed = record_state()
            log(f"recorded {deployed['stackId']} in {DEPLOY_CONFIG.relative_to(REPO)}: commit it")
            return 0
        config = load_config(args.config)
        policy_values(config)  # refuse before writing anything
        out = make_package(args.out.resolve(), config)
        log(f"wrote {out}")
        locales = sorted(
            json.loads((out / "skill.json").read_text("utf-8"))["manifest"][
                "publishingInformation"
            ]["locales"]
        )
        site = legal_site(args.site.resolve(), config, locales)
        log(
            f"wrote {len(site)} policy pages under {args.site}: "
            f"publish them at {legal_base(config)}"
        )
        if restore_state(config):
            log(f"restored {ASK_STATES.relative_to(REPO)} from {DEPLOY_CONFIG.relative_to(REPO)}")
    except PackageError as exc:
        print(f"package: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
