/*
 * eval_seeds_said.c: the who-said-what part of the "seeds DIR" suite
 * (eval_seeds.c ingests the seed articles; this file scores what the engine
 * stored against expected.json's "quotes", "claims" and "related_stories").
 *
 * Texts are compared on their words: lower-cased, every run of characters
 * that are not letters or digits one space, typographic quotes and
 * apostrophes dropped.
 *
 * Quotes (doc, speaker, text, and same_as for a translation). A gold quote
 * is found when a stored quote of its document shares at least half of the
 * gold quote's words (as a multiset) and at least half of its own words
 * with it, or one text holds the other whole; it has the right speaker when
 * the stored speaker's name (or, failing a name, the words naming the
 * speaker) holds the gold speaker's surname. Metrics: quotes_gold,
 * quotes_found, quotes_speaker_right. A same_as pair is found when both
 * quotes are found in one quote group (quote_groups_found of
 * quote_groups_gold).
 *
 * Claims (claim, claimant "A; B", reported_in, denied_by, denial_in). The
 * stored claim that stands for a gold claim is the one whose claimant (or
 * the claimant words of one of its reports) shares at least two words, or
 * all of them when a gold claimant has fewer, with one of the gold
 * claimants, and that is reported in the most of the gold documents (then
 * the lower number). Metrics: claims_found (such a claim exists),
 * claim_reports_found of claim_reports_gold (gold documents among its
 * reports), claim_deniers_found of claim_deniers_gold (gold deniers with a
 * "deny" response to it, by name as for speakers), claim_denials_found of
 * claim_denials_gold (gold denial documents holding such a response), and
 * claims_complete (all of them for one gold claim).
 *
 * Related stories (stories: gold story indices): found when the stored
 * story of the first document of one shares a claim or a quote group with
 * that of the other (ng_related_stories_open's claims and quote_groups).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../base/json.h"
#include "eval.h"

#define MAX_WORDS 512

/* Lower-cased words of s into buf (space-separated, one trailing space
 * each); returns how many. */
static int words_of(const char *s, char *buf, size_t cap)
{
	size_t n = 0;
	int count = 0, in_word = 0;
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		int letter = isalnum(*p) || *p >= 0x80;
		/* typographic quotes and apostrophes: ’ ‘ “ ” „ « » */
		if (*p == 0xE2 && p[1] == 0x80 &&
		    (p[2] == 0x98 || p[2] == 0x99 || p[2] == 0x9C || p[2] == 0x9D ||
		     p[2] == 0x9E)) {
			p += 2;
			letter = 0;
		} else if (*p == 0xC2 && (p[1] == 0xAB || p[1] == 0xBB)) {
			p += 1;
			letter = 0;
		}
		if (letter) {
			if (n + 2 >= cap)
				break;
			buf[n++] = (char)tolower(*p);
			in_word = 1;
		} else if (in_word) {
			buf[n++] = ' ';
			in_word = 0;
			count++;
		}
	}
	if (in_word && n + 1 < cap) {
		buf[n++] = ' ';
		count++;
	}
	buf[n] = '\0';
	return count;
}

/* Words of a (space-terminated list) also in b, as a multiset. */
static int shared_words(const char *a, const char *b)
{
	char used[8192];
	size_t nb = strlen(b);
	if (nb >= sizeof used)
		nb = sizeof used - 1;
	memset(used, 0, nb + 1);
	int n = 0;
	for (const char *w = a; *w;) {
		const char *sp = strchr(w, ' ');
		size_t len = (size_t)(sp - w) + 1; /* with its space */
		for (const char *v = b; *v;) {
			const char *sv = strchr(v, ' ');
			size_t vlen = (size_t)(sv - v) + 1;
			size_t at = (size_t)(v - b);
			if (vlen == len && at < nb && !used[at] && !memcmp(v, w, len)) {
				used[at] = 1;
				n++;
				break;
			}
			v = sv + 1;
		}
		w = sp + 1;
	}
	return n;
}

static int texts_match(const char *gold, const char *pred)
{
	char g[8192], p[8192];
	int ng = words_of(gold, g, sizeof g), np = words_of(pred, p, sizeof p);
	if (!ng || !np)
		return 0;
	if (strstr(g, p) || strstr(p, g))
		return 1;
	int sh = shared_words(g, p);
	return 2 * sh >= ng && 2 * sh >= np;
}

/* The gold name's last word in the stored name. */
static int names_match(const char *gold, const char *name)
{
	char g[512], n[2048];
	if (!words_of(gold, g, sizeof g) || !words_of(name, n, sizeof n))
		return 0;
	size_t len = strlen(g);
	const char *last = g;
	for (size_t i = 0; i + 1 < len; i++)
		if (g[i] == ' ')
			last = g + i + 1;
	char pat[520];
	snprintf(pat, sizeof pat, " %s", last);
	char padded[2100];
	snprintf(padded, sizeof padded, " %s", n);
	return strstr(padded, pat) != NULL;
}

/* One gold claimant ("Bob Woodward", "US intelligence agencies") and a
 * stored one share two words, or all of the gold's when it has fewer. */
static int claimants_match(const char *gold, const char *stored)
{
	char g[512], s[2048];
	int ng = words_of(gold, g, sizeof g);
	if (!ng || !words_of(stored, s, sizeof s))
		return 0;
	int need = ng < 2 ? ng : 2;
	return shared_words(g, s) >= need;
}

static int any_claimant_matches(const char *golds, const char *stored)
{
	char one[512];
	for (const char *p = golds; p && *p;) {
		const char *semi = strchr(p, ';');
		size_t n = semi ? (size_t)(semi - p) : strlen(p);
		if (n >= sizeof one)
			n = sizeof one - 1;
		memcpy(one, p, n);
		one[n] = '\0';
		if (claimants_match(one, stored))
			return 1;
		p += n + (semi ? 1 : 0);
	}
	return 0;
}

typedef struct said_ctx {
	ng_engine *e;
	const char *const *keys, *const *ids;
	size_t n;
	ngi_eval_report *rep;
} said_ctx;

static const char *id_of(const said_ctx *x, const char *key)
{
	for (size_t i = 0; key && i < x->n; i++)
		if (!strcmp(x->keys[i], key))
			return x->ids[i];
	return NULL;
}

/* The first stored quote of doc matching text: its group (0 none) and
 * whether its speaker is right; 0 when none matches. */
static ng_status find_quote(said_ctx *x, const char *doc, const char *text,
			    const char *speaker, int *found, int *right,
			    long long *group)
{
	*found = *right = 0;
	*group = 0;
	const char *id = id_of(x, doc);
	if (!id)
		return NG_OK;
	ng_cursor *c;
	ng_status st = ng_article_quotes_open(x->e, id, &c);
	if (st == NG_ERR_NOTFOUND)
		return NG_OK;
	if (st)
		return st;
	while ((st = ng_cursor_step(c)) == NG_ROW) {
		if (!texts_match(text, ng_cursor_column_text(c, 7)))
			continue;
		const char *name = ng_cursor_column_text(c, 8);
		const char *as_written = ng_cursor_column_text(c, 9);
		int ok = name ? names_match(speaker, name)
			      : as_written && names_match(speaker, as_written);
		/* the best of the matching quotes: a right speaker first */
		if (!*found || (ok && !*right)) {
			*found = 1;
			*right = ok;
			*group = ng_cursor_column_int64(c, 11);
		}
	}
	ng_cursor_close(c);
	return st == NG_DONE ? NG_OK : st;
}

static ng_status score_quotes(said_ctx *x, const ngi_json *gold)
{
	const ngi_json *quotes = ngi_json_get(gold, "quotes");
	long long total = 0, found = 0, right = 0, pairs = 0, pairs_found = 0;
	ng_status st = NG_OK;
	for (const ngi_json *q = quotes && quotes->type == NGI_JSON_ARRAY
				      ? quotes->child : NULL;
	     q && !st; q = q->next) {
		const char *doc = ngi_json_get_str(q, "doc");
		const char *text = ngi_json_get_str(q, "text");
		const char *speaker = ngi_json_get_str(q, "speaker");
		if (!doc || !text || !speaker)
			continue;
		int f, r;
		long long g;
		total++;
		if ((st = find_quote(x, doc, text, speaker, &f, &r, &g)))
			break;
		found += f;
		right += f && r;
		const ngi_json *same = ngi_json_get(q, "same_as");
		if (same && same->type == NGI_JSON_OBJECT) {
			int f2, r2;
			long long g2;
			pairs++;
			st = find_quote(x, ngi_json_get_str(same, "doc"),
					ngi_json_get_str(same, "text"), speaker, &f2, &r2, &g2);
			pairs_found += f && f2 && g && g == g2;
		}
	}
	ngi_eval_count(x->rep, "quotes_gold", total);
	ngi_eval_count(x->rep, "quotes_found", found);
	ngi_eval_count(x->rep, "quotes_speaker_right", right);
	ngi_eval_count(x->rep, "quote_groups_gold", pairs);
	ngi_eval_count(x->rep, "quote_groups_found", pairs_found);
	return st;
}

/* Whether doc's article is among the reports of claim (ids in c's rows). */
static int in_list(const char *const *list, size_t n, const char *id)
{
	for (size_t i = 0; id && i < n; i++)
		if (!strcmp(list[i], id))
			return 1;
	return 0;
}

typedef struct claim_view {
	long long id;
	char **reports;      /* article ids */
	size_t n_reports;
	int claimant_ok;
} claim_view;

static void claim_view_free(claim_view *v)
{
	for (size_t i = 0; i < v->n_reports; i++)
		free(v->reports[i]);
	free(v->reports);
	memset(v, 0, sizeof *v);
}

/* The stored claim c (claimant stored) against the gold claimants. */
static ng_status view_claim(said_ctx *x, long long id, const char *claimant,
			    const char *golds, claim_view *v)
{
	v->id = id;
	v->claimant_ok = claimant && any_claimant_matches(golds, claimant);
	ng_cursor *r;
	ng_status st = ng_claim_reports_open(x->e, id, &r);
	if (st)
		return st;
	while ((st = ng_cursor_step(r)) == NG_ROW) {
		const char *as_written = ng_cursor_column_text(r, 3);
		if (as_written && any_claimant_matches(golds, as_written))
			v->claimant_ok = 1;
		const char *art = ng_cursor_column_text(r, 0);
		if (in_list((const char *const *)v->reports, v->n_reports, art))
			continue;
		char **grown = realloc(v->reports, (v->n_reports + 1) * sizeof *grown);
		if (!grown || !(grown[v->n_reports] = strdup(art))) {
			if (grown)
				v->reports = grown;
			st = NG_ERR_NOMEM;
			break;
		}
		v->reports = grown;
		v->n_reports++;
	}
	ng_cursor_close(r);
	return st == NG_DONE ? NG_OK : st;
}

static int gold_count_in(said_ctx *x, const ngi_json *docs, const claim_view *v)
{
	int n = 0;
	for (const ngi_json *d = docs && docs->type == NGI_JSON_ARRAY ? docs->child
								     : NULL;
	     d; d = d->next)
		n += d->type == NGI_JSON_STRING &&
		     in_list((const char *const *)v->reports, v->n_reports,
			     id_of(x, d->str));
	return n;
}

static int array_len(const ngi_json *a)
{
	int n = 0;
	for (const ngi_json *d = a && a->type == NGI_JSON_ARRAY ? a->child : NULL; d;
	     d = d->next)
		n++;
	return n;
}

/* Gold deniers and denial documents with a "deny" response to claim. */
static ng_status score_denials(said_ctx *x, long long claim, const ngi_json *g,
			       long long *deniers, long long *docs)
{
	const ngi_json *by = ngi_json_get(g, "denied_by");
	const ngi_json *in = ngi_json_get(g, "denial_in");
	*deniers = *docs = 0;
	for (const ngi_json *d = by && by->type == NGI_JSON_ARRAY ? by->child : NULL;
	     d; d = d->next) {
		ng_cursor *r;
		ng_status st = ng_claim_responses_open(x->e, claim, &r);
		if (st)
			return st;
		int hit = 0;
		while ((st = ng_cursor_step(r)) == NG_ROW && !hit) {
			const char *who = ng_cursor_column_text(r, 3);
			if (!who)
				who = ng_cursor_column_text(r, 5);
			hit = !strcmp(ng_cursor_column_text(r, 2), "deny") &&
			      who && d->type == NGI_JSON_STRING && names_match(d->str, who);
		}
		ng_cursor_close(r);
		if (st != NG_DONE && st != NG_ROW)
			return st;
		*deniers += hit;
	}
	for (const ngi_json *d = in && in->type == NGI_JSON_ARRAY ? in->child : NULL;
	     d; d = d->next) {
		const char *id = d->type == NGI_JSON_STRING ? id_of(x, d->str) : NULL;
		ng_cursor *r;
		ng_status st = ng_claim_responses_open(x->e, claim, &r);
		if (st)
			return st;
		int hit = 0;
		while ((st = ng_cursor_step(r)) == NG_ROW && !hit)
			hit = id && !strcmp(ng_cursor_column_text(r, 0), id) &&
			      !strcmp(ng_cursor_column_text(r, 2), "deny");
		ng_cursor_close(r);
		if (st != NG_DONE && st != NG_ROW)
			return st;
		*docs += hit;
	}
	return NG_OK;
}

static ng_status score_claims(said_ctx *x, const ngi_json *gold)
{
	const ngi_json *claims = ngi_json_get(gold, "claims");
	long long total = 0, found = 0, reports_gold = 0, reports_found = 0;
	long long deniers_gold = 0, deniers_found = 0, denials_gold = 0;
	long long denials_found = 0, complete = 0;
	ng_status st = NG_OK;
	for (const ngi_json *g = claims && claims->type == NGI_JSON_ARRAY
				     ? claims->child : NULL;
	     g && !st; g = g->next) {
		const char *golds = ngi_json_get_str(g, "claimant");
		const ngi_json *reported = ngi_json_get(g, "reported_in");
		total++;
		reports_gold += array_len(reported);
		deniers_gold += array_len(ngi_json_get(g, "denied_by"));
		denials_gold += array_len(ngi_json_get(g, "denial_in"));
		ng_cursor *c;
		if ((st = ng_claims_open(x->e, NULL, &c)))
			break;
		claim_view best = {0};
		int best_n = -1;
		while (!st && (st = ng_cursor_step(c)) == NG_ROW) {
			claim_view v = {0};
			st = view_claim(x, ng_cursor_column_int64(c, 0),
					ng_cursor_column_text(c, 3), golds, &v);
			int n = v.claimant_ok ? gold_count_in(x, reported, &v) : -1;
			if (!st && v.claimant_ok && n > best_n) {
				claim_view_free(&best);
				best = v;
				best_n = n;
			} else {
				claim_view_free(&v);
			}
		}
		ng_cursor_close(c);
		if (st != NG_DONE)
			break;
		st = NG_OK;
		if (best_n >= 0) {
			long long dn = 0, dd = 0;
			found++;
			reports_found += best_n;
			st = score_denials(x, best.id, g, &dn, &dd);
			deniers_found += dn;
			denials_found += dd;
			complete += best_n == array_len(reported) &&
				    dn == array_len(ngi_json_get(g, "denied_by")) &&
				    dd == array_len(ngi_json_get(g, "denial_in"));
		}
		claim_view_free(&best);
	}
	ngi_eval_count(x->rep, "claims_gold", total);
	ngi_eval_count(x->rep, "claims_found", found);
	ngi_eval_count(x->rep, "claims_complete", complete);
	ngi_eval_count(x->rep, "claim_reports_gold", reports_gold);
	ngi_eval_count(x->rep, "claim_reports_found", reports_found);
	ngi_eval_count(x->rep, "claim_deniers_gold", deniers_gold);
	ngi_eval_count(x->rep, "claim_deniers_found", deniers_found);
	ngi_eval_count(x->rep, "claim_denials_gold", denials_gold);
	ngi_eval_count(x->rep, "claim_denials_found", denials_found);
	return st;
}

/* The stored story of the first document of gold story index i. */
static long long story_of_gold(said_ctx *x, const ngi_json *gold, long long i)
{
	const ngi_json *stories = ngi_json_get(gold, "stories");
	long long k = 0;
	for (const ngi_json *s = stories && stories->type == NGI_JSON_ARRAY
				     ? stories->child : NULL;
	     s; s = s->next, k++) {
		if (k != i)
			continue;
		const ngi_json *docs = ngi_json_get(s, "docs");
		const ngi_json *d = docs && docs->type == NGI_JSON_ARRAY ? docs->child
									: NULL;
		long long story;
		const char *id = d && d->type == NGI_JSON_STRING ? id_of(x, d->str)
								 : NULL;
		if (id && ng_article_story(x->e, id, &story) == NG_OK)
			return story;
	}
	return 0;
}

static ng_status score_related(said_ctx *x, const ngi_json *gold)
{
	const ngi_json *rel = ngi_json_get(gold, "related_stories");
	long long total = 0, found = 0;
	for (const ngi_json *r = rel && rel->type == NGI_JSON_ARRAY ? rel->child
								   : NULL;
	     r; r = r->next) {
		const ngi_json *pair = ngi_json_get(r, "stories");
		if (!pair || pair->type != NGI_JSON_ARRAY || !pair->child ||
		    !pair->child->next)
			continue;
		total++;
		long long a = story_of_gold(x, gold, (long long)pair->child->number);
		long long b = story_of_gold(x, gold, (long long)pair->child->next->number);
		if (!a || !b || a == b)
			continue;
		ng_cursor *c;
		ng_status st = ng_related_stories_open(x->e, a, &c);
		if (st == NG_ERR_NOTFOUND)
			continue;
		if (st)
			return st;
		int hit = 0;
		while ((st = ng_cursor_step(c)) == NG_ROW)
			hit |= ng_cursor_column_int64(c, 0) == b &&
			       (ng_cursor_column_int64(c, 5) > 0 ||
				ng_cursor_column_int64(c, 6) > 0);
		ng_cursor_close(c);
		if (st != NG_DONE)
			return st;
		found += hit;
	}
	ngi_eval_count(x->rep, "threads_gold", total);
	ngi_eval_count(x->rep, "threads_found", found);
	return NG_OK;
}

ng_status ngi_seeds_score_said(ng_engine *e, const ngi_json *gold,
			       const char *const *keys, const char *const *ids,
			       size_t n, ngi_eval_report *rep)
{
	said_ctx x = {e, keys, ids, n, rep};
	ng_status st = score_quotes(&x, gold);
	if (!st)
		st = score_claims(&x, gold);
	if (!st)
		st = score_related(&x, gold);
	return st;
}
