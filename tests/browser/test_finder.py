"""A citizen narrows the offers with the finder form and opens one."""

import re

from playwright.sync_api import expect


def result_count(page):
    text = page.get_by_role("status").first.inner_text()
    return int(re.search(r"\d+", text).group())


def test_citizen_filters_the_finder_and_opens_an_offer(page, live_site):
    page.goto(live_site["urls"]["offers.FinderPage"])
    everything = result_count(page)
    assert everything >= 20

    page.get_by_role("group", name="Thema").get_by_label(re.compile("^MINT")).check()
    page.get_by_role("button", name="Filter anwenden").click()
    expect(page).to_have_url(re.compile(r"topic=mint"))
    with_topic = result_count(page)
    assert 0 < with_topic < everything

    page.get_by_label("Alter in Jahren").fill("9")
    page.get_by_role("button", name="Filter anwenden").click()
    expect(page).to_have_url(re.compile(r"age=9"))
    assert result_count(page) <= with_topic

    first = page.locator(".offer-list h3 a").first
    title = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    assert "MINT" in page.locator("main").inner_text()


def test_nothing_found_offers_to_drop_a_filter(page, live_site):
    page.goto(live_site["urls"]["offers.FinderPage"] + "?topic=mint&district=pechau&age=99")
    expect(page.get_by_text("Leider passt kein Angebot")).to_be_visible()
    page.get_by_role("link", name=re.compile("„Pechau“ entfernen")).click()
    assert "pechau" not in page.url
