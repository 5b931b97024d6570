/*
 * stance.h: the stance of a text toward a claim (FNC-1's four classes).
 *
 * A claim is one sentence (an FNC-1 headline, a claim of a story); a body is
 * an article. Each side is analysed once (src/text/text.h) and prepared once
 * into an ngi_stance_text (its terms with positions, sentences, cue words
 * near each word, hashed context), in time linear in the text; a pair is
 * then classified in a few microseconds: word and stem overlap, TF-IDF
 * cosine, overlap with the lead and with the best sentence, bigram and
 * number overlap, refuting, denial, hedging, negation and support cues
 * (data/lexicons/stance_cues.tsv, one column per language) in the body, near
 * the claim's words and in the claim itself, and hashed words. The model is
 * a two-stage linear one (related or not; then agree, disagree or discuss)
 * trained by tools/train_stance.c with liblinear and embedded as
 * data/models/stance.model; it is read once per process and evaluated here,
 * so the library does not link liblinear. docs/STANCE.md has the details.
 *
 * Threads: the model and cue tables are built once (ngi_once); prepared
 * texts are read-only, so any number of threads may classify at once.
 * Ownership: a prepared text lives in the arena it was prepared in and
 * borrows nothing from the ngi_doc (which may be freed).
 */
#ifndef NG_STANCE_H
#define NG_STANCE_H

#include "../text/text.h"

enum {
	NGI_STANCE_AGREE = 0,
	NGI_STANCE_DISAGREE = 1,
	NGI_STANCE_DISCUSS = 2,
	NGI_STANCE_UNRELATED = 3,
	NGI_STANCE_N_LABELS = 4
};

typedef struct ngi_stance_result {
	int label;      /* NGI_STANCE_* */
	float score[4]; /* probabilities by label, summing to 1 */
} ngi_stance_result;

typedef struct ngi_stance_text ngi_stance_text;

/* Prepares an analysed text (a claim or a body) for classification; the
 * result lives in a. Loads the embedded model on first use: NG_ERR_INTERNAL
 * when it is missing or malformed, NG_ERR_NOMEM. Texts of any length work;
 * past NGI_STANCE_MAX_WORDS words the rest is ignored. */
ng_status ngi_stance_prepare(const ngi_doc *doc, ngi_arena *a,
			     ngi_stance_text **out);

/* The stance of body toward claim (both prepared). Deterministic; never
 * fails on prepared input (NG_ERR_INTERNAL only if the model is missing). */
ng_status ngi_stance_classify(const ngi_stance_text *claim,
			      const ngi_stance_text *body,
			      ngi_stance_result *out);

/* A deep copy of prepared text t into a (stance_copy.c). NG_ERR_NOMEM. */
ng_status ngi_stance_text_copy(const ngi_stance_text *t, ngi_arena *a,
			       ngi_stance_text **out);

/* A prepared text as bytes appended to out, and read back from a message
 * (base/wire.h) into a: the distributed ingest sends them from the process
 * that analysed the article to the one that links it (stance_copy.c).
 * Reading a damaged message is NG_ERR_INPUT. */
struct ngi_wire_in;
ng_status ngi_stance_text_write(const ngi_stance_text *t, ngi_buf *out);
ng_status ngi_stance_text_read(struct ngi_wire_in *in, ngi_arena *a,
			       ngi_stance_text **out);

/* The language of a prepared text (ISO 639-1 or "und"). */
const char *ngi_stance_lang(const ngi_stance_text *t);

/* "agree", "disagree", "discuss", "unrelated"; "?" for anything else. */
const char *ngi_stance_name(int label);
/* The label of a name above (case-insensitive), or -1. */
int ngi_stance_parse(const char *name, size_t len);

#define NGI_STANCE_MAX_WORDS 50000

#endif
