#!/bin/sh
# resume_check.sh CLI FILE.jsonl WORKDIR [BATCH] [STOP...]
#
# Resuming equals one run: ingests FILE once (the reference export), then for
# each STOP ingests FILE again into a fresh database, stopped and resumed,
# and compares the export with the reference byte for byte. A STOP is
#   k        the first k lines of FILE, then the whole FILE;
#   j+k      the first j lines, the first k, then the whole FILE;
#   kill@n   an ingest of FILE killed with kill -9 once at least n articles
#            are committed, then FILE again.
# Every run reads the same path (it is stored as each article's source).
# BATCH is the --batch size of every run (default 1000). Prints one line
# per STOP and exits 1 when any differs. Example (docs/RELIABILITY.md):
#   sh eval/resume_check.sh build/newsgraph /tmp/fnc1.jsonl /tmp/rc 1000 561 777 kill@300
set -e
CLI=$(readlink -f "$1"); FILE=$(readlink -f "$2"); DIR=$3; BATCH=${4:-1000}
shift 3; [ $# -gt 0 ] && shift
mkdir -p "$DIR"
n=$(wc -l < "$FILE")
now() { date +%s.%N; }
# articles committed: the sum of the stories' sizes, read through the command
stored() {
	"$CLI" stories --db "$1" --format jsonl 2>/dev/null |
		sed -n 's/.*"size":\([0-9]*\).*/\1/p' | awk '{n += $1} END {print n + 0}'
}
ingest() { "$CLI" ingest "$DIR/input.jsonl" --db "$1" -q --batch "$BATCH"; }
rm -f "$DIR"/one.db*
cp "$FILE" "$DIR/input.jsonl"
t0=$(now); ingest "$DIR/one.db"; t1=$(now)
"$CLI" export --db "$DIR/one.db" --format jsonl > "$DIR/one.jsonl"
echo "one run: $n records, batch $BATCH, $(echo "$t1 - $t0" | bc) s"
fail=0
for stop in "$@"; do
	rm -f "$DIR"/split.db*
	case $stop in
	kill@*)
		min=${stop#kill@}
		cp "$FILE" "$DIR/input.jsonl"
		# the command itself in the background, so $! is its pid
		"$CLI" ingest "$DIR/input.jsonl" --db "$DIR/split.db" -q \
			--batch "$BATCH" 2>/dev/null &
		pid=$!
		while kill -0 $pid 2>/dev/null; do
			c=$(stored "$DIR/split.db")
			[ "${c:-0}" -ge "$min" ] && break
			sleep 0.05
		done
		kill -9 $pid 2>/dev/null || true
		wait $pid 2>/dev/null || true
		stop="$stop (killed with $(stored "$DIR/split.db") stored)"
		;;
	*)
		for k in $(echo "$stop" | tr + ' '); do
			head -n "$k" "$FILE" > "$DIR/input.jsonl"
			ingest "$DIR/split.db"
		done
		;;
	esac
	cp "$FILE" "$DIR/input.jsonl"
	t0=$(now); ingest "$DIR/split.db"; t1=$(now)
	"$CLI" export --db "$DIR/split.db" --format jsonl > "$DIR/split.jsonl"
	if cmp -s "$DIR/one.jsonl" "$DIR/split.jsonl"; then
		echo "stop at $stop: identical (last run $(echo "$t1 - $t0" | bc) s)"
	else
		d=$(diff "$DIR/one.jsonl" "$DIR/split.jsonl" | grep -c '^<' || true)
		echo "stop at $stop: $d of $n export lines differ"
		fail=1
	fi
done
exit $fail
