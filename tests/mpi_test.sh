#!/bin/sh
# mpi_test.sh: the distributed ingest (src/dist/, docs/SCALE.md) under
# mpirun gives the single-process result. Run from the repository root with
# NEWSGRAPH set to the binary (make test-mpi).
#
# The input: a made-up corpus (tests/gen_resume_corpus.py: exact, near and
# partial copies, story joins, merges, moves and splits, quotes, claims and
# denials) of 1,200 articles in a JSON Lines file cut into byte ranges
# (NEWSGRAPH_CHUNK_BYTES, so that a line falls across every kind of cut),
# the seed articles as text files, a gzip JSON Lines file, a line that is
# not JSON and a path that does not exist. The single-process ingest of it
# is the reference: for 1, 2 and 4 ranks (4 oversubscribed on this machine)
# the export must be byte for byte the same (copies, stories, everything),
# the diagnostics the same (file, line, offset, message), the exit status
# the same (1: bad input reported). With two ranks rank 0 must have read
# some chunks for the copy stage (ingest_mpi.c, "rank 0 reads while it
# waits"), so the equal export covers that path. Then the failures: a database that
# exists is refused and left as it is; standard input is refused; a rank
# killed with SIGKILL while the job runs stops the job with a message,
# leaves no database and no temporary file, and the same command again
# completes with the same export; a rank whose scratch directory is
# missing stops the job with a message naming the file; a temporary file
# left by a job whose rank 0 was killed is removed by the next job (with
# its companions). The copy stage's scratch files (sketches, mentions and
# entities) are unnamed: none is left in TMPDIR, not even by the killed
# rank.
# Prints "mpi: N passed, N failed"; the exit status is the verdict.
set -u
NG=${NEWSGRAPH:-build/newsgraph}
NG=$(cd "$(dirname "$NG")" && pwd)/$(basename "$NG")
# what Open MPI needs to run as root (CI) and on a machine with fewer cores
# than ranks
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1
MPIRUN="mpirun --oversubscribe"
T=$(mktemp -d /tmp/newsgraph-mpi.XXXXXX)
trap '[ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
passed=0; failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAILED: $*" >&2; }
check() { # check "description" command...
	desc=$1; shift
	if "$@"; then ok; else bad "$desc"; fi
}
# The diagnostics of a run: its "newsgraph: error/warning:" lines, sorted
# (ranks read at once; rank 0 prints them in input order, the single
# process as it meets them).
diags() { grep -E '^newsgraph: (error|warning): ' "$1" | sort; }
# The tables and indexes of a database, sorted.
schema() { sqlite3 "$1" "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"; }
# The summary line's counts (what comes before the timing).
summary() { grep ' records from ' "$1" | sed 's/; [0-9.]* s (.*//'; }

mkdir -p "$T/in/a" "$T/in/b" "$T/tmp"
# the scratch files of every rank go here (checked at the end)
export TMPDIR="$T/tmp"
/usr/bin/python3 tests/gen_resume_corpus.py 1200 11 40 1 >"$T/in/a/corpus.jsonl"
printf '{"id":"bad-1","text":"fine"}\nnot json\n' >>"$T/in/a/corpus.jsonl"
/usr/bin/python3 tests/gen_resume_corpus.py 60 5 40 1 | gzip -n >"$T/in/b/more.jsonl.gz"
cp examples/articles/*.txt "$T/in/b/"
IN="$T/in $T/missing.jsonl"
# about 30 ranges of the big file
export NEWSGRAPH_CHUNK_BYTES=$(( $(wc -c <"$T/in/a/corpus.jsonl") / 30 ))

# shellcheck disable=SC2086
$NG ingest $IN --db "$T/one.db" 2>"$T/one.err"
one_rc=$?
check "single process: exit 1 (bad input reported)" [ $one_rc -eq 1 ]
$NG export --db "$T/one.db" >"$T/one.json"
check "single process: articles stored" grep -q '"exact"' "$T/one.json"
check "single process: 1,266 records, 2 failed" grep -q ' 1266 added, 0 unchanged, 2 failed' "$T/one.err"
check "single process: the missing path reported" grep -q 'missing.jsonl: cannot open' "$T/one.err"
check "single process: the bad line reported" grep -q 'not JSON' "$T/one.err"
# claims repeated across articles, so the equal exports below cover the
# claim matches the copy stage's rank sends (claim_stage.c)
check "single process: claims reported more than once" \
	[ "$(sqlite3 "$T/one.db" 'SELECT count(*) > count(DISTINCT claim) FROM claim_reports')" = 1 ]

for np in 1 2 4; do
	# shellcheck disable=SC2086
	$MPIRUN -np $np "$NG" ingest $IN --db "$T/d$np.db" >"$T/d$np.out" 2>"$T/d$np.err"
	rc=$?
	check "$np ranks: exit status $rc, single process $one_rc" [ $rc -eq $one_rc ]
	$NG export --db "$T/d$np.db" >"$T/d$np.json" 2>/dev/null
	check "$np ranks: export equals the single process's" cmp -s "$T/one.json" "$T/d$np.json"
	diags "$T/one.err" >"$T/one.diags"
	diags "$T/d$np.err" >"$T/d$np.diags"
	check "$np ranks: the same diagnostics" cmp -s "$T/one.diags" "$T/d$np.diags"
	if [ "$(summary "$T/one.err")" = "$(summary "$T/d$np.err")" ]; then
		ok
	else # what differed, and the whole of the run's standard error
		bad "$np ranks: the summary's counts equal the single process's:" \
			"$(summary "$T/one.err")" "against" "$(summary "$T/d$np.err")"
		sed 's/^/  stderr: /' "$T/d$np.err" >&2
	fi
	check "$np ranks: no temporary file left" [ -z "$(ls "$T" | grep 'tmp-')" ]
	# the indexes a bulk file builds at its end (store.c) are all there
	check "$np ranks: the same schema and indexes" \
		[ "$(schema "$T/one.db")" = "$(schema "$T/d$np.db")" ]
	check "$np ranks: the file is sound" \
		[ "$(sqlite3 "$T/d$np.db" 'PRAGMA integrity_check')" = ok ]
	# a bulk file is written without foreign key checks (store.h)
	check "$np ranks: every row's parent row is there" \
		[ -z "$(sqlite3 "$T/d$np.db" 'PRAGMA foreign_key_check')" ]
done
# with two ranks rank 0 reads chunks for the copy stage while it waits (its
# first ask is answered before rank 1 starts, so it always reads one), and
# the export above is still the single process's
chunks0=$(sed -n 's/.*; rank 0: \([0-9]*\) chunks\{0,1\} read.*/\1/p' "$T/d2.err")
check "2 ranks: rank 0 read chunks for the copy stage (${chunks0:-none})" \
	[ "${chunks0:-0}" -ge 1 ]

# a database that exists is refused and left as it is
before=$(cksum <"$T/d2.db")
# shellcheck disable=SC2086
$MPIRUN -np 2 "$NG" ingest $IN --db "$T/d2.db" >/dev/null 2>"$T/exists.err"
check "an existing database: exit 2" [ $? -eq 2 ]
check "an existing database: said so" grep -q 'exists' "$T/exists.err"
check "an existing database: left as it was" [ "$(cksum <"$T/d2.db")" = "$before" ]
# standard input
echo '{"text":"x"}' | $MPIRUN -np 2 "$NG" ingest - --db "$T/stdin.db" >/dev/null 2>"$T/stdin.err"
check "standard input: refused (exit 2)" [ $? -eq 2 ]
check "standard input: said so" grep -q 'standard input' "$T/stdin.err"
check "standard input: nothing written" [ ! -e "$T/stdin.db" ]

# a rank killed while the job runs: the job stops, nothing is left
/usr/bin/python3 tests/gen_resume_corpus.py 6000 3 40 1 >"$T/big.jsonl"
big_chunk=$(( $(wc -c <"$T/big.jsonl") / 40 ))
NEWSGRAPH_CHUNK_BYTES=$big_chunk $MPIRUN -np 2 "$NG" ingest "$T/big.jsonl" \
	--db "$T/killed.db" >"$T/killed.out" 2>"$T/killed.err" &
job=$!
# rank 1 is the newsgraph whose environment says so; kill it once rank 0
# has its temporary database
victim=
for _ in $(seq 1 300); do
	for p in $(pgrep -f "ingest $T/big.jsonl" 2>/dev/null); do
		if tr '\0' '\n' <"/proc/$p/environ" 2>/dev/null | grep -qx 'OMPI_COMM_WORLD_RANK=1' &&
		   [ -n "$(ls "$T" | grep 'killed.db.tmp-')" ]; then
			victim=$p
		fi
	done
	[ -n "$victim" ] && break
	sleep 0.1
done
check "killed rank: found rank 1 at work" [ -n "$victim" ]
[ -n "$victim" ] && kill -9 "$victim"
wait $job
rc=$?
check "killed rank: the job failed (exit $rc)" [ $rc -ne 0 ]
check "killed rank: no database" [ ! -e "$T/killed.db" ]
check "killed rank: no temporary file left" [ -z "$(ls "$T" | grep 'killed.db.tmp-')" ]
check "killed rank: a message says the job stopped" \
	grep -Eqi 'killed|signal|exited|aborted' "$T/killed.err" "$T/killed.out"
NEWSGRAPH_CHUNK_BYTES=$big_chunk $MPIRUN -np 2 "$NG" ingest "$T/big.jsonl" \
	--db "$T/killed.db" >/dev/null 2>"$T/rerun.err"
check "killed rank: the same command completes" [ $? -eq 0 ]
$NG ingest "$T/big.jsonl" --db "$T/big-one.db" -q
$NG export --db "$T/big-one.db" >"$T/big-one.json"
$NG export --db "$T/killed.db" >"$T/rerun.json"
check "killed rank: the rerun's export equals the single process's" \
	cmp -s "$T/big-one.json" "$T/rerun.json"

# the copy stage cannot make its scratch files: the job fails, saying
# which file, and leaves nothing
$MPIRUN -x TMPDIR="$T/none" -np 2 "$NG" ingest examples/articles \
	--db "$T/notmp.db" >/dev/null 2>"$T/notmp.err"
check "no scratch directory: the job fails (exit 3)" [ $? -eq 3 ]
check "no scratch directory: the message names the file" \
	grep -q "rank 1.*creating $T/none/newsgraph-sketches" "$T/notmp.err"
check "no scratch directory: nothing written" \
	[ -z "$(ls "$T" | grep '^notmp.db' | grep -v -- '-lock$')" ]

# what a job whose rank 0 was killed leaves is removed by the next one
echo junk >"$T/stale.db.tmp-12345"
echo junk >"$T/stale.db.tmp-12345-wal"
echo junk >"$T/stale.db.tmp-12345-rows"
$MPIRUN -np 2 "$NG" ingest examples/articles --db "$T/stale.db" >/dev/null 2>"$T/stale.err"
check "stale temporary file: the job completes" [ $? -eq 0 ]
check "stale temporary file: removed with its companions" sh -c \
	'[ ! -e "$1" ] && [ ! -e "$1-wal" ] && [ ! -e "$1-rows" ]' _ "$T/stale.db.tmp-12345"
check "stale temporary file: said so" grep -q 'removing' "$T/stale.err"

check "no scratch file of the copy stage left in TMPDIR" \
	[ -z "$(ls "$T/tmp" | grep '^newsgraph-')" ]

echo "mpi: $passed passed, $failed failed"
[ $failed -eq 0 ]
