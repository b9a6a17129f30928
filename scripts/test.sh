#!/usr/bin/env bash
# Runs every test of the workspace, the real-server tests included: installs
# Dovecot first if it is missing (they start their own instances on
# 127.0.0.1; nothing else is touched). Extra arguments go to `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-dovecot.sh
echo "+ cargo test --workspace --no-fail-fast $*"
exec cargo test --workspace --no-fail-fast "$@"
