"""A cheap pass over a JSON file's bytes that refuses it before any parser reads it.

ijson's C parser crashes the whole process (a segmentation fault, not an
exception) on an integer of more than 4,300 digits, and its prefix bookkeeping
grows with the square of the nesting depth (20,000 levels took a gigabyte).
Neither can be caught once the parser has the bytes, so this pass finds them
first: it drops every string with one regular expression (in C, a chunk at a
time), then looks at what is left for long runs of digits and counts brackets.
Valid JSON has no raw line break inside a string, so line numbers survive.
"""

import re
from pathlib import Path

from hrkit.directory.exchange.limits import (
    MAX_JSON_DEPTH,
    MAX_NUMBER_DIGITS,
    MAX_VALUE_CHARS,
    TooLarge,
)

CHUNK_BYTES = 1 << 16
STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
LONG_NUMBER = re.compile(rb"[0-9]{%d,}" % (MAX_NUMBER_DIGITS + 1))
BRACKET = re.compile(rb"[\[\]{}]")
DIGITS = b"0123456789"
NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
OPENERS = frozenset(b"[{")


class _Scan:
    def __init__(self, name: str):
        self.name = name
        self.depth = 0
        self.line = 1
        self.digits_before = 0

    def refuse(self, text: bytes, position: int, what: str) -> TooLarge:
        line = self.line + text.count(b"\n", 0, position)
        return TooLarge(f"{self.name}:{line}: {what}; nothing was read")

    def outside_strings(self, text: bytes) -> None:
        """Text holding no string (each was replaced by a space): numbers and brackets."""
        long_number = LONG_NUMBER.search(text)
        leading = len(text) - len(text.lstrip(DIGITS))
        if long_number or self.digits_before + leading > MAX_NUMBER_DIGITS:
            position = long_number.start() if long_number else 0
            raise self.refuse(text, position, f"a number with more than {MAX_NUMBER_DIGITS} digits")
        if leading == len(text):
            self.digits_before += leading
        else:
            self.digits_before = len(text) - len(text.rstrip(DIGITS))
        for index, byte in enumerate(text.translate(None, NOT_BRACKETS)):
            self.depth += 1 if byte in OPENERS else -1
            if self.depth > MAX_JSON_DEPTH:
                position = next(
                    m.start() for i, m in enumerate(BRACKET.finditer(text)) if i == index
                )
                raise self.refuse(
                    text,
                    position,
                    f"nested more than {MAX_JSON_DEPTH} levels deep (HSDS needs about a dozen)",
                )


def check_json_bounds(path: Path) -> None:
    """Raises TooLarge naming the file and line when a limit of limits.py is passed."""
    scan = _Scan(path.name)
    carry = b""
    with path.open("rb") as stream:
        while True:
            # A string longer than a chunk is carried whole; reading as much
            # again as is carried keeps the rescanning linear.
            chunk = stream.read(max(CHUNK_BYTES, len(carry)))
            text = carry + chunk
            start = 0
            if carry:
                closed = STRING.match(text)
                length = closed.end() if closed else len(text)
                if length > MAX_VALUE_CHARS + 2:
                    raise scan.refuse(b"", 0, f"a text value longer than {MAX_VALUE_CHARS:,} bytes")
                if closed is None:
                    if not chunk:
                        return  # an unclosed string: the parser names that error
                    carry = text
                    continue
                start = closed.end()
                scan.digits_before = 0
            if not chunk and not carry:
                return
            rest = text[start:]
            stripped = STRING.sub(b" ", rest)
            opening = stripped.find(b'"')
            # Whatever follows a quote left standing is a string that the next
            # chunk finishes: it contains no other unescaped quote.
            head = stripped if opening == -1 else stripped[:opening]
            scan.outside_strings(head)
            if opening == -1:
                carry = b""
                scan.line += rest.count(b"\n")
            else:
                carry = rest[len(rest) - (len(stripped) - opening) :]
                scan.line += head.count(b"\n")
                scan.digits_before = 0
            if not chunk:
                return
