import shutil
from pathlib import Path

import pytest
import yaml

from hrkit.saferuse.catalogue import DATA_DIR, DataError, catalogue, load_catalogue
from hrkit.saferuse.guides import load_guides

REQUIRED_SUBSTANCES = [
    "fentanyl", "carfentanil", "nitazenes", "heroin", "oxycodone", "prescription-opioids",
    "methadone", "buprenorphine", "tramadol", "xylazine", "medetomidine", "alprazolam",
    "benzodiazepines", "bromazolam", "alcohol", "ghb", "gabapentin", "pregabalin", "cocaine",
    "methamphetamine", "amphetamine", "mdma", "ketamine", "dxm", "cannabis", "lsd",
    "psilocybin", "kratom", "modafinil", "ssri-snri", "maoi", "lithium", "caffeine",
    "nitrous-oxide",
]  # fmt: skip


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def test_every_data_file_passes_its_schema_and_cites_known_sources():
    loaded = load_catalogue()
    assert set(REQUIRED_SUBSTANCES) <= set(loaded.substances)
    assert len(load_guides()) >= 9


def test_a_claim_without_a_source_is_rejected(data_copy: Path):
    path = data_copy / "substances" / "heroin.yaml"
    document = yaml.safe_load(path.read_text())
    del document["risks"][0]["source"]
    path.write_text(yaml.safe_dump(document, allow_unicode=True))
    with pytest.raises(DataError, match="heroin.yaml: risks/0: 'source' is a required property"):
        load_catalogue(data_copy)


def test_a_claim_citing_an_unlisted_source_is_rejected(data_copy: Path):
    path = data_copy / "substances" / "heroin.yaml"
    document = yaml.safe_load(path.read_text())
    document["safer_use"][0]["source"] = "a-blog-somewhere"
    path.write_text(yaml.safe_dump(document, allow_unicode=True))
    with pytest.raises(DataError, match="a-blog-somewhere"):
        load_catalogue(data_copy)


def test_a_guide_step_without_a_source_is_rejected(data_copy: Path):
    path = data_copy / "guides" / "respond-opioid.yaml"
    document = yaml.safe_load(path.read_text())
    del document["sections"][0]["steps"][0]["source"]
    path.write_text(yaml.safe_dump(document, allow_unicode=True))
    with pytest.raises(DataError, match="respond-opioid.yaml"):
        load_guides(data_copy / "guides")


def test_a_rule_without_a_source_is_rejected(data_copy: Path):
    path = data_copy / "rules.yaml"
    document = yaml.safe_load(path.read_text())
    del document["rules"][0]["source"]
    path.write_text(yaml.safe_dump(document, allow_unicode=True))
    with pytest.raises(DataError, match="rules.yaml"):
        load_catalogue(data_copy)


def test_a_substance_with_an_unknown_class_is_rejected(data_copy: Path):
    path = data_copy / "substances" / "caffeine.yaml"
    document = yaml.safe_load(path.read_text())
    document["classes"] = ["energy"]
    path.write_text(yaml.safe_dump(document, allow_unicode=True))
    with pytest.raises(DataError, match="class 'energy'"):
        load_catalogue(data_copy)


def test_one_name_never_points_at_two_substances(data_copy: Path):
    path = data_copy / "substances" / "caffeine.yaml"
    document = yaml.safe_load(path.read_text())
    document["synonyms"].append("Xanax")
    path.write_text(yaml.safe_dump(document, allow_unicode=True))
    with pytest.raises(DataError, match="(?i)xanax"):
        load_catalogue(data_copy)


def test_every_substance_and_guide_has_spanish_text():
    for substance in catalogue().substances.values():
        assert substance.name.es
        assert all(claim.text.es != claim.text.en for claim in substance.risks)


def test_quiz_answers_are_choices_and_each_cites_a_source(data_copy: Path):
    from hrkit.saferuse.training import load_quiz

    assert len(load_quiz().questions) >= 8
    path = data_copy / "quiz.yaml"
    document = yaml.safe_load(path.read_text())
    del document["questions"][0]["source"]
    path.write_text(yaml.safe_dump(document, allow_unicode=True))
    with pytest.raises(DataError, match="quiz.yaml"):
        load_quiz(path)
