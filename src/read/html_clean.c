/*
 * html_clean.c: the markup minus what the parser need not see.
 *
 * Scripts and styles are half the bytes of a news page and none of its
 * text; the HTML parser reads them character by character. This pass
 * copies the markup and leaves out, with a memchr-speed scan, comments
 * and the whole of <script>, <style>, <template>, <svg>, <math> and
 * <noscript> elements (their contents are raw text or not shown), keeping
 * the contents of JSON-LD scripts (type="application/ld+json") aside for
 * the metadata reader, and the attributes no later stage reads (image
 * sources, data-*, event handlers: most of a start tag's bytes), since
 * libxml2 allocates every attribute it sees. Tags are read as the HTML5 tokenizer reads them:
 * quoted attribute values may hold '>' and '<'; a raw-text element ends at
 * "</name" followed by a space, '/' or '>' (any case); an unclosed one
 * runs to the end of the page, as in a browser.
 */
#include "html_int.h"

#include <string.h>
#include <strings.h>

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int is_alpha(int c)
{
	return (c | 32) >= 'a' && (c | 32) <= 'z';
}

/* The end of the tag whose name starts at s[i] (index after '>', or len);
 * quoted values skipped. *jsonld set when a type attribute says ld+json. */
static size_t tag_end(const char *s, size_t len, size_t i, int *jsonld)
{
	while (i < len && s[i] != '>') {
		if (s[i] == '=') {
			i++;
			while (i < len && is_space((unsigned char)s[i]))
				i++;
			if (i < len && (s[i] == '"' || s[i] == '\'')) {
				char q = s[i];
				const char *e = memchr(s + i + 1, q, len - i - 1);
				size_t vend = e ? (size_t)(e - s) : len;
				if (jsonld && vend - i > 8 &&
				    ngi_memfind(s + i + 1, vend - i - 1, "ld+json",
					   7))
					*jsonld = 1;
				i = vend < len ? vend + 1 : len;
				continue;
			}
			if (jsonld && len - i > 7 &&
			    strncasecmp(s + i, "application/ld+json", 19) == 0)
				*jsonld = 1;
			continue;
		}
		i++;
	}
	return i < len ? i + 1 : len;
}

/* Where the raw text of element name (n bytes) ends: the index of its
 * "</name", or len. */
static size_t raw_text_end(const char *s, size_t len, size_t i,
			   const char *name, size_t n)
{
	while (i < len) {
		const char *lt = memchr(s + i, '<', len - i);
		if (!lt)
			return len;
		size_t j = (size_t)(lt - s);
		if (j + 2 + n <= len && s[j + 1] == '/' &&
		    strncasecmp(s + j + 2, name, n) == 0 &&
		    (j + 2 + n == len || is_space((unsigned char)s[j + 2 + n]) ||
		     s[j + 2 + n] == '/' || s[j + 2 + n] == '>'))
			return j;
		i = j + 1;
	}
	return len;
}

/* The attributes the later stages read; the parser need not see the rest
 * (src, srcset, data-*, event handlers, styles of visible elements...).
 * href only on <link> (the canonical URL). */
static int kept_attribute(const char *s, size_t n, int is_link)
{
	static const char *const kept[] = {
		"aria-hidden", "charset", "class", "content", "datetime",
		"hidden", "http-equiv", "id", "itemprop", "lang", "name",
		"property", "pubdate", "rel", "role", "style", "xml:lang",
	};
	if (is_link && n == 4 && strncasecmp(s, "href", 4) == 0)
		return 1;
	for (size_t i = 0; i < NGI_ARRAY_LEN(kept); i++)
		if (strlen(kept[i]) == n && strncasecmp(s, kept[i], n) == 0)
			return 1;
	return 0;
}

/* Writes the start tag s[i..te) (name s[i+1..ne)) with only its kept
 * attributes, each copied as written. Returns the bytes written. */
static size_t copy_start_tag(const char *s, size_t i, size_t ne, size_t te,
			     char *o)
{
	size_t k = 0;
	memcpy(o, s + i, ne - i);
	k = ne - i;
	int is_link = ne - i - 1 == 4 && strncasecmp(s + i + 1, "link", 4) == 0;
	size_t end = te;
	int closed = end > ne && s[end - 1] == '>';
	if (closed)
		end--;
	int self_closing = closed && end > ne && s[end - 1] == '/';
	size_t j = ne;
	while (j < end) {
		while (j < end && (is_space((unsigned char)s[j]) || s[j] == '/'))
			j++;
		if (j >= end)
			break;
		size_t an = j;
		while (j < end && !is_space((unsigned char)s[j]) && s[j] != '/' &&
		       s[j] != '=')
			j++;
		if (j == an)
			j++; /* a stray character: skip it */
		size_t ae = j;
		size_t v = j;
		while (v < end && is_space((unsigned char)s[v]))
			v++;
		if (v < end && s[v] == '=') {
			v++;
			while (v < end && is_space((unsigned char)s[v]))
				v++;
			if (v < end && (s[v] == '"' || s[v] == '\'')) {
				const char *q = memchr(s + v + 1, s[v], end - v - 1);
				v = q ? (size_t)(q - s) + 1 : end;
			} else {
				while (v < end && !is_space((unsigned char)s[v]))
					v++;
			}
			j = v;
		}
		if (kept_attribute(s + an, ae - an, is_link)) {
			o[k++] = ' ';
			memcpy(o + k, s + an, j - an);
			k += j - an;
		}
	}
	if (self_closing)
		o[k++] = '/';
	if (closed)
		o[k++] = '>';
	return k;
}

static const struct {
	const char *name;
	size_t len;
} dropped[] = {
	{"script", 6}, {"style", 5},    {"template", 8},
	{"svg", 3},    {"math", 4},     {"noscript", 8},
};

ng_status ngi_html_clean(const char *s, size_t len, ngi_arena *a, char **out,
			 size_t *out_len, ngi_html_jsonld **jsonld)
{
	/* a kept attribute gets a space before it that the input may not
	 * have had ("<p a="1"class=x>"): room for twice the input */
	char *o = ngi_arena_alloc(a, 2 * len + 2);
	if (!o)
		return NG_ERR_NOMEM;
	ngi_html_jsonld *head = NULL, **tail = &head;
	size_t i = 0, k = 0;
	while (i < len) {
		const char *lt = memchr(s + i, '<', len - i);
		size_t j = lt ? (size_t)(lt - s) : len;
		memcpy(o + k, s + i, j - i);
		k += j - i;
		i = j;
		if (i >= len)
			break;
		if (i + 4 <= len && memcmp(s + i, "<!--", 4) == 0) {
			/* "<!-->" and "<!--->" are empty comments */
			size_t from = i + 4;
			if (from < len && s[from] == '>') {
				i = from + 1;
				continue;
			}
			if (from + 1 < len && s[from] == '-' && s[from + 1] == '>') {
				i = from + 2;
				continue;
			}
			const char *e = ngi_memfind(s + from, len - from, "-->", 3);
			i = e ? (size_t)(e - s) + 3 : len;
			continue;
		}
		if (i + 1 >= len || !is_alpha((unsigned char)s[i + 1])) {
			o[k++] = s[i++];
			continue;
		}
		size_t name = i + 1, ne = name;
		while (ne < len && !is_space((unsigned char)s[ne]) &&
		       s[ne] != '>' && s[ne] != '/')
			ne++;
		size_t which = NGI_ARRAY_LEN(dropped);
		for (size_t d = 0; d < NGI_ARRAY_LEN(dropped); d++)
			if (ne - name == dropped[d].len &&
			    strncasecmp(s + name, dropped[d].name,
					dropped[d].len) == 0) {
				which = d;
				break;
			}
		int is_jsonld = 0;
		size_t te = tag_end(s, len, ne, which == 0 ? &is_jsonld : NULL);
		if (which == NGI_ARRAY_LEN(dropped)) {
			k += copy_start_tag(s, i, ne, te, o + k);
			i = te;
			continue;
		}
		if (te >= 2 && s[te - 1] == '>' && s[te - 2] == '/' &&
		    which >= 3) {
			i = te; /* <svg/>: self-closing in foreign content */
			continue;
		}
		size_t re = raw_text_end(s, len, te, dropped[which].name,
					 dropped[which].len);
		if (is_jsonld && re > te) {
			ngi_html_jsonld *l = ngi_arena_alloc(a, sizeof *l);
			if (!l)
				return NG_ERR_NOMEM;
			l->text = s + te;
			l->len = re - te;
			l->next = NULL;
			*tail = l;
			tail = &l->next;
		}
		i = re < len ? tag_end(s, len, re + 2, NULL) : len;
		/* keep the element's place: a space, so words either side
		 * stay apart */
		o[k++] = ' ';
	}
	o[k] = 0;
	*out = o;
	*out_len = k;
	*jsonld = head;
	return NG_OK;
}
