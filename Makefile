# Two commands set up a fresh machine: `make demo` and `make test` (see README.md).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT ?= output

.PHONY: demo test install browser lint bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/graphbuild build examples/demo -o $(OUT)

# Debian's Chromium for the browser tests; skipped quietly where apt is not ours to use.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
	  && (apt-get update -qq && apt-get install -y -qq chromium) >/dev/null 2>&1 \
	  || echo "chromium not installed: browser tests will be skipped"; }

test: install browser
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check graphbuild tests

bench: install
	$(BIN)/python -m graphbuild.bench

clean:
	rm -rf $(VENV) build *.egg-info
