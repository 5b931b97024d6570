#!/bin/sh
# eval/run.sh: the quality suites on the labelled data in ../shared. Runs
# each suite twice through build/newsgraph (a readable table, then --json)
# and keeps both in eval/out/SUITE.txt and eval/out/SUITE.json. A suite whose
# data is absent is skipped with a message. Exit status is non-zero when a
# suite that had its data failed.
#
# Environment: BUILD (default build), SHARED (default ../shared), and
# EVAL_ARGS (extra options for `newsgraph eval`, e.g. "--threads 4").
set -u
cd "$(dirname "$0")/.." || exit 1

BUILD=${BUILD:-build}
CLI=$BUILD/newsgraph
SHARED=${SHARED:-../shared}
OUT=eval/out
EVAL_ARGS=${EVAL_ARGS:-}
[ -x "$CLI" ] || { echo "eval: $CLI is missing: run 'make'" >&2; exit 1; }
mkdir -p "$OUT"
status=0

# run_suite NAME ARGS...: both outputs, or a failure noted in $status.
run_suite() {
	name=$1
	echo "== $name"
	# shellcheck disable=SC2086
	if "$CLI" eval "$@" $EVAL_ARGS > "$OUT/$name.txt" &&
	   "$CLI" eval "$@" $EVAL_ARGS --json > "$OUT/$name.json"; then
		cat "$OUT/$name.txt"
	else
		echo "eval: suite $name failed" >&2
		status=1
	fi
}

seeds=$SHARED/fixtures/seed-stories
if [ -r "$seeds/expected.json" ] && [ -d "$seeds/articles" ]; then
	run_suite seeds "$seeds"
else
	echo "eval: skipping seeds: $seeds not found"
fi

fnc1=$SHARED/data/fnc1
if [ -r "$fnc1/train_bodies.csv" ] && [ -r "$fnc1/train_stances.csv" ]; then
	run_suite stories "$fnc1/train_bodies.csv" "$fnc1/train_stances.csv"
else
	echo "eval: skipping stories: $fnc1 not found"
fi
wmt21=$SHARED/data/xling-dev/wmt21_news
if [ -r "$wmt21/articles.jsonl" ] && [ -r "$wmt21/gold.json" ]; then
	run_suite stories-jsonl "$wmt21/articles.jsonl" "$wmt21/gold.json"
	run_suite titles-jsonl "$wmt21/articles.jsonl" "$wmt21/gold.json"
else
	echo "eval: skipping stories-jsonl: $wmt21 not found"
fi
# reuse: a generated corpus (docs/REUSE_BENCHMARK.md), made once into
# $OUT/reuse with Debian's python3 and WordNet; REUSE_ARTICLES sets its size.
reuse=$OUT/reuse
if [ ! -r "$reuse/pairs.jsonl" ] && [ -r "$fnc1/train_bodies.csv" ]; then
	/usr/bin/python3 eval/gen_reuse.py "$reuse" --shared "$SHARED" \
		--articles "${REUSE_ARTICLES:-20000}" || status=1
fi
if [ -r "$reuse/pairs.jsonl" ]; then
	run_suite reuse "$reuse"
else
	echo "eval: skipping reuse: no corpus in $reuse"
fi

msrp=$SHARED/data/msrp/msr_paraphrase_train.txt
if [ -r "$msrp" ]; then
	run_suite msrp "$msrp"
else
	echo "eval: skipping msrp: $msrp not found"
fi

semeval=$SHARED/data/semeval22t8
if [ -r "$semeval/articles.jsonl" ] && [ -r "$semeval/pairs.jsonl" ]; then
	run_suite pairs "$semeval"
else
	echo "eval: skipping pairs: $semeval not found"
fi

slavic=$SHARED/data/slavicner/raw
if [ -d "$slavic" ]; then
	run_suite xling "$slavic"
	run_suite entities "$SHARED/data/slavicner"
else
	echo "eval: skipping xling and entities: $slavic not found"
fi

tempeval=$SHARED/data/tempeval3
if [ -d "$tempeval" ]; then
	run_suite dates "$tempeval"
else
	echo "eval: skipping dates: $tempeval not found"
fi

extraction=$SHARED/data/article-extraction
if [ -r "$extraction/ground-truth.json" ] && [ -d "$extraction/html" ]; then
	run_suite extract "$extraction"
else
	echo "eval: skipping extract: $extraction not found"
fi
exit $status
