/*
 * claim_lexicon.c: the cue lexicons of the claim finder, and the marks
 * they put on a document's tokens.
 *
 * data/lexicons/claim_cues.tsv and response_cues.tsv are read once per
 * process into one table of entries (language, phrase words, kind, flags),
 * indexed by a hash map on the first word: exactly, or, for a first word
 * written with a final '*', by its prefix (each prefix length the lexicon
 * uses is tried, so a token costs a bounded number of lookups). Marking a
 * document keeps, at each token, the longest cue phrase of the document's
 * language that starts there (the first in file order among equals), the
 * claim noun that starts there if any, and the function-word classes of
 * the token. A document whose language the lexicons do not cover ("und")
 * is read with the entries of every language.
 */
#include "claim_int.h"

#include <stdlib.h>
#include <string.h>

#include "../base/data.h"
#include "../base/map.h"

#define MAX_WORDS 6
#define MAX_LANGS 32
#define MAX_PREFIX 64 /* bytes: longer prefix entries are ignored */

typedef struct lex_entry {
	char lang[8];
	uint8_t kind;     /* NGI_CW_*, or 0 for a function word */
	uint8_t n_words;
	uint8_t prefix;   /* bit w: word w is a prefix entry */
	uint16_t flags;   /* NGI_CF_* */
	uint16_t fw;      /* NGI_FW_* of a function word */
	const char *word[MAX_WORDS];
	uint16_t wlen[MAX_WORDS];
	int32_t next;     /* next entry with the same first-word key, -1 */
} lex_entry;

static lex_entry *entries;
static size_t n_entries;
static char *strings; /* the words of all entries, NUL-separated */
static ngi_map index_map;
static char langs[MAX_LANGS][8];
static size_t n_langs;
/* Per language (slot k of langs) and for all languages at once (slot
 * ANY_LANG, for a document in a language the lexicon does not have, whose
 * tokens every entry may match): bit L-1 of prefix_lens says some prefix
 * entry is L bytes; first_pairs holds the first two bytes of every entry's
 * first word (a bit per pair; a one-byte prefix entry sets every pair with
 * its byte). A token whose first two bytes are not set in its document's
 * slot starts no entry there and is passed without hashing, and only the
 * prefix lengths of that language are tried. */
#define ANY_LANG MAX_LANGS
static uint64_t prefix_lens[MAX_LANGS + 1];
static uint64_t first_pairs[MAX_LANGS + 1][65536 / 64];
static size_t n_rejected;    /* malformed lines, skipped */
static ngi_once lex_once = NGI_ONCE_INIT;

#define SEED_EXACT 0x636c61696d73ULL /* "claims" */
#define SEED_PREFIX 0x7072656669ULL  /* "prefi" */

static int field_is(const ngi_data_line *l, int f, const char *s)
{
	size_t n = strlen(s);
	return l->n_fields > f && l->field_len[f] == n &&
	       memcmp(l->field[f], s, n) == 0;
}

/* Whether the comma-separated list in field f holds word w. */
static int has_flag(const ngi_data_line *l, int f, const char *w)
{
	if (l->n_fields <= f)
		return 0;
	const char *s = l->field[f];
	size_t len = l->field_len[f], n = strlen(w), at = 0;
	while (at < len) {
		size_t e = at;
		while (e < len && s[e] != ',')
			e++;
		if (e - at == n && memcmp(s + at, w, n) == 0)
			return 1;
		at = e + 1;
	}
	return 0;
}

static const struct {
	const char *name;
	uint8_t kind;
	uint16_t fw;
} kinds[] = {
	{"allegation", NGI_CW_ALLEGATION, 0},
	{"report", NGI_CW_REPORT, 0},
	{"assertion", NGI_CW_ASSERTION, 0},
	{"deny", NGI_CW_DENY, 0},
	{"confirm", NGI_CW_CONFIRM, 0},
	{"nocomment", NGI_CW_NOCOMMENT, 0},
	{"none", NGI_CW_NONE, 0},
	{"comp", 0, NGI_FW_COMP},
	{"skip", 0, NGI_FW_SKIP},
	{"det", 0, NGI_FW_DET},
	{"conn", 0, NGI_FW_CONN},
	{"prep", 0, NGI_FW_PREP},
	{"neg", 0, NGI_FW_NEG},
	{"link", 0, NGI_FW_LINK},
	{"dem", 0, NGI_FW_DEM},
	{"part", 0, NGI_FW_PART},
	{"pass", 0, NGI_FW_PASS},
};

static const struct {
	const char *name;
	uint16_t flag;
} flag_names[] = {
	{"that", NGI_CF_THAT}, {"need", NGI_CF_NEED},   {"subj", NGI_CF_SUBJ},
	{"agent", NGI_CF_AGENT}, {"noun", NGI_CF_NOUN}, {"adv", NGI_CF_ADV},
	{"verb", NGI_CF_VERB}, {"as", NGI_CF_AS},       {"pred", NGI_CF_PRED},
	{"quote", NGI_CF_QUOTE}, {"part", NGI_CF_PART}, {"pp", NGI_CF_PP},
	{"adj", NGI_CF_ADJ},
};

static unsigned pair_of(const char *w, size_t n)
{
	return (unsigned)(unsigned char)w[0] << 8 |
	       (n > 1 ? (unsigned char)w[1] : 0u);
}

static void mark_pairs(size_t slot, const char *w, size_t n, int prefix)
{
	uint64_t *set = first_pairs[slot];
	if (n == 0)
		return;
	if (prefix && n == 1) {
		for (unsigned b = 0; b < 256; b++) {
			unsigned pr = (unsigned)(unsigned char)w[0] << 8 | b;
			set[pr / 64] |= 1ULL << (pr % 64);
		}
		return;
	}
	unsigned pr = pair_of(w, n);
	set[pr / 64] |= 1ULL << (pr % 64);
}

/* Whether a token of n bytes may start an entry of slot. */
static int may_start(size_t slot, const char *w, size_t n)
{
	unsigned pr = pair_of(w, n);
	return n && (first_pairs[slot][pr / 64] >> (pr % 64) & 1);
}

static uint64_t word_key(const char *w, size_t n, int prefix)
{
	return ngi_hash(w, n, prefix ? SEED_PREFIX : SEED_EXACT);
}

/* Parses one line into e (its words pointing into *sp, advanced); 0 when
 * the line is malformed (skipped and counted: the lexicon is ours, and
 * test_claims checks that no line was). */
static int parse_line(const ngi_data_line *l, lex_entry *e, char **sp)
{
	if (l->n_fields < 3 || l->field_len[0] == 0 || l->field_len[0] >= 8)
		return 0;
	memset(e, 0, sizeof *e);
	memcpy(e->lang, l->field[0], l->field_len[0]);
	size_t k;
	for (k = 0; k < NGI_ARRAY_LEN(kinds); k++)
		if (field_is(l, 2, kinds[k].name))
			break;
	if (k == NGI_ARRAY_LEN(kinds))
		return 0;
	e->kind = kinds[k].kind;
	e->fw = kinds[k].fw;
	for (size_t f = 0; f < NGI_ARRAY_LEN(flag_names); f++)
		if (has_flag(l, 3, flag_names[f].name))
			e->flags |= flag_names[f].flag;
	if (e->fw == NGI_FW_LINK && (e->flags & NGI_CF_AS))
		e->fw |= NGI_FW_AS;
	const char *p = l->field[1];
	size_t len = l->field_len[1], at = 0;
	while (at < len) {
		size_t end = at;
		while (end < len && p[end] != ' ')
			end++;
		if (end > at) {
			if (e->n_words == MAX_WORDS)
				return 0;
			size_t n = end - at;
			int pre = p[end - 1] == '*';
			if (pre)
				n--;
			if (n == 0 || (pre && n > MAX_PREFIX))
				return 0;
			memcpy(*sp, p + at, n);
			(*sp)[n] = '\0';
			e->word[e->n_words] = *sp;
			e->wlen[e->n_words] = (uint16_t)n;
			if (pre)
				e->prefix |= (uint8_t)(1u << e->n_words);
			e->n_words++;
			*sp += n + 1;
		}
		at = end + 1;
	}
	/* Function words are single words. */
	return e->n_words > 0 && (e->kind != 0 || e->n_words == 1);
}

static ng_status build(void)
{
	static const char *const files[] = {"lexicons/claim_cues.tsv",
					    "lexicons/response_cues.tsv"};
	size_t lines = 0, bytes = 0;
	for (size_t f = 0; f < NGI_ARRAY_LEN(files); f++) {
		const ngi_data_file *df = ngi_data_find(files[f]);
		if (!df)
			continue;
		ngi_data_line l = {0};
		size_t pos = 0;
		while (ngi_data_next_line(df, &pos, &l))
			lines++;
		bytes += df->len + 1;
	}
	lex_entry *es = calloc(lines ? lines : 1, sizeof *es);
	char *str = malloc(bytes + MAX_WORDS);
	ngi_map map;
	ngi_map_init(&map);
	if (!es || !str)
		goto nomem;
	char *sp = str;
	size_t n = 0;
	for (size_t f = 0; f < NGI_ARRAY_LEN(files); f++) {
		const ngi_data_file *df = ngi_data_find(files[f]);
		if (!df)
			continue;
		ngi_data_line l = {0};
		size_t pos = 0;
		while (n < lines && ngi_data_next_line(df, &pos, &l)) {
			lex_entry *e = &es[n];
			if (!parse_line(&l, e, &sp)) {
				n_rejected++;
				continue;
			}
			int pre = e->prefix & 1;
			uint64_t key = word_key(e->word[0], e->wlen[0], pre);
			uint64_t *head = ngi_map_get(&map, key);
			e->next = head ? (int32_t)*head : -1;
			if (ngi_map_put(&map, key, n))
				goto nomem;
			size_t k;
			for (k = 0; k < n_langs; k++)
				if (strcmp(langs[k], e->lang) == 0)
					break;
			if (k == n_langs && n_langs < MAX_LANGS)
				memcpy(langs[n_langs++], e->lang, 8);
			/* slot k when the language has one, and always ANY_LANG */
			size_t slots[2] = {k, ANY_LANG};
			for (size_t j = k < n_langs ? 0 : 1; j < 2; j++) {
				if (pre)
					prefix_lens[slots[j]] |= 1ULL
								 << (e->wlen[0] - 1);
				mark_pairs(slots[j], e->word[0], e->wlen[0], pre);
			}
			n++;
		}
	}
	entries = es;
	n_entries = n;
	strings = str;
	index_map = map;
	return NG_OK;
nomem:
	free(es);
	free(str);
	ngi_map_free(&map);
	memset(prefix_lens, 0, sizeof prefix_lens);
	memset(first_pairs, 0, sizeof first_pairs);
	n_langs = 0;
	n_rejected = 0;
	return NG_ERR_NOMEM;
}

ng_status ngi_claim_lexicon_load(void)
{
	return ngi_once_run(&lex_once, build);
}

size_t ngi_claim_lexicon_rejected(void)
{
	return ngi_claim_lexicon_load() == NG_OK ? n_rejected : 0;
}

static int word_matches(const ngi_token *t, const lex_entry *e, int w)
{
	if (!t->norm || (t->kind != NGI_TOK_WORD && t->kind != NGI_TOK_NUMBER))
		return 0;
	size_t n = e->wlen[w];
	if (e->prefix & (1u << w))
		return t->norm_len >= n && memcmp(t->norm, e->word[w], n) == 0;
	return t->norm_len == n && memcmp(t->norm, e->word[w], n) == 0;
}

/* Whether entry e's phrase matches at token i (its first word already
 * found by its key): the rest follow as words of the same sentence. */
static int phrase_matches(const ngi_doc *d, size_t i, const lex_entry *e)
{
	if (i + e->n_words > d->n_tokens)
		return 0;
	for (int w = 0; w < e->n_words; w++) {
		const ngi_token *t = &d->tokens[i + (size_t)w];
		if (t->sentence != d->tokens[i].sentence || !word_matches(t, e, w))
			return 0;
	}
	return 1;
}

/* Applies the chain of entries from head to the mark of token i. */
static void apply_chain(const ngi_doc *d, size_t i, int64_t head,
			const char *lang, ngi_cue_mark *mk, int32_t *best)
{
	for (int64_t x = head; x >= 0; x = entries[x].next) {
		const lex_entry *e = &entries[x];
		if (lang && strcmp(e->lang, lang) != 0)
			continue;
		if (!phrase_matches(d, i, e))
			continue;
		if (e->kind == 0) {
			mk->fw |= e->fw;
			continue;
		}
		if (e->flags & NGI_CF_NOUN) {
			if (!mk->noun_kind)
				mk->noun_kind = e->kind;
			continue;
		}
		/* Longest phrase; among equals the first in file order. */
		if (*best < 0 || e->n_words > mk->n_tok ||
		    (e->n_words == mk->n_tok && x < *best)) {
			*best = (int32_t)x;
			mk->kind = e->kind;
			mk->n_tok = e->n_words;
			mk->flags = e->flags;
		}
	}
}

ng_status ngi_claim_marks(const ngi_doc *doc, ngi_arena *a,
			  ngi_cue_mark **out)
{
	ng_status st = ngi_claim_lexicon_load();
	if (st)
		return st;
	ngi_cue_mark *mk = ngi_arena_zalloc(
		a, (doc->n_tokens ? doc->n_tokens : 1) * sizeof *mk);
	if (!mk)
		return NG_ERR_NOMEM;
	const char *lang = NULL;
	size_t slot = ANY_LANG;
	for (size_t k = 0; k < n_langs; k++)
		if (strcmp(langs[k], doc->lang) == 0) {
			lang = langs[k];
			slot = k;
		}
	for (size_t i = 0; i < doc->n_tokens; i++) {
		const ngi_token *t = &doc->tokens[i];
		if (!t->norm || t->kind == NGI_TOK_PUNCT ||
		    !may_start(slot, t->norm, t->norm_len))
			continue;
		int32_t best = -1;
		uint64_t *v = ngi_map_get(&index_map,
					  word_key(t->norm, t->norm_len, 0));
		if (v)
			apply_chain(doc, i, (int64_t)*v, lang, &mk[i], &best);
		for (size_t l = 1; l <= MAX_PREFIX && l <= t->norm_len; l++) {
			if (!(prefix_lens[slot] & (1ULL << (l - 1))))
				continue;
			v = ngi_map_get(&index_map, word_key(t->norm, l, 1));
			if (v)
				apply_chain(doc, i, (int64_t)*v, lang, &mk[i],
					    &best);
		}
	}
	*out = mk;
	return NG_OK;
}
