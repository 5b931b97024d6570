/*
 * eval_entities.c: the "entities DIR" suite, on SlavicNER.
 *
 * DIR is the SlavicNER corpus: DIR/raw/<topic>/<lang>/<name>.txt (the first
 * line a title, the text after) and DIR/ner/<topic>/<lang>/<name>.tsv with
 * one gold mention a line: start, end, surface, lemma, type (PER, ORG, LOC,
 * EVT, PRO), cross-lingual id. The offsets are code points into the raw file,
 * title included (every gold surface is checked against the text; the
 * mismatches are counted). Each article goes through ngi_text_analyze with
 * its language as the hint and ngi_entities_find.
 *
 * Scores: mention precision, recall and F1 by exact span, untyped and typed
 * (our LOC is their LOC; we say EVT only for the few curated events and
 * never PRO, so those count as misses in the typed scores); the same typed scores on PER/ORG/LOC only (gold EVT and
 * PRO removed, and our mentions on exactly their spans ignored); a relaxed
 * score where a mention counts when it overlaps one on the other side; F1 per
 * type and per language. Keys: over the mentions matched exactly, the pairs
 * of mentions with the same canonical key against the pairs with the same
 * gold id, within one language and across languages. The pair counts are
 * exact, taken from contingency tables (metrics.c), so no sampling.
 *
 * With NG_EVAL_ENTITIES_DUMP=FILE set, FILE gets one line per predicted
 * mention: the gold .tsv path, language, start and end (code points), type,
 * key and surface, tab-separated, so errors can be read against the gold
 * files by a script.
 *
 * This suite calls the recogniser directly, not through an engine: the
 * public API does not carry entities yet.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../base/map.h"
#include "../extract/entities.h"
#include "../text/text.h"
#include "eval.h"
#include "metrics.h"

#define ENT_MAX_FILE ((size_t)16 << 20)
#define ENT_MAX_FILES 1000000

static const char *const langs[] = {"bg", "cs", "pl", "ru", "sl", "uk"};
#define N_LANGS 6
static const char *const lang_f1[N_LANGS] = {"f1_bg", "f1_cs", "f1_pl",
					     "f1_ru", "f1_sl", "f1_uk"};
static const char *const lang_typed_f1[N_LANGS] = {
	"typed_f1_bg", "typed_f1_cs", "typed_f1_pl",
	"typed_f1_ru", "typed_f1_sl", "typed_f1_uk"};

enum { G_PER = 1, G_ORG = 2, G_LOC = 3, G_EVT = 4, G_PRO = 5 };

typedef struct gold {
	uint32_t start, end; /* code points */
	int type;
	uint64_t id;         /* hash of the cross-lingual id */
	int used;
} gold;

typedef struct counts {
	long long gold, pred, tp, tp_typed;
} counts;

typedef struct ent_run {
	ngi_eval_ctx *ctx;
	ngi_text_ctx *text;
	ngi_entity_ctx *ent;
	char **files;        /* tsv paths, sorted */
	size_t n_files, cap_files;
	counts all, per_lang[N_LANGS], per_type[4];
	long long core_gold, core_pred, core_tp;
	long long rel_pred, rel_pred_hit, rel_gold, rel_gold_hit;
	long long docs, bad_lines, offset_mismatch, missing_raw;
	/* matched mentions: language, key hash, gold id hash */
	long long *m_lang, *m_key, *m_gold;
	size_t n_matched, cap_matched;
	double t_find, t_total;
	FILE *dump; /* NG_EVAL_ENTITIES_DUMP, or NULL */
} ent_run;

static uint64_t hash_bytes(const char *s, size_t n)
{
	return ngi_hash(s, n, 0);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static ng_status add_file(ent_run *r, const char *path)
{
	if (r->n_files >= ENT_MAX_FILES)
		return NG_ERR_TOOBIG;
	if (ngi_grow((void **)&r->files, &r->cap_files, r->n_files + 1,
		     sizeof *r->files))
		return NG_ERR_NOMEM;
	r->files[r->n_files] = strdup(path);
	if (!r->files[r->n_files])
		return NG_ERR_NOMEM;
	r->n_files++;
	return NG_OK;
}

/* Every .tsv under dir, depth at most 3 (ner/<topic>/<lang>/x.tsv). */
static ng_status walk(ent_run *r, const char *dir, int depth)
{
	char **names = NULL;
	size_t n_names = 0;
	ng_status st = ngi_list_dir(dir, &names, &n_names, NULL);
	if (st == NG_ERR_IO) {
		fprintf(stderr, "newsgraph eval: cannot read %s\n", dir);
		ngi_free_names(names, n_names);
		return st;
	}
	for (size_t i = 0; i < n_names && !st; i++) {
		size_t n = strlen(dir) + strlen(names[i]) + 2;
		char *p = malloc(n);
		if (!p) {
			st = NG_ERR_NOMEM;
			break;
		}
		snprintf(p, n, "%s/%s", dir, names[i]);
		struct stat sb;
		if (stat(p, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			if (depth < 3)
				st = walk(r, p, depth + 1);
		} else if (n > 5 && strcmp(p + strlen(p) - 4, ".tsv") == 0) {
			st = add_file(r, p);
		}
		free(p);
	}
	ngi_free_names(names, n_names);
	return st;
}

static int gold_type(const char *s, size_t n)
{
	if (n == 3 && memcmp(s, "PER", 3) == 0)
		return G_PER;
	if (n == 3 && memcmp(s, "ORG", 3) == 0)
		return G_ORG;
	if (n == 3 && memcmp(s, "LOC", 3) == 0)
		return G_LOC;
	if (n == 3 && memcmp(s, "EVT", 3) == 0)
		return G_EVT;
	if (n == 3 && memcmp(s, "PRO", 3) == 0)
		return G_PRO;
	return 0;
}

/* Parses the gold file; cp_byte maps code points to bytes of the raw text
 * (n_cp + 1 entries) to check each surface. */
static ng_status read_gold(ent_run *r, const char *path, const char *text,
			   const uint32_t *cp_byte, size_t n_cp, ngi_arena *a,
			   gold **out, size_t *n_out)
{
	ngi_buf b;
	ngi_buf_init(&b, 0);
	ng_status st = ngi_read_file(path, ENT_MAX_FILE, &b, &r->ctx->diag);
	if (st) {
		ngi_buf_free(&b);
		return st;
	}
	size_t lines = 1;
	for (size_t i = 0; i < b.len; i++)
		lines += b.data[i] == '\n';
	gold *g = ngi_arena_alloc(a, lines * sizeof(gold));
	if (!g) {
		ngi_buf_free(&b);
		return NG_ERR_NOMEM;
	}
	size_t n = 0;
	long long line_no = 0;
	const char *p = b.data, *end = b.data + b.len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		line_no++;
		const char *f[6];
		size_t fl[6], nf = 0;
		const char *q = p;
		while (nf < 6) {
			const char *tab = memchr(q, '\t', (size_t)(le - q));
			const char *fe = tab ? tab : le;
			f[nf] = q;
			fl[nf] = (size_t)(fe - q);
			nf++;
			if (!tab)
				break;
			q = tab + 1;
		}
		if (le > p && nf >= 6) {
			char *e1, *e2;
			unsigned long s0 = strtoul(f[0], &e1, 10);
			unsigned long s1 = strtoul(f[1], &e2, 10);
			int type = gold_type(f[4], fl[4]);
			if (e1 == f[0] || e2 == f[1] || s1 <= s0 || s1 > n_cp ||
			    !type) {
				r->bad_lines++;
				ngi_diag(&r->ctx->diag, NG_DIAG_WARNING, path,
					 line_no, (long long)(p - b.data),
					 "bad gold line (skipped)");
			} else {
				size_t bs = cp_byte[s0], be = cp_byte[s1];
				if (be - bs != fl[2] ||
				    memcmp(text + bs, f[2], fl[2]) != 0)
					r->offset_mismatch++;
				g[n].start = (uint32_t)s0;
				g[n].end = (uint32_t)s1;
				g[n].type = type;
				g[n].id = hash_bytes(f[5], fl[5]);
				g[n].used = 0;
				n++;
			}
		} else if (le > p) {
			r->bad_lines++;
			ngi_diag(&r->ctx->diag, NG_DIAG_WARNING, path, line_no,
				 (long long)(p - b.data),
				 "gold line with fewer than 6 fields (skipped)");
		}
		p = nl ? nl + 1 : end;
	}
	ngi_buf_free(&b);
	*out = g;
	*n_out = n;
	return NG_OK;
}

static int cmp_gold(const void *a, const void *b)
{
	const gold *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end < y->end ? -1 : x->end > y->end;
}

static ng_status add_matched(ent_run *r, int lang, const char *key,
			     uint64_t gold_id)
{
	if (r->n_matched == r->cap_matched) {
		size_t cap = r->cap_matched ? r->cap_matched * 2 : 4096;
		long long *l = realloc(r->m_lang, cap * sizeof(long long));
		if (!l)
			return NG_ERR_NOMEM;
		r->m_lang = l;
		long long *k = realloc(r->m_key, cap * sizeof(long long));
		if (!k)
			return NG_ERR_NOMEM;
		r->m_key = k;
		long long *g = realloc(r->m_gold, cap * sizeof(long long));
		if (!g)
			return NG_ERR_NOMEM;
		r->m_gold = g;
		r->cap_matched = cap;
	}
	r->m_lang[r->n_matched] = lang;
	r->m_key[r->n_matched] =
		(long long)(hash_bytes(key, strlen(key)) >> 1);
	r->m_gold[r->n_matched] = (long long)(gold_id >> 1);
	r->n_matched++;
	return NG_OK;
}

/* Scores one document's mentions against its gold. */
static ng_status score_doc(ent_run *r, int lang, gold *g, size_t ng,
			   const ngi_mention *m, size_t nm)
{
	qsort(g, ng, sizeof(gold), cmp_gold);
	ngi_map spans;
	ngi_map_init(&spans);
	ng_status st = NG_OK;
	for (size_t i = 0; i < ng && !st; i++) {
		uint64_t k = ((uint64_t)g[i].start << 32) | g[i].end;
		if (!ngi_map_get(&spans, k))
			st = ngi_map_put(&spans, k, i + 1);
		r->all.gold++;
		r->per_lang[lang].gold++;
		if (g[i].type <= G_LOC) {
			r->core_gold++;
			r->per_type[g[i].type].gold++;
		}
	}
	for (size_t i = 0; i < nm && !st; i++) {
		const ngi_mention *x = &m[i];
		r->all.pred++;
		r->per_lang[lang].pred++;
		if (x->type >= G_PER && x->type <= G_LOC)
			r->per_type[x->type].pred++;
		uint64_t k = ((uint64_t)x->cp_start << 32) | x->cp_end;
		uint64_t *v = ngi_map_get(&spans, k);
		gold *hit = v ? &g[*v - 1] : NULL;
		if (hit && hit->used)
			hit = NULL;
		int core = !(v && g[*v - 1].type > G_LOC);
		if (core)
			r->core_pred++;
		if (!hit)
			continue;
		hit->used = 1;
		r->all.tp++;
		r->per_lang[lang].tp++;
		/* our types are numbered as the gold's PER ORG LOC */
		if (hit->type == x->type) {
			r->all.tp_typed++;
			r->per_lang[lang].tp_typed++;
			if (x->type <= G_LOC)
				r->per_type[x->type].tp_typed++;
			if (core)
				r->core_tp++;
		}
		st = add_matched(r, lang, x->key, hit->id);
	}
	/* relaxed: overlaps, both sides sorted by start */
	size_t j = 0;
	for (size_t i = 0; i < nm; i++) {
		while (j < ng && g[j].end <= m[i].cp_start)
			j++;
		int hit = 0;
		for (size_t q = j; q < ng && g[q].start < m[i].cp_end && !hit; q++)
			hit = g[q].end > m[i].cp_start;
		r->rel_pred++;
		r->rel_pred_hit += hit;
	}
	j = 0;
	for (size_t i = 0; i < ng; i++) {
		while (j < nm && m[j].cp_end <= g[i].start)
			j++;
		int hit = 0;
		for (size_t q = j; q < nm && m[q].cp_start < g[i].end && !hit; q++)
			hit = m[q].cp_end > g[i].start;
		r->rel_gold++;
		r->rel_gold_hit += hit;
	}
	ngi_map_free(&spans);
	return st;
}

static int lang_of_path(const char *path)
{
	/* .../<lang>/<name>.tsv */
	const char *slash = strrchr(path, '/');
	if (!slash || slash - path < 3)
		return -1;
	for (int i = 0; i < N_LANGS; i++)
		if (memcmp(slash - 2, langs[i], 2) == 0 && slash[-3] == '/')
			return i;
	return -1;
}

static ng_status run_doc(ent_run *r, const char *tsv, ngi_arena *a)
{
	int lang = lang_of_path(tsv);
	if (lang < 0)
		return NG_OK; /* not one of the corpus languages */
	/* ner/<...>.tsv -> raw/<...>.txt */
	const char *ner = strstr(tsv, "/ner/");
	if (!ner)
		return NG_OK;
	size_t n = strlen(tsv) + 8;
	char *raw = ngi_arena_alloc(a, n);
	if (!raw)
		return NG_ERR_NOMEM;
	snprintf(raw, n, "%.*s/raw/%.*s.txt", (int)(ner - tsv), tsv,
		 (int)(strlen(ner + 5) - 4), ner + 5);
	struct stat sb;
	if (stat(raw, &sb) != 0) {
		r->missing_raw++;
		ngi_diag(&r->ctx->diag, NG_DIAG_WARNING, raw, 0, -1,
			 "no raw text for %s (skipped)", tsv);
		return NG_OK;
	}
	ngi_buf text;
	ngi_buf_init(&text, 0);
	ng_status st = ngi_read_file(raw, ENT_MAX_FILE, &text, &r->ctx->diag);
	if (st) {
		ngi_buf_free(&text);
		return st;
	}
	double t0 = ngi_eval_now();
	size_t n_cp = 0;
	for (size_t i = 0; i < text.len; i++)
		n_cp += ((unsigned char)text.data[i] & 0xC0) != 0x80;
	uint32_t *cp_byte = ngi_arena_alloc(a, (n_cp + 1) * sizeof(uint32_t));
	if (!cp_byte) {
		ngi_buf_free(&text);
		return NG_ERR_NOMEM;
	}
	for (size_t i = 0, c = 0; i < text.len; i++)
		if (((unsigned char)text.data[i] & 0xC0) != 0x80)
			cp_byte[c++] = (uint32_t)i;
	cp_byte[n_cp] = (uint32_t)text.len;
	gold *g = NULL;
	size_t ng = 0;
	st = read_gold(r, tsv, text.data, cp_byte, n_cp, a, &g, &ng);
	ngi_doc doc;
	if (!st)
		st = ngi_text_analyze(r->text, text.data, text.len, langs[lang],
				      a, &doc);
	ngi_mention *m = NULL;
	size_t nm = 0;
	double t1 = ngi_eval_now();
	if (!st)
		st = ngi_entities_find(r->ent, &doc, a, &m, &nm);
	double t2 = ngi_eval_now();
	r->t_find += t2 - t1;
	r->t_total += t2 - t0;
	for (size_t i = 0; !st && r->dump && i < nm; i++)
		fprintf(r->dump, "%s\t%s\t%u\t%u\t%s\t%s\t%s\n", tsv,
			langs[lang], m[i].cp_start, m[i].cp_end,
			ngi_entity_type_name(m[i].type), m[i].key, m[i].surface);
	if (!st)
		st = score_doc(r, lang, g, ng, m, nm);
	if (!st)
		r->docs++;
	ngi_buf_free(&text);
	return st;
}

static void prf(ngi_eval_report *rep, const char *np, const char *nr,
		const char *nf, long long tp_p, long long pred, long long tp_r,
		long long gold_n)
{
	double p = pred ? (double)tp_p / (double)pred : 0.0;
	double rc = gold_n ? (double)tp_r / (double)gold_n : 0.0;
	if (np)
		ngi_eval_real(rep, np, p);
	if (nr)
		ngi_eval_real(rep, nr, rc);
	ngi_eval_real(rep, nf, ngi_f1(p, rc));
}

/* Pair scores of the matched mentions, within and across languages. */
static ng_status key_pairs(ent_run *r, ngi_eval_report *rep)
{
	ngi_cluster_scores all;
	ng_status st = ngi_cluster_score(r->m_gold, r->m_key, r->n_matched, &all);
	if (st)
		return st;
	long long w_both = 0, w_pred = 0, w_gold = 0;
	long long *gl = malloc((r->n_matched ? r->n_matched : 1) * sizeof(long long));
	long long *pl = malloc((r->n_matched ? r->n_matched : 1) * sizeof(long long));
	if (!gl || !pl) {
		free(gl);
		free(pl);
		return NG_ERR_NOMEM;
	}
	for (int l = 0; l < N_LANGS && !st; l++) {
		size_t n = 0;
		for (size_t i = 0; i < r->n_matched; i++)
			if (r->m_lang[i] == l) {
				gl[n] = r->m_gold[i];
				pl[n] = r->m_key[i];
				n++;
			}
		ngi_cluster_scores s;
		st = ngi_cluster_score(gl, pl, n, &s);
		if (!st) {
			w_both += s.both_pairs;
			w_pred += s.pred_pairs;
			w_gold += s.gold_pairs;
		}
	}
	free(gl);
	free(pl);
	if (st)
		return st;
	long long x_both = all.both_pairs - w_both;
	long long x_pred = all.pred_pairs - w_pred;
	long long x_gold = all.gold_pairs - w_gold;
	double p, rc;
	ngi_pairwise_pr(w_both, w_pred, w_gold, &p, &rc);
	ngi_eval_real(rep, "key_within_lang_pair_precision", p);
	ngi_eval_real(rep, "key_within_lang_pair_recall", rc);
	ngi_eval_real(rep, "key_within_lang_pair_f1", ngi_f1(p, rc));
	ngi_pairwise_pr(x_both, x_pred, x_gold, &p, &rc);
	ngi_eval_real(rep, "key_cross_lang_pair_precision", p);
	ngi_eval_real(rep, "key_cross_lang_pair_recall", rc);
	ngi_eval_real(rep, "key_cross_lang_pair_f1", ngi_f1(p, rc));
	ngi_eval_count(rep, "key_within_lang_gold_pairs", w_gold);
	ngi_eval_count(rep, "key_cross_lang_gold_pairs", x_gold);
	ngi_eval_real(rep, "key_bcubed_f1", all.bcubed_f1);
	return NG_OK;
}

static void report(ent_run *r, ngi_eval_report *rep)
{
	ngi_eval_count(rep, "documents", r->docs);
	ngi_eval_count(rep, "gold_mentions", r->all.gold);
	ngi_eval_count(rep, "predicted_mentions", r->all.pred);
	ngi_eval_count(rep, "exact_matches", r->all.tp);
	ngi_eval_count(rep, "gold_offset_mismatches", r->offset_mismatch);
	prf(rep, "precision", "recall", "f1", r->all.tp, r->all.pred, r->all.tp,
	    r->all.gold);
	prf(rep, "typed_precision", "typed_recall", "typed_f1",
	    r->all.tp_typed, r->all.pred, r->all.tp_typed, r->all.gold);
	prf(rep, "per_org_loc_typed_precision", "per_org_loc_typed_recall",
	    "per_org_loc_typed_f1", r->core_tp, r->core_pred, r->core_tp,
	    r->core_gold);
	prf(rep, "relaxed_precision", "relaxed_recall", "relaxed_f1",
	    r->rel_pred_hit, r->rel_pred, r->rel_gold_hit, r->rel_gold);
	static const char *const type_f1[4] = {NULL, "typed_f1_per",
					       "typed_f1_org", "typed_f1_loc"};
	for (int t = 1; t <= 3; t++)
		prf(rep, NULL, NULL, type_f1[t], r->per_type[t].tp_typed,
		    r->per_type[t].pred, r->per_type[t].tp_typed,
		    r->per_type[t].gold);
	for (int l = 0; l < N_LANGS; l++)
		prf(rep, NULL, NULL, lang_f1[l], r->per_lang[l].tp,
		    r->per_lang[l].pred, r->per_lang[l].tp, r->per_lang[l].gold);
	for (int l = 0; l < N_LANGS; l++)
		prf(rep, NULL, NULL, lang_typed_f1[l], r->per_lang[l].tp_typed,
		    r->per_lang[l].pred, r->per_lang[l].tp_typed,
		    r->per_lang[l].gold);
}

ng_status ngi_eval_entities(ngi_eval_ctx *ctx, char **argv,
			    ngi_eval_report *rep)
{
	ent_run r;
	memset(&r, 0, sizeof r);
	r.ctx = ctx;
	size_t n = strlen(argv[0]) + 8;
	char *ner = malloc(n);
	if (!ner)
		return NG_ERR_NOMEM;
	snprintf(ner, n, "%s/ner", argv[0]);
	ng_status st = walk(&r, ner, 0);
	free(ner);
	if (!st && r.n_files == 0) {
		fprintf(stderr, "newsgraph eval: no .tsv under %s/ner\n", argv[0]);
		st = NG_ERR_INPUT;
	}
	if (!st) {
		qsort(r.files, r.n_files, sizeof(char *), cmp_str);
		st = ngi_text_ctx_new(&r.text);
	}
	if (!st) {
		st = ngi_entity_ctx_new(&r.ent);
		if (st)
			fprintf(stderr, "newsgraph eval: entity recogniser: %s\n",
				ng_status_str(st));
	}
	const char *dump_path = getenv("NG_EVAL_ENTITIES_DUMP");
	if (!st && dump_path && !(r.dump = fopen(dump_path, "w"))) {
		fprintf(stderr, "newsgraph eval: cannot write %s\n", dump_path);
		st = NG_ERR_IO;
	}
	ngi_arena a;
	ngi_arena_init(&a, 1 << 20);
	for (size_t i = 0; !st && i < r.n_files; i++) {
		st = run_doc(&r, r.files[i], &a);
		ngi_arena_reset(&a);
	}
	ngi_arena_free(&a);
	if (!st) {
		report(&r, rep);
		st = key_pairs(&r, rep);
	}
	if (!st) {
		ngi_eval_real(rep, "articles_per_s_recogniser",
			      r.t_find > 0 ? (double)r.docs / r.t_find : 0.0);
		ngi_eval_real(rep, "mentions_per_s_recogniser",
			      r.t_find > 0 ? (double)r.all.pred / r.t_find : 0.0);
		ngi_eval_real(rep, "articles_per_s_with_text_analysis",
			      r.t_total > 0 ? (double)r.docs / r.t_total : 0.0);
	}
	if (r.dump && fclose(r.dump) && !st) {
		fprintf(stderr, "newsgraph eval: cannot write %s\n", dump_path);
		st = NG_ERR_IO;
	}
	ngi_entity_ctx_free(r.ent);
	ngi_text_ctx_free(r.text);
	for (size_t i = 0; i < r.n_files; i++)
		free(r.files[i]);
	free(r.files);
	free(r.m_lang);
	free(r.m_key);
	free(r.m_gold);
	return st;
}
