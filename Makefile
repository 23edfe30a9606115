# SenseTrack: `make demo` and `make test` do all the set-up on a fresh Debian 12 machine.
PY := .venv/bin/python
PYTEST := QT_QPA_PLATFORM=offscreen $(PY) -m pytest
NO_QGIS := -p no:pytest_qgis

.PHONY: help setup demo screenshots test test-core test-qgis test-cli fuzz bench bench-correlation sample-data models package transup transcompile transclean clean

help:
	@echo "make demo   - install what is missing, run the trackers on the sample pair (demo-output/)"
	@echo "make test   - install what is missing, run core, QGIS and qgis_process tests"
	@echo "make fuzz   - the full robustness sweep: every algorithm, bad inputs, numbers, destinations (slow)"
	@echo "make bench  - performance and accuracy benchmark"
	@echo "make screenshots - styled maps, legend, report and QGIS dialogs as pictures in docs/"
	@echo "make sample-data - regenerate sample_data/ (pair and time-series stack) from its scripts"
	@echo "make models - rebuild the example models in resources/models from scripts/build_models.py"
	@echo "make package - build sensetrack.zip (QGIS: Install from ZIP)"
	@echo "make transup / transcompile - refresh i18n/*.ts from the code / compile them to .qm"

setup:
	@bash scripts/setup.sh

demo: setup
	@bash scripts/demo.sh

test: setup transcompile
	$(PYTEST) $(NO_QGIS) tests/core
	$(PYTEST) tests/qgis
	$(PYTEST) $(NO_QGIS) tests/cli

test-core: setup
	$(PYTEST) $(NO_QGIS) tests/core

test-qgis: setup
	$(PYTEST) tests/qgis

test-cli: setup
	$(PYTEST) $(NO_QGIS) tests/cli

screenshots: setup
	@command -v chromium >/dev/null && command -v xvfb-run >/dev/null || { \
	  SUDO=""; [ "$$(id -u)" != 0 ] && SUDO=sudo; \
	  $$SUDO apt-get install -y -q --no-install-recommends chromium xvfb; }
	$(PY) scripts/screenshots.py

fuzz: setup
	SENSETRACK_FUZZ=1 $(PYTEST) tests/qgis/test_robustness.py
	SENSETRACK_FUZZ=1 $(PYTEST) $(NO_QGIS) tests/cli/test_robustness_cli.py

bench: setup
	@set -e; for f in scripts/bench_*.py; do [ -f "$$f" ] || continue; echo "== $$f"; $(PY) "$$f"; done

bench-correlation: setup
	$(PY) scripts/bench_correlation.py

package:
	@if ls i18n/*.ts >/dev/null 2>&1; then $(MAKE) -s transcompile; fi
	/usr/bin/python3 scripts/package.py sensetrack.zip

transup:
	QT_QPA_PLATFORM=offscreen /usr/bin/python3 scripts/i18n.py update

transcompile:
	@for f in i18n/*.ts; do lrelease -silent "$$f" -qm "$${f%.ts}.qm"; done

transclean:
	rm -f i18n/*.qm

sample-data:
	/usr/bin/python3 scripts/make_sample_data.py sample_data
	/usr/bin/python3 scripts/make_sample_stack.py sample_data/stack

models:
	QT_QPA_PLATFORM=offscreen /usr/bin/python3 scripts/build_models.py resources/models

clean:
	rm -rf .build demo-output bench-output .pytest_cache .qgis-settings
