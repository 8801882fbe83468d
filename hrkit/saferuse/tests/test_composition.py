"""Every answer reads as one person wrote it: no sentence twice, no fragment,
advice each once, and only sources of the rules that explain the answer."""

import random
import re
from itertools import combinations

import pytest

from hrkit.saferuse.catalogue import catalogue
from hrkit.saferuse.combinations import (
    CombinationResult,
    _class_findings,
    _override_for,
    rate_pair,
)
from hrkit.saferuse.presenters import combination_as_dict

SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def _all_pairs() -> list[tuple[str, str]]:
    return list(combinations(sorted(catalogue().substances), 2))


def _triples(count: int) -> list[tuple[str, str, str]]:
    every = list(combinations(sorted(catalogue().substances), 3))
    return random.Random(11).sample(every, count)


def _result(ids: tuple[str, ...]) -> CombinationResult:
    data = catalogue()
    substances = tuple(data.substances[i] for i in ids)
    pairs = tuple(rate_pair(a, b) for a, b in combinations(substances, 2))
    return CombinationResult(substances, pairs)


def _sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text.strip()) if s]


def _assert_reads_well(report: dict) -> None:
    texts = [report["risk_meaning"], report["reason"], *report["advice"]]
    texts += [pair["reason"] for pair in report["pairs"]]
    texts += [why["reason"] for why in report["explanations"]]
    for text in texts:
        for sentence in _sentences(text):
            assert sentence[0].isupper() or sentence[0] in "¿¡", f"fragment: {sentence!r}"
            assert sentence[-1] in ".!?", f"fragment: {sentence!r}"
    # What one person reads: the overall explanation, one per pair, the advice.
    shown = [report["risk_meaning"], *report["advice"]]
    if len(report["pairs"]) > 1:
        shown += [why["reason"] for why in report["explanations"]]
    else:
        shown.append(report["reason"])
    said = [s.lower() for text in shown for s in _sentences(text)]
    assert len(said) == len(set(said)), f"a sentence repeats: {said}"
    assert len(report["advice"]) == len(set(report["advice"]))
    urls = [source["url"] for source in report["sources"]]
    assert len(urls) == len(set(urls)), "a source is listed twice"
    for pair in report["pairs"]:
        said = [s.lower() for s in _sentences(pair["reason"])]
        assert len(said) == len(set(said)), pair["reason"]


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_pair_reads_as_one_answer(language):
    for ids in _all_pairs():
        _assert_reads_well(combination_as_dict(_result(ids), language))


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_sample_of_triples_reads_as_one_answer(language):
    for ids in _triples(300):
        _assert_reads_well(combination_as_dict(_result(ids), language))


def test_every_shown_source_belongs_to_a_rule_that_fired_for_that_pair():
    data = catalogue()
    default = tuple(data.rules["default"]["sources"])
    for first_id, second_id in _all_pairs():
        first, second = data.substances[first_id], data.substances[second_id]
        override = _override_for(first, second, data)
        fired = [override] if override else _class_findings(first, second)
        supported = {key for f in fired for key in f.sources} or set(default)
        pair = rate_pair(first, second)
        assert set(pair.sources) <= supported, (first_id, second_id, pair.sources)
        assert len(pair.sources) == len(set(pair.sources))
        # One explanation per mechanism.
        mechanisms = [f.mechanism for f in pair.findings]
        assert len(mechanisms) == len(set(mechanisms))


def test_what_was_seen_in_the_review_is_gone():
    def report(*names: str) -> dict:
        return combination_as_dict(_result(names), "en")

    ketamine = report("alcohol", "ketamine")
    assert ketamine["advice"] == [
        "Do not mix these.",
        "If someone cannot stay awake, put them on their side and call 911.",
    ]
    assert [s["publisher"] for s in ketamine["sources"]] == ["TripSit"]
    heroin = report("heroin", "alcohol")
    assert not {"Avoid this mix.", "Do not mix these."} <= set(heroin["advice"])
    fentanyl_xanax = report("fentanyl", "alprazolam")
    assert "gabapentin" not in str(fentanyl_xanax["sources"]).lower()
    four = report("xylazine", "heroin", "alprazolam", "alcohol")
    assert str(four["sources"]).lower().count("gabapentin") == 0
    meth = report("methamphetamine", "heroin")
    assert "Cocaine" not in str(meth["sources"])
    cannabis = report("cannabis", "alcohol")
    assert "No specific interaction" not in cannabis["reason"]
    assert cannabis["risk"] == "caution"
