/*
 * entity_keys.c: the phonetic key of one transliterated word.
 *
 * Steps 2 to 5 of the key described in entities.h: cut a short suffix after
 * an apostrophe, strip a Slavic case ending, fold spellings that differ
 * between languages and transliteration schemes, keep the skeleton. Input is
 * what ngi_translit_word gives (ASCII lower-case letters and apostrophes).
 * Everything here is pure and bounded by the word's length.
 */
#include "entities.h"

#include <string.h>
#include <utf8proc.h>

#define KEY_MAX 64
/* A case ending is stripped only when this many letters stay. */
#define KEY_MIN_STEM 4

int ngi_entity_lang_slavic(const char *lang)
{
	static const char *const slavic[] = {"ru", "uk", "be", "pl", "sl", "hr",
					     "sr", "bs", "bg", "mk"};
	if (lang && (strcmp(lang, "cs") == 0 || strcmp(lang, "sk") == 0))
		return NGI_SLAVIC_CZECH;
	if (lang && strcmp(lang, "sl") == 0)
		return NGI_SLAVIC_SLOVENE;
	for (size_t i = 0; lang && i < NGI_ARRAY_LEN(slavic); i++)
		if (strcmp(lang, slavic[i]) == 0)
			return 1;
	return 0;
}

/* Czech and Slovak make a woman's surname of any surname with -ová
 * ("Merkelová", "Mayové", "Bibiovou"): the key is the surname's. */
static size_t strip_czech_feminine(const char *w, size_t n)
{
	static const char *const endings[] = {"ovou", "ova", "ove", "ovej"};
	for (size_t i = 0; i < NGI_ARRAY_LEN(endings); i++) {
		size_t el = strlen(endings[i]);
		if (n >= el + 3 && memcmp(w + n - el, endings[i], el) == 0)
			return n - el;
	}
	return n;
}

/* Slovene makes a possessive adjective of a name with -ov- ("Trumpov",
 * "Ryanairovega"): the key is the name's. */
static size_t strip_slovene_possessive(const char *w, size_t n)
{
	static const char *const endings[] = {
		"ovega", "ovemu", "ovih", "ovim", "ovimi", "ovem", "ova", "ove",
		"ovi", "ovo", "ov"};
	for (size_t i = 0; i < NGI_ARRAY_LEN(endings); i++) {
		size_t el = strlen(endings[i]);
		if (n >= el + 4 && memcmp(w + n - el, endings[i], el) == 0)
			return n - el;
	}
	return n;
}

/* Polish locatives change the stem's last consonant: "Kanadzie"
 * (Kanada), "Ryanairze", "Polsce" (Polska), "Kuwejcie" (Kuwejt); the
 * key takes the stem's consonant back. Into w, which has room. */
static size_t undo_locative(char *w, size_t n)
{
	static const struct {
		const char *from, *to;
	} alt[] = {{"dzie", "d"}, {"rze", "r"}, {"sce", "sk"}, {"cie", "t"}};
	for (size_t i = 0; i < NGI_ARRAY_LEN(alt); i++) {
		size_t fl = strlen(alt[i].from), tl = strlen(alt[i].to);
		if (n >= fl + 3 && memcmp(w + n - fl, alt[i].from, fl) == 0) {
			memcpy(w + n - fl, alt[i].to, tl);
			return n - fl + tl;
		}
	}
	return n;
}

/* Endings whose consonants would survive into the skeleton, longest first.
 * Vowel-only endings (-a -u -e -y -i -ou -ej) need no list: the skeleton
 * drops vowels. "-ov" and "-ev" stay: they end surnames (Peskov). */
static const char *const slavic_endings[] = {
	"skiego", "skiej", "skimi", "ovou", "ovoj", "ovej", "owej", "ogo",
	"ego", "omu", "emu", "ymi", "imi", "ami", "ach", "ovi", "owi", "evi",
	"om", "em", "ym", "im", "ah",
};

int ngi_entity_is_acronym(const char *s, size_t n)
{
	size_t i = 0;
	int letters = 0;
	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(
			(const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i),
			&cp);
		if (k <= 0)
			return 0;
		i += (size_t)k;
		utf8proc_category_t cat = utf8proc_category(cp);
		if (cat == UTF8PROC_CATEGORY_LU)
			letters++;
		else if (cat == UTF8PROC_CATEGORY_LL ||
			 cat == UTF8PROC_CATEGORY_LT || cat == UTF8PROC_CATEGORY_LO)
			return 0;
	}
	return letters >= 2 && letters <= 8;
}

static int is_vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static size_t strip_slavic(const char *w, size_t n)
{
	for (size_t i = 0; i < NGI_ARRAY_LEN(slavic_endings); i++) {
		size_t el = strlen(slavic_endings[i]);
		if (n >= el + KEY_MIN_STEM &&
		    memcmp(w + n - el, slavic_endings[i], el) == 0)
			return n - el;
	}
	return n;
}

/* Spelling fold of w[0..n) into out; returns the length (<= 2n). */
static size_t fold_spelling(const char *w, size_t n, char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		char c = w[i];
		char nx = i + 1 < n ? w[i + 1] : 0;
		char nx2 = i + 2 < n ? w[i + 2] : 0;
		if (c == 'd' && nx == 'z' && (nx2 == 'h' || i == 0)) {
			out[o++] = 'i'; /* as j, read below */
			i += nx2 == 'h' ? 2 : 1;
			continue;
		}
		if (c == 's' && nx == 'c' && nx2 == 'h') {
			out[o++] = 's';
			i += 2;
			continue;
		}
		if ((c == 's' || c == 'z' || c == 'r') && (nx == 'h' || nx == 'z')) {
			/* sh sz -> s; zh -> z; rz -> z */
			out[o++] = c == 's' ? 's' : 'z';
			i++;
			continue;
		}
		if ((c == 'c' || c == 'k') && nx == 'h') {
			out[o++] = 'h';
			i++;
			continue;
		}
		if (c == 'c' && (nx == 'z' || nx == 'k')) {
			out[o++] = nx == 'k' ? 'k' : 'c';
			i++;
			continue;
		}
		if ((c == 'p' || c == 't') && nx == 'h') {
			out[o++] = c == 'p' ? 'f' : 't';
			i++;
			continue;
		}
		switch (c) {
		case 'w': c = 'v'; break;
		case 'q': c = 'k'; break;
		case 'y':
		case 'j': c = 'i'; break;
		case 'c':
			if (nx == 'a' || nx == 'o' || nx == 'u' || nx == 'l' ||
			    nx == 'r')
				c = 'k';
			break;
		case 'x':
			out[o++] = 'k';
			c = 's';
			break;
		default: break;
		}
		out[o++] = c;
	}
	/* z -> s after the digraphs are read (Theresa / Тереза) */
	for (size_t i = 0; i < o; i++)
		if (out[i] == 'z')
			out[i] = 's';
	return o;
}

size_t ngi_entity_word_key(const char *w, size_t len, int slavic, char *out,
			   size_t cap)
{
	if (!cap)
		return 0;
	char word[KEY_MAX];
	size_t n = 0;
	for (size_t i = 0; i < len && n < KEY_MAX; i++)
		word[n++] = w[i];
	/* Step 2: "trump's", "farage'a", "farage'owi" lose the suffix; "o'brien"
	 * and "d'alema" keep their letters (the apostrophe is dropped). */
	char *ap = memchr(word, '\'', n);
	if (ap) {
		size_t before = (size_t)(ap - word), after = n - before - 1;
		if (before >= 3 && after <= 4) {
			n = before;
		} else {
			memmove(ap, ap + 1, after);
			n--;
			for (size_t i = 0; i < n; i++) /* any later ones too */
				if (word[i] == '\'') {
					memmove(word + i, word + i + 1, n - i - 1);
					n--;
					i--;
				}
		}
	}
	if (slavic == NGI_SLAVIC_CZECH)
		n = strip_czech_feminine(word, n);
	if (slavic == NGI_SLAVIC_SLOVENE)
		n = strip_slovene_possessive(word, n);
	if (slavic) {
		n = undo_locative(word, n);
		n = strip_slavic(word, n);
	}
	char fold[KEY_MAX * 2];
	size_t f = fold_spelling(word, n, fold);
	/* Skeleton: the first letter (a leading i from j/y/dzh before a vowel
	 * dropped: Jan / Ян / Yan, Johnson / Джонсон), then the consonants but
	 * h (Michal / Михаил, Ahmed / Ахмед), doubled ones collapsed, each run
	 * of vowels inside the word as one '_' (so "Press" is not "Paris"),
	 * final vowels dropped (case endings: Putina / Putin). */
	size_t i = 0;
	if (f >= 2 && fold[0] == 'i' && is_vowel(fold[1]))
		i = 1;
	size_t o = 0;
	int vowels = 0;
	for (; i < f && o + 2 < cap; i++) {
		char c = fold[i];
		if (o > 0 && is_vowel(c)) {
			vowels = 1;
			continue;
		}
		if (c == 'h' && o > 0)
			continue;
		if (vowels) {
			out[o++] = '_';
			vowels = 0;
		} else if (o > 0 && c == out[o - 1]) {
			continue;
		}
		out[o++] = c;
	}
	out[o] = 0;
	return o;
}
