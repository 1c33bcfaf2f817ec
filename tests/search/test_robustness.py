"""No query string makes the search fail: whatever a person or a bot sends, the answer is a
result (200) or a German explanation of the bad parameter (400), never a server error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PARAMETERS = [
    "q",
    "locale",
    "type",
    "page",
    "page_size",
    "topic",
    "life_phase",
    "audience",
    "district",
    "format",
    "free",
    "accessibility",
    "date_from",
    "date_to",
    "age",
]
# Anything Unicode can encode (control characters, NUL, lone surrogates excluded only because
# a URL cannot carry them), plus the German and markup characters people actually type.
ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=250)
TYPED_TEXT = st.text(
    alphabet="aäbcdeöfghijklmnopqrsßtuüvwxyz ÄÖÜ-–„“'\"<>&%_*:()0123456789", max_size=60
)
VALUES = st.one_of(
    ANY_TEXT,
    TYPED_TEXT,
    st.integers(-(10**12), 10**12).map(str),
    st.sampled_from(["bne", "mint", "kinder", "buckau", "online", "true", "2026-12-01", "de"]),
)
QUERY_STRINGS = st.dictionaries(st.sampled_from(PARAMETERS), st.lists(VALUES, max_size=3))
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def assert_answered(response):
    assert response.status_code in (200, 400), response.content[:500]
    if response.status_code == 400 and response["Content-Type"].startswith("application/json"):
        body = response.json()
        assert body["error"] and body["field"]


@pytest.mark.django_db
@SETTINGS
@given(params=QUERY_STRINGS)
def test_search_api_never_fails(client, corpus, params):
    assert_answered(client.get("/api/v2/search/", params))


@pytest.mark.django_db
@SETTINGS
@given(q=st.one_of(ANY_TEXT, TYPED_TEXT), locale=st.sampled_from([None, "de", "xx", "\x00"]))
def test_autocomplete_never_fails(client, corpus, q, locale):
    params = {"q": q} if locale is None else {"q": q, "locale": locale}
    assert_answered(client.get("/api/v2/search/autocomplete/", params))


@pytest.mark.django_db
@SETTINGS
@given(params=QUERY_STRINGS)
def test_search_page_never_fails(client, corpus, params):
    assert_answered(client.get("/suche/", params))


@pytest.mark.parametrize(
    "q",
    [
        "\x00",
        "Kita\x00BNE",
        "' OR 1=1 --",
        "a & b | !c",
        "(:*",
        "%_%",
        "<script>alert(1)</script>",
        "\u200b\u200b",
        "ﬁ Straße",
        "😀 Kita",
        "x" * 200,
        " ".join(["Kita"] * 100),
    ],
)
def test_awkward_queries_are_answered(client, corpus, q):
    expected = 200 if len(" ".join(q.split())) <= 200 else 400  # the contract's limit
    assert client.get("/api/v2/search/", {"q": q}).status_code == expected
    assert client.get("/suche/", {"q": q}).status_code == expected
    assert_answered(client.get("/api/v2/search/autocomplete/", {"q": q}))
