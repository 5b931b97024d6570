#!/bin/sh
# browser_test.sh: the web view in a real browser (docs/WEB.md), run by
# `make test-browser`. Builds a database of the seed articles
# (examples/articles/) plus one article whose title is an HTML injection,
# then serves it with `newsgraph serve --listen 127.0.0.1:0` (the server
# prints "newsgraph: serving DB at http://127.0.0.1:PORT/ ..." on stderr)
# and runs tests/browser/run.mjs against it; then the same checks (but
# search) on the static site of `newsgraph report --html`, through file://
# URLs. Screenshots (of the served pages) go to $BUILD/screenshots/. The
# server is stopped on exit.
#
# Environment: NEWSGRAPH (the command), BUILD (default build).
set -u
NEWSGRAPH=${NEWSGRAPH:-build/newsgraph}
BUILD=${BUILD:-build}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)

fail() { echo "browser: $*" >&2; exit 1; }
command -v node >/dev/null 2>&1 || fail "node is not installed (Debian: apt-get install nodejs)"
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium is not installed (Debian: apt-get install chromium)"
[ -d "$here/browser/node_modules/playwright-core" ] ||
	fail "tests/browser/node_modules is missing: run make browser-deps"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/newsgraph-browser.XXXXXX") || exit 1
server=
cleanup() {
	if [ -n "$server" ]; then
		kill "$server" 2>/dev/null
		wait "$server" 2>/dev/null
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

db="$tmp/web.db"
xss_id="xss-title-1"
cat > "$tmp/xss.jsonl" <<'EOF'
{"id": "xss-title-1", "title": "<img src=x onerror=alert(1)>", "outlet": "<b>Outlet</b>", "published": "2024-11-20", "text": "A test article whose title tries to run a script.\n\nNothing in it may become markup: not <script>alert(2)</script>, not \"quotes\" or 'apostrophes' & ampersands."}
EOF
"$NEWSGRAPH" ingest "$root/examples/articles/" "$tmp/xss.jsonl" --db "$db" -q 2>"$tmp/ingest.log" ||
	{ cat "$tmp/ingest.log"; fail "ingest failed"; }
"$NEWSGRAPH" stories --db "$db" --format json > "$tmp/stories.json" || fail "stories failed"

# the served pages first
"$NEWSGRAPH" serve --db "$db" --listen 127.0.0.1:0 2>"$tmp/serve.log" &
server=$!
base=
i=0
while [ $i -lt 100 ]; do
	base=$(sed -n 's/^newsgraph: serving .* at \(http:\/\/127\.0\.0\.1:[0-9]*\/\).*/\1/p' "$tmp/serve.log" | head -n 1)
	[ -n "$base" ] && break
	kill -0 "$server" 2>/dev/null || break
	sleep 0.1
	i=$((i + 1))
done
[ -n "$base" ] || { cat "$tmp/serve.log" >&2; fail "newsgraph serve did not start"; }

mkdir -p "$BUILD/screenshots"
shots=$(cd "$BUILD/screenshots" && pwd)
(cd "$here/browser" &&
 BASE="$base" MODE=served STORIES="$tmp/stories.json" XSS_ID="$xss_id" \
	SEARCH_WORD="Peskov" SHOTS="$shots" timeout 120 node run.mjs) || exit 1

"$NEWSGRAPH" report --html "$tmp/site" --db "$db" 2>"$tmp/report.log" ||
	{ cat "$tmp/report.log"; fail "report --html failed"; }
mkdir -p "$tmp/static-shots"
cd "$here/browser" &&
BASE="file://$tmp/site/" MODE=static STORIES="$tmp/stories.json" XSS_ID="$xss_id" \
	SEARCH_WORD="Peskov" SHOTS="$tmp/static-shots" timeout 120 node run.mjs
