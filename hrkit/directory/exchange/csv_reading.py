"""CSV rows read within bounds, with the line each starts on and progress by lines.

csv.reader asks its source for one line at a time, and a file object hands
over a whole line however long it is: a cell of two gigabytes with no line
break was read whole into memory before the csv module could complain. Lines
are read here with a limit instead, and the csv module's own limit on one cell
is set for the duration of a read (it is process-wide, so it is put back).
"""

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from hrkit.core.progress import progress
from hrkit.directory.exchange.limits import MAX_CSV_LINE_CHARS, MAX_VALUE_CHARS, TooLarge


@contextmanager
def bounded_cells() -> Iterator[None]:
    previous = csv.field_size_limit(MAX_VALUE_CHARS)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def _lines(stream: IO[str], shown: str) -> Iterator[str]:
    number = 0
    while True:
        line = stream.readline(MAX_CSV_LINE_CHARS + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_CSV_LINE_CHARS:
            raise TooLarge(
                f"{shown}:{number}: a line longer than {MAX_CSV_LINE_CHARS:,} characters; "
                "nothing was written"
            )
        yield line


class CsvRows:
    """The header, then each non-blank row with the physical line it starts on.

    Progress counts lines, blank ones too, so a file of nothing but line
    breaks still shows that it is being read.
    """

    def __init__(self, stream: IO[str], shown: str):
        self.reader = csv.reader(progress(_lines(stream, shown), shown, unit="lines"))

    @property
    def line(self) -> int:
        return self.reader.line_num

    def header(self) -> list[str]:
        return [name.strip() for name in next(self.reader, [])]

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        while True:
            start = self.reader.line_num + 1
            try:
                cells = next(self.reader)
            except StopIteration:
                return
            if any(cell.strip() for cell in cells):
                yield start, cells
