"""Text out of the files people check, with honest positions back into them.

Each format gives a Document: the text to check and a way to turn an offset
in that text into a position a person can find in their file.

- plain text and Markdown: line and column in the file (Markdown code and
  link addresses are blanked, never removed, so positions stay put);
- HTML: line and column of the character in the HTML source; only text and
  the attributes people read (alt, title, aria-label, placeholder) count;
- .po translation catalogues: line and column inside the quoted string;
- .docx: line is the paragraph number (body paragraphs, then table cells,
  in document order), column the character in that paragraph;
- .pdf: page, line within the text extracted from that page, column.

Columns count characters (Unicode code points) from 1.

Reading a file people send over the web is bounded by ReadLimits, each
checked before the work it bounds: a .docx's parts by the sizes its zip
directory declares (Python's zipfile never unpacks more than that), a
PDF's pages by count and its text as it is extracted. The command line
reads local files without limits.
"""

import bisect
import io
import re
import zipfile
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

FORMATS = ("text", "markdown", "html", "po", "docx", "pdf")
EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".po": "po",
    ".docx": "docx",
    ".pdf": "pdf",
}
# The formats whose source is text that --fix can rewrite in place.
SOURCE_FORMATS = ("text", "markdown", "html", "po")


class DocumentError(ValueError):
    """A file that cannot be read as the format it claims to be."""


@dataclass(frozen=True)
class ReadLimits:
    """How much reading one file may take; the limit names are DocumentTooLarge's."""

    max_chars: int
    max_pdf_pages: int
    max_unpacked_bytes: int
    max_zip_members: int


class DocumentTooLarge(DocumentError):
    """A file over one of the limits. `limit` names it ("characters", "pages",
    "unpacked", "members", "seconds" or "memory") and `allowed` is its value."""

    def __init__(self, limit: str, allowed: int | float) -> None:
        super().__init__(f"more than the {allowed:,} {_LIMIT_UNITS[limit]} allowed")
        self.limit = limit
        self.allowed = allowed

    def __reduce__(self) -> tuple:
        return (type(self), (self.limit, self.allowed))


_LIMIT_UNITS = {
    "characters": "characters of text",
    "pages": "pages",
    "unpacked": "bytes once unpacked",
    "members": "parts in the file",
    "seconds": "seconds of reading",
    "memory": "bytes of memory for reading",
}


def _check_length(text: str, limits: ReadLimits | None) -> None:
    if limits is not None and len(text) > limits.max_chars:
        raise DocumentTooLarge("characters", limits.max_chars)


@dataclass(frozen=True)
class Position:
    line: int
    column: int
    page: int | None = None


class Document:
    """Text to check, positioned by line: each line of text is a line of the source."""

    def __init__(self, text: str, first_line: int = 1) -> None:
        self.text = text
        self.first_line = first_line
        self._line_starts: list[int] | None = None

    def position(self, offset: int) -> Position:
        if self._line_starts is None:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        index = bisect.bisect_right(self._line_starts, offset) - 1
        return Position(self.first_line + index, offset - self._line_starts[index] + 1)


class MappedDocument(Document):
    """Text assembled from pieces, each anchored at a line and column of its source."""

    def __init__(self) -> None:
        super().__init__("")
        self._parts: list[str] = []
        self._starts: list[int] = []
        self._anchors: list[Position] = []
        self._length = 0

    def add(self, text: str, anchor: Position) -> None:
        if not text:
            return
        self._parts.append(text)
        self._starts.append(self._length)
        self._anchors.append(anchor)
        self._length += len(text)

    def finish(self) -> "MappedDocument":
        self.text = "".join(self._parts)
        self._parts = []
        return self

    def position(self, offset: int) -> Position:
        index = max(0, bisect.bisect_right(self._starts, offset) - 1)
        anchor = self._anchors[index]
        walked = self.text[self._starts[index] : offset]
        newlines = walked.count("\n")
        if newlines:
            return Position(anchor.line + newlines, len(walked) - walked.rfind("\n"), anchor.page)
        return Position(anchor.line, anchor.column + len(walked), anchor.page)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


MARKDOWN_CODE = re.compile(
    r"^(```|~~~)[^\n]*\n.*?^\1[ \t]*$"  # fenced blocks
    r"|`[^`\n]+`"  # inline code
    r"|(?<=\]\()[^)\s]+"  # link targets
    r"|<https?://[^>\s]+>|https?://[^\s)>\]]+",  # addresses
    re.MULTILINE | re.DOTALL,
)


def markdown_document(source: str) -> Document:
    return Document(MARKDOWN_CODE.sub(_blank, source))


class _HtmlText(HTMLParser):
    BLOCK = {
        "address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5",
        "h6", "header", "hr", "li", "main", "nav", "ol", "option", "p", "pre", "section",
        "summary", "table", "td", "th", "tr", "ul", "title", "label", "button", "legend",
    }  # fmt: skip
    HIDDEN = {"script", "style"}
    READABLE_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.document = MappedDocument()
        self._hidden = 0

    def _here(self) -> Position:
        line, offset = self.getpos()
        return Position(line, offset + 1)

    def _break(self) -> None:
        self.document.add("\n", self._here())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.HIDDEN:
            self._hidden += 1
        if tag in self.BLOCK:
            self._break()
        raw = self.get_starttag_text() or ""
        line, offset = self.getpos()
        for name, value in attrs:
            if name not in self.READABLE_ATTRIBUTES or not value:
                continue
            found = re.search(rf"""\b{name}\s*=\s*["']?""", raw)
            at = found.end() if found else 0
            before = raw[:at]
            if "\n" in before:
                anchor = Position(line + before.count("\n"), len(before) - before.rfind("\n"))
            else:
                anchor = Position(line, offset + at + 1)
            self.document.add("\n", anchor)
            self.document.add(value, anchor)
            self.document.add("\n", anchor)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in self.HIDDEN:
            self._hidden -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        if tag in self.BLOCK:
            self._break()

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.document.add(data, self._here())

    def handle_entityref(self, name: str) -> None:
        if not self._hidden:
            self.document.add(unescape(f"&{name};"), self._here())

    def handle_charref(self, name: str) -> None:
        if not self._hidden:
            self.document.add(unescape(f"&#{name};"), self._here())


def html_document(source: str) -> MappedDocument:
    parser = _HtmlText()
    parser.feed(source)
    parser.close()
    return parser.document.finish()


PO_STRING = re.compile(r'^(msgid|msgid_plural|msgstr(?:\[\d+\])?)?\s*"(.*)"\s*$')


def po_document(source: str) -> MappedDocument:
    """msgid and msgstr texts; continuation lines join the string they continue."""
    document = MappedDocument()
    for number, line in enumerate(source.splitlines(), start=1):
        found = PO_STRING.match(line)
        if not found:
            continue
        if found.group(1):
            document.add("\n", Position(number, 1))
        column = found.start(2) + 1
        # Escapes (\n, \") take two source characters for one of text: each
        # run between escapes gets its own anchor so columns stay exact.
        for piece in re.finditer(r"\\.|[^\\]+", found.group(2)):
            text = piece.group(0)
            if text.startswith("\\"):
                text = {"\\n": " ", "\\t": " ", '\\"': '"', "\\\\": "\\"}.get(text, " ")
            document.add(text, Position(number, column + piece.start()))
    return document.finish()


def _check_zip(data: bytes, limits: ReadLimits) -> None:
    """Refuse a zip whose directory declares too many parts or too many bytes."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise DocumentError(f"not a readable .docx file ({exc.__class__.__name__})") from exc
    if len(members) > limits.max_zip_members:
        raise DocumentTooLarge("members", limits.max_zip_members)
    if sum(member.file_size for member in members) > limits.max_unpacked_bytes:
        raise DocumentTooLarge("unpacked", limits.max_unpacked_bytes)


def docx_document(data: bytes, limits: ReadLimits | None = None) -> Document:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if limits is not None:
        _check_zip(data, limits)
    try:
        word = docx.Document(io.BytesIO(data))
    except MemoryError:
        raise
    except Exception as exc:  # python-docx raises several types for a broken package
        raise DocumentError(f"not a readable .docx file ({exc.__class__.__name__})") from exc
    paragraphs: list[str] = []
    length = 0

    def walk(items: list) -> None:
        nonlocal length
        for item in items:
            if isinstance(item, Paragraph):
                # A manual line break inside a paragraph stays in that paragraph.
                paragraphs.append(item.text.replace("\n", " "))
                length += len(paragraphs[-1]) + 1
                if limits is not None and length > limits.max_chars:
                    raise DocumentTooLarge("characters", limits.max_chars)
            elif isinstance(item, Table):
                seen: set[int] = set()
                for row in item.rows:
                    for cell in row.cells:
                        if id(cell._tc) in seen:  # merged cells repeat
                            continue
                        seen.add(id(cell._tc))
                        walk(list(cell.iter_inner_content()))

    walk(list(word.iter_inner_content()))
    return Document("\n".join(paragraphs))


def pdf_document(data: bytes, limits: ReadLimits | None = None) -> MappedDocument:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    document = MappedDocument()
    length = 0
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = reader.pages
        if limits is not None and len(pages) > limits.max_pdf_pages:
            raise DocumentTooLarge("pages", limits.max_pdf_pages)
        for number, page in enumerate(pages, start=1):
            text = page.extract_text() + "\n"
            length += len(text)
            if limits is not None and length > limits.max_chars:
                raise DocumentTooLarge("characters", limits.max_chars)
            document.add(text, Position(1, 1, number))
    # pypdf's own limits (LimitReachedError for a stream bomb, a page tree too
    # deep) and a tree deep enough to exhaust Python's stack are bad files too.
    except (PyPdfError, ValueError, KeyError, TypeError, RecursionError) as exc:
        if isinstance(exc, DocumentTooLarge):
            raise
        raise DocumentError(f"not a readable PDF file ({exc.__class__.__name__})") from exc
    return document.finish()


def format_for(name: str) -> str:
    return EXTENSIONS.get(Path(name).suffix.lower(), "text")


def decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(f"not UTF-8 text (byte {exc.start})") from exc


def read_document(data: bytes, file_format: str, limits: ReadLimits | None = None) -> Document:
    """The Document for the bytes of a file in one of FORMATS, within limits if given."""
    if file_format == "docx":
        return docx_document(data, limits)
    if file_format == "pdf":
        return pdf_document(data, limits)
    source = decode(data)
    if file_format in ("text", "markdown"):
        # Their text is as long as their source: refuse before reading on.
        _check_length(source, limits)
    if file_format == "markdown":
        document: Document = markdown_document(source)
    elif file_format == "html":
        document = html_document(source)
    elif file_format == "po":
        document = po_document(source)
    else:
        document = Document(source)
    _check_length(document.text, limits)
    return document
