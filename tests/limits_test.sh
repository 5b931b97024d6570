#!/bin/sh
# limits_test.sh: time per record is linear in its size, and the caps hold
# (issue 15; docs/RELIABILITY.md, "Crash trials, signals and limits").
#
# tests/gen_limits.py writes pathological inputs (one HTML tag of SIZE
# bytes, elements nested SIZE/5 deep, SIZE bytes of quote marks, of
# capitalised words, of dates, one word, JSON nested SIZE/2 deep, a feed of
# SIZE/200 items, records sharing one id ...) and ordinary prose of the
# same size, at SIZE and at 4 * SIZE. Each is ingested on its own (one
# thread, a fresh database); its work is its CPU time less that of a tiny
# ingest measured in the same run (starting the command, opening the
# database). Each must
#   - end with exit 0 or 1 (bad input reported, never a failed run or a
#     crash), and those past a cap with the cap's message;
#   - grow at most 8 times from SIZE to 4 * SIZE (linear work grows 4 times,
#     n log n a little more, quadratic 16), with 0.15 s and half the
#     prose's work at 4 * SIZE allowed for noise;
#   - take at most 10 times the prose's work at 4 * SIZE, plus 0.15 s.
# Bounds relative to what this machine does in this run, not wall times.
# LIMITS_SIZE (196608) sets SIZE: `make test-crash` runs the default,
# `make torture-limits` 2.5 MiB (10 MiB at 4 * SIZE). Prints a table and
# "limits: N passed, N failed"; the exit status is the verdict.
set -u
NG=${NEWSGRAPH:-build/newsgraph}
PY=/usr/bin/python3
SIZE=${LIMITS_SIZE:-196608}
T=$(mktemp -d /tmp/newsgraph-limits.XXXXXX)
trap 'rm -rf "$T"' EXIT
passed=0; failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAILED: $*" >&2; }
check() { # check "description" command...
	desc=$1; shift
	if "$@"; then ok; else bad "$desc"; fi
}
$PY tests/gen_limits.py "$T/s1" "$SIZE"
$PY tests/gen_limits.py "$T/s4" $((4 * SIZE))
# run FILE: CPU seconds (user and system, /usr/bin/time: what the machine's
# other load changes least) of one ingest of FILE into a fresh database;
# its exit status in $T/rc and its stderr in $T/err
run() {
	rm -f "$T"/l.db*
	/usr/bin/time -o "$T/time" -f '%U %S' \
		$NG ingest "$1" --db "$T/l.db" --threads 1 -q 2>"$T/err"
	echo $? >"$T/rc"
	awk 'END {print $1 + $2}' "$T/time"
}
if [ ! -x /usr/bin/time ]; then
	echo "limits: /usr/bin/time is missing (make deps)" >&2
	echo "limits: 0 passed, 1 failed"
	exit 1
fi
printf 'A title\n\nA short text of a few words.\n' >"$T/tiny.txt"
base=9
for i in 1 2 3; do
	a=$(run "$T/tiny.txt")
	base=$(echo "$a $base" | awk '{print ($1 < $2 ? $1 : $2)}')
done
work() { echo "$1 $base" | awk '{w = $1 - $2; print (w < 0.001 ? 0.001 : w)}'; }
p1=$(work "$(run "$T/s1/prose.txt")")
p4=$(work "$(run "$T/s4/prose.txt")")
echo "limits: SIZE $SIZE bytes; CPU seconds: start and open $base s; prose: $p1 s, $p4 s at 4x"
printf 'limits: %-15s %9s %9s %7s %9s  %s\n' input "SIZE s" "4xSIZE s" growth "vs prose" "exit, message"
for f in $(cd "$T/s1" && ls); do
	[ "$f" = prose.txt ] && continue
	w1=$(work "$(run "$T/s1/$f")")
	w4=$(work "$(run "$T/s4/$f")")
	rc=$(cat "$T/rc")
	msg=$(sed -n '1s/^newsgraph: //p' "$T/err" | sed "s|$T/s4/||" | cut -c1-70)
	growth=$(echo "$w1 $w4" | awk '{printf "%.1f", $2 / $1}')
	rel=$(echo "$w4 $p4" | awk '{printf "%.1f", $1 / $2}')
	printf 'limits: %-15s %9.3f %9.3f %6sx %8sx  %s %s\n' "$f" "$w1" "$w4" "$growth" "$rel" "$rc" "$msg"
	check "$f: exit 0 or 1 (got $rc: $msg)" [ "$rc" -le 1 ]
	check "$f: linear (work $w1 s at $SIZE bytes, $w4 s at 4 times that)" \
		awk -v a="$w1" -v b="$w4" -v p="$p4" 'BEGIN { exit !(b <= 8 * a + 0.15 + p / 2) }'
	check "$f: within 10 times the prose's work ($w4 s against $p4 s)" \
		awk -v a="$p4" -v b="$w4" 'BEGIN { exit !(b <= 10 * a + 0.15) }'
	case $f in
	deep.html|inline.html)
		check "$f: the depth cap is named" grep -q "elements nested more than 256 levels deep, skipped" "$T/err" ;;
	deep.jsonl)
		check "$f: the JSON depth cap is named" grep -q "not JSON: nesting too deep" "$T/err" ;;
	*)
		check "$f: stored (exit 0)" [ "$rc" -eq 0 ] ;;
	esac
done
echo "limits: $passed passed, $failed failed"
[ $failed -eq 0 ]
