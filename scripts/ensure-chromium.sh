#!/usr/bin/env bash
# The browser tests drive Debian's Chromium: Playwright cannot download its own browsers here.
set -euo pipefail
chromium=${ATLAS_CHROMIUM:-/usr/bin/chromium}
if [ -x "$chromium" ]; then
  exit 0
fi
if [ -f /etc/debian_version ] && [ "$(id -u)" = 0 ]; then
  echo "Chromium is missing: installing Debian's chromium package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  exit 0
fi
cat >&2 <<MSG
The browser tests need Chromium at $chromium, and it is missing.
Install it, then run 'make test' again:
  - on Debian or Ubuntu: sudo apt-get install chromium
  - elsewhere: install Chromium and set ATLAS_CHROMIUM=/path/to/chromium
MSG
exit 1
