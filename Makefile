# qualkit: two commands set everything up.
#   make lab    environment + course, then JupyterLab on the kit (http://127.0.0.1:8888)
#   make test   environment + browser, then every test
# Instructors: make publish | autograde | feedback | grades | lms-roster | lms-grades | student | student-image | release | bench | datasets | practice-groups | tidy

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
ENV_STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8888
SEED ?=
OUT  ?= datasets
CHROMIUM ?= /usr/bin/chromium
# pytest -n and make autograde: two workers suit the 2-core machines the suite is sized for.
WORKERS ?= 2

# nbgrader (CLI and JupyterLab's extensions) reads autograde/nbgrader_config.py from here,
# and runs tools such as `alembic` from PATH: the environment's bin comes first.
export JUPYTER_CONFIG_PATH := $(CURDIR)/autograde
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
# Jupyter refuses to start as root unless told to (containers and CI run as root).
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: help env lab student test test-fast release publish autograde feedback grades lms-roster lms-grades bench datasets practice-groups browser proxy hub-env postgres student-image tidy clean

help:
	@sed -n '1,4p' Makefile | sed 's/^# \{0,1\}//'

# Debian packages the kit needs, installed as root or through sudo.
APT_INSTALL = if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq

# The environment: pip requirements derived from environment.yml (the one declaration),
# then qualkit itself (editable) with its test tools. Re-runs when either file changes.
# Debian's python3 has no venv module until python3-venv is installed.
$(ENV_STAMP): environment.yml pyproject.toml tools/requirements_from_environment.py
	@$(PYTHON) -c "import ensurepip, venv" 2>/dev/null || { \
	  echo "Installing Debian's python3-venv..."; $(APT_INSTALL) python3-venv >/dev/null; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet "PyYAML>=6,<7"
	$(PY) tools/requirements_from_environment.py environment.yml > $(VENV)/requirements.txt
	$(PY) -m pip install --quiet -r $(VENV)/requirements.txt -e ".[test]"
	$(PY) tools/lab_settings.py $(VENV)
	touch $@

env: $(ENV_STAMP)

# Debian's Chromium drives the browser tests (Playwright must not download a browser);
# npm's axe-core checks the coding widget's accessibility in them (tools/package.json pins it).
AXE := build/node/node_modules/axe-core/axe.min.js
browser: $(AXE)
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  $(APT_INSTALL) chromium >/dev/null; \
	fi

$(AXE): tools/package.json
	@command -v npm >/dev/null || { echo "Installing Debian's npm for axe-core..."; $(APT_INSTALL) npm >/dev/null; }
	mkdir -p build/node && cp tools/package.json build/node/package.json
	npm install --prefix build/node --no-audit --no-fund --silent
	touch $@

# JupyterHub's proxy, from npm (the hub test runs a real hub; Debian's nodejs and npm run it).
CHP_VERSION := 4.6.3
CHP := $(VENV)/proxy/node_modules/.bin/configurable-http-proxy
$(CHP):
	@command -v npm >/dev/null || { echo "Installing Debian's nodejs and npm..."; \
	  $(APT_INSTALL) nodejs npm >/dev/null; }
	npm install --prefix $(VENV)/proxy --no-audit --no-fund --loglevel=error \
	  configurable-http-proxy@$(CHP_VERSION)

proxy: $(CHP)

# Debian's PostgreSQL: tests/test_postgres.py starts a throwaway server on loopback with it.
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  echo "Installing Debian's postgresql for the gradebook tests..."; \
	  $(APT_INSTALL) postgresql >/dev/null; }

# The hub test's user environment. Single-user servers run as other Unix accounts, who cannot
# reach a Python kept under /root (pyenv): Debian's python3 builds it, and qualkit goes in as a
# wheel, as on a real hub (no key in it). Refreshed when the environment or the package changes.
HUB_PYTHON ?= /usr/bin/python3
HUB_ENV := $(VENV)/hub
HUB_STAMP := $(HUB_ENV)/.installed
$(HUB_STAMP): $(ENV_STAMP) $(shell find src datasets/corpus -type f -not -name '*.pyc' 2>/dev/null)
	@[ -x $(HUB_ENV)/bin/python ] || $(HUB_PYTHON) -m venv $(HUB_ENV)
	@command -v sudo >/dev/null || { echo "Installing Debian's sudo (the grading sandbox's helper)..."; \
	  $(APT_INSTALL) sudo >/dev/null; }
	$(HUB_ENV)/bin/python -m pip install --quiet --upgrade pip
	$(HUB_ENV)/bin/python -m pip install --quiet -r $(VENV)/requirements.txt
	$(HUB_ENV)/bin/python -m pip install --quiet --no-deps --force-reinstall .
	$(PY) tools/lab_settings.py $(HUB_ENV)
	touch $@

hub-env: $(HUB_STAMP) $(CHP)

release: $(ENV_STAMP)
	$(PY) autograde/course.py release

# The release, put in nbgrader's exchange: students fetch it from Nbgrader > Assignment List.
publish: $(ENV_STAMP)
	$(PY) autograde/course.py publish

lab: release
	@echo "Starting JupyterLab on the kit; open the URL it prints (Ctrl+C to stop)."
	$(VENV)/bin/jupyter lab --no-browser --ip=$(HOST) --port=$(PORT) $(ROOT_FLAG) \
	  --ServerApp.root_dir=$(CURDIR) --LabApp.default_url=/lab/tree/lessons

# JupyterLab as a student sees it: lessons fetched from the exchange into her folder
# (build/student/work), instructor tools off. tests/test_student_view.py runs this very target.
student: publish
	$(PY) tools/student_lab.py $(or $(QUALKIT_BUILD),build)/student --ip $(HOST) --port $(PORT)

# WORKERS processes grade side by side; an interrupted run resumes; FORCE=1 regrades all.
# Exactly what students receive: release folders and the student environment of a hub image.
student-image: $(ENV_STAMP)
	$(PY) tools/student_image.py $(or $(QUALKIT_BUILD),build)/student-image

autograde: $(ENV_STAMP)
	$(PY) autograde/course.py autograde --workers $(WORKERS) $(if $(FORCE),--force)

feedback: $(ENV_STAMP)
	$(PY) autograde/course.py feedback --workers $(WORKERS)

grades: $(ENV_STAMP)
	$(PY) autograde/course.py grades

# The course inside the school's LMS (instructors/lms.md; QUALKIT_LTI_CONFIG names its settings):
# the roster into the gradebook, and after feedback the fully graded scores back (DRY_RUN=1:
# print them, post nothing).
lms-roster: $(ENV_STAMP)
	$(PY) autograde/lms.py roster

lms-grades: $(ENV_STAMP)
	$(PY) autograde/lms_grades.py $(LESSONS) $(if $(DRY_RUN),--dry-run)

# No SEED: regenerate the committed corpus byte for byte. A course's own corpus:
# make datasets SEED=<secret> OUT=/srv/course-data (see datasets/README.md).
datasets: $(ENV_STAMP)
	$(PY) datasets/generator/generate.py $(if $(SEED),--seed $(SEED)) --out $(OUT)

# A practice focus group for each student (the default: make publish makes the course secret in
# build/grader/; instructors/README.md): publish each student's group (text only) to
# $$QUALKIT_PRACTICE_GROUPS, for STUDENTS="a b" or the gradebook's. Also: list, regenerate
# one (STUDENT=a), export one with its key for an appeal (STUDENT=a OUT=dir).
PRACTICE ?= publish
practice-groups: $(ENV_STAMP)
	$(PY) autograde/practice_groups.py $(PRACTICE) $(STUDENTS) $(STUDENT) $(if $(filter export,$(PRACTICE)),--out $(OUT))

bench: $(ENV_STAMP) browser
	@for bench in benchmarks/bench_*.py; do echo "== $$bench"; $(PY) $$bench || exit 1; done

# pytest exits 5 when it collected no test: that is a failure here, said out loud.
# --dist loadfile: a module's tests share one worker, so a module's heavy fixture (the hostile
# batch, the lesson pipeline) runs once; xdist's loadgroup did not keep groups together here.
# --no-loadscope-reorder: modules go out in the order tests/conftest.py gives, longest first.
test: $(ENV_STAMP) browser hub-env postgres
	@$(PY) -m pytest -n $(WORKERS) --dist loadfile --no-loadscope-reorder; status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: no tests were collected; failing." >&2; fi; \
	exit $$status

# Developers, while they work: the plain-Python tests only, in seconds.
FAST = not (slow or pipeline or browser or hub or hostile or postgres)
test-fast: $(ENV_STAMP)
	$(PY) -m pytest -q -n $(WORKERS) -m "$(FAST)"

# Lesson authors: strip outputs and run-time metadata before committing a lesson.
tidy: $(ENV_STAMP)
	$(PY) tools/tidy_notebooks.py

clean:
	rm -rf build test-output .pytest_cache
