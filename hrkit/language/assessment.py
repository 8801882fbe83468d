"""The coalition self-assessment: questions from data, answers into a summary."""

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data" / "coalition_assessment.yaml"
ANSWERS = ("yes", "partly", "no", "unsure")


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    suggestion: str
    links_to_checker: bool


@dataclass(frozen=True)
class Strategy:
    id: str
    title: str
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Answered:
    question: Question
    answer: str

    @property
    def needs_work(self) -> bool:
        return self.answer != "yes"


@cache
def _data() -> dict:
    return yaml.safe_load(DATA.read_text(encoding="utf-8"))


def source() -> dict:
    return _data()["source"]


def strategies(language: str) -> list[Strategy]:
    def pick(text: dict) -> str:
        return text.get(language, text["en"])

    return [
        Strategy(
            id=s["id"],
            title=pick(s["title"]),
            questions=tuple(
                Question(
                    key=f"{s['id']}.{q['id']}",
                    text=pick(q["text"]),
                    suggestion=pick(q["suggestion"]),
                    links_to_checker=bool(q.get("checker", False)),
                )
                for q in s["questions"]
            ),
        )
        for s in _data()["strategies"]
    ]


def summarize(answers: dict[str, str], language: str) -> list[tuple[Strategy, list[Answered]]]:
    """Each strategy with its answered questions; unanswered ones count as unsure."""

    def answer(key: str) -> str:
        given = answers.get(key, "unsure")
        return given if given in ANSWERS else "unsure"

    return [
        (strategy, [Answered(q, answer(q.key)) for q in strategy.questions])
        for strategy in strategies(language)
    ]
