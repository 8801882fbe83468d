from datetime import date, timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client

from hrkit.saferuse.training import (
    issue_completion_code,
    mark_quiz,
    quiz,
    verify_completion_code,
)

TODAY = date(2026, 3, 14)


def right_answers() -> dict[str, str]:
    return {q.id: q.answer for q in quiz().questions}


def test_a_genuine_code_gives_back_its_day_however_it_is_typed():
    code = issue_completion_code(TODAY)
    assert len(code.replace("-", "")) == 12
    assert verify_completion_code(code, TODAY) == TODAY
    assert verify_completion_code(code.lower().replace("-", " "), TODAY) == TODAY
    assert verify_completion_code(code.replace("0", "O"), TODAY) == TODAY


def test_a_changed_code_is_rejected():
    code = issue_completion_code(TODAY)
    last = code[-1]
    tampered = code[:-1] + ("A" if last != "A" else "B")
    assert verify_completion_code(tampered, TODAY) is None
    assert verify_completion_code("", TODAY) is None
    assert verify_completion_code("not a code at all", TODAY) is None


def test_a_code_dated_in_the_future_is_rejected():
    code = issue_completion_code(TODAY + timedelta(days=3))
    assert verify_completion_code(code, TODAY) is None


def test_codes_signed_with_another_key_are_rejected(settings):
    code = issue_completion_code(TODAY)
    settings.SECRET_KEY = "a-different-deployment-key-" * 2
    assert verify_completion_code(code, TODAY) is None


def test_two_people_finishing_the_same_day_get_different_codes():
    assert len({issue_completion_code(TODAY) for _ in range(20)}) > 1


def test_marking_needs_the_pass_mark():
    answers = right_answers()
    assert mark_quiz(answers).passed
    wrong = dict(answers)
    for question in quiz().questions[: len(answers) - quiz().pass_mark + 1]:
        wrong[question.id] = "zz"
    assert not mark_quiz(wrong).passed
    assert mark_quiz({}).score == 0


def test_passing_the_quiz_shows_a_code_that_staff_can_check(client: Client, db):
    page = client.post("/safer-use/training/", right_answers()).content.decode()
    code = page.split('<p class="code">')[1].split("</p>")[0].strip()
    staff = User.objects.create_user("coordinator", password="x", is_staff=True)
    client.force_login(staff)
    checked = client.get("/safer-use/staff/training-codes/", {"code": code}).content.decode()
    assert "Valid: training completed on" in checked


def test_failing_the_quiz_gives_feedback_and_no_code(client: Client):
    page = client.post("/safer-use/training/", {"signs": "b"}).content.decode()
    assert 'class="code"' not in page
    assert "Not quite." in page and "large pupils and a racing heart" in page


def test_staff_check_needs_a_staff_login(client: Client, db):
    assert client.get("/safer-use/staff/training-codes/").status_code == 302
    client.force_login(User.objects.create_user("volunteer", password="x"))
    assert client.get("/safer-use/staff/training-codes/").status_code == 302


@pytest.mark.parametrize("code", ["AAAA-BBBB-CCCC", "12345"])
def test_staff_check_says_when_a_code_is_not_valid(client: Client, db, code: str):
    client.force_login(User.objects.create_user("coordinator", password="x", is_staff=True))
    page = client.get("/safer-use/staff/training-codes/", {"code": code}).content.decode()
    assert "This code is not valid." in page
