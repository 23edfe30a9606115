#!/usr/bin/env bash
# Run the trackers on the bundled sample pair through qgis_process.bin, then the example model
# (normalise, co-register, phase correlation, filter, stable-ground correction, velocity) and the HTML
# report, then write a PNG preview and the accuracy against the exact truth; then the time-series chain on
# the bundled stack (sample_data/stack) and its accuracy against the exact truth.
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
echo "== time series on sample_data/stack: pairnetwork -> trackpairs -> timeseries -> timeseriesreport"
S=sample_data/stack
TS="$OUT/timeseries"
mkdir -p "$TS"
scripts/qgis_process.sh run sensetrack:pairnetwork -- FOLDER="$S" PATTERN='slope_*.tif' DATE_TABLE="$S/dates.csv" \
  MAX_BASELINE=200 OUTPUT="$TS/pairs.csv" NETWORK_PNG="$TS/network.png" 2>/dev/null \
  | grep -E "pairs between|^(PAIRS|GROUPS):" || { echo "pairnetwork failed"; exit 1; }
scripts/qgis_process.sh run sensetrack:trackpairs -- PAIRS="$TS/pairs.csv" METHOD=farneback FILTER=true \
  FILTER_PRESET="$S/filter_dense.json" MASK="$S/landslide.gpkg" INVERT=true OUTPUT_FOLDER="$TS/pairs" 2>/dev/null \
  | grep -E "pairs tracked" || { echo "trackpairs failed"; exit 1; }
scripts/qgis_process.sh run sensetrack:timeseries -- FOLDER="$TS/pairs" OUTPUT_FOLDER="$TS" PREFIX=slope 2>/dev/null \
  | grep -E "cross-validation|disconnected|^WEIGHT_USED" || { echo "timeseries failed"; exit 1; }
scripts/qgis_process.sh run sensetrack:timeseriesreport -- INPUT="$TS/slope_dx.tif" POINTS="$S/points.gpkg" \
  POLYGON="$S/landslide.gpkg" OUTPUT="$TS/report.html" >/dev/null 2>&1 || { echo "timeseriesreport failed"; exit 1; }
.venv/bin/python scripts/ts_accuracy.py "$TS/slope" "$S/truth"
echo "demo-output/timeseries/: pairs.csv, network.png, pairs/ (one product per pair), slope_*.tif, report.html"
