import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from hrkit.core.sources import sources_from
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


_REMOVE = object()


def _edit(path: Path, keys: tuple, value: object = _REMOVE) -> None:
    """Rewrite a copied data file with one value set (or removed) at the path of keys."""
    document = yaml.safe_load(path.read_text())
    parent = document
    for key in keys[:-1]:
        parent = parent[key]
    if value is _REMOVE:
        del parent[keys[-1]]
    else:
        parent[keys[-1]] = value
    path.write_text(yaml.safe_dump(document, allow_unicode=True))


def test_every_data_file_passes_its_schema_and_cites_known_sources():
    loaded = load_catalogue()
    assert set(REQUIRED_SUBSTANCES) <= set(loaded.substances)
    assert len(load_guides()) >= 9


def test_a_claim_without_a_source_is_rejected(data_copy: Path):
    _edit(data_copy / "substances" / "heroin.yaml", ("risks", 0, "source"))
    with pytest.raises(DataError, match="heroin.yaml: risks/0: 'source' is a required property"):
        load_catalogue(data_copy)


def test_a_claim_citing_an_unlisted_source_is_rejected(data_copy: Path):
    _edit(data_copy / "substances" / "heroin.yaml", ("safer_use", 0, "source"), "a-blog-somewhere")
    with pytest.raises(DataError, match="a-blog-somewhere"):
        load_catalogue(data_copy)


def test_a_guide_step_without_a_source_is_rejected(data_copy: Path):
    _edit(data_copy / "guides" / "respond-opioid.yaml", ("sections", 0, "steps", 0, "source"))
    with pytest.raises(DataError, match="respond-opioid.yaml"):
        load_guides(data_copy / "guides")


def test_a_rule_without_a_source_is_rejected(data_copy: Path):
    _edit(data_copy / "rules.yaml", ("rules", 0, "sources"))
    with pytest.raises(DataError, match="rules.yaml"):
        load_catalogue(data_copy)


def test_a_substance_with_an_unknown_class_is_rejected(data_copy: Path):
    _edit(data_copy / "substances" / "caffeine.yaml", ("classes",), ["energy"])
    with pytest.raises(DataError, match="class 'energy'"):
        load_catalogue(data_copy)


def test_one_name_never_points_at_two_substances(data_copy: Path):
    _edit(data_copy / "substances" / "caffeine.yaml", ("synonyms",), ["Xanax"])
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
    _edit(path, ("questions", 0, "source"))
    with pytest.raises(DataError, match="quiz.yaml"):
        load_quiz(path)


def test_every_timing_range_runs_low_to_high_for_a_listed_route_and_cites_a_known_source():
    loaded = catalogue()
    timed = [s for s in loaded.substances.values() if s.timing]
    assert len(timed) >= 9
    for substance in timed:
        for timing in substance.timing:
            assert timing.route in substance.routes, substance.id
            assert timing.onset_minutes[0] <= timing.onset_minutes[1], substance.id
            assert timing.duration_hours[0] <= timing.duration_hours[1], substance.id
            assert timing.source in loaded.sources, substance.id


def test_a_timing_range_running_high_to_low_is_rejected(data_copy: Path):
    _edit(data_copy / "substances" / "kratom.yaml", ("timing", 0, "duration_hours"), [5, 2])
    with pytest.raises(DataError, match=r"kratom.yaml: timing/0: duration_hours \[5, 2\]"):
        load_catalogue(data_copy)


def test_a_timing_for_a_route_the_substance_does_not_list_is_rejected(data_copy: Path):
    _edit(data_copy / "substances" / "kratom.yaml", ("timing", 0, "route"), "injected")
    with pytest.raises(DataError, match="kratom.yaml: timing/0: route 'injected'"):
        load_catalogue(data_copy)


def test_confirmed_days_are_real_days_and_none_is_in_the_future():
    sources = catalogue().sources
    confirmed = [s for s in sources.values() if s.confirmed]
    assert confirmed, "the search confirmed some sources on 2026-12-01"
    assert all(s.confirmed <= date.today() for s in confirmed)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026-02-30", "confirmed must be a day"),
        ("01/12/2026", "does not match"),
        ("2999-01-01", "in the future"),
    ],
)
def test_a_bad_confirmed_day_is_rejected(data_copy: Path, value: str, message: str):
    _edit(data_copy / "sources.yaml", ("sources", "nida-heroin", "confirmed"), value)
    with pytest.raises(DataError, match=message):
        load_catalogue(data_copy)


def test_sources_read_a_confirmed_day_written_with_or_without_quotes():
    entry = {"publisher": "P", "title": "T", "url": "https://example.org/"}
    quoted = sources_from({"a": {**entry, "confirmed": "2026-12-01"}})["a"]
    unquoted = sources_from({"a": {**entry, "confirmed": date(2026, 12, 1)}})["a"]
    assert quoted.confirmed == unquoted.confirmed == date(2026, 12, 1)
    assert sources_from({"a": entry})["a"].confirmed is None
