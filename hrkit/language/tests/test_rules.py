"""The rule data: valid, sourced, and each rule really finds its forms."""

from pathlib import Path

import pytest
import yaml

from hrkit.language.rules import RULE_FILES, RULES_DIR, RuleDataError, default_rules, load_rules


def test_every_rule_has_a_source_suggestions_and_both_languages_of_why():
    rules = default_rules()
    assert len(rules.rules) >= 20
    for rule in rules.rules:
        assert rule.sources, rule.id
        assert all(s.url.startswith("https://") for s in rule.sources), rule.id
        assert rule.suggestions, rule.id
        assert rule.why["en"] and rule.why["es"], rule.id


def test_the_guidance_terms_the_issue_names_are_covered():
    rules = default_rules()
    phrases = {" ".join(f.tokens).lower() for rule in rules.rules for f in rule.forms}
    for phrase in [
        "addict", "drug addict", "heroin addict", "former addict", "recovering addict", "junkie",
        "druggie", "crackhead", "drug abuser", "substance abuse", "drug abuse", "opioid abuse",
        "drug user", "alcoholic", "tested clean", "dirty urine", "born addicted",
        "medication assisted treatment", "relapse", "legitimate pain patients",
    ]:  # fmt: skip
        assert phrase in phrases, phrase


@pytest.mark.parametrize("rule_id", [r.id for r in default_rules().rules])
def test_each_rule_finds_its_first_form(rule_id):
    from hrkit.language.services import check_text

    rule = default_rules().by_id(rule_id)
    form = next(f for f in rule.forms if f.literal)
    sentence = f"Here is {' '.join(form.tokens)} in a line."
    found = check_text(sentence)
    assert [f.rule.id for f in found] == [rule_id], sentence


def _copy_rules(tmp_path: Path) -> Path:
    for path in RULES_DIR.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    return tmp_path


def test_a_rule_without_a_source_is_refused(tmp_path):
    directory = _copy_rules(tmp_path)
    data = yaml.safe_load((directory / "people.yaml").read_text())
    data["rules"][0]["sources"] = []
    (directory / "people.yaml").write_text(yaml.safe_dump(data))
    with pytest.raises(RuleDataError, match="people.yaml: rules/0/sources"):
        load_rules(directory, RULE_FILES)


def test_a_source_key_that_does_not_exist_is_refused(tmp_path):
    directory = _copy_rules(tmp_path)
    data = yaml.safe_load((directory / "people.yaml").read_text())
    data["rules"][0]["sources"] = ["somebody-said-so"]
    (directory / "people.yaml").write_text(yaml.safe_dump(data))
    with pytest.raises(RuleDataError, match="unknown source 'somebody-said-so'"):
        load_rules(directory, RULE_FILES)


def test_one_phrase_in_two_rules_is_refused(tmp_path):
    directory = _copy_rules(tmp_path)
    data = yaml.safe_load((directory / "narratives.yaml").read_text())
    data["rules"][0]["forms"]["junkie"] = None
    (directory / "narratives.yaml").write_text(yaml.safe_dump(data))
    with pytest.raises(RuleDataError, match="already belongs to slang-label"):
        load_rules(directory, RULE_FILES)
