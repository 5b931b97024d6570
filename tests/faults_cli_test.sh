#!/bin/sh
# faults_cli_test.sh: the newsgraph command under I/O faults. The VFS shim
# (tests/fault_vfs.c, built as FAULT_VFS_SO with tests/fault_preload.c) is
# loaded with LD_PRELOAD and armed by NG_TEST_FAULT_IO, a variable only
# that test library reads: the command itself is the shipped one.
#
# First a run with the shim counting gives the number of reads, writes and
# syncs of an ingest of the seed articles (batches of 2) into a new file;
# then the Nth write fails for N at six points spread over them (the
# first, the last and four between), the Nth sync for every N, and the disk
# is full after 0, 4 KiB, 64 KiB, 192 KiB and 1 MiB of growth. Each run
# either fails (exit 3 and a message naming the disk error) or, for a
# fault SQLite absorbs (the checkpoint when the file is closed: the WAL
# keeps the commit), succeeds with the clean export. Either way the
# articles it reported added are in the file, and the same command run
# again without the shim completes to the clean export, byte for byte.
# Reads fail at four points of `export` and `stories` on the clean file:
# exit 3 and the message, or the clean output. Prints
# "cli-faults: N passed, N failed"; the exit status is the verdict.
set -u
NG=${NEWSGRAPH:-build/newsgraph}
SO=${FAULT_VFS_SO:-build/tests/fault_vfs.so}
SEEDS=${SEEDS:-examples/articles}
T=$(mktemp -d /tmp/newsgraph-faults.XXXXXX)
trap 'rm -rf "$T"' EXIT
passed=0; failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAILED: $*" >&2; }
check() { # check "description" command...
	desc=$1; shift
	if "$@"; then ok; else bad "$desc"; fi
}
faulty() { # faulty SPEC command...: the command with the shim armed
	spec=$1; shift
	NG_TEST_FAULT_IO=$spec LD_PRELOAD=$SO "$@"
}
ingest() { "$NG" ingest "$SEEDS" --db "$1" --batch 2 --threads 1; }

ingest "$T/clean.db" 2>/dev/null || { echo "cli-faults: the clean ingest failed" >&2; exit 1; }
"$NG" export --db "$T/clean.db" >"$T/clean.jsonl"
"$NG" stories --db "$T/clean.db" >"$T/clean.stories"
counts=$(NG_TEST_FAULT_IO=count LD_PRELOAD=$SO "$NG" ingest "$SEEDS" --db "$T/count.db" \
	--batch 2 --threads 1 -q 2>&1 | sed -n 's/^fault_vfs: //p')
writes=$(echo "$counts" | awk '{print $4}')
syncs=$(echo "$counts" | awk '{print $6}')
case "$writes$syncs" in
*[!0-9]*|'') echo "cli-faults: the shim did not count ($counts)" >&2; exit 1 ;;
esac
check "the shim counts writes" [ "$writes" -gt 8 ]

# one faulted ingest into a new file, its checks, and the run again
run_ingest() { # run_ingest SPEC WHAT
	rm -f "$T/x.db" "$T/x.db-wal" "$T/x.db-shm" "$T/x.db-lock"
	faulty "$1" "$NG" ingest "$SEEDS" --db "$T/x.db" --batch 2 --threads 1 \
		>"$T/x.out" 2>"$T/x.err"
	rc=$?
	added=$(sed -n 's/.*MB): \([0-9]*\) added.*/\1/p' "$T/x.err")
	if [ $rc -eq 3 ]; then
		check "$2: exit 3 says what failed" \
			grep -Eq 'disk I/O error|database or disk is full' "$T/x.err"
		stored=$("$NG" export --db "$T/x.db" 2>/dev/null | wc -l)
		check "$2: the $added articles reported added are stored ($stored)" \
			[ "${added:-0}" -le "$stored" ]
	elif [ $rc -eq 0 ]; then
		"$NG" export --db "$T/x.db" >"$T/x.jsonl"
		check "$2: a run that succeeds gives the clean export" cmp -s "$T/x.jsonl" "$T/clean.jsonl"
	else
		bad "$2: exit $rc ($(tail -1 "$T/x.err"))"
	fi
	ingest "$T/x.db" >/dev/null 2>"$T/x.err2"
	check "$2: the run again succeeds" [ $? -eq 0 ]
	"$NG" export --db "$T/x.db" >"$T/x.jsonl"
	check "$2: the run again gives the clean export" cmp -s "$T/x.jsonl" "$T/clean.jsonl"
}

exit3=0
for k in 0 1 2 3 4 5; do
	n=$(( 1 + (writes - 1) * k / 5 ))
	run_ingest "write:$n" "write $n of $writes"
	[ $rc -eq 3 ] && exit3=$((exit3 + 1))
done
check "most write faults fail the run ($exit3 of 6)" [ $exit3 -ge 5 ]
n=1
while [ $n -le "$syncs" ]; do
	run_ingest "sync:$n" "sync $n of $syncs"
	n=$((n + 1))
done
full3=0
for b in 0 4096 65536 196608 1048576; do
	run_ingest "full:$b" "a disk full after $b bytes"
	[ $rc -eq 3 ] && full3=$((full3 + 1))
	[ $rc -eq 3 ] && check "full after $b: says the disk is full" grep -q 'database or disk is full' "$T/x.err"
done
check "a full disk fails the runs that need the room ($full3 of 5)" [ $full3 -ge 4 ]

# reads of the clean file
reads=$(NG_TEST_FAULT_IO=count LD_PRELOAD=$SO "$NG" export --db "$T/clean.db" 2>&1 >/dev/null |
	sed -n 's/^fault_vfs: reads \([0-9]*\).*/\1/p')
check "the shim counts the reads of export" [ "${reads:-0}" -gt 4 ]
for k in 0 1 2 3; do
	n=$(( 1 + (reads - 1) * k / 3 ))
	for cmd in export stories; do
		faulty "read:$n" "$NG" $cmd --db "$T/clean.db" >"$T/r.out" 2>"$T/r.err"
		rc=$?
		if [ $rc -eq 3 ]; then
			check "$cmd, read $n of $reads: exit 3 says disk I/O error" grep -q 'disk I/O error' "$T/r.err"
		else
			check "$cmd, read $n of $reads: exit 0 with the clean output ($rc)" \
				sh -c "[ $rc -eq 0 ] && cmp -s '$T/r.out' '$T/clean.$( [ $cmd = export ] && echo jsonl || echo stories)'"
		fi
	done
done
check "the clean file is unharmed" sh -c "'$NG' export --db '$T/clean.db' | cmp -s - '$T/clean.jsonl'"

echo "cli-faults: $passed passed, $failed failed"
[ $failed -eq 0 ]
