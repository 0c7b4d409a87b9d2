# Ieum: `make run` starts everything on the embedded defaults; `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum < requirements/lock.txt | cut -d' ' -f1)
PORT ?= 8000
PYTEST_WORKERS ?= auto

.PHONY: run test venv var browser directory-server lint format bench lock messages clean

venv: $(STAMP)

# The stamp's name is the checksum of lock.txt's contents, so a fresh clone (whose lock.txt is
# newer than a ready venv's stamp) installs nothing; only changed contents reinstall.
$(STAMP):
	@sh scripts/ensure-ldap.sh build
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/lock.txt
	rm -f $(VENV)/.installed-*
	touch $@

# IEUM_VAR_DIR moves everything the embedded default writes (database, mail, broker, cache).
VAR := $(or $(IEUM_VAR_DIR),var)
# Links that leave the site (e-mail, feeds, calendars) use this address; `make run` serves it.
IEUM_SITE_URL ?= http://127.0.0.1:$(PORT)
export IEUM_SITE_URL

var:
	mkdir -p $(VAR)/celery/queue $(VAR)/celery/processed $(VAR)/celery/control $(VAR)/mail $(VAR)/imports $(VAR)/cache

run: venv var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py demo_logins --port $(PORT)
	PORT=$(PORT) $(VENV)/bin/honcho -f Procfile start

browser:
	@sh scripts/ensure-chromium.sh

# The agency-directory tests start their own throw-away slapd (tests/ldap_server.py).
directory-server:
	@sh scripts/ensure-ldap.sh server

test: venv var browser directory-server
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
# intranet/locale_admin (Korean for the Wagtail admin strings Wagtail leaves untranslated) is
# written by hand: makemessages never rewrites it; it is checked here and compiled with the rest
# (compilemessages compiles every LOCALE_PATHS entry). Its .mo files are committed like the main ones.
messages: venv
	$(PY) manage.py makemessages -l ko -l en --ignore=.venv --ignore=var --ignore=tests --ignore=media
	msgattrib --clear-fuzzy --empty -o intranet/locale/ko/LC_MESSAGES/django.po intranet/locale/ko/LC_MESSAGES/django.po
	msgen -o intranet/locale/ko/LC_MESSAGES/django.po intranet/locale/ko/LC_MESSAGES/django.po
	msgfmt --check -o /dev/null intranet/locale_admin/ko/LC_MESSAGES/django.po
	msgfmt --check -o /dev/null intranet/locale_admin/ko/LC_MESSAGES/djangojs.po
	$(PY) manage.py compilemessages --ignore=.venv

lock: venv
	$(VENV)/bin/pip-compile --quiet --no-emit-index-url --no-emit-find-links --allow-unsafe --strip-extras \
		-o requirements/lock.txt requirements/dev.in

clean:
	rm -rf $(VAR)/test $(VAR)/celery $(VAR)/cache
