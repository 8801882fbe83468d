"""Guessing a staff password: the sign-in locks by account and by client (issue 10).

Before django-axes, 100 wrong passwords in 52 seconds were followed by the
right one being accepted.
"""

from datetime import timedelta
from io import StringIO

import pytest
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db

PASSWORD = "a long staff passphrase 7"
ATTACKER = "203.0.113.9"
ELSEWHERE = "198.51.100.20"


@pytest.fixture
def staff(django_user_model, settings):
    # A fast hash: the lock is under test here, not the password's storage.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    django_user_model.objects.create_user("coordinator", password=PASSWORD, is_staff=True)
    django_user_model.objects.create_user("outreach", password=PASSWORD, is_staff=True)


def sign_in(username: str, password: str, address: str = ATTACKER, **headers: str):
    client = Client(REMOTE_ADDR=address, **headers)
    credentials = {"username": username, "password": password}
    response = client.post("/admin/login/?next=/admin/", credentials)
    response.signed_in = "_auth_user_id" in client.session
    return response


def guess(times: int, username: str = "coordinator", address: str = ATTACKER) -> None:
    for n in range(times):
        sign_in(username, f"guess {n}", address)


def test_a_hundred_wrong_passwords_then_the_right_one_is_refused(staff):
    guess(100)
    response = sign_in("coordinator", PASSWORD)
    assert response.status_code == 429
    assert not response.signed_in
    page = response.content.decode()
    assert "Sign-in paused" in page
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert f"Try again in {minutes} minutes." in page


def test_the_account_is_locked_from_every_client(staff):
    guess(settings.AXES_FAILURE_LIMIT)
    assert not sign_in("coordinator", PASSWORD, address=ELSEWHERE).signed_in


def test_the_client_is_locked_for_every_account(staff):
    guess(settings.AXES_FAILURE_LIMIT)
    response = sign_in("outreach", PASSWORD)
    assert response.status_code == 429 and not response.signed_in
    # Another person at another client, with another account, is not affected.
    assert sign_in("outreach", PASSWORD, address=ELSEWHERE).signed_in


def test_fewer_failures_than_the_limit_lock_nothing(staff):
    guess(settings.AXES_FAILURE_LIMIT - 1)
    assert sign_in("coordinator", PASSWORD).signed_in


def test_the_lock_lifts_after_the_cool_off(staff):
    guess(settings.AXES_FAILURE_LIMIT + 3)
    assert not sign_in("coordinator", PASSWORD).signed_in
    long_ago = timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(minutes=1)
    AccessAttempt.objects.update(attempt_time=long_ago)
    assert sign_in("coordinator", PASSWORD).signed_in
    # The expired failures were deleted, not only ignored.
    assert not AccessAttempt.objects.exists()


@pytest.mark.parametrize(
    "command",
    [["axes_reset"], ["axes_reset_username", "coordinator"], ["axes_reset_client", ATTACKER]],
)
def test_an_operator_can_unlock_at_once(staff, command):
    guess(settings.AXES_FAILURE_LIMIT + 3)
    assert not sign_in("coordinator", PASSWORD).signed_in
    call_command(*command, stdout=StringIO())
    assert sign_in("coordinator", PASSWORD).signed_in


def test_no_client_address_is_stored_and_no_sign_in_is_logged(staff):
    guess(2)
    assert sign_in("coordinator", PASSWORD, address=ELSEWHERE).signed_in
    stored = set(AccessAttempt.objects.values_list("ip_address", flat=True))
    assert len(stored) == 1
    (key,) = stored
    assert key != ATTACKER and key.startswith("2001:db8:")
    assert not AccessLog.objects.exists()


def test_a_client_behind_a_trusted_proxy_is_told_apart(staff, settings):
    settings.HRKIT = {**settings.HRKIT, "PROXY_COUNT": 1}
    proxy = "10.0.0.2"
    guess_headers = {"HTTP_X_FORWARDED_FOR": f"192.0.2.1, {ATTACKER}"}
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in("coordinator", f"guess {n}", proxy, **guess_headers)
    # Another person behind the same proxy signs in to another account.
    assert sign_in("outreach", PASSWORD, proxy, HTTP_X_FORWARDED_FOR=ELSEWHERE).signed_in
    # The client cannot escape its lock by writing its own X-Forwarded-For.
    forged = {"HTTP_X_FORWARDED_FOR": f"{ELSEWHERE}, {ATTACKER}"}
    assert not sign_in("outreach", PASSWORD, proxy, **forged).signed_in


def test_the_lock_out_page_is_in_spanish_for_a_spanish_browser(staff):
    guess(settings.AXES_FAILURE_LIMIT)
    response = sign_in("coordinator", PASSWORD, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 429
    assert 'lang="es"' in response.content.decode()
    assert "Inicio de sesión en pausa" in response.content.decode()
