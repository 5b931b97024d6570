/*
 * kana_key.c: katakana -> Latin -> entity key (kana_key.h).
 *
 * Japanese writes foreign names in katakana, one mora a letter: Trump is
 * トランプ, to-ra-n-pu. Read as Hepburn romaji and keyed as a Latin name,
 * that is "toranpu", skeleton "t_r_np", which meets nothing; so the
 * romanisation here undoes what Japanese adds to a foreign name:
 *  - epenthetic vowels: the u of ku gu su zu tsu fu bu pu mu ru vu and the o
 *    of to do, when no vowel follows (the next mora starts with a
 *    consonant other than ン, or the word ends), and the i of a doubled chi
 *    or ji (マッチ, ブリッジ): トランプ -> "tranp", マクロン -> "makron";
 *    a long vowel (ー) is never epenthetic (プーチン);
 *  - ン before b, p, m is m: "tramp";
 *  - チ is ti, as in older loans (プーチン -> "putin", チケット);
 *  - small vowels and small ya/yu/yo change the mora before them (ファ fa,
 *    ティ ti, ウィ wi, ヴァ va, シェ she, キャ kya, ジョ jo).
 * The Latin form then takes ngi_entity_word_key, as any transliterated
 * word does: "tramp" -> "tr_mp", the key of Trump and Трамп. Japanese has
 * one r for r and l, so a word with a ラ-row mora gets a second key read
 * with l (ロンドン -> "r_nd_n" and "l_nd_n", London). Words mixing r and l
 * (メルケル) or written with b for v (リバプール) stay apart.
 *
 * Only the katakana block is read (folded text: NFKC has made halfwidth
 * forms full); any other code point gives no key.
 */
#include "kana_key.h"

#include <string.h>

#include "entities.h"
#include "../base/utf8.h"

#define MAX_MORAS 32

/* U+30A1..U+30FA in romaji. Upper case marks the small kana: A I U E O
 * (small vowels), YA YU YO, WA; Q is the small tsu (a doubled consonant),
 * N the moraic n. */
static const char *const kana[] = {
	"A", "a", "I", "i", "U", "u", "E", "e", "O", "o",                /* 30A1 */
	"ka", "ga", "ki", "gi", "ku", "gu", "ke", "ge", "ko", "go",      /* 30AB */
	"sa", "za", "shi", "ji", "su", "zu", "se", "ze", "so", "zo",     /* 30B5 */
	"ta", "da", "chi", "ji", "Q", "tsu", "zu", "te", "de", "to", "do", /* 30BF */
	"na", "ni", "nu", "ne", "no",                                    /* 30CA */
	"ha", "ba", "pa", "hi", "bi", "pi", "fu", "bu", "pu",            /* 30CF */
	"he", "be", "pe", "ho", "bo", "po",                              /* 30D8 */
	"ma", "mi", "mu", "me", "mo",                                    /* 30DE */
	"YA", "ya", "YU", "yu", "YO", "yo",                              /* 30E3 */
	"ra", "ri", "ru", "re", "ro",                                    /* 30E9 */
	"WA", "wa", "wi", "we", "o", "N", "vu", "ka", "ke",              /* 30EE */
	"va", "vi", "ve", "vo",                                          /* 30F7 */
};

typedef struct mora {
	char cons[4];  /* "", "k", "sh", "ch", "ts", "ky"... */
	char vowel;    /* a i u e o, or 0 for the moraic n */
	unsigned char is_long, doubled, nasal;
} mora;

static void set_cons(mora *m, const char *c)
{
	size_t n = strlen(c);
	if (n >= sizeof m->cons)
		n = sizeof m->cons - 1;
	memcpy(m->cons, c, n);
	m->cons[n] = '\0';
}

/* Reads w into moras; returns how many, or -1 when w is not katakana. */
static int read_moras(const char *w, size_t len, mora *m)
{
	int n = 0, doubled = 0;
	for (size_t i = 0; i < len;) {
		int32_t cp;
		int k = ngi_utf8_decode(w + i, len - i, &cp);
		if (k <= 0)
			return -1;
		i += (size_t)k;
		if (cp == 0x30FC) { /* ー */
			if (n > 0)
				m[n - 1].is_long = 1;
			continue;
		}
		if (cp < 0x30A1 || cp > 0x30FA)
			return -1;
		const char *r = kana[cp - 0x30A1];
		mora *p = n > 0 ? &m[n - 1] : NULL;
		if (r[0] == 'Q') {
			doubled = 1;
			continue;
		}
		if (r[0] >= 'A' && r[0] <= 'Z' && r[0] != 'N' && p && p->vowel) {
			if (r[0] == 'Y') { /* キャ kya, シャ sha, デュ dyu */
				size_t cl = strlen(p->cons);
				int palatal = cl >= 2 && p->cons[cl - 1] == 'h';
				palatal = palatal || !strcmp(p->cons, "j");
				if (!palatal && cl + 1 < sizeof p->cons) {
					p->cons[cl] = 'y';
					p->cons[cl + 1] = '\0';
				}
				p->vowel = (char)(r[1] - 'A' + 'a');
				continue;
			}
			if (r[0] == 'W') {
				set_cons(p, "w");
				p->vowel = 'a';
				continue;
			}
			/* a small vowel replaces the vowel before it: ファ fa,
			 * ティ ti, チェ che; after ウ it makes a w: ウィ wi */
			if (!p->cons[0] && p->vowel == 'u')
				set_cons(p, "w");
			p->vowel = (char)(r[0] - 'A' + 'a');
			continue;
		}
		if (n == MAX_MORAS)
			return -1;
		mora *c = &m[n++];
		memset(c, 0, sizeof *c);
		c->doubled = (unsigned char)doubled;
		doubled = 0;
		if (r[0] == 'N') {
			set_cons(c, "n");
			c->nasal = 1;
			continue;
		}
		char buf[8];
		size_t rl = strlen(r);
		memcpy(buf, r, rl + 1);
		for (size_t j = 0; j < rl; j++) /* small kana alone: read plain */
			if (buf[j] >= 'A' && buf[j] <= 'Z')
				buf[j] = (char)(buf[j] - 'A' + 'a');
		c->vowel = buf[rl - 1];
		buf[rl - 1] = '\0';
		set_cons(c, buf);
	}
	return n;
}

/* Does the vowel of m[i] stand for no vowel of the name? */
static int epenthetic(const mora *m, int n, int i)
{
	const mora *c = &m[i];
	if (c->is_long || c->nasal || !c->cons[0])
		return 0;
	int consonant_next = i + 1 == n || (m[i + 1].cons[0] && !m[i + 1].nasal);
	if (!consonant_next)
		return 0;
	if (c->vowel == 'u')
		return strcmp(c->cons, "n") != 0 && strcmp(c->cons, "y") != 0 &&
		       strcmp(c->cons, "w") != 0;
	if (c->vowel == 'o')
		return !strcmp(c->cons, "t") || !strcmp(c->cons, "d");
	if (c->vowel == 'i')
		return c->doubled && (!strcmp(c->cons, "ch") || !strcmp(c->cons, "j"));
	return 0;
}

size_t ngi_kana_keys(const char *w, size_t len,
		     char keys[NGI_KANA_MAX_KEYS][NGI_KANA_KEY_MAX])
{
	mora m[MAX_MORAS];
	int n = read_moras(w, len, m);
	if (n < 2)
		return 0;
	char latin[MAX_MORAS * 5];
	size_t o = 0;
	int has_r = 0;
	for (int i = 0; i < n; i++) {
		const char *c = m[i].cons;
		if (!strcmp(c, "ch") && m[i].vowel == 'i')
			c = "t"; /* チ alone: ti */
		if (m[i].nasal && i + 1 < n &&
		    (m[i + 1].cons[0] == 'b' || m[i + 1].cons[0] == 'p' ||
		     m[i + 1].cons[0] == 'm'))
			c = "m";
		has_r |= c[0] == 'r';
		size_t cl = strlen(c);
		memcpy(latin + o, c, cl);
		o += cl;
		if (m[i].vowel && !epenthetic(m, n, i))
			latin[o++] = m[i].vowel;
	}
	size_t got = 0;
	if (ngi_entity_word_key(latin, o, 0, keys[got], NGI_KANA_KEY_MAX))
		got++;
	if (has_r) {
		for (size_t i = 0; i < o; i++)
			if (latin[i] == 'r')
				latin[i] = 'l';
		if (ngi_entity_word_key(latin, o, 0, keys[got], NGI_KANA_KEY_MAX))
			got++;
	}
	return got;
}
