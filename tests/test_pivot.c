/*
 * test_pivot.c: the pivot dictionary (src/sketch/pivot.h), the term bag
 * (src/sketch/pivot_terms.h) and the cross-lingual similarity
 * (src/eval/crossling.h).
 *
 * Lookups: a word of each source (FreeDict pairs, Russian through a third
 * language, Ukrainian through Russian, Apertium pairs, inflected forms
 * through an analyser, Croatian and Serbian in both scripts), analysed as
 * a document would analyse it, must reach the expected English stem. Similarity: on the seed
 * stories (../shared/fixtures, skipped with a message when absent), the
 * German 002 is clearly closer to the English 001 (same event) than to 004
 * (Putin and Trump too, another year). Bad input: NULL and empty words,
 * unknown languages, overlong and mixed-script words, a 10,000-name text,
 * out-of-range options.
 */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "extract/entities.h"
#include "eval/crossling.h"
#include "sketch/pivot_terms.h"
#include "text/text.h"

static ngi_text_ctx *tc;
static ngi_entity_ctx *ec;
static ngi_arena arena;

/* The stem a document of lang gives its first word, in the arena. */
static const char *stem_of(const char *word, const char *lang, size_t *len)
{
	ngi_doc d;
	if (ngi_text_analyze(tc, word, strlen(word), lang, &arena, &d))
		return NULL;
	for (size_t i = 0; i < d.n_tokens; i++)
		if (d.tokens[i].kind == NGI_TOK_WORD) {
			*len = d.tokens[i].stem_len;
			return d.tokens[i].stem;
		}
	return NULL;
}

static int reaches(const char *word, const char *lang, const char *english)
{
	size_t n = 0, en = 0;
	const char *s = stem_of(word, lang, &n);
	const char *e = stem_of(english, "en", &en);
	if (!s || !e)
		return 0;
	uint32_t want = ngi_term_hash(NGI_TERM_STEM, e, en);
	uint32_t got[NGI_PIVOT_MAX_TARGETS];
	size_t k = ngi_pivot_lookup(lang, s, n, got, NGI_PIVOT_MAX_TARGETS);
	for (size_t i = 0; i < k; i++)
		if (got[i] == want)
			return 1;
	return 0;
}

static void test_lookups(void)
{
	static const struct {
		const char *word, *lang, *english;
	} rows[] = {
		{"Krieg", "de", "war"},
		{"Kriege", "de", "war"},
		{"Regierung", "de", "government"},
		{"Präsident", "de", "president"},
		{"Behauptungen", "de", "assertion"},
		{"Veteranenjournalist", "de", "journalist"}, /* compound tail */
		{"guerre", "fr", "war"},
		{"gouvernement", "fr", "government"},
		{"guerra", "it", "war"},
		{"governo", "it", "government"},
		{"guerra", "es", "war"},
		{"gobierno", "es", "government"},
		{"wojna", "pl", "war"},
		{"wojny", "pl", "war"},
		{"prezydenta", "pl", "president"},
		{"válka", "cs", "war"},
		{"правительство", "ru", "government"},
		{"правительства", "ru", "government"},
		{"страны", "ru", "country"},
		{"война", "bg", "war"},
		/* Russian through German, French, Italian, Polish */
		{"война", "ru", "war"},
		{"войны", "ru", "war"},
		{"президента", "ru", "president"},
		/* Ukrainian and Belarusian through Russian; Ukrainian forms
		 * through the analyser */
		{"війна", "uk", "war"},
		{"уряд", "uk", "government"},
		{"уряду", "uk", "government"},
		{"вайна", "be", "war"},
		/* Icelandic: lemma, and an inflected form the crude stem
		 * leaves apart */
		{"stríð", "is", "war"},
		{"stríðsins", "is", "war"},
		{"ríkisstjórn", "is", "government"},
		/* Croatian, Bosnian and Serbian (Latin and Cyrillic) share
		 * keys */
		{"rat", "hr", "war"},
		{"rata", "hr", "war"},
		{"vlada", "bs", "government"},
		{"рат", "sr", "war"},
		{"влада", "sr", "government"},
		/* other FreeDict and Apertium pairs */
		{"oorlog", "nl", "war"},
		{"guerra", "pt", "war"},
		{"krig", "sv", "war"},
		{"krig", "no", "war"},
		{"sota", "fi", "war"},
		{"háború", "hu", "war"},
		{"πόλεμος", "el", "war"},
		{"војна", "mk", "war"},
		{"gerra", "eu", "war"},
		{"guerra", "ca", "war"},
		{"milito", "eo", "war"},
		/* through a third language: Romanian and Occitan through
		 * Spanish, Breton through French, Urdu through Hindi,
		 * Slovenian through Serbo-Croatian */
		{"război", "ro", "war"},
		{"guèrra", "oc", "war"},
		{"brezel", "br", "war"},
		{"حکومت", "ur", "government"},
		{"vlada", "sl", "government"},
		{"war", "en", "war"},
		{"governments", "en", "government"},
		/* Japanese: words the segmenter gives, okurigana dropped */
		{"大統領", "ja", "president"},
		{"訪れた", "ja", "visit"},  /* 訪れ (+ た) -> 訪れる */
		{"コンピュータ", "ja", "computer"},
		/* Chinese: Japanese words in kanji, through OpenCC */
		{"政府", "zh", "government"},
		{"经济", "zh", "economy"},  /* 経済 */
		{"經濟", "zh", "economy"},  /* traditional */
	};
	if (ngi_pivot_entries() == 0) {
		SKIP("pivot lookups: the table is empty (built with "
		     "PIVOT=empty)");
		return;
	}
	for (size_t i = 0; i < NGI_ARRAY_LEN(rows); i++) {
		ngi_arena_reset(&arena);
		CHECK_MSG(reaches(rows[i].word, rows[i].lang, rows[i].english),
			  "%s (%s) -> %s", rows[i].word, rows[i].lang,
			  rows[i].english);
	}
	CHECK(ngi_pivot_has_lang("de"));
	CHECK(ngi_pivot_has_lang("hr") && ngi_pivot_has_lang("uk") &&
	      ngi_pivot_has_lang("is"));
	CHECK(ngi_pivot_has_lang("en"));
	CHECK(!ngi_pivot_has_lang("xx"));
	CHECK(ngi_pivot_table_bytes() > 0);
}

static void test_keys(void)
{
	static const struct {
		const char *lang, *in, *key;
	} rows[] = {
		{"pl", "wojna", "wojn"},
		{"pl", "wojnie", "wojn"},
		{"pl", "prezydentem", "prezyd"},
		{"pl", "rządu", "rząd"},
		{"cs", "válka", "válk"},
		{"bg", "войната", "войнат"},
		{"pl", "ale", "ale"},   /* three letters stay */
		{"de", "krieg", "krieg"}, /* Snowball languages: the stem */
		{"ja", "訪れる", "訪"},     /* okurigana dropped */
		{"ja", "訪れ", "訪"},
		{"ja", "高い", "高"},
		{"ja", "した", "した"},     /* hiragana alone: whole */
		{"ja", "コンピューター", "コンピュータ"},
		{"ja", "ー", "ー"},
		{"ja", "カー", "カー"},     /* two code points: ー stays */
		{"zh", "经济", "经济"},
		{"is", "stríðið", "stríði"},
	};
	char key[NGI_PIVOT_MAX_KEY];
	for (size_t i = 0; i < NGI_ARRAY_LEN(rows); i++) {
		ngi_pivot_key(rows[i].lang, rows[i].in, strlen(rows[i].in), key);
		CHECK_STR(key, rows[i].key);
	}
}

static void test_key_langs(void)
{
	CHECK_STR(ngi_pivot_key_lang("hr"), "sr");
	CHECK_STR(ngi_pivot_key_lang("bs"), "sr");
	CHECK_STR(ngi_pivot_key_lang("nn"), "no");
	CHECK_STR(ngi_pivot_key_lang("ru"), "ru");
	CHECK(ngi_pivot_key_lang(NULL) == NULL);
	/* Croatian and Serbian documents give one stem for one word in
	 * either script (the Serbian Snowball stemmer for both) */
	size_t a = 0, b = 0, c = 0;
	ngi_arena_reset(&arena);
	const char *hr = stem_of("ratom", "hr", &a);
	const char *sr = stem_of("ратом", "sr", &b);
	const char *bs = stem_of("rata", "bs", &c);
	CHECK(hr && sr && bs && a == b && a == c && !memcmp(hr, sr, a) &&
	      !memcmp(hr, bs, a));
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = malloc(1 << 20);
	*len = buf ? fread(buf, 1, (1 << 20) - 1, f) : 0;
	fclose(f);
	if (buf)
		buf[*len] = '\0';
	return buf;
}

/* The pivot bag of a text, into the arena. */
static int bag_of(const char *text, size_t len, ngi_term **t, uint32_t *n)
{
	ngi_doc d;
	ngi_mention *m = NULL;
	size_t nm = 0;
	if (ngi_text_analyze(tc, text, len, NULL, &arena, &d) ||
	    ngi_entities_find(ec, &d, &arena, &m, &nm))
		return -1;
	return ngi_pivot_terms(&d, m, nm, NULL, NULL, 0, NULL, &arena, t, n) ? -1 : 0;
}

static void test_seeds(void)
{
	static const char *const names[] = {
		"000_58e73d3533bae044.txt", "001_5d9da47f99b66cba.txt",
		"002_ecfb8b0ff7967163.txt", "003_b25523e41b776a03.txt",
		"004_3ecbcb9470ad91fc.txt"};
	ngi_term *bags[5];
	uint32_t n[5];
	char *texts[5] = {0};
	if (ngi_pivot_entries() == 0) {
		SKIP("seed similarity across languages: the pivot table is "
		     "empty (built with PIVOT=empty)");
		return;
	}
	ngi_arena_reset(&arena);
	for (int i = 0; i < 5; i++) {
		char path[256];
		size_t len = 0;
		snprintf(path, sizeof path, "../shared/fixtures/seed-stories/articles/%s",
			 names[i]);
		texts[i] = read_all(path, &len);
		if (!texts[i]) {
			SKIP("seed similarity: %s not found", path);
			for (int k = 0; k < i; k++)
				free(texts[k]);
			return;
		}
		CHECK(bag_of(texts[i], len, &bags[i], &n[i]) == 0);
	}
	ngi_xling_idf idf;
	ngi_xling_idf_init(&idf);
	for (int i = 0; i < 5; i++)
		CHECK(ngi_xling_idf_add(&idf, bags[i], n[i]) == NG_OK);
	double same = ngi_xling_similarity(&idf, bags[2], n[2], bags[1], n[1]);
	double other = ngi_xling_similarity(&idf, bags[2], n[2], bags[4], n[4]);
	printf("test_pivot: sim(002 de, 001 en) = %.3f, sim(002, 004) = %.3f\n",
	       same, other);
	CHECK_MSG(same > 1.5 * other && same - other > 0.05,
		  "002~001 %.3f vs 002~004 %.3f", same, other);
	CHECK(same >= 0 && same <= 1 && other >= 0 && other <= 1);
	double self = ngi_xling_similarity(&idf, bags[2], n[2], bags[2], n[2]);
	CHECK(self > 0.999 && self <= 1.0);
	/* vectors agree with the direct score */
	ngi_xling_vec va, vb;
	CHECK(ngi_xling_vector(&idf, bags[2], n[2], &arena, &va) == NG_OK);
	CHECK(ngi_xling_vector(&idf, bags[1], n[1], &arena, &vb) == NG_OK);
	double cos = ngi_xling_cosine(&va, &vb);
	CHECK_MSG(cos > same - 1e-4 && cos < same + 1e-4, "%f vs %f", cos, same);
	ngi_xling_idf_free(&idf);
	for (int i = 0; i < 5; i++)
		free(texts[i]);
}

/* A katakana name the dictionary does not know enters a Japanese bag as
 * the entity key of its Latin spelling (kana_key.h), where a mention of
 * "Pompeo" in another language puts its key. */
static void test_kana_names(void)
{
	const char *text = "ポンペオ長官は会見した。";
	ngi_doc d;
	ngi_term *t;
	uint32_t n = 0;
	char key[64];
	ngi_arena_reset(&arena);
	CHECK(ngi_text_analyze(tc, text, strlen(text), "ja", &arena, &d) == NG_OK);
	CHECK(ngi_pivot_terms(&d, NULL, 0, NULL, NULL, 0, NULL, &arena, &t, &n) ==
	      NG_OK);
	size_t kl = ngi_entity_word_key("pompeo", 6, 0, key, sizeof key);
	uint32_t want = ngi_term_hash(NGI_PIVOT_TERM_ENTITY, key, kl);
	int found = 0;
	for (uint32_t i = 0; i < n; i++)
		found |= t[i].term == want;
	CHECK(found);
	ngi_pivot_options o;
	ngi_pivot_options_init(&o);
	o.kana_names = 0;
	CHECK(ngi_pivot_terms(&d, NULL, 0, NULL, NULL, 0, &o, &arena, &t, &n) ==
	      NG_OK);
	found = 0;
	for (uint32_t i = 0; i < n; i++)
		found |= t[i].term == want;
	CHECK(!found);
}

static void test_bad_input(void)
{
	uint32_t out[NGI_PIVOT_MAX_TARGETS];
	CHECK(ngi_pivot_lookup(NULL, "krieg", 5, out, 4) == 0);
	CHECK(ngi_pivot_lookup("de", NULL, 5, out, 4) == 0);
	CHECK(ngi_pivot_lookup("de", "krieg", 0, out, 4) == 0);
	CHECK(ngi_pivot_lookup("de", "krieg", 5, out, 0) == 0);
	CHECK(ngi_pivot_lookup("de", "krieg", 5, NULL, 4) == 0);
	CHECK(ngi_pivot_lookup("xx", "krieg", 5, out, 4) == 0);
	CHECK(ngi_pivot_lookup("", "krieg", 5, out, 4) == 0);
	/* a long word, a mixed-script one, a lone combining mark */
	size_t big = 10000;
	char *w = malloc(big + 1);
	memset(w, 'a', big);
	w[big] = '\0';
	CHECK(ngi_pivot_lookup("de", w, big, out, 4) <= 4);
	CHECK(ngi_pivot_lookup("pl", w, big, out, 4) <= 4);
	char key[NGI_PIVOT_MAX_KEY];
	CHECK(ngi_pivot_key("pl", w, big, key) == NGI_PIVOT_PREFIX);
	CHECK(ngi_pivot_key("de", w, big, key) == NGI_PIVOT_MAX_KEY - 1);
	free(w);
	CHECK(ngi_pivot_lookup("ru", "Путinа", strlen("Путinа"), out, 4) <= 4);
	CHECK(ngi_pivot_key("pl", "\xcc\x81", 2, key) == 2);
	CHECK(ngi_pivot_key("pl", "", 0, key) == 0 && key[0] == '\0');

	/* options out of range; NULL mentions with a count */
	ngi_pivot_options o;
	ngi_pivot_options_init(&o);
	ngi_term *t = NULL;
	uint32_t n = 7;
	o.title_weight = 100;
	CHECK(ngi_pivot_terms(NULL, NULL, 0, NULL, NULL, 0, &o, &arena, &t, &n) ==
	      NG_ERR_USAGE);
	CHECK(n == 7 && t == NULL);
	CHECK(ngi_pivot_terms(NULL, NULL, 3, NULL, NULL, 0, NULL, &arena, &t, &n) ==
	      NG_ERR_USAGE);
	/* no document: an empty bag */
	CHECK(ngi_pivot_terms(NULL, NULL, 0, NULL, NULL, 0, NULL, &arena, &t, &n) ==
	      NG_OK);
	CHECK(n == 0);

	/* 10,000 capitalised words in a row, in mixed scripts */
	ngi_buf b;
	ngi_buf_init(&b, 0);
	for (int i = 0; i < 10000; i++)
		ngi_buf_puts(&b, i % 3 ? "Krieg Путин " : "Wojna ");
	ngi_arena_reset(&arena);
	ngi_term *bag = NULL;
	uint32_t nb = 0;
	CHECK(bag_of(b.data, b.len, &bag, &nb) == 0);
	CHECK(nb > 0 && nb < 100);
	for (uint32_t i = 1; i < nb; i++)
		CHECK(bag[i - 1].term < bag[i].term);
	ngi_buf_free(&b);

	/* empty bags score 0; the idf of an unseen term is finite */
	ngi_xling_idf idf;
	ngi_xling_idf_init(&idf);
	CHECK(ngi_xling_similarity(&idf, NULL, 0, NULL, 0) == 0);
	CHECK(ngi_xling_similarity(&idf, bag, nb, NULL, 0) == 0);
	CHECK(ngi_xling_idf_of(&idf, 12345) > 0);
	ngi_xling_idf_free(&idf);
	ngi_xling_idf_free(NULL);
}

static int has_term(const ngi_term *t, uint32_t n, uint32_t term)
{
	for (uint32_t i = 0; i < n; i++)
		if (t[i].term == term)
			return 1;
	return 0;
}

/* The bag of text in lang with options o (NULL: defaults), or -1. */
static int bag_with(const char *text, const char *lang,
		    const ngi_pivot_options *o, ngi_term **t, uint32_t *n)
{
	ngi_doc d;
	ngi_mention *m = NULL;
	size_t nm = 0;
	if (ngi_text_analyze(tc, text, strlen(text), lang, &arena, &d) ||
	    ngi_entities_find(ec, &d, &arena, &m, &nm))
		return -1;
	return ngi_pivot_terms(&d, m, nm, NULL, NULL, 0, o, &arena, t, n) ? -1 : 0;
}

/* The number term of the first number in text (lang), or 0. */
static uint32_t first_number(const char *text, const char *lang, size_t *taken)
{
	ngi_doc d;
	if (ngi_text_analyze(tc, text, strlen(text), lang, &arena, &d) != NG_OK)
		return 0;
	for (size_t i = 0; i < d.n_tokens; i++)
		if (d.tokens[i].kind == NGI_TOK_NUMBER) {
			size_t last;
			uint32_t t = ngi_number_at(&d, i, &last);
			*taken = last - i + 1;
			return t;
		}
	return 0;
}

/* Numbers by their value in every language: space-grouped digits are one
 * number, scale words multiply ("600 тысяч" is "600,000", "43,5
 * Milliarden" is "43.5 billion", "1,000万" is "10 million"), each read with
 * its language's decimal separator; a number with no scale word keeps its
 * digits ("1.500" is "1,500"), and the scale word must follow at once. */
static void test_number_values(void)
{
	ngi_arena_reset(&arena);
	size_t k;
	uint32_t n600k = ngi_number_term("600000", 6);
	CHECK(first_number("Some 600,000 people fled.", "en", &k) == n600k);
	CHECK(first_number("Около 600 тысяч человек бежали.", "ru", &k) == n600k);
	CHECK(first_number("Près de 600 000 personnes ont fui.", "fr", &k) == n600k && k == 2);
	CHECK(first_number("Près de 600\xc2\xa0" "000 personnes ont fui.", "fr", &k) == n600k);
	CHECK(first_number("60万人が避難した。", "ja", &k) == n600k);
	uint32_t n43 = ngi_number_term("43500000000", 11);
	CHECK(first_number("It costs 43.5 billion euros.", "en", &k) == n43);
	CHECK(first_number("Es kostet 43,5 Milliarden Euro.", "de", &k) == n43);
	CHECK(first_number("Það kostar 43,5 milljarða evra.", "is", &k) == n43);
	uint32_t n10m = ngi_number_term("10000000", 8);
	CHECK(first_number("1,000万円を寄付した。", "ja", &k) == n10m);
	CHECK(first_number("He gave 10 million yen.", "en", &k) == n10m);
	CHECK(first_number("捐款 1.694 亿元。", "zh", &k) == ngi_number_term("169400000", 9));
	CHECK(first_number("Costó 3 mil millones.", "es", &k) == ngi_number_term("3000000000", 10));
	/* the long scale: a German Billion is a thousand billions */
	CHECK(first_number("Es kostet 2 Billionen Euro.", "de", &k) ==
	      first_number("It costs 2 trillion euros.", "en", &k));
	/* no scale word: the digits, as before; a word in between breaks it */
	CHECK(first_number("Die Stadt zahlte 1.500 Euro.", "de", &k) == ngi_number_term("1500", 4));
	CHECK(first_number("Die Stadt zahlte 43,5 teure Milliarden.", "de", &k) ==
	      ngi_number_term("435", 3));
	/* a four-digit year before a group of three is no grouping */
	CHECK(first_number("In 2019 300 people came.", "en", &k) == ngi_number_term("2019", 4) &&
	      k == 1);
	CHECK(first_number("42 people came.", "en", &k) == 0);
}

/* unknown_stems: a capitalised word the dictionary does not know, even
 * opening the text, is also the English stem of its spelling, which an
 * English headline on the same name has; off by default, and a known word
 * is never taken as it is. */
static void test_unknown_stems(void)
{
	ngi_arena_reset(&arena);
	const char *de = "Kudlow: Nächstes Konjunkturpaket bietet weitere Gelder";
	uint32_t kudlow = ngi_term_hash(NGI_TERM_STEM, "kudlow", 6);
	uint32_t naechstes = ngi_term_hash(NGI_TERM_STEM, "nächstes", strlen("nächstes"));
	ngi_pivot_options o;
	ngi_pivot_options_init(&o);
	CHECK(o.unknown_stems == 0);
	ngi_term *t;
	uint32_t n = 0;
	CHECK(bag_with(de, "de", &o, &t, &n) == 0);
	CHECK(!has_term(t, n, kudlow));
	o.unknown_stems = 1;
	CHECK(bag_with(de, "de", &o, &t, &n) == 0);
	CHECK_MSG(has_term(t, n, kudlow), "Kudlow opening the headline as the stem kudlow");
	CHECK(!has_term(t, n, naechstes));
	const char *en = "Kudlow says next stimulus bill will include more checks";
	ngi_doc d;
	ngi_term *e;
	uint32_t ne = 0;
	CHECK(ngi_text_analyze(tc, en, strlen(en), "en", &arena, &d) == NG_OK);
	CHECK(ngi_terms(&d, NULL, 2, 3, 4, &arena, &e, &ne) == NG_OK);
	CHECK(has_term(e, ne, kudlow));
	/* a word an English bag never has as a stem ("an", a stopword) is
	 * no stem of a headline without a dictionary either */
	const char *ha = "An gano Kudlow a Amurka";
	CHECK(bag_with(ha, "ha", &o, &t, &n) == 0);
	CHECK(has_term(t, n, kudlow));
	CHECK(!has_term(t, n, ngi_term_hash(NGI_TERM_STEM, "an", 2)));
}

/* Language-neutral terms: numbers of three or more digits by their digits
 * (the German "1.500" is the English "1,500"; "42" is no term), in the
 * pivot bag and the English native bag alike; and the English display
 * name of a mention in another script ("Путин": "putin", the name term an
 * English text has) when entity_names is set, never for English. */
static void test_neutral_terms(void)
{
	ngi_arena_reset(&arena);
	uint32_t n1500 = ngi_number_term("1500", 4);
	CHECK(n1500 != 0);
	CHECK(ngi_number_term("1,500", 5) == n1500);
	CHECK(ngi_number_term("1.500", 5) == n1500);
	CHECK(ngi_number_term("115", 3) != 0);
	CHECK(ngi_number_term("42", 2) == 0);
	CHECK(ngi_number_term("", 0) == 0);
	ngi_term *de, *en;
	uint32_t nde = 0, nen = 0;
	CHECK(bag_with("Die Regierung zahlte 1.500 Euro an 115 Familien, 42 blieben.",
		       "de", NULL, &de, &nde) == 0);
	ngi_doc d;
	const char *english = "The government paid 1,500 euros to 115 families, 42 stayed.";
	CHECK(ngi_text_analyze(tc, english, strlen(english), "en", &arena, &d) == NG_OK);
	CHECK(ngi_terms(&d, NULL, 2, 3, 4, &arena, &en, &nen) == NG_OK);
	uint32_t n115 = ngi_number_term("115", 3);
	CHECK(has_term(de, nde, n1500) && has_term(en, nen, n1500));
	CHECK(has_term(de, nde, n115) && has_term(en, nen, n115));
	uint32_t putin = ngi_term_hash(NGI_TERM_NAME, "putin", 5);
	const char *ru = "Вчера Владимир Путин прибыл в Женеву.";
	ngi_pivot_options o;
	ngi_pivot_options_init(&o);
	CHECK(o.entity_names == 0);
	ngi_term *t;
	uint32_t n = 0;
	CHECK(bag_with(ru, "ru", &o, &t, &n) == 0);
	CHECK(!has_term(t, n, putin));
	o.entity_names = 1;
	CHECK(bag_with(ru, "ru", &o, &t, &n) == 0);
	CHECK_MSG(has_term(t, n, putin), "the display name of Путин as a name");
	const char *en_text = "Yesterday Vladimir Putin arrived in Geneva.";
	CHECK(ngi_text_analyze(tc, en_text, strlen(en_text), "en", &arena, &d) == NG_OK);
	CHECK(ngi_terms(&d, NULL, 2, 3, 4, &arena, &en, &nen) == NG_OK);
	CHECK(has_term(en, nen, putin));
	/* English bags gain nothing from the option */
	uint32_t n_off = 0, n_on = 0;
	ngi_term *t_off, *t_on;
	o.entity_names = 0;
	CHECK(bag_with(en_text, "en", &o, &t_off, &n_off) == 0);
	o.entity_names = 1;
	CHECK(bag_with(en_text, "en", &o, &t_on, &n_on) == 0);
	CHECK(n_off == n_on && memcmp(t_off, t_on, n_on * sizeof *t_on) == 0);
}

int main(void)
{
	if (ngi_text_ctx_new(&tc) || ngi_entity_ctx_new(&ec)) {
		fprintf(stderr, "test_pivot: cannot start the analysers\n");
		return 1;
	}
	ngi_arena_init(&arena, 1 << 20);
	test_keys();
	test_key_langs();
	test_lookups();
	test_seeds();
	test_neutral_terms();
	test_number_values();
	test_unknown_stems();
	test_kana_names();
	test_bad_input();
	ngi_arena_free(&arena);
	ngi_entity_ctx_free(ec);
	ngi_text_ctx_free(tc);
	return check_report("test_pivot");
}
