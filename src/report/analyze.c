/*
 * analyze.c: per-document features without a database.
 *
 * `newsgraph analyze` reads like ingest and prints, for each document, one
 * JSON object with what the per-document stages found (schema in
 * docs/EXPORT.md): language, counts, the publication date with where it
 * came from and how sure it is, entity mentions, dates and the outlets the
 * text credits. Later stages (quotes, claims) add their fields here.
 */
#include "../engine/engine.h"
#include "../extract/pubdate.h"

typedef struct analyze_ctx {
	ngx_worker w;
	ngx_arena keep;
	const char *override;      /* normalised --published, or NULL */
	int32_t override_day;
	FILE *out;
	ngx_buf line;
	ngx_diag_sink *diag;
	long long failed;
} analyze_ctx;

/* "entities": [{"start","end","text","type","key","name"}], offsets in
 * code points. */
ng_status ngx_report_mentions_json(ngx_buf *b, const ngx_mention *m, size_t n)
{
	ng_status st = ngx_buf_puts(b, ",\"entities\":[");
	for (size_t i = 0; i < n && !st; i++) {
		st = ngx_buf_printf(b, "%s{\"start\":%u,\"end\":%u,\"text\":",
				    i ? "," : "", m[i].cp_start, m[i].cp_end);
		if (!st) st = ngx_buf_json_str(b, m[i].surface);
		if (!st) st = ngx_buf_printf(b, ",\"type\":\"%s\",\"key\":",
					     ngx_entity_type_word(m[i].type));
		if (!st) st = ngx_buf_json_str(b, m[i].key);
		if (!st) st = ngx_buf_puts(b, ",\"name\":");
		if (!st) st = ngx_buf_json_str(b, m[i].name ? m[i].name : m[i].surface);
		if (!st) st = ngx_buf_putc(b, '}');
	}
	return st ? st : ngx_buf_putc(b, ']');
}

/* "dates": [{"start","end","text","value","type","granularity","anchor"}]. */
ng_status ngx_report_timexes_json(ngx_buf *b, const char *text,
				  const ngx_timex *t, size_t n)
{
	ng_status st = ngx_buf_puts(b, ",\"dates\":[");
	for (size_t i = 0; i < n && !st; i++) {
		st = ngx_buf_printf(b, "%s{\"start\":%u,\"end\":%u,\"text\":",
				    i ? "," : "", t[i].cp_start, t[i].cp_end);
		if (!st) st = ngx_buf_json_strn(b, text + t[i].start, t[i].end - t[i].start);
		if (!st) st = ngx_buf_puts(b, ",\"value\":");
		if (!st) st = ngx_buf_json_str(b, t[i].value);
		if (!st) st = ngx_buf_printf(b, ",\"type\":\"%s\",\"granularity\":",
					     t[i].type);
		if (!st) st = ngx_buf_json_str(b, ngx_timex_gran_name(t[i].granularity));
		if (!st) st = ngx_buf_printf(b, ",\"anchor\":\"%s\"}",
					     ngx_timex_anchor_name(t[i].anchor));
	}
	return st ? st : ngx_buf_putc(b, ']');
}

/* "credits": [{"outlet","pattern","text","in"}]: the canonical outlet
 * name, the pattern that found it, the matched text and "text" or "title". */
static ng_status credits_json(ngx_buf *b, const char *text, const char *title,
			      const ngx_credit *c, int n)
{
	ng_status st = ngx_buf_puts(b, ",\"credits\":[");
	for (int i = 0; i < n && !st; i++) {
		const char *s = c[i].in_title ? title : text;
		st = ngx_buf_printf(b, "%s{\"outlet\":", i ? "," : "");
		if (!st) st = ngx_buf_json_str(b, c[i].name);
		if (!st) st = ngx_buf_printf(b, ",\"pattern\":\"%s\",\"text\":",
					     ngx_credit_pattern_name(c[i].pattern));
		if (!st) st = ngx_buf_json_strn(b, s + c[i].start, c[i].end - c[i].start);
		if (!st) st = ngx_buf_printf(b, ",\"in\":\"%s\"}",
					     c[i].in_title ? "title" : "text");
	}
	return st ? st : ngx_buf_putc(b, ']');
}

static ng_status one(void *arg, const ngx_record *r)
{
	analyze_ctx *c = arg;
	ngx_doc_in in = {r->title, r->text, r->text_len, r->lang, NULL,
			 NGX_PUB_NONE, NGX_DAY_UNKNOWN, r->outlet};
	char iso[NGX_PUBDATE_LEN];
	if (c->override) {
		in.published = c->override;
		in.published_source = NGX_PUB_OVERRIDE;
		in.day = c->override_day;
	} else if (r->published && ngx_pubdate_normalize(r->published, iso, &in.day)) {
		in.published = iso;
		in.published_source = r->published_source;
	}
	ngx_features f;
	ng_status st = ngx_features_compute(&c->w, &c->keep, &in, &f);
	if (st) {
		ngx_diag(c->diag, NG_DIAG_ERROR, r->source, r->record_no, r->offset,
			 "analysis failed: %s", ng_status_str(st));
		c->failed++;
		ngx_arena_reset(&c->w.scratch);
		ngx_arena_reset(&c->keep);
		return st == NG_ERR_NOMEM ? st : NG_OK;
	}
	const char *published = f.published[0] ? f.published : NULL;
	const char *source = published ? ngx_pub_source_name(f.published_source) : NULL;
	ngx_buf *b = &c->line;
	ngx_buf_clear(b);
	st = ngx_buf_puts(b, "{\"id\":");
	if (!st) st = ngx_buf_json_str(b, r->id);
	if (!st) st = ngx_buf_puts(b, ",\"source\":");
	if (!st) st = ngx_buf_json_str(b, r->source);
	if (!st) st = ngx_buf_printf(b, ",\"record\":%lld,\"title\":", r->record_no);
	if (!st) st = ngx_buf_json_str(b, r->title);
	if (!st) st = ngx_buf_printf(b, ",\"lang\":\"%s\",\"lang_reliable\":%s,"
				     "\"lang_percent\":%d,\"published\":",
				     f.lang, f.lang_reliable ? "true" : "false",
				     f.lang_percent);
	if (!st) st = ngx_buf_json_str(b, published);
	if (!st) st = ngx_buf_puts(b, ",\"published_source\":");
	if (!st) st = ngx_buf_json_str(b, source);
	if (!st) st = ngx_buf_printf(b, ",\"published_confidence\":%.2f",
				     f.published_confidence);
	if (!st) st = ngx_buf_puts(b, ",\"outlet\":");
	if (!st) st = ngx_buf_json_str(b, r->outlet);
	if (!st) st = ngx_buf_puts(b, ",\"url\":");
	if (!st) st = ngx_buf_json_str(b, r->url);
	if (!st) st = ngx_buf_printf(b, ",\"chars\":%lld,\"tokens\":%lld,\"words\":%lld,"
				     "\"sentences\":%lld,\"invalid_utf8\":%zu,"
				     "\"content_hash\":\"%016llx\"",
				     f.n_chars, f.n_tokens, f.n_words, f.n_sentences,
				     r->invalid_utf8, (unsigned long long)f.content_hash);
	if (!st) st = ngx_report_mentions_json(b, f.mentions, f.n_mentions);
	if (!st) st = ngx_report_timexes_json(b, r->text, f.timexes, f.n_timexes);
	if (!st) st = credits_json(b, r->text, r->title, f.credits, f.n_credits);
	if (!st) st = ngx_buf_puts(b, "}\n");
	if (!st && fwrite(b->data, 1, b->len, c->out) != b->len)
		st = NG_ERR_IO;
	ngx_arena_reset(&c->w.scratch);
	ngx_arena_reset(&c->keep);
	return st;
}

ng_status ng_analyze_path(const char *path, const ng_analyze_options *opt,
			  FILE *out, long long *failed_out)
{
	ngx_diag_sink diag = {opt ? opt->on_diag : NULL, opt ? opt->diag_ctx : NULL, 0, 0};
	analyze_ctx c = {0};
	c.out = out;
	c.diag = &diag;
	char iso[NGX_PUBDATE_LEN];
	if (opt && opt->published) {
		if (!ngx_pubdate_normalize(opt->published, iso, &c.override_day)) {
			ngx_diag(&diag, NG_DIAG_ERROR, NULL, 0, -1,
				 "--published \"%s\" is not a date (use YYYY-MM-DD)",
				 opt->published);
			return NG_ERR_USAGE;
		}
		c.override = iso;
	}
	ng_status st = ngx_worker_init(&c.w);
	if (st) {
		ngx_worker_free(&c.w);
		return st;
	}
	ngx_arena_init(&c.keep, 64 << 10);
	ngx_buf_init(&c.line, 0);
	ngx_read_stats rs = {0};
	st = ngx_read_path(path, one, &c, &diag, &rs);
	ngx_buf_free(&c.line);
	ngx_arena_free(&c.keep);
	ngx_worker_free(&c.w);
	if (failed_out)
		*failed_out += rs.failed + c.failed;
	if (!st && c.failed)
		st = NG_ERR_INPUT;
	return st;
}
