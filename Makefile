# The two commands a person needs (see README):
#   make run   set everything up, build the warehouse on first use, open the dashboard
#   make test  set everything up and run every test, browser tests included
.PHONY: setup run test build bench lint

setup:
	bash scripts/setup.sh

build: setup
	.venv/bin/python -m etl build

run: setup
	.venv/bin/python -m dashboard --browser.gatherUsageStats false

test: setup
	.venv/bin/python -m pytest

lint: setup
	.venv/bin/ruff check .

bench: setup
	.venv/bin/python -m bench
