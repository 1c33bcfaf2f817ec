"""Editors submit, reviewers approve, pages go live; scheduled pages publish themselves."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from home.editorial_roles import FREIGABE, REDAKTION, UEBERSETZUNG, WORKFLOW_NAME
from tests.factories import NewsIndexPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db


def member_of(group_name, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_editorial_groups_exist_with_admin_access():
    for name in (REDAKTION, FREIGABE, UEBERSETZUNG):
        group = Group.objects.get(name=name)
        assert group.permissions.filter(codename="access_admin").exists()


def test_whole_site_is_under_the_moderation_workflow(home_page):
    workflow = home_page.get_workflow()
    assert workflow is not None and workflow.name == WORKFLOW_NAME


def test_editor_cannot_publish_but_reviewer_can(home_page):
    editor = member_of(REDAKTION, "redakteurin")
    reviewer = member_of(FREIGABE, "pruefer")
    assert home_page.permissions_for_user(editor).can_edit()
    assert not home_page.permissions_for_user(editor).can_publish()
    assert home_page.permissions_for_user(reviewer).can_publish()


def test_submit_approve_goes_live(client, home_page):
    index = NewsIndexPageFactory(parent=home_page)
    page = NewsPageFactory(parent=index, title="Entwurf zur Praxismesse", live=False)
    editor = member_of(REDAKTION, "redakteur")
    reviewer = member_of(FREIGABE, "freigeberin")

    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.post(
        edit_url,
        {
            "title": page.title,
            "slug": page.slug,
            "date": "2026-11-20",
            "teaser": "Die Praxismesse zeigte 40 Projekte.",
            "body-count": "0",
            "comments-TOTAL_FORMS": "0",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "1000",
            "action-submit": "action-submit",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page.refresh_from_db()
    assert not page.live
    state = page.current_workflow_state
    assert state is not None and state.status == "in_progress"

    client.force_login(reviewer)
    task_state = state.current_task_state
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk]
    )
    response = client.post(approve_url, {"comment": "Passt."})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live
    assert page.teaser == "Die Praxismesse zeigte 40 Projekte."


def test_publish_scheduled_publishes_a_page_whose_time_has_come(client, home_page):
    index = NewsIndexPageFactory(parent=home_page)
    page = NewsPageFactory(parent=index, title="Geplante Meldung", live=False)
    revision = page.save_revision()
    revision.approved_go_live_at = timezone.now() - datetime.timedelta(minutes=1)
    revision.save()
    assert client.get(page.url if page.url else "/aktuelles/geplante-meldung/").status_code == 404

    call_command("publish_scheduled")

    page = Page.objects.get(pk=page.pk)
    assert page.live
    assert client.get(page.url).status_code == 200


def test_restricted_pages_stay_out_of_listings(client, home_page):
    index = NewsIndexPageFactory(parent=home_page)
    secret = NewsPageFactory(parent=index, title="Interne Notiz")
    PageViewRestriction.objects.create(page=secret, restriction_type="login")
    assert "Interne Notiz" not in client.get(index.url).content.decode()
