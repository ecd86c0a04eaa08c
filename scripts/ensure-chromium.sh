#!/usr/bin/env bash
# Installs Debian's chromium (used by the browser tests through playwright-core) when it
# is missing. Never downloads a browser from anywhere else.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
sudo=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null || { echo "chromium is missing and installing it needs root (apt-get install chromium)" >&2; exit 1; }
  sudo="sudo"
fi
echo "[mlops] installing Debian chromium for the browser tests" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
