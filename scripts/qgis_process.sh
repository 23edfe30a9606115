#!/usr/bin/env bash
# Run qgis_process.bin headless, with an isolated QGIS profile and the SenseTrack
# plugin enabled. Usage: scripts/qgis_process.sh list | run sensetrack:farneback -- ...
# (Debian's /usr/bin/qgis_process wrapper is broken on bookworm: it passes --noversioncheck.)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
export QT_QPA_PLATFORM=offscreen
export QGIS_CUSTOM_CONFIG_PATH="${SENSETRACK_QGIS_PROFILE:-$ROOT/.build/qgis-profile}"
export QGIS_PLUGINPATH="$ROOT/.build/plugins"
mkdir -p "$QGIS_PLUGINPATH" "$QGIS_CUSTOM_CONFIG_PATH"
[ -e "$QGIS_PLUGINPATH/sensetrack" ] || ln -sfn "$ROOT" "$QGIS_PLUGINPATH/sensetrack"
INI="$QGIS_CUSTOM_CONFIG_PATH/profiles/default/QGIS/QGIS3.ini"
if ! grep -qs '^sensetrack=true' "$INI"; then
  qgis_process.bin plugins enable sensetrack >/dev/null 2>&1 || true
fi
exec qgis_process.bin "$@"
