"""Elasticsearch and OpenSearch: the generated index settings and mappings (checked without a
server), the database fallback when the cluster is unreachable, and, when a cluster is
configured, that it really serves the search.

CI runs the whole search suite a second time with OPENSEARCH_URL pointing at the osmem-server
emulator; tests that need a real Elasticsearch run only when ELASTICSEARCH_URL is set."""

import logging
import os

import pytest
from django.core.management import call_command
from modelsearch.backends import get_search_backend

from search import backends
from search.cluster_config import backend_settings, german_index_settings
from search.models import SearchDocument, Synonym

API = "/api/v2/search/"
UNREACHABLE = "http://127.0.0.1:9"  # discard port: nothing listens, the connection is refused


@pytest.fixture(autouse=True)
def _cluster_available():
    """Each test starts with the cluster considered reachable."""
    backends._down_until["value"] = 0.0
    yield
    backends._down_until["value"] = 0.0


def mapping_of(kind):
    config = backend_settings(UNREACHABLE, kind)
    path = config.pop("BACKEND")
    backend = get_search_backend(path, **config)  # builds a client; connects only on use
    return backend, backend.mapping_class(SearchDocument).get_mapping()


# ------------------------------------------------------------------ generated configuration


def test_german_analysis_chain():
    settings = german_index_settings(
        words=["schul", "garten"], synonyms=["bne, bildung fur nachhaltige entwicklung"]
    )["settings"]["analysis"]
    index_chain = settings["analyzer"]["default"]["filter"]
    query_chain = settings["analyzer"]["default_search"]["filter"]
    assert index_chain == [
        "lowercase",
        "german_decompounder",
        "german_normalization",
        "german_stemmer",
    ]
    assert query_chain == ["lowercase", "german_synonyms", *index_chain[1:]]
    assert settings["filter"]["german_stemmer"] == {"type": "stemmer", "language": "light_german"}
    assert settings["filter"]["german_decompounder"]["type"] == "dictionary_decompounder"
    assert settings["filter"]["german_decompounder"]["word_list"] == ["garten", "schul"]
    assert settings["filter"]["german_synonyms"]["synonyms"] == [
        "bne, bildung fur nachhaltige entwicklung"
    ]


@pytest.mark.parametrize(
    ("kind", "module"),
    [("elasticsearch", "elasticsearch8"), ("opensearch", "opensearch3")],
)
def test_backend_settings_select_wagtails_backend(kind, module):
    config = backend_settings("https://search.example.org:9200", kind)
    assert config["BACKEND"] == f"wagtail.search.backends.{module}"
    assert config["URLS"] == ["https://search.example.org:9200"]
    assert config["INDEX_PREFIX"] == "bildung_"
    backend, _mapping = mapping_of(kind)
    analysis = backend.settings["settings"]["analysis"]
    # Wagtail's own analyzers (autocomplete) stay, ours are added
    assert {"default", "default_search", "edgengram_analyzer"} <= set(analysis["analyzer"])


@pytest.mark.parametrize("kind", ["elasticsearch", "opensearch"])
def test_mapping_of_search_documents(kind):
    _backend, mapping = mapping_of(kind)
    properties = mapping["properties"]
    assert properties["title_terms"]["type"] == "text"
    assert "analyzer" not in properties["title_terms"]  # the index's German "default" applies
    assert properties["kind_filter"] == {"type": "keyword"}
    assert properties["locale_id_filter"] == {"type": "integer"}
    assert properties["title_edgengrams"]["analyzer"] == "edgengram_analyzer"  # autocomplete
    # title terms weigh more than topics, topics more than the summary, the body least
    boosts = {name: _boost(properties[name]) for name in ("title_terms", "topic_terms")}
    boosts.update({name: _boost(properties[name]) for name in ("summary_terms", "body_terms")})
    assert boosts == {"title_terms": 5.0, "topic_terms": 3.0, "summary_terms": 2.0, "body_terms": 1}


def _boost(field):
    """The boost Wagtail encodes in the name of the catch-all field a field is copied to."""
    copied = field["copy_to"] if isinstance(field["copy_to"], list) else [field["copy_to"]]
    boosted = [name for name in copied if name.startswith("_all_text_boost_")]
    return float(boosted[0].removeprefix("_all_text_boost_").replace("_", ".")) if boosted else 1


def test_update_index_puts_known_compound_parts_and_synonyms_into_the_analysis(
    settings, corpus, monkeypatch
):
    """update_index hands the cluster the words and synonyms of this site."""
    Synonym.objects.create(variants="Lernpaten, Mentoring")
    words, synonyms = backends.analysis_words_and_synonyms()
    assert "garten" in words  # from "Schulgarten"
    assert "lernpaten, mentoring" in synonyms
    assert "bne, bildung fur nachhaltige entwicklung" in synonyms  # seeded


# ------------------------------------------------------------------------ fallback to the DB


@pytest.fixture
def unreachable_cluster(settings):
    settings.WAGTAILSEARCH_BACKENDS = {"default": backend_settings(UNREACHABLE, "opensearch")}
    return settings


def test_unreachable_cluster_falls_back_to_the_database(
    client, corpus, unreachable_cluster, caplog
):
    with caplog.at_level(logging.WARNING, logger="search.backends"):
        response = client.get(API, {"q": "Schulgarten"})
    assert response.status_code == 200
    assert response["X-Search-Backend"] == "database"
    assert "Neuer Schulgarten in Buckau eröffnet" in [
        r["title"] for r in response.json()["results"]
    ]
    assert any("Suchcluster nicht erreichbar" in record.message for record in caplog.records)


def test_after_a_failure_the_database_answers_without_waiting_for_the_cluster(
    client, corpus, unreachable_cluster, caplog
):
    client.get(API, {"q": "Schulgarten"})
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="search.backends"):
        assert client.get(API, {"q": "Kinder"}).status_code == 200
    assert not caplog.records  # the cluster is not asked again during RETRY_AFTER


def test_publishing_while_the_cluster_is_down_keeps_the_database_index(
    client, corpus, unreachable_cluster
):
    from tests.search.conftest import publish

    page = corpus["pages"]["uebergang"]
    page.title = "Übergang in die Schule gestalten"
    publish(page)
    assert SearchDocument.objects.get(kind="page", object_id=page.pk).title == page.title
    titles = [r["title"] for r in client.get(API, {"q": "gestalten"}).json()["results"]]
    assert titles == ["Übergang in die Schule gestalten"]


def test_search_page_also_falls_back(client, corpus, unreachable_cluster):
    response = client.get("/suche/", {"q": "Schulgarten"})
    assert response.status_code == 200
    assert "Neuer Schulgarten in Buckau eröffnet" in response.content.decode()


# ------------------------------------------------------------- with a configured cluster only

needs_cluster = pytest.mark.skipif(
    backends.cluster() is None,
    reason="no OPENSEARCH_URL or ELASTICSEARCH_URL set: the database backend serves",
)
needs_elasticsearch = pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"),
    reason="needs a real Elasticsearch server (set ELASTICSEARCH_URL); none can run here",
)


@needs_cluster
def test_configured_cluster_serves_the_search(client, corpus):
    response = client.get(API, {"q": "Schulgarten"})
    assert response["X-Search-Backend"] != "database"
    assert "Neuer Schulgarten in Buckau eröffnet" in [
        r["title"] for r in response.json()["results"]
    ]


@needs_cluster
def test_update_index_rebuilds_the_cluster_index(client, corpus):
    call_command("update_index", verbosity=0)
    response = client.get(API, {"q": "Kindertagesstätte"})
    assert response["X-Search-Backend"] != "database"
    assert "Vorlesestunde in der Kindertagesstätte" in [
        r["title"] for r in response.json()["results"]
    ]


@needs_elasticsearch
def test_elasticsearch_applies_the_german_chain(corpus):
    """The real server's analyzer: umlaut folding and light German stemming."""
    backend = backends.cluster()
    index = backend.get_index_for_model(SearchDocument)
    analysed = backend.es.indices.analyze(
        index=index.name, analyzer="default", text="Übergänge Kindern"
    )
    assert [token["token"] for token in analysed["tokens"]] == ["ubergang", "kind"]
