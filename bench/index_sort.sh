#!/bin/sh
# index_sort.sh: how long SQLite takes to build the mentions' reading index
# (mentions_entity, the largest index newsgraph sorts at the end of a bulk
# ingest) for each page-cache size given, on the mentions of a finished
# database (docs/PERFORMANCE.md, "The indexes sorted with a small page
# cache").
#
#   bench/index_sort.sh DB SCRATCH_DIR [--times N] [--copies K] KiB...
#
# The mentions of DB are copied into a file of their own (K times over,
# their article numbers shifted, to stand for a corpus K times larger),
# and then, for each round of N and each size in turn, a fresh copy of
# that file gets the index built with `PRAGMA cache_size=-KiB` and the
# bulk file's settings (journal in memory, no syncs), under
# /usr/bin/time. One line a build: the size, wall and CPU seconds, peak
# RSS. Only the sqlite3 command (Debian's `sqlite3`) is used.
set -eu

usage() {
	echo "usage: $0 DB SCRATCH_DIR [--times N] [--copies K] KiB..." >&2
	exit 2
}
[ $# -ge 3 ] || usage
db=$1
dir=$2
shift 2
times=3
copies=1
while [ $# -gt 0 ]; do
	case $1 in
	--times) times=$2; shift 2 ;;
	--copies) copies=$2; shift 2 ;;
	--*) usage ;;
	*) break ;;
	esac
done
[ $# -ge 1 ] || usage
[ -r "$db" ] || { echo "$0: cannot read $db" >&2; exit 1; }
mkdir -p "$dir"
src=$dir/mentions.db
work=$dir/mentions-work.db
rm -f "$src" "$work"

# the table as the store declares it, without its index
schema=$(sqlite3 "$db" "SELECT sql FROM sqlite_schema WHERE name = 'mentions'")
[ -n "$schema" ] || { echo "$0: $db has no mentions table" >&2; exit 1; }
shift_by=$(sqlite3 "$db" "SELECT coalesce(max(article), 0) + 1 FROM mentions")
sqlite3 "$src" "PRAGMA journal_mode=OFF; ATTACH '$db' AS src;
$schema;
WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < $copies - 1)
INSERT INTO mentions SELECT article + i * $shift_by, start, end, byte_start,
  byte_end, type, surface, key, name FROM k, src.mentions
  ORDER BY 1, 2, 3;" >/dev/null
rows=$(sqlite3 "$src" "SELECT count(*) FROM mentions")
echo "$rows mentions ($copies x those of $db), $(du -m "$src" | cut -f1) MB"

round=1
while [ "$round" -le "$times" ]; do
	for kib in "$@"; do
		cp "$src" "$work"
		/usr/bin/time -f "cache ${kib} KiB: %e s wall, %U s user, %S s system, peak %M kB" \
			sqlite3 "$work" "PRAGMA journal_mode=MEMORY; PRAGMA synchronous=OFF;
PRAGMA cache_size=-$kib;
CREATE INDEX mentions_entity ON mentions(key, type);" >/dev/null
	done
	round=$((round + 1))
done
rm -f "$src" "$work"
