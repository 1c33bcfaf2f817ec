"""A visitor's browser talks only to the site, keeps no cookie and reports no violation of the
Content-Security-Policy, on every page type, in both languages, and when sending a form."""

import pytest

from tests.browser.test_navigation import EXTRA_PAGES, PAGE_TYPES

PLAIN_PAGES = ["/leichte-sprache/", "/leichte-sprache/suche/?q=Schule"]
OTHER_PAGES = ["/sitemap.xml", "/api/v2/pages/", "/api/v2/docs/"]


@pytest.fixture
def watched(page, live_site):
    """The page, with every request URL and every console message it caused."""
    seen = {"requests": [], "console": []}
    page.on("request", lambda request: seen["requests"].append(request.url))
    page.on("console", lambda message: seen["console"].append(message.text))
    return page, seen


def assert_private(page, seen, live_site):
    outside = [url for url in seen["requests"] if not url.startswith(live_site["base_url"] + "/")]
    assert outside == []
    assert page.context.cookies() == []
    violations = [
        text for text in seen["console"] if "Content Security Policy" in text or "Refused" in text
    ]
    assert violations == []


def every_public_url(live_site):
    urls = [live_site["urls"][page_type] for page_type in PAGE_TYPES]
    return [*urls, *EXTRA_PAGES.values(), *PLAIN_PAGES, *OTHER_PAGES]


def test_no_page_sets_a_cookie_or_loads_anything_from_elsewhere(watched, live_site):
    page, seen = watched
    for url in every_public_url(live_site):
        response = page.goto(url)
        assert response is not None and response.status in (200, 404), url
        page.wait_for_load_state("networkidle")
    assert len(seen["requests"]) >= len(every_public_url(live_site))
    assert_private(page, seen, live_site)


def test_a_form_sent_by_the_browser_is_accepted_without_a_cookie(watched, live_site):
    page, seen = watched
    page.goto(live_site["urls"]["home.FormPage"])
    form = page.locator("form.page-form")
    for field in form.locator("input:not([type=hidden]):not([type=checkbox]), textarea").all():
        kind = field.get_attribute("type") or "text"
        field.fill("besucher@example.org" if kind == "email" else "Eine Nachricht")
    for box in form.locator("input[type=checkbox]").all():
        box.check()
    with page.expect_navigation():
        form.get_by_role("button", name="Absenden").click()
    assert "nicht angenommen" not in page.content()
    assert page.locator("main").inner_text().strip()
    assert_private(page, seen, live_site)


def test_the_policy_really_blocks_an_inline_script(page, live_site):
    """Guards the checks above: the header must stop a script injected into a page."""
    page.goto("/")
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = true'; document.body.append(s); }"
    )
    assert page.evaluate("() => window.injected === true") is False
