"""The one progress bar of hrkit's long commands (tqdm, on standard error)."""

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from tqdm import tqdm

T = TypeVar("T")


def progress(
    items: Iterable[T], description: str, total: int | None = None, unit: str = "rows"
) -> Iterator[T]:
    # Hidden when standard error is not a terminal, so logs and tests stay clean.
    yield from tqdm(
        items,
        desc=description,
        total=total,
        unit=unit,
        file=sys.stderr,
        disable=not sys.stderr.isatty(),
        mininterval=0.5,
    )
