/*
 * ingest.c: queue, analyse in parallel, link and store in order.
 *
 * The one place where threads meet the stateful part. Feature computation
 * is per document and runs on worker threads that take records from a shared
 * counter; each result lands in its record's slot, so which thread did it
 * does not matter. Linking and storing then walk the batch in queue order on
 * the calling thread, inside one transaction: the outcome is the same for
 * any thread count, and an interruption loses at most the batch in flight.
 */
#include "engine.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "../extract/pubdate.h"
#include "../text/utf8.h"

/* ---- queueing ---------------------------------------------------------------- */
static const char *keep_str(ng_engine *e, const char *s, int *oom)
{
	if (!s)
		return NULL;
	char *p = ngx_arena_strdup(&e->batch, s);
	if (!p)
		*oom = 1;
	return p;
}

static uint64_t record_hash_of(const char *title, const char *text, size_t len)
{
	uint64_t h = XXH3_64bits(text, len);
	return title ? XXH3_64bits_withSeed(title, strlen(title), h) : h;
}

ng_status ngx_engine_queue(ng_engine *e, const ngx_record *r,
			   ng_ingest_stats *stats)
{
	if (e->broken)
		return ngx_engine_fail(e, NG_ERR_DB, "engine stopped after a database "
						     "failure: %s", e->err);
	ngx_pending *p = &e->pending[e->n_pending];
	memset(p, 0, sizeof *p);
	int oom = 0;
	p->id = keep_str(e, r->id, &oom);
	p->url = keep_str(e, r->url, &oom);
	p->title = keep_str(e, r->title, &oom);
	p->outlet = keep_str(e, r->outlet, &oom);
	p->lang_hint = keep_str(e, r->lang, &oom);
	p->source = keep_str(e, r->source, &oom);
	p->record_no = r->record_no;
	p->offset = r->offset;
	p->day = NGX_DAY_UNKNOWN;
	if (r->published) {
		char iso[NGX_PUBDATE_LEN];
		if (ngx_pubdate_normalize(r->published, iso, &p->day)) {
			p->published = keep_str(e, iso, &oom);
			p->published_source = r->published_source;
		} else {
			ngx_diag(&e->diag, NG_DIAG_WARNING, r->source, r->record_no,
				 r->offset, "unrecognised published date \"%.40s\": "
				 "stored as unknown", r->published);
		}
	}
	/* the reader hands valid UTF-8; a caller's record may not be */
	size_t valid = ngx_utf8_valid_prefix(r->text, r->text_len);
	if (valid == r->text_len) {
		char *t = ngx_arena_strndup(&e->batch, r->text, r->text_len);
		oom |= !t;
		p->text = t;
		p->text_len = r->text_len;
	} else {
		ngx_buf b;
		ngx_buf_init(&b, 0);
		size_t first_bad = 0;
		size_t bad = ngx_utf8_repair(r->text, r->text_len, &b, &first_bad);
		if (bad == (size_t)-1) {
			ngx_buf_free(&b);
			return ngx_engine_fail(e, NG_ERR_NOMEM, "out of memory");
		}
		ngx_diag(&e->diag, NG_DIAG_WARNING, r->source, r->record_no,
			 r->offset + (long long)first_bad,
			 "%zu invalid UTF-8 sequence(s) replaced by U+FFFD", bad);
		if (stats)
			stats->invalid_utf8 += (long long)bad;
		char *t = ngx_arena_strndup(&e->batch, b.data ? b.data : "", b.len);
		oom |= !t;
		p->text = t;
		p->text_len = b.len;
		ngx_buf_free(&b);
	}
	if (oom)
		return ngx_engine_fail(e, NG_ERR_NOMEM, "out of memory queueing a record");
	p->record_hash = record_hash_of(p->title, p->text, p->text_len);
	e->n_pending++;
	if (stats)
		stats->records++;
	if (e->n_pending == (size_t)e->config.batch_size)
		return ng_ingest_flush(e, stats);
	return NG_OK;
}

ng_status ng_ingest_record(ng_engine *e, const ng_record *r, const char *source,
			   ng_ingest_stats *stats)
{
	if (!e || !r || !r->text)
		return NG_ERR_USAGE;
	ngx_record rec = {0};
	rec.source = source ? source : "record";
	rec.record_no = (long long)e->n_articles + (long long)e->n_pending + 1;
	rec.offset = -1;
	char idbuf[32];
	if (r->id) {
		rec.id = r->id;
	} else {
		snprintf(idbuf, sizeof idbuf, "record-%lld", rec.record_no);
		rec.id = idbuf;
	}
	rec.url = r->url;
	rec.title = r->title;
	rec.outlet = r->outlet;
	rec.lang = r->lang;
	rec.published = r->published;
	rec.published_source = r->published ? NGX_PUB_METADATA : NGX_PUB_NONE;
	rec.text = r->text;
	rec.text_len = r->text_len ? r->text_len : strlen(r->text);
	return ngx_engine_queue(e, &rec, stats);
}

typedef struct read_ctx {
	ng_engine *e;
	ng_ingest_stats *stats;
} read_ctx;

static ng_status queue_from_reader(void *ctx, const ngx_record *r)
{
	read_ctx *rc = ctx;
	return ngx_engine_queue(rc->e, r, rc->stats);
}

ng_status ng_ingest_path(ng_engine *e, const char *path, ng_ingest_stats *stats)
{
	if (!e || !path)
		return NG_ERR_USAGE;
	ng_ingest_stats local = {0};
	if (!stats)
		stats = &local;
	long long w0 = e->diag.warnings, e0 = e->diag.errors;
	ngx_read_stats rs = {0};
	read_ctx rc = {e, stats};
	ng_status st = ngx_read_path(path, queue_from_reader, &rc, &e->diag, &rs);
	ng_status fst = e->broken ? NG_ERR_DB : ng_ingest_flush(e, stats);
	stats->files += rs.files;
	stats->bytes += rs.bytes;
	stats->invalid_utf8 += rs.invalid_utf8;
	stats->failed += rs.failed;
	stats->warnings += e->diag.warnings - w0;
	stats->errors += e->diag.errors - e0;
	if (fst)
		return fst;
	if (st == NG_ERR_INPUT || (!st && rs.failed))
		return NG_ERR_INPUT;
	return st;
}

/* ---- analysis on worker threads ---------------------------------------------- */
typedef struct job {
	ng_engine *e;
	atomic_size_t next;
} job;

typedef struct worker_arg {
	job *j;
	ngx_worker *w;
} worker_arg;

static void *work(void *arg)
{
	worker_arg *wa = arg;
	ng_engine *e = wa->j->e;
	for (;;) {
		size_t i = atomic_fetch_add(&wa->j->next, 1);
		if (i >= e->n_pending)
			break;
		ngx_pending *p = &e->pending[i];
		p->status = ngx_features_compute(wa->w->text, &wa->w->scratch,
						 &wa->w->keep, p->title, p->text,
						 p->text_len, p->lang_hint, &p->f);
		ngx_arena_reset(&wa->w->scratch);
	}
	return NULL;
}

static void analyse_batch(ng_engine *e)
{
	job j = {.e = e};
	atomic_init(&j.next, 0);
	int n = e->n_workers;
	if ((size_t)n > e->n_pending)
		n = (int)e->n_pending;
	pthread_t tids[64];
	worker_arg args[64];
	int started = 0;
	for (int t = 1; t < n; t++) {
		args[t] = (worker_arg){&j, &e->workers[t]};
		if (pthread_create(&tids[t], NULL, work, &args[t]) != 0)
			break; /* fewer threads: same results, just slower */
		started = t;
	}
	args[0] = (worker_arg){&j, &e->workers[0]};
	work(&args[0]);
	for (int t = 1; t <= started; t++)
		pthread_join(tids[t], NULL);
}

/* ---- linking and storing, in order -------------------------------------------- */
static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* A free id for a different record that came with a taken one. */
static const char *unique_id(ng_engine *e, const char *id)
{
	char buf[1024];
	for (int n = 2;; n++) {
		snprintf(buf, sizeof buf, "%.1000s~%d", id, n);
		if (!ngx_map_get(&e->ids, XXH3_64bits(buf, strlen(buf))))
			return ngx_arena_strdup(&e->batch, buf);
	}
}

static ng_status link_and_store(ng_engine *e, ngx_pending *p,
				ng_ingest_stats *stats, uint32_t **touched,
				size_t *n_touched)
{
	const char *id = p->id;
	const uint64_t *seen = ngx_map_get(&e->ids, XXH3_64bits(id, strlen(id)));
	if (seen) {
		if (e->record_hash[*seen - 1] == p->record_hash) {
			stats->unchanged++;
			return NG_OK;
		}
		id = unique_id(e, id);
		if (!id)
			return NG_ERR_NOMEM;
		ngx_diag(&e->diag, NG_DIAG_WARNING, p->source, p->record_no,
			 p->offset, "id \"%s\" is already stored with other content: "
			 "stored as \"%s\"", p->id, id);
	}
	ngx_link_article la = {p->f.content_hash,
			       p->f.has_minhash ? p->f.minhash : NULL,
			       p->f.terms, p->f.n_terms, p->day};
	ngx_link_result r;
	ng_status st = ngx_link_add(e->link, &la, &r);
	if (st)
		return st;
	ngx_article_row row = {
		.seq = r.seq, .id = id, .source = p->source,
		.record_no = p->record_no, .url = p->url, .outlet = p->outlet,
		.title = p->title, .lang = p->f.lang,
		.lang_reliable = p->f.lang_reliable, .published = p->published,
		.published_source = p->published
			? ngx_pub_source_name((ngx_pub_source)p->published_source)
			: NULL,
		.day = p->day, .n_words = p->f.n_words,
		.n_sentences = p->f.n_sentences, .content_hash = p->f.content_hash,
		.record_hash = p->record_hash, .story = r.story, .body = p->text,
		.body_len = p->text_len, .headline = p->f.headline,
		.minhash = la.minhash, .terms = p->f.terms, .n_terms = p->f.n_terms};
	if (r.new_story && (st = ngx_store_new_story(e->store, r.story, p->f.headline)))
		return st;
	if ((st = ngx_store_insert_article(e->store, &row)))
		return st;
	for (int i = 0; i < r.n_edges; i++)
		if ((st = ngx_store_insert_edge(e->store, &r.edges[i])))
			return st;
	if ((st = ngx_engine_remember(e, id, p->record_hash)))
		return st;
	(*touched)[(*n_touched)++] = r.story;
	stats->added++;
	return NG_OK;
}

ng_status ng_ingest_flush(ng_engine *e, ng_ingest_stats *stats)
{
	ng_ingest_stats local = {0};
	if (!stats)
		stats = &local;
	if (e->broken)
		return ngx_engine_fail(e, NG_ERR_DB, "engine stopped after a database "
						     "failure");
	if (e->n_pending == 0)
		return NG_OK;
	analyse_batch(e);
	uint32_t *touched = malloc(e->n_pending * sizeof *touched);
	size_t n_touched = 0;
	ng_status st = touched ? ngx_store_begin(e->store) : NG_ERR_NOMEM;
	int in_txn = !st;
	for (size_t i = 0; i < e->n_pending && !st; i++) {
		ngx_pending *p = &e->pending[i];
		if (p->status) {
			ngx_diag(&e->diag, NG_DIAG_ERROR, p->source, p->record_no,
				 p->offset, "analysis failed: %s", ng_status_str(p->status));
			stats->failed++;
			if (p->status == NG_ERR_NOMEM)
				st = NG_ERR_NOMEM;
			continue;
		}
		st = link_and_store(e, p, stats, &touched, &n_touched);
	}
	if (!st) {
		qsort(touched, n_touched, sizeof *touched, cmp_u32);
		for (size_t i = 0; i < n_touched && !st; i++)
			if (i == 0 || touched[i] != touched[i - 1])
				st = ngx_store_refresh_story(e->store, touched[i]);
	}
	if (!st)
		st = ngx_store_commit(e->store);
	if (st) {
		if (in_txn)
			ngx_store_rollback(e->store);
		/* the link indexes already hold this batch: refuse to go on */
		e->broken = 1;
		if (st == NG_ERR_DB)
			ngx_engine_fail(e, st, "%s", ngx_store_errmsg(e->store));
		else
			ngx_engine_fail(e, st, "ingest failed: %s", ng_status_str(st));
	}
	free(touched);
	e->n_pending = 0;
	ngx_arena_reset(&e->batch);
	for (int i = 0; i < e->n_workers; i++)
		ngx_arena_reset(&e->workers[i].keep);
	return st;
}
