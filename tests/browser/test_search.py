"""A citizen searches the site the way people type: with a typo, then narrows to offers."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_navigation import check_accessibility


def result_count(page):
    text = page.locator("main").get_by_role("status").inner_text()
    return int(re.search(r"\d+", text).group())


def test_citizen_searches_with_a_typo_follows_the_suggestion_and_narrows_to_offers(page):
    page.goto("/suche/")
    box = page.locator("main").get_by_role("searchbox", name="Suchbegriff")
    box.fill("Kindergarden")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"q=Kindergarden"))
    page.get_by_role("link", name=re.compile("kindergarten", re.I)).click()
    expect(page.locator("main").get_by_role("status")).to_contain_text("Kindergarten")
    everything = result_count(page)
    assert everything >= 3
    assert page.locator("ol.search-results mark").count() >= 1

    tabs = page.get_by_role("navigation", name="Art der Ergebnisse")
    tabs.get_by_role("link", name=re.compile("^Angebote")).click()
    expect(tabs.get_by_role("link", name=re.compile("^Angebote"))).to_have_attribute(
        "aria-current", "page"
    )
    offers = result_count(page)
    assert 0 < offers <= everything

    page.get_by_role("group", name="Kosten").get_by_label(re.compile("^kostenlos")).check()
    page.get_by_role("button", name="Filter anwenden").click()
    expect(page).to_have_url(re.compile(r"free=true"))
    assert result_count(page) <= offers

    first = page.locator("ol.search-results h3 a").first
    title = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


@pytest.mark.parametrize(
    "path",
    [
        "/suche/",
        "/suche/?q=Kita&type=offer",
        "/suche/?q=Quantenchromodynamik",
        "/suche/?q=Shulgarten",
        "/suche/?q=Kita&topic=gibt-es-nicht",
    ],
)
def test_search_page_states_have_no_wcag_violations(page, path):
    check_accessibility(page, path)
