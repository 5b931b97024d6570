/*
 * html_meta.c: what a page says about itself.
 *
 * Sources, best first for each field:
 *   title      og:title, JSON-LD headline, twitter:title, the first <h1>,
 *              <title>
 *   authors    JSON-LD author (string, {name}, or a list of them), meta
 *              author / article:author / parsely-author / dc.creator /
 *              citation_author (values that are URLs or @handles
 *              skipped); the byline's names (itemprop, rel or class
 *              author) come later, in ngi_html_credit
 *   published  JSON-LD datePublished, article:published_time and the
 *              other publication meta tags, itemprop datePublished, the
 *              first <time datetime> (one marked pubdate or inside a date
 *              or byline element first), then a date in the URL path
 *              (the canonical one, else the given one; source
 *              NGI_PUB_TEXT)
 *   modified   JSON-LD dateModified, article:modified_time,
 *              og:updated_time, itemprop dateModified, last-modified
 *   url        <link rel=canonical>, og:url (resolved against the given
 *              URL), else the URL given
 *   site       og:site_name, JSON-LD publisher name, application-name,
 *              else the host
 *   lang       <html lang>, http-equiv content-language, og:locale,
 *              JSON-LD inLanguage
 * JSON-LD blocks are read with the project's strict JSON parser after raw
 * control characters (common in sites' JSON) become spaces; objects are
 * searched through @graph and nested values (depth-capped). HTML entities
 * in JSON-LD strings, which many sites leave in, are decoded.
 */
#include "html_int.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "../base/json.h"
#include "../base/utf8.h"

typedef struct meta_state {
	ngi_arena *a;
	/* JSON-LD */
	const char *ld_headline, *ld_published, *ld_modified, *ld_publisher,
		*ld_body, *ld_lang, *ld_url, *ld_website;
	char ld_authors[1024];
	int ld_article_seen;
} meta_state;

/* ---- small string helpers -------------------------------------------------- */

static const char *trim_copy(ngi_arena *a, const char *s)
{
	if (!s)
		return NULL;
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' ||
		     s[n - 1] == '\r'))
		n--;
	return n ? ngi_arena_strndup(a, s, n) : NULL;
}

/* Decodes the common HTML entities and collapses white space (a copy). */
static const char *unescape(ngi_arena *a, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s);
	char *o = ngi_arena_alloc(a, n + 1);
	if (!o)
		return NULL;
	size_t k = 0;
	int space = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '&') {
			static const struct {
				const char *name;
				const char *text;
			} ents[] = {{"amp;", "&"},  {"lt;", "<"},    {"gt;", ">"},
				    {"quot;", "\""}, {"apos;", "'"},  {"nbsp;", " "},
				    {"#39;", "'"},  {"rsquo;", "\xE2\x80\x99"},
				    {"lsquo;", "\xE2\x80\x98"},
				    {"ldquo;", "\xE2\x80\x9C"},
				    {"rdquo;", "\xE2\x80\x9D"},
				    {"mdash;", "\xE2\x80\x94"},
				    {"ndash;", "\xE2\x80\x93"}};
			int done = 0;
			for (size_t e = 0; e < NGI_ARRAY_LEN(ents) && !done; e++) {
				size_t el = strlen(ents[e].name);
				if (strncmp(s + i + 1, ents[e].name, el) == 0) {
					const char *t = ents[e].text;
					if (*t == ' ') {
						space = 1;
					} else {
						if (space && k)
							o[k++] = ' ';
						space = 0;
						size_t tl = strlen(t);
						memcpy(o + k, t, tl);
						k += tl;
					}
					i += el;
					done = 1;
				}
			}
			if (!done && s[i + 1] == '#') {
				size_t j = i + 2;
				unsigned long cp = 0;
				int hex = s[j] == 'x' || s[j] == 'X';
				if (hex)
					j++;
				size_t start = j;
				while (j < n && j - start < 7 &&
				       ((s[j] >= '0' && s[j] <= '9') ||
					(hex && ((s[j] | 32) >= 'a' &&
						 (s[j] | 32) <= 'f')))) {
					int v = s[j] <= '9' ? s[j] - '0'
							    : (s[j] | 32) - 'a' + 10;
					cp = cp * (hex ? 16 : 10) + (unsigned)v;
					j++;
				}
				if (j > start && s[j] == ';' && cp > 0 &&
				    cp <= 0x10FFFF &&
				    !(cp >= 0xD800 && cp <= 0xDFFF)) {
					char enc[4];
					size_t el = ngi_utf8_encode((uint32_t)cp, enc);
					/* "&#N;" is at least 4 bytes: room */
					if (space && k)
						o[k++] = ' ';
					space = 0;
					memcpy(o + k, enc, el);
					k += el;
					i = j;
					done = 1;
				}
			}
			if (done)
				continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
			space = 1;
			continue;
		}
		if (space && k)
			o[k++] = ' ';
		space = 0;
		o[k++] = (char)c;
	}
	o[k] = 0;
	return k ? o : NULL;
}

static int looks_like_url(const char *s)
{
	return strstr(s, "://") != NULL || strncmp(s, "www.", 4) == 0;
}

/* Appends name to the "; "-separated list in buf unless already there. */
static void add_name(char *buf, size_t cap, const char *name)
{
	if (!name || !*name || looks_like_url(name) || strlen(name) > 100)
		return;
	size_t nl = strlen(name);
	for (const char *p = buf; *p;) {
		const char *e = strstr(p, "; ");
		size_t l = e ? (size_t)(e - p) : strlen(p);
		if (l == nl && strncasecmp(p, name, nl) == 0)
			return;
		if (!e)
			break;
		p = e + 2;
	}
	size_t bl = strlen(buf);
	if (bl + nl + 3 >= cap)
		return;
	if (bl) {
		memcpy(buf + bl, "; ", 2);
		bl += 2;
	}
	memcpy(buf + bl, name, nl + 1);
}

/* ---- JSON-LD ---------------------------------------------------------------- */

static int type_is(const ngi_json *obj, const char *const *names, size_t n)
{
	const ngi_json *t = ngi_json_get(obj, "@type");
	if (!t)
		return 0;
	const ngi_json *one = t->type == NGI_JSON_ARRAY ? t->child : t;
	for (; one; one = t->type == NGI_JSON_ARRAY ? one->next : NULL) {
		if (one->type != NGI_JSON_STRING)
			continue;
		for (size_t i = 0; i < n; i++)
			if (strstr(one->str, names[i]))
				return 1;
	}
	return 0;
}

static const char *const article_types[] = {"Article", "BlogPosting",
					    "Report", "NewsArticle",
					    "LiveBlogPosting", "Posting"};

static const char *name_of(const ngi_json *v)
{
	if (!v)
		return NULL;
	if (v->type == NGI_JSON_STRING)
		return v->str;
	if (v->type == NGI_JSON_OBJECT)
		return ngi_json_get_str(v, "name");
	return NULL;
}

static void ld_authors(meta_state *m, const ngi_json *v)
{
	if (!v)
		return;
	if (v->type == NGI_JSON_ARRAY) {
		for (const ngi_json *c = v->child; c; c = c->next)
			ld_authors(m, c);
		return;
	}
	const char *n = unescape(m->a, name_of(v));
	add_name(m->ld_authors, sizeof m->ld_authors, n);
}

static const char *ld_str(meta_state *m, const ngi_json *obj, const char *key)
{
	const ngi_json *v = ngi_json_get(obj, key);
	if (v && v->type == NGI_JSON_ARRAY)
		v = v->child;
	if (!v || v->type != NGI_JSON_STRING)
		return NULL;
	return unescape(m->a, v->str);
}

static void ld_object(meta_state *m, const ngi_json *obj)
{
	if (type_is(obj, article_types, NGI_ARRAY_LEN(article_types))) {
		if (m->ld_article_seen)
			return;
		m->ld_article_seen = 1;
		m->ld_headline = ld_str(m, obj, "headline");
		if (!m->ld_headline)
			m->ld_headline = ld_str(m, obj, "name");
		m->ld_published = ld_str(m, obj, "datePublished");
		if (!m->ld_published)
			m->ld_published = ld_str(m, obj, "dateCreated");
		m->ld_modified = ld_str(m, obj, "dateModified");
		ld_authors(m, ngi_json_get(obj, "author"));
		if (!m->ld_authors[0])
			ld_authors(m, ngi_json_get(obj, "creator"));
		const ngi_json *pub = ngi_json_get(obj, "publisher");
		if (pub && pub->type == NGI_JSON_ARRAY)
			pub = pub->child;
		m->ld_publisher = unescape(m->a, name_of(pub));
		m->ld_body = ld_str(m, obj, "articleBody");
		if (!m->ld_body)
			m->ld_body = ld_str(m, obj, "text");
		m->ld_lang = ld_str(m, obj, "inLanguage");
		m->ld_url = ld_str(m, obj, "url");
		return;
	}
	static const char *const site_types[] = {"WebSite"};
	if (!m->ld_website && type_is(obj, site_types, 1))
		m->ld_website = ld_str(m, obj, "name");
}

static void ld_walk(meta_state *m, const ngi_json *v, int depth)
{
	if (!v || depth > 8)
		return;
	if (v->type == NGI_JSON_OBJECT) {
		ld_object(m, v);
		for (const ngi_json *c = v->child; c; c = c->next)
			if (c->type == NGI_JSON_ARRAY ||
			    (c->type == NGI_JSON_OBJECT && c->key &&
			     (strcmp(c->key, "@graph") == 0 ||
			      strcmp(c->key, "mainEntity") == 0)))
				ld_walk(m, c, depth + 1);
	} else if (v->type == NGI_JSON_ARRAY) {
		for (const ngi_json *c = v->child; c; c = c->next)
			ld_walk(m, c, depth + 1);
	}
}

static void read_jsonld(meta_state *m, const ngi_html_jsonld *ld)
{
	for (; ld; ld = ld->next) {
		char *copy = ngi_arena_strndup(m->a, ld->text, ld->len);
		if (!copy)
			return;
		for (size_t i = 0; i < ld->len; i++)
			if ((unsigned char)copy[i] < 0x20)
				copy[i] = ' ';
		/* some sites wrap the JSON in a CDATA section or a comment */
		char *s = copy;
		size_t len = ld->len;
		while (len && (*s == ' '))
			s++, len--;
		if (len > 9 && strncmp(s, "//<![CDATA[", 11) == 0)
			s += 11, len -= 11;
		else if (len > 9 && strncmp(s, "<![CDATA[", 9) == 0)
			s += 9, len -= 9;
		while (len && (s[len - 1] == ' ' || s[len - 1] == ';'))
			len--;
		if (len > 3 && strncmp(s + len - 3, "]]>", 3) == 0) {
			len -= 3;
			if (len > 2 && strncmp(s + len - 2, "//", 2) == 0)
				len -= 2;
		}
		ngi_json *root = NULL;
		size_t off;
		const char *msg;
		if (ngi_json_parse(s, len, m->a, &root, &off, &msg) == NG_OK)
			ld_walk(m, root, 0);
	}
}

/* ---- meta tags ------------------------------------------------------------ */

static int name_in(const char *name, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcasecmp(name, list[i]) == 0)
			return 1;
	return 0;
}

#define NAME_IN(name, list) name_in(name, list, NGI_ARRAY_LEN(list))

static const char *const published_names[] = {
	"article:published_time", "og:article:published_time",
	"article:published", "datePublished", "pubdate", "publishdate",
	"publish-date", "publish_date", "published_time", "date",
	"dc.date", "dc.date.issued", "dc.date.created", "dcterms.created",
	"dcterms.date", "sailthru.date", "parsely-pub-date", "og:pubdate",
	"article.published", "article_date_original", "cxenseparse:recs:publishtime",
	"citation_publication_date", "citation_date", "originalpublicationdate",
	"pdate", "ptime", "displaydate", "dc.date.published",
};
static const char *const modified_names[] = {
	"article:modified_time", "og:updated_time", "article:modified",
	"dateModified", "last-modified", "lastmod", "dcterms.modified",
	"dc.date.modified", "modified_time", "article.updated", "revised",
};
static const char *const author_names[] = {
	"author", "article:author", "og:article:author", "parsely-author",
	"dc.creator", "dcterms.creator", "citation_author", "sailthru.author",
	"byl", "article.author", "cxenseparse:author", "twitter:creator",
};

ng_status ngi_html_meta(const ngi_html_tree *t, const ngi_html_jsonld *ld,
			const char *url, ngi_arena *a, ngi_html_page *out,
			const char **article_body)
{
	meta_state m;
	memset(&m, 0, sizeof m);
	m.a = a;
	read_jsonld(&m, ld);

	const char *og_title = NULL, *tw_title = NULL, *canonical = NULL,
		   *og_url = NULL, *og_site = NULL, *app_name = NULL,
		   *html_lang = NULL, *meta_lang = NULL, *og_locale = NULL,
		   *m_published = NULL, *m_modified = NULL, *time_any = NULL,
		   *time_marked = NULL, *ip_published = NULL,
		   *ip_modified = NULL;
	char authors[1024] = "";

	for (size_t i = 0; i < t->n_attrs; i++) {
		const ngi_html_attr *at = &t->attrs[i];
		const ngi_html_node *n = &t->nodes[at->node];
		if (i > 0 && t->attrs[i - 1].node == at->node)
			continue; /* one visit per element */
		const char *content = ngi_html_attr_get(t, at->node, "content");
		if (n->tag == HT_HTML) {
			const char *l = ngi_html_attr_get(t, at->node, "lang");
			if (!l)
				l = ngi_html_attr_get(t, at->node, "xml:lang");
			if (l && *l && !html_lang)
				html_lang = l;
		} else if (n->tag == HT_META && content && *content) {
			const char *key = ngi_html_attr_get(t, at->node, "property");
			if (!key)
				key = ngi_html_attr_get(t, at->node, "name");
			if (!key)
				key = ngi_html_attr_get(t, at->node, "itemprop");
			const char *he =
				ngi_html_attr_get(t, at->node, "http-equiv");
			if (he && strcasecmp(he, "content-language") == 0 &&
			    !meta_lang)
				meta_lang = content;
			if (!key)
				continue;
			if (strcasecmp(key, "og:title") == 0 && !og_title)
				og_title = content;
			else if (strcasecmp(key, "twitter:title") == 0 && !tw_title)
				tw_title = content;
			else if (strcasecmp(key, "og:url") == 0 && !og_url)
				og_url = content;
			else if (strcasecmp(key, "og:site_name") == 0 && !og_site)
				og_site = content;
			else if (strcasecmp(key, "application-name") == 0 &&
				 !app_name)
				app_name = content;
			else if (strcasecmp(key, "og:locale") == 0 && !og_locale)
				og_locale = content;
			else if ((strcasecmp(key, "language") == 0 ||
				  strcasecmp(key, "content-language") == 0 ||
				  strcasecmp(key, "dc.language") == 0) &&
				 !meta_lang)
				meta_lang = content;
			else if (NAME_IN(key, published_names) && !m_published &&
				 ngi_iso_date(content, a))
				m_published = content;
			else if (NAME_IN(key, modified_names) && !m_modified &&
				 ngi_iso_date(content, a))
				m_modified = content;
			else if (NAME_IN(key, author_names)) {
				const char *c = unescape(a, content);
				if (c && strncasecmp(c, "by ", 3) == 0)
					c += 3;
				if (c && c[0] != '@')
					add_name(authors, sizeof authors, c);
			}
		} else if (n->tag == HT_LINK) {
			const char *rel = ngi_html_attr_get(t, at->node, "rel");
			const char *href = ngi_html_attr_get(t, at->node, "href");
			if (rel && href && strcasecmp(rel, "canonical") == 0 &&
			    !canonical)
				canonical = href;
		} else {
			const char *ip = ngi_html_attr_get(t, at->node, "itemprop");
			const char *dt = ngi_html_attr_get(t, at->node, "datetime");
			const char *val = dt ? dt : content;
			if (ip && val && strcasecmp(ip, "datePublished") == 0 &&
			    !ip_published && ngi_iso_date(val, a))
				ip_published = val;
			if (ip && val && strcasecmp(ip, "dateModified") == 0 &&
			    !ip_modified && ngi_iso_date(val, a))
				ip_modified = val;
			if (n->tag == HT_TIME && dt && ngi_iso_date(dt, a)) {
				if (!time_any)
					time_any = dt;
				int marked = ngi_html_attr_get(t, at->node,
							       "pubdate") != NULL;
				for (int32_t p = n->parent; p >= 0 && !marked &&
							    t->nodes[p].depth + 4 > n->depth;
				     p = t->nodes[p].parent)
					if (t->nodes[p].flags &
					    (HF_DATELINE | HF_BYLINE))
						marked = 1;
				if (marked && !time_marked)
					time_marked = dt;
			}
		}
	}

	/* title */
	const char *h1 = NULL;
	for (size_t i = 0; i < t->n; i++)
		if (t->nodes[i].tag == HT_H1 && t->nodes[i].chars > 0) {
			h1 = ngi_html_node_text(t, (int32_t)i, a);
			break;
		}
	const char *title_tag =
		t->title_node >= 0 ? ngi_html_node_text(t, t->title_node, a)
				   : NULL;
	const char *title = unescape(a, og_title);
	if (!title)
		title = m.ld_headline;
	if (!title)
		title = unescape(a, tw_title);
	if (!title && h1 && *h1)
		title = h1;
	if (!title && title_tag && *title_tag)
		title = title_tag;
	out->title = title;

	/* authors */
	if (m.ld_authors[0])
		out->authors = ngi_arena_strdup(a, m.ld_authors);
	else if (authors[0])
		out->authors = ngi_arena_strdup(a, authors);

	/* dates */
	const char *pub = m.ld_published ? ngi_iso_date(m.ld_published, a) : NULL;
	if (!pub && m_published)
		pub = ngi_iso_date(m_published, a);
	if (!pub && ip_published)
		pub = ngi_iso_date(ip_published, a);
	if (!pub && time_marked)
		pub = ngi_iso_date(time_marked, a);
	if (!pub && time_any)
		pub = ngi_iso_date(time_any, a);
	out->published_source = pub ? NGI_PUB_METADATA : NGI_PUB_NONE;
	const char *mod = m.ld_modified ? ngi_iso_date(m.ld_modified, a) : NULL;
	if (!mod && m_modified)
		mod = ngi_iso_date(m_modified, a);
	if (!mod && ip_modified)
		mod = ngi_iso_date(ip_modified, a);
	out->modified = mod;

	/* canonical URL */
	const char *u = canonical ? ngi_url_resolve(url, canonical, a) : NULL;
	if (!u && og_url)
		u = ngi_url_resolve(url, og_url, a);
	if (!u && url)
		u = ngi_arena_strdup(a, url);
	out->url = u;
	/* no date in the metadata: one in the canonical URL's path, else in
	 * the given URL's */
	if (!pub) {
		pub = ngi_url_date(u, a);
		if (!pub)
			pub = ngi_url_date(url, a);
		if (pub)
			out->published_source = NGI_PUB_TEXT;
	}
	out->published = pub;

	/* site */
	const char *site = unescape(a, og_site);
	if (!site)
		site = m.ld_publisher;
	if (!site)
		site = unescape(a, app_name);
	if (!site)
		site = m.ld_website;
	if (!site)
		site = ngi_url_host(u ? u : url, a);
	out->site = site;

	/* language */
	const char *lang = html_lang ? html_lang : meta_lang;
	if (!lang && og_locale) {
		char *l = ngi_arena_strdup(a, og_locale);
		if (l)
			for (char *p = l; *p; p++)
				if (*p == '_')
					*p = '-';
		lang = l;
	}
	if (!lang)
		lang = m.ld_lang;
	out->lang = trim_copy(a, lang);

	*article_body = m.ld_body;
	return NG_OK;
}
