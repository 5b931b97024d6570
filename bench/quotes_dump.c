/*
 * quotes_dump.c: every quote the quote finder (src/extract/quotes.h) finds
 * in a corpus, one line each, so that a change meant to keep its output
 * (a speed-up) can be checked by diffing the dumps of the old and new code;
 * also the program callgrind measures the finder's cost with.
 *
 * Usage: build/bench/quotes_dump PATH...
 * Each record (JSONL or text files, src/read/read.h) is analysed with its
 * language hint (ngi_text_analyze), its entities found, then its quotes;
 * per quote: record id, index, byte and code-point offsets, direct, first
 * piece, speaker (mention index and key), as-written and cue spans,
 * sentence and partial. Then a line with the totals.
 */
#include <stdio.h>
#include <stdlib.h>

#include "extract/entities.h"
#include "extract/quotes.h"
#include "read/read.h"
#include "text/text.h"

typedef struct dump {
	ngi_text_ctx *text;
	ngi_entity_ctx *ent;
	ngi_arena arena;
	long long docs, quotes;
} dump;

static ng_status one(void *ctx, const ngi_record *r)
{
	dump *d = ctx;
	ngi_arena_reset(&d->arena);
	ngi_doc doc;
	ngi_mention *m = NULL;
	ngi_quote *q = NULL;
	size_t nm = 0, nq = 0;
	ng_status st = ngi_text_analyze(d->text, r->text, r->text_len, r->lang,
					&d->arena, &doc);
	if (!st)
		st = ngi_entities_find(d->ent, &doc, &d->arena, &m, &nm);
	if (!st)
		st = ngi_quotes_find(&doc, m, nm, &d->arena, &q, &nq);
	if (st) {
		printf("%s\tfailed %d\n", r->id, (int)st);
		return NG_OK;
	}
	for (size_t i = 0; i < nq; i++) {
		const ngi_quote *x = &q[i];
		printf("%s\t%zu\t%u-%u\t%u-%u\td%u\tf%u\ts%d:%s\tw%u-%u\tc%u-%u"
		       "\tS%u\tp%u\n",
		       r->id, i, x->start, x->end, x->cp_start, x->cp_end,
		       x->direct, x->first_piece, x->speaker,
		       x->speaker >= 0 && (size_t)x->speaker < nm
			       ? m[x->speaker].key
			       : "-",
		       x->as_written_start, x->as_written_end, x->cue_start,
		       x->cue_end, x->sentence, x->partial);
	}
	d->docs++;
	d->quotes += (long long)nq;
	return NG_OK;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: quotes_dump PATH...\n");
		return 2;
	}
	dump d = {0};
	if (ngi_text_ctx_new(&d.text) || ngi_entity_ctx_new(&d.ent)) {
		fprintf(stderr, "quotes_dump: cannot set up the analysers\n");
		return 1;
	}
	ngi_arena_init(&d.arena, 0);
	ngi_diag_sink sink = {ngi_diag_stderr, NULL, 0, 0};
	int rc = 0;
	for (int i = 1; i < argc; i++)
		if (ngi_read_path(argv[i], one, &d, &sink, NULL) != NG_OK)
			rc = 1;
	printf("total\t%lld documents\t%lld quotes\n", d.docs, d.quotes);
	ngi_arena_free(&d.arena);
	ngi_entity_ctx_free(d.ent);
	ngi_text_ctx_free(d.text);
	return rc;
}
