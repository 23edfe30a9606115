#!/usr/bin/env bash
# Install what SenseTrack needs on Debian 12 (idempotent): apt packages, then a
# --system-site-packages virtual environment with the pinned test tools.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES="qgis python3-qgis qgis-providers python3-gdal gdal-bin python3-numpy python3-scipy \
python3-opencv python3-skimage python3-yaml python3-lxml python3-matplotlib python3-venv python3-pip \
pyqt5-dev-tools qttools5-dev-tools zip \
python3-h5py \
python3-dask python3-distributed python3-setuptools python3-wheel"
# h5py: test fixtures only (COSMO-SkyMed and PRISMA HDF5 files); the plugin reads them with GDAL.
# dask/distributed: worker processes and clusters for the job runner (optional for the plugin).
# setuptools/wheel: the offline 'pip install --no-build-isolation .' test.

# optional: used when installed, never required (pyfftw: faster FFTs for the windowed trackers, core/tracking/windowed/fft_backend.py)
OPTIONAL_APT_PACKAGES="python3-pyfftw"

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
SUDO=""
[ "$(id -u)" != 0 ] && SUDO="sudo"
missing=""
for p in $APT_PACKAGES; do
  installed "$p" || missing="$missing $p"
done
optional=""
for p in $OPTIONAL_APT_PACKAGES; do
  installed "$p" || optional="$optional $p"
done
if [ -n "$missing" ]; then
  echo "Installing Debian packages:$missing"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $missing
fi
if [ -n "$optional" ]; then
  echo "Installing optional Debian packages:$optional"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends $optional \
    || echo "Optional packages not installed ($optional): SenseTrack works without them, more slowly."
fi

STAMP=.venv/.installed
if [ ! -x .venv/bin/python ] || [ ! -f "$STAMP" ] || [ requirements-dev.txt -nt "$STAMP" ] || [ constraints.txt -nt "$STAMP" ]; then
  echo "Creating .venv (system site packages: QGIS, GDAL, OpenCV, scikit-image from apt)"
  /usr/bin/python3 -m venv --system-site-packages .venv
  .venv/bin/python -m pip install -q --disable-pip-version-check -c constraints.txt -r requirements-dev.txt
  touch "$STAMP"
fi

# QGIS finds the plugin through QGIS_PLUGINPATH=.build/plugins (the repository root is the plugin folder)
mkdir -p .build/plugins
ln -sfn "$(pwd)" .build/plugins/sensetrack
