/*
 * html_tree.c: markup -> the extractor's tree, through libxml2's HTML
 * parser.
 *
 * libxml2 (docs/EXTRACT.md says why it and not gumbo) builds its DOM with
 * the browser's recovery rules for bad nesting; this file walks the DOM
 * once, without recursion, into a pre-order array: one node per element
 * and per text run, each with its parent and the end of its subtree, so
 * later stages walk ranges instead of pointers. On the way it reads what
 * each element's tag and attributes say: block or inline, hidden
 * (hidden, aria-hidden, display:none), and the words of its class and id
 * (boilerplate words such as nav, share, comment, related, promo, cookie;
 * article words such as article, content, body, story; byline and date
 * words), and it keeps the attributes the metadata reader needs. Text
 * runs have their white space collapsed. The libxml2 document is freed
 * before returning.
 *
 * Caps: an element nested deeper than NGI_HTML_MAX_DEPTH, or a node past
 * NGI_HTML_MAX_NODES, stops the parse (xmlStopParser); the tree records
 * which, so the driver refuses the page.
 */
#include "html_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

static ngi_once xml_init = NGI_ONCE_INIT;

static ng_status init_libxml2(void)
{
	xmlInitParser();
	return NG_OK;
}

static const struct {
	const char *name;
	uint16_t tag;
} tag_names[] = {
	{"a", HT_A}, {"address", HT_ADDRESS}, {"article", HT_ARTICLE},
	{"aside", HT_ASIDE}, {"audio", HT_AUDIO}, {"b", HT_B},
	{"blockquote", HT_BLOCKQUOTE}, {"body", HT_BODY}, {"br", HT_BR},
	{"button", HT_BUTTON}, {"canvas", HT_CANVAS}, {"caption", HT_CAPTION},
	{"center", HT_CENTER}, {"code", HT_CODE}, {"dd", HT_DD},
	{"details", HT_DETAILS}, {"dialog", HT_DIALOG}, {"div", HT_DIV},
	{"dl", HT_DL}, {"dt", HT_DT}, {"em", HT_EM}, {"embed", HT_EMBED},
	{"fieldset", HT_FIELDSET}, {"figcaption", HT_FIGCAPTION},
	{"figure", HT_FIGURE}, {"footer", HT_FOOTER}, {"form", HT_FORM},
	{"h1", HT_H1}, {"h2", HT_H2}, {"h3", HT_H3}, {"h4", HT_H4},
	{"h5", HT_H5}, {"h6", HT_H6}, {"head", HT_HEAD},
	{"header", HT_HEADER}, {"hr", HT_HR}, {"html", HT_HTML}, {"i", HT_I},
	{"iframe", HT_IFRAME}, {"img", HT_IMG}, {"input", HT_INPUT},
	{"label", HT_LABEL}, {"li", HT_LI}, {"link", HT_LINK},
	{"main", HT_MAIN}, {"map", HT_MAP}, {"menu", HT_MENU},
	{"meta", HT_META}, {"nav", HT_NAV}, {"object", HT_OBJECT},
	{"ol", HT_OL}, {"option", HT_OPTION}, {"p", HT_P},
	{"picture", HT_PICTURE}, {"pre", HT_PRE}, {"q", HT_Q},
	{"section", HT_SECTION}, {"select", HT_SELECT}, {"span", HT_SPAN},
	{"strong", HT_STRONG}, {"summary", HT_SUMMARY}, {"table", HT_TABLE},
	{"tbody", HT_TBODY}, {"td", HT_TD}, {"textarea", HT_TEXTAREA},
	{"tfoot", HT_TFOOT}, {"th", HT_TH}, {"thead", HT_THEAD},
	{"time", HT_TIME}, {"title", HT_TITLE}, {"tr", HT_TR}, {"u", HT_U},
	{"ul", HT_UL}, {"video", HT_VIDEO},
};

static uint16_t tag_of(const char *name)
{
	size_t lo = 0, hi = NGI_ARRAY_LEN(tag_names);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(name, tag_names[mid].name);
		if (c == 0)
			return tag_names[mid].tag;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return HT_OTHER;
}

static int is_block_tag(uint16_t t)
{
	switch (t) {
	case HT_ADDRESS: case HT_ARTICLE: case HT_ASIDE: case HT_BLOCKQUOTE:
	case HT_BODY: case HT_CAPTION: case HT_CENTER: case HT_DD:
	case HT_DETAILS: case HT_DIALOG: case HT_DIV: case HT_DL: case HT_DT:
	case HT_FIELDSET: case HT_FIGCAPTION: case HT_FIGURE: case HT_FOOTER:
	case HT_FORM: case HT_H1: case HT_H2: case HT_H3: case HT_H4:
	case HT_H5: case HT_H6: case HT_HEADER: case HT_HR: case HT_LI:
	case HT_MAIN: case HT_MENU: case HT_NAV: case HT_OL: case HT_P:
	case HT_PRE: case HT_SECTION: case HT_SUMMARY: case HT_TABLE:
	case HT_TBODY: case HT_TD: case HT_TFOOT: case HT_TH: case HT_THEAD:
	case HT_TR: case HT_UL: case HT_HTML: case HT_HEAD: case HT_TITLE:
	case HT_SELECT: case HT_OPTION: case HT_TEXTAREA: case HT_IFRAME:
	case HT_VIDEO: case HT_AUDIO:
		return 1;
	default:
		return 0;
	}
}

/* ---- class and id words --------------------------------------------------- */

/* The words of class and id values that mean something, in byte order
 * (binary search; English and the commonest equivalents in German,
 * French, Spanish, Italian, Portuguese and Polish templates): boilerplate
 * (HF_NEGATIVE); what is never the article
 * whatever else the class says, "article-share", "story-comments"
 * (HF_STRONGNEG); article text (HF_POSITIVE); bylines (HF_BYLINE); dates
 * (HF_DATELINE). */
static const struct {
	const char *word;
	uint16_t flags;
} class_words[] = {
	{"ad", HF_NEGATIVE},
	{"ads", HF_NEGATIVE},
	{"adslot", HF_NEGATIVE},
	{"adv", HF_NEGATIVE},
	{"advert", HF_NEGATIVE},
	{"advertisement", HF_STRONGNEG | HF_NEGATIVE},
	{"advertising", HF_NEGATIVE},
	{"anzeige", HF_STRONGNEG | HF_NEGATIVE},
	{"article", HF_POSITIVE},
	{"articlebody", HF_POSITIVE},
	{"articolo", HF_POSITIVE},
	{"artikel", HF_POSITIVE},
	{"author", HF_BYLINE},
	{"authors", HF_BYLINE},
	{"banner", HF_NEGATIVE},
	{"blog", HF_POSITIVE},
	{"body", HF_POSITIVE},
	{"breadcrumb", HF_STRONGNEG | HF_NEGATIVE},
	{"breadcrumbs", HF_STRONGNEG | HF_NEGATIVE},
	{"byl", HF_BYLINE},
	{"byline", HF_BYLINE},
	{"bylines", HF_BYLINE},
	{"cabecalho", HF_NEGATIVE},
	{"caption", HF_NEGATIVE},
	{"captions", HF_NEGATIVE},
	{"carousel", HF_NEGATIVE},
	{"comentarios", HF_STRONGNEG | HF_NEGATIVE},
	{"comment", HF_STRONGNEG | HF_NEGATIVE},
	{"commentaires", HF_STRONGNEG | HF_NEGATIVE},
	{"commenti", HF_STRONGNEG | HF_NEGATIVE},
	{"comments", HF_STRONGNEG | HF_NEGATIVE},
	{"compartilhar", HF_STRONGNEG | HF_NEGATIVE},
	{"compartir", HF_STRONGNEG | HF_NEGATIVE},
	{"condividi", HF_STRONGNEG | HF_NEGATIVE},
	{"consent", HF_STRONGNEG | HF_NEGATIVE},
	{"contenido", HF_POSITIVE},
	{"content", HF_POSITIVE},
	{"contenu", HF_POSITIVE},
	{"conteudo", HF_POSITIVE},
	{"contributor", HF_BYLINE},
	{"contributors", HF_BYLINE},
	{"cookie", HF_STRONGNEG | HF_NEGATIVE},
	{"cookies", HF_NEGATIVE},
	{"copy", HF_POSITIVE},
	{"corpo", HF_POSITIVE},
	{"credit", HF_BYLINE},
	{"credits", HF_BYLINE},
	{"cuerpo", HF_POSITIVE},
	{"date", HF_DATELINE},
	{"dateline", HF_DATELINE},
	{"datetime", HF_DATELINE},
	{"dfp", HF_NEGATIVE},
	{"disclaimer", HF_NEGATIVE},
	{"disqus", HF_STRONGNEG | HF_NEGATIVE},
	{"donate", HF_NEGATIVE},
	{"donation", HF_NEGATIVE},
	{"entry", HF_POSITIVE},
	{"footer", HF_NEGATIVE},
	{"gallery", HF_NEGATIVE},
	{"gdpr", HF_STRONGNEG | HF_NEGATIVE},
	{"header", HF_NEGATIVE},
	{"hidden", HF_NEGATIVE},
	{"hovercard", HF_NEGATIVE},
	{"inhalt", HF_POSITIVE},
	{"komentarze", HF_STRONGNEG | HF_NEGATIVE},
	{"kommentar", HF_STRONGNEG | HF_NEGATIVE},
	{"kommentare", HF_STRONGNEG | HF_NEGATIVE},
	{"lightbox", HF_NEGATIVE},
	{"login", HF_NEGATIVE},
	{"main", HF_POSITIVE},
	{"masthead", HF_NEGATIVE},
	{"menu", HF_NEGATIVE},
	{"menue", HF_NEGATIVE},
	{"modal", HF_NEGATIVE},
	{"nav", HF_NEGATIVE},
	{"navbar", HF_NEGATIVE},
	{"navegacion", HF_NEGATIVE},
	{"navigation", HF_NEGATIVE},
	{"navigazione", HF_NEGATIVE},
	{"newsletter", HF_STRONGNEG | HF_NEGATIVE},
	{"newsletters", HF_NEGATIVE},
	{"noticia", HF_POSITIVE},
	{"offscreen", HF_NEGATIVE},
	{"outbrain", HF_STRONGNEG | HF_NEGATIVE},
	{"overlay", HF_NEGATIVE},
	{"pager", HF_NEGATIVE},
	{"pagination", HF_NEGATIVE},
	{"paragraph", HF_POSITIVE},
	{"partager", HF_STRONGNEG | HF_NEGATIVE},
	{"paywall", HF_STRONGNEG | HF_NEGATIVE},
	{"poll", HF_NEGATIVE},
	{"popover", HF_NEGATIVE},
	{"popular", HF_NEGATIVE},
	{"popup", HF_NEGATIVE},
	{"post", HF_POSITIVE},
	{"posted", HF_DATELINE},
	{"print", HF_NEGATIVE},
	{"promo", HF_STRONGNEG | HF_NEGATIVE},
	{"promos", HF_NEGATIVE},
	{"promotion", HF_NEGATIVE},
	{"prose", HF_POSITIVE},
	{"pubblicita", HF_STRONGNEG | HF_NEGATIVE},
	{"pubdate", HF_DATELINE},
	{"publicidad", HF_STRONGNEG | HF_NEGATIVE},
	{"publicite", HF_STRONGNEG | HF_NEGATIVE},
	{"published", HF_DATELINE},
	{"rating", HF_NEGATIVE},
	{"recirc", HF_STRONGNEG | HF_NEGATIVE},
	{"recommend", HF_NEGATIVE},
	{"recommendations", HF_NEGATIVE},
	{"recommended", HF_STRONGNEG | HF_NEGATIVE},
	{"reklama", HF_STRONGNEG | HF_NEGATIVE},
	{"related", HF_STRONGNEG | HF_NEGATIVE},
	{"reporter", HF_BYLINE},
	{"richtext", HF_POSITIVE},
	{"rodape", HF_NEGATIVE},
	{"rollover", HF_NEGATIVE},
	{"screenreader", HF_NEGATIVE},
	{"share", HF_STRONGNEG | HF_NEGATIVE},
	{"sharebar", HF_STRONGNEG | HF_NEGATIVE},
	{"shares", HF_STRONGNEG | HF_NEGATIVE},
	{"sharing", HF_STRONGNEG | HF_NEGATIVE},
	{"sidebar", HF_STRONGNEG | HF_NEGATIVE},
	{"signup", HF_NEGATIVE},
	{"skip", HF_NEGATIVE},
	{"slideshow", HF_NEGATIVE},
	{"social", HF_STRONGNEG | HF_NEGATIVE},
	{"sponsor", HF_NEGATIVE},
	{"sponsored", HF_NEGATIVE},
	{"sr", HF_NEGATIVE},
	{"story", HF_POSITIVE},
	{"subscribe", HF_STRONGNEG | HF_NEGATIVE},
	{"subscription", HF_NEGATIVE},
	{"survey", HF_NEGATIVE},
	{"taboola", HF_STRONGNEG | HF_NEGATIVE},
	{"tags", HF_NEGATIVE},
	{"teaser", HF_NEGATIVE},
	{"teasers", HF_NEGATIVE},
	{"teilen", HF_STRONGNEG | HF_NEGATIVE},
	{"testo", HF_POSITIVE},
	{"text", HF_POSITIVE},
	{"texto", HF_POSITIVE},
	{"time", HF_DATELINE},
	{"timestamp", HF_DATELINE},
	{"toolbar", HF_NEGATIVE},
	{"tooltip", HF_NEGATIVE},
	{"trending", HF_NEGATIVE},
	{"tresc", HF_POSITIVE},
	{"updated", HF_DATELINE},
	{"visually", HF_NEGATIVE},
	{"werbung", HF_STRONGNEG | HF_NEGATIVE},
	{"widget", HF_NEGATIVE},
	{"writer", HF_BYLINE},
};

/* The flags of word w[0..n), 0 when it means nothing. */
static uint16_t class_word(const char *w, size_t n)
{
	size_t lo = 0, hi = NGI_ARRAY_LEN(class_words);
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const char *c = class_words[mid].word;
		int cmp = strncmp(c, w, n);
		if (cmp == 0)
			cmp = c[n] == 0 ? 0 : 1;
		if (cmp == 0)
			return class_words[mid].flags;
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* Flags for the words of a class or id value: split at anything not a
 * letter or digit and at lower-to-upper case changes ("articleBody"). */
static uint16_t word_flags(const char *v)
{
	uint16_t f = 0;
	char w[32];
	size_t n = 0;
	for (const char *p = v;; p++) {
		unsigned char c = (unsigned char)*p;
		int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			    (c >= '0' && c <= '9');
		int split = !alnum || (n > 0 && c >= 'A' && c <= 'Z' &&
				       p[-1] >= 'a' && p[-1] <= 'z');
		if (split && n > 0) {
			if (n < sizeof w)
				f |= class_word(w, n);
			n = 0;
		}
		if (!c)
			break;
		if (alnum && n < sizeof w)
			w[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
		else if (alnum)
			n = sizeof w; /* too long to be one of ours */
	}
	return f;
}

static int contains_ci(const char *s, const char *needle)
{
	size_t n = strlen(needle);
	for (; *s; s++)
		if (strncasecmp(s, needle, n) == 0)
			return 1;
	return 0;
}

/* ---- building ------------------------------------------------------------- */

/* The open elements while libxml2 reports them (SAX): their node index;
 * the text reported since the last tag, collapsed when the next tag comes
 * (libxml2 hands text over in pieces: around entities, in chunks). */
typedef struct builder {
	ngi_arena *a;
	ngi_html_tree *t;
	size_t cap;
	size_t attr_cap;
	int32_t open[NGI_HTML_MAX_DEPTH + 1];
	int depth;   /* open elements */
	int skipped; /* elements past the cap, reported but not kept */
	int links;   /* open <a> elements */
	ngi_buf text;
	xmlParserCtxtPtr ctxt; /* to stop the parse at a cap */
	/* libxml2 interns element names: a name's pointer stands for it */
	struct {
		const xmlChar *name;
		uint16_t tag;
	} tag_cache[64];
	ng_status st;
} builder;

static int32_t new_node(builder *b)
{
	if (b->t->n >= NGI_HTML_MAX_NODES) {
		b->t->too_many = 1;
		xmlStopParser(b->ctxt);
		return -1;
	}
	if (b->t->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 1024;
		ngi_html_node *n = ngi_arena_alloc(b->a, cap * sizeof *n);
		if (!n) {
			b->st = NG_ERR_NOMEM;
			return -1;
		}
		if (b->t->n)
			memcpy(n, b->t->nodes, b->t->n * sizeof *n);
		b->t->nodes = n;
		b->cap = cap;
	}
	ngi_html_node *n = &b->t->nodes[b->t->n];
	memset(n, 0, sizeof *n);
	return (int32_t)b->t->n++;
}

static void add_attr(builder *b, int32_t node, const char *name,
		     const char *value)
{
	if (b->t->n_attrs == b->attr_cap) {
		size_t cap = b->attr_cap ? b->attr_cap * 2 : 256;
		ngi_html_attr *n = ngi_arena_alloc(b->a, cap * sizeof *n);
		if (!n) {
			b->st = NG_ERR_NOMEM;
			return;
		}
		if (b->t->n_attrs)
			memcpy(n, b->t->attrs, b->t->n_attrs * sizeof *n);
		b->t->attrs = n;
		b->attr_cap = cap;
	}
	ngi_html_attr *at = &b->t->attrs[b->t->n_attrs++];
	at->node = node;
	at->name = name;
	at->value = value;
}

static int is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* The text gathered since the last tag becomes one text run, white space
 * collapsed (U+00A0 too); nothing when it is empty. */
static void flush_text(builder *b)
{
	size_t len = b->text.len;
	if (!len || b->st != NG_OK)
		return;
	const char *s = b->text.data;
	char *o = ngi_arena_alloc(b->a, len + 1);
	if (!o) {
		b->st = NG_ERR_NOMEM;
		return;
	}
	size_t k = 0;
	uint32_t chars = 0;
	int space = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (is_ws(c) || (c == 0xC2 && i + 1 < len &&
				 (unsigned char)s[i + 1] == 0xA0)) {
			if (c == 0xC2)
				i++;
			space = 1;
			continue;
		}
		if (space) {
			o[k++] = ' ';
			space = 0;
		}
		o[k++] = (char)c;
		if ((c & 0xC0) != 0x80)
			chars++;
	}
	if (space)
		o[k++] = ' ';
	o[k] = 0;
	ngi_buf_clear(&b->text);
	if (k == 0 || b->depth == 0)
		return;
	int32_t i = new_node(b);
	if (i < 0)
		return;
	ngi_html_node *n = &b->t->nodes[i];
	n->parent = b->open[b->depth - 1];
	n->end = i + 1;
	n->tag = HT_TEXT;
	n->depth = (uint16_t)b->depth;
	n->text = o;
	n->text_len = (uint32_t)k;
	n->chars = chars;
	n->flags = b->links > 0 ? HF_IN_LINK : 0;
}

static const char *arena_str(builder *b, const char *s)
{
	const char *r = ngi_arena_strdup(b->a, s ? s : "");
	if (!r)
		b->st = NG_ERR_NOMEM;
	return r;
}

/* An element starts: its node, its flags from the attributes, the
 * attributes the metadata reader wants. */
static void on_start(void *ctx, const xmlChar *xname, const xmlChar **atts)
{
	builder *b = ctx;
	if (b->st != NG_OK)
		return;
	flush_text(b);
	if (b->depth >= NGI_HTML_MAX_DEPTH) {
		b->t->too_deep = 1;
		b->skipped++;
		xmlStopParser(b->ctxt);
		return;
	}
	int32_t i = new_node(b);
	if (i < 0)
		return;
	ngi_html_node *n = &b->t->nodes[i];
	n->parent = b->depth ? b->open[b->depth - 1] : -1;
	n->depth = (uint16_t)b->depth;
	size_t slot = ((uintptr_t)xname >> 4) & 63;
	if (b->tag_cache[slot].name != xname) {
		b->tag_cache[slot].name = xname;
		b->tag_cache[slot].tag = tag_of((const char *)xname);
	}
	n->tag = b->tag_cache[slot].tag;
	uint16_t tag = n->tag;
	uint16_t flags = is_block_tag(tag) ? HF_BLOCK : 0;
	int keep_all = tag == HT_HTML || tag == HT_META || tag == HT_LINK ||
		       tag == HT_TIME;
	if (tag == HT_TITLE && b->t->title_node < 0)
		b->t->title_node = i;
	for (size_t k = 0; atts && atts[k]; k += 2) {
		const char *name = (const char *)atts[k];
		const char *value = atts[k + 1] ? (const char *)atts[k + 1] : "";
		int keep = keep_all;
		if (strcmp(name, "class") == 0 || strcmp(name, "id") == 0) {
			flags |= word_flags(value);
			keep = keep || name[0] == 'c';
		} else if (strcmp(name, "hidden") == 0) {
			flags |= HF_HIDDEN;
		} else if (strcmp(name, "aria-hidden") == 0) {
			if (strcasecmp(value, "true") == 0)
				flags |= HF_HIDDEN;
		} else if (strcmp(name, "style") == 0) {
			if (contains_ci(value, "display:none") ||
			    contains_ci(value, "display: none") ||
			    contains_ci(value, "visibility:hidden") ||
			    contains_ci(value, "visibility: hidden"))
				flags |= HF_HIDDEN;
		} else if (strcmp(name, "itemprop") == 0) {
			keep = 1;
			if (contains_ci(value, "articlebody") ||
			    strcasecmp(value, "text") == 0 ||
			    strcasecmp(value, "reviewBody") == 0)
				flags |= HF_BODYPROP;
			if (contains_ci(value, "author"))
				flags |= HF_BYLINE;
		} else if (strcmp(name, "rel") == 0) {
			keep = 1;
			if (contains_ci(value, "author"))
				flags |= HF_BYLINE;
		} else if (strcmp(name, "role") == 0) {
			if (strcasecmp(value, "navigation") == 0 ||
			    strcasecmp(value, "banner") == 0 ||
			    strcasecmp(value, "contentinfo") == 0 ||
			    strcasecmp(value, "complementary") == 0 ||
			    strcasecmp(value, "dialog") == 0 ||
			    strcasecmp(value, "alert") == 0 ||
			    strcasecmp(value, "menu") == 0)
				flags |= HF_NEGATIVE;
			if (strcasecmp(value, "main") == 0 ||
			    strcasecmp(value, "article") == 0)
				flags |= HF_POSITIVE;
		} else if (strcmp(name, "content") == 0 ||
			   strcmp(name, "datetime") == 0) {
			keep = 1;
		}
		if (keep) {
			const char *kn = arena_str(b, name);
			const char *kv = arena_str(b, value);
			if (kn && kv)
				add_attr(b, i, kn, kv);
		}
	}
	b->t->nodes[i].flags = flags;
	if (tag == HT_A)
		b->links++;
	b->open[b->depth++] = i;
}

/* An element ends (libxml2 reports the ones it closes implicitly too). */
static void on_end(void *ctx, const xmlChar *name)
{
	builder *b = ctx;
	if (b->st != NG_OK)
		return;
	flush_text(b);
	if (b->skipped) {
		b->skipped--;
		return;
	}
	if (b->depth == 0)
		return;
	int32_t i = b->open[--b->depth];
	b->t->nodes[i].end = (int32_t)b->t->n;
	if (b->t->nodes[i].tag == HT_A && b->links > 0)
		b->links--;
}

static void on_text(void *ctx, const xmlChar *s, int len)
{
	builder *b = ctx;
	if (b->st == NG_OK && len > 0 &&
	    ngi_buf_append(&b->text, s, (size_t)len) != NG_OK)
		b->st = NG_ERR_NOMEM;
}

static void on_nothing(void *ctx)
{
	(void)ctx;
}

static void on_message(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

ng_status ngi_html_tree_build(const char *s, size_t len, ngi_arena *a,
			      ngi_html_tree *tree)
{
	ng_status st = ngi_once_run(&xml_init, init_libxml2);
	if (st != NG_OK)
		return st;
	memset(tree, 0, sizeof *tree);
	tree->title_node = -1;
	if (len > (size_t)INT32_MAX)
		return NG_ERR_TOOBIG;
	htmlSAXHandler sax;
	memset(&sax, 0, sizeof sax);
	sax.startElement = on_start;
	sax.endElement = on_end;
	sax.characters = on_text;
	sax.ignorableWhitespace = on_text;
	sax.startDocument = on_nothing;
	sax.endDocument = on_nothing;
	sax.warning = on_message;
	sax.error = on_message;
	sax.fatalError = on_message;
	builder *b = malloc(sizeof *b);
	if (!b)
		return NG_ERR_NOMEM;
	memset(b, 0, sizeof *b);
	b->a = a;
	b->t = tree;
	ngi_buf_init(&b->text, 0);
	htmlParserCtxtPtr ctxt = htmlCreateMemoryParserCtxt(s, (int)len);
	if (!ctxt) {
		free(b);
		return NG_ERR_NOMEM;
	}
	/* the parser's own handler is replaced by ours (libxml2 frees
	 * ctxt->sax with the context, so it must be its allocation) */
	memcpy(ctxt->sax, &sax, sizeof sax);
	ctxt->userData = b;
	b->ctxt = ctxt;
	xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
	htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
					 HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
					 HTML_PARSE_IGNORE_ENC |
					 HTML_PARSE_NODEFDTD);
	htmlParseDocument(ctxt);
	htmlFreeParserCtxt(ctxt);
	flush_text(b);
	/* close what is still open */
	while (b->depth > 0) {
		int32_t i = b->open[--b->depth];
		tree->nodes[i].end = (int32_t)tree->n;
	}
	/* Chars and link chars, summed bottom-up (children follow their
	 * parent in the array). */
	for (size_t i = tree->n; i-- > 0;) {
		ngi_html_node *n = &tree->nodes[i];
		if (n->tag == HT_TEXT && (n->flags & HF_IN_LINK))
			n->link_chars = n->chars;
		if (n->parent >= 0) {
			tree->nodes[n->parent].chars += n->chars;
			tree->nodes[n->parent].link_chars += n->link_chars;
		}
	}
	st = b->st;
	ngi_buf_free(&b->text);
	free(b);
	return st;
}

const char *ngi_html_attr_get(const ngi_html_tree *t, int32_t node,
			      const char *name)
{
	/* attrs are in node order: binary search for the node's first */
	size_t lo = 0, hi = t->n_attrs;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (t->attrs[mid].node < node)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < t->n_attrs && t->attrs[i].node == node; i++)
		if (strcmp(t->attrs[i].name, name) == 0)
			return t->attrs[i].value;
	return NULL;
}

const char *ngi_html_node_text(const ngi_html_tree *t, int32_t node,
			       ngi_arena *a)
{
	size_t total = 0;
	for (int32_t i = node; i < t->nodes[node].end; i++)
		if (t->nodes[i].tag == HT_TEXT)
			total += t->nodes[i].text_len + 1;
	char *o = ngi_arena_alloc(a, total + 1);
	if (!o)
		return NULL;
	size_t k = 0;
	for (int32_t i = node; i < t->nodes[node].end; i++) {
		const ngi_html_node *n = &t->nodes[i];
		if (n->tag != HT_TEXT) {
			if ((n->flags & HF_BLOCK) || n->tag == HT_BR) {
				if (k && o[k - 1] != ' ')
					o[k++] = ' ';
			}
			continue;
		}
		for (uint32_t j = 0; j < n->text_len; j++) {
			char c = n->text[j];
			if (c == ' ' && (k == 0 || o[k - 1] == ' '))
				continue;
			o[k++] = c;
		}
	}
	while (k && o[k - 1] == ' ')
		k--;
	o[k] = 0;
	return o;
}
