"""Cluster configuration that the settings read (no model imports here)."""


def german_index_settings(words=(), synonyms=()):
    """The analysis chain of the cluster index: German normalisation (ä → a, ae → a, ß → ss),
    the light German stemmer, a dictionary decompounder for compound parts, and the editors'
    synonyms (Solr format "BNE, Bildung für nachhaltige Entwicklung")."""
    filters = {
        "german_decompounder": {
            "type": "dictionary_decompounder",
            "word_list": sorted(words) or ["bildung"],
            "min_subword_size": 4,
            "only_longest_match": True,
        },
        "german_stemmer": {"type": "stemmer", "language": "light_german"},
        "german_synonyms": {
            "type": "synonym_graph",
            "synonyms": list(synonyms) or ["kita, kindertagesstaette"],
            "lenient": True,
        },
    }
    chain = ["lowercase", "german_decompounder", "german_normalization", "german_stemmer"]
    return {
        "settings": {
            "analysis": {
                "filter": filters,
                "analyzer": {
                    # fields without an explicit analyzer use "default"
                    "default": {"type": "custom", "tokenizer": "standard", "filter": chain},
                    "default_search": {
                        "type": "custom",
                        "tokenizer": "standard",
                        "filter": ["lowercase", "german_synonyms", *chain[1:]],
                    },
                },
            }
        }
    }


def backend_settings(env_url, kind):
    """WAGTAILSEARCH_BACKENDS entry for a cluster URL (called by the settings)."""
    backend = (
        "wagtail.search.backends.elasticsearch8"
        if kind == "elasticsearch"
        else "wagtail.search.backends.opensearch3"
    )
    return {
        "BACKEND": backend,
        "URLS": [env_url],
        "INDEX_PREFIX": "bildung_",
        "TIMEOUT": 5,
        "OPTIONS": {"max_retries": 0},
        "INDEX_SETTINGS": german_index_settings(),
    }
