"""The taxonomy file is complete, and loading it is idempotent."""

import pytest

from hrkit.directory.models import TaxonomyTerm
from hrkit.directory.taxonomy import (
    load_taxonomy,
    read_taxonomy_file,
    term_hsds_id,
    terms_by_code,
    terms_by_taxonomy,
)

# The shared vocabulary every part of the directory relies on.
EXPECTED_CODES = {
    "hrkit-service-type": {
        "naloxone", "syringe-services", "sharps-disposal", "fentanyl-test-strips",
        "xylazine-test-strips", "drug-checking", "safer-smoking-supplies", "wound-care",
        "buprenorphine", "methadone", "other-moud", "hiv-testing", "hepatitis-c", "prep-pep",
        "vaccination", "drop-in-centre", "overdose-prevention-site", "peer-support", "housing",
        "food", "mental-health", "mail-based-delivery", "vending-machine", "telehealth",
        "hotline", "online-support-group",
    },
    "hrkit-low-barrier": {"no-id-needed", "anonymous", "no-insurance-needed", "wheelchair-access"},
    "hrkit-cost": {"free", "sliding-scale", "insurance-accepted", "donation"},
    "hrkit-audience": {"adults", "youth", "families", "women", "lgbtq"},
    "hrkit-access": {"walk-in", "appointment", "open-24-7", "peer-run"},
}  # fmt: skip

STIGMATIZING_WORDS = {"addict", "abuser", "abuse", "clean", "dirty", "junkie"}


def test_file_holds_exactly_the_shared_vocabulary() -> None:
    specs = read_taxonomy_file()
    found: dict[str, set[str]] = {}
    for spec in specs:
        found.setdefault(spec.taxonomy, set()).add(spec.code)
    assert found == EXPECTED_CODES


def test_every_term_has_spanish_name_and_description() -> None:
    for spec in read_taxonomy_file():
        assert spec.translations.get("es"), spec.code
        assert spec.description, spec.code


def test_wording_is_person_first() -> None:
    for spec in read_taxonomy_file():
        text = " ".join([spec.name, spec.description, *spec.translations.values()]).lower()
        words = {word.strip(".,()") for word in text.split()}
        assert not words & STIGMATIZING_WORDS, spec.code


def test_service_types_that_state_health_facts_cite_a_source() -> None:
    by_code = {spec.code: spec for spec in read_taxonomy_file()}
    for code in ["naloxone", "buprenorphine", "methadone", "fentanyl-test-strips", "prep-pep"]:
        assert by_code[code].source.split(" — ")[1].startswith("https://"), code


@pytest.mark.django_db
def test_load_creates_every_term_with_translations() -> None:
    result = load_taxonomy()
    assert result.created == sum(len(codes) for codes in EXPECTED_CODES.values())
    assert result.updated == 0
    naloxone = TaxonomyTerm.objects.get(code="naloxone")
    assert naloxone.taxonomy == "hrkit-service-type"
    assert naloxone.name_in("es") == "Naloxona"
    assert naloxone.hsds_id == term_hsds_id("naloxone")
    for term in TaxonomyTerm.objects.all():
        assert term.translations["es"], term.code


@pytest.mark.django_db
def test_load_is_idempotent_and_repairs_edited_rows() -> None:
    load_taxonomy()
    TaxonomyTerm.objects.filter(code="hotline").update(name="Edited by hand", sort_order=99)
    before = TaxonomyTerm.objects.count()
    again = load_taxonomy()
    assert TaxonomyTerm.objects.count() == before
    assert again.created == 0
    assert again.updated == before
    hotline = TaxonomyTerm.objects.get(code="hotline")
    assert hotline.name == "Hotline"
    assert hotline.sort_order != 99


@pytest.mark.django_db
def test_load_keeps_a_term_created_elsewhere_under_its_own_id() -> None:
    TaxonomyTerm.objects.create(
        code="naloxone", name="Old name", taxonomy="hrkit-service-type", hsds_id="imported-1"
    )
    load_taxonomy()
    term = TaxonomyTerm.objects.get(code="naloxone")
    assert term.hsds_id == "imported-1"
    assert term.name == "Naloxone"


@pytest.mark.django_db
def test_terms_grouped_in_file_order() -> None:
    load_taxonomy()
    grouped = terms_by_taxonomy()
    assert [term.code for term in grouped["hrkit-cost"]] == [
        "free",
        "sliding-scale",
        "insurance-accepted",
        "donation",
    ]
    assert set(grouped) >= set(EXPECTED_CODES)
    assert terms_by_code()["lgbtq"].taxonomy == "hrkit-audience"
