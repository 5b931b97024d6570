/*
 * timeml.c: the TimeML reader of the dates suite (see timeml.h).
 */
#include "timeml.h"

#include <string.h>

#include "../base/utf8.h"
#include "../extract/pubdate.h"

#define TML_MAX_ATTR 256

/* The value of attribute name in the tag text [p, end), unescaped into the
 * arena; NULL when absent. */
static const char *attr(const char *p, const char *end, const char *name,
			ngi_arena *a)
{
	size_t nl = strlen(name);
	while (p < end) {
		/* attribute names follow a space */
		while (p < end && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			p++;
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
			p++;
		const char *nm = p;
		while (p < end && *p != '=' && *p != ' ' && *p != '>')
			p++;
		size_t len = (size_t)(p - nm);
		if (p >= end || *p != '=')
			continue;
		p++;
		if (p >= end || (*p != '"' && *p != '\''))
			continue;
		char q = *p++;
		const char *v = p;
		while (p < end && *p != q)
			p++;
		if (p >= end)
			return NULL;
		if (len == nl && memcmp(nm, name, nl) == 0) {
			size_t vl = (size_t)(p - v);
			return ngi_arena_strndup(a, v, vl < TML_MAX_ATTR ? vl : TML_MAX_ATTR);
		}
		p++;
	}
	return NULL;
}

/* Decodes the entity at p (after '&'); writes UTF-8 to out (>= 4 bytes) and
 * returns its length, with *used the bytes consumed after '&'; 0 when it is
 * not an entity we know (the '&' is then kept as it is). */
static size_t entity(const char *p, const char *end, char *out, size_t *used)
{
	static const struct {
		const char *name;
		char c;
	} named[] = {{"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'},
		     {"quot;", '"'}, {"apos;", '\''}};
	for (size_t i = 0; i < NGI_ARRAY_LEN(named); i++) {
		size_t l = strlen(named[i].name);
		if ((size_t)(end - p) >= l && memcmp(p, named[i].name, l) == 0) {
			out[0] = named[i].c;
			*used = l;
			return 1;
		}
	}
	if (p < end && *p == '#') {
		const char *q = p + 1;
		int hex = q < end && (*q == 'x' || *q == 'X');
		q += hex;
		unsigned long cp = 0;
		int digits = 0;
		for (; q < end && digits < 8; q++, digits++) {
			int d;
			if (*q >= '0' && *q <= '9')
				d = *q - '0';
			else if (hex && *q >= 'a' && *q <= 'f')
				d = *q - 'a' + 10;
			else if (hex && *q >= 'A' && *q <= 'F')
				d = *q - 'A' + 10;
			else
				break;
			cp = cp * (hex ? 16 : 10) + (unsigned long)d;
		}
		if (!digits || q >= end || *q != ';' || cp == 0 || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		*used = (size_t)(q + 1 - p);
		return ngi_utf8_encode((uint32_t)cp, out);
	}
	return 0;
}

static int tag_is(const char *p, const char *end, const char *name)
{
	size_t l = strlen(name);
	return (size_t)(end - p) > l && memcmp(p, name, l) == 0 &&
	       (p[l] == '>' || p[l] == ' ' || p[l] == '/' || p[l] == '\t' ||
		p[l] == '\n' || p[l] == '\r');
}

/* The creation time: the TIMEX3 start tag marked CREATION_TIME. */
static void find_dct(const char *xml, size_t len, ngi_arena *a, ngi_tml_doc *d)
{
	const char *end = xml + len;
	for (const char *p = xml; p < end; p++) {
		if (*p != '<' || !tag_is(p + 1, end, "TIMEX3"))
			continue;
		const char *g = memchr(p, '>', (size_t)(end - p));
		if (!g)
			return;
		const char *fn = attr(p + 1, g, "functionInDocument", a);
		if (fn && strcmp(fn, "CREATION_TIME") == 0) {
			d->dct = attr(p + 1, g, "value", a);
			if (d->dct && strlen(d->dct) >= 10) {
				char date[11], norm[NGI_PUBDATE_LEN];
				memcpy(date, d->dct, 10);
				date[10] = '\0';
				int32_t day;
				if (ngi_pubdate_normalize(date, norm, &day))
					d->dct_day = day;
			}
			return;
		}
	}
}

static const char *find(const char *hay, size_t len, const char *needle)
{
	size_t nl = strlen(needle);
	for (size_t i = 0; i + nl <= len; i++)
		if (hay[i] == needle[0] && memcmp(hay + i, needle, nl) == 0)
			return hay + i;
	return NULL;
}

ng_status ngi_timeml_parse(const char *xml, size_t len, ngi_arena *a,
			   ngi_tml_doc *out, const char **err,
			   size_t *err_offset)
{
	ngi_tml_doc d;
	memset(&d, 0, sizeof d);
	d.dct_day = INT32_MIN;
	find_dct(xml, len, a, &d);
	const char *p = xml, *end = xml + len;
	const char *body = find(xml, len, "<TEXT>");
	if (body) {
		p = body + strlen("<TEXT>");
		const char *close = find(p, (size_t)(end - p), "</TEXT>");
		if (!close) {
			*err = "<TEXT> without </TEXT>";
			*err_offset = (size_t)(body - xml);
			return NG_ERR_INPUT;
		}
		end = close;
	}
	char *text = ngi_arena_alloc(a, (size_t)(end - p) + 1);
	size_t cap = 16, n = 0;
	ngi_tml_timex *tx = ngi_arena_alloc(a, cap * sizeof *tx);
	if (!text || !tx)
		return NG_ERR_NOMEM;
	size_t o = 0;
	int open = 0;
	while (p < end) {
		if (*p == '&') {
			char buf[4];
			size_t used, k = entity(p + 1, end, buf, &used);
			if (k) {
				memcpy(text + o, buf, k);
				o += k;
				p += 1 + used;
				continue;
			}
			text[o++] = *p++;
			continue;
		}
		if (*p != '<') {
			text[o++] = *p++;
			continue;
		}
		if ((size_t)(end - p) >= 4 && memcmp(p, "<!--", 4) == 0) {
			const char *c = find(p, (size_t)(end - p), "-->");
			if (!c) {
				*err = "unterminated comment";
				*err_offset = (size_t)(p - xml);
				return NG_ERR_INPUT;
			}
			p = c + 3;
			continue;
		}
		const char *g = p + 1;
		char q = 0;
		for (; g < end && (q || *g != '>'); g++)
			if (q && *g == q)
				q = 0;
			else if (!q && (*g == '"' || *g == '\''))
				q = *g;
		if (g >= end) {
			*err = "unterminated tag";
			*err_offset = (size_t)(p - xml);
			return NG_ERR_INPUT;
		}
		if (tag_is(p + 1, end, "TIMEX3")) {
			if (open) {
				*err = "nested TIMEX3";
				*err_offset = (size_t)(p - xml);
				return NG_ERR_INPUT;
			}
			if (n == cap) {
				ngi_tml_timex *bigger =
					ngi_arena_alloc(a, 2 * cap * sizeof *tx);
				if (!bigger)
					return NG_ERR_NOMEM;
				memcpy(bigger, tx, n * sizeof *tx);
				tx = bigger;
				cap *= 2;
			}
			ngi_tml_timex *t = &tx[n];
			memset(t, 0, sizeof *t);
			t->start = (uint32_t)o;
			t->tid = attr(p + 1, g, "tid", a);
			t->type = attr(p + 1, g, "type", a);
			t->value = attr(p + 1, g, "value", a);
			if (!t->type)
				t->type = "";
			if (!t->value)
				t->value = "";
			if (!t->tid)
				t->tid = "";
			if (g[-1] == '/') { /* <TIMEX3 .../>: an empty timex */
				t->end = t->start;
				n++;
			} else
				open = 1;
		} else if (tag_is(p + 1, end, "/TIMEX3")) {
			if (!open) {
				*err = "</TIMEX3> without <TIMEX3>";
				*err_offset = (size_t)(p - xml);
				return NG_ERR_INPUT;
			}
			tx[n++].end = (uint32_t)o;
			open = 0;
		}
		p = g + 1;
	}
	if (open) {
		*err = "<TIMEX3> without </TIMEX3>";
		*err_offset = (size_t)(end - xml);
		return NG_ERR_INPUT;
	}
	text[o] = '\0';
	d.text = text;
	d.len = o;
	d.timexes = tx;
	d.n = n;
	*out = d;
	return NG_OK;
}
