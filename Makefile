# The two commands: `make run` and `make test`. Both work on a fresh clone with only Python 3.11+.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
# The address printed on slips and in the cards' QR codes follows the server's own address;
# a SITE_URL given in the environment or on the command line wins.
SITE_URL ?= http://$(HOST):$(PORT)

.PHONY: run test e2e lint format format-check install migrate messages clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

migrate: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput

## Web server and task worker together on $(HOST):$(PORT); Ctrl-C stops both.
run: export SITE_URL := $(SITE_URL)
run: migrate
	DEBUG=1 $(BIN)/python manage.py seed_demo
	@echo ""
	@echo "  Open http://$(HOST):$(PORT)/  (content admin: http://$(HOST):$(PORT)/admin/)"
	@echo "  Slips and card QR codes point to $(SITE_URL)"
	@echo ""
	@DEBUG=1 bash -c 'trap "kill 0" INT TERM EXIT; \
		$(BIN)/python manage.py qcluster & \
		$(BIN)/python manage.py runserver --noreload $(HOST):$(PORT) & \
		wait'

## The whole test suite (browser journeys skip themselves when Chromium is missing).
test: install
	$(BIN)/python -m pytest -q -n 2 -m "not e2e"

e2e: install
	$(BIN)/python -m pytest -q -m e2e

lint: install
	$(BIN)/ruff check .

format: install
	$(BIN)/ruff format .

format-check: install
	$(BIN)/ruff format --check .

## Refresh the zh_Hans catalogues after changing user-facing strings, then translate and compile.
messages: install
	DEBUG=1 $(BIN)/python manage.py messages
	DEBUG=1 $(BIN)/python manage.py compilemessages -l zh_Hans --ignore=.venv

clean:
	rm -rf $(VENV) var/static
