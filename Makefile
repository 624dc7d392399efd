# The two commands of the README: `make run` and `make test`.
VENV ?= .venv
PYTHON ?= python3
BIN = $(VENV)/bin
STAMP = $(VENV)/.installed
HOST ?= 127.0.0.1:8000

.PHONY: run test bench lint format messages clean

$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c requirements.lock -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/cadre demo
	$(BIN)/cadre serve --bind $(HOST)

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python bench/run.py

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix . && $(BIN)/ruff format .

# Refresh the catalogue after changing user-facing text; commit both .po and .mo.
messages: $(STAMP)
	cd cadre && ../$(BIN)/django-admin makemessages -l zh_Hans --no-obsolete --no-location --no-wrap
	cd cadre && ../$(BIN)/django-admin compilemessages -l zh_Hans

clean:
	rm -rf $(VENV) var
