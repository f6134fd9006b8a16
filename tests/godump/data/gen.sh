#!/usr/bin/env bash
# Regenerate the dumps under go*/ with real Go: tests read what Go prints.
#   bash gen.sh GO_BINARY OUT_FOLDER [--minutes]
# Needs Debian's golang-uber-goleak-dev for the goleak forms.
set -uo pipefail
GO=$(readlink -f "$1"); OUT=$(readlink -f "$2"); MINUTES=${3:-}
export GOROOT=$(dirname "$(dirname "$GO")") GOTOOLCHAIN=local GOPROXY=off GOFLAGS=-mod=mod
HERE=$(cd "$(dirname "$0")" && pwd)
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
mkdir -p "$OUT"
cd "$HERE/leaky"
"$GO" build -trimpath -o "$TMP/leaky" . || exit 1
"$GO" version > "$OUT/VERSION"
"$TMP/leaky" -dump 2 > "$OUT/debug2.txt"
"$TMP/leaky" -dump 1 > "$OUT/debug1.txt"
# labels in debug=2 headers: Go 1.27's default, older go.mod versions opt in
GODEBUG=tracebacklabels=1 "$TMP/leaky" -dump 2 > "$OUT/debug2-labels.txt"
grep -q '^goroutine [0-9]* \[.*\] {' "$OUT/debug2-labels.txt" || rm -f "$OUT/debug2-labels.txt"
"$TMP/leaky" -dump leak2 > "$OUT/goroutineleak2.txt" 2>/dev/null || rm -f "$OUT/goroutineleak2.txt"
"$TMP/leaky" -dump leak1 > "$OUT/goroutineleak1.txt" 2>/dev/null || rm -f "$OUT/goroutineleak1.txt"
GOTRACEBACK=all "$TMP/leaky" -crash panic 2> "$OUT/panic.txt"
GOTRACEBACK=system "$TMP/leaky" -crash panic 2> "$OUT/panic-system.txt"
"$TMP/leaky" -crash sigquit 2> "$OUT/sigquit.txt"
# goleak, plain and as go test -json, in GOPATH mode on Debian's copy
mkdir -p "$TMP/gopath/src/leaky" && cp ./*.go "$TMP/gopath/src/leaky/"
(cd "$TMP/gopath/src/leaky" && GO111MODULE=off GOFLAGS= GOPATH="$TMP/gopath:/usr/share/gocode" \
    "$GO" test -trimpath -tags goleak -run TestLeaks . > "$OUT/goleak.txt" 2>&1;
 GO111MODULE=off GOFLAGS= GOPATH="$TMP/gopath:/usr/share/gocode" \
    "$GO" test -trimpath -json -tags goleak -run TestLeaks . > "$OUT/goleak.json" 2>&1)
"$GO" test -v -count=1 -trimpath -tags bubble -run TestBubble . > "$OUT/bubble.txt" 2>&1 || true
grep -q "synctest bubble\|durable" "$OUT/bubble.txt" || rm -f "$OUT/bubble.txt"
if [ "$MINUTES" = --minutes ]; then
    "$TMP/leaky" -wait 61s -dump 2 > "$OUT/debug2-minutes.txt"
fi
ls -la "$OUT"
