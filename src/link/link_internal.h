/*
 * link_internal.h: the two indexes behind link.h, each in its own file.
 *
 * copy_index.c: exact (content hash) and near-duplicate (MinHash LSH)
 * lookups over a time window of recent articles. story_index.c: the story
 * centroids, document frequencies and postings for online clustering, with
 * merges (story_merge.c), moves (story_move.c) and splits (story_split.c).
 * link.c ties them together in ngi_link_add and ngi_link_replay.
 */
#ifndef NG_LINK_INTERNAL_H
#define NG_LINK_INTERNAL_H

#include "../base/map.h"
#include "anchor_index.h"
#include "link.h"

/* ---- copies ----------------------------------------------------------------- */
/* The copy index holds a time window of articles (docs/LINKING.md):
 * NGI_COPY_WINDOW_DAYS of publication days back from the stream's current
 * day, the median day of the last NGI_COPY_RECENT dated articles; never more
 * than NGI_COPY_MAX_HELD articles whatever the dates say. */
#define NGI_COPY_WINDOW_DAYS 90
#define NGI_COPY_MAX_HELD ((uint32_t)1 << 21)
#define NGI_COPY_RECENT 63
#define NGI_COPY_CHAINS (NGI_LSH_BANDS + 1) /* the bands, then exact */

typedef struct ngi_copy_index {
	/* A ring by arrival: articles lo .. n - 1 are held, seq in slot
	 * seq % cap. Per slot: */
	ngi_minhash_bits *sigs; /* NGI_MINHASH_K stored minima */
	uint32_t *next;         /* NGI_COPY_CHAINS: seq + 1 of the article
				   before it in the same chain, 0 none */
	uint64_t *content;      /* content hash */
	int32_t *days;          /* publication day, or NGI_DAY_UNKNOWN */
	int32_t *window_day;    /* the day its window counts from */
	int64_t *times;         /* publication time, or NGI_TIME_UNKNOWN */
	uint32_t *outlets;      /* outlet key, 0 unknown */
	uint32_t *credits;      /* NGI_LINK_CREDITS credited outlet keys */
	uint8_t *flags;         /* NGI_HELD_* */
	size_t cap;
	uint32_t lo;
	size_t n;               /* articles ever added: the next seq */
	/* NGI_COPY_CHAINS tables of n_heads chain heads (seq + 1 of the newest
	 * article whose band, or content hash, lands there; 0 none). A chain
	 * runs newest first and ends at the first article no longer held. */
	uint32_t *heads;
	size_t n_heads;         /* a power of two, at least cap / 2 */
	/* the stream's current day: median of the last dated articles */
	int32_t recent[NGI_COPY_RECENT];   /* by arrival, a ring */
	int32_t recent_sorted[NGI_COPY_RECENT];
	uint32_t n_recent;      /* dated articles seen (ring position) */
	int32_t today;          /* NGI_DAY_UNKNOWN until NGI_COPY_RECENT seen */
	int32_t first_today;    /* window day of articles that came before */
	int window_days;        /* <= 0: no time window */
	uint32_t max_held;
	int days_only;          /* the copies are found elsewhere (copy_finder.c,
				   the distributed ingest): keep only the
				   stream's days and the window, not the
				   signatures, chains and anchors nobody reads */
	/* by seq, every article ever added: the earliest original known above
	 * it (itself when it copies nothing). reuse.c indexes it directly;
	 * read it through ngi_copy_index_root. */
	uint32_t *root;
	size_t cap_root;
	ngi_anchor_index anchors; /* quotes and sampled 4-grams -> articles */
	ngi_arena scratch;        /* fetched sketches, reset per article */
} ngi_copy_index;

void ngi_copy_index_init(ngi_copy_index *ci);
void ngi_copy_index_free(ngi_copy_index *ci);
/* Edges from the article about to become seq to earlier articles. */
int ngi_copy_index_find(const ngi_copy_index *ci, const ngi_link_article *a,
			uint32_t seq, double near_threshold,
			ngi_copy_edge *edges, int max_edges);
/* An edge from seq (about to be added, published on day) to other, turned
 * round when other is the later one (see copy_index.c for the rule). */
ngi_copy_edge ngi_copy_edge_make(const ngi_copy_index *ci, uint32_t seq,
				const ngi_link_article *a, uint32_t other,
				int kind, double score);
int ngi_copy_edge_has(const ngi_copy_edge *edges, int n, uint32_t seq,
		      uint32_t other);
/* reuse.c: rewrite and partial-reuse edges from anchor candidates verified
 * by passage alignment; appends to edges (n so far), returns the new n. */
ng_status ngi_reuse_find(ngi_copy_index *ci, const ngi_link_config *c,
			 const ngi_link_article *a, uint32_t seq,
			 ngi_copy_edge *edges, int *n, int max_edges);
/* Records the article as seq (must be the next seq), with the copy edges
 * decided for it (none when restoring). */
ng_status ngi_copy_index_add(ngi_copy_index *ci, const ngi_link_article *a,
			     uint32_t seq, const ngi_copy_edge *edges,
			     int n_edges);
/* Bytes held: the ring, the chain heads, the root array and the anchor
 * table (fixed). */
size_t ngi_copy_index_memory(const ngi_copy_index *ci);
/* Whether seq is still in the window (a candidate for new articles). */
int ngi_copy_index_holds(const ngi_copy_index *ci, uint32_t seq);
/* Publication day and time of a held article (by its seq, not its ring
 * slot); unknown once it has left the ring. */
int32_t ngi_copy_index_day(const ngi_copy_index *ci, uint32_t seq);
int64_t ngi_copy_index_time(const ngi_copy_index *ci, uint32_t seq);
/* Sets the credited outlet keys of seq when it is held. */
void ngi_copy_index_set_credits(ngi_copy_index *ci, uint32_t seq,
				const uint32_t credits[NGI_LINK_CREDITS]);
/* Articles in the window. */
size_t ngi_copy_index_held(const ngi_copy_index *ci);
/* The family original recorded for seq (seq itself when unknown). */
uint32_t ngi_copy_index_root(const ngi_copy_index *ci, uint32_t seq);

/* ---- stories ---------------------------------------------------------------- */
/* Cosines across languages (pivot bag against native bag) come out about
 * half as high as within one (docs/CROSSLINGUAL.md): scaled up when the
 * story has no article in the new article's language, and between two
 * members of different languages when a story is checked for a split. */
#define NGI_XLING_SCALE 2.0
/* A short item (ngi_link_short_item) is mostly names, places and numbers,
 * which meet across languages as they are: its cosine loses less in
 * translation than a full article's, and doubling it let one shared name
 * carry a headline into another event's story. Chosen on both halves of
 * the WMT21 titles (docs/CROSSLINGUAL.md). */
#define NGI_XLING_SCALE_SHORT 1.5

/* Two short items that share a word or two reach a cosine a full article
 * needs many shared words for (a headline's bag holds ten terms or so, and
 * one name gives several of them: its stem, its name, its entity key), so
 * a link between short items alone needs more: a short item joins a story
 * of short items only, and two such stories merge, at
 * NGI_SHORT_LINK_FACTOR times the threshold (0.23 for the default 0.20).
 * A short item joining a story of full articles, as FNC-1's one-line
 * bodies do, keeps the usual threshold. Chosen on both halves of the
 * WMT21 titles, 20 orders each (docs/CROSSLINGUAL.md). */
#define NGI_SHORT_LINK_FACTOR 1.15

/* Languages a story records; one with that many counts as holding every
 * language. 4 once: then a story told in four languages scaled nothing
 * across languages, and a headline in a fifth or the translations that
 * had started a story of their own could not join it (WMT21 titles, mean
 * of four orders: +0.010 / +0.013 on the halves with 8 or 16). */
#define NGI_STORY_LANGS 16

typedef struct ngi_story_state {
	uint32_t *terms;      /* sorted */
	float *weights;       /* sum over members of 1 + ln(tf) */
	float *unit;          /* sum over members of their unit tf-idf^2
				 vectors (as weighted when they joined) */
	uint32_t n_terms, cap_terms;
	uint32_t size;
	int32_t first_day, last_day;
	double norm;          /* cached idf-weighted norm */
	uint64_t norm_docs;   /* document count when norm was computed; 0 = stale */
	uint32_t stamp;       /* candidate dedupe */
	float overlap;        /* candidate proxy score during one query */
	uint32_t merged_into; /* 0 while the story lives */
	uint32_t checked_size; /* size at the last merge check */
	uint64_t last_arrival; /* articles counted when it last grew */
	uint16_t langs[NGI_STORY_LANGS]; /* languages of its articles (the first NGI_STORY_LANGS) */
	uint16_t lang_n[NGI_STORY_LANGS]; /* its articles in each of them
					     (a language leaves with its last
					     article; held for good past
					     UINT16_MAX) */
	uint32_t n_full;      /* its articles that are no short item (they
				 follow members as the languages do, so a
				 reopened story counts what it held) */
	uint8_t retired;      /* closed and its centroid freed (see below) */
	uint32_t *members;    /* seqs of its articles, while open */
	uint32_t n_members, cap_members;
	uint32_t moves_size;  /* size at the last check for misplaced members */
} ngi_story_state;

typedef struct ngi_posting_list {
	uint32_t *stories;
	uint32_t n, cap;
} ngi_posting_list;

typedef struct ngi_story_index {
	ngi_story_state *stories; /* story id s is stories[s - 1] */
	uint32_t n, cap;
	ngi_map df;               /* term -> documents containing it */
	uint64_t n_docs;
	ngi_map postings;         /* term -> index into lists */
	ngi_posting_list *lists;
	size_t n_lists, cap_lists;
	uint32_t stamp;
	uint64_t next_sweep;      /* n_docs at which stories are next retired */
	uint32_t n_retired;       /* stories retired so far */
} ngi_story_index;

/* Whether a story holds short items only (NGI_SHORT_LINK_FACTOR). */
static inline int ngi_story_short_only(const ngi_story_state *s)
{
	return s->size > 0 && s->n_full == 0;
}

void ngi_story_index_init(ngi_story_index *si);
void ngi_story_index_free(ngi_story_index *si);
/* Counts the article's terms into the document frequencies. */
ng_status ngi_story_index_count(ngi_story_index *si, const ngi_link_article *a);
/* Long streams stay bounded: every NGI_STORY_SWEEP articles, stories
 * whose last article is more than NGI_STORY_KEEP_WINDOWS story windows
 * before today (the stream's current day, NGI_DAY_UNKNOWN when not known)
 * or that have not grown for NGI_STORY_MAX_IDLE articles (undated streams)
 * are retired: their centroids are freed and the posting lists dropping
 * them (and stories merged away) are compacted. A retired story takes no
 * new article by similarity; a copy of one of its articles, or a restore,
 * opens it again. */
#define NGI_STORY_SWEEP 4096
#define NGI_STORY_KEEP_WINDOWS 2
#define NGI_STORY_MAX_IDLE ((uint64_t)1 << 20)
ng_status ngi_story_index_retire(ngi_story_index *si, int32_t today,
				 int window_days);
/* Best story for the article (0 if none) and its cosine. */
ng_status ngi_story_index_best(ngi_story_index *si, const ngi_link_article *a,
			       int window_days, uint32_t *story,
			       double *score);
/* Adds the article to story (which may be n + 1: a new story). */
ng_status ngi_story_index_join(ngi_story_index *si, const ngi_link_article *a,
			       uint32_t story);
/* Merges story with the open story most like it when their average-link
 * similarity reaches threshold: the older (lower id) one absorbs the other.
 * *into and *from are the two ids, or 0 when nothing merged. */
ng_status ngi_story_index_merge(ngi_story_index *si, uint32_t story,
				double threshold, int window_days,
				uint32_t *into, uint32_t *from);
/* Records seq as a member of story (after ngi_story_index_join). */
ng_status ngi_story_index_add_member(ngi_story_index *si, uint32_t story,
				     uint32_t seq);
/* For a member of story with these terms and publication day: the open
 * story in the window that fits it at threshold or better and better than
 * the rest of its own story does, or 0 (see story_move.c). */
uint32_t ngi_story_index_better(ngi_story_index *si, uint32_t story,
				const ngi_term *terms, uint32_t n, int32_t day,
				int window_days, double threshold);
/* Moves member seq with these terms, publication day, language (0
 * unknown) and whether it is a short item from story from to story to
 * (which may be n + 1: a new story). */
ng_status ngi_story_index_move(ngi_story_index *si, uint32_t from, uint32_t to,
			       uint32_t seq, const ngi_term *terms, uint32_t n,
			       int32_t day, uint16_t lang, int short_item);
/* A term's weight on one side of the cosine under today's statistics (idf
 * squared), and the weight of a term frequency (for cosines between
 * members). */
double ngi_story_index_idf2(const ngi_story_index *si, uint32_t term);
double ngi_story_index_tf(uint32_t count);
/* The live story a (possibly merged) story id now belongs to. */
uint32_t ngi_story_index_live(const ngi_story_index *si, uint32_t story);
/* Makes room for story ids up to n (placeholders for ids merged away before
 * a restore). */
ng_status ngi_story_index_reserve(ngi_story_index *si, uint32_t n);
size_t ngi_story_index_memory(const ngi_story_index *si);

/* A member of a story being checked, read back from the store (link.c). */
typedef struct ngi_member {
	uint32_t seq;
	uint32_t n_terms;
	ngi_term *terms;   /* sorted by term */
	int32_t day;
	uint16_t lang;     /* ngi_link_lang, 0 unknown */
	uint32_t group;    /* its group when the story is split */
	int moved;
} ngi_member;

/* story_split.c: the cosines of n members' tf-idf^2 vectors under today's
 * idf, into sim (n x n, row-major); across two known languages doubled
 * (capped at 1), as a join scales the cosine of an article with a story of
 * another language. */
ng_status ngi_member_cosines(const ngi_story_index *si, const ngi_member *m,
			     uint32_t n, float *sim);
/* story_split.c: the groups among n members with pairwise cosines sim (n x
 * n, row-major): group[i] in 0 .. *n_groups - 1, numbered by first member.
 * Members are close by the mean of their cosine and the cosine of their
 * k-nearest-neighbour profiles; groups are cut at mean link cut. */
#define NGI_SPLIT_NEIGHBOURS 6
#define NGI_SPLIT_LINK 0.10
ng_status ngi_story_split_groups(const float *sim, uint32_t n, uint32_t k,
				 double cut, uint32_t *group, uint32_t *n_groups);

#endif
