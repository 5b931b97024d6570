#!/bin/sh
# bench/run.sh: ingest throughput of the newsgraph command on a synthetic
# stream. `make bench` builds build/newsgraph and build/bench/gen_corpus
# first; this script builds nothing. It generates bench/out/corpus.jsonl
# (100,000 mutated copies of the FNC-1 bodies, fixed seed) when missing, then
# times one `newsgraph ingest` into a fresh bench/out/bench.db and prints
# articles/s, MB/s and peak RSS (from /usr/bin/time -v, Debian package
# `time`; without it the wall time is still measured, peak memory is not).
#
# Environment: BUILD (default build), THREADS (passed as --threads when
# set), COUNT (articles, default 100000), SEED, BODIES (FNC-1 bodies file).
set -eu
cd "$(dirname "$0")/.."

BUILD=${BUILD:-build}
CLI=$BUILD/newsgraph
GEN=$BUILD/bench/gen_corpus
COUNT=${COUNT:-100000}
SEED=${SEED:-20240101}
BODIES=${BODIES:-../shared/data/fnc1/train_bodies.csv}
OUT=bench/out
CORPUS=$OUT/corpus.jsonl
DB=$OUT/bench.db

for f in "$CLI" "$GEN"; do
	[ -x "$f" ] || { echo "bench: $f is missing: run 'make bench'" >&2; exit 1; }
done
mkdir -p "$OUT"

if [ ! -s "$CORPUS" ]; then
	[ -r "$BODIES" ] || { echo "bench: $BODIES not found (needed to generate the corpus)" >&2; exit 1; }
	"$GEN" -n "$COUNT" -s "$SEED" -b "$BODIES" -o "$CORPUS.tmp"
	mv "$CORPUS.tmp" "$CORPUS"
fi

articles=$(wc -l < "$CORPUS" | tr -d ' ')
bytes=$(wc -c < "$CORPUS" | tr -d ' ')
rm -f "$DB" "$DB-wal" "$DB-shm"

set -- ingest "$CORPUS" --db "$DB"
[ -n "${THREADS:-}" ] && set -- "$@" --threads "$THREADS"

now() { date +%s.%N; }
timing=$OUT/time.txt
start=$(now)
if [ -x /usr/bin/time ]; then
	/usr/bin/time -v -o "$timing" "$CLI" "$@"
else
	echo "bench: /usr/bin/time not found (Debian package 'time'): peak memory unavailable" >&2
	: > "$timing"
	"$CLI" "$@"
fi
end=$(now)

rss_kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): *//p' "$timing")
awk -v s="$start" -v e="$end" -v n="$articles" -v b="$bytes" -v rss="$rss_kb" \
    -v threads="${THREADS:-default}" 'BEGIN {
	t = e - s; if (t <= 0) t = 1e-9;
	printf "corpus        %d articles, %.1f MB\n", n, b / 1e6;
	printf "threads       %s\n", threads;
	printf "seconds       %.2f\n", t;
	printf "articles/s    %.0f\n", n / t;
	printf "MB/s          %.2f\n", b / 1e6 / t;
	if (rss != "") printf "peak RSS      %.1f MB\n", rss / 1024;
	else printf "peak RSS      unavailable\n";
}'
