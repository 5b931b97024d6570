/*
 * feed.c: RSS 2.0, RSS 1.0 (RDF) and Atom documents -> items (feed.h).
 *
 * libxml2 builds the tree with every door shut: XML_PARSE_NONET (no
 * network), no DTD loading and no entity substitution (no XML_PARSE_NOENT,
 * XML_PARSE_DTDLOAD or XML_PARSE_HUGE, so libxml2's own depth and size
 * limits hold), and a SAX hook that stops the parser at the first entity
 * declaration, so an entity bomb ("billion laughs") or an external entity
 * never gets to expand. Broken feeds are common, so the parser recovers
 * from errors, and the first error is kept for a warning; a document
 * without a feed root is refused.
 *
 * Charsets: a document that declares no encoding or UTF-8 is checked
 * first, and bytes that are not UTF-8 (a windows-1251 feed that claims
 * UTF-8) are replaced by U+FFFD and counted, so libxml2 never meets them;
 * a declared charset (windows-1251, ISO-8859-1 ...) is decoded by libxml2
 * and UTF-16 is found by its byte-order mark.
 *
 * The items' fields: link (Atom: the rel="alternate" link, else the first),
 * id (guid, atom:id, rdf:about), title, summary (description, summary),
 * content (content:encoded, atom:content), authors (author, dc:creator,
 * atom:author/name, joined with "; "), dates (pubDate in RFC 822 rewritten
 * as ISO 8601; dc:date, published and updated kept as written when they
 * look like ISO 8601).
 */
#include "feed.h"
#include "rfc822.h"

#include <ctype.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/utf8.h"

static ng_status init_libxml(void)
{
	xmlInitParser();
	return NG_OK;
}

static ngi_once libxml_once = NGI_ONCE_INIT;

/* The SAX hooks: any entity declaration stops the parse; its line is
 * kept for the message. */
typedef struct entity_seen {
	int seen;
	long long line;
} entity_seen;

static void stop_at_entity(xmlParserCtxtPtr ctxt)
{
	entity_seen *e = ctxt->_private;
	if (!e->seen) {
		e->seen = 1;
		e->line = ctxt->input ? ctxt->input->line : 0;
	}
	xmlStopParser(ctxt);
}

static void refuse_entity(void *ctx, const xmlChar *name, int type,
			  const xmlChar *public_id, const xmlChar *system_id,
			  xmlChar *content)
{
	stop_at_entity(ctx);
}

static void refuse_unparsed_entity(void *ctx, const xmlChar *name,
				   const xmlChar *public_id,
				   const xmlChar *system_id,
				   const xmlChar *notation)
{
	stop_at_entity(ctx);
}

/* The encoding the XML declaration names, copied into enc ("" when none).
 * Returns 0 when the bytes are UTF-16 (a byte-order mark or a NUL in the
 * first two bytes): libxml2 reads those by itself. */
static int declared_encoding(const char *s, size_t n, char *enc, size_t cap)
{
	enc[0] = '\0';
	if (n >= 2 && (((unsigned char)s[0] == 0xFF && (unsigned char)s[1] == 0xFE) ||
		       ((unsigned char)s[0] == 0xFE && (unsigned char)s[1] == 0xFF) ||
		       s[0] == 0 || s[1] == 0))
		return 0;
	size_t i = n >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3) ? 3 : 0;
	if (n - i < 5 || memcmp(s + i, "<?xml", 5))
		return 1;
	const char *end = memchr(s + i, '>', n - i);
	if (!end)
		return 1;
	for (const char *p = s + i; p + 8 < end; p++) {
		if (memcmp(p, "encoding", 8))
			continue;
		const char *q = p + 8;
		while (q < end && (*q == ' ' || *q == '='))
			q++;
		if (q >= end || (*q != '"' && *q != '\''))
			return 1;
		char quote = *q++;
		size_t k = 0;
		while (q < end && *q != quote && k + 1 < cap)
			enc[k++] = *q++;
		enc[k] = '\0';
		return 1;
	}
	return 1;
}

static int is_utf8_name(const char *enc)
{
	return !*enc || !strcasecmp(enc, "utf-8") || !strcasecmp(enc, "utf8");
}

static int name_is(const xmlNode *n, const char *local)
{
	return n->type == XML_ELEMENT_NODE && n->name &&
	       !strcmp((const char *)n->name, local);
}

/* The element's text, trimmed, in the arena; NULL when blank. */
/* s (len bytes) copied into a as valid UTF-8: libxml2 hands over the
 * bytes of a document it recovered from as they were (a windows-1251
 * feed whose XML declaration it could not read), and every later stage
 * takes only UTF-8. NULL when out of memory. */
static char *copy_utf8(ngi_arena *a, const char *s, size_t len)
{
	if (ngi_utf8_valid_prefix(s, len) == len)
		return ngi_arena_strndup(a, s, len);
	ngi_buf b;
	ngi_buf_init(&b, 0);
	char *out = NULL;
	if (ngi_utf8_repair(s, len, &b, NULL) != (size_t)-1)
		out = ngi_arena_strndup(a, b.data ? b.data : "", b.len);
	ngi_buf_free(&b);
	return out;
}

static ng_status text_of(ngi_arena *a, const xmlNode *n, const char **out)
{
	xmlChar *c = xmlNodeGetContent(n);
	if (!c) {
		*out = NULL;
		return NG_OK;
	}
	const char *s = (const char *)c;
	size_t len = strlen(s);
	while (len && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	*out = len ? copy_utf8(a, s, len) : NULL;
	xmlFree(c);
	return len && !*out ? NG_ERR_NOMEM : NG_OK;
}

static ng_status attr_of(ngi_arena *a, const xmlNode *n, const char *name,
			 const char **out)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	*out = NULL;
	if (!v)
		return NG_OK;
	if (!v[0]) { /* href="": no link, as a blank element is no text */
		xmlFree(v);
		return NG_OK;
	}
	*out = copy_utf8(a, (const char *)v, strlen((const char *)v));
	xmlFree(v);
	return *out ? NG_OK : NG_ERR_NOMEM;
}

/* Appends a name to "A; B". */
static ng_status add_author(ngi_arena *a, const char **authors, const char *name)
{
	if (!name)
		return NG_OK;
	if (!*authors) {
		*authors = name;
		return NG_OK;
	}
	size_t n = strlen(*authors) + 2 + strlen(name) + 1;
	char *joined = ngi_arena_alloc(a, n);
	if (!joined)
		return NG_ERR_NOMEM;
	snprintf(joined, n, "%s; %s", *authors, name);
	*authors = joined;
	return NG_OK;
}

static int looks_iso(const char *s)
{
	return s && isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
	       isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3]) &&
	       s[4] == '-';
}

/* The Atom link to keep: rel="alternate" (or none) first. */
static ng_status atom_link(ngi_arena *a, const xmlNode *n, const char **link,
			   int *alternate)
{
	const char *rel = NULL, *href = NULL;
	ng_status st = attr_of(a, n, "rel", &rel);
	if (!st)
		st = attr_of(a, n, "href", &href);
	if (st || !href)
		return st;
	int alt = !rel || !strcmp(rel, "alternate");
	if (!*link || (alt && !*alternate)) {
		*link = href;
		*alternate = alt;
	}
	return NG_OK;
}

static ng_status read_item(ngi_arena *a, const xmlNode *node, ngi_feed_kind kind,
			   ngi_feed_item *it)
{
	memset(it, 0, sizeof *it);
	it->line = xmlGetLineNo(node);
	ng_status st = NG_OK;
	if (kind == NGI_FEED_RSS1)
		st = attr_of(a, node, "about", &it->id);
	int alternate = 0;
	const char *raw_date = NULL, *dc_date = NULL;
	for (const xmlNode *c = node->children; c && !st; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		const char *v = NULL;
		if (name_is(c, "title") && !it->title)
			st = text_of(a, c, &it->title);
		else if (name_is(c, "link")) {
			if (kind == NGI_FEED_ATOM)
				st = atom_link(a, c, &it->link, &alternate);
			else if (!it->link)
				st = text_of(a, c, &it->link);
		} else if ((name_is(c, "guid") || name_is(c, "id")) && !it->id)
			st = text_of(a, c, &it->id);
		else if ((name_is(c, "description") || name_is(c, "summary")) &&
			 !it->summary)
			st = text_of(a, c, &it->summary);
		else if ((name_is(c, "encoded") || name_is(c, "content")) &&
			 !it->content)
			st = text_of(a, c, &it->content);
		else if (name_is(c, "pubDate") && !raw_date)
			st = text_of(a, c, &raw_date);
		else if ((name_is(c, "date") || name_is(c, "published") ||
			  name_is(c, "issued")) && !dc_date)
			st = text_of(a, c, &dc_date);
		else if (name_is(c, "updated") || name_is(c, "modified")) {
			st = text_of(a, c, &v);
			if (!it->updated && looks_iso(v))
				it->updated = v;
		} else if (name_is(c, "creator") ||
			   (name_is(c, "author") && kind != NGI_FEED_ATOM)) {
			st = text_of(a, c, &v);
			if (!st)
				st = add_author(a, &it->authors, v);
		} else if (name_is(c, "author")) {
			for (const xmlNode *g = c->children; g && !st; g = g->next)
				if (name_is(g, "name")) {
					st = text_of(a, g, &v);
					if (!st)
						st = add_author(a, &it->authors, v);
				}
		}
	}
	if (st)
		return st;
	/* an RSS guid that is a permalink is the link when there is none */
	if (!it->link && it->id && kind == NGI_FEED_RSS2 &&
	    (!strncmp(it->id, "http://", 7) || !strncmp(it->id, "https://", 8)))
		it->link = it->id;
	it->published_raw = raw_date ? raw_date : dc_date;
	char iso[40];
	if (raw_date && ngi_rfc822_date(raw_date, iso))
		it->published = ngi_arena_strdup(a, iso);
	else if (raw_date && looks_iso(raw_date))
		it->published = raw_date;
	else if (dc_date && looks_iso(dc_date))
		it->published = dc_date;
	if (!it->published && it->updated)
		it->published = it->updated;
	return NG_OK;
}

static ng_status add_items(ngi_arena *a, const xmlNode *parent,
			   ngi_feed_kind kind, const char *item_name,
			   ngi_feed *f, size_t *cap)
{
	for (const xmlNode *c = parent->children; c; c = c->next) {
		if (!name_is(c, item_name))
			continue;
		if (f->n_items == NGI_FEED_MAX_ITEMS) {
			f->past_cap++; /* counted, not read */
			continue;
		}
		if (f->n_items == *cap) {
			size_t grown = *cap ? *cap * 2 : 32;
			ngi_feed_item *items = ngi_arena_alloc(a, grown * sizeof *items);
			if (!items)
				return NG_ERR_NOMEM;
			if (f->n_items)
				memcpy(items, f->items, f->n_items * sizeof *items);
			f->items = items;
			*cap = grown;
		}
		ng_status st = read_item(a, c, kind, &f->items[f->n_items]);
		if (st)
			return st;
		f->n_items++;
	}
	return NG_OK;
}

static ng_status read_channel(ngi_arena *a, const xmlNode *channel, ngi_feed *f)
{
	ng_status st = NG_OK;
	int alternate = 0;
	for (const xmlNode *c = channel->children; c && !st; c = c->next) {
		if (name_is(c, "title") && !f->title)
			st = text_of(a, c, &f->title);
		else if (name_is(c, "link") && f->kind == NGI_FEED_ATOM)
			st = atom_link(a, c, &f->link, &alternate);
		else if (name_is(c, "link") && !f->link)
			st = text_of(a, c, &f->link);
		else if (name_is(c, "language") && !f->lang)
			st = text_of(a, c, &f->lang);
	}
	return st;
}

static ng_status read_tree(ngi_arena *a, const xmlNode *root, ngi_feed *f,
			   const char **why)
{
	size_t cap = 0;
	ng_status st;
	if (name_is(root, "rss")) {
		f->kind = NGI_FEED_RSS2;
		const xmlNode *channel = NULL;
		for (const xmlNode *c = root->children; c && !channel; c = c->next)
			if (name_is(c, "channel"))
				channel = c;
		if (!channel) {
			*why = "RSS feed without a <channel>";
			return NG_ERR_INPUT;
		}
		st = read_channel(a, channel, f);
		if (!st)
			st = add_items(a, channel, f->kind, "item", f, &cap);
	} else if (name_is(root, "RDF")) {
		f->kind = NGI_FEED_RSS1;
		for (const xmlNode *c = root->children; c; c = c->next)
			if (name_is(c, "channel")) {
				st = read_channel(a, c, f);
				if (st)
					return st;
				break;
			}
		st = add_items(a, root, f->kind, "item", f, &cap);
	} else if (name_is(root, "feed")) {
		f->kind = NGI_FEED_ATOM;
		xmlChar *lang = xmlNodeGetLang(root);
		if (lang) {
			f->lang = copy_utf8(a, (const char *)lang,
					    strlen((const char *)lang));
			xmlFree(lang);
		}
		st = read_channel(a, root, f);
		if (!st)
			st = add_items(a, root, f->kind, "entry", f, &cap);
	} else {
		*why = "not a feed: the root element is not rss, rdf:RDF or feed";
		return NG_ERR_INPUT;
	}
	return st;
}

/* libxml2's message, trimmed, in the arena. */
static const char *xml_message(ngi_arena *a, const xmlError *e)
{
	if (!e || !e->message)
		return "not well-formed XML";
	size_t n = strlen(e->message);
	while (n && (e->message[n - 1] == '\n' || e->message[n - 1] == ' '))
		n--;
	char *m = ngi_arena_alloc(a, n + 32);
	if (!m)
		return "not well-formed XML";
	snprintf(m, n + 32, "XML error: %.*s", (int)n, e->message);
	return m;
}

ng_status ngi_feed_parse(const char *bytes, size_t len, const char *url,
			 ngi_arena *a, ngi_feed *out, const char **why,
			 long long *line)
{
	*line = 0;
	if (len > NGI_FEED_MAX_BYTES)
		return NG_ERR_TOOBIG;
	if (len > (size_t)INT32_MAX)
		return NG_ERR_TOOBIG;
	ng_status st = ngi_once_run(&libxml_once, init_libxml);
	if (st)
		return st;
	ngi_feed f;
	memset(&f, 0, sizeof f);
	f.first_invalid = -1;

	char enc[64];
	ngi_buf repaired;
	ngi_buf_init(&repaired, 0);
	const char *encoding = NULL;
	if (declared_encoding(bytes, len, enc, sizeof enc) && is_utf8_name(enc)) {
		size_t first_bad = 0;
		size_t bad = 0;
		if (ngi_utf8_valid_prefix(bytes, len) != len)
			bad = ngi_utf8_repair(bytes, len, &repaired, &first_bad);
		if (bad == (size_t)-1) {
			ngi_buf_free(&repaired);
			return NG_ERR_NOMEM;
		}
		if (bad) {
			f.invalid_bytes = bad;
			f.first_invalid = (long long)first_bad;
			bytes = repaired.data;
			len = repaired.len;
		}
		encoding = "UTF-8";
	}

	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt) {
		ngi_buf_free(&repaired);
		return NG_ERR_NOMEM;
	}
	entity_seen entity = {0, 0};
	ctxt->_private = &entity;
	ctxt->sax->entityDecl = refuse_entity;
	ctxt->sax->unparsedEntityDecl = refuse_unparsed_entity;
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, bytes, (int)len, url, encoding,
					  XML_PARSE_NONET | XML_PARSE_NOERROR |
						  XML_PARSE_NOWARNING |
						  XML_PARSE_RECOVER);
	const xmlError *err = xmlCtxtGetLastError(ctxt);
	int well_formed = ctxt->wellFormed;
	st = NG_OK;
	if (entity.seen) {
		*why = "entity declarations are not allowed in a feed (entity "
		       "bombs, external entities): refused";
		*line = entity.line;
		st = NG_ERR_INPUT;
	} else if (!doc || !xmlDocGetRootElement(doc)) {
		*why = xml_message(a, err);
		*line = err ? err->line : 0;
		st = NG_ERR_INPUT;
	} else {
		st = read_tree(a, xmlDocGetRootElement(doc), &f, why);
		if (!st && !well_formed && f.n_items == 0) {
			*why = xml_message(a, err);
			*line = err ? err->line : 0;
			st = NG_ERR_INPUT;
		} else if (!st && !well_formed) {
			f.recovered = xml_message(a, err);
			f.recovered_line = err ? err->line : 0;
		}
	}
	if (doc)
		xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctxt);
	ngi_buf_free(&repaired);
	if (!st)
		*out = f;
	return st;
}
