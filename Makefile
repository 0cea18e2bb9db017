# CityTies: `make run` serves the platform with the demo scenario; `make test` runs every check.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev
PO_FILES := $(wildcard cityties/locale/*/LC_MESSAGES/django.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: run test lint typecheck messages check-messages bench load vendor clean

run: $(STAMP_RUN) $(MO_FILES)
	$(PY) -m cityties migrate --noinput
	$(PY) -m cityties demo --if-empty
	$(PY) -m cityties serve

# The Debian packages the suite needs (browser, PDF, gettext): installed when missing if
# run as root, otherwise the one apt-get line to run is printed and the target stops.
# The suite runs on every core (at most four: each browser test starts a Chromium), a
# test file per worker so a module's fixtures are built once; PYTEST_ARGS replaces this.
PYTEST_ARGS ?= -n auto --maxprocesses 4 --dist loadfile

test: $(STAMP_DEV) $(MO_FILES)
	scripts/system-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy cityties benchmarks
	$(VENV)/bin/lint-imports
	TASKS_BACKEND=immediate $(PY) -m cityties makemigrations --check --dry-run
	$(PY) scripts/check_translations.py
	TASKS_BACKEND=immediate $(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP_DEV)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: $(STAMP_DEV) $(MO_FILES)
	$(PY) benchmarks/scheduler.py
	$(PY) benchmarks/network.py
	$(PY) benchmarks/delegations.py
	$(PY) benchmarks/pavilion.py
	$(PY) benchmarks/solidarity.py
	$(PY) benchmarks/homestays.py
	$(PY) benchmarks/matchmaking.py
	$(PY) benchmarks/outcomes.py

# Gunicorn (3 workers) on PostgreSQL under 50 concurrent sessions; needs DATABASE_URL's server.
load: $(STAMP_DEV) $(MO_FILES)
	$(PY) benchmarks/load.py $(LOAD_ARGS)

# Refresh the French catalogue from the code (needs GNU gettext), then compile it.
messages: $(STAMP_DEV)
	$(PY) scripts/check_translations.py --update-only

check-messages: $(STAMP_DEV)
	$(PY) scripts/check_translations.py

$(VENV)/bin/python:
	@PYBIN="$$(scripts/find-python)" || exit 1; \
	echo "Creating $(VENV) with $$PYBIN"; "$$PYBIN" -m venv $(VENV)

$(STAMP_RUN): pyproject.toml constraints.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e .
	@touch $@

$(STAMP_DEV): $(STAMP_RUN)
	$(PY) -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $@

# Compiled with Babel, so running the platform needs no system gettext.
%.mo: %.po | $(STAMP_RUN)
	$(VENV)/bin/pybabel compile --use-fuzzy -i $< -o $@ --statistics 2>/dev/null || \
	$(VENV)/bin/pybabel compile -i $< -o $@

# Re-copy the vendored front-end assets from the npm registry (versions in VENDORED.md).
vendor:
	rm -rf var/npm && mkdir -p var/npm && cd var/npm && npm init -y >/dev/null && \
	npm install --no-audit --no-fund @picocss/pico@2.1.1 leaflet@1.9.4 axe-core@4.14.1 \
	  swagger-ui-dist@5.35.0 jsqr@1.4.0
	cp var/npm/node_modules/@picocss/pico/css/pico.min.css cityties/static/vendor/pico/
	cp -r var/npm/node_modules/leaflet/dist/{leaflet.js,leaflet.css,images} cityties/static/vendor/leaflet/
	cp var/npm/node_modules/axe-core/axe.min.js tests/e2e/vendor/
	cp var/npm/node_modules/jsqr/dist/jsQR.js var/npm/node_modules/jsqr/LICENSE cityties/static/vendor/jsqr/
	cp var/npm/node_modules/swagger-ui-dist/{swagger-ui-bundle.js,swagger-ui-bundle.js.LICENSE.txt,swagger-ui.css,LICENSE,NOTICE} \
	  cityties/static/vendor/swagger-ui/
	# The source maps are not vendored: drop the reference so no request 404s.
	sed -i 's#/\*\# sourceMappingURL=swagger-ui.css.map\*/##' cityties/static/vendor/swagger-ui/swagger-ui.css

clean:
	rm -rf $(VENV) var/static .pytest_cache .mypy_cache .ruff_cache
