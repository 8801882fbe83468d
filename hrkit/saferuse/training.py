"""Overdose response training: the quiz, its marking, and completion codes.

A completion code records only the day of completion. It is signed with the
site's secret key (django.core.signing), so staff can check it without any
stored record and nobody's name or answers are kept.
"""

import base64
import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from django.core import signing
from django.utils.crypto import constant_time_compare

from hrkit.saferuse.catalogue import DATA_DIR, DataError, Text, catalogue, read_yaml, validate

SALT = "hrkit.saferuse.training-code"
EPOCH = date(2024, 1, 1)
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base 32: no I, L, O, U
DAY_DIGITS, NONCE_DIGITS, MAC_DIGITS = 3, 3, 6


@dataclass(frozen=True)
class Choice:
    id: str
    text: Text


@dataclass(frozen=True)
class Question:
    id: str
    prompt: Text
    choices: tuple[Choice, ...]
    answer: str
    explanation: Text
    source: str


@dataclass(frozen=True)
class Quiz:
    pass_mark: int
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class MarkedAnswer:
    question: Question
    given: str | None

    @property
    def correct(self) -> bool:
        return self.given == self.question.answer


@dataclass(frozen=True)
class QuizResult:
    answers: tuple[MarkedAnswer, ...]
    pass_mark: int

    @property
    def score(self) -> int:
        return sum(a.correct for a in self.answers)

    @property
    def passed(self) -> bool:
        return self.score >= self.pass_mark


def load_quiz(path: Path = DATA_DIR / "quiz.yaml") -> Quiz:
    raw = read_yaml(path)
    validate(raw, "quiz", path)
    questions = []
    for q in raw["questions"]:
        if q["source"] not in catalogue().sources:
            raise DataError(f"quiz.yaml: source {q['source']!r} is not in sources.yaml")
        if q["answer"] not in {c["id"] for c in q["choices"]}:
            raise DataError(f"quiz.yaml: the answer to {q['id']!r} is not one of its choices")
        questions.append(
            Question(
                id=q["id"],
                prompt=Text(**q["prompt"]),
                choices=tuple(Choice(c["id"], Text(en=c["en"], es=c["es"])) for c in q["choices"]),
                answer=q["answer"],
                explanation=Text(**q["explanation"]),
                source=q["source"],
            )
        )
    if not 0 < raw["pass_mark"] <= len(questions):
        raise DataError("quiz.yaml: pass_mark must be between 1 and the number of questions")
    return Quiz(raw["pass_mark"], tuple(questions))


@cache
def quiz() -> Quiz:
    return load_quiz()


def mark_quiz(answers: dict[str, str]) -> QuizResult:
    """Mark answers given as {question id: choice id}; a missing answer is wrong."""
    current = quiz()
    marked = tuple(MarkedAnswer(q, answers.get(q.id)) for q in current.questions)
    return QuizResult(marked, current.pass_mark)


def _encode(number: int, digits: int) -> str:
    out = []
    for _ in range(digits):
        number, remainder = divmod(number, 32)
        out.append(ALPHABET[remainder])
    return "".join(reversed(out))


def _decode(text: str) -> int:
    number = 0
    for ch in text:
        number = number * 32 + ALPHABET.index(ch)
    return number


def _mac(payload: str) -> str:
    signature = signing.Signer(salt=SALT, algorithm="sha256").signature(payload)
    digest = base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4))
    return _encode(int.from_bytes(digest[:8], "big"), MAC_DIGITS)


def issue_completion_code(completed_on: date) -> str:
    """A 12-character code like 0K3-A7Q-9XZ2TM: day, random part, signature."""
    days = (completed_on - EPOCH).days
    payload = _encode(days, DAY_DIGITS) + _encode(secrets.randbelow(32**NONCE_DIGITS), NONCE_DIGITS)
    code = payload + _mac(payload)
    return f"{code[:4]}-{code[4:8]}-{code[8:]}"


def normalise_code(code: str) -> str:
    cleaned = "".join(code.upper().split()).replace("-", "")
    # People read codes aloud and copy them by hand: O and I/L are 0 and 1.
    return cleaned.translate(str.maketrans("OIL", "011"))


def verify_completion_code(code: str, today: date) -> date | None:
    """The completion day a genuine code carries, or None for anything else."""
    cleaned = normalise_code(code)
    size = DAY_DIGITS + NONCE_DIGITS + MAC_DIGITS
    if len(cleaned) != size or any(ch not in ALPHABET for ch in cleaned):
        return None
    payload, mac = cleaned[: DAY_DIGITS + NONCE_DIGITS], cleaned[DAY_DIGITS + NONCE_DIGITS :]
    if not constant_time_compare(mac, _mac(payload)):
        return None
    completed_on = EPOCH + timedelta(days=_decode(payload[:DAY_DIGITS]))
    return completed_on if completed_on <= today else None
