"""A visitor switches a page to plain language and back; plain-language pages pass axe."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_navigation import check_accessibility

PLAIN_PAGES = [
    "/leichte-sprache/",
    "/leichte-sprache/suche/?q=Kita",
]


def switch(page, label):
    page.get_by_role("navigation", name="Sprache").get_by_role(
        "link", name=re.compile(f"^{label}")
    ).click()


def test_visitor_switches_to_plain_language_and_back(page):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "de"
    switch(page, "Leichte Sprache")
    expect(page).to_have_url(re.compile(r"/leichte-sprache/$"))
    assert page.locator("html").get_attribute("lang") == "de-x-ls"
    assert "lang-plain" in page.locator("body").get_attribute("class")

    # a translated section, then back to its German original
    plain_link = page.locator("nav.main-nav a").first
    plain_title = plain_link.inner_text()
    plain_link.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    plain_url = page.url
    assert "/leichte-sprache/" in plain_url
    switch(page, "Deutsch")
    assert "/leichte-sprache/" not in page.url
    assert page.locator("html").get_attribute("lang") == "de"
    switch(page, "Leichte Sprache")
    assert page.url == plain_url
    assert page.locator("nav.main-nav a").first.inner_text() == plain_title


def test_page_without_plain_version_leads_to_plain_home_with_notice(page):
    page.goto("/")
    page.get_by_role("contentinfo").get_by_role("link", name="Impressum").click()
    switch(page, "Leichte Sprache")
    expect(page).to_have_url(re.compile(r"/leichte-sprache/\?fehlt=1$"))
    expect(page.locator("main").get_by_role("status")).to_contain_text(
        "noch nicht in Leichter Sprache"
    )


def test_plain_language_pages_linked_from_the_plain_home_have_no_wcag_violations(page):
    page.goto("/leichte-sprache/")
    links = page.locator("main a[href^='/leichte-sprache/']")
    targets = {links.nth(index).get_attribute("href") for index in range(links.count())}
    assert targets, "the plain home page links to plain-language pages"
    for path in sorted(targets)[:6]:
        check_accessibility(page, path)


@pytest.mark.parametrize("path", PLAIN_PAGES)
def test_plain_language_page_has_no_wcag_violations(page, path):
    check_accessibility(page, path)
