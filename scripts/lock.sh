#!/usr/bin/env bash
# Refreshes requirements-lock.txt: the newest versions that pyproject.toml allows of everything tocmodel, all its
# extras, its build backend and the set-up tools need (scripts/lock-tools.in), resolved by uv for every platform
# on Python 3.11 and later. The set-up scripts install exactly these versions.
#
# Run it after changing a dependency in pyproject.toml, or to take up new releases on purpose; then run
# `bash scripts/test.sh` (the suite on the new lock) and `TOCMODEL_LATEST=1 bash scripts/test.sh`, and commit
# the lock with what they needed. Extra arguments go to `uv pip compile` (e.g. `--upgrade-package rich`).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="${TOCMODEL_LOCK_TOOLS:-$ROOT/.venv-lock}"
cd "$ROOT"
if [ ! -x "$TOOLS/bin/uv" ]; then
  echo "tocmodel lock: installing uv into ${TOOLS#"$ROOT"/}"
  python3 -m venv "$TOOLS"
  if [ -f requirements-lock.txt ]; then
    "$TOOLS/bin/python" -m pip install --quiet --constraint requirements-lock.txt uv
  else
    "$TOOLS/bin/python" -m pip install --quiet uv
  fi
fi
echo "tocmodel lock: resolving pyproject.toml (all extras) and scripts/lock-tools.in into requirements-lock.txt"
"$TOOLS/bin/uv" pip compile pyproject.toml scripts/lock-tools.in \
  --all-extras --universal --python-version 3.11 --upgrade --quiet \
  --custom-compile-command "bash scripts/lock.sh" \
  --output-file requirements-lock.txt "$@"
echo "tocmodel lock: $(grep -c '==' requirements-lock.txt) packages locked; now run bash scripts/test.sh"
