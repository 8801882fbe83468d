"""Extraction from each format, and line/column pointing at the right place."""

import io

import docx
import pytest
from fpdf import FPDF

from hrkit.language.config import CheckerConfig
from hrkit.language.documents import DocumentError, read_document
from hrkit.language.services import check_file_bytes


def found(data: bytes, file_format: str) -> list[tuple]:
    _, findings = check_file_bytes(data, file_format, "f", CheckerConfig())
    return [(f.position.page, f.line, f.column, f.text) for f in findings]


def test_plain_text_positions():
    text = "First line.\n  A junkie.\n\tTab then drug users here.\n"
    assert found(text.encode(), "text") == [(None, 2, 5, "junkie"), (None, 3, 11, "drug users")]


def test_markdown_ignores_code_and_addresses_but_keeps_positions():
    text = (
        "# Guide\n"
        "See [the page](https://example.org/drug-users) and `drug users` in code.\n"
        "```\nsubstance abuse\n```\n"
        "Real text: substance abuse.\n"
    )
    assert found(text.encode(), "markdown") == [(None, 6, 12, "substance abuse")]


def test_html_text_only_with_source_positions_and_entities():
    html = (
        "<!doctype html>\n<html><head><title>Drug abuse</title>\n"
        "<style>.addict { color: red }</style></head>\n"
        '<body><p class="user">People &amp; <b>drug</b>\n   users here.</p>\n'
        '<img src="x.png" alt="a junkie"><script>var junkie = 1;</script>\n'
        "<p>clean &#8217;n&#8217; tidy, but she tested clean</p></body></html>\n"
    )
    assert found(html.encode(), "html") == [
        (None, 2, 20, "Drug abuse"),
        (None, 4, 39, "drug\n   users"),
        (None, 6, 25, "junkie"),
        (None, 7, 40, "tested clean"),
    ]


def test_po_catalogue_msgid_and_msgstr_with_continuation_lines():
    po = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        "#: templates/x.html:3\n"
        'msgid "Services for \\"drug "\n'
        '"users\\""\n'
        'msgstr "Servicios para drogadictos"\n'
    )
    assert found(po.encode(), "po") == [(None, 6, 23, "drug users"), (None, 8, 24, "drogadictos")]


def make_docx(paragraphs: list[str], table_cell: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.add_table(rows=1, cols=2).cell(0, 1).text = table_cell
    document.add_paragraph("After the table, a crackhead.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_docx_paragraph_and_column():
    data = make_docx(
        ["Title", "We serve people who use drugs.", "Not addicts, he said."], "tested clean"
    )
    assert found(data, "docx") == [
        (None, 3, 5, "addicts"),
        (None, 5, 1, "tested clean"),
        (None, 6, 20, "crackhead"),
    ]


def make_pdf(pages: list[list[str]]) -> bytes:
    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_pdf_page_line_and_column():
    data = make_pdf([["Page one is fine."], ["Second page.", "Services for drug users only."]])
    assert found(data, "pdf") == [(2, 2, 14, "drug users")]


@pytest.mark.parametrize("file_format", ["docx", "pdf"])
def test_a_file_that_is_not_its_format_is_a_clear_error(file_format):
    with pytest.raises(DocumentError, match="not a readable"):
        read_document(b"just some text", file_format)


def test_text_that_is_not_utf8_is_a_clear_error():
    with pytest.raises(DocumentError, match="not UTF-8"):
        read_document(b"caf\xe9 drug users", "text")
