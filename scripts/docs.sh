#!/usr/bin/env bash
# Sets everything up, then builds the documentation site into site/ (`mkdocs build --strict`): the reference
# pages, diagrams, logframes and screenshots are made from the code and models/ in the build.
# `bash scripts/docs.sh serve` serves it at http://127.0.0.1:8000/ instead, rebuilding on every save.
# Extra arguments go to mkdocs.
set -euo pipefail
TOCMODEL_EXTRAS=docs  # MkDocs, and Debian's Chromium for the screenshots
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
export NO_MKDOCS_2_WARNING=1  # Material's notice about MkDocs' future, printed on every build
if [ "${1:-}" = serve ]; then
  shift
  mkdocs serve "$@"
else
  mkdocs build --strict "$@"
fi
