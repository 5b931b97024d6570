#!/bin/sh
# bench/ingest_instructions.sh: instructions an ingest costs per article,
# counted by callgrind (repeatable on a loaded machine, unlike seconds).
#
#   sh bench/ingest_instructions.sh BIN [BIN...]
#
# For each newsgraph binary: one-thread ingests of the first 200 and 700
# articles of the bench generator's English corpus (gen_corpus -n 700 -d 30
# -s 20240101 over the FNC-1 bodies), printing (I700 - I200) / 500, the
# per-article cost without start-up; then, when present, the WMT21 dev set
# (../shared/data/xling-dev/wmt21_news, 1,275 documents in 9 languages),
# printing the whole ingest. Needs valgrind and build/bench/gen_corpus
# (`make build/bench/gen_corpus`). Work files go to $TMPDIR (default /tmp).
set -eu
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: $0 BIN [BIN...]" >&2; exit 2; }
T=${TMPDIR:-/tmp}/ng-instr.$$
mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
BODIES=${BODIES:-../shared/data/fnc1/train_bodies.csv}
build/bench/gen_corpus -n 700 -d 30 -s 20240101 -b "$BODIES" -o "$T/c700.jsonl" >/dev/null
head -200 "$T/c700.jsonl" > "$T/c200.jsonl"
WMT=../shared/data/xling-dev/wmt21_news/articles.jsonl

count() { # BIN FILE: instructions of one ingest
	rm -f "$T/db"*
	valgrind --tool=callgrind --callgrind-out-file="$T/cg.out" \
		"$1" ingest -q "$2" --db "$T/db" --threads 1 2>&1 |
		sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

for bin in "$@"; do
	i200=$(count "$bin" "$T/c200.jsonl")
	i700=$(count "$bin" "$T/c700.jsonl")
	echo "$bin: English, per article: $(( (i700 - i200) / 500 )) instructions"
	if [ -r "$WMT" ]; then
		echo "$bin: WMT21 dev, 1,275 documents: $(count "$bin" "$WMT") instructions"
	fi
done
