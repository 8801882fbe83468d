"""The product's English text uses US spelling.

Checked: every app's templates, the `en:` texts of the data files (and the
taxonomy's English names and descriptions), the docs and the README. Code in
backticks and code blocks is left out, and so are proper names and
quotations in ALLOWED.
"""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
APPS = ROOT / "hrkit"

_BRITISH_STEMS = [
    r"centre[sd]?",
    r"behaviour(?:s|al)?",
    r"colour(?:s|ed|ful)?",
    r"neighbour(?:s|hood|ing)?",
    r"(?:fav|flav|hon|lab|hum|od|tum|harb|vap|rum)our(?:s|ed|ing|able|ite|ites)?",
    r"organis(?:e|es|ed|ing|ation|ations|er|ers)",
    r"(?:recogn|real|minim|maxim|priorit|summar|emphas|stigmat|decriminal|criminal|legal"
    r"|penal|hospital|normal|author|apolog|util|categor|custom|final|optim|character"
    r"|special|memor|sanit|random|neutral|standard|visual|mobil|sympath|jeopard|critic)"
    r"is(?:e|es|ed|ing|ation|ations|able)",
    r"analys(?:e|ed|ing)",
    r"catalogu(?:e|es|ed|ing)",
    r"licence[sd]?",
    r"(?:off|def)ence[s]?",
    r"programme[s]?",
    r"judgement[s]?",
    r"grey(?:er|ish)?",
    r"whilst",
    r"(?:kilo|centi|milli)?metre[s]?",
    r"(?:milli)?litre[s]?",
    r"fibre[s]?",
    r"(?:counsel|travel|label|model|cancel|fuel|signal|total)l(?:ed|ing|er|ers|or|ors)",
    r"paediatric\w*",
    r"oestrogen",
    r"haem\w+",
    r"anaem\w+",
    r"diarrhoea",
    r"enquir(?:y|ies|e|ed)",
    r"practis(?:e|es|ed|ing)",
    r"sceptic\w*",
    r"speciality",
    r"aluminium",
    r"sulph\w+",
    r"ageing",
    r"fulfil(?:ment)?",
    r"enrol(?:ment|s)?",
    r"manoeuvre[sd]?",
]
# A hyphen, dot, underscore or slash beside the word makes it part of a code,
# a file name or an address (drop-in-centre, catalogue.py, aria-labelledby).
BRITISH = re.compile(
    r"(?<![\w\-./])(?:" + "|".join(_BRITISH_STEMS) + r")(?![\w\-/]|\.\w)", re.IGNORECASE
)

# Proper names and quoted titles keep their own spelling.
ALLOWED = [
    "National Drug and Alcohol Research Centre",
    "Centre for Addiction and Mental Health",
    "World Health Organisation",
]

_CODE = re.compile(r"```.*?```|`[^`\n]*`", re.DOTALL)


def british_words(text: str) -> list[str]:
    for name in ALLOWED:
        text = text.replace(name, "")
    return [match.group(0) for match in BRITISH.finditer(_CODE.sub("", text))]


def _english_texts(node: object, key: str = "") -> Iterator[str]:
    if isinstance(node, dict):
        for child_key, value in node.items():
            yield from _english_texts(value, str(child_key))
    elif isinstance(node, list):
        for item in node:
            yield from _english_texts(item, key)
    elif isinstance(node, str) and key == "en":
        yield node


def _taxonomy_texts(node: object) -> Iterator[str]:
    # The taxonomy is written in English with only its translations keyed.
    if isinstance(node, dict):
        for key in ("name", "description"):
            if isinstance(node.get(key), str):
                yield node[key]
        for value in node.values():
            yield from _taxonomy_texts(value)
    elif isinstance(node, list):
        for item in node:
            yield from _taxonomy_texts(item)


def _sources() -> Iterator[tuple[str, str]]:
    for path in sorted(APPS.glob("*/templates/**/*.html")):
        yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")
    for path in sorted([*APPS.glob("*/data/**/*.yaml"), *APPS.glob("*/rules/**/*.yaml")]):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        texts = list(_english_texts(data))
        if path.name == "taxonomy.yaml":
            texts += _taxonomy_texts(data)
        yield str(path.relative_to(ROOT)), "\n".join(texts)
    for path in [*sorted((ROOT / "docs").glob("*.md")), ROOT / "README.md"]:
        yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Recognising an overdose", ["Recognising"]),
        ("a drop-in centre and a colour chart", ["centre", "colour"]),
        ("moral judgement; organisations analyse behaviour", None),
        ("Drop-in center, behavior, organizations, analyzes", []),
        ("the `catalogue.py` module, code drop-in-centre, aria-labelledby", []),
        ("fentanyl analogues; premises; advertise; exercise; emphasis", []),
        ("National Drug and Alcohol Research Centre (NDARC)", []),
    ],
)
def test_british_spellings_are_recognized(text: str, found: list[str] | None):
    words = british_words(text)
    if found is None:
        assert words == ["judgement", "organisations", "analyse", "behaviour"]
    else:
        assert words == found


def test_english_text_uses_us_spelling():
    problems = [
        f"{name}: {', '.join(sorted(set(words)))}"
        for name, text in _sources()
        if (words := british_words(text))
    ]
    assert not problems, "British spellings in English text:\n" + "\n".join(problems)
