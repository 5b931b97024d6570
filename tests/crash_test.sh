#!/bin/sh
# crash_test.sh: crash consistency and graceful stops (issue 15; the
# results are in docs/RELIABILITY.md, "Crash trials, signals and limits").
#
# Kill trials: an ingest of a made-up corpus (tests/gen_resume_corpus.py)
# is run once uninterrupted, timed, and exported. Then, for each of POINTS
# kill points spread evenly over that time (point i of P at i/(P+1) of
# it: the same choice every run), the same ingest is started into a fresh
# database and killed with SIGKILL at that point; the database must pass
# `PRAGMA integrity_check` and hold whole batches only; the same command
# run again must exit 0, and its export must be the one run's byte for
# byte. The same for `newsgraph watch --once` against a local feed
# (tests/crash_feed_server.py on 127.0.0.1) whose pages are the corpus's
# articles: killed at WATCH_POINTS points (point i once i/(Q+1) of the
# items are committed: a watch commits a page at a time), run again,
# export compared.
#
# Signals: SIGINT and SIGTERM stop an ingest gracefully (exit 130, 143; the
# warning names file, record and offset where it stopped and the articles
# stored; what it says is what the database holds; run again, the export is
# the one run's), also while it waits for input on a pipe; a watch stopped
# by either signal exits 130/143 and its restart gives the one run's
# export. (serve's 130/143: tests/serve_test.sh.)
#
# Sizes: CRASH_POINTS (20), CRASH_ARTICLES (400), CRASH_BATCH (5),
# CRASH_WATCH_POINTS (5), CRASH_WATCH_ITEMS (20); `make test-crash` runs
# these, `make torture-kill` larger ones. Needs the sqlite3 command (make
# deps). Prints one line per trial and "crash: N passed, N failed"; the
# exit status is the verdict.
set -u
NG=${NEWSGRAPH:-build/newsgraph}
PY=/usr/bin/python3
POINTS=${CRASH_POINTS:-20}
ARTICLES=${CRASH_ARTICLES:-400}
BATCH=${CRASH_BATCH:-5}
WATCH_POINTS=${CRASH_WATCH_POINTS:-5}
WATCH_ITEMS=${CRASH_WATCH_ITEMS:-20}
T=$(mktemp -d /tmp/newsgraph-crash.XXXXXX)
SERVER_PID=
cleanup() {
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
passed=0; failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAILED: $*" >&2; }
check() { # check "description" command...
	desc=$1; shift
	if "$@"; then ok; else bad "$desc"; fi
}
if ! command -v sqlite3 >/dev/null 2>&1; then
	echo "crash: the sqlite3 command is missing (make deps)" >&2
	echo "crash: 0 passed, 1 failed"
	exit 1
fi
now() { date +%s.%N; }
# same_export DB ONE: 0 when DB exports byte for byte what ONE holds (the
# one run's export); DB's export is left beside it
same_export() {
	$NG export --db "$1" --format jsonl >"$1.jsonl" && cmp -s "$2" "$1.jsonl"
}
# export_verdict DB ONE LABEL: same_export counted as a check; $same says
# which it was, for the line each point prints
export_verdict() {
	if same_export "$1" "$2"; then
		ok; same="export identical"
	else
		bad "$3: the export differs from the one run's"; same="EXPORT DIFFERS"
	fi
}
# articles in a database (0 when there is none yet)
count() { [ -f "$1" ] && sqlite3 "$1" "SELECT count(*) FROM articles" 2>/dev/null || echo 0; }
# articles committed, read through the command as a reader would (while
# the writer runs: a read-only engine writes nothing, not even on open)
stored() {
	"$NG" stories --db "$1" --format jsonl 2>/dev/null |
		sed -n 's/.*"size":\([0-9]*\).*/\1/p' | awk '{n += $1} END {print n + 0}'
}
integrity() { [ ! -f "$1" ] || [ "$(sqlite3 "$1" "PRAGMA integrity_check" 2>&1)" = ok ]; }
# the seconds of kill point I of P over a run of D seconds
point() { awk -v d="$3" -v i="$1" -v p="$2" 'BEGIN { printf "%.3f", d * i / (p + 1) }'; }

$PY tests/gen_resume_corpus.py "$ARTICLES" 7 25 1 >"$T/in.jsonl"
ingest() { # ingest DB: the corpus, the test's batch size, quiet
	$NG ingest "$T/in.jsonl" --db "$1" --batch "$BATCH" --threads 2 -q
}

# ---- ingest killed with SIGKILL ----------------------------------------------------
t0=$(now); ingest "$T/one.db"; rc=$?; t1=$(now)
check "one run exits 0 (got $rc)" [ $rc -eq 0 ]
D=$(echo "$t1 - $t0" | bc)
$NG export --db "$T/one.db" --format jsonl >"$T/one.jsonl"
check "one run: $ARTICLES articles" [ "$(wc -l <"$T/one.jsonl")" -eq "$ARTICLES" ]
echo "crash: ingest of $ARTICLES articles in batches of $BATCH: one run $D s; $POINTS kill points"
i=1
while [ $i -le "$POINTS" ]; do
	at=$(point $i "$POINTS" "$D")
	rm -f "$T"/k.db*
	# the command itself in the background (not a function: a subshell),
	# so $! is its pid
	$NG ingest "$T/in.jsonl" --db "$T/k.db" --batch "$BATCH" --threads 2 -q 2>/dev/null &
	pid=$!
	sleep "$at"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	rc=$?
	n=$(count "$T/k.db")
	how="killed"; [ $rc -ne 137 ] && how="ended before the kill (exit $rc)"
	check "ingest point $i: integrity_check ok" integrity "$T/k.db"
	check "ingest point $i: whole batches only ($n articles)" [ $((n % BATCH)) -eq 0 ] || [ "$n" -eq "$ARTICLES" ]
	ingest "$T/k.db"; rc=$?
	check "ingest point $i: the run again exits 0 (got $rc)" [ $rc -eq 0 ]
	check "ingest point $i: integrity_check ok after the run again" integrity "$T/k.db"
	export_verdict "$T/k.db" "$T/one.jsonl" "ingest point $i"
	echo "crash: ingest point $i/$POINTS at $at s: $how with $n articles committed; run again: $same"
	i=$((i + 1))
done

# ---- ingest stopped by SIGINT and SIGTERM --------------------------------------------
half=$(point 1 1 "$D")
for sig in INT TERM; do
	rm -f "$T"/s.db*
	$NG ingest "$T/in.jsonl" --db "$T/s.db" --batch "$BATCH" --threads 2 2>"$T/s.err" &
	pid=$!
	sleep "$half"
	kill -$sig $pid
	wait $pid
	rc=$?
	want=143; [ $sig = INT ] && want=130
	check "SIG$sig stops an ingest: exit $want (got $rc; $(tail -n 1 "$T/s.err"))" [ $rc -eq $want ]
	check "SIG$sig: the command says so" grep -q "ingest stopped by SIG$sig: .* committed" "$T/s.err"
	line=$(grep "stopped on request before this record" "$T/s.err")
	check "SIG$sig: the warning names file, record and offset ($line)" \
		sh -c "echo '$line' | grep -Eq '$T/in.jsonl:[0-9]+: offset [0-9]+: stopped'"
	n=$(count "$T/s.db")
	rec=$(echo "$line" | sed -n 's/.*in\.jsonl:\([0-9]*\):.*/\1/p')
	check "SIG$sig: the records before the one named are stored ($n, record ${rec:-none})" [ "$((${rec:-0} - 1))" -eq "$n" ]
	check "SIG$sig: the articles it says are the database's" grep -q "($n articles in the database)" "$T/s.err"
	check "SIG$sig: integrity_check ok" integrity "$T/s.db"
	ingest "$T/s.db"
	check "SIG$sig: run again, the export is the one run's" same_export "$T/s.db" "$T/one.jsonl"
	echo "crash: ingest SIG$sig at $half s: exit $rc, $n articles committed; $(grep -c . "$T/s.err") lines on stderr"
done
# waiting for input on a pipe: the stop comes with the next record
rm -f "$T"/p.db*
{ sleep 1; head -n 3 "$T/in.jsonl"; } | $NG ingest - --db "$T/p.db" -q 2>"$T/p.err" &
pid=$!
sleep 0.4
kill -INT $pid
wait $pid
rc=$?
check "SIGINT while waiting for stdin: exit 130 (got $rc)" [ $rc -eq 130 ]
check "SIGINT while waiting for stdin: stopped before record 1" grep -q "^newsgraph: warning: -:1: offset 0: stopped on request" "$T/p.err"
check "SIGINT while waiting for stdin: nothing stored" [ "$(count "$T/p.db")" -eq 0 ]

# a second signal during the stop ends the process at once, as the default
# action: the batches committed before stay, nothing is half written (and a
# pipe's records are read as they come: the first batch is stored while the
# reader waits for more)
rm -f "$T"/q.db* "$T/q.fifo"
mkfifo "$T/q.fifo"
{ head -n 10 "$T/in.jsonl"; sleep 20; } >"$T/q.fifo" &
wpid=$!
$NG ingest - --db "$T/q.db" --batch 5 -q <"$T/q.fifo" 2>"$T/q.err" &
pid=$!
waited=0
while [ "$(stored "$T/q.db")" -lt 5 ] && [ $waited -lt 100 ]; do
	sleep 0.1; waited=$((waited + 1))
done
n0=$(count "$T/q.db")
kill -INT $pid
sleep 0.5
kill -0 $pid 2>/dev/null
alive=$?
kill -INT $pid 2>/dev/null
wait $pid
rc=$?
kill $wpid 2>/dev/null
wait $wpid 2>/dev/null
n=$(count "$T/q.db")
check "second SIGINT: the first left it waiting for the next record" [ $alive -eq 0 ]
check "second SIGINT: the process ends as SIGINT's default action (exit $rc)" [ $rc -eq 130 ]
check "second SIGINT: no graceful stop was reported" sh -c "! grep -q 'ingest stopped by' '$T/q.err'"
check "second SIGINT: the first batch was committed while it waited ($n0)" [ "$n0" -ge 5 ]
check "second SIGINT: what was committed stays, whole batches ($n0, then $n)" \
	[ "$n" -eq "$n0" ] && [ $((n % 5)) -eq 0 ]
check "second SIGINT: integrity_check ok" integrity "$T/q.db"

# ---- watch killed with SIGKILL, and stopped by SIGINT and SIGTERM ----------------------------
head -n "$WATCH_ITEMS" "$T/in.jsonl" >"$T/items.jsonl"
$PY tests/crash_feed_server.py "$T/port" "$T/items.jsonl" 2>"$T/server.err" &
SERVER_PID=$!
i=0
while [ ! -s "$T/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if [ ! -s "$T/port" ]; then
	bad "the feed server did not start: $(cat "$T/server.err")"
	echo "crash: $passed passed, $failed failed"
	exit 1
fi
printf 'http://127.0.0.1:%s/feed.xml\n' "$(cat "$T/port")" >"$T/feeds"
watch() { $NG watch "$T/feeds" --db "$1" --once --delay 0 --threads 2 -q; }
t0=$(now); watch "$T/wone.db"; rc=$?; t1=$(now)
check "watch one run exits 0 (got $rc)" [ $rc -eq 0 ]
WD=$(echo "$t1 - $t0" | bc)
$NG export --db "$T/wone.db" --format jsonl >"$T/wone.jsonl"
check "watch one run: $WATCH_ITEMS articles" [ "$(wc -l <"$T/wone.jsonl")" -eq "$WATCH_ITEMS" ]
echo "crash: watch of $WATCH_ITEMS items: one run $WD s; $WATCH_POINTS kill points"
i=1
while [ $i -le "$WATCH_POINTS" ]; do
	# a page is committed at a time, some 50 ms apart: the point is the
	# i-th share of the items, killed once that many are committed
	want=$((WATCH_ITEMS * i / (WATCH_POINTS + 1)))
	rm -f "$T"/wk.db*
	t0=$(now)
	$NG watch "$T/feeds" --db "$T/wk.db" --once --delay 0 --threads 2 -q 2>/dev/null &
	pid=$!
	while kill -0 $pid 2>/dev/null && [ "$(stored "$T/wk.db")" -lt "$want" ]; do
		sleep 0.02
	done
	kill -9 $pid 2>/dev/null
	at=$(echo "$(now) - $t0" | bc)
	wait $pid 2>/dev/null
	rc=$?
	n=$(count "$T/wk.db")
	how="killed"; [ $rc -ne 137 ] && how="ended before the kill (exit $rc)"
	check "watch point $i: integrity_check ok" integrity "$T/wk.db"
	watch "$T/wk.db"; rc=$?
	check "watch point $i: the run again exits 0 (got $rc)" [ $rc -eq 0 ]
	export_verdict "$T/wk.db" "$T/wone.jsonl" "watch point $i"
	echo "crash: watch point $i/$WATCH_POINTS (at $want articles) after $at s: $how with $n articles committed; run again: $same"
	i=$((i + 1))
done
half=$(point 1 1 "$WD")
for sig in INT TERM; do
	rm -f "$T"/ws.db*
	$NG watch "$T/feeds" --db "$T/ws.db" --delay 0 --interval 60 -q 2>"$T/ws.err" &
	pid=$!
	sleep "$half"
	kill -$sig $pid
	wait $pid
	rc=$?
	want=143; [ $sig = INT ] && want=130
	check "SIG$sig stops a watch: exit $want (got $rc)" [ $rc -eq $want ]
	n=$(count "$T/ws.db")
	check "SIG$sig: the watch says how many it stored ($n)" grep -q "new items: $n stored" "$T/ws.err"
	check "SIG$sig: watch integrity_check ok" integrity "$T/ws.db"
	watch "$T/ws.db"
	check "SIG$sig: watch again, the export is the one run's" same_export "$T/ws.db" "$T/wone.jsonl"
	echo "crash: watch SIG$sig at $half s: exit $rc, $n articles committed"
done

echo "crash: $passed passed, $failed failed"
[ $failed -eq 0 ]
