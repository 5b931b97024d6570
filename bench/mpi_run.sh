#!/bin/sh
# bench/mpi_run.sh: the distributed ingest's scaling on one machine
# (docs/PERFORMANCE.md, "Distributed ingest"; docs/SCALE.md). Builds
# nothing: `make bench` builds build/newsgraph and build/bench/gen_corpus.
#
# The corpus is bench/run.sh's (generated when missing, the same seed and
# names), ingested by `mpirun -np N build/newsgraph ingest CORPUS --db
# OUT/mpi-N.db` for each N of --ranks, each under /usr/bin/time -v (wall
# time; the peak memory of mpirun's children is not in it, so each rank's
# own peak comes from the ingest's figures line, with its CPU time and
# the bytes sent between ranks). Then, with --single, the single-process
# ingest of the same corpus (default threads) as the reference, and every
# database compared with it by bench/compare_dbs.py (copies equal, stories
# B-cubed F1). The load average is printed before and after each run: the
# machine is shared.
#
# Options (or the environment variables named):
#   --articles N   articles to generate (COUNT, default 100000)
#   --days D       days their dates spread over (DAYS, default 366)
#   --out DIR      corpus, databases, timings (OUT, default bench/out)
#   --ranks "1 2"  the rank counts to run (RANKS)
#   --single       also the single-process ingest, and the comparisons
# Environment: BUILD (default build), SEED, BODIES, MPIRUN (default
# "mpirun --oversubscribe"; as root set OMPI_ALLOW_RUN_AS_ROOT=1 and
# OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1).
#
# The 1,000,000-article run of docs/PERFORMANCE.md:
#   bench/mpi_run.sh --articles 1000000 --days 730 --out /tmp/ngbench --ranks "1 2" --single
set -eu
cd "$(dirname "$0")/.."

BUILD=${BUILD:-build}
COUNT=${COUNT:-100000}
DAYS=${DAYS:-366}
OUT=${OUT:-bench/out}
RANKS=${RANKS:-1 2}
SINGLE=
MPIRUN=${MPIRUN:-mpirun --oversubscribe}
while [ $# -gt 0 ]; do
	case $1 in
	--articles) COUNT=$2; shift 2 ;;
	--days) DAYS=$2; shift 2 ;;
	--out) OUT=$2; shift 2 ;;
	--ranks) RANKS=$2; shift 2 ;;
	--single) SINGLE=1; shift ;;
	*) echo "usage: bench/mpi_run.sh [--articles N] [--days D] [--out DIR] [--ranks \"1 2\"] [--single]" >&2; exit 2 ;;
	esac
done
command -v mpirun >/dev/null || { echo "bench: mpirun is missing: make deps" >&2; exit 1; }
. bench/corpus.sh
articles=$ARTICLES
echo "corpus $CORPUS: $articles articles, $(wc -c < "$CORPUS" | tr -d ' ') bytes"

load() { cut -d' ' -f1-3 /proc/loadavg; }
# run NAME COMMAND...: timed, stderr kept in OUT/NAME.err
run() {
	name=$1; shift
	rm -f "$OUT/$name.db" "$OUT/$name.db-wal" "$OUT/$name.db-shm" "$OUT/$name.db-lock"
	echo "$name: load before $(load)"
	start=$(date +%s.%N)
	/usr/bin/time -v -o "$OUT/$name.time" "$@" 2>"$OUT/$name.err"
	end=$(date +%s.%N)
	echo "$name: load after $(load)"
	awk -v s="$start" -v e="$end" -v n="$articles" -v name="$name" 'BEGIN {
		t = e - s; printf "%s: %.1f s, %.0f articles/s\n", name, t, n / t }'
	grep -E ' rank|records from' "$OUT/$name.err" | sed "s/^/$name: /"
	sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): */  peak RSS of the largest process (kB): /p' \
		"$OUT/$name.time"
}

for np in $RANKS; do
	# shellcheck disable=SC2086
	run "mpi-$np" $MPIRUN -np "$np" "$CLI" ingest "$CORPUS" --db "$OUT/mpi-$np.db"
done
if [ -n "$SINGLE" ]; then
	run single "$CLI" ingest "$CORPUS" --db "$OUT/single.db"
	for np in $RANKS; do
		echo "mpi-$np against single:"
		/usr/bin/python3 bench/compare_dbs.py "$OUT/single.db" "$OUT/mpi-$np.db" | sed 's/^/  /' || true
	done
fi
