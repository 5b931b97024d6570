/*
 * sentences.c: groups the tokens of a document into sentences.
 *
 * Runs last in ngi_text_analyze, over tokens that already carry their
 * folded norms. A sentence ends at a stop (. ! ? … and the stops of other
 * scripts: 。！？ ؟ ।) together with the stops, closing quotes and brackets
 * right after it ("Really?!”), provided the text goes on with a space or
 * ends there (the CJK stops need no space), and provided the next word does
 * not start in lower case ("said Mr. Smith", "“Go!” he said"). A full stop
 * does not end a sentence after an abbreviation of the document's language
 * (Mr., z.B., т.е.), after a single letter ("J. Smith", "U.S."), or, in
 * languages that write ordinals that way, after a short number followed by
 * a word that is not a stopword ("16. BRICS-Gipfel", "5. November", but
 * "Nr. 6. Die Regel"). A blank line always ends a sentence; a single line
 * break ends one unless the next line starts in lower case (a hard-wrapped
 * paragraph).
 */
#include "textint.h"

#include <string.h>

/* ---- abbreviations ----------------------------------------------------------
 * Folded, without the final dot; inner dots kept ("z.b", "т.е"). Single
 * letters need no entry. Words that commonly end a sentence ("etc.", "usw.",
 * "Inc.") are left out on purpose: the lower-case rule already keeps them
 * inside a sentence when one goes on after them. The common list applies to
 * every language. */
static const char *const abbr_common[] = {
	"dr", "prof", "mr", "mrs", "ms", "st", "jr", "sr", "u.s", "u.k", "u.n",
	"e.g", "i.e", "vs", "jan", "feb", "apr", "jun", "jul", "aug", "sep",
	"sept", "oct", "nov", "dec", "ph.d", "a.m", "p.m", "nr", "ca", "cf",
	"mio", "mrd", "mln", "mld", "mlrd", NULL};

static const char *const abbr_en[] = {
	"gen", "lt", "col", "capt", "sgt", "gov", "sen", "rep", "rev", "mt",
	"ave", "approx", "dept", "fig", "nos", "mar", "corp", "bros",
	"rd", "blvd", "ft", NULL};

static const char *const abbr_de[] = {
	"z.b", "bzw", "d.h", "u.a", "o.a", "s.o", "u.u", "v.a", "abs", "art",
	"bspw", "ca", "ehem", "evtl", "ggf", "hr", "fr", "inkl", "jh", "jhd",
	"str", "vgl", "zb", "max", "min", "tel", "geb", "gest", "sog", "allg",
	"dt", "engl", "franz", "griech", "ital", "lat", "russ", "span", NULL};

static const char *const abbr_fr[] = {
	"mme", "mlle", "mm", "ste", "av", "boul", "bd", "env", "p.ex",
	"janv", "févr", "avr", "juil", "déc", "art", "chap", NULL};

static const char *const abbr_it[] = {
	"sig", "sigg", "sig.ra", "dott", "dott.ssa", "ing", "avv", "on",
	"pag", "art", "ecc", "gen", "geom", "rag", "arch", NULL};

static const char *const abbr_es[] = {
	"sra", "srta", "sres", "dra", "dña", "ud", "uds", "av", "avda", "pág",
	"núm", "gral", "lic", "ing", "ee.uu", "art", "arts", "admón", NULL};

static const char *const abbr_pt[] = {
	"sra", "srta", "dra", "av", "pág", "núm", "art", "eng", "exmo",
	"ilmo", "profª", "dª", NULL};

static const char *const abbr_nl[] = {
	"dhr", "mevr", "ir", "ing", "bijv", "o.a", "m.a.w", "d.w.z", "jl",
	"blz", "resp", "mln", "mld", NULL};

static const char *const abbr_ru[] = {
	"т.е", "т.к", "т.н", "гг", "ул", "им", "проф", "акад", "млн", "млрд",
	"тыс", "руб", "стр", "ст", "пр", "гр", "просп", "пер", "обл", "долл",
	"см", "напр", "рис", "коп", "англ", "нем", "франц", "лат", NULL};

static const char *const abbr_uk[] = {
	"т.б", "т.п", "т.зв", "вул", "грн", "млн", "млрд", "тис", "ім", "проф",
	"див", "напр", "обл", "просп", "пров", "ст", "акад", "англ", "долл",
	NULL};

static const char *const abbr_bg[] = {
	"т.е", "т.нар", "гр", "ул", "млн", "млрд", "хил", "проф", "напр",
	"бул", "обл", "ст", "акад", "лв", "д-р", "доц", "инж", "англ", NULL};

static const char *const abbr_pl[] = {
	"np", "tzn", "tj", "ok", "godz", "ul", "św", "prof", "mgr", "inż",
	"mln", "mld", "tys", "zł", "pl", "al", "płk", "ks", "im", "wg",
	"m.in", "pkt", "ds", "gen", "woj", "pow", "gm", "red", "tzw", "dot",
	"ang", "niem", "ros", "oprac", "ur", "zm", NULL};

static const char *const abbr_cs[] = {
	"tzv", "např", "tj", "mj", "ul", "nám", "mld", "tis", "kč", "doc",
	"ing", "mudr", "judr", "phdr", "mgr", "bc", "plk", "sv", "resp",
	"popř", "cca", "min", "hod", "př", "n.l", "str", "angl", "čj", "atp",
	NULL};

static const char *const abbr_sl[] = {
	"npr", "t.i", "oz", "tj", "mag", "ga", "gdč", "št", "sv", "d.o.o",
	"ur", "mio", "mrd", "tis", "prim", "doc", "inž", "angl", NULL};

static const char *const abbr_hr[] = {
	"npr", "tj", "sv", "mr", "mil", "mlrd", "tis", "ul", "d.d", "d.o.o",
	"br", "god", "tzv", "dr.sc", "prof", "dipl", "ing", NULL};

static const char *const abbr_tr[] = {
	"doç", "av", "yrd", "vb", "sn", "örn", "bkz", "cad", "sok", "mah",
	"apt", "alb", "yzb", "bşk", "genel", NULL};

static const struct {
	const char *lang;
	const char *const *list;
} abbr_by_lang[] = {
	{"en", abbr_en}, {"de", abbr_de}, {"fr", abbr_fr}, {"it", abbr_it},
	{"es", abbr_es}, {"pt", abbr_pt}, {"nl", abbr_nl}, {"ru", abbr_ru},
	{"uk", abbr_uk}, {"bg", abbr_bg}, {"pl", abbr_pl}, {"cs", abbr_cs},
	{"sl", abbr_sl}, {"hr", abbr_hr}, {"sr", abbr_hr}, {"bs", abbr_hr},
	{"sk", abbr_cs}, {"tr", abbr_tr},
};

static int in_list(const char *const *list, const char *w, size_t n)
{
	for (; *list; list++)
		if (strlen(*list) == n && memcmp(*list, w, n) == 0)
			return 1;
	return 0;
}

static int is_abbreviation(const char *lang, const char *w, size_t n)
{
	if (in_list(abbr_common, w, n))
		return 1;
	int any = strcmp(lang, "und") == 0;
	for (size_t i = 0; i < NGI_ARRAY_LEN(abbr_by_lang); i++)
		if ((any || strcmp(lang, abbr_by_lang[i].lang) == 0) &&
		    in_list(abbr_by_lang[i].list, w, n))
			return 1;
	return 0;
}

/* Languages that do not write ordinals as "16." (where "in 16. The" is
 * more likely a sentence end). Elsewhere, and for "und", a number of up to
 * three digits, a dot and a word is an ordinal. */
static int writes_dot_ordinals(const char *lang)
{
	static const char *const no[] = {
		"en", "fr", "es", "it", "pt", "ru", "uk", "bg", "nl", "el", "ro",
		"ca", "ar", "he", "fa", "zh", "ja", "ko", "hi", "id", "ms", "vi",
		"th", NULL};
	return !in_list(no, lang, strlen(lang));
}

/* ---- code points --------------------------------------------------------- */
static int32_t first_cp(const char *text, size_t len, const ngi_token *t)
{
	int32_t cp;
	ngi_text_decode((const unsigned char *)text + t->start,
			len - t->start, &cp);
	return cp;
}

enum stop_kind { NOT_STOP = 0, STOP_DOT, STOP_LATIN, STOP_CJK };

static enum stop_kind stop_kind(int32_t cp)
{
	switch (cp) {
	case '.':
		return STOP_DOT;
	case '!':
	case '?':
	case 0x2026: /* … */
	case 0x203C: /* ‼ */
	case 0x2047: /* ⁇ */
	case 0x2048: /* ⁈ */
	case 0x2049: /* ⁉ */
	case 0x061F: /* ؟ Arabic question mark */
	case 0x06D4: /* ۔ Urdu full stop */
	case 0x0964: /* । danda */
	case 0x0965: /* ॥ double danda */
	case 0x0589: /* ։ Armenian full stop */
	case 0x1362: /* ። Ethiopic full stop */
	case 0x104B: /* ။ Myanmar section mark */
		return STOP_LATIN;
	case 0x3002: /* 。 */
	case 0xFF01: /* ！ */
	case 0xFF1F: /* ？ */
	case 0xFF0E: /* ． */
	case 0xFF61: /* ｡ */
		return STOP_CJK;
	default:
		return NOT_STOP;
	}
}

/* Quotes and brackets that may close a sentence after its stop. Openers
 * that some languages use as closers (“ in German, « in Danish) count too:
 * they only end up inside the sentence when a space follows them. */
static int is_closer(int32_t cp)
{
	switch (cp) {
	case '"':
	case '\'':
	case ')':
	case ']':
	case '}':
	case 0x2019: /* ’ */
	case 0x201D: /* ” */
	case 0x201C: /* “ */
	case 0x00BB: /* » */
	case 0x00AB: /* « */
	case 0x203A: /* › */
	case 0x2039: /* ‹ */
	case 0x300D: /* 」 */
	case 0x300F: /* 』 */
	case 0x300B: /* 》 */
	case 0x3009: /* 〉 */
	case 0xFF09: /* ） */
	case 0xFF3D: /* ］ */
	case 0xFF02: /* ＂ */
		return 1;
	default:
		return 0;
	}
}

/* Line breaks between two tokens: 0, 1, or 2 for a blank line or more
 * (U+2029 paragraph separator counts as a blank line). */
static int line_breaks(const char *text, size_t from, size_t to)
{
	int n = 0;
	for (size_t i = from; i < to; i++) {
		unsigned char b = (unsigned char)text[i];
		if (b == '\n') {
			n++;
		} else if (b == '\r') {
			if (i + 1 >= to || text[i + 1] != '\n')
				n++;
		} else if (b == 0xE2 && i + 2 < to &&
			   (unsigned char)text[i + 1] == 0x80) {
			unsigned char c = (unsigned char)text[i + 2];
			if (c == 0xA8) /* U+2028 line separator */
				n++;
			else if (c == 0xA9) /* U+2029 paragraph separator */
				n += 2;
		}
		if (n >= 2)
			return 2;
	}
	return n;
}

static int starts_lower(const char *text, size_t len, const ngi_token *t)
{
	return t->kind == NGI_TOK_WORD &&
	       ngi_text_is_lower(first_cp(text, len, t));
}

static int is_space_at(const char *text, size_t len, size_t pos)
{
	if (pos >= len)
		return 1;
	int32_t cp;
	ngi_text_decode((const unsigned char *)text + pos, len - pos, &cp);
	ngi_char_class k = ngi_text_char_class(cp);
	return k == NGI_CH_SPACE || k == NGI_CH_FORMAT;
}

/* Does the full stop at tok[i] follow an abbreviation, an initial or an
 * ordinal number, so that it does not end the sentence? */
static int dot_is_not_stop(const char *text, size_t len, const char *lang,
			   const ngi_token *tok, size_t n, size_t i)
{
	if (i == 0 || tok[i - 1].end != tok[i].start)
		return 0;
	const ngi_token *w = &tok[i - 1];
	if (w->kind == NGI_TOK_WORD) {
		int32_t cp;
		int cl = ngi_text_decode((const unsigned char *)text + w->start,
					 len - w->start, &cp);
		if ((uint32_t)cl == w->end - w->start)
			return 1; /* "J. Smith", "z.B.", "U.S." */
		/* Gather "u.s", "z.b", "т.е" backwards: word (dot word)*. */
		char buf[64];
		size_t bl = sizeof buf, j = i - 1;
		for (;;) {
			const ngi_token *t = &tok[j];
			if (t->kind != NGI_TOK_WORD || t->norm_len > bl ||
			    !t->norm)
				return 0;
			bl -= t->norm_len;
			memcpy(buf + bl, t->norm, t->norm_len);
			if (is_abbreviation(lang, buf + bl, sizeof buf - bl))
				return 1;
			if (j < 2 || bl == 0 || tok[j - 1].end != t->start ||
			    tok[j - 2].end != tok[j - 1].start ||
			    tok[j - 1].end - tok[j - 1].start != 1 ||
			    text[tok[j - 1].start] != '.')
				return 0;
			buf[--bl] = '.';
			j -= 2;
		}
	}
	if (w->kind == NGI_TOK_NUMBER && w->end - w->start <= 3 &&
	    writes_dot_ordinals(lang) && i + 1 < n &&
	    tok[i + 1].kind == NGI_TOK_WORD &&
	    !tok[i + 1].stop) {
		for (uint32_t b = w->start; b < w->end; b++)
			if (text[b] < '0' || text[b] > '9')
				return 0;
		return 1; /* "16. BRICS-Gipfel", "5. November" */
	}
	return 0;
}

size_t ngi_text_sentences(const char *text, size_t len, const char *lang,
			  ngi_token *tok, size_t n)
{
	if (n == 0)
		return 0;
	if (!lang)
		lang = "und";
	uint32_t sentence = 0;
	size_t i = 0;
	while (i < n) {
		if (i > 0 && tok[i - 1].sentence == sentence) {
			int lb = line_breaks(text, tok[i - 1].end,
					     tok[i].start);
			if (lb >= 2 ||
			    (lb == 1 && !starts_lower(text, len, &tok[i])))
				sentence++;
		}
		tok[i].sentence = sentence;
		enum stop_kind sk = NOT_STOP;
		if (tok[i].kind == NGI_TOK_PUNCT)
			sk = stop_kind(first_cp(text, len, &tok[i]));
		if (sk == NOT_STOP) {
			i++;
			continue;
		}
		/* The cluster: more stops, closing quotes and brackets. */
		size_t last = i;
		int only_one_dot = sk == STOP_DOT;
		while (last + 1 < n && tok[last + 1].start == tok[last].end &&
		       tok[last + 1].kind == NGI_TOK_PUNCT) {
			int32_t cp = first_cp(text, len, &tok[last + 1]);
			enum stop_kind k2 = stop_kind(cp);
			if (k2 == NOT_STOP && !is_closer(cp))
				break;
			if (k2 != NOT_STOP)
				only_one_dot = 0;
			if (k2 == STOP_CJK)
				sk = STOP_CJK;
			last++;
			tok[last].sentence = sentence;
		}
		int ends = 1;
		if (last + 1 < n) {
			const ngi_token *next = &tok[last + 1];
			if (sk != STOP_CJK &&
			    !is_space_at(text, len, tok[last].end))
				ends = 0;
			else if (sk != STOP_CJK &&
				 starts_lower(text, len, next))
				ends = 0;
			else if (only_one_dot &&
				 dot_is_not_stop(text, len, lang, tok, n, i))
				ends = 0;
		}
		if (ends && last + 1 < n)
			sentence++;
		i = last + 1;
	}
	return (size_t)tok[n - 1].sentence + 1;
}

int ngi_doc_opens_sentence(const ngi_doc *d, size_t i)
{
	const ngi_sentence *s = &d->sentences[d->tokens[i].sentence];
	for (size_t j = s->first_token; j < i; j++)
		if (d->tokens[j].kind != NGI_TOK_PUNCT)
			return 0;
	return 1;
}
