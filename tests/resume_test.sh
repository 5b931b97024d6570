#!/bin/sh
# resume_test.sh: an ingest stopped anywhere and run again gives exactly the
# export of one uninterrupted run. Run from the repository root with
# NEWSGRAPH set to the binary (make test-cli).
#
# The corpus is made up (tests/gen_resume_corpus.py, 200 articles, with
# quotes, claims and denials) and
# checked to take every path of linking: exact, near and partial copies,
# story joins, merges (story ids merged away), moves and splits (the ingest
# summary). Batches of 7, so stops fall inside batches and between the
# checks of a growing story. Deterministic stops: the first k records, then
# the whole file (what a resumed run sees: the first k are unchanged), for
# k = 1, 77 and 151, and a chain of three runs (40, 130, all). Then an ingest
# killed with kill -9 after a few committed batches, twice at different
# points, and run again. Each export is compared byte for byte with the
# one run's. Finally a database whose stored links cannot be replayed (an
# article's story changed by hand) still opens, with a warning.
# Prints "cli-resume: N passed, N failed"; the exit status is the verdict.
set -u
NG=${NEWSGRAPH:-build/newsgraph}
T=$(mktemp -d /tmp/newsgraph-resume.XXXXXX)
trap 'rm -rf "$T"' EXIT
passed=0; failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAILED: $*" >&2; }
check() { # check "description" command...
	desc=$1; shift
	if "$@"; then ok; else bad "$desc"; fi
}
# What a database holds, read through the command (the one edit below is
# made with sqlite3 on purpose: a database no newsgraph could have written).
n_articles() { # the sum of the stories' sizes; 0 when it cannot be read yet
	"$NG" stories --db "$1" --format jsonl 2>/dev/null |
		sed -n 's/.*"size":\([0-9]*\).*/\1/p' | awk '{n += $1} END {print n + 0}'
}
n_copies() { "$NG" export --db "$1" --format jsonl | grep -o "\"kind\":\"$2\"" | wc -l; }
story_sizes() { "$NG" stories --db "$1" --format jsonl | sed -n 's/.*"size":\([0-9]*\).*/\1/p'; }
story_ids() { "$NG" stories --db "$1" --format jsonl | sed -n 's/^{"story":\([0-9]*\).*/\1/p'; }
ingest() { # ingest DB FILE: the test's batch size, quiet
	$NG ingest "$2" --db "$1" --batch 7 --threads 2 -q
}

/usr/bin/python3 tests/gen_resume_corpus.py 200 7 25 1 >"$T/corpus.jsonl"
check "corpus generated" [ "$(wc -l <"$T/corpus.jsonl")" = 200 ]
# every run reads the same path (it is stored as each article's source)
cp "$T/corpus.jsonl" "$T/in.jsonl"
$NG ingest "$T/in.jsonl" --db "$T/one.db" --batch 7 --threads 2 2>"$T/one.err"
check "one run exits 0" [ $? -eq 0 ]
$NG export --db "$T/one.db" --format jsonl >"$T/one.jsonl"
check "one run: 200 articles exported" [ "$(wc -l <"$T/one.jsonl")" = 200 ]
# the corpus takes every path
check "one run: exact copies" [ "$(n_copies "$T/one.db" exact)" -gt 0 ]
check "one run: near copies" [ "$(n_copies "$T/one.db" near)" -gt 0 ]
check "one run: partial copies" [ "$(n_copies "$T/one.db" partial)" -gt 0 ]
check "one run: stories joined" [ "$(story_sizes "$T/one.db" | awk '$1 > 1' | wc -l)" -gt 0 ]
check "one run: stories merged away" [ "$(story_ids "$T/one.db" | awk '$1 > m {m = $1} END {print m - NR}')" -gt 0 ]
check "one run: articles moved" grep -Eq ' [1-9][0-9]* moved to a better story' "$T/one.err"
check "one run: stories split off" grep -Eq ' [1-9][0-9]* stories split off' "$T/one.err"
# who said what crosses batches too: quote groups, claims reported again,
# responses and stances (the corpus's SAID paragraphs)
check "one run: quote groups across articles" sh -c "'$NG' quotes --db '$T/one.db' --format jsonl | grep -q '\"articles\":[2-9]'"
check "one run: claims reported by several articles" sh -c "'$NG' claims --db '$T/one.db' --format jsonl | grep -q '\"reported_in\":\[\"[^]]*,'"
check "one run: denials" sh -c "'$NG' claims --db '$T/one.db' --format jsonl | grep -q '\"stance\":\"deny\"'"
check "one run: stances" sh -c "'$NG' claims --db '$T/one.db' --format jsonl | grep -q '\"stances\":\[{'"

same_as_one() { # same_as_one DB DESCRIPTION
	$NG export --db "$1" --format jsonl >"$T/got.jsonl"
	check "$2: export identical to one run" cmp -s "$T/one.jsonl" "$T/got.jsonl"
}

for k in 1 77 151; do
	rm -f "$T"/split.db*
	head -n $k "$T/corpus.jsonl" >"$T/in.jsonl"
	ingest "$T/split.db" "$T/in.jsonl"
	cp "$T/corpus.jsonl" "$T/in.jsonl"
	ingest "$T/split.db" "$T/in.jsonl"
	same_as_one "$T/split.db" "first $k, then all"
done

rm -f "$T"/split.db*
for k in 40 130 200; do
	head -n $k "$T/corpus.jsonl" >"$T/in.jsonl"
	ingest "$T/split.db" "$T/in.jsonl"
done
same_as_one "$T/split.db" "40, 130, then all"

# kill -9 once at least $2 articles are committed (batches of 5; the
# database may be locked or not yet created while polling)
killed_run() { # killed_run DB MIN
	$NG ingest "$T/in.jsonl" --db "$1" --batch 5 --threads 2 -q 2>/dev/null &
	pid=$!
	i=0
	while [ $i -lt 400 ]; do
		n=$(n_articles "$1")
		[ "${n:-0}" -ge "$2" ] && break
		kill -0 $pid 2>/dev/null || break
		sleep 0.02
		i=$((i + 1))
	done
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	n_articles "$1"
}
for min in 30 110; do
	rm -f "$T"/kill.db*
	n=$(killed_run "$T/kill.db" $min)
	check "killed after $min+: whole batches only ($n)" [ $((n % 5)) -eq 0 ]
	ingest "$T/kill.db" "$T/in.jsonl"
	check "killed after $n, run again: exits 0" [ $? -eq 0 ]
	same_as_one "$T/kill.db" "killed after $n, run again"
done

# links that cannot be replayed (another version's, or edited): the database
# opens all the same, from its stored stories, and says so
rm -f "$T"/edit.db*
head -n 100 "$T/corpus.jsonl" >"$T/in.jsonl"
ingest "$T/edit.db" "$T/in.jsonl"
sqlite3 "$T/edit.db" "update articles set story = (select max(id) from stories) where seq = 2"
cp "$T/corpus.jsonl" "$T/in.jsonl"
$NG ingest "$T/in.jsonl" --db "$T/edit.db" --batch 7 2>"$T/edit.err"
check "unreplayable links: ingest exits 0" [ $? -eq 0 ]
check "unreplayable links: a warning" grep -q 'cannot be replayed exactly' "$T/edit.err"
check "unreplayable links: every article stored" [ "$("$NG" export --db "$T/edit.db" --format jsonl | wc -l)" = 200 ]

echo "cli-resume: $passed passed, $failed failed, 0 skipped"
[ $failed -eq 0 ]
