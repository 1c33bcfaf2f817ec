"""Editors maintain synonyms in the admin and read which searches are frequent or find
nothing; translators and other admin users do not see the query log."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from home.editorial_roles import FREIGABE, REDAKTION, UEBERSETZUNG
from search import analysis
from search.models import QueryLogEntry, Synonym
from search.query import build_plan

pytestmark = pytest.mark.django_db

FREQUENT = reverse("search_reports:frequent_queries")
ZERO = reverse("search_reports:zero_result_queries")
SYNONYMS = reverse("wagtailsnippets_search_synonym:list")
ADD_SYNONYM = reverse("wagtailsnippets_search_synonym:add")
SEARCH_PERMISSIONS = {
    "add_synonym",
    "change_synonym",
    "delete_synonym",
    "view_synonym",
    "view_querylogentry",
}
TOO_FEW_TERMS = "Bitte mindestens zwei Begriffe durch Komma getrennt angeben."


def user_in(group):
    user = get_user_model().objects.create_user(f"u-{group}", "u@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


def log(query, days_ago, hits, results, locale_code="de"):
    return QueryLogEntry.objects.create(
        day=timezone.localdate() - datetime.timedelta(days=days_ago),
        query=query,
        locale_code=locale_code,
        hits=hits,
        results=results,
    )


def rows(response):
    return [
        (row["query"], row["locale_code"], row["searches"])
        for row in response.context["object_list"]
    ]


@pytest.fixture
def editor_client(client):
    client.force_login(user_in(REDAKTION))
    return client


@pytest.fixture
def query_log():
    log("kita", 0, hits=2, results=4)
    log("kita", 3, hits=3, results=12)
    log("kita", 10, hits=5, results=12)
    log("mentoring", 1, hits=4, results=0)
    log("mentoring", 2, hits=4, results=0)
    log("bne", 0, hits=6, results=0)  # found something before, nothing today
    log("bne", 5, hits=1, results=3)
    log("lernpaten", 0, hits=1, results=2)  # found nothing before, something today
    log("lernpaten", 4, hits=3, results=0)
    log("ferien", 45, hits=100, results=0)  # outside the default 30 days


def test_frequent_queries_sums_searches_and_orders_by_them(editor_client, query_log):
    response = editor_client.get(FREQUENT)
    assert response.status_code == 200
    assert rows(response) == [
        ("kita", "de", 10),
        ("mentoring", "de", 8),
        ("bne", "de", 7),
        ("lernpaten", "de", 4),
    ]


def test_frequent_queries_show_the_results_of_the_latest_day(editor_client, query_log):
    response = editor_client.get(FREQUENT)
    latest = {row["query"]: row["latest_results"] for row in response.context["object_list"]}
    assert latest == {"kita": 4, "mentoring": 0, "bne": 0, "lernpaten": 2}


def test_frequent_queries_period_can_be_widened(editor_client, query_log):
    response = editor_client.get(FREQUENT, {"period": "90"})
    assert rows(response)[0] == ("ferien", "de", 100)
    week = editor_client.get(FREQUENT, {"period": "7"})
    assert ("kita", "de", 5) in rows(week)  # the search ten days ago is not counted


def test_filter_changes_refresh_the_results_fragment(editor_client, query_log):
    results = reverse("search_reports:frequent_queries_results")
    response = editor_client.get(results, {"period": "90"})
    assert response.status_code == 200
    assert rows(response)[0] == ("ferien", "de", 100)
    assert "<html" not in response.content.decode()


def test_reports_filter_by_locale(editor_client, query_log):
    log("kita", 0, hits=50, results=1, locale_code="en")
    assert ("kita", "en", 50) in rows(editor_client.get(FREQUENT))
    german = rows(editor_client.get(FREQUENT, {"locale_code": "de"}))
    assert german[0] == ("kita", "de", 10)
    assert all(locale_code == "de" for _query, locale_code, _searches in german)


def test_frequent_queries_render_an_accessible_german_table(editor_client, query_log):
    html = editor_client.get(FREQUENT).content.decode()
    assert '<caption class="w-sr-only">Häufige Suchanfragen, nach Anzahl der Suchen' in html
    for heading in ("Suchanfrage", "Sprache", "Anzahl Suchen", "Treffer (zuletzt)"):
        assert heading in html
    assert "Deutsch" in html
    cells = re.findall(r"<td\s*>\s*([^<]+?)\s*</td>", html)
    assert cells[:5] == ["kita", "Deutsch", "10", "4", timezone.localdate().strftime("%d.%m.%Y")]


def test_zero_result_report_lists_only_queries_whose_latest_search_found_nothing(
    editor_client, query_log
):
    response = editor_client.get(ZERO)
    assert response.status_code == 200
    assert rows(response) == [("mentoring", "de", 8), ("bne", "de", 7)]
    wider = editor_client.get(ZERO, {"period": "365"})
    assert rows(wider) == [("ferien", "de", 100), ("mentoring", "de", 8), ("bne", "de", 7)]


def test_zero_result_rows_link_to_a_prefilled_synonym_form(editor_client, query_log):
    html = editor_client.get(ZERO).content.decode()
    assert f'href="{ADD_SYNONYM}?variants=mentoring%2C+"' in html
    form = editor_client.get(ADD_SYNONYM, {"variants": "mentoring, "})
    assert form.context["form"].initial["variants"] == "mentoring, "


def csv_lines(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content).decode().splitlines()


def test_reports_can_be_exported_as_csv(editor_client, query_log):
    today = timezone.localdate().isoformat()
    frequent = csv_lines(editor_client.get(FREQUENT, {"export": "csv"}))
    assert frequent[0] == "Suchanfrage,Sprache,Anzahl Suchen,Treffer (zuletzt),Zuletzt gesucht"
    assert frequent[1] == f"kita,de,10,4,{today}"
    assert len(frequent) == 5
    zero = csv_lines(editor_client.get(ZERO, {"export": "csv"}))
    assert zero[0] == "Suchanfrage,Sprache,Anzahl Suchen,Zuletzt gesucht"
    assert zero[1].startswith("mentoring,de,8,")
    assert len(zero) == 3


@pytest.mark.parametrize("url", [FREQUENT, ZERO])
def test_report_query_count_does_not_grow_with_the_rows(
    url, editor_client, django_assert_max_num_queries
):
    for number in range(60):  # more than one page of 50
        log(f"anfrage {number}", number % 20, hits=number + 1, results=0)
        log(f"anfrage {number}", 25, hits=1, results=0)
    editor_client.get(url)  # warm the caches (content languages, locales) before counting
    # The admin's own queries (session, user, permissions, the two-factor device and grant
    # lookups, menu) and at most three for the report: the count, the grouped page and the
    # latest results of its rows.
    with django_assert_max_num_queries(15):
        response = editor_client.get(url)
    assert len(response.context["object_list"]) == 50
    assert response.context["object_list"][0]["searches"] == 61


@pytest.mark.parametrize("group", [REDAKTION, FREIGABE])
def test_editorial_groups_may_read_the_reports(client, query_log, group):
    client.force_login(user_in(group))
    assert client.get(FREQUENT).status_code == 200
    assert client.get(ZERO).status_code == 200


@pytest.mark.parametrize("url", [FREQUENT, ZERO])
def test_translators_are_refused(client, query_log, url):
    client.force_login(user_in(UEBERSETZUNG))
    response = client.get(url, follow=True)
    assert response.redirect_chain == [(reverse("wagtailadmin_home"), 302)]
    assert [str(message).strip() for message in response.context["messages"]] == [
        "Sie haben leider keinen Zugang zu diesem Bereich."
    ]
    assert "mentoring" not in response.content.decode()


def test_admin_users_without_the_permission_are_refused(client, query_log):
    user = get_user_model().objects.create_user("nur-admin", "a@example.org", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(FREQUENT)["Location"] == reverse("wagtailadmin_home")
    assert client.get(reverse("search_reports:frequent_queries_results")).status_code == 302


def test_editors_find_synonyms_and_reports_in_the_menu(editor_client):
    html = editor_client.get(reverse("wagtailadmin_home")).content.decode()
    assert html.count(f'"url": "{SYNONYMS}"') == 1
    for url in (FREQUENT, ZERO):  # under "Berichte" and under "Suche"
        assert html.count(f'"url": "{url}"') == 2
    # the sidebar's menu is JSON, with non-ASCII letters escaped
    assert '"label": "Synonyme und Abk\\u00fcrzungen"' in html
    assert '"label": "Suche"' in html


def test_translators_do_not_see_the_search_menu(client):
    client.force_login(user_in(UEBERSETZUNG))
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    for url in (SYNONYMS, FREQUENT, ZERO):
        assert url not in html
    assert client.get(SYNONYMS)["Location"] == reverse("wagtailadmin_home")


@pytest.mark.parametrize(
    ("group", "granted"),
    [
        (REDAKTION, SEARCH_PERMISSIONS),
        (FREIGABE, SEARCH_PERMISSIONS),
        (UEBERSETZUNG, set()),
    ],
)
def test_data_migration_grants_the_search_permissions(group, granted):
    codenames = Group.objects.get(name=group).permissions.filter(content_type__app_label="search")
    assert set(codenames.values_list("codename", flat=True)) == granted


def test_editor_creates_a_synonym_that_the_search_then_uses(editor_client):
    assert analysis.stem("Lernpaten") not in build_plan("Mentoring", fuzzy=False).stems
    response = editor_client.post(ADD_SYNONYM, {"variants": "Lernpaten, Mentoring", "note": ""})
    assert response.status_code == 302
    assert Synonym.objects.filter(variants="Lernpaten, Mentoring").exists()
    assert analysis.stem("Lernpaten") in build_plan("Mentoring", fuzzy=False).stems


@pytest.mark.parametrize(
    ("variants", "error"),
    [
        ("Mentoring", TOO_FEW_TERMS),
        ("Mentoring, ", TOO_FEW_TERMS),
        (f"Mentoring, {'x' * 101}", "Ein Begriff darf höchstens 100 Zeichen haben."),
    ],
)
def test_invalid_synonym_shows_the_german_error_and_saves_nothing(editor_client, variants, error):
    before = Synonym.objects.count()
    response = editor_client.post(ADD_SYNONYM, {"variants": variants, "note": ""})
    assert response.status_code == 200
    assert error in response.content.decode()
    assert Synonym.objects.count() == before


def test_synonym_list_searches_the_variants(editor_client):
    response = editor_client.get(SYNONYMS, {"q": "Volkshochschule"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "VHS, Volkshochschule" in html
    assert "Kindertagesstätte" not in html
