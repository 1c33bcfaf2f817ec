# Two commands do everything: `make run` serves the demo site, `make test` runs every test.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install run migrate demo test test-unit test-browser test-search-emulator chromium gettext nginx messages lint format check lock bench clean

help: ## List the available commands
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(PY):
	python3 -m venv $(VENV)

# Reinstall only when the dependency declaration or the lock file changed.
$(STAMP): pyproject.toml requirements.lock | $(PY)
	$(PY) -m pip install --quiet --upgrade "pip>=24"
	$(PY) -m pip install --quiet -c requirements.lock -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the locked dependencies

migrate: install ## Apply database migrations
	$(PY) manage.py migrate --noinput

demo: migrate ## Load the demo content (idempotent)
	$(PY) manage.py load_demo_content

run: demo ## Set up everything and serve the site on http://127.0.0.1:8000/
	$(PY) manage.py runserver --noreload $(HOST):$(PORT)

test: install chromium gettext nginx ## Run the whole test suite (lint, checks, unit and browser tests, search on the OpenSearch emulator)
	$(MAKE) --no-print-directory lint check
	$(PY) -m pytest
	$(MAKE) --no-print-directory test-search-emulator

test-search-emulator: install ## Run the search tests again through the OpenSearch backend (osmem-server emulator)
	$(PY) tests/search/emulator.py -p no:cacheprovider

test-unit: install ## Run the tests without the browser tests
	$(PY) -m pytest -m "not browser"

chromium: ## Install Debian's chromium for the browser tests when it is missing (needs root)
	@[ -x /usr/bin/chromium ] || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	  else echo "Bitte Debians Chromium installieren: sudo apt-get install chromium"; exit 1; fi; }

nginx: ## Install nginx with the cache purge module (front-cache tests) and wrk (bench) when missing (needs root)
	@{ command -v nginx >/dev/null && [ -e /usr/lib/nginx/modules/ngx_http_cache_purge_module.so ] && command -v wrk >/dev/null; } || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq nginx libnginx-mod-http-cache-purge wrk; \
	  else echo "Bitte nginx, das Purge-Modul und wrk installieren: sudo apt-get install nginx libnginx-mod-http-cache-purge wrk"; exit 1; fi; }

gettext: ## Install GNU gettext for the catalogue check when it is missing (needs root)
	@command -v xgettext >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq gettext; \
	  else echo "Bitte GNU gettext installieren: sudo apt-get install gettext"; exit 1; fi; }

messages: install gettext ## Update the UI text catalogues in locale/ (German complete, plain-language texts)
	$(PY) manage.py update_catalogues

test-browser: install chromium ## Run only the Playwright browser tests (needs Debian's chromium)
	$(PY) -m pytest -m browser

lint: install ## ruff check and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install ## Format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: install ## Django system checks and a check for missing migrations
	DJANGO_SETTINGS_MODULE=bildung.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=bildung.settings.test $(PY) manage.py makemigrations --check --dry-run

lock: | $(PY) ## Re-resolve the dependencies and rewrite requirements.lock
	$(PY) -m pip install --quiet -e ".[dev]"
	( echo "# Locked versions for every install: pip install -c requirements.lock -e '.[dev]'"; \
	  echo "# Regenerate with: make lock"; \
	  $(PY) -m pip freeze --exclude-editable | grep -v '^-e' ) > requirements.lock
	touch $(STAMP)

bench: install ## Run the benchmark scripts (see bench/README.md)
	@for script in bench/*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean: ## Remove the virtual environment, the SQLite database and uploaded media
	rm -rf $(VENV) db.sqlite3 media test-artifacts
