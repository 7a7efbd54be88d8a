"""The safety rule data (skill/language/safety/rules/*.yaml): every file loads and compiles,
every example a rule gives is caught by that rule, and a malformed rule fails at load with a
message that names the file, the rule and the problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from skill.language.safety import engine, rules
from skill.language.safety.rules import RULES_DIR, RuleError


def test_every_rule_file_loads_and_compiles() -> None:
    rule_set = engine.check_rules()
    files = {p.name for p in RULES_DIR.glob("[0-9][0-9]-*.yaml")}
    assert files, "no rule files found"
    assert {r.where.split(",")[0] for r in rule_set.rules} | {
        c.where.split(",")[0] for c in rule_set.second_look
    } == files
    assert {r.category for r in rule_set.rules} == rules.CATEGORIES
    # The engine's tables are built from the same data, in the same order.
    assert len(engine._ALL_BRANCHES) == sum(len(r.patterns) for r in rule_set.rules)


def test_loading_compiles_nothing() -> None:
    # Cold start: reading the data must not compile the patterns; the first screen does.
    rule_set = rules.load()
    assert all(isinstance(p, str) for r in rule_set.rules for p in r.patterns)


def test_every_rule_has_examples() -> None:
    missing = [r.where for r in rules.load().rules if not r.examples]
    assert not missing, f"add an 'examples' phrase to: {missing}"


@pytest.mark.parametrize("rule", rules.load().rules, ids=lambda r: r.where)
def test_rule_examples_are_caught_by_that_rule(rule: rules.Rule) -> None:
    index = rules.load().rules.index(rule)
    own = [b for b in engine._ALL_BRANCHES if b.rule == index]
    for example in rule.examples:
        finding = engine.screen(example)
        assert finding is not None, f"{rule.where}: {example!r} is not caught at all"
        assert finding.category == rule.category, (rule.where, example, finding.category)
        assert engine._scan(engine.normalise(example), lambda _: own) == rule.category, (
            f"{rule.where}: {example!r} is caught, but not by this rule"
        )


@pytest.mark.parametrize("concept", rules.load().second_look, ids=lambda c: c.where)
def test_second_look_examples_are_caught_by_that_pattern(concept: rules.ConceptRule) -> None:
    regex = engine._build_second_look(rules.RuleSet((), (concept,), {}))[0][1]
    for example in concept.examples:
        finding = engine.screen(example)
        assert finding is not None, f"{concept.where}: {example!r} is not caught at all"
        assert finding.category == concept.category, (concept.where, example)
        assert regex.search(engine.normalise(example)), f"{concept.where}: {example!r}"


# --- malformed data ----------------------------------------------------------------------------


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR, target)
    return target


def _write_rule(folder: Path, body: str, name: str = "80-new.yaml") -> None:
    (folder / name).write_text(body, encoding="utf-8")


GOOD = """category: abuse
rules:
  - about: a new rule
    examples: ['he hides my keys']
    patterns:
      - '<P> hides my keys\\b'
"""


def test_a_new_rule_is_a_data_edit(folder: Path) -> None:
    _write_rule(folder, GOOD)
    rule_set = engine.check_rules(folder)
    assert rule_set.rules[-1].about == "a new rule"
    assert rule_set.rules[-1].patterns[0].startswith("(?:he|she|they")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ("<P> hides", "<PARTNR> hides"),
            "80-new.yaml, rule 1 (a new rule), pattern 1: unknown placeholder <PARTNR>",
        ),
        (
            ("keys\\b'", "keys(\\b'"),
            "80-new.yaml, rule 1 (a new rule), pattern 1: not a valid regular expression",
        ),
        (("<P> hides", "<P> won''t hide"), "pattern 1: patterns read text without apostrophes"),
        (("<P> hides", "He hides"), "pattern 1: patterns read lowercase text"),
        (("category: abuse", "category: bullying"), "80-new.yaml: category 'bullying' is not"),
        (("    examples:", "    exampels:"), "80-new.yaml, rule 1: unknown key(s) ['exampels']"),
        (
            ("  - about: a new rule\n", "  - negatable: true\n"),
            "80-new.yaml, rule 1: every rule needs an 'about'",
        ),
        (("<P> hides", "<P> (?P<who>hides)"), "group name 'who'"),
        (("<P> hides my keys\\b", "hides|<P> hides"), "one alternative per item"),
        (("patterns:\n      - '<P> hides my keys\\b'", "patterns: []"), "must be a non-empty list"),
        (("examples: ['he hides my keys']", "examples: ['he hides my keys'"), "not valid YAML"),
    ],
)
def test_a_malformed_rule_fails_at_load_with_a_clear_message(
    folder: Path, change: tuple[str, str], message: str
) -> None:
    old, new = change
    assert old in GOOD
    _write_rule(folder, GOOD.replace(old, new))
    with pytest.raises(RuleError) as caught:
        engine.check_rules(folder)
    assert message in str(caught.value)


def test_a_rule_file_must_be_numbered(folder: Path) -> None:
    _write_rule(folder, GOOD, name="new.yaml")
    with pytest.raises(RuleError, match=r"new\.yaml: rule files are named NN-name\.yaml"):
        rules.load(folder)


def test_canonical_words_must_be_normalised(folder: Path) -> None:
    words = folder / "words.yaml"
    words.write_text(words.read_text(encoding="utf-8") + "  - Um-Hm\n", encoding="utf-8")
    with pytest.raises(RuleError, match=r"words\.yaml: 'Um-Hm' is not normalised text"):
        rules.load(folder)
