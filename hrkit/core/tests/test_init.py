"""`hrkit init` at a terminal: it asks for the first staff account, once.

(tests/test_first_run.py runs it in a child process on a new data folder,
without a terminal.)
"""

import io
from collections.abc import Iterator

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command

from hrkit.core.management.commands import init
from hrkit.directory.models import TaxonomyTerm

PASSPHRASE = "a long enough passphrase"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def no_collecting(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Static files are the child-process tests' business; here they are up to date."""
    monkeypatch.setattr(init, "ensure_static_files", lambda: False)


@pytest.fixture
def answers(monkeypatch) -> Iterator[list[str]]:  # type: ignore[no-untyped-def]
    """What the person types: the prompts read these in turn, passwords included."""
    typed: list[str] = []
    asked: list[str] = []

    def answer(prompt: str = "") -> str:
        asked.append(prompt)
        return typed.pop(0)

    monkeypatch.setattr("builtins.input", answer)
    monkeypatch.setattr("getpass.getpass", answer)
    yield typed
    assert not typed, "not every answer was asked for"


@pytest.mark.django_db
def test_asks_for_the_first_staff_account(answers: list[str]) -> None:
    answers += ["coordinator", "coordinator@example.org", PASSPHRASE, PASSPHRASE]
    out = io.StringIO()
    call_command("init", stdin=Terminal(), stdout=out, stderr=io.StringIO())
    user = get_user_model().objects.get()
    assert (user.username, user.email) == ("coordinator", "coordinator@example.org")
    assert user.is_staff and user.is_superuser and user.check_password(PASSPHRASE)
    assert "Create the first staff account" in out.getvalue()
    assert TaxonomyTerm.objects.count() == 43


@pytest.mark.django_db
def test_asks_nothing_once_there_is_a_staff_account(answers: list[str]) -> None:
    get_user_model().objects.create_superuser("coordinator", password=PASSPHRASE)
    out = io.StringIO()
    call_command("init", stdin=Terminal(), stdout=out)
    call_command("init", stdin=Terminal(), stdout=out)
    assert get_user_model().objects.count() == 1
    assert out.getvalue().count("Staff accounts: coordinator.") == 2


@pytest.mark.django_db
def test_says_how_to_take_demo_data_out(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        apps.get_app_config("directory"), "has_demo_data", lambda: True, raising=False
    )
    out = io.StringIO()
    call_command("init", "--no-input", stdout=out)
    assert "Demo data is loaded; `hrkit demo --remove` takes it out" in out.getvalue()
