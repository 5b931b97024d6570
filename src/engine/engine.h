/*
 * engine.h: the engine's insides, shared by the files of src/engine/ and by
 * the report and analyze code. Everything hangs off one ng_engine; there are
 * no globals.
 *
 * Flow of one batch (ingest.c): records are queued (ngi_pending) into the
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
#include "../extract/claims.h"
#include "../extract/credits.h"
#include "../extract/dates.h"
#include "../extract/entities.h"
#include "../extract/pubdate.h"
#include "../extract/quotes.h"
#include "../link/link.h"
#include "../read/read.h"
#include "../stance/stance.h"
#include "../store/store.h"
#include "../text/text.h"

/* A passage of an article (a quote, a claim, a response) as linking needs
 * it: its language-neutral terms and words hash (src/sketch/span_terms.h)
 * and the bytes of the sentence it starts in, where its date is looked
 * for. */
typedef struct ngi_said_passage {
	uint32_t *terms;
	uint32_t n_terms;
	uint64_t words;
	uint32_t sentence_start, sentence_end;
} ngi_said_passage;

/* What analysis of one record yields. Memory from the worker's keep arena. */
typedef struct ngi_features {
	char lang[8];
	int lang_reliable;
	int lang_percent;
	long long n_words, n_sentences, n_tokens, n_chars;
	uint64_t content_hash;
	uint32_t minhash[NGI_MINHASH_K];
	int has_minhash;
	ngi_term *terms;
	uint32_t n_terms;
	const char *headline; /* the title, or the lead sentence, <= 160 bytes */
	ngi_anchors anchors;  /* quotations and sampled 4-grams */
	ngi_text_sketch sketch;
	void *sketch_blob;    /* the sketch as stored */
	size_t sketch_len;
	ngi_mention *mentions; /* entity mentions, in text order */
	size_t n_mentions;
	ngi_timex *timexes;    /* dates, resolved against the publication day */
	size_t n_timexes;
	/* The publication date after inference (src/extract/pubdate_infer.h):
	 * "" when unknown, "--MM-DD" when only a dateline's month and day are
	 * known. */
	char published[NGI_PUBDATE_LEN];
	int published_source;  /* ngi_pub_source; NGI_PUB_NONE when unknown */
	int32_t day;           /* NGI_DAY_UNKNOWN unless the year is known */
	int64_t time;          /* seconds since the epoch, or NGI_TIME_UNKNOWN */
	double published_confidence; /* 0 unknown .. 1 given */
	/* The record's own outlet (ngi_outlet_key, 0 unknown) and the other
	 * outlets its text and title credit (src/extract/credits.h). */
	uint32_t outlet_key;
	ngi_credit credits[NGI_CREDITS_MAX];
	int n_credits;
	/* who said what (said_features.c): quotes, claims and responses, each
	 * with its passage */
	ngi_quote *quotes;
	size_t n_quotes;
	ngi_said_passage *quote_passages;
	ngi_claims claims;
	ngi_said_passage *claim_passages;
	ngi_said_passage *response_passages;
	/* the body and each claim prepared for the stance model
	 * (src/stance/stance.h); NULL when the model is missing */
	ngi_stance_text *stance_body;
	ngi_stance_text **claim_stances;
} ngi_features;

/* One document as the analysis gets it: the record's text and what the
 * reader knew of its publication date (normalised, or NULL). */
typedef struct ngi_doc_in {
	const char *title;
	const char *text;
	size_t len;
	const char *lang_hint;
	const char *published;  /* ngi_pubdate_normalize's form, or NULL */
	int published_source;   /* ngi_pub_source of published */
	int32_t day;            /* of published; NGI_DAY_UNKNOWN without a year */
	const char *outlet;     /* the record's outlet, or NULL */
} ngi_doc_in;

/* MinHash Jaccard of a near copy (ngi_link_config.near_threshold). */
#define NGI_NEAR_THRESHOLD 0.5

/* Title words count this many times in the term bag. */
#define NGI_TITLE_WEIGHT 2

/* What one analysis thread owns: contexts that are not thread-safe and a
 * scratch arena. Only one batch is analysed at a time. */
typedef struct ngi_worker {
	ngi_text_ctx *text;
	ngi_entity_ctx *entities; /* ICU transliterator and caches */
	ngi_arena scratch;
} ngi_worker;

ng_status ngi_worker_init(ngi_worker *w);
void ngi_worker_free(ngi_worker *w);

/* Computes the features of one document: the text analysis, sketches,
 * entity mentions, the publication date (inferred when the record has none
 * or only a month and day) and the dates of the text anchored on it.
 * w->scratch is reset by the caller after each document; what the features
 * point to comes from keep. */
ng_status ngi_features_compute(ngi_worker *w, ngi_arena *keep,
			       const ngi_doc_in *in, ngi_features *out);

/* The quotes, claims and responses of an analysed body with its mentions,
 * and their passages (said_features.c). Memory from keep. */
ng_status ngi_said_features(ngi_worker *w, ngi_arena *keep, const ngi_doc *body,
			    ngi_features *out);

/* Names stored and printed (declared in store.h): entity types "person",
 * "organization", "place", "event"; granularities "minute" ... "century"
 * (NULL for none); anchors "none", "absolute", "publication", "text",
 * "story". */

/* One queued record. Strings are owned by the engine's batch arena. */
typedef struct ngi_pending {
	const char *id, *url, *title, *outlet, *lang_hint, *published, *source;
	long long record_no, offset;
	int published_source; /* ngi_pub_source */
	int32_t day;          /* of published as read; features.day after inference */
	const char *text;
	size_t text_len;
	uint64_t record_hash;
	ngi_features f;
	ng_status status;     /* of feature computation */
	/* The copy edges found by the copy stage of a distributed ingest
	 * (copy_stage.c), taken as they are (ngi_link_replay) instead of
	 * searched again: 0 none given (searched), NGI_COPIES_STORED (the
	 * article is stored as copies_seq with these edges) or
	 * NGI_COPIES_UNCHANGED (its content is stored already). */
	int copies_given;
	uint32_t copies_seq;
	int n_copies;
	const ngi_copy_edge *copies;
	/* The earlier claim each of its claims repeats (0: none), found by
	 * the claim stage of a distributed ingest (claim_stage.c) and taken
	 * instead of searched again when claims_given. */
	int claims_given;
	const uint64_t *claim_matches;
} ngi_pending;

enum { NGI_COPIES_STORED = 1, NGI_COPIES_UNCHANGED = 2 };

#define NGI_MAX_THREADS 64

/* A batch of records: queued, then analysed, then linked and stored. */
typedef struct ngi_batch {
	ngi_pending *pending;
	size_t n;
	ngi_arena strings;                /* the records' strings */
	ngi_arena keep[NGI_MAX_THREADS];  /* features, one arena per thread */
	pthread_t threads[NGI_MAX_THREADS];
	int n_threads;                    /* started and not yet joined */
	atomic_size_t next;               /* next record to analyse */
} ngi_batch;

/* ids.c: the ids stored, for idempotency. */
typedef struct ngi_ids {
	ngi_map ids;           /* hash of article id -> seq + 1 */
	/* hash of an id -> the first n whose "ID~n" may be free; hash of an
	 * id mixed with a content's record hash -> 1 when that content is
	 * stored under one of the variants below it */
	ngi_map variant_from, variant_content;
	uint64_t *record_hash; /* by seq */
	size_t n, cap;         /* articles stored */
} ngi_ids;

struct ng_engine {
	ng_config config;
	ngi_diag_sink diag;
	ngi_store *store;
	ngi_link *link;
	ngi_ids ids;
	ngi_batch batches[2];
	int filling;           /* the batch records are queued into */
	int waiting;           /* analysed (or being analysed), not linked; -1 */
	ngi_worker *workers;
	int n_workers;
	int broken;            /* a store failure left memory ahead of disk */
	unsigned rows_elsewhere; /* tables (NGI_ROWS_*, store.h) a row stage
				  * writes (row_stage.c), not the article's
				  * linking */
	struct ngi_said_state *said; /* quote groups and claims (said_link.c) */
	ngi_arena query;       /* strings handed out by queries */
	char err[1024];
};

/* ---- status.c: the bottom layer, calls nothing of the engine ---------- */
/* Sets the detail ng_errmsg gives and returns st. */
ng_status ngi_engine_fail(ng_engine *e, ng_status st, const char *fmt, ...)
	NGI_PRINTF(3, 4);

/* ---- ids.c: stored ids and contents, for idempotency ---------------------- */
void ngi_ids_init(ngi_ids *ids);
void ngi_ids_free(ngi_ids *ids);
/* Records a stored article's id (seq is the next one). */
ng_status ngi_ids_remember(ngi_ids *ids, const char *id, uint64_t record_hash);
/* Where a record of this id and content goes: *id_out = id when the id is
 * free; NULL when the same content is stored under id or one of its
 * variants "ID~N" (unchanged); else the first free variant, copied into a. */
ng_status ngi_ids_place(ngi_ids *ids, const char *id, uint64_t record_hash,
			ngi_arena *a, const char **id_out);

/* ---- ingest.c: queueing, batches, analysis threads, link and store -------
 * engine.c calls these; ingest.c calls only status.c and ids.c (and the
 * stages below src/engine/). */

/* Copies a record into the filling batch (repairing UTF-8, normalising the
 * date); hands the batch to the workers when it is full. */
ng_status ngi_engine_queue(ng_engine *e, const ngi_record *r,
			   ng_ingest_stats *stats);

/* ---- the seams of the distributed ingest (src/dist/, docs/SCALE.md) -------
 * A record read in one process is made a queued one and analysed there,
 * sent to the process that links (engine/pending_wire.c), and linked and
 * stored there in input order: the same three steps as a batch of
 * ngi_engine_queue, taken apart. */

/* A record as ngi_engine_queue queues it: strings copied into a, UTF-8
 * repaired, the published date normalised, the record hash; diagnostics
 * to diag and counts (records, failed, invalid_utf8) to stats as the queue
 * makes them. NG_ERR_TOOBIG: the text is longer than NG_MAX_TEXT_BYTES
 * (reported and counted as failed); NG_ERR_NOMEM. */
ng_status ngi_pending_make(ngi_diag_sink *diag, ngi_arena *a,
			   const ngi_record *r, ngi_pending *p,
			   ng_ingest_stats *stats);
/* Computes p's features into keep (p->status says how it went), as a
 * worker thread does; w's scratch is reset after. */
void ngi_pending_analyse(ngi_worker *w, ngi_arena *keep, ngi_pending *p);
/* Links and stores n analysed records, in order, in one transaction, as a
 * batch is (strings: where the link stage's own strings go, such as an id
 * variant; it must outlive the call). A record whose analysis failed is
 * reported and skipped; a failure rolls the transaction back and stops the
 * engine. What was added reaches stats once committed. */
ng_status ngi_engine_link_records(ng_engine *e, ngi_pending *p, size_t n,
				 ngi_arena *strings, ng_ingest_stats *stats);

/* What linking takes of an analysed record (link.h). */
ngi_link_article ngi_pending_link_article(const ngi_pending *p);

/* ---- copy_stage.c: the copy search apart from the rest of linking --------
 * The distributed ingest finds copies on one rank and links stories and
 * stores on another (docs/SCALE.md). The copy stage takes the analysed
 * records in input order, decides as the link stage does which are stored
 * (the ids, ngi_ids) and finds their copy edges as ngi_link_add would
 * (ngi_copy_finder), reading earlier articles' sentence sketches back from
 * a temporary file of its own (unnamed: gone with the process) instead of
 * the database. */
typedef struct ngi_copy_stage ngi_copy_stage;
/* err says why not (the scratch file's path and the system's reason). */
ng_status ngi_copy_stage_open(ngi_copy_stage **out, char *err, size_t errlen);
void ngi_copy_stage_close(ngi_copy_stage *s);
/* Sets p->copies_given and, when stored, copies_seq and the edges (copied
 * into a). A record whose analysis failed is left alone (the link stage
 * reports and skips it). */
ng_status ngi_copy_stage_add(ngi_copy_stage *s, ngi_pending *p, ngi_arena *a);

/* ---- claim_stage.c: which claim each claim repeats, apart from the rest ---
 * The distributed ingest searches the claims' index on the copy stage's
 * rank; the linking rank takes the matches and updates its own index the
 * same way (ngi_claim_place on both). */
extern const ngi_span_rule ngi_claim_rule;
/* The words a quote or claim passage sp of p is matched and indexed by,
 * with its speaker's or claimant's key; ngi_claim_sig for claim i. */
ngi_span_sig ngi_said_sig(const ngi_pending *p, const ngi_said_passage *sp,
			  const char *key);
ngi_span_sig ngi_claim_sig(const ngi_pending *p, size_t i);
typedef struct ngi_claim_placed {
	uint64_t id;      /* the claim it is a report of */
	uint64_t matched; /* the earlier claim its words matched, or 0 */
	int represents;   /* its words were added to the index for id */
	int is_new;       /* id is a new claim (the last one + 1) */
} ngi_claim_placed;
/* Places claim i of p (its words sig; ids: the claims of p before it)
 * in the claims' index x, whose last claim is *last: the claim it
 * restates, else the one it repeats (searched in x, or p->claim_matches[i]
 * when p->claims_given), else a new one. NG_ERR_INTERNAL for a given
 * match that is not a claim yet. */
ng_status ngi_claim_place(ngi_span_index *x, uint64_t *last,
			  const ngi_pending *p, size_t i, const uint64_t *ids,
			  const ngi_span_sig *sig, ngi_claim_placed *out);
typedef struct ngi_claim_stage ngi_claim_stage;
/* An empty index (the distributed ingest writes a new database). */
ng_status ngi_claim_stage_open(ngi_claim_stage **out);
void ngi_claim_stage_close(ngi_claim_stage *s);
/* For a record the copy stage stored (ngi_copy_stage_add first): its
 * claims placed, their matches in p->claim_matches (in a), claims_given
 * set. Others are left alone. */
ng_status ngi_claim_stage_add(ngi_claim_stage *s, ngi_pending *p, ngi_arena *a);

/* ---- row_stage.c: the rows that need no link decision, apart ------------
 * A stored article's entity mentions and its entities' counts depend on
 * the article alone, once the copy stage has said it is stored and as
 * which seq (not its dates: a relative one may lean on its story's). The
 * distributed ingest writes some of those tables
 * (NGI_ROWS_*, store.h) on the copy stage's rank, into a database file of
 * its own that the linking rank takes in at the end
 * (ngi_store_take_rows); that rank's engine leaves them out
 * (rows_elsewhere). */
typedef struct ngi_row_stage ngi_row_stage;
/* A new file in TMPDIR for the tables (NGI_ROWS_*), whose name is removed
 * at once: only s holds it, so it goes with the process however it ends.
 * err says why not. */
ng_status ngi_row_stage_open(ngi_row_stage **out, unsigned tables, char *err,
			     size_t errlen);
/* For a record the copy stage stored (ngi_copy_stage_add first): its rows
 * of the stage's tables written as the engine writes them. Others are
 * left alone. */
ng_status ngi_row_stage_add(ngi_row_stage *s, const ngi_pending *p);
/* Everything written and the database closed; *fd reads the finished
 * file, *bytes long, until ngi_row_stage_close. */
ng_status ngi_row_stage_finish(ngi_row_stage *s, int *fd, uint64_t *bytes);
/* What went wrong last, for a message. */
const char *ngi_row_stage_errmsg(const ngi_row_stage *s);
void ngi_row_stage_close(ngi_row_stage *s);

/* A queued, analysed record as bytes (appended to out) and back, read from
 * a message (base/wire.h) into a (pending_wire.c): every field and feature,
 * so that linking what was read back is linking the record itself. A
 * damaged message is NG_ERR_INPUT. */
struct ngi_wire_in;
ng_status ngi_pending_write(const ngi_pending *p, ngi_buf *out);
ng_status ngi_pending_read(struct ngi_wire_in *in, ngi_arena *a,
			   ngi_pending *out);

/* The bodies of ng_ingest_record, ng_ingest_path, ng_ingest_bytes and
 * ng_ingest_flush, on the library's own full-size structs; the public
 * functions (sized.c) copy the caller's sized structs in and the counts
 * out. */
ng_status ngi_ingest_record(ng_engine *e, const ng_record *r,
			    const char *source, ng_ingest_stats *stats);
ng_status ngi_ingest_path(ng_engine *e, const char *path,
			  ng_ingest_stats *stats);
ng_status ngi_ingest_bytes(ng_engine *e, const char *name, const void *bytes,
			   size_t len, ng_ingest_stats *stats);
ng_status ngi_ingest_flush(ng_engine *e, ng_ingest_stats *stats);

/* ---- said_link.c: who said what, in the link stage --------------------------
 * Quote groups and claims across articles, responses tied to claims,
 * stances; stored with the article. Calls nothing else of src/engine/
 * but claim_stage.c (where each claim goes). */
/* The indexes, restored from what the store holds. */
ng_status ngi_said_open(ng_engine *e);
void ngi_said_close(ng_engine *e);
/* Links and stores the quotes, claims, responses and stances of article
 * seq (stored already) of story. */
ng_status ngi_said_store(ng_engine *e, const ngi_pending *p, uint32_t seq,
			 uint32_t story);

/* JSON arrays of analyze and export (src/report/analyze.c): appends
 * ,"entities":[...] and ,"dates":[...] (offsets in code points). */
ng_status ngi_report_mentions_json(ngi_buf *b, const ngi_mention *m, size_t n);
ng_status ngi_report_timexes_json(ngi_buf *b, const char *text,
				  const ngi_timex *t, size_t n);

/* Sets up and frees the two batches and the workers' share of them. */
ng_status ngi_batches_init(ng_engine *e);
void ngi_batches_free(ng_engine *e);
/* Records queued and not yet committed. */
size_t ngi_engine_pending(const ng_engine *e);

#endif
