/*
 * features.c: one record's text -> the features linking and reports need.
 *
 * Pure per document (safe to run on any worker thread): language, counts,
 * content hash, MinHash signature, term bag, verbatim anchors and the
 * sentence sketch (reuse evidence), a headline for story listings, the
 * entity mentions (src/extract/entities.h) and the dates of the text
 * (src/extract/dates.h) anchored on the publication date, which is inferred
 * here when the record has none (src/extract/pubdate_infer.h), and
 * the outlets the text credits (src/extract/credits.h), and who said what
 * (quotes, claims, responses: said_features.c). The body's language
 * is the title's too.
 */
#include "engine.h"
#include "../sketch/pivot_terms.h"

#include <stdlib.h>
#include <string.h>

#include "../extract/pubdate_infer.h"
#include "../base/utf8.h"

#define NGI_HEADLINE_MAX 160

/* The lead: the first three sentences carry the event (who, what, where);
 * their words count NGI_LEAD_EXTRA more times in the term bag, so two
 * reports of one event meet on it even when their backgrounds drift apart.
 * The numbers were chosen on FNC-1 (docs/QUALITY.md, "Figures moved out
 * of the code"). */
#define NGI_LEAD_SENTENCES 3
#define NGI_LEAD_EXTRA 4

/* English stems a word of a short item (src/link/link.h: a headline, a
 * blurb) takes from the dictionary, against the pivot bag's usual 2: its
 * few words must meet the one English wording of the same event, and
 * another sense costs a bag of ten words little, where it adds noise to a
 * bag of hundreds. For the same reason a short item's capitalised words
 * that the dictionary does not know count as the English stem of the same
 * spelling too (ngi_pivot_options.unknown_stems: headlines open on names,
 * "Kudlow: ..."). Judged on both halves of the WMT21 titles, each in file
 * order and three shuffled orders (docs/CROSSLINGUAL.md). */
#define NGI_SHORT_ITEM_TARGETS 3

/* The first sentence, cut on a code point boundary. */
static const char *lead_of(const ngi_doc *d, ngi_arena *keep)
{
	if (d->n_sentences == 0)
		return NULL;
	const ngi_sentence *s = &d->sentences[0];
	size_t start = s->start, end = s->end;
	while (start < end && (d->text[start] == ' ' || d->text[start] == '\n'))
		start++;
	size_t n = end - start;
	int cut = 0;
	if (n > NGI_HEADLINE_MAX) {
		n = NGI_HEADLINE_MAX;
		while (n > 0 && ((unsigned char)d->text[start + n] & 0xC0) == 0x80)
			n--;
		cut = 1;
	}
	while (n > 0 && (d->text[start + n - 1] == ' ' || d->text[start + n - 1] == '\n'))
		n--;
	char *h = ngi_arena_alloc(keep, n + 4);
	if (!h)
		return NULL;
	memcpy(h, d->text + start, n);
	for (size_t i = 0; i < n; i++)
		if (h[i] == '\n' || h[i] == '\r' || h[i] == '\t')
			h[i] = ' ';
	if (cut)
		memcpy(h + n, "\xe2\x80\xa6", 3), n += 3; /* … */
	h[n] = '\0';
	return h;
}

ng_status ngi_worker_init(ngi_worker *w)
{
	memset(w, 0, sizeof *w);
	ngi_arena_init(&w->scratch, 1 << 20);
	ng_status st = ngi_text_ctx_new(&w->text);
	if (!st)
		st = ngi_entity_ctx_new(&w->entities);
	return st;
}

void ngi_worker_free(ngi_worker *w)
{
	ngi_text_ctx_free(w->text);
	ngi_entity_ctx_free(w->entities);
	ngi_arena_free(&w->scratch);
	memset(w, 0, sizeof *w);
}

/* The publication date of in, after inference (src/extract/pubdate_infer.h),
 * into out's published, published_source, day, time and confidence. */
static void infer_pubdate(const ngi_doc_in *in, const ngi_timex *tx, size_t n,
			  const char *lang, ngi_arena *scratch, ngi_features *out)
{
	ngi_pubdate_given given = {.published = in->published,
				   .source = in->published_source,
				   .has_day = in->day != NGI_DAY_UNKNOWN,
				   .day = in->day};
	ngi_pubdate_inferred p;
	ngi_pubdate_infer(&given, tx, n, in->text, in->len, lang, scratch, &p);
	memcpy(out->published, p.published, sizeof out->published);
	out->published_source = p.source;
	out->day = p.has_day ? p.day : NGI_DAY_UNKNOWN;
	out->time = p.has_time ? p.time : NGI_TIME_UNKNOWN;
	out->published_confidence = p.confidence;
}

/* Entities, the publication date and the dates of the body. The dates are
 * first found without an anchor (the evidence for inference); when the
 * inference gives a day they are found again, anchored on it, from the same
 * tokens (ngi_dates_prepare: the text is tokenised once). */
static ng_status extract(ngi_worker *w, ngi_arena *keep, const ngi_doc_in *in,
			 const ngi_doc *body, ngi_features *out)
{
	ng_status st = ngi_entities_find(w->entities, body, keep, &out->mentions,
					 &out->n_mentions);
	if (st)
		return st;
	if (in->published && in->day != NGI_DAY_UNKNOWN) {
		infer_pubdate(in, NULL, 0, body->lang, &w->scratch, out);
		return ngi_dates_find(in->text, in->len, body->lang, body, out->day,
				      keep, &out->timexes, &out->n_timexes);
	}
	ngi_timex *tx = NULL;
	size_t n = 0;
	ngi_dates_text *dt = NULL;
	if ((st = ngi_dates_prepare(in->text, in->len, body->lang, body,
				    &w->scratch, &dt)) ||
	    (st = ngi_dates_tag(dt, NGI_DATES_NO_ANCHOR, &w->scratch, &tx, &n)))
		return st;
	infer_pubdate(in, tx, n, body->lang, &w->scratch, out);
	if (out->day == NGI_DAY_UNKNOWN) {
		out->timexes = n ? ngi_arena_alloc(keep, n * sizeof *tx) : NULL;
		if (n && !out->timexes)
			return NG_ERR_NOMEM;
		if (n)
			memcpy(out->timexes, tx, n * sizeof *tx);
		out->n_timexes = n;
		return NG_OK;
	}
	return ngi_dates_tag(dt, out->day, keep, &out->timexes, &out->n_timexes);
}

ng_status ngi_features_compute(ngi_worker *w, ngi_arena *keep,
			       const ngi_doc_in *in, ngi_features *out)
{
	memset(out, 0, sizeof *out);
	ngi_text_ctx *tc = w->text;
	ngi_arena *scratch = &w->scratch;
	const char *title = in->title, *text = in->text, *lang_hint = in->lang_hint;
	size_t len = in->len;
	ngi_doc body, head;
	ng_status st = ngi_text_analyze(tc, text, len, lang_hint, scratch, &body);
	if (st)
		return st;
	int has_title = title && *title;
	if (has_title) {
		st = ngi_text_analyze(tc, title, strlen(title), body.lang, scratch,
				      &head);
		if (st)
			return st;
	}
	memcpy(out->lang, body.lang, sizeof out->lang);
	out->lang_reliable = body.lang_reliable;
	out->lang_percent = body.lang_percent;
	out->n_words = (long long)body.n_words;
	out->n_sentences = (long long)body.n_sentences;
	out->n_tokens = (long long)body.n_tokens;
	out->n_chars = (long long)ngi_utf8_count(text, len);
	out->content_hash = ngi_content_hash(&body);
	out->has_minhash = ngi_minhash(&body, out->minhash) > 0;
	st = ngi_terms(&body, has_title ? &head : NULL, NGI_TITLE_WEIGHT,
		       NGI_LEAD_SENTENCES, NGI_LEAD_EXTRA, keep, &out->terms,
		       &out->n_terms);
	if (st)
		return st;
	out->headline = has_title ? ngi_arena_strdup(keep, title) : lead_of(&body, keep);
	if (has_title && !out->headline)
		return NG_ERR_NOMEM;
	/* reuse evidence: anchors, the sentence sketch and its stored form */
	if ((st = ngi_anchors_build(&body, keep, &out->anchors)) ||
	    (st = ngi_text_sketch_build(&body, &out->anchors, keep, &out->sketch)))
		return st;
	out->sketch_len = ngi_text_sketch_size(&out->sketch);
	out->sketch_blob = ngi_arena_alloc(keep, out->sketch_len);
	if (!out->sketch_blob)
		return NG_ERR_NOMEM;
	ngi_text_sketch_write(&out->sketch, out->sketch_blob);
	if ((st = extract(w, keep, in, &body, out)) ||
	    (st = ngi_said_features(w, keep, &body, out)))
		return st;
	/* credit lines: which other outlets the article names as its source */
	out->outlet_key = ngi_outlet_key(in->outlet);
	out->n_credits = ngi_credits_find(text, len, title, out->outlet_key,
					  out->credits, NGI_CREDITS_MAX);
	/* Articles in other languages than English cluster on their pivot bag:
	 * English stems through the FreeDict table, entity keys, numbers, and
	 * the English display names of their entities. The English bag hashes
	 * its stems, names and numbers the same way, so the two meet. */
	if (strcmp(body.lang, "en") != 0 && strcmp(body.lang, "und") != 0) {
		ngi_term *pt;
		uint32_t npt;
		ngi_pivot_options po;
		ngi_pivot_options_init(&po);
		po.entity_names = 1; /* English bags have names, no keys */
		if (ngi_link_short_item(out->n_words, out->n_sentences)) {
			po.max_targets = NGI_SHORT_ITEM_TARGETS;
			po.unknown_stems = 1;
		}
		if ((st = ngi_pivot_terms(&body, out->mentions, out->n_mentions,
					  has_title ? &head : NULL, NULL, 0, &po, keep,
					  &pt, &npt)))
			return st;
		out->terms = pt;
		out->n_terms = npt;
	}
	return NG_OK;
}
