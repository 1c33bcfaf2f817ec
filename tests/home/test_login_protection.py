"""The admin login locks an account for the guessing address after repeated wrong passwords
(django-axes), says so in German, logs it, and lets the right person in elsewhere and later."""

import logging

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.test import Client

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "richtig-und-lang-genug"  # noqa: S105


@pytest.fixture
def editor(settings):
    settings.AXES_FAILURE_LIMIT = 3
    return get_user_model().objects.create_superuser(
        "redakteurin", "redaktion@example.org", PASSWORD
    )


def attempt(client, password, username="redakteurin"):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


def test_fewer_wrong_passwords_than_the_limit_still_allow_the_right_one(client, editor):
    for _ in range(2):
        assert attempt(client, "falsch").status_code == 200
    response = attempt(client, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_the_limit_locks_the_account_even_for_the_right_password(client, editor, caplog):
    with caplog.at_level(logging.WARNING, logger="axes"):
        for _ in range(3):
            attempt(client, "falsch")
        response = attempt(client, PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Anmeldung vorübergehend gesperrt" in html
    assert "3-mal falsch eingegeben" in html
    assert "für 15 Minuten gesperrt" in html
    assert "_auth_user_id" not in client.session
    assert "New login failure" in caplog.text  # each failure and the lockout are logged
    assert "after repeated login failures" in caplog.text
    assert AccessAttempt.objects.get(username="redakteurin").failures_since_start >= 3


def test_another_address_is_not_locked_out(client, editor):
    for _ in range(3):
        attempt(client, "falsch")
    elsewhere = Client(REMOTE_ADDR="192.0.2.44")
    assert attempt(elsewhere, PASSWORD).status_code == 302


def test_another_account_is_not_locked_by_guesses_at_one(client, editor):
    get_user_model().objects.create_superuser("kollege", "k@example.org", PASSWORD)
    for _ in range(3):
        attempt(client, "falsch")
    assert attempt(client, PASSWORD, username="kollege").status_code == 302


def test_after_the_cool_off_the_right_password_works_again(client, editor, settings):
    for _ in range(3):
        attempt(client, "falsch")
    assert attempt(client, PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time="2000-01-01T00:00:00Z")  # the cool-off is over
    assert attempt(client, PASSWORD).status_code == 302


def test_an_administrator_lifts_a_lockout_at_once(client, editor):
    from django.core.management import call_command

    for _ in range(3):
        attempt(client, "falsch")
    call_command("axes_reset_username", "redakteurin")
    assert attempt(client, PASSWORD).status_code == 302
