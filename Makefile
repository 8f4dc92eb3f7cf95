# coopdesk — two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PO := i18n/es/LC_MESSAGES/coopdesk.po i18n/en/LC_MESSAGES/coopdesk.po
MO := $(PO:.po=.mo)

.PHONY: run test lint bench i18n catalogs wheel dist clean demo

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	$(BIN)/python -m compileall -q coopdesk migrations  # pip compiles what it installs, not an editable tree
	touch $(STAMP)

%.mo: %.po $(STAMP)
	$(BIN)/pybabel compile --statistics -D coopdesk -i $< -o $@

catalogs: $(MO)

# First the X11 libraries Qt needs but does not ship (the one apt-get line if some are missing) — checked
# until they are there, then not again (ldd over the Qt libraries takes a good part of a second).
run: $(STAMP) catalogs $(VENV)/.qt-libraries
	$(BIN)/coopdesk gui

$(VENV)/.qt-libraries: $(STAMP)
	@$(BIN)/python -m coopdesk.ui.system_libraries
	@touch $@

lint: $(STAMP)
	$(BIN)/ruff check coopdesk tests bench migrations hatch_build.py
	$(BIN)/lint-imports

# Tests are sent to the workers module by module, so a module's fixtures are built once (loadgroup would keep
# xdist_group marks together, but under pytest 9.2 it ignores them). A worker that dies is not replaced: the run
# stops and names the test it died in (a replaced worker can leave pytest-xdist 3.8's loadscope waiting forever).
test: $(STAMP) catalogs lint
	$(BIN)/pytest -n 2 --dist loadscope --max-worker-restart 0

bench: $(STAMP) catalogs
	$(BIN)/python -m bench

# Extract every marked string, merge it into both catalogs, compile.
i18n: $(STAMP)
	$(BIN)/pybabel extract --width 100 --no-location --sort-output -F i18n/babel.cfg -k N_ -k ngettext:1,2 \
		--project=coopdesk -o i18n/coopdesk.pot coopdesk
	for lang in es en; do test -f i18n/$$lang/LC_MESSAGES/coopdesk.po || \
		$(BIN)/pybabel init -D coopdesk -l $$lang -i i18n/coopdesk.pot -d i18n; done
	$(BIN)/pybabel update --width 100 --no-fuzzy-matching --ignore-obsolete -D coopdesk -i i18n/coopdesk.pot -d i18n
	$(MAKE) catalogs

wheel: $(STAMP) catalogs
	$(BIN)/pip wheel --no-deps -c constraints.txt -w dist .

# The standalone one-folder app in dist/coopdesk/ (PyInstaller, the `dist` extra); the same spec builds on
# Windows, where packaging/coopdesk.iss makes the installer of that folder.
dist: $(STAMP)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dist]'
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
		packaging/coopdesk.spec

clean:
	rm -rf $(VENV) dist build i18n/*/LC_MESSAGES/*.mo
