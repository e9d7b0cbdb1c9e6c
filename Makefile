# Two entry points: `make run` opens the app on the bundled vault, `make test`
# runs every check CI runs. Both create .venv and install what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint pytest bench build tarball deb icons clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,build]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/syntopic vault

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

pytest: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

test: lint pytest

# The standalone app (PyInstaller, onedir; the venv has the `build` extra): dist/syntopic/
build: $(STAMP)
	$(BIN)/pyinstaller --noconfirm build.spec

# Linux packages of that folder, built afresh so they never carry a stale one
# (packaging/linux.py): dist/Syntopic-<version>-x86_64.tar.gz with its install.sh,
# and dist/syntopic_<version>_amd64.deb (needs dpkg-deb)
tarball: build
	$(BIN)/python packaging/linux.py tarball dist/syntopic dist

deb: build
	$(BIN)/python packaging/linux.py deb dist/syntopic dist

# after editing resources/icons/*.svg: the PNGs at every size
icons: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/render_icons.py

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m benchmarks.run

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache
