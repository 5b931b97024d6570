/*
 * html_int.h: the parts of the HTML extractor (html.h) and what they pass
 * each other.
 *
 * The extractor runs in stages, one file each:
 *   html_charset.c  bytes -> UTF-8 (BOM, HTTP charset, <meta>, ICU's
 *                   detector; ICU converts and counts undecodable bytes)
 *   html_clean.c    UTF-8 -> the same markup without scripts, styles,
 *                   comments and SVG (what the parser need not see), with
 *                   the JSON-LD blocks kept aside
 *   html_tree.c     libxml2's HTML parser -> a compact pre-order array of
 *                   elements and text runs with their tag, semantics and
 *                   text statistics
 *   html_meta.c     metadata: <meta>, JSON-LD, <time>, <link rel>, bylines
 *   html_url.c      host, a date in a URL path, ISO dates (URLs are
 *                   resolved by fetch.h's ngi_url_resolve)
 *   html_body.c     the main text: boilerplate marked, the article's
 *                   container chosen, its blocks written in page order
 *   html.c          the driver: caps, binary sniffing, the stages in order
 * Everything lives in the caller's arena.
 */
#ifndef NG_HTML_INT_H
#define NG_HTML_INT_H

#include <stdint.h>
#include <string.h>

#include "fetch.h"
#include "html.h"

/* The first occurrence of needle[0..n) (n >= 1) in s[0..len), or NULL
 * (memmem is a GNU extension). */
static inline const char *ngi_memfind(const char *s, size_t len,
				      const char *needle, size_t n)
{
	while (len >= n) {
		const char *p = memchr(s, needle[0], len - n + 1);
		if (!p)
			return NULL;
		if (memcmp(p, needle, n) == 0)
			return p;
		len -= (size_t)(p - s) + 1;
		s = p + 1;
	}
	return NULL;
}

/* Elements nested deeper than this stop the parse (libxml2's own cap,
 * xmlParserMaxDepth); the page is then refused as hostile input. */
#define NGI_HTML_MAX_DEPTH 256
/* A page of more elements and text runs than this is refused too: the
 * tree costs about 70 bytes a node, so this bounds it near 70 MB (the
 * largest page of the benchmark has 3,812 after cleaning). */
#define NGI_HTML_MAX_NODES 1000000

/* ---- charset ---------------------------------------------------------- */

typedef struct ngi_html_text {
	char *data; /* UTF-8, NUL-terminated, no NUL inside */
	size_t len;
	const char *charset;
	const char *charset_source;
	size_t invalid_bytes;
} ngi_html_text;

/* Decodes bytes to UTF-8 into the arena (see html.h for the order of the
 * sources). NG_OK or NG_ERR_NOMEM. */
ng_status ngi_html_decode(const char *bytes, size_t len,
			  const char *content_type, ngi_arena *a,
			  ngi_html_text *out);

/* ---- cleaning ------------------------------------------------------------ */

typedef struct ngi_html_jsonld {
	const char *text;
	size_t len;
	struct ngi_html_jsonld *next;
} ngi_html_jsonld;

/* Copies the markup without <script>, <style>, <template>, <svg>,
 * <noscript> elements and comments; the contents of JSON-LD scripts are
 * listed in *jsonld (page order). The result is NUL-terminated. */
ng_status ngi_html_clean(const char *s, size_t len, ngi_arena *a, char **out,
			 size_t *out_len, ngi_html_jsonld **jsonld);

/* ---- the tree ------------------------------------------------------------- */

enum ngi_html_tag {
	HT_OTHER = 0,
	HT_TEXT, /* a text run, not an element */
	HT_A, HT_ADDRESS, HT_ARTICLE, HT_ASIDE, HT_AUDIO, HT_B, HT_BLOCKQUOTE,
	HT_BODY, HT_BR, HT_BUTTON, HT_CANVAS, HT_CAPTION, HT_CENTER, HT_CODE,
	HT_DD, HT_DETAILS, HT_DIALOG, HT_DIV, HT_DL, HT_DT, HT_EM, HT_EMBED,
	HT_FIELDSET, HT_FIGCAPTION, HT_FIGURE, HT_FOOTER, HT_FORM, HT_H1, HT_H2,
	HT_H3, HT_H4, HT_H5, HT_H6, HT_HEAD, HT_HEADER, HT_HR, HT_HTML, HT_I,
	HT_IFRAME, HT_IMG, HT_INPUT, HT_LABEL, HT_LI, HT_LINK, HT_MAIN, HT_MAP,
	HT_MENU, HT_META, HT_NAV, HT_OBJECT, HT_OL, HT_OPTION, HT_P,
	HT_PICTURE, HT_PRE, HT_Q, HT_SECTION, HT_SELECT, HT_SPAN, HT_STRONG,
	HT_SUMMARY, HT_TABLE, HT_TBODY, HT_TD, HT_TEXTAREA, HT_TFOOT, HT_TH,
	HT_THEAD, HT_TIME, HT_TITLE, HT_TR, HT_U, HT_UL, HT_VIDEO,
	HT_COUNT
};

/* Node flags. */
#define HF_BLOCK 0x0001    /* starts and ends a block of text */
#define HF_HIDDEN 0x0002   /* hidden, aria-hidden, display:none */
#define HF_NEGATIVE 0x0004 /* class/id says boilerplate */
#define HF_POSITIVE 0x0008 /* class/id says article text */
#define HF_BODYPROP 0x0010 /* itemprop=articleBody or the like */
#define HF_IN_LINK 0x0020  /* text run inside <a> */
#define HF_REMOVED 0x0040  /* boilerplate: not written */
#define HF_BYLINE 0x0080   /* class/id/rel/itemprop says author */
#define HF_DATELINE 0x0100 /* class/id says date */
#define HF_STRONGNEG 0x0200 /* class/id: comments, share bars, related */

typedef struct ngi_html_node {
	int32_t parent; /* -1 for the root */
	int32_t end;    /* one past the last node of the subtree */
	uint16_t tag;   /* enum ngi_html_tag */
	uint16_t flags;
	uint16_t depth;
	const char *text; /* HT_TEXT: whitespace collapsed, may start or end
			     with one space; elements: NULL */
	uint32_t text_len;
	/* Subtree aggregates (html_tree.c fills chars/link_chars; html_body.c
	 * the rest). chars: bytes of text other than spaces. */
	uint32_t chars;
	uint32_t link_chars;
	uint32_t para_chars; /* text in good paragraphs below */
	uint32_t ld_chars;   /* text of blocks confirmed by JSON-LD */
	float score;
} ngi_html_node;

typedef struct ngi_html_attr {
	int32_t node;
	const char *name; /* lower case */
	const char *value;
} ngi_html_attr;

typedef struct ngi_html_tree {
	ngi_html_node *nodes;
	size_t n;
	/* The attributes the metadata reader wants, in page order (of
	 * <html>, <meta>, <link>, <time>, <a rel=author>, and itemprop
	 * holders). */
	ngi_html_attr *attrs;
	size_t n_attrs;
	int32_t title_node; /* <title>, or -1 */
	int too_deep;       /* the parse stopped at NGI_HTML_MAX_DEPTH */
	int too_many;       /* the parse stopped at NGI_HTML_MAX_NODES */
} ngi_html_tree;

/* Parses UTF-8 markup with libxml2 into *tree (arena). NG_OK or
 * NG_ERR_NOMEM. */
ng_status ngi_html_tree_build(const char *s, size_t len, ngi_arena *a,
			      ngi_html_tree *tree);

/* The first attribute name of node i, or NULL. */
const char *ngi_html_attr_get(const ngi_html_tree *t, int32_t node,
			      const char *name);

/* The text of the subtree of node i, whitespace collapsed and trimmed,
 * blocks separated by one space (arena copy; "" when none). */
const char *ngi_html_node_text(const ngi_html_tree *t, int32_t node,
			       ngi_arena *a);

/* ---- metadata ----------------------------------------------------------- */

/* Fills out's metadata fields from the tree and the JSON-LD blocks;
 * *article_body is the JSON-LD articleBody when there is one. */
ng_status ngi_html_meta(const ngi_html_tree *t, const ngi_html_jsonld *ld,
			const char *url, ngi_arena *a, ngi_html_page *out,
			const char **article_body);

/* After the body is known: the credit line from the first lines of the
 * body and the bylines (out->credit, and out->authors when still NULL). */
void ngi_html_credit(const ngi_html_tree *t, ngi_arena *a, ngi_html_page *out);

/* ---- URLs and dates ------------------------------------------------------- */

/* The host of an absolute URL, lower case, without "www.", or NULL. */
const char *ngi_url_host(const char *url, ngi_arena *a);
/* A date written in the URL's path ("/2019/11/18/", "/2019-11-18-",
 * "/20191118/"), as "YYYY-MM-DD", or NULL. */
const char *ngi_url_date(const char *url, ngi_arena *a);
/* A date or date-time as sites write it in metadata, as ISO 8601
 * ("2019-11-18", "2019-11-18T08:19:00+01:00"), or NULL. */
const char *ngi_iso_date(const char *s, ngi_arena *a);

/* ---- the main text ------------------------------------------------------- */

/* Chooses the article's text and writes it to out->body / body_len. */
ng_status ngi_html_body(ngi_html_tree *t, const char *title,
			const char *article_body, ngi_arena *a,
			ngi_html_page *out);

#endif
