/*
 * claims_measure.c: runs the claim finder (src/extract/claims.h) over
 * files or labelled sets and prints what it finds or counts, for
 * docs/CLAIMS.md. Not part of the library; built by `make claims-measure`.
 *
 *   claims_measure dump FILE...        claims and responses of each file
 *   claims_measure emergent CSV        Emergent headlines: responses by
 *                                      the headline's stance label
 *   claims_measure fnc1 DIR            FNC-1 (DIR/train_bodies.csv,
 *                                      DIR/train_stances.csv): denials in
 *                                      the body, by the pair's stance
 *   claims_measure polnear DIR         PolNeAR attributions (DIR/text,
 *                                      DIR/attributions): how many of
 *                                      their cues fall on a claim cue
 *
 * Quotes are not passed (nq = 0), so this measures the claim finder
 * alone, unless the first argument is --quotes (ngi_quotes_find's quotes
 * are passed, as the engine does).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/base.h"
#include "base/utf8.h"
#include "extract/claims.h"
#include "extract/entities.h"
#include "text/text.h"

static ngi_text_ctx *tc;
static ngi_entity_ctx *ec;
static int with_quotes; /* --quotes: pass ngi_quotes_find's quotes */

static int run(const char *text, size_t len, const char *lang, ngi_arena *a,
	       ngi_doc *doc, ngi_mention **m, size_t *nm, ngi_claims *out)
{
	if (ngi_text_analyze(tc, text, len, lang, a, doc))
		return -1;
	if (ngi_entities_find(ec, doc, a, m, nm))
		return -1;
	ngi_quote *q = NULL;
	size_t nq = 0;
	if (with_quotes && ngi_quotes_find(doc, *m, *nm, a, &q, &nq))
		return -1;
	return ngi_claims_find(doc, *m, *nm, q, nq, a, out) ? -1 : 0;
}

static void span(const char *t, uint32_t s, uint32_t e)
{
	printf("%.*s", (int)(e - s), t + s);
}

static int dump(int argc, char **argv)
{
	for (int f = 2; f < argc; f++) {
		ngi_buf b;
		ngi_buf_init(&b, 0);
		ngi_diag_sink quiet = {ngi_diag_stderr, NULL, 0, 0};
		if (ngi_read_file(argv[f], 1 << 26, &b, &quiet)) {
			ngi_buf_free(&b);
			continue;
		}
		ngi_arena a;
		ngi_arena_init(&a, 1 << 16);
		ngi_doc doc;
		ngi_mention *m;
		size_t nm;
		ngi_claims c;
		if (run(b.data, b.len, NULL, &a, &doc, &m, &nm, &c) == 0) {
			printf("== %s (%s)\n", argv[f], doc.lang);
			for (size_t k = 0; k < c.n_claims; k++) {
				ngi_claim *x = &c.claims[k];
				printf("C%zu kind=%d same_as=%d cue=[", k, x->kind,
				       x->same_as);
				span(doc.text, x->cue_start, x->cue_end);
				printf("] by=[");
				span(doc.text, x->claimant_start, x->claimant_end);
				printf("] m=%s\n   {", x->claimant >= 0
							 ? m[x->claimant].name : "-");
				span(doc.text, x->start, x->end);
				printf("}\n");
			}
			for (size_t k = 0; k < c.n_responses; k++) {
				ngi_response *x = &c.responses[k];
				printf("R%zu stance=%d claim=%d cue=[", k, x->stance,
				       x->claim);
				span(doc.text, x->cue_start, x->cue_end);
				printf("] by=[");
				span(doc.text, x->responder_start, x->responder_end);
				printf("] m=%s\n", x->responder >= 0
							   ? m[x->responder].name : "-");
			}
		}
		ngi_arena_free(&a);
		ngi_buf_free(&b);
	}
	return 0;
}

/* Splits one CSV record of s (quoted fields, "" escapes) into fields. */
static int csv_record(char **s, char **field, int max)
{
	char *p = *s;
	if (!*p)
		return 0;
	int n = 0;
	for (;;) {
		char *out = p, *start = p;
		if (*p == '"') {
			p++;
			for (;;) {
				if (!*p)
					break;
				if (*p == '"' && p[1] == '"') {
					*out++ = '"';
					p += 2;
				} else if (*p == '"') {
					p++;
					break;
				} else {
					*out++ = *p++;
				}
			}
			while (*p && *p != ',' && *p != '\n')
				p++;
		} else {
			while (*p && *p != ',' && *p != '\n' && *p != '\r')
				out++, p++;
		}
		char end = *p;
		if (*p == '\r')
			p++, end = *p;
		*out = '\0';
		if (n < max)
			field[n++] = start;
		if (end == ',') {
			p++;
			continue;
		}
		if (end == '\n')
			p++;
		break;
	}
	*s = p;
	return n;
}

static int emergent(const char *path)
{
	ngi_buf b;
	ngi_buf_init(&b, 0);
	ngi_diag_sink quiet = {ngi_diag_stderr, NULL, 0, 0};
	if (ngi_read_file(path, 1 << 28, &b, &quiet))
		return 1;
	static const char *stances[] = {"for", "against", "observing"};
	long count[3] = {0}, deny[3] = {0}, confirm[3] = {0}, claim[3] = {0};
	char *s = b.data, *fld[8];
	int header = 1;
	int n;
	while ((n = csv_record(&s, fld, 8)) > 0) {
		if (header) {
			header = 0;
			continue;
		}
		if (n < 4)
			continue;
		int st = -1;
		for (int k = 0; k < 3; k++)
			if (strcmp(fld[3], stances[k]) == 0)
				st = k;
		if (st < 0)
			continue;
		ngi_arena a;
		ngi_arena_init(&a, 1 << 14);
		ngi_doc doc;
		ngi_mention *m;
		size_t nm;
		ngi_claims c;
		if (run(fld[2], strlen(fld[2]), "en", &a, &doc, &m, &nm, &c) == 0) {
			count[st]++;
			int d = 0, cf = 0;
			for (size_t k = 0; k < c.n_responses; k++) {
				d |= c.responses[k].stance == NGI_RESPONSE_DENY;
				cf |= c.responses[k].stance == NGI_RESPONSE_CONFIRM;
			}
			deny[st] += d;
			confirm[st] += cf;
			claim[st] += c.n_claims > 0;
		}
		ngi_arena_free(&a);
	}
	printf("stance      headlines  with-denial  with-confirm  with-claim\n");
	for (int k = 0; k < 3; k++)
		printf("%-10s %10ld %8ld %5.1f%% %6ld %5.1f%% %6ld %5.1f%%\n",
		       stances[k], count[k], deny[k],
		       count[k] ? 100.0 * deny[k] / count[k] : 0, confirm[k],
		       count[k] ? 100.0 * confirm[k] / count[k] : 0, claim[k],
		       count[k] ? 100.0 * claim[k] / count[k] : 0);
	ngi_buf_free(&b);
	return 0;
}

/* PolNeAR: for each attribution (an E line with a Cue), whether a claim
 * of the finder has its cue inside the attribution's cue span (character
 * offsets, so compared in code points). */
static int polnear(const char *dir)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/text", dir);
	char **names;
	size_t nn;
	const char *what;
	if (ngi_list_dir(path, &names, &nn, &what)) {
		fprintf(stderr, "%s: %s\n", path, what);
		return 1;
	}
	char **anns;
	size_t na;
	snprintf(path, sizeof path, "%s/attributions", dir);
	if (ngi_list_dir(path, &anns, &na, &what)) {
		fprintf(stderr, "%s: %s\n", path, what);
		ngi_free_names(names, nn);
		return 1;
	}
	ngi_diag_sink quiet = {ngi_diag_stderr, NULL, 0, 0};
	long attrs = 0, hit = 0, claims = 0, claims_on_attr = 0, docs = 0;
	for (size_t f = 0; f < nn; f++) {
		size_t l = strlen(names[f]);
		if (l < 5 || strcmp(names[f] + l - 4, ".txt"))
			continue;
		ngi_buf t, ann;
		ngi_buf_init(&t, 0);
		ngi_buf_init(&ann, 0);
		snprintf(path, sizeof path, "%s/text/%s", dir, names[f]);
		int bad = ngi_read_file(path, 1 << 26, &t, &quiet);
		/* its annotation: the same name with a "_xxxx.ann" ending */
		const char *an = NULL;
		for (size_t k = 0; k < na && !an; k++)
			if (strncmp(anns[k], names[f], l - 4) == 0 &&
			    anns[k][l - 4] == '_')
				an = anns[k];
		if (!an)
			bad = 1;
		else {
			snprintf(path, sizeof path, "%s/attributions/%s", dir, an);
			bad |= ngi_read_file(path, 1 << 26, &ann, &quiet);
		}
		ngi_arena a;
		ngi_arena_init(&a, 1 << 16);
		ngi_doc doc;
		ngi_mention *m;
		size_t nm;
		ngi_claims c;
		if (!bad && run(t.data, t.len, "en", &a, &doc, &m, &nm, &c) == 0) {
			docs++;
			/* T ids of Cue spans: read T lines into a table. */
			size_t cap = 4096, nt = 0;
			long *tid = malloc(cap * sizeof *tid);
			long *ts = malloc(cap * sizeof *ts), *te = malloc(cap * sizeof *te);
			char *p = ann.data;
			while (p && *p && tid && ts && te) {
				char *nl = strchr(p, '\n');
				long id, s0, e0;
				char type[64];
				if (p[0] == 'T' &&
				    sscanf(p, "T%ld %63s %ld %ld", &id, type, &s0, &e0) == 4 &&
				    strcmp(type, "Cue") == 0 && nt < cap) {
					tid[nt] = id, ts[nt] = s0, te[nt] = e0;
					nt++;
				}
				p = nl ? nl + 1 : NULL;
			}
			attrs += (long)nt;
			uint8_t *got = calloc(nt ? nt : 1, 1);
			claims += (long)c.n_claims;
			for (size_t k = 0; k < c.n_claims && got; k++) {
				uint32_t cs = (uint32_t)ngi_utf8_count(doc.text, c.claims[k].cue_start);
				int on = 0;
				for (size_t j = 0; j < nt; j++)
					if (cs >= ts[j] && cs < te[j]) {
						if (!got[j])
							hit++;
						got[j] = 1;
						on = 1;
					}
				claims_on_attr += on;
			}
			free(got);
			free(tid);
			free(ts);
			free(te);
		}
		ngi_arena_free(&a);
		ngi_buf_free(&t);
		ngi_buf_free(&ann);
	}
	ngi_free_names(names, nn);
	ngi_free_names(anns, na);
	printf("documents %ld, attribution cues %ld, cues holding a claim cue %ld (%.1f%%)\n",
	       docs, attrs, hit, attrs ? 100.0 * hit / attrs : 0);
	printf("claims found %ld, whose cue is an attribution cue %ld (%.1f%%)\n",
	       claims, claims_on_attr, claims ? 100.0 * claims_on_attr / claims : 0);
	return 0;
}

typedef struct fnc_body {
	long id;
	ngi_arena a;
	ngi_doc doc;
	ngi_claims c;
	int ok;
} fnc_body;

/* Content words two spans share (folded forms). */
static size_t shared_norms(const ngi_doc *a, uint32_t as, uint32_t ae,
			   const ngi_doc *b, uint32_t bs, uint32_t be)
{
	const char *wa[64], *wb[128];
	size_t na = ngi_claim_words(a, as, ae, wa, 64);
	size_t nb = ngi_claim_words(b, bs, be, wb, 128);
	size_t n = 0;
	for (size_t i = 0; i < na; i++)
		for (size_t j = 0; j < nb; j++)
			if (strcmp(wa[i], wb[j]) == 0) {
				n++;
				break;
			}
	return n;
}

static int fnc1(const char *dir)
{
	char path[4096];
	ngi_buf bodies, stances;
	ngi_buf_init(&bodies, 0);
	ngi_buf_init(&stances, 0);
	ngi_diag_sink quiet = {ngi_diag_stderr, NULL, 0, 0};
	snprintf(path, sizeof path, "%s/train_bodies.csv", dir);
	if (ngi_read_file(path, 1 << 28, &bodies, &quiet))
		return 1;
	snprintf(path, sizeof path, "%s/train_stances.csv", dir);
	if (ngi_read_file(path, 1 << 28, &stances, &quiet))
		return 1;
	size_t cap = 4096, nb = 0;
	fnc_body *b = calloc(cap, sizeof *b);
	char *s = bodies.data, *fld[4];
	int n, header = 1;
	while (b && (n = csv_record(&s, fld, 4)) > 0) {
		if (header || n < 2 || nb == cap) {
			header = 0;
			continue;
		}
		fnc_body *x = &b[nb++];
		x->id = atol(fld[0]);
		ngi_arena_init(&x->a, 1 << 16);
		ngi_mention *m;
		size_t nm;
		x->ok = run(fld[1], strlen(fld[1]), "en", &x->a, &x->doc, &m,
			    &nm, &x->c) == 0;
	}
	static const char *names[] = {"agree", "disagree", "discuss"};
	long count[3] = {0}, deny[3] = {0}, deny_hl[3] = {0}, conf[3] = {0};
	s = stances.data;
	header = 1;
	ngi_arena ha;
	ngi_arena_init(&ha, 1 << 14);
	while (b && (n = csv_record(&s, fld, 4)) > 0) {
		if (header || n < 3) {
			header = 0;
			continue;
		}
		int st = -1;
		for (int k = 0; k < 3; k++)
			if (strcmp(fld[2], names[k]) == 0)
				st = k;
		long id = atol(fld[1]);
		fnc_body *x = NULL;
		for (size_t k = 0; k < nb && !x; k++)
			if (b[k].id == id && b[k].ok)
				x = &b[k];
		if (st < 0 || !x)
			continue;
		ngi_doc hd;
		ngi_arena_reset(&ha);
		if (ngi_text_analyze(tc, fld[0], strlen(fld[0]), "en", &ha, &hd))
			continue;
		count[st]++;
		int d = 0, dh = 0, cf = 0;
		for (size_t k = 0; k < x->c.n_responses; k++) {
			const ngi_response *re = &x->c.responses[k];
			if (re->stance == NGI_RESPONSE_CONFIRM)
				cf = 1;
			if (re->stance != NGI_RESPONSE_DENY)
				continue;
			d = 1;
			const ngi_sentence *se = &x->doc.sentences[re->sentence];
			if (shared_norms(&hd, 0, (uint32_t)hd.len, &x->doc, se->start,
					 se->end) >= 2)
				dh = 1;
		}
		deny[st] += d;
		deny_hl[st] += dh;
		conf[st] += cf;
	}
	printf("stance     pairs  body-has-denial  denial-sharing-2-headline-words  body-has-confirmation\n");
	for (int k = 0; k < 3; k++)
		printf("%-9s %6ld %8ld %5.1f%% %8ld %5.1f%% %8ld %5.1f%%\n", names[k],
		       count[k], deny[k], count[k] ? 100.0 * deny[k] / count[k] : 0,
		       deny_hl[k], count[k] ? 100.0 * deny_hl[k] / count[k] : 0,
		       conf[k], count[k] ? 100.0 * conf[k] / count[k] : 0);
	for (size_t k = 0; k < nb; k++)
		ngi_arena_free(&b[k].a);
	free(b);
	ngi_arena_free(&ha);
	ngi_buf_free(&bodies);
	ngi_buf_free(&stances);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--quotes") == 0) {
		with_quotes = 1;
		argv++;
		argc--;
	}
	if (argc < 3 || ngi_text_ctx_new(&tc) || ngi_entity_ctx_new(&ec)) {
		fprintf(stderr, "usage: claims_measure [--quotes] dump FILE... | emergent CSV | fnc1 DIR | polnear DIR\n");
		return 2;
	}
	int rc = 2;
	if (strcmp(argv[1], "dump") == 0)
		rc = dump(argc, argv);
	else if (strcmp(argv[1], "emergent") == 0)
		rc = emergent(argv[2]);
	else if (strcmp(argv[1], "fnc1") == 0)
		rc = fnc1(argv[2]);
	else if (strcmp(argv[1], "polnear") == 0)
		rc = polnear(argv[2]);
	ngi_entity_ctx_free(ec);
	ngi_text_ctx_free(tc);
	return rc;
}
