#!/usr/bin/env bash
# Run the trackers on the bundled sample pair through qgis_process.bin, then the example model
# (normalise, co-register, phase correlation, filter, stable-ground correction, velocity) and the HTML
# report, then write a PNG preview and the accuracy against the exact truth.
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=demo-output
mkdir -p "$OUT"
for m in farneback ilk tvl1 phasecorrelation ncc; do
  echo "== sensetrack:$m"
  scripts/qgis_process.sh run "sensetrack:$m" -- \
    REFERENCE=sample_data/reference.tif TARGET=sample_data/target.tif OUTPUT="$OUT/$m.tif" 2>/dev/null \
    | grep -E "^(Units|Median|OUTPUT)" || { echo "sensetrack:$m failed"; exit 1; }
done
.venv/bin/python scripts/render_preview.py "$OUT/preview.png" sample_data/truth.tif \
  "$OUT/farneback.tif" "$OUT/ilk.tif" "$OUT/tvl1.tif"
echo "== example model: Landslide displacement from two optical images"
scripts/qgis_process.sh run resources/models/landslide_displacement.model3 -- \
  REFERENCE=sample_data/reference.tif TARGET=sample_data/target.tif BAND=1 \
  LANDSLIDE=sample_data/landslide.gpkg REFERENCE_DATE=2023-06-01 TARGET_DATE=2023-09-01 WINDOW_SIZE=64 \
  "correct:DISPLACEMENT=$OUT/landslide_displacement.tif" "velocity:VELOCITY=$OUT/landslide_velocity.tif" \
  2>/dev/null | grep -E "(DX|DY) on stable ground|days between|Model processed" || { echo "model failed"; exit 1; }
echo "== sensetrack:displacementreport"
scripts/qgis_process.sh run sensetrack:displacementreport -- INPUT="$OUT/landslide_velocity.tif" \
  MASK=sample_data/landslide.gpkg INVERT=true OUTPUT="$OUT/report.html" >/dev/null 2>&1 \
  || { echo "report failed"; exit 1; }
echo "demo-output/: displacement rasters, landslide_velocity.tif, report.html, preview.png"
