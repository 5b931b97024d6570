/*
 * engine.h: the engine's insides, shared by the files of src/engine/ and by
 * the report and analyze code. Everything hangs off one ng_engine; there are
 * no globals.
 *
 * Flow of one batch (ingest.c): records are queued (ngx_pending); on flush,
 * worker threads compute each record's features (features.c, pure and per
 * document); then, on the calling thread and in queue order, each article is
 * checked against the stored ids, linked (src/link) and written (src/store)
 * inside one transaction.
 */
#ifndef NG_ENGINE_H
#define NG_ENGINE_H

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
	const char *text;
	size_t text_len;
	uint64_t record_hash;
	ngx_features f;
	ng_status status;     /* of feature computation */
} ngx_pending;

typedef struct ngx_worker {
	ngx_text_ctx *text;
	ngx_arena scratch;
	ngx_arena keep;
} ngx_worker;

struct ng_engine {
	ng_config config;
	ngx_diag_sink diag;
	ngx_store *store;
	ngx_link *link;
	ngx_map ids;           /* hash of article id -> seq + 1 */
	uint64_t *record_hash; /* by seq */
	size_t n_articles, cap_articles;
	ngx_pending *pending;
	size_t n_pending;
	ngx_arena batch;       /* strings of the pending records */
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

/* Copies a record into the batch (repairing UTF-8, normalising the date);
 * flushes when the batch is full. */
ng_status ngx_engine_queue(ng_engine *e, const ngx_record *r,
			   ng_ingest_stats *stats);

#endif
