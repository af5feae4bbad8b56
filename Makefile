# Two commands on a fresh machine with Python 3.11+: `make demo` and `make test`.
# Settings default to production (DEBUG unset = off); these targets are local work: DEBUG=1.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
PYTEST_ARGS ?=

.PHONY: demo test install install-dev migrate seed serve bench clean

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

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

migrate: install
	DEBUG=1 $(PY) manage.py migrate --noinput --verbosity 0

seed: migrate
	DEBUG=1 $(PY) manage.py seed_demo

serve:
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

demo: seed serve

test: install-dev
	DEBUG=1 $(PY) -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
