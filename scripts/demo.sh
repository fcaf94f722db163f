#!/usr/bin/env bash
# Sets everything up, then runs tocmodel's main job on the e-waste pilot model (check, analyse), writing into build/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
MODEL="${1:-models/ewaste-pilot.yaml}"
mkdir -p build

echo "== tocmodel check $MODEL --strict"
tocmodel check "$MODEL" --strict | tee build/check.txt
tocmodel check "$MODEL" --strict --format json > build/check.json

echo
echo "== tocmodel analyse $MODEL"
tocmodel analyse "$MODEL" | tee build/analysis.txt
tocmodel analyse "$MODEL" --format json > build/analysis.json

echo
echo "Outputs in build/:"
ls -1 build
