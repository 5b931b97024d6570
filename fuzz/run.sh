#!/bin/sh
# fuzz/run.sh: runs the libFuzzer targets one after the other (never two at
# once: the machine is shared), niced. docs/RELIABILITY.md, "Fuzzing
# (issue 15)".
#
#   sh fuzz/run.sh smoke SECONDS NAME...   replays fuzz/corpus/NAME and
#       fuzz/regress/NAME (every input that ever failed), then fuzzes
#       SECONDS more; exits non-zero at the first failure (make test)
#   sh fuzz/run.sh long SECONDS NAME...    fuzzes each SECONDS, keeping its
#       finds in $FUZZ_BUILD/corpus/NAME (seeded from fuzz/corpus/NAME) and
#       its failures in $FUZZ_BUILD/crashes/NAME; the logs in
#       $FUZZ_BUILD/logs/NAME.log feed fuzz/table.py
#
# Every run has the same caps: -timeout (seconds one input may take: a
# slow input is a bug), -rss_limit_mb and -max_len.
set -u
mode=$1 seconds=$2
shift 2
B=${FUZZ_BUILD:-build-fuzz}
TIMEOUT=${FUZZ_TIMEOUT:-10}
RSS=${FUZZ_RSS_MB:-2048}
MAXLEN=${FUZZ_MAX_LEN:-65536}
mkdir -p "$B/logs"
status=0
for name in "$@"; do
	bin=$B/fuzz_$name
	dict=fuzz/dict/$name.dict
	dict_opt=
	[ -f "$dict" ] && dict_opt=-dict=$dict
	caps="-timeout=$TIMEOUT -rss_limit_mb=$RSS -max_len=$MAXLEN -print_final_stats=1"
	if [ "$mode" = smoke ]; then
		work=$(mktemp -d "${TMPDIR:-/tmp}/ngfuzz-$name.XXXXXX")
		dirs=
		[ -d fuzz/corpus/$name ] && dirs="$dirs fuzz/corpus/$name"
		[ -d fuzz/regress/$name ] && dirs="$dirs fuzz/regress/$name"
		log=$B/logs/$name.smoke.log
		start=$(date +%s)
		# the first directory gets the new finds: a scratch one
		nice "$bin" $caps $dict_opt -max_total_time="$seconds" \
			-artifact_prefix="$work/" "$work" $dirs > "$log" 2>&1
		rc=$?
		end=$(date +%s)
		execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
		cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
		if [ $rc -ne 0 ]; then
			echo "fuzz-smoke: $name FAILED (exit $rc), log $log:" >&2
			grep -E 'ERROR|SUMMARY|promise broken|Test unit written' "$log" | head -20 >&2
			mkdir -p "$B/crashes/$name"
			cp "$work"/crash-* "$work"/leak-* "$work"/timeout-* \
			   "$work"/oom-* "$B/crashes/$name/" 2>/dev/null
			echo "fuzz-smoke: the input is kept in $B/crashes/$name/" >&2
			status=1
		else
			echo "fuzz-smoke: $name ok: ${execs:-?} executions, $cov, $((end - start)) s"
		fi
		rm -rf "$work"
	else
		corpus=$B/corpus/$name crashes=$B/crashes/$name
		mkdir -p "$corpus" "$crashes"
		[ -d fuzz/corpus/$name ] && cp -n fuzz/corpus/$name/* "$corpus/" 2>/dev/null
		log=$B/logs/$name.log
		echo "fuzz: $name for $seconds s (log $log)"
		start=$(date +%s)
		# -fork=1 with -ignore_crashes: a crash is recorded and the run
		# goes on, so one bug does not hide the next
		nice "$bin" $caps $dict_opt -max_total_time="$seconds" \
			-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
			-artifact_prefix="$crashes/" "$corpus" > "$log" 2>&1
		rc=$?
		end=$(date +%s)
		echo "seconds: $((end - start))" >> "$log"
		[ $rc -ne 0 ] && status=1
	fi
done
exit $status
