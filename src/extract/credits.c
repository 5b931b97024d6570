/*
 * credits.c: the outlets an article credits, and outlet keys.
 *
 * Patterns (ASCII words case-insensitive; "known" means the name is in the
 * alias table below, "newsy" that one of its words is a news word such as
 * "News", "Times", "Agency", "Zeitung"):
 *   (Reuters)        a known name alone in parentheses (wire tag)
 *   /TASS/           a known name between slashes, letters only (no URLs)
 *   — Reuters        a dash (—, – or a spaced -) then a known name ending
 *                    the line or the sentence
 *   Reuters reported a known name right before "reported" or "reports"
 *   according to X   X known, or a capitalised newsy name
 *   via X            the same
 *   Source: X        also "Sources:", "Quelle:", "Источник:": X known or
 *                    any capitalised name (the line says it is a source)
 *   READ MORE: ...   a line starting "Read more" (any case): the first
 *                    known or newsy name on it, within 240 bytes
 * Bounds: names are at most 5 words and 64 bytes; a text is scanned for at
 * most NGI_CREDIT_TRIGGERS pattern starts that read a name, and scanning
 * stops once NGI_CREDIT_COLLECT distinct outlets are found, so time is
 * linear in the text and hostile input (100,000 "(Reuters)" in a row, one
 * 1 MB line) costs a bounded amount per byte. Nothing is allocated.
 */
#include "credits.h"

#include <string.h>
#include <xxhash.h>

#include "../base/base.h"
#include "../base/utf8.h"

#define NGI_CREDIT_NAME_BYTES 64
#define NGI_CREDIT_NAME_WORDS 5
#define NGI_CREDIT_TRIGGERS 1024
#define NGI_CREDIT_COLLECT 8
#define NGI_CREDIT_LINE 240

/* ---- alias table ---------------------------------------------------------- */
/* Folded names (as ngi_outlet_canonical folds them before the lookup) ->
 * the canonical name. */
static const struct alias {
	const char *name, *canonical;
} ALIASES[] = {
	{"reuters", "reuters"}, {"thomson reuters", "reuters"},
	{"рейтер", "reuters"}, {"рейтерс", "reuters"},
	{"ap", "ap"}, {"associated press", "ap"}, {"apnews", "ap"},
	{"afp", "afp"}, {"agence france presse", "afp"}, {"франс пресс", "afp"},
	{"dpa", "dpa"}, {"deutsche presse agentur", "dpa"},
	{"tass", "tass"}, {"itar tass", "tass"}, {"тасс", "tass"},
	{"итар тасс", "tass"},
	{"ria novosti", "ria novosti"}, {"ria", "ria novosti"},
	{"риа новости", "ria novosti"}, {"риа", "ria novosti"},
	{"interfax", "interfax"}, {"интерфакс", "interfax"},
	{"ansa", "ansa"}, {"efe", "efe"}, {"agencia efe", "efe"},
	{"xinhua", "xinhua"}, {"xinhua news agency", "xinhua"},
	{"синьхуа", "xinhua"},
	{"pap", "pap"}, {"polska agencja prasowa", "pap"},
	{"unian", "unian"}, {"уніан", "unian"}, {"униан", "unian"},
	{"ukrinform", "ukrinform"}, {"укрінформ", "ukrinform"},
	{"укринформ", "ukrinform"},
	{"bta", "bta"}, {"бта", "bta"},
	{"čtk", "ctk"}, {"ctk", "ctk"}, {"česká tisková kancelář", "ctk"},
	{"sta", "sta"}, {"slovenska tiskovna agencija", "sta"},
	{"bbc", "bbc"}, {"bbc news", "bbc"}, {"би би си", "bbc"},
	{"cnn", "cnn"}, {"bloomberg", "bloomberg"}, {"bloomberg news", "bloomberg"},
	{"menafn", "menafn"}, {"united press international", "upi"},
	{"kyodo", "kyodo"}, {"kyodo news", "kyodo"}, {"yonhap", "yonhap"},
	{"anadolu", "anadolu"}, {"anadolu agency", "anadolu"},
	{"al jazeera", "al jazeera"}, {"rt", "rt"}, {"sputnik", "sputnik"},
	{"tanjug", "tanjug"}, {"hina", "hina"}, {"mti", "mti"}, {"agerpres", "agerpres"},
};

/* Words that make an unknown capitalised name look like an outlet. */
static const char *const NEWS_WORDS[] = {
	"news", "times", "post", "press", "agency", "journal", "herald",
	"gazette", "tribune", "daily", "observer", "dispatch", "courier",
	"ledger", "wire", "telegraph", "guardian", "express", "mail",
	"chronicle", "radio", "tv", "television", "media", "newspaper",
	"magazine", "zeitung", "agentur", "новости", "газета", "агентство",
};

static const char *const TLDS[] = {"com", "net", "org", "ru", "de", "uk", "co",
				   "ua", "pl", "it", "fr", "es", "cn", "info"};

const char *ngi_credit_pattern_name(int pattern)
{
	switch (pattern) {
	case NGI_CREDIT_WIRE_TAG: return "wire_tag";
	case NGI_CREDIT_SLASH_TAG: return "slash_tag";
	case NGI_CREDIT_DASH: return "dash";
	case NGI_CREDIT_REPORTED: return "reported";
	case NGI_CREDIT_ACCORDING: return "according_to";
	case NGI_CREDIT_SOURCE: return "source";
	case NGI_CREDIT_VIA: return "via";
	case NGI_CREDIT_READ_MORE: return "read_more";
	default: return "unknown";
	}
}

/* ---- code points ------------------------------------------------------------ */
/* The code point at s[i] and its length in bytes (U+FFFD for a bad byte). */
static size_t cp_at(const char *s, size_t len, size_t i, uint32_t *cp)
{
	int32_t c;
	size_t n = (size_t)ngi_utf8_decode(s + i, len - i, &c);
	*cp = (uint32_t)c;
	return n;
}

static int is_word_cp(uint32_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
	return c >= 0xC0 && c != 0xD7 && c != 0xF7 && c != 0xFFFD &&
	       !(c >= 0x2000 && c <= 0x206F) && !(c >= 0x3000 && c <= 0x303F);
}

static int is_upper_cp(uint32_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7) ||
	       (c >= 0x100 && c <= 0x17F && !(c & 1)) || (c >= 0x400 && c <= 0x42F);
}

static uint32_t lower_cp(uint32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c >= 0xC0 && c <= 0xDE && c != 0xD7)
		return c + 32;
	if (c >= 0x100 && c <= 0x17F && !(c & 1) && c != 0x130)
		return c + 1;
	if (c >= 0x410 && c <= 0x42F)
		return c + 32;
	if (c >= 0x400 && c <= 0x40F)
		return c + 80;
	return c;
}

/* ---- canonical names ---------------------------------------------------------- */
static int in_list(const char *w, size_t n, const char *const *list, size_t k)
{
	for (size_t i = 0; i < k; i++)
		if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0)
			return 1;
	return 0;
}

size_t ngi_outlet_canonical(const char *s, size_t len, char *out, size_t cap,
			    int *known)
{
	*known = 0;
	if (!s || cap < 8)
		return 0;
	/* folded words, one space apart; where each starts; whether a dot
	 * came right before it (a domain's parts) */
	char buf[4 * NGI_CREDIT_NAME_BYTES];
	size_t starts[16], n = 0, bl = 0;
	int dotted[16];
	char prev = ' ';
	for (size_t i = 0; i < len && n < 16;) {
		uint32_t c;
		size_t k = cp_at(s, len, i, &c);
		if (!is_word_cp(c)) {
			prev = s[i];
			i += k;
			continue;
		}
		if (n)
			buf[bl++] = ' ';
		starts[n] = bl;
		dotted[n] = prev == '.';
		n++;
		while (i < len && bl + 8 < sizeof buf) {
			k = cp_at(s, len, i, &c);
			if (!is_word_cp(c))
				break;
			bl += ngi_utf8_encode(lower_cp(c), buf + bl);
			i += k;
		}
		if (bl + 8 >= sizeof buf)
			break;
	}
	size_t from = 0, to = bl;
	/* "www." and a trailing domain ("reuters.com", "tass.ru", "bbc.co.uk") */
	if (n > 1 && to - starts[0] >= 3 && memcmp(buf, "www", 3) == 0 &&
	    starts[1] == 4)
		from = starts[1];
	while (n > 1 && dotted[n - 1] && starts[n - 1] > from &&
	       in_list(buf + starts[n - 1], to - starts[n - 1], TLDS,
		       sizeof TLDS / sizeof *TLDS)) {
		to = starts[n - 1] - 1;
		n--;
	}
	if (to - from > 4 && memcmp(buf + from, "the ", 4) == 0)
		from += 4;
	if (to <= from)
		return 0;
	const char *name = buf + from;
	size_t nl = to - from;
	for (size_t i = 0; i < sizeof ALIASES / sizeof *ALIASES; i++)
		if (ALIASES[i].name[0] == name[0] && strlen(ALIASES[i].name) == nl &&
		    memcmp(ALIASES[i].name, name, nl) == 0) {
			*known = 1;
			name = ALIASES[i].canonical;
			nl = strlen(name);
			break;
		}
	if (nl >= cap) { /* cut on a code point */
		nl = cap - 1;
		while (nl > 0 && ((unsigned char)name[nl] & 0xC0) == 0x80)
			nl--;
	}
	memmove(out, name, nl);
	out[nl] = '\0';
	return nl;
}

static uint32_t key_of(const char *canonical, size_t n)
{
	uint64_t h = XXH3_64bits(canonical, n);
	uint32_t k = (uint32_t)(h ^ h >> 32);
	return k ? k : 1;
}

uint32_t ngi_outlet_key(const char *name)
{
	if (!name)
		return 0;
	char c[NGI_CREDIT_NAME];
	int known;
	size_t n = ngi_outlet_canonical(name, strlen(name), c, sizeof c, &known);
	return n ? key_of(c, n) : 0;
}

static int newsy(const char *canonical)
{
	const char *p = canonical;
	while (*p) {
		const char *e = strchr(p, ' ');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (in_list(p, n, NEWS_WORDS, sizeof NEWS_WORDS / sizeof *NEWS_WORDS))
			return 1;
		p += n;
		while (*p == ' ')
			p++;
	}
	return 0;
}

/* ---- scanning ------------------------------------------------------------------ */
typedef struct scan {
	const char *s;
	size_t len;
	uint32_t own;
	int in_title;
	int triggers;
	ngi_credit found[NGI_CREDIT_COLLECT];
	int n;
} scan;

static int full(const scan *sc)
{
	return sc->n == NGI_CREDIT_COLLECT || sc->triggers >= NGI_CREDIT_TRIGGERS;
}

/* Adds s[start, end) as a credit when its name (s[ns, ne)) qualifies:
 * need 0 any name, 1 known or newsy, 2 known. Returns whether added or
 * already there. */
static int offer(scan *sc, size_t ns, size_t ne, size_t start, size_t end,
		 int pattern, int need)
{
	ngi_credit c = {0};
	int known;
	size_t n = ngi_outlet_canonical(sc->s + ns, ne - ns, c.name, sizeof c.name,
					&known);
	if (!n || (need == 2 && !known) || (need == 1 && !known && !newsy(c.name)))
		return 0;
	c.key = key_of(c.name, n);
	if (c.key == sc->own)
		return 1; /* a self-credit: the outlet's own dateline */
	for (int i = 0; i < sc->n; i++)
		if (sc->found[i].key == c.key)
			return 1;
	if (sc->n == NGI_CREDIT_COLLECT)
		return 0;
	c.pattern = (uint8_t)pattern;
	c.known = (uint8_t)known;
	c.in_title = (uint8_t)sc->in_title;
	c.start = (uint32_t)start;
	c.end = (uint32_t)end;
	sc->found[sc->n++] = c;
	return 1;
}

static int word_at(const scan *sc, size_t i)
{
	uint32_t c;
	return i < sc->len && (cp_at(sc->s, sc->len, i, &c), is_word_cp(c));
}

/* Whether a word starts at i (nothing word-like right before it). */
static int word_start(const scan *sc, size_t i)
{
	if (i == 0)
		return 1;
	size_t j = i - 1;
	while (j > 0 && i - j < 4 && ((unsigned char)sc->s[j] & 0xC0) == 0x80)
		j--;
	return !word_at(sc, j);
}

/* The end of the word starting at i, looking no further than
 * NGI_CREDIT_LINE bytes (a longer word is no name). */
static size_t word_end(const scan *sc, size_t i)
{
	uint32_t c;
	size_t stop = sc->len - i > NGI_CREDIT_LINE ? i + NGI_CREDIT_LINE : sc->len;
	while (i < stop) {
		size_t k = cp_at(sc->s, sc->len, i, &c);
		if (!is_word_cp(c))
			break;
		i += k;
	}
	return i;
}

/* Ends of up to NGI_CREDIT_NAME_WORDS words from i, joined by one space, a
 * hyphen or a dot; upper: each must start with a capital (lower-case "of",
 * "de", "for" may join two capitalised words). Returns how many. */
static int name_words(const scan *sc, size_t i, int upper, size_t *ends)
{
	int n = 0;
	size_t start = i;
	while (n < NGI_CREDIT_NAME_WORDS && i < sc->len && i - start < NGI_CREDIT_NAME_BYTES) {
		uint32_t c;
		cp_at(sc->s, sc->len, i, &c);
		if (!is_word_cp(c))
			break;
		size_t e = word_end(sc, i);
		if (e - start > NGI_CREDIT_NAME_BYTES)
			break;
		if (upper && !is_upper_cp(c)) {
			size_t wl = e - i;
			int joiner = n > 0 && ((wl == 2 && (memcmp(sc->s + i, "of", 2) == 0 ||
							   memcmp(sc->s + i, "de", 2) == 0)) ||
					       (wl == 3 && memcmp(sc->s + i, "for", 3) == 0));
			if (!joiner)
				break;
			ends[n] = 0; /* not a place to end */
		} else {
			ends[n] = e;
		}
		n++;
		if (e + 1 < sc->len && (sc->s[e] == ' ' || sc->s[e] == '-' || sc->s[e] == '.') &&
		    word_at(sc, e + 1))
			i = e + 1;
		else
			break;
	}
	while (n > 0 && ends[n - 1] == 0)
		n--;
	return n;
}

/* The longest name from i that qualifies (need as in offer). */
static int offer_name(scan *sc, size_t i, size_t match_start, int pattern, int need)
{
	while (i < sc->len && sc->s[i] == ' ')
		i++;
	size_t ends[NGI_CREDIT_NAME_WORDS];
	/* known names in any case ("the BBC", "dpa"), then capitalised ones */
	int n = name_words(sc, i, 0, ends);
	for (int k = n - 1; k >= 0; k--)
		if (ends[k] && offer(sc, i, ends[k], match_start, ends[k], pattern, 2))
			return 1;
	if (need == 2)
		return 0;
	size_t from = i;
	if (sc->len - i > 4 && (memcmp(sc->s + i, "the ", 4) == 0))
		from = i + 4;
	n = name_words(sc, from, 1, ends);
	for (int k = n - 1; k >= 0; k--)
		if (ends[k] && offer(sc, i, ends[k], match_start, ends[k], pattern, need))
			return 1;
	return 0;
}

static int ci_word(const scan *sc, size_t i, const char *w)
{
	size_t n = strlen(w);
	if (sc->len - i < n)
		return 0;
	for (size_t k = 0; k < n; k++) {
		char c = sc->s[i + k];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (c != w[k])
			return 0;
	}
	return 1;
}

/* "(Reuters)": a known name alone in parentheses. */
static void wire_tag(scan *sc, size_t i)
{
	size_t j = i + 1;
	while (j < sc->len && j - i < 40 && sc->s[j] != ')' && sc->s[j] != '(' &&
	       sc->s[j] != '\n')
		j++;
	if (j < sc->len && sc->s[j] == ')' && j > i + 1) {
		sc->triggers++;
		offer(sc, i + 1, j, i, j + 1, NGI_CREDIT_WIRE_TAG, 2);
	}
}

/* "/TASS/": letters, spaces and hyphens between two slashes. */
static void slash_tag(scan *sc, size_t i)
{
	if (i > 0 && sc->s[i - 1] != ' ' && sc->s[i - 1] != '\n' && sc->s[i - 1] != '.')
		return;
	size_t j = i + 1;
	while (j < sc->len && j - i < 32 && sc->s[j] != '/') {
		unsigned char c = (unsigned char)sc->s[j];
		if (c < 0x80 && c != ' ' && c != '-' && !((c | 0x20) >= 'a' && (c | 0x20) <= 'z'))
			return;
		j++;
	}
	if (j < sc->len && sc->s[j] == '/' && j > i + 1) {
		sc->triggers++;
		offer(sc, i + 1, j, i, j + 1, NGI_CREDIT_SLASH_TAG, 2);
	}
}

/* "— Reuters": a dash, a known name, then the end of a line or sentence. */
static void dash(scan *sc, size_t i, size_t after)
{
	size_t j = after;
	if (j >= sc->len || sc->s[j] != ' ')
		return;
	while (j < sc->len && sc->s[j] == ' ')
		j++;
	size_t ends[NGI_CREDIT_NAME_WORDS];
	int n = name_words(sc, j, 0, ends);
	if (!n)
		return;
	sc->triggers++;
	for (int k = n - 1; k >= 0; k--) {
		size_t e = ends[k];
		if (!e)
			continue;
		size_t t = e;
		while (t < sc->len && sc->s[t] == ' ')
			t++;
		if (t < sc->len && !strchr("\n\r.,;)|", sc->s[t]))
			continue;
		if (offer(sc, j, e, i, e, NGI_CREDIT_DASH, 2))
			return;
	}
}

/* "Reuters reported": a known name right before the word at i. */
static void reported(scan *sc, size_t i)
{
	if (i < 2 || sc->s[i - 1] != ' ')
		return;
	size_t end = i - 1, starts[NGI_CREDIT_NAME_WORDS];
	int n = 0;
	size_t j = end;
	while (n < NGI_CREDIT_NAME_WORDS && j > 0 && end - j < NGI_CREDIT_NAME_BYTES) {
		size_t w = j;
		while (w > 0 && end - w < NGI_CREDIT_NAME_BYTES) {
			size_t b = w - 1;
			while (b > 0 && w - b < 4 && ((unsigned char)sc->s[b] & 0xC0) == 0x80)
				b--;
			if (!word_at(sc, b))
				break;
			w = b;
		}
		if (w == j)
			break;
		starts[n++] = w;
		if (w < 2 || (sc->s[w - 1] != ' ' && sc->s[w - 1] != '-') || !word_at(sc, w - 2))
			break;
		j = w - 1;
	}
	if (!n)
		return;
	sc->triggers++;
	size_t through = word_end(sc, i);
	for (int k = n - 1; k >= 0; k--)
		if (offer(sc, starts[k], end, starts[k], through, NGI_CREDIT_REPORTED, 2))
			return;
}

/* A "Read more" line: its first known (or newsy) name. */
static void read_more(scan *sc, size_t i)
{
	size_t j = i + 9, stop = i + NGI_CREDIT_LINE;
	sc->triggers++;
	while (j < sc->len && j < stop && sc->s[j] != '\n') {
		if (word_at(sc, j) && word_start(sc, j)) {
			size_t ends[NGI_CREDIT_NAME_WORDS];
			int n = name_words(sc, j, 0, ends);
			for (int k = n - 1; k >= 0; k--)
				if (ends[k] && offer(sc, j, ends[k], i, ends[k],
						     NGI_CREDIT_READ_MORE, 1))
					return;
			j = word_end(sc, j);
		} else {
			j++;
		}
	}
}

static int line_start(const scan *sc, size_t i)
{
	while (i > 0 && (sc->s[i - 1] == ' ' || sc->s[i - 1] == '\t'))
		i--;
	return i == 0 || sc->s[i - 1] == '\n';
}

static void scan_text(scan *sc)
{
	static const char ISTOCHNIK[] = "\xd0\x98\xd1\x81\xd1\x82\xd0\xbe\xd1\x87\xd0\xbd\xd0\xb8\xd0\xba:";
	static const char istochnik[] = "\xd0\xb8\xd1\x81\xd1\x82\xd0\xbe\xd1\x87\xd0\xbd\xd0\xb8\xd0\xba:";
	const char *s = sc->s;
	for (size_t i = 0; i < sc->len && !full(sc); i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '(') {
			wire_tag(sc, i);
		} else if (c == '/') {
			slash_tag(sc, i);
		} else if (c == 0xE2 && i + 2 < sc->len && (unsigned char)s[i + 1] == 0x80 &&
			   ((unsigned char)s[i + 2] == 0x94 || (unsigned char)s[i + 2] == 0x93)) {
			dash(sc, i, i + 3);
		} else if (c == '-' && i > 0 && s[i - 1] == ' ') {
			dash(sc, i, i + 1);
		} else if (c == 0xD0 && sc->len - i >= sizeof ISTOCHNIK - 1 &&
			   (memcmp(s + i, ISTOCHNIK, sizeof ISTOCHNIK - 1) == 0 ||
			    memcmp(s + i, istochnik, sizeof istochnik - 1) == 0) &&
			   word_start(sc, i)) {
			sc->triggers++;
			offer_name(sc, i + sizeof ISTOCHNIK - 1, i, NGI_CREDIT_SOURCE, 0);
		} else if (c < 0x80 && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') &&
			   word_start(sc, i)) {
			switch (c | 0x20) {
			case 'a':
				if (ci_word(sc, i, "according to ")) {
					sc->triggers++;
					offer_name(sc, i + 13, i, NGI_CREDIT_ACCORDING, 1);
				}
				break;
			case 'r':
				if ((ci_word(sc, i, "reported") || ci_word(sc, i, "reports")) &&
				    !word_at(sc, i + (ci_word(sc, i, "reported") ? 8 : 7)))
					reported(sc, i);
				else if (ci_word(sc, i, "read more") && line_start(sc, i))
					read_more(sc, i);
				break;
			case 's':
				if (ci_word(sc, i, "source:") || ci_word(sc, i, "sources:")) {
					sc->triggers++;
					offer_name(sc, i + (s[i + 6] == ':' ? 7 : 8), i,
						   NGI_CREDIT_SOURCE, 0);
				}
				break;
			case 'q':
				if (ci_word(sc, i, "quelle:")) {
					sc->triggers++;
					offer_name(sc, i + 7, i, NGI_CREDIT_SOURCE, 0);
				}
				break;
			case 'v':
				if (ci_word(sc, i, "via ")) {
					sc->triggers++;
					offer_name(sc, i + 4, i, NGI_CREDIT_VIA, 1);
				}
				break;
			default:
				break;
			}
		}
	}
}

int ngi_credits_find(const char *text, size_t len, const char *title,
		     uint32_t own_key, ngi_credit *out, int max)
{
	scan sc = {.own = own_key ? own_key : 0};
	if (text && len) {
		sc.s = text;
		sc.len = len;
		scan_text(&sc);
	}
	if (title && *title && sc.n < NGI_CREDIT_COLLECT) {
		sc.s = title;
		sc.len = strlen(title);
		sc.in_title = 1;
		sc.triggers = 0;
		scan_text(&sc);
	}
	int n = 0;
	for (int pass = 1; pass >= 0; pass--) /* known outlets first */
		for (int i = 0; i < sc.n && n < max; i++)
			if (sc.found[i].known == pass)
				out[n++] = sc.found[i];
	return n;
}
