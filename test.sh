#!/usr/bin/env bash
# Installs what the tests need (Python packages; Debian's Chromium, CJK fonts (Noto for the browser, WenQuanYi Micro Hei for the brief PDF), poppler's pdftotext, nginx, libGL/GLib for OpenCV's OCR table grid, and LibreOffice Writer (the review's Word file rendered)), then runs every test.
# Arguments go to pytest: ./test.sh -m "not slow" is the quick tier (the slow marker is in pytest.ini), ./test.sh -m unit the edit loop.
set -euo pipefail
cd "$(dirname "$0")"
if ! python3 -c "import streamlit, duckdb, playwright, pytest, xdist, pdfplumber, docx, ruff, yaml, openpyxl, hypothesis, rapidocr_onnxruntime" 2>/dev/null || [ requirements-dev.txt -nt .deps-installed ]; then
  python3 -m pip install -q --disable-pip-version-check -r requirements-dev.txt
  touch .deps-installed
fi
if [ ! -x /usr/bin/chromium ] || ! command -v pdftotext >/dev/null || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || [ ! -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || [ ! -x /usr/sbin/nginx ] || ! python3 -c "import cv2" 2>/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk fonts-wqy-microhei poppler-utils nginx libgl1 libglib2.0-0 >/dev/null) || echo "warning: could not install chromium, fonts-noto-cjk, fonts-wqy-microhei, poppler-utils, nginx, libgl1, libglib2.0-0" >&2
  else
    echo "warning: run as root or install chromium fonts-noto-cjk fonts-wqy-microhei poppler-utils nginx libgl1 libglib2.0-0 for the browser, text-layer, brief, proxy and OCR tests" >&2
  fi
fi
if ! command -v soffice >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer-nogui >/dev/null) || echo "warning: could not install libreoffice-writer-nogui" >&2
  else
    echo "warning: run as root or install libreoffice-writer-nogui for the review's Word file test" >&2
  fi
fi
# The unit tier (the edit loop) runs on two workers, each taking whole test files so a module's fixtures are built
# once; the other tiers stay in one process (their browser, server and store fixtures are per run). -n given wins.
if [[ " $* " == *" -m unit "* && " $* " != *" -n "* ]]; then
  set -- -n "${UNIT_WORKERS:-2}" --dist loadfile "$@"
fi
exec python3 -m pytest -q -p no:cacheprovider --timeout=600 "$@" tests
