"""The privacy policy and terms (docs/legal/) as published for each locale: the numbers they
state are the deployed ones, each locale gets its own section, and what they tell people to say
is something the skill understands."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import ModuleType

import pytest

from devtools.models import LOCALES
from skill.config import DEFAULTS
from tests.support.conversation import resolver
from tests.support.legal import LEGAL_BASE
from tests.support.template_schema import load_template

ROOT = Path(__file__).resolve().parents[2]
CONFIG = {
    "legalBaseUrl": LEGAL_BASE,
    "operator": "Steady Heart Coaching Ltd",
    "contact": "privacy@steadyheart-coach.org",
}
SECTION = {
    "en-US": "United States",
    "en-GB": "United Kingdom",
    "en-CA": "Canada",
    "en-AU": "Australia",
    "en-IN": "India",
}
LAW = {
    "en-GB": "UK GDPR",
    "en-CA": "PIPEDA",
    "en-AU": "Privacy Act",
    "en-IN": "Digital Personal Data Protection Act",
    "en-US": "California",
}


@pytest.fixture(scope="module")
def site(package_module: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("legal")
    package_module.legal_site(out, CONFIG, sorted(LOCALES))
    return out


def _text(site: Path, locale: str, page: str) -> str:
    raw = (site / locale.lower() / page / "index.html").read_text("utf-8")
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", raw)).replace("&quot;", '"')


@pytest.mark.parametrize("locale", sorted(LOCALES))
@pytest.mark.parametrize("page", ["privacy", "terms"])
def test_each_locale_has_its_own_section_and_no_other(site: Path, locale: str, page: str) -> None:
    raw = (site / locale.lower() / page / "index.html").read_text("utf-8")
    headings = re.findall(r"<h3>([^<]+)</h3>", raw)
    assert headings == [SECTION[locale]]
    text = _text(site, locale, page)
    assert CONFIG["contact"] in text
    assert "{" not in text


@pytest.mark.parametrize("locale", sorted(LOCALES))
def test_the_policy_states_the_deployed_numbers(site: Path, locale: str) -> None:
    text = _text(site, locale, "privacy")
    template = load_template()
    resources = json.loads((ROOT / "infra/ask-resources.json").read_text("utf-8"))
    user = resources["profiles"]["default"]["skillInfrastructure"]["userConfig"]
    retention = user["cfn"]["parameters"].get(
        "RetentionDays", template["Parameters"]["RetentionDays"]["Default"]
    )
    assert str(retention) == DEFAULTS["STEADYHEART_RETENTION_DAYS"]
    assert f"after {retention} days" in text
    pitr = template["Resources"]["StateTable"]["Properties"]["PointInTimeRecoverySpecification"]
    assert f"for {pitr['RecoveryPeriodInDays']} days" in text
    assert user["awsRegion"] in text
    assert LAW[locale] in text


def test_what_the_policy_says_to_say_deletes_in_every_locale(site: Path) -> None:
    text = _text(site, "en-US", "privacy")
    asks = re.findall(r'"Alexa, ask Steady Heart to ([^"]+?)"', text)
    asks += re.findall(r'"\.\.\. to ([^"]+?)"', text)
    assert {"forget me", "delete my data"} <= set(asks)
    for locale in sorted(LOCALES):
        for ask in asks:
            found = resolver(locale).resolve(ask).intent
            assert found["name"] == "DeleteDataIntent", (locale, ask, found["name"])


@pytest.mark.parametrize(
    "config",
    [
        {**CONFIG, "contact": ""},
        {**CONFIG, "operator": ""},
        {**CONFIG, "contact": "privacy@steadyheart.example"},
        {**CONFIG, "contact": "https://example.com/contact"},
    ],
)
def test_the_site_is_refused_without_a_real_contact(
    package_module: ModuleType, tmp_path: Path, config: dict[str, str]
) -> None:
    with pytest.raises(package_module.PackageError):
        package_module.legal_site(tmp_path, config, ["en-US"])
