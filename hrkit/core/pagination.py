"""The one pagination of hrkit: page numbers from 1, a bounded page size."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from hrkit.core.errors import ApiError

T = TypeVar("T")

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
MAX_PAGE = 10_000


@dataclass(frozen=True)
class PageRequest:
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE

    def __post_init__(self) -> None:
        if not 1 <= self.page <= MAX_PAGE:
            raise ApiError.for_field("page", f"must be a whole number from 1 to {MAX_PAGE}")
        if not 1 <= self.page_size <= MAX_PAGE_SIZE:
            raise ApiError.for_field(
                "page_size", f"must be a whole number from 1 to {MAX_PAGE_SIZE}"
            )

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass(frozen=True)
class Page(Generic[T]):
    items: Sequence[T]
    page: int
    page_size: int
    total: int
    # True when there are more items than total (a search that counts only so far).
    total_capped: bool = False

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def has_previous(self) -> bool:
        return self.page > 1
