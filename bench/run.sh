#!/bin/sh
# bench/run.sh: ingest throughput of the newsgraph command on a synthetic
# stream. `make bench` builds build/newsgraph and build/bench/gen_corpus
# first; this script builds nothing. It generates the corpus (by default
# bench/out/corpus.jsonl: 100,000 mutated copies of the FNC-1 bodies dated
# over 2024, fixed seed) when missing, then times one `newsgraph ingest`
# into a fresh database and prints articles/s, MB/s, peak RSS (from
# /usr/bin/time -v, Debian package `time`; without it the wall time is still
# measured, peak memory is not) and the database's size.
#
# Options (or the environment variables named):
#   --articles N     articles to generate (COUNT, default 100000)
#   --days D         days their dates spread over (DAYS, default 366)
#   --out DIR        corpus, database and timings (OUT, default bench/out);
#                    a corpus other than the default is corpus-N-dD.jsonl
#   --index-memory   then also count the link indexes' bytes per article on
#                    the same corpus (build/bench/index_memory)
#   --warc MB        instead: the WARC ingest bench (docs/PERFORMANCE.md,
#                    "WARC ingest"). build/bench/gen_warc writes a CC-NEWS-
#                    like OUT/warc-MB.warc.gz of about MB megabytes (the
#                    pages of ../shared/data/article-extraction, repeated
#                    under new URIs) and the same articles as JSON Lines
#                    (their reference bodies); both are ingested into fresh
#                    databases and timed. The issue's run: --warc 1000.
# Environment: BUILD (default build), THREADS (passed as --threads when
# set), SEED, BODIES (FNC-1 bodies file).
#
# The 1,000,000-article run of docs/PERFORMANCE.md:
#   bench/run.sh --articles 1000000 --days 730 --out /tmp/ngbench --index-memory
set -eu
cd "$(dirname "$0")/.."

BUILD=${BUILD:-build}
COUNT=${COUNT:-100000}
DAYS=${DAYS:-366}
OUT=${OUT:-bench/out}
INDEX_MEMORY=
WARC_MB=
while [ $# -gt 0 ]; do
	case $1 in
	--warc) WARC_MB=$2; shift 2 ;;
	--articles) COUNT=$2; shift 2 ;;
	--days) DAYS=$2; shift 2 ;;
	--out) OUT=$2; shift 2 ;;
	--index-memory) INDEX_MEMORY=1; shift ;;
	*) echo "usage: bench/run.sh [--articles N] [--days D] [--out DIR] [--index-memory] [--warc MB]" >&2; exit 2 ;;
	esac
done

# ---- the WARC ingest bench -----------------------------------------------------
if [ -n "$WARC_MB" ]; then
	CLI=$BUILD/newsgraph
	GEN=$BUILD/bench/gen_warc
	for f in "$CLI" "$GEN"; do
		[ -x "$f" ] || { echo "bench: $f is missing: run 'make bench'" >&2; exit 1; }
	done
	mkdir -p "$OUT"
	WARC=$OUT/warc-$WARC_MB.warc.gz
	JSONL=$OUT/warc-$WARC_MB.jsonl
	if [ ! -s "$WARC" ] || [ ! -s "$JSONL" ]; then
		"$GEN" -m "$WARC_MB" -o "$WARC.tmp" -j "$JSONL.tmp"
		mv "$WARC.tmp" "$WARC"
		mv "$JSONL.tmp" "$JSONL"
	fi
	for input in "$WARC" "$JSONL"; do
		db=$OUT/warc-bench.db
		rm -f "$db" "$db-wal" "$db-shm"
		set -- ingest "$input" --db "$db"
		[ -n "${THREADS:-}" ] && set -- "$@" --threads "$THREADS"
		timing=$OUT/warc-time.txt
		start=$(date +%s.%N)
		if [ -x /usr/bin/time ]; then
			/usr/bin/time -v -o "$timing" "$CLI" "$@" 2>"$OUT/warc-err.txt" || true
		else
			: > "$timing"
			"$CLI" "$@" 2>"$OUT/warc-err.txt" || true
		fi
		end=$(date +%s.%N)
		summary=$(tail -n 1 "$OUT/warc-err.txt")
		stored=$(echo "$summary" | sed -n 's/.*: \([0-9]*\) added.*/\1/p')
		bytes=$(wc -c < "$input" | tr -d ' ')
		rss_kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): *//p' "$timing")
		awk -v s="$start" -v e="$end" -v n="$stored" -v b="$bytes" -v rss="$rss_kb" \
		    -v input="$input" 'BEGIN {
			t = e - s; if (t <= 0) t = 1e-9;
			printf "%s: %.1f MB, %d articles stored in %.2f s: %.0f records/s, %.2f MB/s", input, b / 1e6, n, t, n / t, b / 1e6 / t;
			if (rss != "") printf ", peak RSS %.1f MB", rss / 1024;
			printf "\n";
		}'
		echo "  $summary"
	done
	exit 0
fi
. bench/corpus.sh
DB=$OUT/bench.db
articles=$ARTICLES
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

db_bytes=0
for f in "$DB" "$DB-wal"; do
	if [ -f "$f" ]; then db_bytes=$((db_bytes + $(wc -c < "$f" | tr -d ' '))); fi
done
rss_kb=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): *//p' "$timing")
awk -v s="$start" -v e="$end" -v n="$articles" -v b="$bytes" -v rss="$rss_kb" \
    -v threads="${THREADS:-default}" -v db="$db_bytes" 'BEGIN {
	t = e - s; if (t <= 0) t = 1e-9;
	printf "corpus        %d articles, %.1f MB\n", n, b / 1e6;
	printf "threads       %s\n", threads;
	printf "seconds       %.2f\n", t;
	printf "articles/s    %.0f\n", n / t;
	printf "MB/s          %.2f\n", b / 1e6 / t;
	if (rss != "") printf "peak RSS      %.1f MB\n", rss / 1024;
	else printf "peak RSS      unavailable\n";
	printf "database      %.1f MB\n", db / 1e6;
}'

if [ -n "$INDEX_MEMORY" ]; then
	[ -x "$BUILD/bench/index_memory" ] || { echo "bench: $BUILD/bench/index_memory is missing: run 'make bench'" >&2; exit 1; }
	"$BUILD/bench/index_memory" "$CORPUS" --every 100000
fi
