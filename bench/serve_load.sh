#!/bin/sh
# bench/serve_load.sh: `newsgraph serve` under load (docs/PERFORMANCE.md,
# "Serving (issue 13)"). `make bench-serve` runs it. Uses the 100,000-article
# bench database (bench/run.sh's bench/out/bench.db, built with it when
# missing; --db to name another), starts the server on 127.0.0.1 (a free
# port, no rate limit, writes with a token made here), and runs wrk
# (Debian's) on loopback against:
#   the story list    GET /api/stories
#   a story's JSON    GET /api/stories/N (N rotating over the 200 largest)
#   search            GET /api/search?q=WORD (rotating over a few words)
#   ingest            POST /api/articles (one new article each, 1 connection)
# each for --duration seconds (default 10) with --connections (default 32)
# over 2 wrk threads, printing requests/s and p50/p99 latency; then a
# --soak run (default 60 s) of the story JSON, with the server's RSS before
# and after and its peak (VmHWM). Done twice: with the answer cache (the
# default) and with --no-cache. Nothing is written to the bench database
# except the posted articles (their ids start with "load-"): use a copy
# (--copy) to keep it as it was.
#
#   bench/serve_load.sh [--db FILE] [--duration S] [--soak S]
#                       [--connections N] [--copy]
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
NG=$BUILD/newsgraph
DB=bench/out/bench.db
DURATION=10
SOAK=60
CONNS=32
COPY=
while [ $# -gt 0 ]; do
	case $1 in
	--db) DB=$2; shift 2 ;;
	--duration) DURATION=$2; shift 2 ;;
	--soak) SOAK=$2; shift 2 ;;
	--connections) CONNS=$2; shift 2 ;;
	--copy) COPY=1; shift ;;
	*) echo "usage: bench/serve_load.sh [--db FILE] [--duration S] [--soak S] [--connections N] [--copy]" >&2; exit 2 ;;
	esac
done
command -v wrk >/dev/null || { echo "bench-serve: wrk is missing (Debian package wrk: make deps)" >&2; exit 1; }
[ -x "$NG" ] || { echo "bench-serve: $NG is missing: make" >&2; exit 1; }
if [ ! -s "$DB" ]; then
	echo "bench-serve: no $DB: building it with bench/run.sh (a few minutes)" >&2
	nice sh bench/run.sh
fi
T=$(mktemp -d /tmp/newsgraph-serve-load.XXXXXX)
SERVER=
cleanup() {
	[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
if [ -n "$COPY" ]; then
	cp "$DB" "$T/bench.db"
	[ -f "$DB-wal" ] && cp "$DB-wal" "$T/bench.db-wal"
	DB=$T/bench.db
fi
TOKEN=load-token-$(date +%s)-0123456789abcdef
echo "$TOKEN" > "$T/token"

start() { # start [--no-cache]
	"$NG" serve --db "$DB" --listen 127.0.0.1:0 --token-file "$T/token" --rate 0 \
		--max-connections 1024 --max-per-address 1024 "$@" 2>"$T/server.err" &
	SERVER=$!
	i=0
	while ! grep -q serving "$T/server.err" && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
	PORT=$(sed -n 's|.*at http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$T/server.err")
	URL=http://127.0.0.1:$PORT
}
stop() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=; }
rss() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }

# the stories and words the runs rotate over
start
curl -s "$URL/api/stories?limit=200" > "$T/stories.json"
/usr/bin/python3 -c "
import json
ids = [s['story'] for s in json.load(open('$T/stories.json'))['items']]
print('stories = {' + ','.join(str(i) for i in ids) + '}')
print('words = {\"government\",\"police\",\"president\",\"election\",\"water\",\"market\"}')
" > "$T/data.lua"
stop
cat > "$T/story.lua" <<'EOF'
dofile(os.getenv("DATA_LUA"))
local n = 0
request = function()
	n = n + 1
	return wrk.format("GET", "/api/stories/" .. stories[(n % #stories) + 1])
end
EOF
cat > "$T/search.lua" <<'EOF'
dofile(os.getenv("DATA_LUA"))
local n = 0
request = function()
	n = n + 1
	return wrk.format("GET", "/api/search?q=" .. words[(n % #words) + 1])
end
EOF
cat > "$T/post.lua" <<EOF
local n = 0
local stamp = os.time()
request = function()
	n = n + 1
	local body = '{"id":"load-' .. stamp .. '-' .. n .. '","title":"Load test ' .. n ..
		'","published":"2024-06-01","text":"The city council met on Tuesday to ' ..
		'discuss the new budget for schools and roads. Council member ' .. n ..
		' said the plan would be voted on next week."}'
	return wrk.format("POST", "/api/articles",
		{["Authorization"] = "Bearer $TOKEN", ["Content-Type"] = "application/json"}, body)
end
EOF
export DATA_LUA="$T/data.lua"

# run NAME WRK-ARGS...: one wrk run, its figures as one line
run() {
	name=$1; shift
	wrk --latency "$@" > "$T/wrk.out" 2>&1 || { cat "$T/wrk.out" >&2; return 1; }
	rps=$(awk '/^Requests\/sec:/ { print $2 }' "$T/wrk.out")
	p50=$(awk '$1 == "50%" { print $2 }' "$T/wrk.out")
	p99=$(awk '$1 == "99%" { print $2 }' "$T/wrk.out")
	errs=$(awk '/Non-2xx or 3xx responses:/ { print $NF } /Socket errors:/ { print "socket-errors" }' "$T/wrk.out" | paste -sd, -)
	printf '  %-12s %10s req/s   p50 %8s   p99 %8s   %s\n' "$name" "$rps" "$p50" "$p99" "${errs:-no errors}"
}

for mode in cache no-cache; do
	if [ $mode = cache ]; then start; else start --no-cache; fi
	echo "== $mode: $DB ($(du -h "$DB" | cut -f1)), server pid $SERVER, wrk -t2 -c$CONNS -d${DURATION}s"
	run "story list" -t2 -c"$CONNS" -d"${DURATION}s" "$URL/api/stories"
	run "story JSON" -t2 -c"$CONNS" -d"${DURATION}s" -s "$T/story.lua" "$URL"
	run "search" -t2 -c"$CONNS" -d"${DURATION}s" -s "$T/search.lua" "$URL"
	run "ingest POST" -t1 -c1 -d"${DURATION}s" -s "$T/post.lua" "$URL"
	before=$(rss "$SERVER" VmRSS)
	run "soak ${SOAK}s" -t2 -c"$CONNS" -d"${SOAK}s" -s "$T/story.lua" "$URL"
	after=$(rss "$SERVER" VmRSS)
	echo "  server RSS before the soak ${before} kB, after ${after} kB, peak (VmHWM) $(rss "$SERVER" VmHWM) kB"
	stop
done
