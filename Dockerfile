# syntax=docker/dockerfile:1
# The public demo in a container: `docker build -t disclosure . && docker run -p 8501:8501 disclosure`.
# The store is built from data/ when the container first starts (and again whenever data/ changed).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DISCLOSURE_MODE=public \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false

WORKDIR /app

# The brief PDF's CJK font: TrueType outlines, which reportlab embeds (Noto CJK's CFF outlines it cannot; disclosure/brief/fonts.py).
# libgl1 and libglib2.0-0: OpenCV (the OCR reader's table grid) links them. The OCR models come inside the rapidocr wheel.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-wqy-microhei libgl1 libglib2.0-0 && rm -rf /var/lib/apt/lists/*

# Dependencies first, so a code change does not reinstall them.
COPY requirements.txt ./
RUN pip install -r requirements.txt

COPY . .

# Run unprivileged; only data/ (the store and admin uploads) is writable.
RUN useradd --create-home --uid 10001 app && mkdir -p /app/data && chown -R app:app /app/data
USER app

EXPOSE 8501

# python:3.11-slim has no curl; Python's urllib asks Streamlit's own health endpoint.
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).read() == b'ok' else 1)"]

# Build (or refresh) the store before serving, so the first visitor does not wait for it.
CMD ["sh", "-c", "python -m disclosure build && exec streamlit run app.py --server.port=8501 --server.address=0.0.0.0"]
