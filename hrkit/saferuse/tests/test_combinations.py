from itertools import combinations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hrkit.core.errors import ApiError
from hrkit.saferuse.catalogue import catalogue
from hrkit.saferuse.combinations import LEVELS, check_combination, rate_pair, resolve

SUBSTANCE_IDS = sorted(catalogue().substances)


@given(st.sampled_from(SUBSTANCE_IDS), st.sampled_from(SUBSTANCE_IDS))
def test_rating_is_the_same_in_either_order(first_id: str, second_id: str):
    data = catalogue()
    first, second = data.substances[first_id], data.substances[second_id]
    forward, backward = rate_pair(first, second), rate_pair(second, first)
    assert forward.risk == backward.risk
    assert forward.findings == backward.findings


@given(st.lists(st.sampled_from(SUBSTANCE_IDS), min_size=2, max_size=5, unique=True))
def test_overall_level_is_the_worst_pair_whatever_the_order(ids: list[str]):
    result = check_combination(ids)
    reversed_result = check_combination(list(reversed(ids)))
    assert result.risk == reversed_result.risk
    assert LEVELS.index(result.risk) == max(LEVELS.index(p.risk) for p in result.pairs)
    assert len(result.pairs) == len(ids) * (len(ids) - 1) // 2


def test_two_breathing_depressants_are_never_rated_below_unsafe():
    data = catalogue()
    depressants = [s for s in data.substances.values() if data.breathing_depressant(s)]
    assert len(depressants) >= 15
    for first, second in combinations(depressants, 2):
        risk = rate_pair(first, second).risk
        assert LEVELS.index(risk) >= LEVELS.index("unsafe"), (first.id, second.id, risk)


# Each row: two names as a person might type them, the expected level, and the
# source (key in sources.yaml) whose guidance the level follows.
CITED_PAIRS = [
    ("oxycodone", "Xanax", "dangerous", "fda-opioid-benzo-2016"),
    ("heroin", "valium", "dangerous", "fda-opioid-benzo-2016"),
    ("fentanyl", "bromazolam", "dangerous", "fda-opioid-benzo-2016"),
    ("methadone", "klonopin", "dangerous", "fda-opioid-benzo-2016"),
    ("heroin", "beer", "dangerous", "niaaa-interactions"),
    ("fent", "alcohol", "dangerous", "niaaa-interactions"),
    ("oxycontin", "wine", "dangerous", "niaaa-interactions"),
    ("xanax", "alcohol", "dangerous", "niaaa-interactions"),
    ("ativan", "booze", "dangerous", "niaaa-interactions"),
    ("gabapentin", "heroin", "dangerous", "gomes-2017"),
    ("lyrica", "oxycodone", "dangerous", "gomes-2017"),
    ("gabapentin", "xanax", "unsafe", "fda-gabapentinoids-2019"),
    ("pregabalin", "alcohol", "unsafe", "fda-gabapentinoids-2019"),
    ("gabapentin", "pregabalin", "unsafe", "fda-gabapentinoids-2019"),
    ("tranq", "fentanyl", "dangerous", "nida-xylazine"),
    ("medetomidine", "heroin", "dangerous", "nida-xylazine"),
    ("GHB", "alcohol", "dangerous", "tripsit-combos"),
    ("g", "xanax", "dangerous", "tripsit-combos"),
    ("ghb", "heroin", "dangerous", "tripsit-combos"),
    ("heroin", "fentanyl", "dangerous", "who-opioid-overdose"),
    ("methadone", "oxycodone", "dangerous", "who-opioid-overdose"),
    ("kratom", "heroin", "dangerous", "who-opioid-overdose"),
    ("suboxone", "fentanyl", "dangerous", "samhsa-tip63"),
    ("cocaine", "heroin", "dangerous", "tripsit-combos"),
    ("meth", "fentanyl", "dangerous", "cdc-fentanyl"),
    ("cocaine", "alcohol", "unsafe", "pennings-2002"),
    ("meth", "cocaine", "unsafe", "nida-methamphetamine"),
    ("adderall", "meth", "unsafe", "nida-methamphetamine"),
    ("molly", "cocaine", "unsafe", "nida-methamphetamine"),
    ("caffeine", "cocaine", "caution", "tripsit-combos"),
    ("red bull", "adderall", "caution", "tripsit-combos"),
    ("molly", "beer", "caution", "tripsit-combos"),
    ("adderall", "xanax", "caution", "tripsit-combos"),
    ("molly", "prozac", "unsafe", "tripsit-combos"),
    ("tramadol", "zoloft", "dangerous", "boyer-2005"),
    ("dxm", "sertraline", "dangerous", "boyer-2005"),
    ("nardil", "molly", "dangerous", "boyer-2005"),
    ("parnate", "dxm", "dangerous", "boyer-2005"),
    ("phenelzine", "tramadol", "dangerous", "boyer-2005"),
    ("maoi", "cocaine", "dangerous", "flockhart-2012"),
    ("selegiline", "adderall", "dangerous", "flockhart-2012"),
    ("coffee", "nardil", "caution", "flockhart-2012"),
    ("LSD", "lithium", "dangerous", "nayak-2021"),
    ("shrooms", "lithium", "dangerous", "nayak-2021"),
    ("acid", "shrooms", "low_risk", "tripsit-combos"),
    ("ketamine", "alcohol", "dangerous", "tripsit-combos"),
    ("ketamine", "heroin", "dangerous", "tripsit-combos"),
    ("ketamine", "xanax", "unsafe", "tripsit-combos"),
    ("dxm", "beer", "dangerous", "tripsit-combos"),
    ("weed", "acid", "caution", "tripsit-combos"),
    ("oxycodone", "prozac", "caution", "fda-opioid-serotonin-2016"),
]


def test_the_table_has_at_least_forty_pairs():
    assert len(CITED_PAIRS) >= 40


@pytest.mark.parametrize(("first", "second", "expected", "source"), CITED_PAIRS)
def test_pair_matches_cited_guidance(first: str, second: str, expected: str, source: str):
    result = check_combination([first, second])
    assert result.risk == expected
    assert source in result.pairs[0].sources


@pytest.mark.parametrize(
    ("typed", "substance_id"),
    [
        ("Xanax", "alprazolam"),
        ("Molly", "mdma"),
        ("rompun", "xylazine"),
        ("  SUBOXONE ", "buprenorphine"),
        ("cocaína", "cocaine"),
        ("cocaina", "cocaine"),
        ("whippets", "nitrous-oxide"),
        ("Zoloft", "ssri-snri"),
        ("crack", "cocaine"),
        ("isotonitazene", "nitazenes"),
    ],
)
def test_synonyms_resolve(typed: str, substance_id: str):
    assert [s.id for s in resolve(typed)] == [substance_id]


def test_unknown_name_is_an_error_with_close_matches_never_a_guess():
    with pytest.raises(ApiError) as problem:
        check_combination(["xanaxx", "heroin"])
    assert problem.value.code == "unknown_substance"
    assert problem.value.fields[0].field == "substances"
    assert "Xanax" in problem.value.message


def test_nonsense_name_gets_no_suggestion():
    with pytest.raises(ApiError) as problem:
        check_combination(["qqqqzzzz", "heroin"])
    assert "Did you mean" not in problem.value.message


def test_one_substance_named_twice_is_not_a_combination():
    with pytest.raises(ApiError) as problem:
        check_combination(["xanax", "alprazolam"])
    assert "at least two different" in problem.value.message


def test_three_substances_rate_every_pair_and_take_the_worst():
    result = check_combination(["cannabis", "lsd", "heroin"])
    assert [(p.first.id, p.second.id) for p in result.pairs] == [
        ("cannabis", "lsd"),
        ("cannabis", "heroin"),
        ("lsd", "heroin"),
    ]
    assert result.risk == "caution"
    result = check_combination(["cannabis", "xanax", "heroin"])
    assert result.risk == "dangerous"
    assert [(p.first.id, p.second.id) for p in result.worst_pairs] == [("alprazolam", "heroin")]


def test_a_new_substance_needs_only_its_classes(monkeypatch):
    data = catalogue()
    heroin = data.substances["heroin"]
    from dataclasses import replace

    new_opioid = replace(heroin, id="brand-new-opioid")
    monkeypatch.setitem(data.substances, "brand-new-opioid", new_opioid)
    assert rate_pair(new_opioid, data.substances["alprazolam"]).risk == "dangerous"
