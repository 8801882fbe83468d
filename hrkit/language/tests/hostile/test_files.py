"""Files built to make the checker's readers work without end are refused
before the work starts, with a clear error, never a crash or a MemoryError.

Each case reads in a forked child allowed 200 MB more memory than it maps:
reading any of these files whole would need far more.
"""

import pytest

from hrkit.core.testing import run_with_memory_limit
from hrkit.language.documents import ReadLimits, read_document
from hrkit.language.tests.hostile import inputs

LIMITS = ReadLimits(
    max_chars=500_000,
    max_pdf_pages=300,
    max_unpacked_bytes=30 * inputs.MB,
    max_zip_members=2000,
)


@pytest.mark.parametrize(
    ("make", "file_format", "refusal", "says"),
    [
        (lambda: inputs.docx_bomb(300 * inputs.MB), "docx", "DocumentTooLarge", "once unpacked"),
        (lambda: inputs.zip_with_many_parts(3000), "docx", "DocumentTooLarge", "2,000 parts"),
        (lambda: inputs.pdf_with_pages(5000), "pdf", "DocumentTooLarge", "300 pages"),
        (
            lambda: inputs.pdf_sharing_one_content_stream(20, 20_000),
            "pdf",
            "DocumentTooLarge",
            "500,000 characters",
        ),
        (lambda: inputs.pdf_with_deep_page_tree(200), "pdf", "DocumentError", "not a readable"),
        (lambda: inputs.pdf_stream_bomb(300 * inputs.MB), "pdf", "DocumentError", "not a readable"),
        (
            lambda: inputs.repeated_text(5 * inputs.MB).encode(),
            "text",
            "DocumentTooLarge",
            "500,000 characters",
        ),
    ],
    ids=["docx-bomb", "docx-many-parts", "pdf-many-pages", "pdf-shared-stream", "pdf-deep-tree",
         "pdf-stream-bomb", "huge-text"],
)  # fmt: skip
def test_a_hostile_file_is_refused_before_the_work(make, file_format, refusal, says):
    outcome, detail = run_with_memory_limit(
        read_document, make(), file_format, LIMITS, extra_mb=200
    )
    assert outcome == "raised", (outcome, detail)
    name, message = detail
    assert name == refusal
    assert says in message


def test_without_limits_the_command_line_reads_what_it_is_given():
    # `hrkit lint` reads local files whole: a long file is not refused.
    text = read_document(inputs.repeated_text(600_000).encode(), "text").text
    assert len(text) == 600_000
