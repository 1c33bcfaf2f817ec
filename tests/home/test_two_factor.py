"""Optional two-factor login (wagtail-2fa): an editor who adds an authenticator app must give
its current code before the admin opens; a wrong code keeps the admin shut; editors without a
device work as before, unless their group is made to use two factors."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

PASSWORD = "richtig-und-lang-genug"  # noqa: S105
VERIFY = "/admin/2fa/auth"


def code(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


@pytest.fixture
def editor():
    user = get_user_model().objects.create_user("redakteurin", "r@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name="Redaktion"))
    return user


def log_in(client, user):
    response = client.post(
        "/admin/login/", {"username": user.username, "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302, "password login failed"


def test_editor_without_a_device_works_as_before(client, editor):
    log_in(client, editor)
    response = client.get("/admin/pages/")
    assert response.status_code == 200


def test_editor_with_a_device_must_give_the_code(client, editor):
    device = TOTPDevice.objects.create(user=editor, name="Telefon", confirmed=True)
    log_in(client, editor)

    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)

    form = client.get(response["Location"])
    assert form.status_code == 200
    assert "Geben Sie den Code aus Ihrer Authenticator-App ein" in form.content.decode()

    wrong = f"{(int(code(device)) + 1) % 10**6:06d}"
    refused = client.post(VERIFY, {"otp_token": wrong, "next": "/admin/pages/"})
    assert refused.status_code == 200
    assert "Der Code stimmt nicht" in refused.content.decode()
    assert client.get("/admin/pages/")["Location"].startswith(VERIFY)

    device.refresh_from_db()
    device.throttling_failure_count = 0  # django-otp slows repeated wrong codes down
    device.throttling_failure_timestamp = None
    device.save()
    accepted = client.post(VERIFY, {"otp_token": code(device), "next": "/admin/pages/"})
    assert accepted.status_code == 302, accepted.context["form"].errors
    assert accepted["Location"] == "/admin/pages/"
    assert client.get("/admin/pages/").status_code == 200


def test_a_group_made_to_use_two_factors_is_sent_to_set_up_a_device(client, editor):
    group = Group.objects.get(name="Redaktion")
    group.permissions.add(Permission.objects.get(codename="enable_2fa"))
    log_in(client, editor)

    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/2fa/devices/new")

    setup = client.get("/admin/2fa/devices/new")
    assert setup.status_code == 200
    page = setup.content.decode()
    assert "QR-Code" in page
    device = TOTPDevice.objects.get(user=editor, confirmed=False)

    confirmed = client.post(
        "/admin/2fa/devices/new",
        {"name": "Diensthandy", "otp_token": code(device), "password": PASSWORD},
    )
    assert confirmed.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/admin/pages/").status_code == 200


def test_a_stolen_password_alone_does_not_open_the_api_drafts_or_the_django_admin(client, editor):
    TOTPDevice.objects.create(user=editor, name="Telefon", confirmed=True)
    log_in(client, editor)
    for url in ("/admin/", "/admin/pages/", "/admin/users/", "/django-admin/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert VERIFY in response["Location"] or "/login/" in response["Location"], url


def test_visitors_pages_do_not_pass_the_two_factor_check(client, home_page):
    response = client.get(home_page.url)
    assert response.status_code == 200
    assert not response.cookies


def test_with_two_apps_the_code_of_either_opens_the_admin(client, editor):
    TOTPDevice.objects.create(user=editor, name="Telefon", confirmed=True)
    tablet = TOTPDevice.objects.create(user=editor, name="Tablet", confirmed=True)
    log_in(client, editor)
    accepted = client.post(VERIFY, {"otp_token": code(tablet), "next": "/admin/pages/"})
    assert accepted.status_code == 302
    assert client.get("/admin/pages/").status_code == 200


def test_editor_finds_the_device_settings_in_the_account_settings(client, editor):
    log_in(client, editor)
    menu = client.get("/admin/account/").content.decode()
    devices = f"/admin/2fa/devices/{editor.pk}"
    assert devices in menu
    assert "Zwei-Faktor-Geräte" in menu or "Zwei-Faktor-Ger\\u00e4te" in menu
    listing = client.get(devices)
    assert listing.status_code == 200
    assert "Für dieses Konto ist kein Gerät eingerichtet." in listing.content.decode()
    assert client.get("/admin/2fa/devices/new").status_code == 200


def test_an_administrator_reaches_an_editors_devices_from_the_user_listing(client, editor):
    TOTPDevice.objects.create(user=editor, name="Verlorenes Telefon", confirmed=True)
    admin = get_user_model().objects.create_superuser("admin", "a@example.org", PASSWORD)
    log_in(client, admin)
    listing = client.get("/admin/users/").content.decode()
    assert f"/admin/2fa/devices/{editor.pk}" in listing
    devices = client.get(f"/admin/2fa/devices/{editor.pk}")
    assert devices.status_code == 200
    assert "Verlorenes Telefon" in devices.content.decode()


def test_an_administrator_can_make_two_factors_compulsory_for_a_group(client):
    admin = get_user_model().objects.create_superuser("admin", "a@example.org", PASSWORD)
    log_in(client, admin)
    group = Group.objects.get(name="Redaktion")
    permission = Permission.objects.get(codename="enable_2fa")
    form = client.get(f"/admin/groups/edit/{group.pk}/").content.decode()
    assert f'value="{permission.pk}"' in form
