#!/usr/bin/env bash
# Installs the dashboard's packages, builds the store from data/ (first start, or when data/ changed) and starts the dashboard.
set -euo pipefail
cd "$(dirname "$0")"
if ! python3 -c "import streamlit, duckdb, plotly, pdfplumber, docx, rapidfuzz, rapidocr_onnxruntime" 2>/dev/null || [ requirements.txt -nt .deps-installed-app ]; then
  python3 -m pip install -q --disable-pip-version-check -r requirements.txt
  touch .deps-installed-app  # its own mark: test.sh installs more (requirements-dev.txt)
fi
if [ ! -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]; then  # the brief PDF's CJK font (disclosure/brief/fonts.py)
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null) || echo "warning: could not install fonts-wqy-microhei (the brief PDF needs it)" >&2
  else
    echo "warning: install fonts-wqy-microhei for the brief PDF (the dashboard runs without it)" >&2
  fi
fi
if ! python3 -c "import cv2" 2>/dev/null; then  # OpenCV (the OCR reader's table grid) needs libGL and GLib
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libgl1 libglib2.0-0 >/dev/null) || echo "warning: could not install libgl1 libglib2.0-0 (scanned reports need them)" >&2
  else
    echo "warning: install libgl1 and libglib2.0-0 to read scanned reports (the dashboard runs without them)" >&2
  fi
fi
python3 -m disclosure build  # the store from data/, before the first visitor (nothing to do when it is up to date)
exec python3 -m streamlit run app.py "$@"
