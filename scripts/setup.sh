#!/usr/bin/env bash
# Set up everything the product needs on a fresh Debian machine: system packages
# (Chromium for browser tests and chart export, Noto CJK fonts for Chinese text),
# a virtual environment in .venv, and the project with its test and cluster extras
# (Dask, so that the tests of `python -m etl build --engine dask` run).
set -euo pipefail
cd "$(dirname "$0")/.."

# chromium: browser tests and Plotly image export; fonts-noto-cjk: Chinese in images;
# pango: WeasyPrint's PDF briefing pack; tesseract-ocr with its Simplified Chinese data:
# text recognition of scanned PDF pages (etl/ocr.py).
need_apt=()
for package in chromium fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 tesseract-ocr tesseract-ocr-chi-sim; do
    dpkg -s "$package" >/dev/null 2>&1 || need_apt+=("$package")
done
if [ ${#need_apt[@]} -gt 0 ]; then
    if [ "$(id -u)" -eq 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
    else
        echo "setup: please install ${need_apt[*]} (as root: apt-get install ${need_apt[*]})" >&2
        exit 1
    fi
fi

PYTHON=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test,cluster]"
