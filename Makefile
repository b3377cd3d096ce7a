# One virtual environment for everything; it is rebuilt when pyproject.toml changes or another
# Python is asked for (PYTHON=python3.13 make test).
PYTHON ?= python3
PYTHON_VERSION := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-python$(PYTHON_VERSION)

.PHONY: demo test check bench clean sandbox

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13) and \
	  f"dlgrade needs Python 3.11 to 3.13, and $(PYTHON) is {sys.version.split()[0]} (set PYTHON=...)")'
	$(PYTHON) -m venv --clear $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# Student code runs in a bubblewrap sandbox where the machine has one. Install it where we can
# (Debian or Ubuntu, as root); elsewhere grading still works, with process isolation only.
sandbox:
	@command -v bwrap >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  { DEBIAN_FRONTEND=noninteractive apt-get install -y -q bubblewrap >/dev/null 2>&1 || \
	    { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q bubblewrap >/dev/null; }; }; } || \
	  echo "note: bubblewrap (bwrap) is not installed: student code will run with process isolation only"

# Grades the bundled example and runs the course's experiments with it (it has planted mistakes,
# so `grade` exits 1: that is expected).
demo: $(STAMP) sandbox
	@$(BIN)/grade submit examples/demo_submission --experiments --html demo-report.html --json demo-report.json; \
	  status=$$?; [ $$status -le 1 ] || exit $$status
	@echo "Demo report: $(CURDIR)/demo-report.html (JSON: $(CURDIR)/demo-report.json)"

test: $(STAMP) sandbox
	$(BIN)/pytest -n 2 -q -rs

# The quick loop while coding: the fast tests of every area, one corpus snippet of each kind
# (tests marked slow are left out). `make test` runs everything before a commit.
check: $(STAMP)
	$(BIN)/pytest -n 2 -q -m "not slow"

bench: $(STAMP)
	$(BIN)/python bench/submit.py
	$(BIN)/python bench/batch.py
	$(BIN)/python bench/experiments.py

clean:
	rm -rf $(VENV) build dist *.egg-info demo-report.html demo-report.json grade-report.html
