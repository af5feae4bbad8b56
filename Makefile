# Two commands on a fresh machine with Python 3.11+: `make demo` and `make test`.
# Settings default to production (DEBUG unset = off); these targets are local work: DEBUG=1.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
PYTEST_ARGS ?=

.PHONY: demo test install install-dev migrate seed serve bench clean fonts graphiql messages translations prod-check

$(VENV)/bin/activate:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed"'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt $(VENV)/bin/activate
	$(PIP) install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt requirements.txt package.json $(VENV)/.installed
	$(PIP) install -q -r requirements-dev.txt
	@# axe-core for the browser accessibility tests; without npm those tests skip, saying why.
	if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; else echo "npm not found: accessibility tests will be skipped"; fi
	touch $@

install: $(VENV)/.installed translations
install-dev: $(VENV)/.installed-dev translations

# Translations: the .po files are the source, the .mo files are built (GNU gettext's msgfmt).
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po locale/oscar/*/LC_MESSAGES/django.po \
	locale/wagtail/*/LC_MESSAGES/django.po))
translations: $(MO_FILES)
%.mo: %.po
	msgfmt --check-format -o $@ $<

# Collect our strings (Python, our apps' and themes' templates, e-mails) into locale/vi and
# locale/en; then translate the new English entries and run `make` again.
messages: install
	DEBUG=1 $(PY) manage.py makemessages -l vi -l en --no-obsolete --no-location \
		--ignore=.venv --ignore=tests --ignore=benchmarks --ignore=media --ignore=staticfiles \
		--ignore=node_modules --ignore=locale

migrate: install
	DEBUG=1 $(PY) manage.py migrate --noinput --verbosity 0

seed: migrate
	DEBUG=1 $(PY) manage.py seed_demo

serve: translations
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

demo: seed serve

# Imports point down only (.importlinter), then the suite, in parallel: pytest-xdist, one
# test database per worker, the demo's tests together on one (tests/xdist_support.py). One
# process: `make test PYTEST_WORKERS=0`.
PYTEST_WORKERS ?= auto
test: install-dev
	$(VENV)/bin/lint-imports
	DEBUG=1 $(PY) -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The production topology on loopback, checked end to end (deploy/prod_check.py): nginx with
# TLS, two gunicorn machines, the worker, Redis, osmem, moto (S3), a fresh PostgreSQL database.
# Needs nginx, redis-server, Chromium and PostgreSQL at 127.0.0.1:5432 (PRODCHECK_ARGS: --keep).
PRODCHECK_ARGS ?=
prod-check: install-dev
	$(PY) deploy/prod_check.py $(PRODCHECK_ARGS)

# The theme's webfont (Be Vietnam Pro, Vietnamese + Latin, 400 and 700) comes from npm, not a
# CDN; the copied files are committed, so only a font upgrade needs this.
FONT_PKG := node_modules/@fontsource/be-vietnam-pro
FONT_DIR := themes/ocop/static/ocop/fonts
fonts:
	npm install --no-audit --no-fund
	mkdir -p $(FONT_DIR)
	cp $(FONT_PKG)/LICENSE $(FONT_DIR)/LICENSE.txt
	for w in 400 700; do for s in vietnamese latin; do \
		cp $(FONT_PKG)/files/be-vietnam-pro-$$s-$$w-normal.woff2 $(FONT_DIR)/; done; done

# GraphiQL for /graphql/ with DEBUG on (graphql_api/views.py), from npm, no CDN:
# the standalone browser builds of graphiql 3 and React 18 with their licences, committed.
# The source-map comment is dropped: the map is not vendored, and the production static
# storage (ManifestStaticFilesStorage) refuses a reference to a missing file.
GRAPHIQL_DIR := graphql_api/static/graphiql
graphiql:
	npm install --no-audit --no-fund
	rm -rf $(GRAPHIQL_DIR)
	mkdir -p $(GRAPHIQL_DIR)
	sed '/^\/\/# sourceMappingURL=/d' node_modules/graphiql/graphiql.min.js > $(GRAPHIQL_DIR)/graphiql.min.js
	cp node_modules/graphiql/graphiql.min.css $(GRAPHIQL_DIR)/
	cp node_modules/react/umd/react.production.min.js node_modules/react-dom/umd/react-dom.production.min.js $(GRAPHIQL_DIR)/
	for pkg in graphiql react react-dom; do cp node_modules/$$pkg/LICENSE $(GRAPHIQL_DIR)/LICENSE-$$pkg.txt; done

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles $(MO_FILES)
