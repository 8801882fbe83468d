"""What an import found wrong, row by row, and how it is told."""

from dataclasses import dataclass, field

# A file with a systematic fault could have a problem on every row; keeping a
# bounded number keeps memory flat and the report readable.
MAX_KEPT_PROBLEMS = 1000


@dataclass(frozen=True)
class Problem:
    """One bad row: where it is (file:line or file:JSON path), the field at fault, why."""

    origin: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.field}: {self.message}"


@dataclass
class ProblemLog:
    kept: list[Problem] = field(default_factory=list)
    count: int = 0

    def add(self, origin: str, field_name: str, message: str) -> None:
        self.count += 1
        if len(self.kept) < MAX_KEPT_PROBLEMS:
            self.kept.append(Problem(origin, field_name, message))

    def lines(self) -> list[str]:
        lines = [str(problem) for problem in self.kept]
        if self.count > len(self.kept):
            lines.append(f"... and {self.count - len(self.kept)} more problems")
        return lines


class ImportFailed(Exception):
    """The file has bad rows and nothing was written (the transaction was rolled back)."""

    def __init__(self, problems: ProblemLog):
        self.problems = problems
        super().__init__(f"{problems.count} problem(s) found; nothing was written")


class UnreadableSource(Exception):
    """The file cannot be read at all (missing, wrong format, broken JSON or zip)."""
