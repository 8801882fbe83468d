"""Whatever the text, a finding's line and column point at its own words."""

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from hrkit.language import services
from hrkit.language.config import CheckerConfig
from hrkit.language.services import check_stream, check_text

PIECES = [
    "drug users", "clean syringes", "tested clean", "the", "Ünïcode", "—", "addict’s",
    "user account", "\n", "\n\n", "  ", "\t", "child abuse", "substance abuse", "İ",
]  # fmt: skip


def at(text: str, line: int, column: int, length: int) -> str:
    return text.split("\n")[line - 1][column - 1 :][:length]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map(" ".join))
def test_line_and_column_point_at_the_finding(text):
    for finding in check_text(text):
        first_line = finding.text.split("\n")[0]
        assert at(text, finding.line, finding.column, len(first_line)) == first_line


def test_blocks_keep_counting_lines(monkeypatch):
    monkeypatch.setattr(services, "BLOCK_CHARS", 32)
    text = "".join(f"line {n} is fine\n\n" for n in range(1, 40)) + "here drug users\n"
    found = list(check_stream(io.StringIO(text), "t", CheckerConfig()))
    assert [(f.line, f.column, f.text) for f in found] == [(79, 6, "drug users")]
    assert [(f.line, f.column) for f in check_text(text)] == [(79, 6)]
