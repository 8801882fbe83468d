"""Mixtures rated as what they hold, street names, one meaning per name, display names."""

import shutil
from pathlib import Path

import pytest
import yaml

from hrkit.saferuse.catalogue import DATA_DIR, DataError, catalogue, display_name, load_catalogue
from hrkit.saferuse.combinations import check_combination, read_name, resolve, split_names


def ids(substances) -> list[str]:  # type: ignore[no-untyped-def]
    return [s.id for s in substances]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("tranq dope", ["fentanyl", "xylazine"]),
        ("Tranq", ["fentanyl", "xylazine"]),
        ("speedball", ["heroin", "cocaine"]),
        ("goofball", ["heroin", "methamphetamine"]),
        ("benzo dope", ["fentanyl", "bromazolam"]),
        ("M30", ["fentanyl"]),
        ("blues", ["fentanyl"]),
        ("M box 30s", ["fentanyl"]),
        ("pressed oxys", ["fentanyl"]),
        ("pressed bars", ["bromazolam", "fentanyl"]),
        ("fake Xanax", ["bromazolam", "fentanyl"]),
        ("dope", ["fentanyl"]),
    ],
)
def test_a_mixture_name_stands_for_every_substance_in_it(typed: str, expected: list[str]):
    assert ids(resolve(typed)) == expected


def test_tranq_dope_with_xanax_is_dangerous_and_rates_the_pair_inside_the_mixture():
    result = check_combination(["tranq dope", "Xanax"])
    assert result.risk == "dangerous"
    assert ids(result.substances) == ["fentanyl", "xylazine", "alprazolam"]
    pairs = {(p.first.id, p.second.id): p.risk for p in result.pairs}
    assert pairs[("fentanyl", "xylazine")] == "dangerous"
    assert pairs[("xylazine", "alprazolam")] in ("unsafe", "dangerous")


def test_tranq_dope_alone_is_a_combination():
    assert check_combination(["tranq dope"]).risk == "dangerous"


def test_m30_with_alcohol_is_dangerous_and_says_the_pill_is_likely_fentanyl():
    result = check_combination(["M30", "alcohol"])
    assert result.risk == "dangerous"
    assert ids(result.substances) == ["fentanyl", "alcohol"]
    m30, alcohol = result.named
    assert m30.typed == "M30" and ids(m30.substances) == ["fentanyl"]
    assert m30.note is not None and "usually fentanyl" in m30.note.en
    assert "fentanilo" in m30.note.es
    assert m30.source == "dea-one-pill"
    assert alcohol.note is None and alcohol.source is None


def test_named_keeps_each_typed_name_in_order_and_substances_stay_distinct():
    result = check_combination(["tranq dope", "fent", " xanax "])
    assert [n.typed for n in result.named] == ["tranq dope", "fent", "xanax"]
    assert ids(result.substances) == ["fentanyl", "xylazine", "alprazolam"]
    assert result.typed_for(catalogue().substances["alprazolam"]) == "xanax"


def test_every_mixture_names_substances_with_a_source_and_a_note():
    data = catalogue()
    for mixture in data.mixtures.values():
        assert mixture.source in data.sources
        assert mixture.note.en and mixture.note.es
        assert all(s in data.substances for s in mixture.substances)


STREET_NAMES = [
    ("percs", "oxycodone"), ("perc", "oxycodone"), ("Percocet", "oxycodone"),
    ("roxies", "oxycodone"), ("xans", "alprazolam"), ("xan", "alprazolam"),
    ("bars", "alprazolam"), ("xanax bars", "alprazolam"), ("zannies", "alprazolam"),
    ("benzo", "benzodiazepines"), ("benzos", "benzodiazepines"), ("addy", "amphetamine"),
    ("Adderall", "amphetamine"), ("molly", "mdma"), ("mandy", "mdma"), ("e", "mdma"),
    ("x", "mdma"), ("K", "ketamine"), ("special k", "ketamine"), ("G", "ghb"),
    ("tina", "methamphetamine"), ("crystal", "methamphetamine"), ("ice", "methamphetamine"),
    ("glass", "methamphetamine"), ("crank", "methamphetamine"), ("crystal meth", "methamphetamine"),
    ("coke", "cocaine"), ("blow", "cocaine"), ("yayo", "cocaine"), ("crack cocaine", "cocaine"),
    ("H", "heroin"), ("boy", "heroin"), ("black tar", "heroin"), ("lean", "prescription-opioids"),
    ("purple drank", "prescription-opioids"), ("sizzurp", "prescription-opioids"),
    ("fenty", "fentanyl"), ("bud", "cannabis"), ("dabs", "cannabis"), ("tussin", "dxm"),
    ("triple c", "dxm"), ("shots", "alcohol"), ("rompun", "xylazine"),
]  # fmt: skip


@pytest.mark.parametrize(("typed", "substance_id"), STREET_NAMES)
def test_street_names_and_short_forms_resolve(typed: str, substance_id: str):
    assert ids(resolve(typed)) == [substance_id]


def test_no_name_means_two_things():
    data = catalogue()
    assert not set(data.names) & set(data.mixture_names)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def _add_synonym(data: Path, substance_id: str, name: str) -> None:
    path = data / "substances" / f"{substance_id}.yaml"
    document = yaml.safe_load(path.read_text())
    document["synonyms"].append(name)
    path.write_text(yaml.safe_dump(document, allow_unicode=True))


def test_the_loader_refuses_a_name_claimed_by_two_substances(data_copy: Path):
    _add_synonym(data_copy, "heroin", "xans")
    with pytest.raises(DataError, match="'xans' is used by"):
        load_catalogue(data_copy)


def test_the_loader_refuses_a_name_claimed_by_a_substance_and_a_mixture(data_copy: Path):
    _add_synonym(data_copy, "xylazine", "tranq dope")
    with pytest.raises(DataError, match="substance xylazine and mixture tranq-dope|mixture"):
        load_catalogue(data_copy)


def test_the_loader_refuses_a_mixture_of_unknown_substances(data_copy: Path):
    path = data_copy / "mixtures.yaml"
    document = yaml.safe_load(path.read_text())
    document["mixtures"]["speedball"]["substances"] = ["heroin", "cocaine-typo"]
    path.write_text(yaml.safe_dump(document, allow_unicode=True))
    with pytest.raises(DataError, match="cocaine-typo"):
        load_catalogue(data_copy)


def test_the_loader_refuses_a_mixture_without_a_known_source(data_copy: Path):
    path = data_copy / "mixtures.yaml"
    document = yaml.safe_load(path.read_text())
    document["mixtures"]["speedball"]["source"] = "nobody-2099"
    path.write_text(yaml.safe_dump(document, allow_unicode=True))
    with pytest.raises(DataError, match="nobody-2099"):
        load_catalogue(data_copy)


@pytest.mark.parametrize(
    ("typed", "language", "shown"),
    [
        ("xanax", "en", "Xanax (alprazolam)"),
        ("XANAX", "es", "Xanax (alprazolam)"),
        ("alprazolam", "en", "Alprazolam"),
        ("fent", "en", "fent (fentanyl)"),
        ("fent", "es", "fent (fentanilo)"),
        ("heroína", "en", "Heroin"),
        ("heroin", "es", "Heroína"),
        ("acid", "en", "acid (LSD)"),
        ("percs", "en", "percs (oxycodone)"),
        ("", "en", "Fentanyl and fentanyl analogues"),
        (None, "es", "Cocaína y crack"),
    ],
)
def test_display_name_of_one_substance(typed: str | None, language: str, shown: str):
    data = catalogue()
    if typed:
        (substance,) = resolve(typed)
    else:
        substance = data.substances["fentanyl" if language == "en" else "cocaine"]
    assert display_name(substance, typed, language) == shown


@pytest.mark.parametrize(
    ("typed", "language", "shown"),
    [
        ("tranq dope", "en", "tranq dope (fentanyl + xylazine)"),
        ("TRANQ  DOPE", "es", "tranq dope (fentanilo + xilacina)"),
        ("m30", "en", "M30 (fentanyl)"),
        ("speedball", "en", "speedball (heroin + cocaine)"),
    ],
)
def test_display_name_of_a_mixture(typed: str, language: str, shown: str):
    named = read_name(typed)
    assert named is not None
    assert display_name(named.substances, named.typed, language) == shown


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("fentanyl,xanax", ["fentanyl", "xanax"]),
        ("fentanyl xanax", ["fentanyl", "xanax"]),
        ("fentanyl, xanax", ["fentanyl", "xanax"]),
        ("tranq dope xanax", ["tranq dope", "xanax"]),
        ("special k alcohol", ["special k", "alcohol"]),
        ("alcohol special k", ["alcohol", "special k"]),
        ("purple drank, M box 30s beer", ["purple drank", "M box 30s", "beer"]),
        ("blorp heroin", ["blorp", "heroin"]),
        (" , ,", []),
    ],
)
def test_a_typed_line_splits_on_commas_and_spaces_longest_name_first(line: str, names: list):
    assert split_names(line) == names
