/*
 * link.h: the stateful stage: copies and stories, applied in input order.
 *
 * Every article that reaches the link stage gets a dense sequence number
 * (0, 1, 2, ... in arrival order; the store keeps it as the row id minus
 * one). ngi_link_add decides, for the next article, its copy edges (exact
 * content-hash matches and MinHash/LSH near-duplicates) and its story (an
 * online single-pass clustering: TF-IDF cosine against story centroids
 * found through an inverted index, within a time window). Given the same
 * articles in the same order, the decisions are the same: nothing here
 * depends on threads, addresses or time of day.
 *
 * A story that grows may merge with an older one it has come to resemble
 * (average link): the caller then moves the merged story's articles.
 *
 * ngi_link_replay replays a stored article (reopening a database) with the
 * copy edges it was given, running the story stage again, so a later ingest
 * continues exactly where the last one ended; ngi_link_restore records a
 * stored story without deciding anything (the fallback when replaying does
 * not give back what the store holds).
 */
#ifndef NG_LINK_H
#define NG_LINK_H

#include "../sketch/sketch.h"
#include "align.h"

#define NGI_DAY_UNKNOWN INT32_MIN
#define NGI_TIME_UNKNOWN INT64_MIN

typedef enum ngi_copy_kind {
	NGI_COPY_EXACT = 1,   /* the same words */
	NGI_COPY_NEAR = 2,    /* most word sequences shared (MinHash) */
	NGI_COPY_REWRITE = 3, /* reworded throughout, same facts in order */
	NGI_COPY_PARTIAL = 4  /* a block of one inside the other */
} ngi_copy_kind;

const char *ngi_copy_kind_name(int kind);
/* The kind a stored name stands for, 0 for none. */
int ngi_copy_kind_of(const char *name);

/* Why the original is the original. */
typedef enum ngi_copy_why {
	NGI_WHY_EARLIER_PUBLISHED = 1, /* both dated, the original first */
	NGI_WHY_EARLIER_INGESTED = 2,  /* no better evidence: arrival order */
	NGI_WHY_CONTAINMENT = 3,       /* the copy's quotes and content lie
					  inside the original, not the reverse */
	NGI_WHY_FAMILY = 4,            /* the copy was already known to copy
					  an identical twin of the original */
	NGI_WHY_CREDIT = 5             /* the copy credits the original's
					  outlet ("(Reuters)", "according to
					  TASS"), not the reverse */
} ngi_copy_why;

const char *ngi_copy_why_name(int why);
/* The why a stored name stands for, 0 for none. */
int ngi_copy_why_of(const char *name);

/* One piece of evidence for a rewrite or partial edge: a passage aligned in
 * both articles, or a quotation both carry word for word. Offsets are bytes
 * in each article's text. */
typedef enum ngi_evidence_kind {
	NGI_EVIDENCE_PASSAGE = 1,
	NGI_EVIDENCE_QUOTE = 2
} ngi_evidence_kind;

const char *ngi_evidence_kind_name(int kind);

#define NGI_MAX_EVIDENCE 6

typedef struct ngi_evidence {
	uint8_t kind;
	uint32_t copy_start, copy_end;
	uint32_t original_start, original_end;
	float score;          /* passage similarity; 1 for a quote */
} ngi_evidence;

typedef struct ngi_copy_edge {
	uint32_t copy;      /* seq of the copy */
	uint32_t original;  /* seq of the original */
	uint8_t kind;       /* ngi_copy_kind */
	uint8_t why;        /* ngi_copy_why */
	float score;        /* 1 exact; Jaccard estimate near; see reuse.c */
	uint8_t n_evidence;
	ngi_evidence evidence[NGI_MAX_EVIDENCE];
} ngi_copy_edge;

/* Credited outlets kept per article for direction (the first ones found,
 * known wires first). */
#define NGI_LINK_CREDITS 2

/* What linking needs to know of an article. Pointers are borrowed. */
typedef struct ngi_link_article {
	uint64_t content_hash;      /* 0: no words */
	const uint32_t *minhash;    /* NGI_MINHASH_K values, or NULL */
	const ngi_term *terms;
	uint32_t n_terms;
	int32_t day;                /* days since 1970-01-01, or NGI_DAY_UNKNOWN */
	int64_t time;               /* seconds since the epoch, or NGI_TIME_UNKNOWN */
	uint16_t lang;              /* ISO 639-1 as two bytes ('e' << 8 | 'n'), 0 unknown */
	const uint64_t *anchors;    /* verbatim anchors, quotations first */
	uint32_t n_anchors, n_quote_anchors;
	const ngi_text_sketch *sketch; /* NULL when restoring */
	uint32_t outlet;            /* ngi_outlet_key of its own outlet, 0 unknown */
	uint32_t credits[NGI_LINK_CREDITS]; /* outlet keys it credits, 0 none
				       (src/extract/credits.h) */
	uint8_t short_item;         /* ngi_link_short_item of its text */
} ngi_link_article;

/* A short item: a text of one or two sentences and few words (a headline
 * fed alone, a blurb, a ticker line). Its few words (a country, a person,
 * "earthquake") fit many events, and only its day tells two of them apart:
 * it joins a story only when its day is within NGI_SHORT_ITEM_DAYS of the
 * story's days (when both are known), not the whole story window. */
#define NGI_SHORT_ITEM_SENTENCES 2
#define NGI_SHORT_ITEM_WORDS 60
#define NGI_SHORT_ITEM_DAYS 2

static inline uint8_t ngi_link_short_item(long long n_words, long long n_sentences)
{
	return n_words > 0 && n_words <= NGI_SHORT_ITEM_WORDS &&
	       n_sentences <= NGI_SHORT_ITEM_SENTENCES;
}

/* The two-byte language code of ngi_link_article.lang. */
static inline uint16_t ngi_link_lang(const char *iso)
{
	return iso && iso[0] && iso[1] && !iso[2] && iso[0] != 'u'
		       ? (uint16_t)((unsigned char)iso[0] << 8 | (unsigned char)iso[1])
		       : 0;
}

/* Reads back the sentence sketch of an earlier article (from the store), for
 * verifying a rewrite or partial-reuse candidate. NG_ERR_NOTFOUND skips the
 * candidate. */
typedef ng_status (*ngi_sketch_fetch_fn)(void *ctx, uint32_t seq,
					 ngi_arena *a, ngi_text_sketch *out);

/* Reads back the terms, publication day and language (ngi_link_lang, 0
 * unknown) of an earlier article (from the store), for checking whether it
 * sits in the right story. */
typedef ng_status (*ngi_terms_fetch_fn)(void *ctx, uint32_t seq, ngi_arena *a,
					ngi_term **terms, uint32_t *n_terms,
					int32_t *day, uint16_t *lang);

typedef struct ngi_link_config {
	double story_threshold;     /* cosine to join a story */
	int window_days;            /* stories idle longer are not joined */
	double near_threshold;      /* MinHash Jaccard for a near copy */
	double merge_threshold;     /* average link to merge two stories; 0 off */
	ngi_sketch_fetch_fn fetch_sketch; /* NULL: no rewrite/partial search */
	ngi_terms_fetch_fn fetch_terms;   /* NULL: members never move */
	void *fetch_ctx;
} ngi_link_config;

#define NGI_MAX_EDGES_PER_ARTICLE 16
typedef struct ngi_link_move {
	uint32_t seq, from, to;
	int split;                  /* to is a new story split off from: the
				       first move into it creates it */
} ngi_link_move;

typedef struct ngi_link_result {
	uint32_t seq;
	uint32_t story;             /* story id, 1-based */
	int new_story;
	double story_score;         /* cosine with the story joined, 1 if new */
	uint32_t merged_into;       /* after joining, story merged_from was */
	uint32_t merged_from;       /* merged into merged_into (0: no merge);
				       story is then merged_into */
	ngi_copy_edge edges[NGI_MAX_EDGES_PER_ARTICLE];
	int n_edges;
	/* earlier articles that moved to a better story or were split off
	 * into a new one, in order, before the merge (held by the link: valid
	 * until its next ngi_link_add) */
	const ngi_link_move *moves;
	int n_moves;
} ngi_link_result;

typedef struct ngi_link ngi_link;

ng_status ngi_link_new(const ngi_link_config *c, ngi_link **out);
void ngi_link_free(ngi_link *l);

/* Decides and records the next article. */
ng_status ngi_link_add(ngi_link *l, const ngi_link_article *a,
		       ngi_link_result *out);

/* Replays the next article as ngi_link_add decided it, given the copy edges
 * it found then (in the order it found them: ties between edges go to the
 * first): the story stage runs again (joins, splits, moves, merges, with
 * the same reads of earlier articles through fetch_terms), so after
 * replaying the stored articles in order the indexes are exactly those of
 * the run that stored them (docs/LINKING.md, "Reopening"). The copy search
 * itself is not run again: its result is the edges. NG_ERR_INPUT when an
 * edge does not join the next article to an earlier one. */
ng_status ngi_link_replay(ngi_link *l, const ngi_link_article *a,
			  const ngi_copy_edge *edges, int n_edges,
			  ngi_link_result *out);

/* The copy search alone (copy_finder.c): the edges ngi_link_add would find
 * for the next article, given the same articles before it in the same
 * order, recorded as ngi_link_add records them. The distributed ingest
 * finds copies on one rank and links stories with them (ngi_link_replay)
 * on another. Uses fetch_sketch and near_threshold of c. */
typedef struct ngi_copy_finder ngi_copy_finder;
ng_status ngi_copy_finder_new(const ngi_link_config *c, ngi_copy_finder **out);
void ngi_copy_finder_free(ngi_copy_finder *f);
ng_status ngi_copy_finder_add(ngi_copy_finder *f, const ngi_link_article *a,
			      ngi_copy_edge edges[NGI_MAX_EDGES_PER_ARTICLE],
			      int *n_edges);

/* Records an article whose story was decided earlier, without deciding
 * anything (reopening a store whose decisions cannot be replayed: an
 * approximate state; its copy edges, member checks and merges are lost).
 * Story ids come from the store: ids of stories merged away leave gaps. */
ng_status ngi_link_restore(ngi_link *l, const ngi_link_article *a,
			   uint32_t story);

/* The first seq still held for copy finding (articles first .. n - 1 are;
 * see docs/LINKING.md, "Time window"). */
uint32_t ngi_link_first_held(const ngi_link *l);
/* The copy edges will all be given (ngi_link_replay, from a copy stage
 * elsewhere): the copy index keeps only what the story stage reads of it
 * (the stream's day). Before the first article. */
void ngi_link_copies_given(ngi_link *l);

/* Sets the credited outlet keys of a held article (restoring: the store does
 * not keep them, so the engine reads the held articles' texts again). Does
 * nothing for an article no longer held. */
void ngi_link_set_credits(ngi_link *l, uint32_t seq,
			  const uint32_t credits[NGI_LINK_CREDITS]);

/* The live story of article seq (after merges and moves), 0 if unknown. */
uint32_t ngi_link_story_of(const ngi_link *l, uint32_t seq);

/* Number of articles and stories recorded. */
uint32_t ngi_link_articles(const ngi_link *l);
uint32_t ngi_link_stories(const ngi_link *l);

/* The first publication day of a story's articles, or NGI_DAY_UNKNOWN. */
int32_t ngi_link_story_first_day(const ngi_link *l, uint32_t story);

/* Bytes held by the indexes (for the benchmark). */
size_t ngi_link_memory(const ngi_link *l);

#endif
