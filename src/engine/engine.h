/*
 * engine.h: the engine's insides, shared by the files of src/engine/ and by
 * the report and analyze code. Everything hangs off one ng_engine; there are
 * no globals.
 *
 * Flow of one batch (ingest.c): records are queued (ngx_pending) into the
 * filling batch; when it is full, worker threads start computing each
 * record's features (features.c, pure and per document) while the calling
 * thread links (src/link) and writes (src/store) the batch before it, in
 * queue order, inside one transaction, and then goes on reading. Two
 * batches alternate, so reading, analysis and linking overlap.
 */
#ifndef NG_ENGINE_H
#define NG_ENGINE_H

#include <pthread.h>
#include <stdatomic.h>

#include "../base/map.h"
#include "../link/link.h"
#include "../read/read.h"
#include "../store/store.h"
#include "../text/text.h"

/* What analysis of one record yields. Memory from the worker's keep arena. */
typedef struct ngx_features {
	char lang[8];
	int lang_reliable;
	int lang_percent;
	long long n_words, n_sentences, n_tokens, n_chars;
	uint64_t content_hash;
	uint32_t minhash[NGX_MINHASH_K];
	int has_minhash;
	ngx_term *terms;
	uint32_t n_terms;
	const char *headline; /* the title, or the lead sentence, <= 160 bytes */
	ngx_anchors anchors;  /* quotations and sampled 4-grams */
	ngx_text_sketch sketch;
	void *sketch_blob;    /* the sketch as stored */
	size_t sketch_len;
} ngx_features;

/* Title words count this many times in the term bag. */
#define NGX_TITLE_WEIGHT 2

/* Computes the features of one text. scratch is reset by the caller after
 * each document; what the features point to comes from keep. */
ng_status ngx_features_compute(ngx_text_ctx *tc, ngx_arena *scratch,
			       ngx_arena *keep, const char *title,
			       const char *text, size_t len,
			       const char *lang_hint, ngx_features *out);

/* One queued record. Strings are owned by the engine's batch arena. */
typedef struct ngx_pending {
	const char *id, *url, *title, *outlet, *lang_hint, *published, *source;
	long long record_no, offset;
	int published_source; /* ngx_pub_source */
	int32_t day;
	int64_t time;         /* seconds since the epoch, or NGX_TIME_UNKNOWN */
	const char *text;
	size_t text_len;
	uint64_t record_hash;
	ngx_features f;
	ng_status status;     /* of feature computation */
} ngx_pending;

/* What one analysis thread owns. Only one batch is analysed at a time. */
typedef struct ngx_worker {
	ngx_text_ctx *text;
	ngx_arena scratch;
} ngx_worker;

#define NGX_MAX_THREADS 64

/* A batch of records: queued, then analysed, then linked and stored. */
typedef struct ngx_batch {
	ngx_pending *pending;
	size_t n;
	ngx_arena strings;                /* the records' strings */
	ngx_arena keep[NGX_MAX_THREADS];  /* features, one arena per thread */
	pthread_t threads[NGX_MAX_THREADS];
	int n_threads;                    /* started and not yet joined */
	atomic_size_t next;               /* next record to analyse */
} ngx_batch;

struct ng_engine {
	ng_config config;
	ngx_diag_sink diag;
	ngx_store *store;
	ngx_link *link;
	ngx_map ids;           /* hash of article id -> seq + 1 */
	uint64_t *record_hash; /* by seq */
	size_t n_articles, cap_articles;
	ngx_batch batches[2];
	int filling;           /* the batch records are queued into */
	int waiting;           /* analysed (or being analysed), not linked; -1 */
	ngx_worker *workers;
	int n_workers;
	int broken;            /* a store failure left memory ahead of disk */
	ngx_arena query;       /* strings handed out by queries */
	char err[1024];
};

ng_status ngx_engine_fail(ng_engine *e, ng_status st, const char *fmt, ...)
	NGX_PRINTF(3, 4);

/* Records a stored article's id (seq is the next one) for idempotency. */
ng_status ngx_engine_remember(ng_engine *e, const char *id,
			      uint64_t record_hash);

/* Copies a record into the filling batch (repairing UTF-8, normalising the
 * date); hands the batch to the workers when it is full. */
ng_status ngx_engine_queue(ng_engine *e, const ngx_record *r,
			   ng_ingest_stats *stats);

/* Sets up and frees the two batches and the workers' share of them. */
ng_status ngx_batches_init(ng_engine *e);
void ngx_batches_free(ng_engine *e);
/* Records queued and not yet committed. */
size_t ngx_engine_pending(const ng_engine *e);

#endif
