/*
 * analyze.c: per-document features without a database.
 *
 * `newsgraph analyze` reads like ingest and prints, for each document, one
 * JSON object with what the per-document stages found (schema in
 * docs/EXPORT.md). Later stages (dates, entities, quotes, claims) add their
 * fields here.
 */
#include "../engine/engine.h"
#include "../extract/pubdate.h"

typedef struct analyze_ctx {
	ngx_text_ctx *text;
	ngx_arena scratch, keep;
	const char *override;      /* normalised --published, or NULL */
	int32_t override_day;
	FILE *out;
	ngx_buf line;
	ngx_diag_sink *diag;
	long long failed;
} analyze_ctx;

static ng_status one(void *arg, const ngx_record *r)
{
	analyze_ctx *c = arg;
	ngx_features f;
	ng_status st = ngx_features_compute(c->text, &c->scratch, &c->keep, r->title,
					    r->text, r->text_len, r->lang, &f);
	if (st) {
		ngx_diag(c->diag, NG_DIAG_ERROR, r->source, r->record_no, r->offset,
			 "analysis failed: %s", ng_status_str(st));
		c->failed++;
		ngx_arena_reset(&c->scratch);
		ngx_arena_reset(&c->keep);
		return st == NG_ERR_NOMEM ? st : NG_OK;
	}
	const char *published = NULL, *source = NULL;
	char iso[NGX_PUBDATE_LEN];
	int32_t day;
	if (c->override) {
		published = c->override;
		source = ngx_pub_source_name(NGX_PUB_OVERRIDE);
	} else if (r->published && ngx_pubdate_normalize(r->published, iso, &day)) {
		published = iso;
		source = ngx_pub_source_name(r->published_source);
	}
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
	if (!st) st = ngx_buf_puts(b, ",\"outlet\":");
	if (!st) st = ngx_buf_json_str(b, r->outlet);
	if (!st) st = ngx_buf_puts(b, ",\"url\":");
	if (!st) st = ngx_buf_json_str(b, r->url);
	if (!st) st = ngx_buf_printf(b, ",\"chars\":%lld,\"tokens\":%lld,\"words\":%lld,"
				     "\"sentences\":%lld,\"invalid_utf8\":%zu,"
				     "\"content_hash\":\"%016llx\"}\n",
				     f.n_chars, f.n_tokens, f.n_words, f.n_sentences,
				     r->invalid_utf8, (unsigned long long)f.content_hash);
	if (!st && fwrite(b->data, 1, b->len, c->out) != b->len)
		st = NG_ERR_IO;
	ngx_arena_reset(&c->scratch);
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
	ng_status st = ngx_text_ctx_new(&c.text);
	if (st)
		return st;
	ngx_arena_init(&c.scratch, 1 << 20);
	ngx_arena_init(&c.keep, 64 << 10);
	ngx_buf_init(&c.line, 0);
	ngx_read_stats rs = {0};
	st = ngx_read_path(path, one, &c, &diag, &rs);
	ngx_buf_free(&c.line);
	ngx_arena_free(&c.scratch);
	ngx_arena_free(&c.keep);
	ngx_text_ctx_free(c.text);
	if (failed_out)
		*failed_out += rs.failed + c.failed;
	if (!st && c.failed)
		st = NG_ERR_INPUT;
	return st;
}
