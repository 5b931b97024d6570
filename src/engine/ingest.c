/*
 * ingest.c: queue, analyse in parallel, link and store in order.
 *
 * The one place where threads meet the stateful part. Two batches
 * alternate: while worker threads compute the features of one (per
 * document, taking records from a shared counter; each result lands in its
 * record's slot, so which thread did it does not matter), the calling thread
 * links and stores the one before it, in queue order, inside one
 * transaction, then goes back to reading. The outcome is the same for any
 * thread count and batch size, and an interruption loses at most the
 * batches not yet committed.
 *
 * A record stands alone: one too big to take (NG_MAX_TEXT_BYTES) or whose
 * analysis fails is reported with its file, record and offset and counted
 * as failed, and the rest of its batch is stored. A store failure, or an
 * analysis that ran out of memory (no property of the record: the same
 * record goes in next time), fails the whole batch (rolled back, and the
 * engine stops), so what is stored stays whole batches of the input. A batch is handed to
 * the workers when it holds batch_size records or NGI_BATCH_MAX_BYTES of
 * text, so memory stays bounded whatever the records' sizes. The counts of
 * a batch reach the caller's stats only once it is committed.
 *
 * Calls status.c and ids.c of src/engine/, never engine.c (which calls
 * this file to set up, flush and tear down the batches).
 */
#include "engine.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "../extract/dates.h"
#include "../extract/pubdate.h"
#include "../base/utf8.h"

/* ---- queueing ---------------------------------------------------------------- */
/* A filling batch holding this much text goes to the workers. */
#define NGI_BATCH_MAX_BYTES ((size_t)64 << 20)

static ng_status rotate(ng_engine *e, ng_ingest_stats *stats);

static ng_status refuse_read_only(ng_engine *e)
{
	return ngi_engine_fail(e, NG_ERR_USAGE, "the engine was opened read-only: "
						"it cannot ingest");
}

static const char *keep_str(ngi_arena *a, const char *s, int *oom)
{
	if (!s)
		return NULL;
	char *p = ngi_arena_strdup(a, s);
	if (!p)
		*oom = 1;
	return p;
}

/* A caller's string as valid UTF-8 in the batch: the title goes to the
 * language detector (CLD2 reads past a cut sequence) and every string to
 * the JSON written from the store. *bad counts the replacements. */
static const char *keep_utf8(ngi_arena *a, const char *s, size_t *bad, int *oom)
{
	if (!s)
		return NULL;
	size_t len = strlen(s);
	if (ngi_utf8_valid_prefix(s, len) == len)
		return keep_str(a, s, oom);
	ngi_buf fixed;
	ngi_buf_init(&fixed, 0);
	size_t n = ngi_utf8_repair(s, len, &fixed, NULL);
	char *p = NULL;
	if (n != (size_t)-1) {
		p = ngi_arena_strndup(a, fixed.data ? fixed.data : "", fixed.len);
		*bad += n;
	}
	ngi_buf_free(&fixed);
	if (!p)
		*oom = 1;
	return p;
}

static uint64_t record_hash_of(const char *title, const char *text, size_t len)
{
	uint64_t h = XXH3_64bits(text, len);
	return title ? XXH3_64bits_withSeed(title, strlen(title), h) : h;
}

ng_status ngi_pending_make(ngi_diag_sink *diag, ngi_arena *a,
			   const ngi_record *r, ngi_pending *p,
			   ng_ingest_stats *stats)
{
	if (r->text_len > NG_MAX_TEXT_BYTES) {
		ngi_diag(diag, NG_DIAG_ERROR, r->source, r->record_no,
			 r->offset, "text of %zu bytes is longer than the "
			 "%zu-byte cap, record skipped", r->text_len,
			 NG_MAX_TEXT_BYTES);
		stats->records++;
		stats->failed++;
		return NG_ERR_TOOBIG;
	}
	memset(p, 0, sizeof *p);
	int oom = 0;
	p->id = keep_str(a, r->id, &oom);
	size_t bad_fields = 0;
	p->url = keep_utf8(a, r->url, &bad_fields, &oom);
	p->title = keep_utf8(a, r->title, &bad_fields, &oom);
	p->outlet = keep_utf8(a, r->outlet, &bad_fields, &oom);
	if (bad_fields) {
		ngi_diag(diag, NG_DIAG_WARNING, r->source, r->record_no,
			 r->offset, "%zu invalid UTF-8 sequence(s) in the url, "
			 "title or outlet replaced by U+FFFD", bad_fields);
		stats->invalid_utf8 += (long long)bad_fields;
	}
	p->lang_hint = keep_str(a, r->lang, &oom);
	p->source = keep_str(a, r->source, &oom);
	p->record_no = r->record_no;
	p->offset = r->offset;
	p->day = NGI_DAY_UNKNOWN;
	if (r->published) {
		char iso[NGI_PUBDATE_LEN];
		if (ngi_pubdate_normalize(r->published, iso, &p->day)) {
			p->published = keep_str(a, iso, &oom);
			p->published_source = r->published_source;
		} else {
			ngi_diag(diag, NG_DIAG_WARNING, r->source, r->record_no,
				 r->offset, "unrecognised published date \"%.40s\": "
				 "stored as unknown", r->published);
		}
	}
	/* the reader hands valid UTF-8; a caller's record may not be */
	size_t valid = ngi_utf8_valid_prefix(r->text, r->text_len);
	if (valid == r->text_len) {
		char *t = ngi_arena_strndup(a, r->text, r->text_len);
		oom |= !t;
		p->text = t;
		p->text_len = r->text_len;
	} else {
		ngi_buf b;
		ngi_buf_init(&b, 0);
		size_t first_bad = 0;
		size_t bad = ngi_utf8_repair(r->text, r->text_len, &b, &first_bad);
		if (bad == (size_t)-1) {
			ngi_buf_free(&b);
			return NG_ERR_NOMEM;
		}
		ngi_diag(diag, NG_DIAG_WARNING, r->source, r->record_no,
			 r->offset + (long long)first_bad,
			 "%zu invalid UTF-8 sequence(s) replaced by U+FFFD", bad);
		stats->invalid_utf8 += (long long)bad;
		char *t = ngi_arena_strndup(a, b.data ? b.data : "", b.len);
		oom |= !t;
		p->text = t;
		p->text_len = b.len;
		ngi_buf_free(&b);
	}
	if (oom)
		return NG_ERR_NOMEM;
	p->record_hash = record_hash_of(p->title, p->text, p->text_len);
	stats->records++;
	return NG_OK;
}

ng_status ngi_engine_queue(ng_engine *e, const ngi_record *r,
			   ng_ingest_stats *stats)
{
	ng_ingest_stats local = {0};
	if (!stats)
		stats = &local; /* the counts of a rotation have to land somewhere */
	if (e->config.read_only)
		return refuse_read_only(e);
	if (e->broken)
		return ngi_engine_fail(e, NG_ERR_DB, "engine stopped after a database "
						     "failure: %s", e->err);
	ngi_batch *bt = &e->batches[e->filling];
	ng_status st = ngi_pending_make(&e->diag, &bt->strings, r,
					&bt->pending[bt->n], stats);
	if (st == NG_ERR_TOOBIG)
		return ngi_engine_fail(e, NG_ERR_TOOBIG, "%s:%lld: text of %zu bytes "
					"is longer than the %zu-byte cap",
				       r->source, r->record_no, r->text_len,
				       NG_MAX_TEXT_BYTES);
	if (st)
		return ngi_engine_fail(e, st, "out of memory queueing a record");
	bt->n++;
	if (bt->n == (size_t)e->config.batch_size ||
	    bt->strings.used_total >= NGI_BATCH_MAX_BYTES)
		return rotate(e, stats);
	return NG_OK;
}

ng_status ngi_ingest_record(ng_engine *e, const ng_record *r, const char *source,
			   ng_ingest_stats *stats)
{
	if (!e || !r || !r->text)
		return NG_ERR_USAGE;
	ngi_record rec = {0};
	rec.source = source ? source : "record";
	rec.record_no = (long long)e->ids.n + (long long)ngi_engine_pending(e) + 1;
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
	rec.published_source = r->published ? NGI_PUB_METADATA : NGI_PUB_NONE;
	rec.text = r->text;
	rec.text_len = r->text_len ? r->text_len : strlen(r->text);
	return ngi_engine_queue(e, &rec, stats);
}

/* What queue_from_reader returns to end the walk when the caller asked to
 * stop (ng_config.should_stop): a status no reader makes of its own, so it
 * comes back unchanged from ngi_read_path. */
#define STOPPED NG_DONE

typedef struct read_ctx {
	ng_engine *e;
	ng_ingest_stats *stats;
	const char *path;
	const ngi_read_stats *read;
	long long records0, failed0; /* stats' counts when the call began */
	/* the first record not taken after a stop request */
	char *stop_source;
	long long stop_record, stop_offset;
} read_ctx;

static void report_progress(const read_ctx *rc)
{
	ng_progress_fn fn = rc->e->config.on_progress;
	if (!fn)
		return;
	ng_progress p = {.size = sizeof p,
			 .path = rc->path,
			 .files = rc->read->files,
			 .records = rc->stats->records - rc->records0,
			 .failed = rc->read->failed + rc->stats->failed - rc->failed0,
			 .skipped = rc->read->skipped,
			 .bytes = rc->read->position};
	fn(rc->e->config.progress_ctx, &p);
}

static ng_status queue_from_reader(void *ctx, const ngi_record *r)
{
	read_ctx *rc = ctx;
	const ng_config *c = &rc->e->config;
	if (c->should_stop && c->should_stop(c->stop_ctx)) {
		rc->stop_source = strdup(r->source); /* NULL: named without it */
		rc->stop_record = r->record_no;
		rc->stop_offset = r->offset;
		return STOPPED;
	}
	ng_status st = ngi_engine_queue(rc->e, r, rc->stats);
	report_progress(rc);
	return st == NG_ERR_TOOBIG ? NG_OK : st; /* reported; the walk goes on */
}

/* What to read: a path, or bytes in memory named path. */
typedef struct ingest_input {
	const char *path;
	const void *bytes; /* NULL: read the path */
	size_t len;
} ingest_input;

static ng_status ingest_input_read(ng_engine *e, const ingest_input *in,
				   ng_ingest_stats *stats)
{
	if (e->config.read_only)
		return refuse_read_only(e);
	ng_ingest_stats local = {0};
	if (!stats)
		stats = &local;
	const char *path = in->path;
	long long w0 = e->diag.warnings, e0 = e->diag.errors;
	long long failed0 = stats->failed, utf0 = stats->invalid_utf8;
	ngi_read_stats rs = {0};
	read_ctx rc = {e, stats, path, &rs, stats->records, stats->failed,
		       NULL, 0, -1};
	ng_status st = in->bytes
			       ? ngi_read_bytes(path, in->bytes, in->len,
						queue_from_reader, &rc, &e->diag, &rs)
			       : ngi_read_path(path, queue_from_reader, &rc,
					       &e->diag, &rs);
	report_progress(&rc);
	/* a batch that failed while reading stopped the engine: its status
	 * (NG_ERR_NOMEM, NG_ERR_DB) is the answer */
	ng_status fst = e->broken ? (st && st != STOPPED ? st : NG_ERR_DB)
				  : ng_ingest_flush(e, stats);
	if (st == STOPPED) {
		/* the input ends here, as far as this call goes */
		st = rs.failed || rs.invalid_utf8 ? NG_ERR_INPUT : NG_OK;
		if (!fst)
			ngi_diag(&e->diag, NG_DIAG_WARNING,
				 rc.stop_source ? rc.stop_source : path,
				 rc.stop_record, rc.stop_offset,
				 "stopped on request before this record: every "
				 "record before it is committed (%zu articles in "
				 "the database); the same ingest again goes on "
				 "from here", e->ids.n);
		free(rc.stop_source);
	}
	stats->files += rs.files;
	stats->skipped += rs.skipped;
	stats->bytes += rs.bytes;
	stats->invalid_utf8 += rs.invalid_utf8;
	stats->failed += rs.failed;
	stats->warnings += e->diag.warnings - w0;
	stats->errors += e->diag.errors - e0;
	if (fst)
		return fst;
	/* a reader that stopped (out of memory) says why in ng_errmsg */
	if (st && st != NG_ERR_INPUT)
		return ngi_engine_fail(e, st, "reading %s: %s", path, ng_status_str(st));
	/* rejected records, and records stored repaired, are bad input */
	if (!st && (stats->failed > failed0 || stats->invalid_utf8 > utf0))
		return NG_ERR_INPUT;
	return st;
}

ng_status ngi_ingest_path(ng_engine *e, const char *path, ng_ingest_stats *stats)
{
	if (!e || !path)
		return NG_ERR_USAGE;
	ingest_input in = {path, NULL, 0};
	return ingest_input_read(e, &in, stats);
}

ng_status ngi_ingest_bytes(ng_engine *e, const char *name, const void *bytes,
			   size_t len, ng_ingest_stats *stats)
{
	if (!e || !name || (!bytes && len))
		return NG_ERR_USAGE;
	ingest_input in = {name, bytes ? bytes : "", len};
	return ingest_input_read(e, &in, stats);
}

/* ---- batches and analysis on worker threads --------------------------------- */
ng_status ngi_batches_init(ng_engine *e)
{
	e->filling = 0;
	e->waiting = -1;
	for (int b = 0; b < 2; b++) {
		ngi_batch *bt = &e->batches[b];
		bt->pending = calloc((size_t)e->config.batch_size, sizeof *bt->pending);
		if (!bt->pending)
			return NG_ERR_NOMEM;
		ngi_arena_init(&bt->strings, 1 << 20);
		for (int t = 0; t < NGI_MAX_THREADS; t++)
			ngi_arena_init(&bt->keep[t], 256 << 10);
	}
	return NG_OK;
}

static void join_analysis(ngi_batch *bt)
{
	for (int t = 0; t < bt->n_threads; t++)
		pthread_join(bt->threads[t], NULL);
	bt->n_threads = 0;
}

void ngi_batches_free(ng_engine *e)
{
	for (int b = 0; b < 2; b++) {
		ngi_batch *bt = &e->batches[b];
		join_analysis(bt);
		free(bt->pending);
		bt->pending = NULL;
		ngi_arena_free(&bt->strings);
		for (int t = 0; t < NGI_MAX_THREADS; t++)
			ngi_arena_free(&bt->keep[t]);
	}
}

size_t ngi_engine_pending(const ng_engine *e)
{
	return e->batches[0].n + e->batches[1].n;
}

typedef struct worker_arg {
	ngi_batch *bt;
	ngi_worker *w;
	ngi_arena *keep;
} worker_arg;

void ngi_pending_analyse(ngi_worker *w, ngi_arena *keep, ngi_pending *p)
{
	ngi_doc_in in = {p->title, p->text, p->text_len, p->lang_hint,
			 p->published, p->published_source, p->day, p->outlet};
	p->status = ngi_features_compute(w, keep, &in, &p->f);
	ngi_arena_reset(&w->scratch);
}

static void analyse_from(ngi_batch *bt, ngi_worker *w, ngi_arena *keep)
{
	for (;;) {
		size_t i = atomic_fetch_add(&bt->next, 1);
		if (i >= bt->n)
			break;
		ngi_pending_analyse(w, keep, &bt->pending[i]);
	}
}

static void *work(void *arg)
{
	worker_arg *wa = arg;
	analyse_from(wa->bt, wa->w, wa->keep);
	free(wa);
	return NULL;
}

/* Starts the workers on a batch and returns at once; the batch is ready
 * once join_analysis has returned. A thread that cannot start leaves its
 * share to the others, or to the calling thread when none started. */
/* The calling thread's own context is the last one. */
static void caller_helps(ng_engine *e, ngi_batch *bt)
{
	int me = e->n_workers - 1;
	analyse_from(bt, &e->workers[me], &bt->keep[me]);
}

static void start_analysis(ng_engine *e, ngi_batch *bt)
{
	atomic_store(&bt->next, 0);
	bt->n_threads = 0;
	int n = e->n_workers - 1;
	if ((size_t)n > bt->n)
		n = (int)bt->n;
	for (int t = 0; t < n; t++) {
		worker_arg *wa = malloc(sizeof *wa);
		if (!wa)
			break;
		*wa = (worker_arg){bt, &e->workers[t], &bt->keep[t]};
		if (pthread_create(&bt->threads[bt->n_threads], NULL, work, wa) != 0) {
			free(wa);
			break;
		}
		bt->n_threads++;
	}
	if (bt->n_threads == 0)
		caller_helps(e, bt);
}

static void reset_batch(ngi_batch *bt)
{
	bt->n = 0;
	ngi_arena_reset(&bt->strings);
	for (int t = 0; t < NGI_MAX_THREADS; t++)
		if (bt->keep[t].head)
			ngi_arena_reset(&bt->keep[t]);
}

/* ---- linking and storing, in order -------------------------------------------- */
/* An article with no date of its own cannot place "am 5. November" in a
 * year; once it is in a story, the story's first publication day is the
 * best anchor there is. Its dates are found again against that day, and
 * those resolved against it say so (anchor "story"). Its own published
 * date stays unknown. */
static ng_status anchor_on_story(ng_engine *e, ngi_arena *strings,
				 ngi_pending *p, uint32_t story)
{
	if (p->f.day != NGI_DAY_UNKNOWN)
		return NG_OK;
	int32_t day = ngi_link_story_first_day(e->link, story);
	if (day == NGI_DAY_UNKNOWN)
		return NG_OK;
	ngi_timex *tx = NULL;
	size_t n = 0;
	ng_status st = ngi_dates_find(p->text, p->text_len, p->f.lang, NULL, day,
				      strings, &tx, &n);
	if (st)
		return st;
	for (size_t i = 0; i < n; i++)
		if (tx[i].anchor == NGI_ANCHOR_PUBLICATION)
			tx[i].anchor = NGI_ANCHOR_STORY;
	p->f.timexes = tx;
	p->f.n_timexes = n;
	return NG_OK;
}

ngi_link_article ngi_pending_link_article(const ngi_pending *p)
{
	ngi_link_article la = {.content_hash = p->f.content_hash,
			       .minhash = p->f.has_minhash ? p->f.minhash : NULL,
			       .terms = p->f.terms, .n_terms = p->f.n_terms,
			       .day = p->f.day, .time = p->f.time,
			       .lang = ngi_link_lang(p->f.lang),
			       .anchors = p->f.anchors.hashes,
			       .n_anchors = p->f.anchors.n,
			       .n_quote_anchors = p->f.anchors.n_quotes,
			       .sketch = &p->f.sketch,
			       .outlet = p->f.outlet_key,
			       .short_item = ngi_link_short_item(p->f.n_words,
								 p->f.n_sentences)};
	for (int i = 0; i < p->f.n_credits && i < NGI_LINK_CREDITS; i++)
		la.credits[i] = p->f.credits[i].key;
	return la;
}

/* The link stage for p: its copies searched here, or found by the copy
 * stage of a distributed ingest and taken as they are (then the two must
 * agree on which articles are stored, in which order). */
static ng_status link_article(ng_engine *e, const ngi_pending *p,
			      const ngi_link_article *la, ngi_link_result *r)
{
	if (!p->copies_given)
		return ngi_link_add(e->link, la, r);
	if (p->copies_given != NGI_COPIES_STORED ||
	    p->copies_seq != ngi_link_articles(e->link))
		return ngi_engine_fail(e, NG_ERR_INTERNAL, "%s:%lld: the copy stage "
				       "and the link stage disagree on the articles "
				       "stored", p->source, p->record_no);
	return ngi_link_replay(e->link, la, p->copies, p->n_copies, r);
}

static ng_status link_and_store(ng_engine *e, ngi_arena *strings,
				ngi_pending *p, ng_ingest_stats *stats)
{
	const char *id;
	ng_status st = ngi_ids_place(&e->ids, p->id, p->record_hash, strings, &id);
	if (st)
		return st;
	if (!id) {
		stats->unchanged++;
		if (p->copies_given == NGI_COPIES_STORED)
			return ngi_engine_fail(e, NG_ERR_INTERNAL, "%s:%lld: the copy "
					       "stage stored a record the link "
					       "stage leaves unchanged",
					       p->source, p->record_no);
		return NG_OK;
	}
	if (id != p->id)
		ngi_diag(&e->diag, NG_DIAG_WARNING, p->source, p->record_no,
			 p->offset, "id \"%s\" is already stored with other content: "
			 "stored as \"%s\"", p->id, id);
	ngi_link_article la = ngi_pending_link_article(p);
	ngi_link_result r;
	st = link_article(e, p, &la, &r);
	if (st)
		return st;
	if ((st = anchor_on_story(e, strings, p, r.story)))
		return st;
	ngi_article_row row = {
		.seq = r.seq, .id = id, .source = p->source,
		.record_no = p->record_no, .url = p->url, .outlet = p->outlet,
		.title = p->title, .lang = p->f.lang,
		.lang_reliable = p->f.lang_reliable,
		.published = p->f.published[0] ? p->f.published : NULL,
		.published_source = p->f.published[0]
			? ngi_pub_source_name((ngi_pub_source)p->f.published_source)
			: NULL,
		.published_confidence = p->f.published_confidence,
		.day = p->f.day, .n_words = p->f.n_words,
		.n_sentences = p->f.n_sentences, .content_hash = p->f.content_hash,
		.record_hash = p->record_hash, .story = r.story, .body = p->text,
		.body_len = p->text_len, .headline = p->f.headline,
		.minhash = la.minhash, .terms = p->f.terms, .n_terms = p->f.n_terms,
		.anchors = la.anchors, .n_anchors = la.n_anchors,
		.sketch = p->f.sketch_blob, .sketch_len = p->f.sketch_len};
	if (r.new_story && (st = ngi_store_new_story(e->store, r.story, p->f.headline)))
		return st;
	for (int i = 0; i < r.n_moves; i++) {
		const ngi_link_move *mv = &r.moves[i];
		if (mv->split &&
		    (st = ngi_store_split_story(e->store, mv->to, mv->seq)))
			return st;
		if ((st = ngi_store_move_article(e->store, mv->seq, mv->from, mv->to)))
			return st;
		stats->split += mv->split;
	}
	stats->moved += r.n_moves;
	if (r.merged_from &&
	    (st = ngi_store_merge_stories(e->store, r.merged_into, r.merged_from)))
		return st;
	unsigned apart = e->rows_elsewhere;
	if ((st = ngi_store_insert_article(e->store, &row)) ||
	    (!(apart & NGI_ROWS_MENTIONS) &&
	     (st = ngi_store_insert_mention_rows(e->store, r.seq, p->f.mentions,
						 p->f.n_mentions))) ||
	    (!(apart & NGI_ROWS_ENTITIES) &&
	     (st = ngi_store_count_entities(e->store, p->f.mentions,
					    p->f.n_mentions))) ||
	    (st = ngi_store_insert_dates(e->store, r.seq, p->text,
					 p->f.timexes, p->f.n_timexes)) ||
	    (st = ngi_said_store(e, p, r.seq, r.story)))
		return st;
	for (int i = 0; i < r.n_edges; i++)
		if ((st = ngi_store_insert_edge(e->store, &r.edges[i])))
			return st;
	if ((st = ngi_ids_remember(&e->ids, id, p->record_hash)))
		return st;
	stats->added++;
	return NG_OK;
}

ng_status ngi_engine_link_records(ng_engine *e, ngi_pending *pending, size_t n,
				 ngi_arena *strings, ng_ingest_stats *stats)
{
	if (e->broken)
		return NG_ERR_DB; /* e->err says what stopped it */
	ng_ingest_stats got = {0};
	ng_status st = ngi_store_begin(e->store);
	int in_txn = !st;
	for (size_t i = 0; i < n && !st; i++) {
		ngi_pending *p = &pending[i];
		if (p->status == NG_ERR_NOMEM) {
			/* not the record's fault: the batch fails whole, so that
			 * running again stores it as one uninterrupted run would */
			ngi_diag(&e->diag, NG_DIAG_ERROR, p->source, p->record_no,
				 p->offset, "analysis ran out of memory; the batch is "
					    "rolled back");
			st = NG_ERR_NOMEM;
			break;
		}
		if (p->status) {
			ngi_diag(&e->diag, NG_DIAG_ERROR, p->source, p->record_no,
				 p->offset, "analysis failed: %s; record skipped",
				 ng_status_str(p->status));
			stats->failed++;
			continue;
		}
		st = link_and_store(e, strings, p, &got);
	}
	if (!st)
		st = ngi_store_commit(e->store);
	if (!st) {
		stats->added += got.added;
		stats->unchanged += got.unchanged;
		stats->moved += got.moved;
		stats->split += got.split;
	} else {
		if (in_txn)
			ngi_store_rollback(e->store);
		/* the link indexes already hold this batch: refuse to go on */
		e->broken = 1;
		if (st == NG_ERR_DB)
			ngi_engine_fail(e, st, "%s", ngi_store_errmsg(e->store));
		else
			ngi_engine_fail(e, st, "ingest failed: %s", ng_status_str(st));
	}
	return st;
}

/* Links and stores an analysed batch in one transaction, then empties it. */
static ng_status link_batch(ng_engine *e, ngi_batch *bt, ng_ingest_stats *stats)
{
	ng_status st = ngi_engine_link_records(e, bt->pending, bt->n, &bt->strings,
					       stats);
	reset_batch(bt);
	return st;
}

/* The filling batch goes to the workers; the batch analysed before it is
 * linked meanwhile, and its slot becomes the filling one. */
static ng_status rotate(ng_engine *e, ng_ingest_stats *stats)
{
	int full = e->filling;
	int prev = e->waiting;
	if (prev >= 0)
		join_analysis(&e->batches[prev]); /* the workers are needed again */
	start_analysis(e, &e->batches[full]);
	e->waiting = full;
	ng_status st = NG_OK;
	if (prev >= 0)
		st = link_batch(e, &e->batches[prev], stats);
	if (!st)
		caller_helps(e, &e->batches[full]); /* whatever is left of it */
	e->filling = 1 - full;
	return st;
}

ng_status ngi_ingest_flush(ng_engine *e, ng_ingest_stats *stats)
{
	ng_ingest_stats local = {0};
	if (!stats)
		stats = &local;
	if (e->config.read_only)
		return NG_OK; /* nothing can be queued */
	if (e->broken)
		return ngi_engine_fail(e, NG_ERR_DB, "engine stopped after a database "
						     "failure");
	ng_status st = NG_OK;
	if (e->batches[e->filling].n)
		st = rotate(e, stats);
	if (e->waiting >= 0) {
		ngi_batch *bt = &e->batches[e->waiting];
		join_analysis(bt);
		e->waiting = -1;
		if (!st)
			st = link_batch(e, bt, stats);
		else
			reset_batch(bt);
	}
	return st;
}
