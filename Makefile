# Ieum: `make run` starts everything on the embedded defaults; `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum < requirements/lock.txt | cut -d' ' -f1)
PORT ?= 8000
PYTEST_WORKERS ?= auto

.PHONY: run test venv browser lint format bench lock messages clean

venv: $(STAMP)

$(STAMP): requirements/lock.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/lock.txt
	rm -f $(VENV)/.installed-*
	touch $@

var:
	mkdir -p var/celery/queue var/celery/processed var/celery/control var/mail var/imports

run: venv var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py demo_logins --port $(PORT)
	PORT=$(PORT) $(VENV)/bin/honcho -f Procfile start

browser:
	@sh scripts/ensure-chromium.sh

test: venv var browser
	$(VENV)/bin/pytest -n $(PYTEST_WORKERS) -p no:cacheprovider

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: venv
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

bench: venv var browser
	$(PY) -m tests.bench.run

# ko is msgstr = msgid: msgattrib drops msgmerge's fuzzy guesses so that msgen refills them.
messages: venv
	$(PY) manage.py makemessages -l ko -l en --ignore=.venv --ignore=var --ignore=tests --ignore=media
	msgattrib --clear-fuzzy --empty -o intranet/locale/ko/LC_MESSAGES/django.po intranet/locale/ko/LC_MESSAGES/django.po
	msgen -o intranet/locale/ko/LC_MESSAGES/django.po intranet/locale/ko/LC_MESSAGES/django.po
	$(PY) manage.py compilemessages --ignore=.venv

lock: venv
	$(VENV)/bin/pip-compile --quiet --no-emit-index-url --no-emit-find-links --allow-unsafe --strip-extras \
		-o requirements/lock.txt requirements/dev.in

clean:
	rm -rf var/test var/celery
