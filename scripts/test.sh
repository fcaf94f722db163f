#!/usr/bin/env bash
# Sets everything up, then runs the whole test suite, spread over every core (pytest-xdist; `-n 0` runs it in
# one process). Extra arguments go to pytest.
set -euo pipefail
TOCMODEL_EXTRAS=test  # the test tools, and Debian's Chromium for the preview's browser tests
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
python -m pytest -p no:cacheprovider -n auto "$@"
