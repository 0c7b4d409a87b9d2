#!/bin/sh
# The browser tests drive Debian's Chromium; Playwright never downloads a browser here.
# Installs Debian's `chromium` (and Korean fonts) when missing and we may (root); otherwise stops
# with a message naming the package.
set -e
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests ..."
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  exit 0
fi
echo "The browser tests need Debian's 'chromium' package at /usr/bin/chromium." >&2
echo "Install it with: sudo apt-get install chromium fonts-noto-cjk" >&2
exit 1
