/*
 * html_body.c: the article's main text out of the page's tree.
 *
 * Three steps, each on general signals rather than on any site's markup:
 *
 * 1. Boilerplate. Elements that are never the article (nav, aside,
 *    footer, header, forms' controls, media, dialogs), hidden ones, and
 *    ones whose class or id words say comments, sharing, related links,
 *    promotion, cookies, ads, navigation (html_tree.c reads the words)
 *    are marked removed with everything inside them. A class-word removal
 *    is undone for an element that holds most of the page's paragraph
 *    text: a wrapper called "page-with-sidebar" is not a sidebar.
 *
 * 2. The container. Text is grouped in blocks (the nearest block
 *    element); a block is a paragraph when it is long enough and mostly
 *    not link text. Every element gets the paragraph text below it minus
 *    a share of the other text and of the link text below it; the best
 *    scoring element is the article's container (itemprop=articleBody,
 *    <article>, <main> and article class words weigh it up). When the
 *    page's JSON-LD carries an articleBody, the blocks whose word
 *    trigrams it contains are confirmed, and the container is the
 *    smallest element holding nearly all confirmed text.
 *
 * 3. The text. The container's blocks are written in page order, one
 *    paragraph each, "\n\n" between them: headings, paragraphs, list
 *    items, quotes, table cells; a block that is mostly links, a heading
 *    that repeats the title, and a byline or date line are left out.
 */
#include "html_int.h"

#include <string.h>
#include <strings.h>

#include "../base/map.h"
#ifdef NG_HTML_DEBUG
#include <stdio.h>
#endif

/* Paragraph: a block with at least this many characters of its own... */
#define PARA_MIN_CHARS 40
/* ...of which at most this share is link text. */
#define PARA_MAX_LINK 0.35
/* An element the class words call boilerplate is kept when it holds at
 * least this share of all paragraph text. */
#define KEEP_SHARE 0.5
/* Written blocks: at most this share of link text, unless BLOCK_MIN_UNLINKED
 * characters are not links and the links are at most BLOCK_ALL_LINKS. */
#define BLOCK_MAX_LINK 0.5
#define BLOCK_MIN_UNLINKED 20
#define BLOCK_ALL_LINKS 0.85
/* Bylines and date lines shorter than this are left out. */
#define BYLINE_MAX_CHARS 150

typedef struct body_ctx {
	ngi_html_tree *t;
	ngi_arena *a;
	int32_t *owner;    /* text node -> its block element */
	uint32_t *own;     /* block -> chars of its own text */
	uint32_t *own_link;
	uint16_t *commas;  /* block -> commas in its own text */
	uint8_t *removed;
	uint8_t *good; /* block is a paragraph */
} body_ctx;

static int never_article(uint16_t tag)
{
	switch (tag) {
	case HT_NAV: case HT_ASIDE: case HT_FOOTER: case HT_HEADER:
	case HT_BUTTON: case HT_SELECT: case HT_OPTION: case HT_INPUT:
	case HT_TEXTAREA: case HT_LABEL: case HT_IFRAME: case HT_OBJECT:
	case HT_EMBED: case HT_VIDEO: case HT_AUDIO: case HT_CANVAS:
	case HT_MAP: case HT_DIALOG: case HT_MENU: case HT_HEAD:
	case HT_TITLE: case HT_META: case HT_LINK: case HT_FIGCAPTION: case HT_FIGURE:
	case HT_FIELDSET:
		return 1;
	default:
		return 0;
	}
}

/* Commas, in the scripts that write them differently (, \uFF0C \u3001
 * \u060C): a sign of sentences rather than menus. */
static uint16_t count_commas(const char *s, size_t len)
{
	unsigned n = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == ',')
			n++;
		else if (ch == 0xEF && i + 2 < len && (unsigned char)s[i + 1] == 0xBC &&
			 (unsigned char)s[i + 2] == 0x8C)
			n++;
		else if (ch == 0xE3 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
			 (unsigned char)s[i + 2] == 0x81)
			n++;
		else if (ch == 0xD8 && i + 1 < len && (unsigned char)s[i + 1] == 0x8C)
			n++;
	}
	return (uint16_t)(n > 60000 ? 60000 : n);
}

/* The block element of each text node, and each block's own text. */
static void own_text(body_ctx *c)
{
	ngi_html_tree *t = c->t;
	memset(c->own, 0, t->n * sizeof *c->own);
	memset(c->own_link, 0, t->n * sizeof *c->own_link);
	memset(c->commas, 0, t->n * sizeof *c->commas);
	for (size_t i = 0; i < t->n; i++) {
		ngi_html_node *n = &t->nodes[i];
		if (n->tag != HT_TEXT || c->removed[i])
			continue;
		int32_t b = c->owner[i];
		if (b < 0)
			continue;
		c->own[b] += n->chars;
		c->own_link[b] += n->link_chars;
		c->commas[b] += count_commas(n->text, n->text_len);
	}
}

/* Paragraph text below each element, and the text not removed. */
static void aggregate(body_ctx *c, uint32_t *kept, uint32_t *kept_link)
{
	ngi_html_tree *t = c->t;
	for (size_t i = 0; i < t->n; i++) {
		ngi_html_node *n = &t->nodes[i];
		n->para_chars = 0;
		kept[i] = 0;
		kept_link[i] = 0;
		c->good[i] = 0;
		if (c->removed[i] || n->tag == HT_TEXT)
			continue;
		if (c->own[i] >= PARA_MIN_CHARS &&
		    c->own_link[i] <= PARA_MAX_LINK * c->own[i]) {
			c->good[i] = 1;
			n->para_chars = c->own[i];
		}
	}
	for (size_t i = t->n; i-- > 0;) {
		ngi_html_node *n = &t->nodes[i];
		if (c->removed[i])
			continue;
		if (n->tag == HT_TEXT) {
			kept[i] = n->chars;
			kept_link[i] = n->link_chars;
		}
		if (n->parent >= 0) {
			t->nodes[n->parent].para_chars += n->para_chars;
			kept[n->parent] += kept[i];
			kept_link[n->parent] += kept_link[i];
		}
	}
}

static void mark_removed(body_ctx *c, int use_words, double keep_share)
{
	ngi_html_tree *t = c->t;
	uint32_t total = t->n ? t->nodes[0].para_chars : 0;
	for (size_t i = 0; i < t->n; i++) {
		ngi_html_node *n = &t->nodes[i];
		int32_t p = n->parent;
		if (p >= 0 && c->removed[p]) {
			c->removed[i] = 1;
			continue;
		}
		c->removed[i] = 0;
		if (n->tag == HT_TEXT)
			continue;
		if (n->flags & HF_HIDDEN) {
			c->removed[i] = 1;
			continue;
		}
		int is_body = (n->flags & HF_BODYPROP) != 0;
		int words = use_words && !is_body &&
			    ((n->flags & HF_STRONGNEG) ||
			     ((n->flags & HF_NEGATIVE) &&
			      !(n->flags & HF_POSITIVE)));
		int bad = never_article(n->tag) || words;
		if (!bad && use_words && (n->flags & (HF_BYLINE | HF_DATELINE)) &&
		    !is_body && n->chars < BYLINE_MAX_CHARS)
			bad = 1;
		if (bad && total > 0 && n->para_chars >= keep_share * total)
			bad = 0; /* a wrapper, not boilerplate */
		c->removed[i] = (uint8_t)bad;
	}
}

/* ---- JSON-LD articleBody as a signal ---------------------------------------- */

static int is_word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

/* Hashes of the word trigrams of s, into set (when add) or counted
 * against it. Returns the number of trigrams seen; *hits those in set. */
static size_t trigrams(const char *s, size_t len, ngi_map *set, int add,
		       size_t *hits)
{
	uint64_t w[3] = {0, 0, 0};
	size_t words = 0, seen = 0;
	size_t i = 0;
	while (i < len) {
		while (i < len && !is_word_byte((unsigned char)s[i]))
			i++;
		size_t st = i;
		while (i < len && is_word_byte((unsigned char)s[i]))
			i++;
		if (i == st)
			break;
		w[0] = w[1];
		w[1] = w[2];
		w[2] = ngi_hash(s + st, i - st, 7);
		if (++words < 3)
			continue;
		uint64_t h = (w[0] * 0x9E3779B97F4A7C15ULL) ^
			     (w[1] * 0xC2B2AE3D27D4EB4FULL) ^ w[2];
		if (!h)
			h = 1;
		seen++;
		if (add) {
			if (ngi_map_put(set, h, 1) != NG_OK)
				return seen;
		} else if (ngi_map_get(set, h)) {
			(*hits)++;
		}
	}
	return seen;
}

/* ---- writing ---------------------------------------------------------------- */

typedef struct writer {
	ngi_buf out;
	ngi_buf seg;
	uint32_t seg_chars, seg_link;
	int32_t seg_owner;
	const char *title;
	const ngi_html_tree *t;
	ng_status st;
} writer;

static int heading(uint16_t tag)
{
	return tag >= HT_H1 && tag <= HT_H6;
}

static int repeats_title(const char *seg, size_t len, const char *title)
{
	if (!title || len < 4)
		return 0;
	size_t tl = strlen(title);
	if (len <= tl) {
		for (size_t i = 0; i + len <= tl; i++)
			if (strncasecmp(title + i, seg, len) == 0)
				return 1;
	} else {
		for (size_t i = 0; i + tl <= len; i++)
			if (strncasecmp(seg + i, title, tl) == 0)
				return tl * 2 >= len;
	}
	return 0;
}

/* A block that is only an ad's label, in the languages sites label ads
 * in. */
static int ad_label(const char *s, size_t len)
{
	static const char *const labels[] = {
		"advertisement", "advert", "advertising", "ad", "sponsored",
		"anzeige", "werbung", "publicit\xC3\xA9", "publicidad",
		"pubblicit\xC3\xA0", "publicidade", "reklama",
		"\xD1\x80\xD0\xB5\xD0\xBA\xD0\xBB\xD0\xB0\xD0\xBC\xD0\xB0",
		"\xD0\xA0\xD0\x95\xD0\x9A\xD0\x9B\xD0\x90\xD0\x9C\xD0\x90",
		"\xD0\xA0\xD0\xB5\xD0\xBA\xD0\xBB\xD0\xB0\xD0\xBC\xD0\xB0",
	};
	while (len && (s[len - 1] == ':' || s[len - 1] == '.' || s[len - 1] == ' '))
		len--;
	for (size_t i = 0; i < NGI_ARRAY_LEN(labels); i++)
		if (strlen(labels[i]) == len && strncasecmp(s, labels[i], len) == 0)
			return 1;
	return 0;
}

static void flush(writer *w)
{
	size_t len = w->seg.len;
	const char *s = w->seg.data;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\n'))
		len--;
	size_t start = 0;
	while (start < len && (s[start] == ' ' || s[start] == '\n'))
		start++;
	int keep = len > start && w->seg_chars > 0;
	/* mostly links: a menu, a list of stories; unless enough of it is
	 * not link text (a sentence naming linked people) */
	if (keep && w->seg_link > BLOCK_MAX_LINK * w->seg_chars &&
	    (w->seg_chars - w->seg_link < BLOCK_MIN_UNLINKED ||
	     w->seg_link > BLOCK_ALL_LINKS * w->seg_chars))
		keep = 0;
	if (keep && len - start <= 20 && ad_label(s + start, len - start))
		keep = 0;
	if (keep && w->seg_owner >= 0 &&
	    heading(w->t->nodes[w->seg_owner].tag) &&
	    repeats_title(s + start, len - start, w->title))
		keep = 0;
	if (keep && w->st == NG_OK) {
		if (w->out.len)
			w->st = ngi_buf_append(&w->out, "\n\n", 2);
		if (w->st == NG_OK)
			w->st = ngi_buf_append(&w->out, s + start, len - start);
	}
	ngi_buf_clear(&w->seg);
	w->seg_chars = w->seg_link = 0;
	w->seg_owner = -1;
}

static void put_text(writer *w, const ngi_html_node *n)
{
	const char *s = n->text;
	size_t len = n->text_len;
	if (len && s[0] == ' ' &&
	    (w->seg.len == 0 || w->seg.data[w->seg.len - 1] == ' ' ||
	     w->seg.data[w->seg.len - 1] == '\n')) {
		s++;
		len--;
	}
	if (len && w->st == NG_OK)
		w->st = ngi_buf_append(&w->seg, s, len);
	w->seg_chars += n->chars;
	w->seg_link += n->link_chars;
}

static ng_status write_blocks(body_ctx *c, const int32_t *roots, size_t n_roots,
			      const char *title, ngi_html_page *out)
{
	ngi_html_tree *t = c->t;
	writer w;
	memset(&w, 0, sizeof w);
	ngi_buf_init(&w.out, 0);
	ngi_buf_init(&w.seg, 0);
	w.seg_owner = -1;
	w.title = title;
	w.t = t;
	for (size_t r = 0; r < n_roots; r++) {
	int32_t root = roots[r];
	int32_t end = t->nodes[root].end;
	flush(&w);
	for (int32_t i = root; i < end && w.st == NG_OK; i++) {
		const ngi_html_node *n = &t->nodes[i];
		if (c->removed[i]) {
			i = n->end - 1;
			continue;
		}
		if (n->tag == HT_TEXT) {
			if (c->owner[i] != w.seg_owner && w.seg.len)
				flush(&w);
			w.seg_owner = c->owner[i];
			put_text(&w, n);
		} else if (n->flags & HF_BLOCK) {
			flush(&w);
		} else if (n->tag == HT_BR && w.seg.len &&
			   w.seg.data[w.seg.len - 1] != '\n') {
			while (w.seg.len && w.seg.data[w.seg.len - 1] == ' ')
				w.seg.data[--w.seg.len] = 0;
			if (w.st == NG_OK)
				w.st = ngi_buf_putc(&w.seg, '\n');
		}
	}
	}
	flush(&w);
	ng_status st = w.st;
	if (st == NG_OK) {
		char *body = ngi_arena_strndup(c->a, w.out.data ? w.out.data : "",
					       w.out.len);
		if (!body)
			st = NG_ERR_NOMEM;
		out->body = body;
		out->body_len = w.out.len;
	}
	ngi_buf_free(&w.out);
	ngi_buf_free(&w.seg);
	return st;
}

/* ---- choosing the container ------------------------------------------------- */

/* Readability's way of finding the container: every paragraph-like
 * block of at least CAND_MIN_CHARS gives its parent 1 + its commas + one
 * per 100 characters (at most 3), its grandparent half of that and the
 * ancestors above a third, a quarter... of it (up to five levels); an
 * element starts from what its tag and class words say; its score is then
 * scaled by the share of its text that is not link text. The best
 * element, moved up to its parent when the parent holds several near-best
 * candidates or scores higher, is the container; its siblings that score
 * well, or that are clean paragraphs, join it. */
#define CAND_MIN_CHARS 40
#define CAND_LEVELS 5
#define CLASS_WEIGHT 25.0
#define SIBLING_SHARE 0.2

static int scored_block(uint16_t tag)
{
	switch (tag) {
	case HT_LI: case HT_DT: case HT_DD: case HT_TH: case HT_OPTION:
	case HT_H1: case HT_CAPTION: case HT_FIGCAPTION: case HT_TITLE:
	case HT_SUMMARY:
		return 0;
	default:
		return 1;
	}
}

static double tag_weight(const ngi_html_node *n)
{
	double w = 0;
	switch (n->tag) {
	case HT_DIV: case HT_ARTICLE: case HT_MAIN: case HT_SECTION: w = 5; break;
	case HT_PRE: case HT_TD: case HT_BLOCKQUOTE: w = 3; break;
	case HT_ADDRESS: case HT_OL: case HT_UL: case HT_DL: case HT_DD:
	case HT_DT: case HT_LI: case HT_FORM: w = -3; break;
	case HT_H1: case HT_H2: case HT_H3: case HT_H4: case HT_H5: case HT_H6:
	case HT_TH: w = -5; break;
	default: break;
	}
	if (n->flags & HF_POSITIVE)
		w += CLASS_WEIGHT;
	if (n->flags & HF_NEGATIVE)
		w -= CLASS_WEIGHT;
	if (n->flags & HF_BODYPROP)
		w += CLASS_WEIGHT;
	return w;
}

static size_t best_container(body_ctx *c, const uint32_t *kept,
			     const uint32_t *kept_link, int32_t *roots,
			     size_t max_roots)
{
	ngi_html_tree *t = c->t;
	uint8_t *cand = c->good; /* reused: element has been scored */
	memset(cand, 0, t->n);
	for (size_t i = 0; i < t->n; i++)
		t->nodes[i].score = 0;
	for (size_t b = 0; b < t->n; b++) {
		const ngi_html_node *n = &t->nodes[b];
		if (c->removed[b] || n->tag == HT_TEXT || c->own[b] < CAND_MIN_CHARS ||
		    !scored_block(n->tag))
			continue;
		double cs = 1.0 + c->commas[b];
		double per100 = c->own[b] / 100.0;
		cs += per100 > 3 ? 3 : (double)(int)per100;
		/* a paragraph scores for its parent; text written straight
		 * into a div, td or section scores for that element */
		int32_t p = (n->tag == HT_P || n->tag == HT_PRE ||
			     n->tag == HT_BLOCKQUOTE || n->tag == HT_ADDRESS ||
			     (n->tag >= HT_H2 && n->tag <= HT_H6))
				    ? n->parent
				    : (int32_t)b;
		for (int level = 0; p >= 0 && level < CAND_LEVELS;
		     level++, p = t->nodes[p].parent) {
			if (c->removed[p])
				break;
			if (!cand[p]) {
				cand[p] = 1;
				t->nodes[p].score = (float)tag_weight(&t->nodes[p]);
			}
			double div = level == 0 ? 1 : level == 1 ? 2 : level * 3;
			t->nodes[p].score += (float)(cs / div);
		}
	}
	int32_t top = -1;
	for (size_t i = 0; i < t->n; i++) {
		if (!cand[i])
			continue;
		ngi_html_node *n = &t->nodes[i];
		double ld = kept[i] ? (double)kept_link[i] / kept[i] : 0;
		n->score = (float)(n->score * (1 - ld));
		if (top < 0 || n->score > t->nodes[top].score)
			top = (int32_t)i;
	}
	if (top < 0)
		return 0;
	/* several near-best candidates under one ancestor: take it */
	int32_t alts[8];
	size_t n_alts = 0;
	float best = t->nodes[top].score;
	for (size_t i = 0; i < t->n && n_alts < 8; i++)
		if (cand[i] && (int32_t)i != top &&
		    t->nodes[i].score >= 0.75f * best)
			alts[n_alts++] = (int32_t)i;
	if (n_alts >= 3) {
		for (int32_t p = t->nodes[top].parent; p >= 0 && t->nodes[p].tag != HT_BODY;
		     p = t->nodes[p].parent) {
			size_t inside = 0;
			for (size_t k = 0; k < n_alts; k++)
				if (alts[k] >= p && alts[k] < t->nodes[p].end)
					inside++;
			if (inside >= 3) {
				top = p;
				break;
			}
		}
	}
	/* a parent that scores higher holds more of the article */
	float last = t->nodes[top].score;
	for (int32_t p = t->nodes[top].parent; p >= 0 && t->nodes[p].tag != HT_BODY;
	     p = t->nodes[p].parent) {
		if (!cand[p])
			continue;
		if (t->nodes[p].score < last / 3)
			break;
		if (t->nodes[p].score > last) {
			top = p;
			break;
		}
		last = t->nodes[p].score;
	}
	/* an only child: its parent */
	for (;;) {
		int32_t p = t->nodes[top].parent;
		if (p < 0 || t->nodes[p].tag == HT_BODY || c->removed[p])
			break;
		size_t children = 0;
		for (int32_t k = p + 1; k < t->nodes[p].end; k = t->nodes[k].end)
			if (t->nodes[k].tag != HT_TEXT)
				children++;
		if (children != 1)
			break;
		top = p;
	}
	/* siblings */
	int32_t parent = t->nodes[top].parent;
	if (parent < 0) {
		roots[0] = top;
		return 1;
	}
	double threshold = t->nodes[top].score * SIBLING_SHARE;
	if (threshold < 10)
		threshold = 10;
	const char *top_class = ngi_html_attr_get(t, top, "class");
	size_t n = 0;
	for (int32_t k = parent + 1; k < t->nodes[parent].end && n < max_roots;
	     k = t->nodes[k].end) {
		const ngi_html_node *s = &t->nodes[k];
		if (k == top) {
			roots[n++] = k;
			continue;
		}
		if (s->tag == HT_TEXT || c->removed[k])
			continue;
		double bonus = 0;
		const char *cls = ngi_html_attr_get(t, k, "class");
		if (top_class && cls && *cls && strcmp(cls, top_class) == 0)
			bonus = t->nodes[top].score * SIBLING_SHARE;
		int add = cand[k] && s->score + bonus >= threshold;
		if (!add && s->tag == HT_P) {
			double ld = kept[k] ? (double)kept_link[k] / kept[k] : 0;
			if (kept[k] > 80 && ld < 0.25)
				add = 1;
			else if (kept[k] > 0 && kept[k] <= 80 && ld == 0)
				add = 1;
		}
		if (add)
			roots[n++] = k;
	}
	return n;
}

/* With a JSON-LD articleBody: confirms blocks whose trigrams it holds;
 * returns the smallest element holding nearly all confirmed text, or -1
 * when the signal is too weak to use. */
static int32_t ld_container(body_ctx *c, const char *article_body)
{
	ngi_html_tree *t = c->t;
	size_t blen = strlen(article_body);
	if (blen < 200)
		return -1;
	ngi_map set;
	ngi_map_init(&set);
	size_t total = trigrams(article_body, blen, &set, 1, NULL);
	if (total < 20) {
		ngi_map_free(&set);
		return -1;
	}
	/* trigrams seen and found, per block, from its text runs (a trigram
	 * across two runs is not counted: one pass over the text) */
	uint32_t *seen = ngi_arena_zalloc(c->a, t->n * sizeof *seen);
	uint32_t *hits = ngi_arena_zalloc(c->a, t->n * sizeof *hits);
	if (!seen || !hits) {
		ngi_map_free(&set);
		return -1;
	}
	for (size_t i = 0; i < t->n; i++) {
		const ngi_html_node *n = &t->nodes[i];
		t->nodes[i].ld_chars = 0;
		if (n->tag != HT_TEXT || c->removed[i] || c->owner[i] < 0)
			continue;
		size_t h = 0;
		seen[c->owner[i]] += (uint32_t)trigrams(n->text, n->text_len, &set, 0, &h);
		hits[c->owner[i]] += (uint32_t)h;
	}
	ngi_map_free(&set);
	uint32_t confirmed_total = 0;
	for (size_t b = 0; b < t->n; b++) {
		if (seen[b] >= 2 && hits[b] * 2 >= seen[b]) {
			t->nodes[b].ld_chars = c->own[b];
			confirmed_total += c->own[b];
		}
	}
	if (confirmed_total < 200)
		return -1;
	for (size_t i = t->n; i-- > 1;) {
		ngi_html_node *n = &t->nodes[i];
		if (n->parent >= 0)
			t->nodes[n->parent].ld_chars += n->ld_chars;
	}
	int32_t best = -1;
	for (size_t i = 0; i < t->n; i++)
		if (t->nodes[i].tag != HT_TEXT && !c->removed[i] &&
		    t->nodes[i].ld_chars >= 0.9 * confirmed_total)
			best = (int32_t)i; /* pre-order: the last is deepest */
	return best;
}

ng_status ngi_html_body(ngi_html_tree *t, const char *title,
			const char *article_body, ngi_arena *a,
			ngi_html_page *out)
{
	out->body = "";
	out->body_len = 0;
	if (!t->n)
		return NG_OK;
	body_ctx c;
	c.t = t;
	c.a = a;
	c.owner = ngi_arena_alloc(a, t->n * sizeof *c.owner);
	c.own = ngi_arena_alloc(a, t->n * sizeof *c.own);
	c.own_link = ngi_arena_alloc(a, t->n * sizeof *c.own_link);
	c.commas = ngi_arena_alloc(a, t->n * sizeof *c.commas);
	c.removed = ngi_arena_zalloc(a, t->n);
	c.good = ngi_arena_zalloc(a, t->n);
	uint32_t *kept = ngi_arena_alloc(a, t->n * sizeof *kept);
	uint32_t *kept_link = ngi_arena_alloc(a, t->n * sizeof *kept_link);
	if (!c.owner || !c.own || !c.own_link || !c.commas || !c.removed || !c.good ||
	    !kept || !kept_link)
		return NG_ERR_NOMEM;
	for (size_t i = 0; i < t->n; i++) {
		const ngi_html_node *n = &t->nodes[i];
		if (n->flags & HF_BLOCK)
			c.owner[i] = (int32_t)i;
		else
			c.owner[i] = n->parent >= 0 ? c.owner[n->parent] : -1;
	}
	/* tags and hidden elements first, then class words with the
	 * paragraph text known */
	mark_removed(&c, 0, 2.0);
	own_text(&c);
	aggregate(&c, kept, kept_link);
	mark_removed(&c, 1, KEEP_SHARE);
	own_text(&c);
	aggregate(&c, kept, kept_link);

	int32_t roots[64];
	size_t n_roots = 0;
	int32_t root = -1;
	if (article_body)
		root = ld_container(&c, article_body);
	if (root >= 0)
		roots[n_roots++] = root;
	else
		n_roots = best_container(&c, kept, kept_link, roots, 64);
	if (n_roots == 0) {
		/* no paragraph anywhere: what is left of the body */
		for (size_t i = 0; i < t->n; i++)
			if (t->nodes[i].tag == HT_BODY) {
				root = (int32_t)i;
				break;
			}
		if (root < 0)
			root = 0;
		roots[n_roots++] = root;
	}
#ifdef NG_HTML_DEBUG
	{
		const char *cls = NULL;
		for (int32_t r = root; r >= 0 && r >= root - 0; r = -1)
			cls = ngi_html_attr_get(t, r, "class");
		root = roots[0];
		cls = ngi_html_attr_get(t, root, "class");
		fprintf(stderr, "container %d (+%zu) tag %d class %s para %u chars %u ld %d\n", root,
			n_roots - 1, t->nodes[root].tag, cls ? cls : "", t->nodes[root].para_chars,
			kept[root], article_body != NULL);
	}
#endif
	return write_blocks(&c, roots, n_roots, title, out);
}
