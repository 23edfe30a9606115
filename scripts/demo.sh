#!/usr/bin/env bash
# Run the three dense trackers on the bundled sample pair through qgis_process.bin,
# then write a PNG preview and the accuracy against the exact truth.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=demo-output
mkdir -p "$OUT"
for m in farneback ilk tvl1; do
  echo "== sensetrack:$m"
  scripts/qgis_process.sh run "sensetrack:$m" -- \
    REFERENCE=sample_data/reference.tif TARGET=sample_data/target.tif OUTPUT="$OUT/$m.tif" 2>/dev/null \
    | grep -E "^(Units|Median|OUTPUT)" || { echo "sensetrack:$m failed"; exit 1; }
done
.venv/bin/python scripts/render_preview.py "$OUT/preview.png" sample_data/truth.tif \
  "$OUT/farneback.tif" "$OUT/ilk.tif" "$OUT/tvl1.tif"
