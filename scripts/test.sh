#!/usr/bin/env bash
# Sets everything up, then runs the whole test suite. Extra arguments go to pytest.
set -euo pipefail
TOCMODEL_TEST_PACKAGES=1  # the preview's browser tests need Debian's Chromium
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
python -m pytest -p no:cacheprovider "$@"
