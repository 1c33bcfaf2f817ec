"""A visitor finds the news from the home page, and every page type passes axe-core."""

import pytest
from axe_playwright_python.sync_playwright import Axe

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
PAGE_TYPES = [
    "home.HomePage",
    "home.StandardPage",
    "home.FormPage",
    "articles.NewsIndexPage",
    "articles.NewsPage",
    "articles.TopicIndexPage",
    "articles.TopicPage",
    "articles.LeitbildPage",
    "articles.LeitbildChapterPage",
    "articles.CommitteeIndexPage",
    "articles.CommitteePage",
    "articles.ReportIndexPage",
    "articles.ReportPage",
    "articles.EventIndexPage",
    "articles.EventPage",
    "offers.FinderPage",
    "offers.Offer",
]
EXTRA_PAGES = {
    "leitbild-druckansicht": "/bildungsleitbild/druck/",
    "suche": "/suche/?q=Bildung",
    "nicht-gefunden": "/diese-seite-gibt-es-nicht/",
}


def test_visitor_follows_the_navigation_from_home_to_a_news_item(page):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "de"
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role(
        "link", name="Aktuelles"
    ).click()
    page.wait_for_url("**/aktuelles/")
    assert page.get_by_role("heading", level=1).inner_text() == "Aktuelles"
    first_news = page.locator("main article h3 a, main article h2 a").first
    title = first_news.inner_text()
    first_news.click()
    assert page.get_by_role("heading", level=1).inner_text() == title
    assert "©" in page.locator("main").inner_text()


def test_skip_link_is_the_first_focusable_element_and_leads_to_main(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"


def test_no_request_leaves_the_site(page, live_site):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto("/")
    page.goto(live_site["urls"]["articles.NewsPage"])
    outside = [url for url in requested if not url.startswith(live_site["base_url"])]
    assert outside == []


def check_accessibility(page, path):
    response = page.goto(path)
    assert response is not None
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    assert results.violations_count == 0, results.generate_report()
    return response


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_type_has_no_wcag_violations(page, live_site, page_type):
    assert page_type in live_site["urls"], f"the demo content has no {page_type}"
    response = check_accessibility(page, live_site["urls"][page_type])
    assert response.status == 200


@pytest.mark.parametrize("name", EXTRA_PAGES)
def test_special_page_has_no_wcag_violations(page, name):
    check_accessibility(page, EXTRA_PAGES[name])


def test_the_accessibility_check_catches_a_real_violation(page):
    """Guards the checks above: axe must report an image without alt text and an unlabelled
    field, or a broken set-up would let every page pass."""
    page.set_content(
        '<html lang="de"><body><main><h1>Test</h1><img src="data:,">'
        '<input type="text"></main></body></html>'
    )
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    rules = {violation["id"] for violation in results.response["violations"]}
    assert {"image-alt", "label"} <= rules
