#!/usr/bin/env bash
# Refreshes the catalogues of the documents' fixed texts (headings, column names, labels, sentences):
#   1. extracts every message marked in the code (`_("...")`, `N_("...")`) and the templates (`_("...")`)
#      into src/tocmodel/locale/tocmodel.pot;
#   2. updates each language's catalogue, src/tocmodel/locale/<language>/LC_MESSAGES/tocmodel.po, from it
#      (a new language: `bash scripts/messages.sh de` creates its catalogue);
#   3. compiles every catalogue into the tocmodel.mo the package reads.
# (Messages are marked `_("...")`, `say("...")` or `N_("...")`.) Then translate what is new (Poedit, Weblate or any text editor), run it again to compile, and commit the
# .pot, .po and .mo files. The tests fail while a message lacks a translation in a shipped language.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-$ROOT/.venv/bin/python}"
[ -x "$PYTHON" ] || PYTHON=python3
LOCALE=src/tocmodel/locale
pybabel() { "$PYTHON" -m babel.messages.frontend "$@"; }

pybabel --quiet extract -F scripts/babel.cfg -k N_ -k say --add-location=file --sort-by-file \
  --project tocmodel --copyright-holder "tocmodel contributors" --msgid-bugs-address "" \
  -o "$LOCALE/tocmodel.pot" src/tocmodel templates
for language in en fr es "$@"; do
  if [ -f "$LOCALE/$language/LC_MESSAGES/tocmodel.po" ]; then
    pybabel --quiet update -D tocmodel -l "$language" -i "$LOCALE/tocmodel.pot" -d "$LOCALE" --ignore-obsolete --no-fuzzy-matching
  else
    pybabel --quiet init -D tocmodel -l "$language" -i "$LOCALE/tocmodel.pot" -d "$LOCALE"
  fi
done
# English is the language the messages are written in: its catalogue gives each message as it is written
# (change a translation there to reword a text in English documents without touching the code).
"$PYTHON" - "$LOCALE/en/LC_MESSAGES/tocmodel.po" <<'PY'
import sys
from babel.messages.pofile import read_po, write_po

with open(sys.argv[1], "rb") as file:
    catalog = read_po(file)
for message in catalog:
    if message.id and not message.string:
        message.string = message.id
with open(sys.argv[1], "wb") as file:
    write_po(file, catalog, width=116)
PY
pybabel compile -D tocmodel -d "$LOCALE" --statistics
