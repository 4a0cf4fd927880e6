# The two commands of the README: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: run test test-fast setup browser-deps clean bench

$(BIN)/tdkt: pyproject.toml
	@PY=$$(scripts/find-python) || exit 1; \
	  if [ ! -x $(BIN)/python ] || ! $(BIN)/python -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)'; then \
	    echo "Creating $(VENV) with $$PY"; rm -rf $(VENV); "$$PY" -m venv $(VENV) || exit 1; fi
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]' --config-settings editable_mode=compat
	@touch $(BIN)/tdkt

setup: $(BIN)/tdkt

# Start the application on SQLite with the demo city (http://127.0.0.1:8000).
run: setup
	@scripts/install-system-deps || echo "Tiếp tục không có các gói trên: bản PDF của quyết định và bằng, giấy khen sẽ chưa được tạo."
	@scripts/run

browser-deps:
	@scripts/install-system-deps

# The whole suite, browser tests included (they need Debian's chromium).
test: setup browser-deps
	$(BIN)/pytest -n 2 $(PYTEST_ARGS)

# Without the browser tests.
test-fast: setup
	$(BIN)/pytest -n 2 -m "not browser" $(PYTEST_ARGS)

bench: setup
	$(BIN)/python bench/eligibility.py

clean:
	rm -rf $(VENV) var
