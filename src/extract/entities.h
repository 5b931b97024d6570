/*
 * entities.h: named entities (people, organisations, places) in an analysed
 * document, each with a canonical key that is the same across languages and
 * scripts. Part of src/extract/, after src/text/ has cut the tokens.
 *
 * No statistical model: a rule-based recogniser over the tokens of
 * ngi_text_analyze (entity_mentions.c), curated word lists per language
 * (entity_lexicon.c), ICU transliteration to ASCII (translit.c) and a
 * phonetic key (entity_keys.c) that makes "Путина", "Putina", "Putin" and
 * "Putins" meet. The key of one word is, in order:
 *   1. ICU "Any-Latin; Latin-ASCII; Lower" of the folded word;
 *   2. a short suffix after an apostrophe cut ("Trump's", "Farage'a");
 *   3. in Slavic documents, a case ending with a consonant stripped
 *      (-om -em -ym -im -ego -ogo -emu -omu -ami -ach -ovi...), when at
 *      least 4 letters stay; a Polish locative's changed consonant put
 *      back ("Kanadzie" -> kanad, "Polsce" -> polsk); in Czech and Slovak
 *      a woman's -ová taken off ("Merkelová" -> merkel); in Slovene a
 *      possessive -ov- ("Trumpovega" -> trump);
 *   4. spelling folded: dzh/dz- -> j, sh sch sz -> s, zh rz -> z, ch kh -> h,
 *      cz -> c, ph -> f, th -> t, ck q -> k, x -> ks, w -> v, z -> s,
 *      c before a o u l r -> k, y j -> i;
 *   5. the skeleton: the first letter (but a j before a vowel), then the
 *      consonants but h, doubled ones collapsed, each run of vowels inside
 *      the word as one '_', final vowels dropped (vowels are where
 *      spellings and case endings differ most; keeping where they are
 *      keeps "Press" apart from "Paris").
 * So Vladimir, Wladimir, Владимир -> "vl_d_m_r"; Trump, Трамп, Тръмп ->
 * "tr_mp"; Kyiv, Київ, Kijów -> "k_v"; Johnson, Джонсон -> "ons_n". A mention's key is its words' keys
 * joined without a space ("Wielkiej Brytanii" and "Великобритания" both
 * "vlkbrtn"), except a person's, which is the key of the surname alone, so
 * "Putin" in one article and "Vladimir Putin" in another share one key.
 * The key trades precision for recall: short skeletons collide ("May",
 * "Mei" and "Mao" are all "m"). It is a matching key, not a name to show; the
 * display name is the longest form the article gives, or the curated full
 * name of a well-known person.
 *
 * Within an article, a surname alone or a first name alone (with a title:
 * "Russian President Vladimir") takes the person of the full name seen in
 * the same article, or of the curated list of well-known people.
 *
 * Ownership: everything a call returns lives in the arena passed in. An
 * ngi_entity_ctx holds the ICU transliterator, the lexicon and caches; it is
 * not thread-safe: one per thread.
 */
#ifndef NG_ENTITIES_H
#define NG_ENTITIES_H

#include "../base/base.h"
#include "../text/text.h"

typedef enum ngi_entity_type {
	NGI_ENT_NONE = 0,
	NGI_ENT_PER = 1, /* person */
	NGI_ENT_ORG = 2, /* organisation (also media, parties, institutions) */
	NGI_ENT_LOC = 3, /* place: countries, cities, regions */
	NGI_ENT_EVT = 4, /* event, from the curated list only: Brexit, COVID-19 */
} ngi_entity_type;

typedef struct ngi_mention {
	uint32_t start, end;       /* byte offsets into doc->text, end exclusive */
	uint32_t cp_start, cp_end; /* the same in code points */
	uint8_t type;              /* ngi_entity_type */
	const char *surface;       /* the text of the span (no title), in arena */
	/* canonical key (see above), ASCII; but a short key of a known
	 * name whose spellings the span does not start as ("Hanoi" is not
	 * China's "hn") takes ':' and the span's first three folded letters,
	 * in any script ("c:ч"), so it keeps apart from that name */
	const char *key;
	const char *name;          /* canonical display name */
} ngi_mention;

typedef struct ngi_entity_ctx ngi_entity_ctx;

/* NG_ERR_INTERNAL when ICU has no "Any-Latin" transliterator. */
ng_status ngi_entity_ctx_new(ngi_entity_ctx **out);
void ngi_entity_ctx_free(ngi_entity_ctx *c);

/* Caps the mentions of one document; the rest of a longer one is dropped. */
#define NGI_ENTITY_MAX_MENTIONS 100000

/* Finds the mentions of doc (analysed by ngi_text_analyze; doc->lang picks
 * the language rules), in text order, into an array in a. *out and *n are
 * untouched on failure; NG_ERR_NOMEM also when the shared place table
 * could not be built (the next call tries again). */
ng_status ngi_entities_find(ngi_entity_ctx *c, const ngi_doc *doc,
			    ngi_arena *a, ngi_mention **out, size_t *n);

/* The key of a name given as text (words separated by spaces), as a mention
 * of type with these words would get in a document of lang. Into a. */
ng_status ngi_entity_key(ngi_entity_ctx *c, const char *name, size_t len,
			 const char *lang, ngi_entity_type type, ngi_arena *a,
			 const char **out);

/* "PER", "ORG", "LOC", "EVT" or "NONE". */
const char *ngi_entity_type_name(int type);

/* ---- internal to src/extract/entity_*.c and translit.c --------------------*/
typedef struct ngi_translit ngi_translit;
ng_status ngi_translit_new(ngi_translit **out);
void ngi_translit_free(ngi_translit *t);
/* ASCII lower-case Latin form of s (UTF-8, len bytes) into out (cap bytes,
 * NUL-terminated); returns its length, 0 when nothing is left. Pure ASCII
 * skips ICU. Recent words are cached. */
size_t ngi_translit_word(ngi_translit *t, const char *s, size_t len,
			 char *out, size_t cap);

/* Phonetic key of one ASCII lower-case word (steps 2 to 5 above) into out
 * (cap bytes, NUL-terminated); returns its length. */
size_t ngi_entity_word_key(const char *w, size_t len, int slavic, char *out,
			   size_t cap);
/* 1 when s (UTF-8) has 2 to 8 letters, all upper case: an acronym, whose
 * key is its transliterated letters (vowels kept: "EU" is not "E"). */
int ngi_entity_is_acronym(const char *s, size_t n);
/* Non-zero for the languages whose case endings step 3 strips:
 * NGI_SLAVIC_CZECH for Czech and Slovak (whose -ová surnames step 3 also
 * takes off), NGI_SLAVIC_SLOVENE for Slovene (possessives in -ov-), 1 for
 * the others. */
#define NGI_SLAVIC_CZECH 2
#define NGI_SLAVIC_SLOVENE 3
int ngi_entity_lang_slavic(const char *lang);

/* Lexicon flags of a folded word (entity_lexicon.c). */
enum {
	NGI_LX_TITLE = 1 << 0,     /* President, Mr, президент: stripped, PER */
	NGI_LX_ORGWORD = 1 << 1,   /* Ministry, University, Party: ORG */
	NGI_LX_CONNECT = 1 << 2,   /* de, van, von, bin, al, of: inside names */
	NGI_LX_SAID = 1 << 3,      /* said, заявил: the span before is PER */
	NGI_LX_LOCPREP = 1 << 4,   /* in, в, w: the span after is a place */
	NGI_LX_NOTNAME = 1 << 5,   /* months, days, The: never a name */
	NGI_LX_DEMONYM = 1 << 6,   /* Russian, American: adjective, no entity */
	NGI_LX_ORGHEAD = 1 << 7,   /* lower-case head noun: "Evropské unie" */
	NGI_LX_LOCHEAD = 1 << 8,   /* lower-case head noun: "Балтийско море" */
	NGI_LX_ORGCUE = 1 << 9,    /* lower-case noun before: "firmy Pfizer" */
	NGI_LX_FUNCWORD = 1 << 10, /* never opens a name: a function word of
				      the document's language ("Кроме", "Loni",
				      from ngi_lexicon_lang_word) or a common
				      abbreviation ("DNA") */
};

typedef struct ngi_lexicon ngi_lexicon;
ng_status ngi_lexicon_new(ngi_translit *t, ngi_lexicon **out);
void ngi_lexicon_free(ngi_lexicon *lx);
/* Flags of a folded word: exact entries, and entries that are a prefix of
 * it (inflected forms: "президента", "Ministerstwa"). */
unsigned ngi_lexicon_word(const ngi_lexicon *lx, const char *norm, size_t len);
/* Flags of a folded word that hold only in documents of lang (NGI_LX_FUNCWORD
 * from data/lexicons/entity_function_words.tsv). */
unsigned ngi_lexicon_lang_word(const ngi_lexicon *lx, const char *lang,
			       const char *norm, size_t len);

/* A curated name found by its key (places, organisations, people). */
typedef struct ngi_known_name {
	uint8_t type;       /* ngi_entity_type */
	const char *name;   /* display name */
	const char *given;  /* a person's given-name key, or NULL */
	const char *key;    /* the entity key */
} ngi_known_name;
/* By the key of the whole name (words' keys joined). */
const ngi_known_name *ngi_lexicon_name(const ngi_lexicon *lx, const char *key);
/* Whether the folded name starts as one of the spellings of curated entry
 * k does (its first three letters, or all of a shorter name; 1 for an entry
 * not from the curated list): a short phonetic key meets names that only
 * sound alike ("Hanoi" and "China" are both h_n). */
int ngi_lexicon_spelled_like(const ngi_lexicon *lx, const ngi_known_name *k,
			     const char *folded, size_t n);
/* By a person's surname key. */
const ngi_known_name *ngi_lexicon_surname(const ngi_lexicon *lx,
					  const char *key);
/* 1 when the folded word starts as a spelling of a curated event does
 * (its first three letters): only such a lower-case word is looked up as
 * an event ("брексит", "covid"). */
int ngi_lexicon_event_start(const ngi_lexicon *lx, const char *folded,
			    size_t n);
/* 1 when the folded word starts as a listed given name does (its first
 * three letters): a short given-name key ("Michael", m_l) needs it. */
int ngi_lexicon_given_spelled(const ngi_lexicon *lx, const char *folded,
			      size_t n);
/* 1 when key is the key of a common given name. */
int ngi_lexicon_given(const ngi_lexicon *lx, const char *key);

/* Builds the process's place table unless built: NG_ERR_NOMEM when memory
 * runs out, and the next call tries again (ngi_entities_find calls it, so
 * the engine that asked sees the error). */
ng_status ngi_lexicon_places_load(void);

/* The country or city of the gazetteer (gazetteer.c) the folded name
 * spells, or NULL: its English name, and the key a curated entry of that
 * name would have, so "Никарагуа" and "Nikaragua" meet on one entity. The
 * table is one for the process, built by ngi_lexicon_places_load (or here:
 * NULL while it cannot be built).
 * Matched on its letters alone; with slavic, also an inflected form, one
 * or two letters off the stem of a name of five letters or more. */
const ngi_known_name *ngi_lexicon_place(const char *folded, size_t n,
					int slavic);

#endif
