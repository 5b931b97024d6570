#!/bin/sh
# watch_test.sh: `newsgraph watch` end to end against tests/watch_server.py,
# a local HTTP server on 127.0.0.1 (three free ports: three hosts) started
# and stopped here. Nothing leaves the machine. Covers: items fetched and
# stored (a windows-1251 page among them), robots.txt (a disallowed path is
# never requested and the message says why; our own group chosen over "*";
# Crawl-delay spacing the requests; a robots.txt that answers 503 defers
# its host), 404 (no retry), 500 then 200 (one retry), a redirect followed,
# a redirect loop, a body past --max-bytes, a response that never ends
# (timeout), a feed that 404s and one that is not a feed; a second run
# sends the validators, gets 304s and fetches no page again; a run killed
# with SIGKILL loses nothing and a restart fetches nothing twice; SIGTERM
# and SIGINT stop a continuous run (exit 143, 130); a version-4 database is
# upgraded. Prints "watch: N passed, N failed, N skipped"; the exit status
# is the verdict.
set -u
NG=${NEWSGRAPH:-build/newsgraph}
PY=/usr/bin/python3
T=$(mktemp -d /tmp/newsgraph-watch.XXXXXX)
SERVER_PID=
cleanup() {
	[ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
[ -n "${KEEP:-}" ] && trap 'kill "$SERVER_PID" 2>/dev/null' EXIT
passed=0; failed=0; skipped=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAILED: $*" >&2; }
check() { # check "description" command...
	desc=$1; shift
	if "$@"; then ok; else bad "$desc"; fi
}
# hits HOST PATH [FROM]: requests the server logged for PATH on HOST (A,
# B, C), from line FROM of the log on (default 1)
hits() { tail -n +"${3:-1}" "$T/log" | awk -F'\t' -v h="$1" -v p="$2" '$1 == h && $2 == p' | wc -l | tr -d ' '; }
log_lines() { wc -l < "$T/log" | tr -d ' '; }
ids() { "$NG" export --db "$1" --format jsonl | sed -n 's/^{"id":"\([^"]*\)".*/\1/p' | sed 's|^http://127.0.0.1:[0-9]*||' | LC_ALL=C sort | paste -sd, -; }

$PY tests/watch_server.py "$T/ports" "$T/log" >/dev/null 2>"$T/server.err" &
SERVER_PID=$!
i=0
while [ ! -s "$T/ports" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if [ ! -s "$T/ports" ]; then
	echo "watch: the test server did not start:" >&2
	cat "$T/server.err" >&2
	echo "watch: 0 passed, 1 failed, 0 skipped"
	exit 1
fi
read A B C < "$T/ports"
A="http://127.0.0.1:$A"; B="http://127.0.0.1:$B"; C="http://127.0.0.1:$C"
printf '# the test feeds\n%s/feed.xml\n\n%s/atom.xml\n%s/gone.xml\n%s/notfeed.xml\nnot a url\n' \
	"$A" "$B" "$A" "$A" > "$T/feeds"
OPTS="--once --delay 0 --timeout 2 --max-bytes 65536 --retries 1"

# ---- the first run -------------------------------------------------------------
$NG watch "$T/feeds" --db "$T/w.db" $OPTS 2>"$T/err1"
rc=$?
check "a run with failures exits 1 (got $rc)" [ $rc -eq 1 ]
want="/a1.html,/b1.html,/b2.html,/flaky.html,/moved.html,/ru.html"
got=$(ids "$T/w.db")
check "the good items are stored: $got" [ "$got" = "$want" ]
check "the title is the page's" [ "$($NG export --db "$T/w.db" --format jsonl | grep -c '"title":"Alpha one"')" = 1 ]
$NG export --db "$T/w.db" --format jsonl > "$T/export1"
check "a <p> paragraph's words are in the body (Lisbon)" grep -q '"text":"Lisbon"' "$T/export1"
check "the windows-1251 page is decoded (title)" grep -q '"title":"Новости Москвы"' "$T/export1"
check "the windows-1251 page is decoded (body)" grep -q '"text":"Москва"' "$T/export1"
check "the redirected item is stored under its link" grep -q '"text":"Tuscany"' "$T/export1"
check "the feed's date is used when the page has none" grep -qE '"published":"2026-11-30T09:00:00(Z|\+00:00)"' "$T/export1"
check "a bad line of the feeds file is named" grep -q "feeds:7: not an http or https URL" "$T/err1"
# robots.txt
check "the disallowed item is never requested" [ "$(hits A /private/secret.html)" = 0 ]
check "the message names the item and robots.txt" \
	grep -q "item $A/private/secret.html: not fetched: disallowed by $A/robots.txt (Disallow: /private/)" "$T/err1"
check "robots.txt fetched once per host" [ "$(hits A /robots.txt)" = 1 ] && [ "$(hits B /robots.txt)" = 1 ]
check "our group beats '*' on host B (its pages are fetched)" [ "$(hits B /b1.html)" = 1 ]
# Crawl-delay 1 on B: consecutive requests to B start >= 1 s apart (0.1 s
# allowed for the time a connection takes to reach the server)
gaps=$(awk -F'\t' '$1 == "B" { if (n++) printf "%.3f\n", $6 - last; last = $6 }' "$T/log")
check "Crawl-delay spaces the requests to B (gaps: $(echo $gaps))" \
	[ -n "$gaps" ] && [ "$(echo "$gaps" | awk '$1 < 0.9' | wc -l)" = 0 ]
check "a robots.txt answering 503 defers its host (no page asked)" [ "$(hits C /c1.html)" = 0 ]
check "the deferred item's message says why" grep -q "item $C/c1.html: not fetched yet: $C/robots.txt answered HTTP 503: host deferred" "$T/err1"
# failures
check "404: reported with the feed and the item" \
	grep -q "$A/feed.xml:4: item $A/missing.html: HTTP 404; not stored" "$T/err1"
check "404: not retried" [ "$(hits A /missing.html)" = 1 ]
check "500 then 200: retried once and stored" [ "$(hits A /flaky.html)" = 2 ]
check "redirect loop: reported naming the URLs" \
	grep -q "item $A/loop1.html: redirect loop: $A/loop1.html -> $A/loop2.html -> $A/loop1.html" "$T/err1"
check "too big: reported" grep -q "item $A/big.html: larger than 65536 bytes: transfer stopped" "$T/err1"
check "a response that never ends: timed out, tried twice" \
	grep -q "item $B/hang.html: timed out after 2 tries" "$T/err1"
check "a feed that 404s is reported" grep -q "$A/gone.xml: feed failed: HTTP 404" "$T/err1"
check "a page that is not a feed is reported" grep -q "$A/notfeed.xml: feed failed: not read as a feed" "$T/err1"
check "the item listed twice is fetched once" [ "$(hits A /a1.html)" = 1 ]
check "the User-Agent names newsgraph and its version" \
	[ "$(awk -F'\t' '$5 !~ /^newsgraph\/'"$(cat VERSION)"' /' "$T/log" | wc -l)" = 0 ]

# ---- the second run: validators, 304, nothing fetched twice ----------------------
from=$(($(log_lines) + 1))
$NG watch "$T/feeds" --db "$T/w.db" $OPTS 2>"$T/err2"
rc=$?
check "second run exits 1 (the feeds that fail still fail)" [ $rc -eq 1 ]
check "the feed is asked with its ETag and Last-Modified" \
	[ "$(tail -n +$from "$T/log" | awk -F'\t' '$2 == "/feed.xml" && $3 == "\"v1\"" && $4 == "Tue, 01 Dec 2026 10:00:00 GMT"' | wc -l)" = 1 ]
check "the Atom feed is asked with its Last-Modified" \
	[ "$(tail -n +$from "$T/log" | awk -F'\t' '$2 == "/atom.xml" && $4 == "Tue, 01 Dec 2026 11:00:00 GMT"' | wc -l)" = 1 ]
check "both answered 304" grep -q "4 polls (2 not modified" "$T/err2"
for p in /a1.html /ru.html /flaky.html /moved.html /a3.html /missing.html /loop1.html /big.html /private/secret.html; do
	check "second run: $p not fetched again" [ "$(hits A $p $from)" = 0 ]
done
for p in /b1.html /b2.html; do
	check "second run: $p not fetched again" [ "$(hits B $p $from)" = 0 ]
done
check "second run: the timed-out item is tried again" [ "$(hits B /hang.html $from)" -ge 1 ]
check "second run: nothing new stored" [ "$(ids "$T/w.db")" = "$want" ]

# ---- killed with SIGKILL: a restart fetches nothing twice ---------------------------
printf '%s/k.xml\n' "$A" > "$T/kfeeds"
$NG watch "$T/kfeeds" --db "$T/k.db" --once --delay 0 -q 2>"$T/errk" &
pid=$!
i=0
while [ "$(hits A /k2-slow.html)" = 0 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
sleep 0.5
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
check "killed while the slow page was fetched" [ "$(hits A /k2-slow.html)" = 1 ]
$NG watch "$T/kfeeds" --db "$T/k.db" --once --delay 0 -q 2>"$T/errk2"
rc=$?
check "the restart exits 0 ($(cat "$T/errk2"))" [ $rc -eq 0 ]
check "the restart stores both items" [ "$(ids "$T/k.db")" = "/k1.html,/k2-slow.html" ]
check "the page stored before the kill is not fetched again" [ "$(hits A /k1.html)" = 1 ]
check "the page in flight is fetched again" [ "$(hits A /k2-slow.html)" = 2 ]

# ---- SIGTERM and SIGINT stop a continuous run ------------------------------------------
for sig in TERM INT; do
	rm -f "$T/s.db"*
	from=$(($(log_lines) + 1))
	$NG watch "$T/kfeeds" --db "$T/s.db" --delay 0 --interval 60 2>"$T/errs" &
	pid=$!
	i=0
	# k2-slow is asked once k1 is committed; it is in flight when the
	# signal comes
	while [ "$(hits A /k2-slow.html $from)" = 0 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	kill -$sig $pid
	wait $pid
	rc=$?
	want_rc=143; [ $sig = INT ] && want_rc=130
	check "SIG$sig: exit $want_rc (got $rc)" [ $rc -eq $want_rc ]
	check "SIG$sig: says it stopped" grep -q "watch stopped by SIG$sig; everything fetched is stored" "$T/errs"
	check "SIG$sig: what was fetched is stored" $NG export --db "$T/s.db" --format jsonl -o "$T/s.jsonl"
	check "SIG$sig: k1 stored" grep -q '/k1.html"' "$T/s.jsonl"
	check "SIG$sig: the page in flight is not stored" [ "$(grep -c '/k2-slow.html"' "$T/s.jsonl")" = 0 ]
done

# ---- usage and bad input ------------------------------------------------------------------
$NG watch "$T/nonexistent" --db "$T/u.db" --once 2>"$T/erru"
rc=$?
check "a missing feeds file fails (exit 3, got $rc)" [ $rc -eq 3 ]
check "a missing feeds file is named" grep -q "$T/nonexistent" "$T/erru"
printf '# nothing\n' > "$T/empty"
$NG watch "$T/empty" --db "$T/u.db" --once 2>"$T/erru"
check "a feeds file without URLs is bad usage" [ $? -eq 2 ]
$NG watch --db "$T/u.db" --once 2>/dev/null
check "watch without FEEDS is bad usage" [ $? -eq 2 ]
$NG watch "$T/feeds" --db "$T/u.db" --once --max-bytes 10 2>/dev/null
check "--max-bytes below 1024 is bad usage" [ $? -eq 2 ]
$NG watch "$T/feeds" --db "$T/u.db" --once --delay -1 2>/dev/null
check "a negative --delay is bad usage" [ $? -eq 2 ]

# ---- a version-4 database is upgraded ------------------------------------------------------
if command -v sqlite3 >/dev/null 2>&1; then
	cp "$T/k.db" "$T/v4.db"
	sqlite3 "$T/v4.db" "DROP TABLE watch_items; DROP TABLE watch_feeds;
		DROP TABLE articles_fts; DROP INDEX stories_size; DROP INDEX mentions_entity;
		UPDATE meta SET value = '4' WHERE key = 'schema_version';" 2>"$T/errv"
	$NG stories --db "$T/v4.db" >/dev/null 2>"$T/errv"
	check "a reader refuses version 4 and says how to upgrade" grep -q "schema version 4.*ingest into it once" "$T/errv"
	$NG watch "$T/kfeeds" --db "$T/v4.db" --once --delay 0 -q 2>"$T/errv"
	check "watch upgrades a version-4 file" [ $? -eq 0 ]
	check "the upgraded file keeps its articles" [ "$(ids "$T/v4.db")" = "/k1.html,/k2-slow.html" ]
	check "the upgraded file reads as version 6" [ "$(sqlite3 "$T/v4.db" "SELECT value FROM meta WHERE key = 'schema_version'")" = 6 ]
	check "the upgrade indexed the old articles for search" [ "$(sqlite3 "$T/v4.db" "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'k1 OR k2 OR the'")" -ge 1 ]
else
	skipped=$((skipped + 1)); echo "watch: SKIPPED: schema upgrade: no sqlite3 command"
fi

echo "watch: $passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
