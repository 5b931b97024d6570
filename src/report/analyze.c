/*
 * analyze.c: per-document features without a database.
 *
 * `newsgraph analyze` reads like ingest and prints, for each document, one
 * JSON object with what the per-document stages found (schema in
 * docs/EXPORT.md): language, counts, the publication date with where it
 * came from and how sure it is, entity mentions, dates, the outlets the
 * text credits, and its quotes, claims and responses (without the quote
 * groups and claim numbers, which need a database).
 */
#include "../base/sized.h"
#include "../engine/engine.h"
#include "../extract/pubdate.h"

typedef struct analyze_ctx {
	ngi_worker w;
	ngi_arena keep;
	const char *override;      /* normalised --published, or NULL */
	int32_t override_day;
	FILE *out;
	ngi_buf line;
	ngi_diag_sink *diag;
	long long failed;
} analyze_ctx;

/* "entities": [{"start","end","text","type","key","name"}], offsets in
 * code points. */
ng_status ngi_report_mentions_json(ngi_buf *b, const ngi_mention *m, size_t n)
{
	ng_status st = ngi_buf_puts(b, ",\"entities\":[");
	for (size_t i = 0; i < n && !st; i++) {
		st = ngi_buf_printf(b, "%s{\"start\":%u,\"end\":%u,\"text\":",
				    i ? "," : "", m[i].cp_start, m[i].cp_end);
		if (!st) st = ngi_buf_json_str(b, m[i].surface);
		if (!st) st = ngi_buf_printf(b, ",\"type\":\"%s\",\"key\":",
					     ngi_entity_type_word(m[i].type));
		if (!st) st = ngi_buf_json_str(b, m[i].key);
		if (!st) st = ngi_buf_puts(b, ",\"name\":");
		if (!st) st = ngi_buf_json_str(b, m[i].name ? m[i].name : m[i].surface);
		if (!st) st = ngi_buf_putc(b, '}');
	}
	return st ? st : ngi_buf_putc(b, ']');
}

/* "dates": [{"start","end","text","value","type","granularity","anchor"}]. */
ng_status ngi_report_timexes_json(ngi_buf *b, const char *text,
				  const ngi_timex *t, size_t n)
{
	ng_status st = ngi_buf_puts(b, ",\"dates\":[");
	for (size_t i = 0; i < n && !st; i++) {
		st = ngi_buf_printf(b, "%s{\"start\":%u,\"end\":%u,\"text\":",
				    i ? "," : "", t[i].cp_start, t[i].cp_end);
		if (!st) st = ngi_buf_json_strn(b, text + t[i].start, t[i].end - t[i].start);
		if (!st) st = ngi_buf_puts(b, ",\"value\":");
		if (!st) st = ngi_buf_json_str(b, t[i].value);
		if (!st) st = ngi_buf_printf(b, ",\"type\":\"%s\",\"granularity\":",
					     t[i].type);
		if (!st) st = ngi_buf_json_str(b, ngi_timex_gran_name(t[i].granularity));
		if (!st) st = ngi_buf_printf(b, ",\"anchor\":\"%s\"}",
					     ngi_timex_anchor_name(t[i].anchor));
	}
	return st ? st : ngi_buf_putc(b, ']');
}

/* "quotes": [{"text","start","end","direct","speaker":{"name",
 * "as_written","key"},"group"}] (offsets in code points; no groups
 * without a database), "claims" and "responses" likewise. */
static ng_status said_json(ngi_buf *b, const char *text, const ngi_features *f)
{
	ng_status st = ngi_buf_puts(b, ",\"quotes\":[");
	for (size_t i = 0; i < f->n_quotes && !st; i++) {
		const ngi_quote *q = &f->quotes[i];
		const ngi_mention *m = q->speaker >= 0 && (size_t)q->speaker < f->n_mentions
			? &f->mentions[q->speaker] : NULL;
		st = ngi_buf_printf(b, "%s{\"text\":", i ? "," : "");
		if (!st) st = ngi_buf_json_strn(b, text + q->start, q->end - q->start);
		if (!st) st = ngi_buf_printf(b, ",\"start\":%u,\"end\":%u,\"direct\":%s,"
					     "\"speaker\":{\"name\":", q->cp_start, q->cp_end,
					     q->direct ? "true" : "false");
		if (!st) st = ngi_buf_json_str(b, m ? m->name : NULL);
		if (!st) st = ngi_buf_puts(b, ",\"as_written\":");
		if (!st) st = q->as_written_end > q->as_written_start
			? ngi_buf_json_strn(b, text + q->as_written_start,
					    q->as_written_end - q->as_written_start)
			: ngi_buf_puts(b, "null");
		if (!st) st = ngi_buf_puts(b, ",\"key\":");
		if (!st) st = ngi_buf_json_str(b, m ? m->key : NULL);
		if (!st) st = ngi_buf_puts(b, "},\"group\":null}");
	}
	if (!st) st = ngi_buf_puts(b, "],\"claims\":[");
	for (size_t i = 0; i < f->claims.n_claims && !st; i++) {
		const ngi_claim *c = &f->claims.claims[i];
		const ngi_mention *m = c->claimant >= 0 && (size_t)c->claimant < f->n_mentions
			? &f->mentions[c->claimant] : NULL;
		st = ngi_buf_printf(b, "%s{\"text\":", i ? "," : "");
		if (!st) st = ngi_buf_json_strn(b, text + c->start, c->end - c->start);
		if (!st) st = ngi_buf_printf(b, ",\"start\":%u,\"end\":%u,\"claimant\":",
					     c->cp_start, c->cp_end);
		if (!st) st = m ? ngi_buf_json_str(b, m->name)
				: c->claimant_end > c->claimant_start
				? ngi_buf_json_strn(b, text + c->claimant_start,
						    c->claimant_end - c->claimant_start)
				: ngi_buf_puts(b, "null");
		if (!st) st = ngi_buf_putc(b, '}');
	}
	if (!st) st = ngi_buf_puts(b, "],\"responses\":[");
	for (size_t i = 0; i < f->claims.n_responses && !st; i++) {
		const ngi_response *r = &f->claims.responses[i];
		const ngi_mention *m = r->responder >= 0 && (size_t)r->responder < f->n_mentions
			? &f->mentions[r->responder] : NULL;
		static const char *const stances[] = {"respond", "deny", "confirm",
						      "no_comment"};
		st = ngi_buf_printf(b, "%s{\"stance\":\"%s\",\"by\":", i ? "," : "",
				    stances[r->stance < 4 ? r->stance : 0]);
		if (!st) st = ngi_buf_json_str(b, m ? m->name : NULL);
		if (!st) st = ngi_buf_printf(b, ",\"claim\":%d,\"evidence\":", r->claim);
		if (!st) st = ngi_buf_json_strn(b, text + r->start, r->end - r->start);
		if (!st) st = ngi_buf_putc(b, '}');
	}
	return st ? st : ngi_buf_putc(b, ']');
}

/* "credits": [{"outlet","pattern","text","in"}]: the canonical outlet
 * name, the pattern that found it, the matched text and "text" or "title". */
static ng_status credits_json(ngi_buf *b, const char *text, const char *title,
			      const ngi_credit *c, int n)
{
	ng_status st = ngi_buf_puts(b, ",\"credits\":[");
	for (int i = 0; i < n && !st; i++) {
		const char *s = c[i].in_title ? title : text;
		st = ngi_buf_printf(b, "%s{\"outlet\":", i ? "," : "");
		if (!st) st = ngi_buf_json_str(b, c[i].name);
		if (!st) st = ngi_buf_printf(b, ",\"pattern\":\"%s\",\"text\":",
					     ngi_credit_pattern_name(c[i].pattern));
		if (!st) st = ngi_buf_json_strn(b, s + c[i].start, c[i].end - c[i].start);
		if (!st) st = ngi_buf_printf(b, ",\"in\":\"%s\"}",
					     c[i].in_title ? "title" : "text");
	}
	return st ? st : ngi_buf_putc(b, ']');
}

static ng_status one(void *arg, const ngi_record *r)
{
	analyze_ctx *c = arg;
	ngi_doc_in in = {r->title, r->text, r->text_len, r->lang, NULL,
			 NGI_PUB_NONE, NGI_DAY_UNKNOWN, r->outlet};
	char iso[NGI_PUBDATE_LEN];
	if (c->override) {
		in.published = c->override;
		in.published_source = NGI_PUB_OVERRIDE;
		in.day = c->override_day;
	} else if (r->published && ngi_pubdate_normalize(r->published, iso, &in.day)) {
		in.published = iso;
		in.published_source = r->published_source;
	}
	ngi_features f;
	ng_status st = ngi_features_compute(&c->w, &c->keep, &in, &f);
	if (st) {
		ngi_diag(c->diag, NG_DIAG_ERROR, r->source, r->record_no, r->offset,
			 "analysis failed: %s", ng_status_str(st));
		c->failed++;
		ngi_arena_reset(&c->w.scratch);
		ngi_arena_reset(&c->keep);
		return st == NG_ERR_NOMEM ? st : NG_OK;
	}
	const char *published = f.published[0] ? f.published : NULL;
	const char *source = published ? ngi_pub_source_name(f.published_source) : NULL;
	ngi_buf *b = &c->line;
	ngi_buf_clear(b);
	st = ngi_buf_puts(b, "{\"id\":");
	if (!st) st = ngi_buf_json_str(b, r->id);
	if (!st) st = ngi_buf_puts(b, ",\"source\":");
	if (!st) st = ngi_buf_json_str(b, r->source);
	if (!st) st = ngi_buf_printf(b, ",\"record\":%lld,\"title\":", r->record_no);
	if (!st) st = ngi_buf_json_str(b, r->title);
	if (!st) st = ngi_buf_printf(b, ",\"lang\":\"%s\",\"lang_reliable\":%s,"
				     "\"lang_percent\":%d,\"published\":",
				     f.lang, f.lang_reliable ? "true" : "false",
				     f.lang_percent);
	if (!st) st = ngi_buf_json_str(b, published);
	if (!st) st = ngi_buf_puts(b, ",\"published_source\":");
	if (!st) st = ngi_buf_json_str(b, source);
	if (!st) st = ngi_buf_printf(b, ",\"published_confidence\":%.2f",
				     f.published_confidence);
	if (!st) st = ngi_buf_puts(b, ",\"outlet\":");
	if (!st) st = ngi_buf_json_str(b, r->outlet);
	if (!st) st = ngi_buf_puts(b, ",\"url\":");
	if (!st) st = ngi_buf_json_str(b, r->url);
	if (!st) st = ngi_buf_printf(b, ",\"chars\":%lld,\"tokens\":%lld,\"words\":%lld,"
				     "\"sentences\":%lld,\"invalid_utf8\":%zu,"
				     "\"content_hash\":\"%016llx\"",
				     f.n_chars, f.n_tokens, f.n_words, f.n_sentences,
				     r->invalid_utf8, (unsigned long long)f.content_hash);
	if (!st) st = ngi_report_mentions_json(b, f.mentions, f.n_mentions);
	if (!st) st = ngi_report_timexes_json(b, r->text, f.timexes, f.n_timexes);
	if (!st) st = credits_json(b, r->text, r->title, f.credits, f.n_credits);
	if (!st) st = said_json(b, r->text, &f);
	if (!st) st = ngi_buf_puts(b, "}\n");
	if (!st && ng_write_file(c->out, b->data, b->len))
		st = NG_ERR_IO;
	ngi_arena_reset(&c->w.scratch);
	ngi_arena_reset(&c->keep);
	return st;
}

ng_status ng_analyze_path(const char *path, const ng_analyze_options *opt,
			  FILE *out, long long *failed_out)
{
	ng_analyze_options own = NG_ANALYZE_OPTIONS_INIT;
	if (opt && ngi_sized_in(&own, sizeof own, opt, NGI_ANALYZE_OPTIONS_BASE))
		return NG_ERR_USAGE;
	opt = &own;
	ngi_diag_sink diag = {opt ? opt->on_diag : NULL, opt ? opt->diag_ctx : NULL, 0, 0};
	analyze_ctx c = {0};
	c.out = out;
	c.diag = &diag;
	char iso[NGI_PUBDATE_LEN];
	if (opt && opt->published) {
		if (!ngi_pubdate_normalize(opt->published, iso, &c.override_day)) {
			ngi_diag(&diag, NG_DIAG_ERROR, NULL, 0, -1,
				 "--published \"%s\" is not a date (use YYYY-MM-DD)",
				 opt->published);
			return NG_ERR_USAGE;
		}
		c.override = iso;
	}
	ng_status st = ngi_worker_init(&c.w);
	if (st) {
		ngi_worker_free(&c.w);
		return st;
	}
	ngi_arena_init(&c.keep, 64 << 10);
	ngi_buf_init(&c.line, 0);
	ngi_read_stats rs = {0};
	st = ngi_read_path(path, one, &c, &diag, &rs);
	ngi_buf_free(&c.line);
	ngi_arena_free(&c.keep);
	ngi_worker_free(&c.w);
	if (failed_out)
		*failed_out += rs.failed + c.failed;
	if (!st && c.failed)
		st = NG_ERR_INPUT;
	return st;
}
