#!/usr/bin/env bash
# Sets everything up, then runs tocmodel's main job on the e-waste pilot model (check, analyse, progress, diagrams,
# logframe), writing into build/.
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
echo "== tocmodel progress $MODEL (the actuals against the plan)"
tocmodel progress "$MODEL" | tee build/progress.txt
tocmodel progress "$MODEL" --format json > build/progress.json

echo
echo "== tocmodel indicators suggest $MODEL (standard indicators the results could reference)"
tocmodel indicators suggest "$MODEL" | tee build/suggestions.txt

echo
echo "== tocmodel diagram $MODEL (theory of change, problem tree, plan; SVG, PNG, Mermaid)"
tocmodel diagram "$MODEL" -f svg -o build/toc.svg
tocmodel diagram "$MODEL" -f png -o build/toc.png
tocmodel diagram "$MODEL" --view problem-tree -f svg -o build/problem-tree.svg
tocmodel diagram "$MODEL" --view plan -f svg -o build/plan.svg
tocmodel diagram "$MODEL" -f mermaid -o build/toc.mmd
tocmodel diagram "$MODEL" --overlay progress -f svg -o build/progress.svg

echo
echo "== tocmodel logframe $MODEL (HTML, Markdown, Word, Excel)"
tocmodel logframe "$MODEL" -f html -o build/logframe.html
tocmodel logframe "$MODEL" -f md -o build/logframe.md
tocmodel logframe "$MODEL" -f docx -o build/logframe.docx
tocmodel logframe "$MODEL" -f xlsx -o build/logframe.xlsx

echo
echo "== tocmodel portfolio (the pilot beside the Kenya and Senegal examples)"
tocmodel portfolio models/ewaste-pilot.yaml models/ewaste-ke.yaml models/ewaste-sn.yaml -o build/portfolio.html
tocmodel portfolio models/ewaste-pilot.yaml models/ewaste-ke.yaml models/ewaste-sn.yaml -f xlsx -o build/portfolio.xlsx

echo
echo "Outputs in build/:"
ls -1 build
