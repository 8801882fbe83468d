"""One shape for every API error.

A client (or a person reading the response) gets::

    {"error": {"code": "invalid", "message": "...", "fields": [{"field": "lat",
     "message": "must be between -90 and 90"}]}}
"""

from dataclasses import dataclass, field


@dataclass
class FieldProblem:
    field: str
    message: str


@dataclass
class ApiError(Exception):
    """Raised by services and views; the API turns it into a JSON response."""

    message: str
    status: int = 400
    code: str = "invalid"
    fields: list[FieldProblem] = field(default_factory=list)

    @classmethod
    def for_field(cls, name: str, message: str, status: int = 400) -> "ApiError":
        return cls(
            message=f"{name}: {message}", status=status, fields=[FieldProblem(name, message)]
        )

    def as_json(self) -> dict:
        body: dict = {"code": self.code, "message": self.message}
        if self.fields:
            body["fields"] = [{"field": p.field, "message": p.message} for p in self.fields]
        return {"error": body}
