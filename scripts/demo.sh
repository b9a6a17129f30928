#!/usr/bin/env bash
# The first thing to run on a fresh machine: starts a local Dovecot with 200
# sample messages (installing Dovecot if it is missing), mirrors its INBOX
# into a local Maildir with the `mirror` example of imap-blocking over
# implicit TLS (trusting the demo's own test CA), runs the mirror again to
# show it resumes, and stops the server.
#
#   scripts/demo.sh [DEST]        (DEST defaults to ./demo-mirror)
#
# The server listens on 127.0.0.1 only and lives in a temporary directory
# that is removed when the script ends.
set -euo pipefail
cd "$(dirname "$0")/.."
dest=${1:-demo-mirror}

scripts/install-dovecot.sh

echo "+ cargo build -p imap-tests --bin demo-server -p imap-blocking --example mirror"
cargo build -q -p imap-tests --bin demo-server -p imap-blocking --example mirror

work=$(mktemp -d)
server_pid=
cleanup() {
    # Closing the server's standard input stops Dovecot and removes its files.
    exec 3>&- 2>/dev/null || true
    if [ -n "$server_pid" ]; then
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

mkfifo "$work/control"
echo "+ cargo run -p imap-tests --bin demo-server -- 200 --env $work/env"
cargo run -q -p imap-tests --bin demo-server -- 200 --env "$work/env" <"$work/control" &
server_pid=$!
exec 3>"$work/control"
for _ in $(seq 1 600); do
    [ -s "$work/env" ] && break
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "demo-server exited before it was ready" >&2
        exit 1
    fi
    sleep 0.1
done
[ -s "$work/env" ] || { echo "demo-server did not become ready" >&2; exit 1; }
# shellcheck disable=SC1091
. "$work/env"

mirror() {
    echo "+ cargo run -p imap-blocking --example mirror -- --host $IMAP_HOST --port $IMAP_TLS_PORT --tls --ca $IMAP_CA --user $IMAP_USER --password-file <file> --mailbox INBOX --dest $dest"
    printf '%s\n' "$IMAP_PASSWORD" >"$work/password"
    cargo run -q -p imap-blocking --example mirror -- \
        --host "$IMAP_HOST" --port "$IMAP_TLS_PORT" --tls --ca "$IMAP_CA" \
        --user "$IMAP_USER" --password-file "$work/password" \
        --mailbox INBOX --dest "$dest"
}

echo
echo "== First run: copies every message"
mirror
echo
echo "== Second run: resumes by UID, nothing new to copy"
mirror
echo
count=$(find "$dest" -path '*/cur/*' -type f | wc -l)
echo "== Result: $count messages in the Maildir under $dest/"
find "$dest" -path '*/cur/*' -type f | sort | head -3
echo "..."
first=$(find "$dest" -path '*/cur/*' -type f | sort | head -1)
echo "== Headers of $first:"
sed -n '1,/^\r\?$/p' "$first"
