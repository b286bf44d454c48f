# The two commands of KPI Explorer: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501

.PHONY: run test lint format sample clean bench messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

## Start the app on the bundled sample data.
run: $(VENV)/.runtime
	$(BIN)/python -m streamlit run app.py --server.port $(PORT)

## Install what the tests need (Debian's chromium for the browser tests) and run the whole suite.
test: $(VENV)/.dev
	@command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || $(MAKE) --no-print-directory chromium
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

chromium:
	@if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

lint:
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format:
	$(BIN)/ruff format . && $(BIN)/ruff check --fix .

## Regenerate the bundled sample data (deterministic).
sample: $(VENV)/.runtime
	$(BIN)/python sample_data/generate.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

## The loader's benchmark at 1 M rows (generated files in benchmarks/.data/, gitignored).
bench: $(VENV)/.runtime
	$(BIN)/python -m benchmarks.run --rows 1000000 --json

## Words: move leftover en_*.py dicts into the English catalog, extract every message key into
## kpi/i18n/locale/messages.pot, update each language's .po and compile the .mo (commit all).
LOCALES := kpi/i18n/locale
messages: $(VENV)/.runtime
	PYTHONPATH=. $(BIN)/python -m kpi.i18n.migrate
	PYTHONPATH=. $(BIN)/pybabel extract -F babel.cfg -o $(LOCALES)/messages.pot --no-location \
		--sort-output --width 100 --no-default-keywords -k t -k tm -k tn:1,2 --project "KPI Explorer" .
	$(BIN)/pybabel update -i $(LOCALES)/messages.pot -d $(LOCALES) -D messages --width 100 \
		--no-fuzzy-matching
	$(BIN)/pybabel compile -d $(LOCALES) -D messages --statistics
