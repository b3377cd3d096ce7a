# One virtual environment for everything; it is rebuilt when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11) and "dlgrade needs Python 3.11 (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# Grades the bundled example (it has planted mistakes, so `grade` exits 1: that is expected).
demo: $(STAMP)
	@$(BIN)/grade submit examples/demo_submission --html demo-report.html --json demo-report.json; \
	  status=$$?; [ $$status -le 1 ] || exit $$status
	@echo "Demo report: $(CURDIR)/demo-report.html (JSON: $(CURDIR)/demo-report.json)"

test: $(STAMP)
	$(BIN)/pytest -n 2 -q

bench: $(STAMP)
	$(BIN)/python bench/submit.py

clean:
	rm -rf $(VENV) build dist *.egg-info demo-report.html demo-report.json grade-report.html
