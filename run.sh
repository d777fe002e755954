#!/usr/bin/env bash
# Installs the dashboard's packages, builds the store from data/ (first start, or when data/ changed) and starts the dashboard.
set -euo pipefail
cd "$(dirname "$0")"
if ! python3 -c "import streamlit, duckdb, plotly, pdfplumber, docx, rapidfuzz" 2>/dev/null || [ requirements.txt -nt .deps-installed-app ]; then
  python3 -m pip install -q --disable-pip-version-check -r requirements.txt
  touch .deps-installed-app  # its own mark: test.sh installs more (requirements-dev.txt)
fi
python3 -m disclosure build  # the store from data/, before the first visitor (nothing to do when it is up to date)
exec python3 -m streamlit run app.py "$@"
