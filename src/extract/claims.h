/*
 * claims.h: what one article says was claimed, and how someone answered.
 *
 * Claims are the allegations, reports and assertions an article relays,
 * found by their cues ("a book ... asserts that", "X alleged", "according
 * to Y", "reports claimed", "behauptet", "сообщили"), each with its claimant.
 * Responses are the sentences that answer a claim: denials ("denied",
 * "refuted", "no contacts", "utter nonsense", "pure fiction", "groundless",
 * "Unsinn", "bestritten", "smentito", "опроверг"), confirmations and
 * refusals to comment, each with who responded and, when the article says,
 * which of its claims it answers.
 *
 * Pure per document (runs on the analysis threads); the cue lexicons are
 * data files (data/lexicons/), loaded once per process. Linear in the text.
 * Linking a claim across articles and stories is src/link's job.
 */
#ifndef NG_CLAIMS_H
#define NG_CLAIMS_H

#include "../base/base.h"
#include "../text/text.h"
#include "entities.h"
#include "quotes.h"

typedef enum ngi_claim_kind {
	NGI_CLAIM_ALLEGATION = 1, /* "alleged", "accused", "behauptet" */
	NGI_CLAIM_REPORT = 2,     /* "reports claimed", "according to", "сообщили" */
	NGI_CLAIM_ASSERTION = 3,  /* "asserts that", "suggested that" */
} ngi_claim_kind;

typedef struct ngi_claim {
	/* What is claimed: bytes into doc->text, end exclusive, and the same
	 * in code points; the sentence holding it. */
	uint32_t start, end;
	uint32_t cp_start, cp_end;
	uint32_t sentence;
	uint8_t kind;             /* ngi_claim_kind */
	/* The claimant: index into the mentions passed in, -1 when none is a
	 * named entity; and the words naming it here ("a book by American
	 * journalist Bob Woodward", "Western media", "reports"), bytes;
	 * start == end when the article names none. */
	int32_t claimant;
	uint32_t claimant_start, claimant_end;
	uint32_t cue_start, cue_end; /* the cue word(s), bytes */
	/* The earlier claim of this article that this one restates, when
	 * its sentence points back with a demonstrative and a claim noun
	 * ("These allegations were highlighted in a book by Bob Woodward,
	 * which asserts that ..."): index into the claims, -1 when none. A
	 * response to either answers both. */
	int32_t same_as;
} ngi_claim;

typedef enum ngi_response_stance {
	NGI_RESPONSE_DENY = 1,
	NGI_RESPONSE_CONFIRM = 2,
	NGI_RESPONSE_NO_COMMENT = 3,
} ngi_response_stance;

typedef struct ngi_response {
	/* The evidence: the sentence (or the quote) that responds, bytes and
	 * code points. */
	uint32_t start, end;
	uint32_t cp_start, cp_end;
	uint32_t sentence;
	uint8_t stance;           /* ngi_response_stance */
	/* Who responded: mention index or -1; the words naming them here. */
	int32_t responder;
	uint32_t responder_start, responder_end;
	uint32_t cue_start, cue_end; /* "denied", "pure fiction", "Unsinn" */
	/* The claim of this article it answers (index into its claims), -1
	 * when the article does not say. */
	int32_t claim;
} ngi_response;

/* Caps per document; the rest of a longer one is dropped. */
#define NGI_CLAIMS_MAX 1000
#define NGI_RESPONSES_MAX 1000

typedef struct ngi_claims {
	ngi_claim *claims;
	size_t n_claims;
	ngi_response *responses;
	size_t n_responses;
} ngi_claims;

/* Finds the claims and responses of doc (analysed; doc->lang picks the
 * lexicon), given its mentions m[0..nm) and quotes q[0..nq) (quotes.h: a
 * denial inside a quote is answered by the quote's speaker), in text order,
 * into arrays in a. *out is untouched on failure (NG_ERR_NOMEM). */
ng_status ngi_claims_find(const ngi_doc *doc, const ngi_mention *m, size_t nm,
			  const ngi_quote *q, size_t nq, ngi_arena *a,
			  ngi_claims *out);

/* The content words of bytes [start, end) of doc (a claim's content, to
 * match claims across articles): the folded forms (tok->norm) of its
 * words that are not stopwords of doc->lang, each once, in text order,
 * at most max (O(n * max): keep max small, 64 is plenty); pointers into
 * doc's tokens. Returns how many were written to out. */
size_t ngi_claim_words(const ngi_doc *doc, uint32_t start, uint32_t end,
		       const char **out, size_t max);

#endif
