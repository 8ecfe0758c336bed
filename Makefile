# Two entry points: `make demo` builds the docs, `make test` runs the suite.
# Both create .venv on first use and reinstall when pyproject.toml changes.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SPHINXOPTS ?= -W --keep-going

.PHONY: demo test locale clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

# HTML always; the PDFs (the docs and one per example letter) where latexmk exists.
demo: $(BIN)/.installed
	$(BIN)/python -m sphinx $(SPHINXOPTS) -b html docs docs/_build/html
	@echo "HTML: docs/_build/html/index.html"
	@if command -v latexmk >/dev/null 2>&1; then \
		$(BIN)/python -m sphinx -M latexpdf docs docs/_build $(SPHINXOPTS) -q && \
		echo "PDF:" && ls docs/_build/latex/*.pdf; \
	else \
		echo "PDF skipped: latexmk not found (Debian: apt-get install latexmk" \
			"texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended" \
			"texlive-lang-european tex-gyre)"; \
	fi

test: $(BIN)/.installed
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Regenerate the message catalogs after changing translatable strings.
locale: $(BIN)/.installed
	$(BIN)/python scripts/babel_runner.py

clean:
	rm -rf docs/_build .pytest_cache
