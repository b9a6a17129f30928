#!/usr/bin/env bash
# Installs Dovecot 2.3 (Debian packages dovecot-core and dovecot-imapd) if it
# is missing. The tests and the demo start their own Dovecot from a config in
# a temporary directory; the package's own service is not needed, so it is
# kept from starting while the package installs (policy-rc.d).
set -euo pipefail

if [ -x /usr/sbin/dovecot ] && [ -x /usr/lib/dovecot/imap ] && [ -x /usr/bin/doveadm ]; then
    echo "dovecot: $(/usr/sbin/dovecot --version) already installed"
    exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
elif command -v sudo >/dev/null; then
    SUDO=(sudo)
else
    echo "dovecot is missing and installing it needs root (apt-get install dovecot-core dovecot-imapd)" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null; then
    echo "dovecot is missing and this is not a Debian-like system: install Dovecot 2.3 (dovecot, doveadm, the imap binary in /usr/lib/dovecot)" >&2
    exit 1
fi

policy=/usr/sbin/policy-rc.d
made_policy=no
if [ ! -e "$policy" ]; then
    # 101 = "action forbidden": invoke-rc.d will not start the system dovecot.
    printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee "$policy" >/dev/null
    "${SUDO[@]}" chmod 755 "$policy"
    made_policy=yes
fi
cleanup() {
    if [ "$made_policy" = yes ]; then
        "${SUDO[@]}" rm -f "$policy"
    fi
}
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
echo "+ apt-get update"
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
echo "+ apt-get install -y dovecot-core dovecot-imapd"
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    dovecot-core dovecot-imapd
echo "dovecot: $(/usr/sbin/dovecot --version) installed"
