#!/bin/sh
# bench/serve_load.sh: `newsgraph serve` under load (docs/PERFORMANCE.md,
# "Serving (issue 13)"). `make bench-serve` runs it. Uses the 100,000-article
# bench database (bench/run.sh's bench/out/bench.db, built with it when
# missing; --db to name another), starts the server on 127.0.0.1 (a free
# port, no rate limit, writes with a token made here), and runs wrk
# (Debian's) on loopback against:
#   the story list    GET /api/stories
#   a story's JSON    GET /api/stories/N (N rotating over 20 stories of
#                     every size: every 14th of the list)
#   search            GET /api/search?q=WORD (rotating over 6 words)
#   ingest            POST /api/articles (one new article each, 1 connection;
#                     the first POST, which opens the writer, timed alone)
# each for --duration seconds (default 10) with --connections (default 32)
# over 2 wrk threads (timeout 10 s), printing requests/s and p50/p99
# latency; then a --soak run (default 60 s) of the story JSON, with the
# server's RSS before and after and its peak (VmHWM). Each run has a server
# of its own (a slow run's backlog does not spill into the next). Done
# twice: with the answer cache (the default; the URLs of a run are fetched
# once first, so the figures are the warm cache's) and with --no-cache. The
# cold latency of each URL (one request, nothing cached) is printed too.
# The POSTs go to a copy of the database made here (their articles would
# otherwise grow one story of near-identical texts run after run), so the
# bench database is only read. Nothing is written to the bench database
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
while [ $# -gt 0 ]; do
	case $1 in
	--db) DB=$2; shift 2 ;;
	--duration) DURATION=$2; shift 2 ;;
	--soak) SOAK=$2; shift 2 ;;
	--connections) CONNS=$2; shift 2 ;;
	*) echo "usage: bench/serve_load.sh [--db FILE] [--duration S] [--soak S] [--connections N]" >&2; exit 2 ;;
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
TOKEN=load-token-$(date +%s)-0123456789abcdef
echo "$TOKEN" > "$T/token"

starts=0
start() { # start [--no-cache] [--db FILE]
	starts=$((starts + 1))
	err=$T/server$starts.err
	"$NG" serve --db "$DB" --listen 127.0.0.1:0 --token-file "$T/token" --rate 0 \
		--max-connections 1024 --max-per-address 1024 --writer-idle 600 "$@" \
		2>"$err" &
	SERVER=$!
	i=0
	while ! grep -q serving "$err" 2>/dev/null && [ $i -lt 200 ]; do sleep 0.05; i=$((i + 1)); done
	PORT=$(sed -n 's|.*at http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$err")
	[ -n "$PORT" ] || { echo "bench-serve: the server did not start:" >&2; cat "$err" >&2; exit 1; }
	URL=http://127.0.0.1:$PORT
}
stop() { kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=; }
rss() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }

# the stories and words the runs rotate over
start --no-cache
curl -s "$URL/api/stories?limit=1000" > "$T/stories.json"
/usr/bin/python3 -c "
import json
items = json.load(open('$T/stories.json'))['items']
ids = [s['story'] for s in items][::14][:20]
sizes = [s['size'] for s in items][::14][:20]
print('stories = {' + ','.join(str(i) for i in ids) + '}')
print('words = {\"government\",\"police\",\"president\",\"election\",\"water\",\"market\"}')
print('-- sizes: ' + ','.join(str(n) for n in sizes))
" > "$T/data.lua"
sed -n 's/^-- sizes: /  the stories'"'"' sizes: /p' "$T/data.lua"
stories=$(sed -n 's/^stories = {\(.*\)}/\1/p' "$T/data.lua" | tr , ' ')
words="government police president election water market"
# cold latency: one request each, nothing cached
cold() { # cold NAME PATHS...
	name=$1; shift
	/usr/bin/python3 - "$URL" "$name" "$@" <<'PY'
import sys, time, urllib.request
url, name, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
times = []
for p in paths:
    t = time.time()
    urllib.request.urlopen(url + p, timeout=120).read()
    times.append(time.time() - t)
times.sort()
print("  cold %-11s one request each, %d URLs: median %.3f s, max %.3f s"
      % (name, len(times), times[len(times) // 2], times[-1]))
PY
}
echo "== cold (no cache, one request at a time): $DB ($(du -h "$DB" | cut -f1))"
cold "story list" /api/stories
cold "story JSON" $(for s in $stories; do printf '/api/stories/%s ' "$s"; done)
cold "search" $(for w in $words; do printf '/api/search?q=%s ' "$w"; done)
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

warm() { # fetches the URLs of the runs once (the cache's first fill)
	[ "$mode" = cache ] || return 0
	curl -s -o /dev/null "$URL/api/stories"
	for s in $stories; do curl -s -o /dev/null "$URL/api/stories/$s"; done
	for w in $words; do curl -s -o /dev/null "$URL/api/search?q=$w"; done
}
for mode in cache no-cache; do
	flag=; [ $mode = cache ] || flag=--no-cache
	echo "== $mode: wrk -t2 -c$CONNS -d${DURATION}s --timeout 10s"
	for what in list story search; do
		start $flag
		warm
		case $what in
		list) run "story list" -t2 -c"$CONNS" -d"${DURATION}s" --timeout 10s "$URL/api/stories" ;;
		story) run "story JSON" -t2 -c"$CONNS" -d"${DURATION}s" --timeout 10s -s "$T/story.lua" "$URL" ;;
		search) run "search" -t2 -c"$CONNS" -d"${DURATION}s" --timeout 10s -s "$T/search.lua" "$URL" ;;
		esac
		stop
	done
	rm -f "$T/post.db" "$T/post.db-wal"
	cp "$DB" "$T/post.db"
	[ ! -f "$DB-wal" ] || cp "$DB-wal" "$T/post.db-wal"
	start $flag --db "$T/post.db"
	# the first POST opens the writer (it reads the link state): timed
	# alone, then wrk's POSTs use the open writer
	cold=$(curl -s -o /dev/null -w '%{time_total}' -X POST -H "Authorization: Bearer $TOKEN" \
		-H 'Content-Type: application/json' --data-binary \
		"{\"id\":\"load-cold-$mode-$(date +%s)\",\"text\":\"The harbour reopened on Monday after the storm.\"}" \
		"$URL/api/articles")
	echo "  first POST (opens the writer): ${cold} s"
	run "ingest POST" -t1 -c1 -d"${DURATION}s" -s "$T/post.lua" "$URL"
	stop
	rm -f "$T/post.db" "$T/post.db-wal" "$T/post.db-shm" "$T/post.db-lock"
	start $flag
	warm
	before=$(rss "$SERVER" VmRSS)
	run "soak ${SOAK}s" -t2 -c"$CONNS" -d"${SOAK}s" --timeout 10s -s "$T/story.lua" "$URL"
	after=$(rss "$SERVER" VmRSS)
	echo "  server RSS before the soak ${before} kB, after ${after} kB, peak (VmHWM) $(rss "$SERVER" VmHWM) kB"
	stop
done
