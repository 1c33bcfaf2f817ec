"""Berichte → Hintergrundaufgaben: the beat schedule in German with the next runs, and recent
runs with failures first; only for superusers and groups granted the permission."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from django_celery_results.models import TaskResult

from home.editorial_roles import REDAKTION

pytestmark = pytest.mark.django_db

URL = "/admin/berichte/hintergrundaufgaben/"


def user(name, *, superuser=False, group=REDAKTION):
    model = get_user_model()
    if superuser:
        return model.objects.create_superuser(name, f"{name}@example.org", "pw")
    account = model.objects.create_user(name, f"{name}@example.org", "pw")
    account.groups.add(Group.objects.get(name=group))
    return account


def stored_run(name, status, *, error=None, minutes_ago=5):
    done = timezone.now() - timezone.timedelta(minutes=minutes_ago)
    result = (
        json.dumps({"exc_type": error[0], "exc_message": [error[1]], "exc_module": "builtins"})
        if error
        else "null"
    )
    return TaskResult.objects.create(
        task_id=f"{name}-{status}-{minutes_ago}",
        task_name=name,
        status=status,
        result=result,
        date_done=done,
        task_args="()",
        traceback=f"Traceback …\n{error[0]}: {error[1]}" if error else None,
    )


def test_url_is_under_reports():
    assert reverse("task_report") == URL


def test_superuser_sees_schedule_with_next_runs(client):
    client.force_login(user("admin", superuser=True))
    html = client.get(URL).content.decode()
    assert "Hintergrundaufgaben" in html
    assert "Zeitgesteuertes Veröffentlichen" in html and "jede Minute" in html
    assert "täglich um 03:30 Uhr" in html  # the nightly index rebuild
    assert "montags um 04:00 Uhr" in html  # the query-log clean-up
    assert "täglich um 02:15 Uhr" in html  # offer expiry
    assert "Nächster Lauf" in html
    assert "noch nicht gelaufen" in html


def test_failures_come_first_with_their_error(client, django_assert_max_num_queries):
    stored_run("search.index_objects", "SUCCESS", minutes_ago=1)
    stored_run("search.rebuild", "FAILURE", error=("OperationalError", "Datenbank weg"))
    stored_run("offers.expire_offers", "SUCCESS", minutes_ago=10)
    client.force_login(user("admin", superuser=True))

    with django_assert_max_num_queries(25):
        html = client.get(URL).content.decode()

    failures = html.index('id="fehler"')
    assert failures < html.index("OperationalError: Datenbank weg") < html.index('id="zeitplan"')
    assert "Fehlgeschlagen" in html and "Erfolgreich" in html
    # the schedule row of the rebuild shows that its last run failed
    schedule = html[html.index('id="zeitplan"') :]
    assert "Fehlgeschlagen" in schedule[: schedule.index('id="letzte"')]


def test_editors_without_permission_are_refused_and_see_no_menu_entry(client):
    client.force_login(user("redaktion"))
    response = client.get(URL)
    assert response.status_code in (302, 403)  # Wagtail sends them back to the dashboard
    assert "Nächster Lauf" not in response.content.decode()
    assert URL not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_group_granted_the_permission_sees_the_report(client):
    group = Group.objects.get(name=REDAKTION)
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="django_celery_results", codename="view_taskresult"
        )
    )
    client.force_login(user("leitung"))
    assert client.get(URL).status_code == 200
    assert URL in client.get(reverse("wagtailadmin_home")).content.decode()


def test_permission_can_be_granted_in_the_group_editor(client):
    client.force_login(user("admin", superuser=True))
    group = Group.objects.get(name=REDAKTION)
    html = client.get(reverse("wagtailusers_groups:edit", args=[group.pk])).content.decode()
    permission = Permission.objects.get(codename="view_taskresult")
    assert f'value="{permission.pk}"' in html
