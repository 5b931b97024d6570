/*
 * claim_int.h: what the files of the claim finder share, and nothing
 * outside them uses.
 *
 * claim_lexicon.c reads the two cue lexicons (data/lexicons/claim_cues.tsv,
 * response_cues.tsv) once per process and marks the tokens of a document:
 * which cue starts at each token (the longest phrase of the document's
 * language) and which function words it is. claim_spans.c reads the
 * phrases around a cue (the subject before a verb, the agent after
 * "according to", the complement after "that") and ties them to the entity
 * mentions. claim_find.c makes the claims, response_find.c the responses,
 * claim_link.c ties each response to a claim; claims.c runs them in order.
 */
#ifndef NG_CLAIM_INT_H
#define NG_CLAIM_INT_H

#include "claims.h"

/* Kinds of lexicon entries: the three claim kinds share ngi_claim_kind's
 * numbers, the three stances ngi_response_stance's plus 10. */
enum {
	NGI_CW_ALLEGATION = NGI_CLAIM_ALLEGATION,
	NGI_CW_REPORT = NGI_CLAIM_REPORT,
	NGI_CW_ASSERTION = NGI_CLAIM_ASSERTION,
	NGI_CW_DENY = 10 + NGI_RESPONSE_DENY,
	NGI_CW_CONFIRM = 10 + NGI_RESPONSE_CONFIRM,
	NGI_CW_NOCOMMENT = 10 + NGI_RESPONSE_NO_COMMENT,
	/* a phrase that holds a cue word but is no cue ("yet to be
	 * confirmed", "false flag"): matched so that the shorter cue inside
	 * it is passed over */
	NGI_CW_NONE = 20,
};

/* Function-word classes of a token (bits). */
enum {
	NGI_FW_COMP = 1 << 0, /* that, dass, что: opens a complement clause */
	NGI_FW_SKIP = 1 << 1, /* which, who, has: between subject and verb */
	NGI_FW_DET = 1 << 2,  /* a, the, der: opens a noun phrase */
	NGI_FW_CONN = 1 << 3, /* by, of, and: inside a naming phrase */
	NGI_FW_PREP = 1 << 4, /* of, about, über: opens a claim noun's object */
	NGI_FW_NEG = 1 << 5,  /* not, nicht, не */
	NGI_FW_LINK = 1 << 6, /* is, are, as, als: before a predicate */
	NGI_FW_AS = 1 << 7,   /* the link words that mean "as" (dismissed as) */
	NGI_FW_DEM = 1 << 8,  /* these, those, diese, эти: before a claim noun,
			       * a pointer back to an earlier claim */
	NGI_FW_PART = 1 << 9, /* zurück, ab: a separable verb's particle */
	NGI_FW_PASS = 1 << 10, /* were, wurde, été: a passive's auxiliary */
};

/* Flags of a cue. */
enum {
	NGI_CF_THAT = 1 << 0,  /* takes a complement clause */
	NGI_CF_NEED = 1 << 1,  /* ... and is a claim only with one */
	NGI_CF_SUBJ = 1 << 2,  /* claimant/responder before the cue */
	NGI_CF_AGENT = 1 << 3, /* claimant after the cue */
	NGI_CF_NOUN = 1 << 4,  /* a claim noun */
	NGI_CF_ADV = 1 << 5,   /* an adverb or adjective: only when alone */
	NGI_CF_VERB = 1 << 6,  /* a response verb */
	NGI_CF_AS = 1 << 7,    /* needs "as" after it */
	NGI_CF_PRED = 1 << 8,  /* an adjective: needs a link word or a noun */
	NGI_CF_QUOTE = 1 << 9, /* the answer's own words */
	NGI_CF_PART = 1 << 10, /* needs its particle after it ("wies ...
				* zurück") */
	NGI_CF_PP = 1 << 11,   /* a participle: passive after an auxiliary
				* ("Russia was accused of") */
	NGI_CF_ADJ = 1 << 12,  /* may qualify a noun: the claim is its noun
				* phrase ("Trump's alleged connections") */
};

/* One cue matched at a token. */
typedef struct ngi_cue_mark {
	uint8_t kind;    /* NGI_CW_*, 0 when no cue starts here */
	uint8_t n_tok;   /* tokens the phrase covers */
	uint16_t flags;  /* NGI_CF_* */
	uint16_t fw;     /* NGI_FW_* of this token */
	uint8_t noun_kind; /* the kind of a claim noun matching here, or 0 */
	uint8_t pad;
} ngi_cue_mark;

/* Loads the lexicons once per process; NG_ERR_NOMEM when memory runs out
 * (the next call tries again). */
ng_status ngi_claim_lexicon_load(void);
/* How many lexicon lines were malformed and skipped (0 is right). */
size_t ngi_claim_lexicon_rejected(void);

/* Marks the tokens of doc: marks[i] for token i (n_tokens entries, in a).
 * A claim noun and a claim verb of one spelling ("claims", "reports") are
 * both kept: the verb in kind/flags, the noun in noun_kind. */
ng_status ngi_claim_marks(const ngi_doc *doc, ngi_arena *a,
			  ngi_cue_mark **out);

/* ---- claim_spans.c -------------------------------------------------------*/
/* What the finders share while they run over one document. */
typedef struct ngi_claim_run {
	const ngi_doc *doc;
	const ngi_cue_mark *mk;
	const ngi_mention *m;
	size_t nm;
	const ngi_quote *q;
	size_t nq;
	const uint32_t *tok_cp; /* ngi_claim_cp_table */
} ngi_claim_run;

/* A token range [first, last) and the mention it names, -1 when none. */
typedef struct ngi_phrase {
	uint32_t first, last;
	int32_t mention;
} ngi_phrase;

/* The subject phrase before token cue (the words naming who claims or
 * answers: "a new book by American journalist Bob Woodward", "US
 * intelligence agencies"); first == last when there is none. For a verb
 * (verb != 0) a relative word or auxiliary ("which", "has", "das") and
 * commas between it and the cue are passed over, and *skipped_rel says so;
 * a claim noun's phrase is the words right before it. */
ngi_phrase ngi_claim_subject(const ngi_claim_run *r, uint32_t cue, int verb,
			     int *skipped_rel);
/* The phrase after token at (the agent of "according to", the object of a
 * claim noun): up to a punctuation mark, a response cue, a link word ("are
 * false"), a claim noun when stop_at_noun ("claims of a call between ...
 * reports"; an agent may be one: "according to a report on Deepdotweb"),
 * or max_words words. */
ngi_phrase ngi_claim_after(const ngi_claim_run *r, uint32_t at,
			   uint32_t max_words, int stop_at_noun);
/* The mention, among those inside bytes [start, end), that names a
 * claimant or responder: the last person, else the last organisation,
 * else one ending at end; -1 when none. */
int32_t ngi_claim_mention_in(const ngi_claim_run *r, uint32_t start,
			     uint32_t end);
/* The nearest person or organisation mention that starts at or after byte
 * from and before byte to (dir > 0), or that ends at or before byte from
 * and starts at or after byte to (dir < 0); with person_only, a person
 * only; -1 when none. */
int32_t ngi_claim_mention_near(const ngi_claim_run *r, uint32_t from,
			       uint32_t to, int dir, int person_only);
/* The index of the quote holding byte at, or -1 (quotes reaching past the
 * text are ignored). */
int32_t ngi_claim_quote_at(const ngi_claim_run *r, uint32_t at);
/* The person or organisation that opens the sentence of token i (starts
 * within its first SUBJECT_OPEN tokens, before i): the subject of a verb
 * at the end of a clause ("Putin hat ... abgetan"); -1 when none. */
int32_t ngi_claim_sentence_subject(const ngi_claim_run *r, uint32_t i);
/* In a verb-second language (German, Dutch, the Nordic ones), the person
 * or organisation that starts at token i, the one right after a finite
 * verb: the subject when another phrase opens the clause ("In Bezug auf
 * die Vorwürfe ... wischte Putin die Behauptungen beiseite"); -1 when
 * none or in another language. */
int32_t ngi_claim_inverted_subject(const ngi_claim_run *r, uint32_t i);
/* Whether a demonstrative and a claim noun ("these allegations", "diese
 * Behauptungen", "эти обвинения") stand in tokens [from, to) of one
 * sentence. */
int ngi_claim_anaphora(const ngi_claim_run *r, uint32_t from, uint32_t to);
/* Whether a negation word stands one to three words before token i in
 * its sentence. */
int ngi_claim_negated(const ngi_claim_run *r, uint32_t i);
/* The code point offset of each token's start (n_tokens entries, in a),
 * for ngi_claim_cp; NULL when memory runs out. */
uint32_t *ngi_claim_cp_table(const ngi_doc *doc, ngi_arena *a);
/* The code point offset of byte offset b (a character boundary of the
 * text): from the nearest token start at or before it. */
uint32_t ngi_claim_cp(const ngi_claim_run *r, uint32_t b);

/* ---- the finders -----------------------------------------------------------*/
/* Appends the claims of the document to out[0..*n), at most cap. */
void ngi_claim_find_all(const ngi_claim_run *r, ngi_claim *out, size_t *n,
			size_t cap);
/* Appends the responses, at most cap. */
void ngi_response_find_all(const ngi_claim_run *r, ngi_response *out,
			   size_t *n, size_t cap);
/* A response's claim while the responses are found: its object points
 * back ("those allegations"), so it answers the nearest claim before it. */
#define NGI_CLAIM_PREVIOUS (-2)
/* Sets each response's claim. NG_ERR_NOMEM when scratch runs out. */
ng_status ngi_response_link(const ngi_claim_run *r, const ngi_claim *c,
			    size_t nc, ngi_response *resp, size_t nr,
			    ngi_arena *a);

#endif
