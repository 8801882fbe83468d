"""Hostile files for the checker, made by code: small to send, costly to read.

Each stays a few kilobytes to a megabyte on the wire; what it would cost to
read is in its docstring.
"""

import io
import zipfile
import zlib

import docx

MB = 1024 * 1024


def repeated_text(size: int) -> str:
    """`size` characters that are nearly all findings."""
    phrase = "the addict "
    return (phrase * (size // len(phrase) + 1))[:size]


def _docx_bytes(paragraph: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(paragraph)
    data = io.BytesIO()
    document.save(data)
    return data.getvalue()


def _replace_members(original: bytes, replacements: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(original)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for member in source.infolist():
            target.writestr(member.filename, replacements.get(member.filename, source.read(member)))
    return out.getvalue()


def docx_with_long_body(unpacked: int) -> bytes:
    """A real .docx whose document.xml unpacks to about `unpacked` bytes of
    paragraphs (a few hundred times smaller packed)."""
    paragraph = b"<w:p><w:r><w:t>Support for the addict.</w:t></w:r></w:p>"
    head, tail = _document_xml_edges()
    body = paragraph * (unpacked // len(paragraph))
    return _replace_members(_docx_bytes("x"), {"word/document.xml": head + body + tail})


def _document_xml_edges() -> tuple[bytes, bytes]:
    with zipfile.ZipFile(io.BytesIO(_docx_bytes("x"))) as archive:
        xml = archive.read("word/document.xml")
    start = xml.index(b"<w:body>") + len(b"<w:body>")
    return xml[:start], xml[xml.index(b"</w:body>") :]


def docx_bomb(unpacked: int) -> bytes:
    """A .docx whose document.xml is `unpacked` bytes of spaces: about a
    thousandth of that packed. Written as a stream, so the test never holds it."""
    head, tail = _document_xml_edges()
    chunk = b" " * MB
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(_docx_bytes("x"))) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target,
    ):
        for member in source.infolist():
            if member.filename != "word/document.xml":
                target.writestr(member.filename, source.read(member))
                continue
            with target.open(member.filename, "w", force_zip64=True) as writer:
                writer.write(head)
                for _ in range(unpacked // MB):
                    writer.write(chunk)
                writer.write(tail)
    return out.getvalue()


def zip_with_many_parts(parts: int) -> bytes:
    """A .docx with `parts` empty members besides its own."""
    out = io.BytesIO(_docx_bytes("x"))
    with zipfile.ZipFile(out, "a") as archive:
        for number in range(parts):
            archive.writestr(f"filler/part{number}.xml", b"")
    return out.getvalue()


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of these objects (numbered from 1; the first is the catalogue)."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%b\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _stream(data: bytes) -> bytes:
    packed = zlib.compress(data, 9)
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n%b\nendstream" % (len(packed), packed)


def _page(contents: int) -> bytes:
    return (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % contents
    )


_CATALOGUE = b"<< /Type /Catalog /Pages 2 0 R >>"
_FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf_sharing_one_content_stream(pages: int, operations: int) -> bytes:
    """`pages` pages that all draw one content stream of `operations` text
    moves and words: each page costs the reader the whole stream again."""
    content = b"BT /F1 12 Tf 72 720 Td " + b"(the addict) Tj 0 -1 Td\n" * operations + b"ET"
    kids = b" ".join(b"%d 0 R" % (5 + n) for n in range(pages))
    objects = [
        _CATALOGUE,
        b"<< /Type /Pages /Kids [%b] /Count %d >>" % (kids, pages),
        _FONT,
        _stream(content),
        *[_page(4) for _ in range(pages)],
    ]
    return _pdf(objects)


def pdf_with_deep_page_tree(depth: int) -> bytes:
    """A page tree nested `depth` levels deep with one page at the bottom."""
    objects = [_CATALOGUE]
    # Object 2 is the root of the tree; each level's one kid is the next object.
    for level in range(depth):
        number = 2 + level
        parent = b"/Parent %d 0 R " % (number - 1) if level else b""
        objects.append(b"<< /Type /Pages %b/Kids [%d 0 R] /Count 1 >>" % (parent, number + 1))
    content_number = 2 + depth + 1
    objects.append(
        b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R >>"
        % (1 + depth, content_number)
    )
    objects.append(_stream(b"BT ET"))
    return _pdf(objects)


def pdf_stream_bomb(unpacked: int) -> bytes:
    """One page whose content stream unpacks to `unpacked` bytes of spaces."""
    packer = zlib.compressobj(9)
    chunk = b" " * MB
    packed = b"".join(packer.compress(chunk) for _ in range(unpacked // MB)) + packer.flush()
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%b\nendstream" % (
        len(packed),
        packed,
    )
    objects = [
        _CATALOGUE,
        b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
        _FONT,
        stream,
        _page(4),
    ]
    return _pdf(objects)


def pdf_with_pages(pages: int) -> bytes:
    """`pages` pages sharing one short content stream: cheap per page, many pages."""
    return pdf_sharing_one_content_stream(pages, 1)
