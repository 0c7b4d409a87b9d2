#!/bin/sh
# The agency-directory log-in (django-auth-ldap) needs python-ldap, built here from source against
# OpenLDAP's and Cyrus SASL's headers; its tests start Debian's slapd. Installs what is missing
# when we may (root with apt-get), as scripts/ensure-chromium.sh does for the browser; otherwise
# stops with a message naming the packages.
#   sh scripts/ensure-ldap.sh build    # libldap2-dev libsasl2-dev (before pip installs python-ldap)
#   sh scripts/ensure-ldap.sh server   # slapd ldap-utils (the test directory server)
set -e
case "$1" in
  build) packages="libldap2-dev libsasl2-dev"; ready() { [ -f /usr/include/ldap.h ] && [ -f /usr/include/sasl/sasl.h ]; } ;;
  server) packages="slapd ldap-utils"; ready() { [ -x /usr/sbin/slapd ] && [ -x /usr/sbin/slapadd ]; } ;;
  *) echo "usage: $0 build|server" >&2; exit 2 ;;
esac
if ready; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's $packages ..."
  # slapd's own set-up would start a system server; the tests start their own, so keep it quiet.
  echo "slapd slapd/no_configuration boolean true" | debconf-set-selections 2>/dev/null || true
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
  fi
  exit 0
fi
echo "The agency-directory log-in needs Debian's packages: $packages" >&2
echo "Install them with: sudo apt-get install $packages" >&2
exit 1
