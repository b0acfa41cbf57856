#!/usr/bin/env bash
# What `npm test` needs from the machine besides node_modules: Debian's Chromium for the browser
# tests (Playwright cannot download its own here), Liberation fonts for the dossier's papers,
# poppler-utils (pdftotext) to read the printed PDFs, and PostgreSQL (the store's second engine,
# run by test/pg.sh in a throwaway cluster with pg_virtualenv). Installs them when it can
# (root + apt-get); otherwise prints the exact command and stops, before minutes of tests fail late.
set -euo pipefail

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$chromium" ] || missing+=(chromium)
if ! fc-list 2>/dev/null | grep -qi 'Liberation Serif' && [ ! -d /usr/share/fonts/truetype/liberation ]; then missing+=(fonts-liberation); fi
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
command -v pg_virtualenv >/dev/null 2>&1 || missing+=(postgresql)

if [ ! -d node_modules ]; then
  echo "test: node_modules is missing. Run: npm install" >&2
  exit 1
fi
if ! node -e "new (require('better-sqlite3'))(':memory:').close()" >/dev/null 2>&1; then
  echo "test: better-sqlite3 is not built for this Node ($(node -v)). Run: npm rebuild better-sqlite3" >&2
  exit 1
fi

if [ ${#missing[@]} -eq 0 ]; then exit 0; fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "test: installing ${missing[*]} (Debian packages the browser tests need)…" >&2
  export DEBIAN_FRONTEND=noninteractive
  # The tests make their own throwaway clusters: no default cluster left running on port 5432.
  if [[ " ${missing[*]} " == *" postgresql "* ]] && [ ! -e /etc/postgresql-common/createcluster.conf ]; then
    mkdir -p /etc/postgresql-common
    echo 'create_main_cluster = false' > /etc/postgresql-common/createcluster.conf
  fi
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  [ -x "$chromium" ] || { echo "test: chromium still not at $chromium (set CHROMIUM_PATH)" >&2; exit 1; }
  exit 0
fi

echo "test: the browser tests need ${missing[*]}, which are not installed." >&2
if command -v apt-get >/dev/null 2>&1; then
  echo "Run: sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
else
  echo "Install Chromium (then set CHROMIUM_PATH to it), Liberation fonts, poppler-utils (pdftotext) and PostgreSQL with pg_virtualenv (Debian's postgresql-common) with this system's package manager." >&2
fi
exit 1
