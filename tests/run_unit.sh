#!/bin/sh
# Runs every unit-test binary given, from the repository root, and prints
# the total as "unit: N passed, N failed". Exit status is the verdict.
passed=0; failed=0; broken=0
for t in "$@"; do
	out=$("$t" 2>&1); rc=$?
	printf '%s\n' "$out" | grep -E ': [0-9]+ passed, [0-9]+ failed$' || true
	line=$(printf '%s\n' "$out" | grep -E ': [0-9]+ passed, [0-9]+ failed$' | tail -n 1)
	p=$(printf '%s' "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
	f=$(printf '%s' "$line" | sed -E 's/.* ([0-9]+) failed$/\1/')
	[ -n "$p" ] || p=0; [ -n "$f" ] || f=0
	passed=$((passed + p)); failed=$((failed + f))
	if [ $rc -ne 0 ]; then
		[ "$f" -gt 0 ] || { broken=$((broken + 1)); failed=$((failed + 1)); }
		printf '%s\n' "$out" | grep -v -E ': [0-9]+ passed, [0-9]+ failed$' | tail -n 40
		echo "$t: exit status $rc"
	fi
done
label=unit; [ "${BUILD:-build}" = build ] || label=unit-asan
echo "$label: $passed passed, $failed failed"
[ $failed -eq 0 ]
