# Two commands set up a fresh machine: `make demo` and `make test` (see README.md).
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OUT ?= output

.PHONY: demo test install compile pure system lint bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# setup.py compiles the build's hot path with mypyc (about a minute); GRAPHBUILD_PURE=1 skips it.
# nlp-id only lends its POS-tagged corpus to the optional tagger of `graphbuild ner-eval`; its
# metadata pins old numpy/scikit-learn it does not need here, so it is installed without them.
$(STAMP): $(BIN)/python setup.cfg setup.py pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	$(BIN)/pip install --quiet --no-deps nlp-id==0.1.23.0
	touch $(STAMP)

# Importing graphbuild refuses a compiled module older than its source: compile again then.
install: $(STAMP)
	@$(BIN)/python -c "import graphbuild" 2>/dev/null || $(MAKE) --no-print-directory compile

compile: pure $(BIN)/python
	$(BIN)/pip install --quiet --no-deps -e .

# Removes the compiled modules, to edit their sources and test without compiling each time
# (`make compile` brings them back).
pure:
	find graphbuild -name '*.so' -delete

demo: install
	$(BIN)/graphbuild build examples/demo -o $(OUT)

# Debian's Chromium (browser tests) and raptor (rapper checks the Turtle export); where apt is
# not ours to use, the tests that need them are skipped with a message.
system:
	@missing=""; command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v rapper >/dev/null 2>&1 || missing="$$missing raptor2-utils"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && apt-get install -y -qq $$missing) >/dev/null 2>&1 \
	      || echo "could not install$$missing: tests needing them will be skipped"; \
	  else echo "not installed:$$missing: tests needing them will be skipped"; fi; \
	fi

test: install system
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check graphbuild tests

bench: install
	$(BIN)/python -m graphbuild.bench

clean: pure
	rm -rf $(VENV) build *.egg-info
