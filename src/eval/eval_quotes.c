/*
 * eval_quotes.c: the "quotes DIR" suite, on PolNeAR (brat standoff).
 *
 * DIR/text/NAME.txt is an article; DIR/attributions/NAME_ANNOTATOR.ann its
 * attributions (a text annotated by several people has several files: the
 * first in byte order is used). T lines are "Tid<TAB>Type START END[;START
 * END...]<TAB>surface" with offsets in code points (checked: the surfaces
 * match the text read as code points, not as bytes); E lines
 * "Eid<TAB>Attribution:Tn Content:Tn Cue:Tn Source:Tn" tie one content to
 * its source. A gold direct quote is a Content whose text, at its first
 * span and after spaces, begins with a quote mark.
 *
 * Each text goes through ngi_text_analyze (English), ngi_entities_find and
 * ngi_quotes_find; the predicted direct quotes are grouped by first_piece
 * (a split quote is one prediction, its pieces together).
 *
 * Scores, counting only letters and digits (so quote marks, spaces and
 * punctuation at the edges never decide a match):
 *   exact: a prediction and a gold quote whose first and last letters or
 *     digits are the same characters (one to one);
 *   overlap: o = the letters and digits the gold spans and the predicted
 *     pieces share; they match when o >= 50 % of the gold quote's and
 *     >= 50 % of the prediction's, one to one, largest o first;
 *   speaker accuracy, over overlap matches whose gold has a Source: right
 *     when the predicted as-written span overlaps the Source, or the
 *     predicted speaker's entity key is the key of the Source's text
 *     (ngi_entity_key) or of a person or organisation mention inside it.
 * Also timed: ngi_quotes_find alone (MB/s of text) and the whole pipeline.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "../base/map.h"
#include "../base/utf8.h"
#include "../extract/entities.h"
#include "../extract/quotes.h"
#include "../text/text.h"
#include "eval.h"
#include "metrics.h"

#define Q_MAX_FILE ((size_t)16 << 20)
#define Q_MAX_SPANS 16
#define Q_MAX_TS 100000

typedef struct span {
	uint32_t s, e; /* code points */
} span;

typedef struct tb {
	uint32_t id;
	int type; /* 1 Content, 2 Source, 0 other */
	span sp[Q_MAX_SPANS];
	int n;
	int32_t source; /* Content: index of its Source, -1 */
} tb;

typedef struct unit {
	span sp[Q_MAX_SPANS];
	int n;
	uint32_t first, last; /* first and last alnum code point, or -1 */
	int32_t speaker;
	uint32_t aw_s, aw_e; /* as written, code points */
	int used;
	int cue; /* debug: the quote had a cue */
	int mixed; /* lies inside a gold Content not opening with a mark */
	int partial; /* the finder's partial flag */
} unit;

typedef struct q_run {
	ngi_eval_ctx *ctx;
	ngi_text_ctx *text;
	ngi_entity_ctx *ent;
	long long docs, gold, pred, pieces, indirect;
	long long exact_tp, overlap_tp, with_source, speaker_right;
	long long bad_lines;
	long long pred_in_mixed, tp_in_mixed; /* inside a gold mixed Content */
	long long pred_whole, tp_whole; /* not partial */
	double t_quotes, t_total, bytes;
} q_run;

static int is_mark_cp(int32_t c)
{
	switch (c) {
	case '"': case '\'': case 0x201C: case 0x201D: case 0x201E:
	case 0x00AB: case 0x00BB: case 0x2039: case 0x203A: case 0x2018:
	case 0x2019: case 0x201A: case 0x300C: case 0x300D: case 0x300E:
	case 0x300F:
		return 1;
	default:
		return 0;
	}
}

static int is_alnum_cp(int32_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		       (c >= 'A' && c <= 'Z');
	utf8proc_category_t k = utf8proc_category(c);
	return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO) ||
	       (k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO);
}

/* Letters and digits in span s (prefix sums a). */
static uint32_t alnum_in(const uint32_t *a, span s)
{
	return s.e > s.s ? a[s.e] - a[s.s] : 0;
}

static uint32_t alnum_total(const uint32_t *a, const span *sp, int n)
{
	uint32_t t = 0;
	for (int i = 0; i < n; i++)
		t += alnum_in(a, sp[i]);
	return t;
}

static uint32_t alnum_shared(const uint32_t *a, const span *x, int nx,
			     const span *y, int ny)
{
	uint32_t t = 0;
	for (int i = 0; i < nx; i++)
		for (int j = 0; j < ny; j++) {
			span o = {x[i].s > y[j].s ? x[i].s : y[j].s,
				  x[i].e < y[j].e ? x[i].e : y[j].e};
			t += alnum_in(a, o);
		}
	return t;
}

/* First and last alnum code point of the hull of sp. */
static void alnum_edges(const int32_t *cps, const span *sp, int n,
			uint32_t *first, uint32_t *last)
{
	uint32_t lo = UINT32_MAX, hi = 0;
	for (int i = 0; i < n; i++) {
		if (sp[i].s < lo)
			lo = sp[i].s;
		if (sp[i].e > hi)
			hi = sp[i].e;
	}
	*first = *last = UINT32_MAX;
	for (uint32_t i = lo; i < hi; i++)
		if (is_alnum_cp(cps[i])) {
			*first = i;
			break;
		}
	for (uint32_t i = hi; i > lo; i--)
		if (is_alnum_cp(cps[i - 1])) {
			*last = i - 1;
			break;
		}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Parses "Tid\tType s e;s e\tsurface" into t; 0 when not such a line. */
static int parse_t(const char *p, const char *le, uint32_t n_cp, tb *t)
{
	if (*p != 'T')
		return 0;
	char *e;
	unsigned long id = strtoul(p + 1, &e, 10);
	if (e == p + 1 || e >= le || *e != '\t')
		return 0;
	const char *ty = e + 1;
	const char *sp = memchr(ty, ' ', (size_t)(le - ty));
	if (!sp)
		return 0;
	size_t tl = (size_t)(sp - ty);
	t->id = (uint32_t)id;
	t->type = tl == 7 && memcmp(ty, "Content", 7) == 0   ? 1
		  : tl == 6 && memcmp(ty, "Source", 6) == 0 ? 2
							     : 0;
	t->n = 0;
	t->source = -1;
	const char *q = sp + 1;
	while (q < le && *q != '\t') {
		char *e1, *e2;
		unsigned long s0 = strtoul(q, &e1, 10);
		if (e1 == q || *e1 != ' ')
			return 0;
		unsigned long s1 = strtoul(e1 + 1, &e2, 10);
		if (e2 == e1 + 1 || s1 < s0 || s1 > n_cp)
			return 0;
		if (t->n < Q_MAX_SPANS)
			t->sp[t->n++] = (span){(uint32_t)s0, (uint32_t)s1};
		q = e2;
		if (q < le && *q == ';')
			q++;
	}
	return t->n > 0;
}

/* Reads the .ann file: its T lines into *ts, E lines tying contents to
 * sources. */
static ng_status read_ann(q_run *r, const char *path, uint32_t n_cp,
			  tb **ts_out, size_t *n_out)
{
	ngi_buf b;
	ngi_buf_init(&b, 0);
	ng_status st = ngi_read_file(path, Q_MAX_FILE, &b, &r->ctx->diag);
	if (st) {
		ngi_buf_free(&b);
		return st;
	}
	tb *ts = NULL;
	size_t n = 0, cap = 0;
	ngi_map ids;
	ngi_map_init(&ids);
	const char *p = b.data, *end = b.data + b.len;
	/* two passes: T lines, then E lines (which may come first) */
	for (int pass = 0; pass < 2 && !st; pass++) {
		p = b.data;
		long long line_no = 0;
		while (p < end && !st) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			const char *le = nl ? nl : end;
			line_no++;
			if (pass == 0 && *p == 'T' && n < Q_MAX_TS) {
				tb t;
				if (parse_t(p, le, n_cp, &t)) {
					if (ngi_grow((void **)&ts, &cap, n + 1,
						     sizeof *ts))
						st = NG_ERR_NOMEM;
					else {
						ts[n] = t;
						st = ngi_map_put(&ids, t.id, n);
						n++;
					}
				} else {
					r->bad_lines++;
					ngi_diag(&r->ctx->diag, NG_DIAG_WARNING,
						 path, line_no,
						 (long long)(p - b.data),
						 "bad T line (skipped)");
				}
			} else if (pass == 1 && *p == 'E') {
				int64_t content = -1, source = -1;
				const char *q = memchr(p, '\t', (size_t)(le - p));
				while (q && q < le) {
					q++;
					const char *colon =
						memchr(q, ':', (size_t)(le - q));
					if (!colon || colon + 2 > le ||
					    colon[1] != 'T')
						break;
					uint64_t id = strtoul(colon + 2, NULL, 10);
					uint64_t *v = ngi_map_get(&ids, id);
					size_t kl = (size_t)(colon - q);
					if (v && kl == 7 &&
					    memcmp(q, "Content", 7) == 0)
						content = (int64_t)*v;
					if (v && kl == 6 &&
					    memcmp(q, "Source", 6) == 0)
						source = (int64_t)*v;
					q = memchr(colon, ' ', (size_t)(le - colon));
				}
				if (content >= 0 && source >= 0)
					ts[content].source = (int32_t)source;
			}
			p = nl ? nl + 1 : end;
		}
	}
	ngi_map_free(&ids);
	ngi_buf_free(&b);
	if (st) {
		free(ts);
		return st;
	}
	*ts_out = ts;
	*n_out = n;
	return NG_OK;
}

/* The key of a predicted speaker equals the gold source's key, or one of
 * our mentions inside the source. */
static int same_entity(q_run *r, const ngi_mention *m, size_t nm,
		       int32_t speaker, const tb *src, const char *text,
		       const uint32_t *cp_byte, ngi_arena *a)
{
	if (speaker < 0)
		return 0;
	const char *key = m[speaker].key;
	for (size_t i = 0; i < nm; i++) {
		if (m[i].type != NGI_ENT_PER && m[i].type != NGI_ENT_ORG)
			continue;
		for (int k = 0; k < src->n; k++)
			if (m[i].cp_start >= src->sp[k].s &&
			    m[i].cp_end <= src->sp[k].e &&
			    strcmp(m[i].key, key) == 0)
				return 1;
	}
	char buf[512];
	size_t bl = 0;
	for (int k = 0; k < src->n; k++) {
		size_t bs = cp_byte[src->sp[k].s], be = cp_byte[src->sp[k].e];
		if (bl + (be - bs) + 1 >= sizeof buf)
			break;
		if (bl)
			buf[bl++] = ' ';
		memcpy(buf + bl, text + bs, be - bs);
		bl += be - bs;
	}
	const char *gk = NULL;
	if (bl && ngi_entity_key(r->ent, buf, bl, "en",
				 (ngi_entity_type)m[speaker].type, a, &gk) == NG_OK &&
	    gk && strcmp(gk, key) == 0)
		return 1;
	return 0;
}

static ng_status run_doc(q_run *r, const char *txt_path, const char *ann_path,
			 ngi_arena *a)
{
	ngi_buf text;
	ngi_buf_init(&text, 0);
	ng_status st = ngi_read_file(txt_path, Q_MAX_FILE, &text, &r->ctx->diag);
	if (st) {
		ngi_buf_free(&text);
		return st;
	}
	size_t len = text.len;
	uint32_t n_cp = (uint32_t)ngi_utf8_count(text.data, len);
	uint32_t *cp_byte = ngi_arena_alloc(a, ((size_t)n_cp + 1) * 4);
	uint32_t *byte_cp = ngi_arena_alloc(a, (len + 1) * 4);
	int32_t *cps = ngi_arena_alloc(a, ((size_t)n_cp + 1) * 4);
	uint32_t *acc = ngi_arena_alloc(a, ((size_t)n_cp + 1) * 4);
	if (!cp_byte || !byte_cp || !cps || !acc) {
		ngi_buf_free(&text);
		return NG_ERR_NOMEM;
	}
	for (size_t i = 0, c = 0; i <= len;) {
		if (i == len) {
			cp_byte[c] = (uint32_t)len;
			byte_cp[len] = (uint32_t)c;
			acc[c] = c ? acc[c - 1] + (uint32_t)is_alnum_cp(cps[c - 1])
				   : 0;
			break;
		}
		int32_t cp;
		int bl = ngi_utf8_decode(text.data + i, len - i, &cp);
		if (bl <= 0)
			bl = 1;
		cp_byte[c] = (uint32_t)i;
		cps[c] = cp;
		acc[c] = c ? acc[c - 1] + (uint32_t)is_alnum_cp(cps[c - 1]) : 0;
		for (int k = 0; k < bl && i + (size_t)k <= len; k++)
			byte_cp[i + (size_t)k] = (uint32_t)c;
		i += (size_t)bl;
		c++;
	}
	tb *ts = NULL;
	size_t nt = 0;
	st = read_ann(r, ann_path, n_cp, &ts, &nt);
	if (st) {
		ngi_buf_free(&text);
		return st;
	}
	/* gold direct quotes */
	unit *gold = ngi_arena_alloc(a, (nt ? nt : 1) * sizeof *gold);
	int32_t *gold_src = ngi_arena_alloc(a, (nt ? nt : 1) * sizeof(int32_t));
	size_t ng = 0;
	if (!gold || !gold_src)
		st = NG_ERR_NOMEM;
	for (size_t i = 0; i < nt && !st; i++) {
		if (ts[i].type != 1)
			continue;
		uint32_t s = UINT32_MAX;
		for (int k = 0; k < ts[i].n; k++)
			if (ts[i].sp[k].s < s)
				s = ts[i].sp[k].s;
		while (s < n_cp && (cps[s] == ' ' || cps[s] == '\n'))
			s++;
		if (s >= n_cp || !is_mark_cp(cps[s])) {
			ts[i].type = 3; /* a mixed or indirect content */
			continue;
		}
		unit *g = &gold[ng];
		memcpy(g->sp, ts[i].sp, sizeof g->sp);
		g->n = ts[i].n;
		alnum_edges(cps, g->sp, g->n, &g->first, &g->last);
		g->used = 0;
		gold_src[ng] = ts[i].source;
		ng++;
	}
	ngi_doc doc;
	ngi_mention *m = NULL;
	size_t nm = 0;
	ngi_quote *q = NULL;
	size_t nq = 0;
	double t0 = ngi_eval_now();
	if (!st)
		st = ngi_text_analyze(r->text, text.data, len, "en", a, &doc);
	if (!st)
		st = ngi_entities_find(r->ent, &doc, a, &m, &nm);
	double t1 = ngi_eval_now();
	if (!st)
		st = ngi_quotes_find(&doc, m, nm, a, &q, &nq);
	double t2 = ngi_eval_now();
	r->t_quotes += t2 - t1;
	r->t_total += t2 - t0;
	r->bytes += (double)len;
	/* predicted direct quotes, split pieces together */
	unit *pred = ngi_arena_alloc(a, (nq ? nq : 1) * sizeof *pred);
	size_t np = 0;
	if (!pred && !st)
		st = NG_ERR_NOMEM;
	for (size_t i = 0; i < nq && !st; i++) {
		if (!q[i].direct) {
			r->indirect++;
			continue;
		}
		r->pieces++;
		unit *u = NULL;
		if (q[i].first_piece != i && np > 0)
			u = &pred[np - 1];
		else {
			u = &pred[np++];
			u->n = 0;
			u->speaker = q[i].speaker;
			u->aw_s = byte_cp[q[i].as_written_start <= len
						  ? q[i].as_written_start
						  : len];
			u->aw_e = byte_cp[q[i].as_written_end <= len
						  ? q[i].as_written_end
						  : len];
			u->used = 0;
			u->cue = q[i].cue_end > q[i].cue_start;
			u->partial = q[i].partial;
		}
		if (u->n < Q_MAX_SPANS)
			u->sp[u->n++] = (span){q[i].cp_start, q[i].cp_end};
	}
	for (size_t i = 0; i < np; i++)
		alnum_edges(cps, pred[i].sp, pred[i].n, &pred[i].first,
			    &pred[i].last);
	if (!st) {
		r->docs++;
		r->gold += (long long)ng;
		r->pred += (long long)np;
		/* exact */
		for (size_t i = 0; i < ng; i++)
			for (size_t j = 0; j < np; j++)
				if (!pred[j].used && gold[i].first != UINT32_MAX &&
				    gold[i].first == pred[j].first &&
				    gold[i].last == pred[j].last) {
					pred[j].used = 1;
					r->exact_tp++;
					break;
				}
		for (size_t j = 0; j < np; j++)
			pred[j].used = 0;
		/* predictions lying (>= 50 % of their letters) inside a gold
		 * Content that does not open with a quote mark: a partial
		 * quote of an indirect attribution */
		for (size_t j = 0; j < np; j++) {
			pred[j].mixed = 0;
			uint32_t pa = alnum_total(acc, pred[j].sp, pred[j].n);
			for (size_t i = 0; i < nt && !pred[j].mixed; i++)
				if (ts[i].type == 3 &&
				    2 * alnum_shared(acc, ts[i].sp, ts[i].n,
						     pred[j].sp, pred[j].n) >=
					    pa && pa > 0)
					pred[j].mixed = 1;
		}
		/* overlap: candidate pairs, largest first */
		for (;;) {
			uint32_t best = 0;
			size_t bi = 0, bj = 0;
			for (size_t i = 0; i < ng; i++) {
				if (gold[i].used)
					continue;
				uint32_t ga = alnum_total(acc, gold[i].sp,
							  gold[i].n);
				for (size_t j = 0; j < np; j++) {
					if (pred[j].used)
						continue;
					uint32_t o = alnum_shared(
						acc, gold[i].sp, gold[i].n,
						pred[j].sp, pred[j].n);
					uint32_t pa = alnum_total(
						acc, pred[j].sp, pred[j].n);
					if (o == 0 || 2 * o < ga || 2 * o < pa)
						continue;
					if (o > best) {
						best = o;
						bi = i;
						bj = j;
					}
				}
			}
			if (!best)
				break;
			gold[bi].used = 1;
			pred[bj].used = 1;
			r->overlap_tp++;
			r->tp_in_mixed += pred[bj].mixed;
			r->tp_whole += !pred[bj].partial;
			int32_t si = gold_src[bi];
			if (si < 0)
				continue;
			r->with_source++;
			const tb *src = &ts[si];
			int right = 0;
			for (int k = 0; k < src->n && !right; k++)
				right = pred[bj].aw_e > pred[bj].aw_s &&
					pred[bj].aw_s < src->sp[k].e &&
					src->sp[k].s < pred[bj].aw_e;
			if (!right)
				right = same_entity(r, m, nm, pred[bj].speaker,
						    src, text.data, cp_byte, a);
			r->speaker_right += right;
			if (getenv("NG_QUOTES_DEBUG") && !right) {
				uint32_t qs = cp_byte[pred[bj].sp[0].s];
				uint32_t qe = cp_byte[pred[bj].sp[pred[bj].n - 1].e];
				uint32_t cs = qs > 120 ? qs - 120 : 0;
				uint32_t ce = qe + 120 < len ? qe + 120 : (uint32_t)len;
				fprintf(stderr, "CTX [%.*s] ... [%.*s]\n", (int)(qs - cs), text.data + cs, (int)(ce - qe), text.data + qe);
				fprintf(stderr, "SPK %s: gold '%.*s' pred '%s' aw '%.*s'\n",
					txt_path,
					(int)(cp_byte[src->sp[0].e] - cp_byte[src->sp[0].s]),
					text.data + cp_byte[src->sp[0].s],
					pred[bj].speaker >= 0 ? m[pred[bj].speaker].name : "-",
					(int)(cp_byte[pred[bj].aw_e] - cp_byte[pred[bj].aw_s]),
					text.data + cp_byte[pred[bj].aw_s]);
			}
		}
		for (size_t j = 0; j < np; j++) {
			r->pred_in_mixed += pred[j].mixed;
			r->pred_whole += !pred[j].partial;
		}
		if (getenv("NG_QUOTES_DEBUG")) {
			for (size_t j = 0; j < np; j++)
				if (pred[j].used)
					fprintf(stderr, "TP %d %d %d %s: %.*s\n", pred[j].cue, pred[j].speaker >= 0, pred[j].partial, txt_path,
						(int)(cp_byte[pred[j].sp[pred[j].n - 1].e] -
						      cp_byte[pred[j].sp[0].s]),
						text.data + cp_byte[pred[j].sp[0].s]);
			for (size_t i = 0; i < ng; i++)
				if (!gold[i].used)
					fprintf(stderr, "MISS %s: %.*s\n", txt_path,
						(int)(cp_byte[gold[i].sp[gold[i].n - 1].e] -
						      cp_byte[gold[i].sp[0].s]),
						text.data + cp_byte[gold[i].sp[0].s]);
			for (size_t j = 0; j < np; j++)
				if (!pred[j].used)
					fprintf(stderr, "FP %d %d %d %d %s: %.*s\n", pred[j].cue, pred[j].speaker >= 0, pred[j].mixed, pred[j].partial, txt_path,
						(int)(cp_byte[pred[j].sp[pred[j].n - 1].e] -
						      cp_byte[pred[j].sp[0].s]),
						text.data + cp_byte[pred[j].sp[0].s]);
		}
	}
	free(ts);
	ngi_buf_free(&text);
	return st;
}

static void prf(ngi_eval_report *rep, const char *np, const char *nr,
		const char *nf, long long tp, long long pred, long long gold)
{
	double p = pred ? (double)tp / (double)pred : 0.0;
	double rc = gold ? (double)tp / (double)gold : 0.0;
	ngi_eval_real(rep, np, p);
	ngi_eval_real(rep, nr, rc);
	ngi_eval_real(rep, nf, ngi_f1(p, rc));
}

/* The .ann of text base name: the first NAME_*.ann in byte order. */
static const char *ann_of(char **anns, size_t n, const char *base,
			  size_t *from)
{
	size_t bl = strlen(base);
	for (size_t i = *from; i < n; i++) {
		int c = strncmp(anns[i], base, bl);
		if (c == 0 && anns[i][bl] == '_' &&
		    strchr(anns[i] + bl + 1, '_') == NULL) {
			*from = i;
			return anns[i];
		}
		if (c > 0)
			break;
	}
	/* not found from the cursor: look at all (names sort differently
	 * when a base is a prefix of another) */
	for (size_t i = 0; i < n; i++)
		if (strncmp(anns[i], base, bl) == 0 && anns[i][bl] == '_' &&
		    strchr(anns[i] + bl + 1, '_') == NULL)
			return anns[i];
	return NULL;
}

ng_status ngi_eval_quotes(ngi_eval_ctx *ctx, char **argv, ngi_eval_report *rep)
{
	q_run r;
	memset(&r, 0, sizeof r);
	r.ctx = ctx;
	const char *dir = argv[0];
	size_t dl = strlen(dir) + 32;
	char *tdir = malloc(dl), *adir = malloc(dl);
	char **txts = NULL, **anns = NULL;
	size_t nt = 0, na = 0;
	ng_status st = !tdir || !adir ? NG_ERR_NOMEM : NG_OK;
	if (!st) {
		snprintf(tdir, dl, "%s/text", dir);
		snprintf(adir, dl, "%s/attributions", dir);
		st = ngi_list_dir(tdir, &txts, &nt, NULL);
		if (!st)
			st = ngi_list_dir(adir, &anns, &na, NULL);
		if (st == NG_ERR_IO)
			fprintf(stderr,
				"newsgraph eval: cannot read %s/text or "
				"%s/attributions\n",
				dir, dir);
	}
	if (!st) {
		qsort(txts, nt, sizeof *txts, cmp_str);
		qsort(anns, na, sizeof *anns, cmp_str);
		st = ngi_text_ctx_new(&r.text);
	}
	if (!st)
		st = ngi_entity_ctx_new(&r.ent);
	ngi_arena a;
	ngi_arena_init(&a, 1 << 20);
	size_t from = 0;
	long long missing = 0;
	for (size_t i = 0; i < nt && !st; i++) {
		size_t l = strlen(txts[i]);
		if (l < 5 || strcmp(txts[i] + l - 4, ".txt") != 0)
			continue;
		char base[1024];
		if (l - 4 >= sizeof base)
			continue;
		memcpy(base, txts[i], l - 4);
		base[l - 4] = 0;
		const char *ann = ann_of(anns, na, base, &from);
		if (!ann) {
			missing++;
			continue;
		}
		size_t pl = strlen(dir) + l + strlen(ann) + 32;
		char *tp = malloc(pl), *ap = malloc(pl);
		if (!tp || !ap)
			st = NG_ERR_NOMEM;
		else {
			snprintf(tp, pl, "%s/%s", tdir, txts[i]);
			snprintf(ap, pl, "%s/%s", adir, ann);
			st = run_doc(&r, tp, ap, &a);
		}
		free(tp);
		free(ap);
		ngi_arena_reset(&a);
	}
	ngi_arena_free(&a);
	if (!st && r.docs == 0) {
		fprintf(stderr, "newsgraph eval: no annotated text under %s\n",
			dir);
		st = NG_ERR_INPUT;
	}
	if (!st) {
		ngi_eval_count(rep, "documents", r.docs);
		ngi_eval_count(rep, "texts_without_annotation", missing);
		ngi_eval_count(rep, "gold_direct_quotes", r.gold);
		ngi_eval_count(rep, "predicted_direct_quotes", r.pred);
		ngi_eval_count(rep, "predicted_direct_pieces", r.pieces);
		ngi_eval_count(rep, "predicted_indirect", r.indirect);
		ngi_eval_count(rep, "bad_lines", r.bad_lines);
		prf(rep, "exact_precision", "exact_recall", "exact_f1",
		    r.exact_tp, r.pred, r.gold);
		prf(rep, "overlap_precision", "overlap_recall", "overlap_f1",
		    r.overlap_tp, r.pred, r.gold);
		/* the same, not counting predictions inside a gold mixed
		 * Content (partial quotes of indirect speech) */
		ngi_eval_count(rep, "predicted_inside_gold_mixed",
			       r.pred_in_mixed);
		prf(rep, "overlap_precision_excl_mixed",
		    "overlap_recall_excl_mixed", "overlap_f1_excl_mixed",
		    r.overlap_tp - r.tp_in_mixed, r.pred - r.pred_in_mixed,
		    r.gold);
		/* only the quotes the finder does not mark partial */
		ngi_eval_count(rep, "predicted_not_partial", r.pred_whole);
		prf(rep, "overlap_precision_not_partial",
		    "overlap_recall_not_partial", "overlap_f1_not_partial",
		    r.tp_whole, r.pred_whole, r.gold);
		ngi_eval_count(rep, "matched_with_source", r.with_source);
		ngi_eval_real(rep, "speaker_accuracy",
			      r.with_source ? (double)r.speaker_right /
						      (double)r.with_source
					    : 0.0);
		ngi_eval_real(rep, "quotes_mb_per_s",
			      r.t_quotes > 0 ? r.bytes / 1e6 / r.t_quotes : 0.0);
		ngi_eval_real(rep, "quotes_share_of_pipeline",
			      r.t_total > 0 ? r.t_quotes / r.t_total : 0.0);
		ngi_eval_real(rep, "articles_per_s_pipeline",
			      r.t_total > 0 ? (double)r.docs / r.t_total : 0.0);
	}
	ngi_entity_ctx_free(r.ent);
	ngi_text_ctx_free(r.text);
	ngi_free_names(txts, nt);
	ngi_free_names(anns, na);
	free(tdir);
	free(adir);
	return st;
}
