"""CSV files written for people to open in a spreadsheet, safe from formula injection.

A spreadsheet runs a cell that begins with =, +, - or @ (or a tab or carriage
return before one) as a formula, so a service name typed as
=HYPERLINK("http://...") becomes a link, or a command, on a staff computer.
Following OWASP's advice, such a cell is written with a single quote in
front: the spreadsheet shows the text as text. Numbers are left as numbers.

Only CSVs for people go through here. The HSDS datapackage export is a
machine exchange format that must read back exactly as written, so it uses
the csv module as it is (docs/hsds.md).
"""

import csv
from collections.abc import Iterable
from typing import Any, Protocol

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


def neutralise_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SpreadsheetWriter:
    """csv.writer's writerow, with every text cell passed through neutralise_cell."""

    def __init__(self, stream: _Writable):
        self._writer = csv.writer(stream)

    def writerow(self, row: Iterable[Any]) -> None:
        self._writer.writerow([neutralise_cell(value) for value in row])
