#!/bin/sh
# Runs every unit-test binary given, from the repository root, and prints
# the total as "unit: N passed, N failed, N skipped". A skipped part (data
# missing: tests/check.h's SKIP) is shown with its reason and counted, never
# passed silently. Exit status is the verdict (skips do not fail it).
summary=': [0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$'
passed=0; failed=0; skipped=0
for t in "$@"; do
	out=$("$t" 2>&1); rc=$?
	printf '%s\n' "$out" | grep -E "$summary|: SKIPPED: " || true
	line=$(printf '%s\n' "$out" | grep -E "$summary" | tail -n 1)
	p=$(printf '%s' "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
	f=$(printf '%s' "$line" | sed -E 's/.* ([0-9]+) failed.*/\1/')
	s=$(printf '%s' "$line" | sed -n -E 's/.* ([0-9]+) skipped$/\1/p')
	[ -n "$p" ] || p=0; [ -n "$f" ] || f=0; [ -n "$s" ] || s=0
	passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
	if [ $rc -ne 0 ]; then
		[ "$f" -gt 0 ] || { failed=$((failed + 1)); }
		printf '%s\n' "$out" | grep -v -E "$summary" | tail -n 40
		echo "$t: exit status $rc"
	fi
done
label=unit; [ "${BUILD:-build}" = build ] || label=unit-asan
echo "$label: $passed passed, $failed failed, $skipped skipped"
[ $failed -eq 0 ]
