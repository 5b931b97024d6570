#!/bin/sh
# eval/golden.sh CLI OUTDIR: every report of the command on the seed
# articles and the FNC-1 training bodies (export, stories, copies,
# entities, show 1, each as a table and as JSON; analyze of the seeds),
# written to OUTDIR with one md5sum line per file on stdout. Run it with two
# builds and diff the sums to check that a change leaves output
# byte-identical (docs/QUALITY.md, "Byte-identical outputs"):
#   sh eval/golden.sh build/newsgraph /tmp/g-new > /tmp/new.md5
#   sh eval/golden.sh /path/to/old/newsgraph /tmp/g-old > /tmp/old.md5
#   diff /tmp/old.md5 /tmp/new.md5
# Environment: SHARED (default ../shared).
set -eu
CLI=$(readlink -f "$1"); OUT=$2
SHARED=$(readlink -f "${SHARED:-$(dirname "$0")/../../shared}")
mkdir -p "$OUT"
/usr/bin/python3 "$(dirname "$0")/fnc1_jsonl.py" \
	"$SHARED/data/fnc1/train_bodies.csv" > "$OUT/fnc1.input.jsonl"
cd "$OUT"
rm -f seeds.db* fnc1.db*
"$CLI" ingest "$SHARED/fixtures/seed-stories/articles" --db seeds.db -q
"$CLI" ingest fnc1.input.jsonl --db fnc1.db -q --threads 2
for d in seeds fnc1; do
	"$CLI" export --db $d.db --format jsonl > $d.export.jsonl
	for c in stories copies entities "show 1"; do
		name=$(echo "$c" | tr -d ' ')
		"$CLI" $c --db $d.db > $d.$name.txt
		"$CLI" $c --db $d.db --format json > $d.$name.json
	done
done
"$CLI" analyze "$SHARED/fixtures/seed-stories/articles" > seeds.analyze.jsonl
rm -f seeds.db* fnc1.db* fnc1.input.jsonl
md5sum -- *.txt *.json *.jsonl
