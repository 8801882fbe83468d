"""The project's own user-facing text passes its own checker.

Templates, translation catalogues (msgid and msgstr), content data, the
README and docs/ of every app, as tracked by git. Only the checker's own
rules, corpus and tests may hold the terms it looks for.
"""

import fnmatch
import gettext
import re
import subprocess
from pathlib import Path

import pytest

from hrkit.language.config import CheckerConfig
from hrkit.language.documents import format_for
from hrkit.language.services import check_file_bytes

ROOT = Path(__file__).resolve().parents[3]
CHECKED = ("hrkit/*/templates/*.html", "*.po", "hrkit/*/data/*.yaml", "hrkit/*/data/*.yml",
           "README.md", "docs/*.md")  # fmt: skip
# The checker's own rules, corpus and tests quote the terms on purpose.
EXEMPT = ("hrkit/language/rules/*", "hrkit/language/tests/*", "bench/language_corpus.tsv")


def user_facing_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode()
    paths = [p for p in listed.split("\0") if p]
    return sorted(
        p
        for p in paths
        if any(fnmatch.fnmatch(p, pattern) for pattern in CHECKED)
        and not any(fnmatch.fnmatch(p, pattern) for pattern in EXEMPT)
        and (ROOT / p).exists()
    )


def test_the_self_check_covers_every_apps_files():
    files = user_facing_files()
    assert "README.md" in files
    assert "hrkit/core/templates/base.html" in files
    assert any(p.startswith("hrkit/language/templates/") for p in files)
    assert any(p.endswith(".po") for p in files)


def test_project_text_has_no_stigmatizing_language():
    problems = []
    for path in user_facing_files():
        file_format = "markdown" if path.endswith(".md") else format_for(path)
        _, findings = check_file_bytes(
            (ROOT / path).read_bytes(), file_format, path, CheckerConfig()
        )
        problems += [
            f"{f.path}:{f.line}:{f.column}: {f.text} -> {'; '.join(f.rule.suggestions)}"
            for f in findings
        ]
    print("\n".join(problems))
    assert problems == []


def _sentences(text: str) -> list[str]:
    # A sentence ends at . ! or ? before a space or a capital (a pasted
    # repeat often has no space: "...revise.Pegue...").
    return [s.strip() for s in re.split(r"(?<=[.!?])(?=\s|[A-ZÁÉÍÓÚÑ¿¡])", text) if s.strip()]


@pytest.mark.parametrize("catalogue", sorted(Path("hrkit").glob("*/locale/*/LC_MESSAGES/*.mo")))
def test_no_translation_says_a_sentence_twice(catalogue: Path):
    with catalogue.open("rb") as compiled:
        translations = gettext.GNUTranslations(compiled)
    for msgid, msgstr in translations._catalog.items():  # type: ignore[attr-defined]
        said = _sentences(str(msgstr))
        assert len(said) == len(set(said)), f"{catalogue}: {msgid!r} -> {msgstr!r}"


@pytest.mark.parametrize("catalogue", sorted(Path("hrkit").glob("*/locale/*/LC_MESSAGES/*.po")))
def test_every_string_is_translated_and_none_left_fuzzy(catalogue: Path):
    # A fuzzy or empty translation is left out when compiled, so the page
    # shows English in the middle of Spanish.
    entries = catalogue.read_text(encoding="utf-8").split("\n\n")[1:]  # the header first
    for entry in entries:
        if "\n#~" in f"\n{entry}":
            continue  # an obsolete entry, kept by makemessages, never compiled
        lines = [line for line in entry.splitlines() if line]
        if not lines:
            continue
        assert "#, fuzzy" not in entry and ", fuzzy" not in entry, f"{catalogue}: {entry}"
        strings = [line for line in lines if line.startswith("msgstr")]
        last = lines[-1]
        assert strings and not (last.startswith("msgstr") and last.endswith('""')), (
            f"{catalogue}: untranslated: {entry}"
        )
