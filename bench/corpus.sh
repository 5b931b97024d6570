# bench/corpus.sh: the bench corpus, sourced by bench/run.sh and
# bench/mpi_run.sh so that both read the same file for the same options.
#
# Expects BUILD, OUT, COUNT (articles) and DAYS (the days their dates
# spread over); sets CLI, CORPUS and ARTICLES. The corpus is
# OUT/corpus.jsonl for the default 100,000 articles over 366 days, else
# OUT/corpus-COUNT-dDAYS.jsonl, generated when missing by gen_corpus with
# SEED (default 20240101) over the FNC-1 bodies (BODIES).
CLI=$BUILD/newsgraph
GEN=$BUILD/bench/gen_corpus
SEED=${SEED:-20240101}
BODIES=${BODIES:-../shared/data/fnc1/train_bodies.csv}
if [ "$COUNT" = 100000 ] && [ "$DAYS" = 366 ]; then
	CORPUS=$OUT/corpus.jsonl
else
	CORPUS=$OUT/corpus-$COUNT-d$DAYS.jsonl
fi
for f in "$CLI" "$GEN"; do
	[ -x "$f" ] || { echo "bench: $f is missing: run 'make bench'" >&2; exit 1; }
done
mkdir -p "$OUT"
if [ ! -s "$CORPUS" ]; then
	[ -r "$BODIES" ] || { echo "bench: $BODIES not found (needed to generate the corpus)" >&2; exit 1; }
	"$GEN" -n "$COUNT" -d "$DAYS" -s "$SEED" -b "$BODIES" -o "$CORPUS.tmp"
	mv "$CORPUS.tmp" "$CORPUS"
fi
ARTICLES=$(wc -l < "$CORPUS" | tr -d ' ')
