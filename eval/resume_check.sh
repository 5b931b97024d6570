#!/bin/sh
# resume_check.sh CLI FILE.jsonl WORKDIR [BATCH] [SPLIT...]
#
# Resuming equals one run: ingests FILE once (the reference export), then for
# each SPLIT k ingests the first k lines of FILE and then the whole FILE into
# a fresh database (the same path both times, as a resumed run sees it), and
# compares the two exports byte for byte. BATCH is the --batch size of every
# run (default 1000). Prints one line per split and exits 1 when any differs.
# Example (docs/RELIABILITY.md):
#   sh eval/resume_check.sh build/newsgraph /work/ref/fnc1.jsonl /tmp/rc 1000 561 777 842
set -e
CLI=$(readlink -f "$1"); FILE=$(readlink -f "$2"); DIR=$3; BATCH=${4:-1000}
shift 3; [ $# -gt 0 ] && shift
mkdir -p "$DIR"
n=$(wc -l < "$FILE")
rm -f "$DIR"/one.db*
# every run reads DIR/input.jsonl: the stored source path is the same
cp "$FILE" "$DIR/input.jsonl"
t0=$(date +%s.%N)
"$CLI" ingest "$DIR/input.jsonl" --db "$DIR/one.db" -q --batch "$BATCH"
t1=$(date +%s.%N)
"$CLI" export --db "$DIR/one.db" --format jsonl > "$DIR/one.jsonl"
echo "one run: $n records, batch $BATCH, $(echo "$t1 - $t0" | bc) s"
fail=0
for k in "$@"; do
	rm -f "$DIR"/split.db* "$DIR/input.jsonl"
	head -n "$k" "$FILE" > "$DIR/input.jsonl"
	"$CLI" ingest "$DIR/input.jsonl" --db "$DIR/split.db" -q --batch "$BATCH"
	cp "$FILE" "$DIR/input.jsonl"
	t0=$(date +%s.%N)
	"$CLI" ingest "$DIR/input.jsonl" --db "$DIR/split.db" -q --batch "$BATCH" || true
	t1=$(date +%s.%N)
	"$CLI" export --db "$DIR/split.db" --format jsonl > "$DIR/split.jsonl"
	if cmp -s "$DIR/one.jsonl" "$DIR/split.jsonl"; then
		echo "split at $k: identical (resume run $(echo "$t1 - $t0" | bc) s)"
	else
		d=$(diff "$DIR/one.jsonl" "$DIR/split.jsonl" | grep -c '^<' || true)
		echo "split at $k: $d of $n export lines differ"
		fail=1
	fi
done
exit $fail
