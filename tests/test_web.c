/*
 * test_web.c: the web view's pages (src/web/, docs/WEB.md) rendered from a
 * small database made here with the public API: status codes, escaping of
 * every string from an article (a title that is an <img onerror> tag stays
 * text), links (absolute when served, relative in the static site, ids
 * percent-encoded), 404 pages, paths that try to leave the assets, bad
 * parameters, and the files ngw_write_site writes.
 */
#include "check.h"

#include "web/web_int.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define XSS_TITLE "<img src=x onerror=alert(1)>"

/* ---- a request with parameters ------------------------------------------- */
typedef struct params {
	const char *kv[16]; /* name, value, name, value ..., NULL */
} params;

static const char *param_of(void *ctx, const char *name)
{
	const params *p = ctx;
	for (int i = 0; p->kv[i]; i += 2)
		if (strcmp(p->kv[i], name) == 0)
			return p->kv[i + 1];
	return NULL;
}

typedef struct got {
	int rc;
	ngw_page page;
	char *body; /* NUL-terminated copy */
} got;

static got render(ng_engine *e, const char *path, const params *p)
{
	ngw_request rq = {.path = path, .param = p ? param_of : NULL,
			  .param_ctx = (void *)p};
	got g;
	memset(&g, 0, sizeof g);
	g.rc = ngw_render(e, &rq, &g.page);
	if (g.rc == 1) {
		g.body = malloc(g.page.len + 1);
		memcpy(g.body, g.page.body, g.page.len);
		g.body[g.page.len] = '\0';
	}
	return g;
}

static void done(got *g)
{
	if (g->rc == 1)
		ngw_page_free(&g->page);
	free(g->body);
}

static int has(const got *g, const char *s)
{
	return g->body && strstr(g->body, s) != NULL;
}

/* ---- the database --------------------------------------------------------- */
static const char *body_a =
	"MOSCOW, Nov 11 - Kremlin spokesman Dmitry Peskov on Monday denied media "
	"reports of a phone call between Vladimir Putin and Donald Trump. \"There "
	"was no conversation, this is pure fiction,\" Peskov told reporters in "
	"Moscow. The Washington Post had reported that Trump spoke with Putin on "
	"Thursday and advised him not to escalate the war in Ukraine.\n\n"
	"Peskov said the reports were false. Reuters also reported the call, "
	"citing people familiar with the matter.";

static ng_engine *make_db(void)
{
	ng_config cfg;
	ng_config_init(&cfg);
	cfg.db_path = NULL; /* in memory */
	cfg.threads = 1;
	ng_engine *e = NULL;
	if (ng_engine_open(&cfg, &e) != NG_OK)
		return NULL;
	ng_record a = NG_RECORD_INIT, b = NG_RECORD_INIT, x = NG_RECORD_INIT;
	a.id = "a1";
	a.title = "Kremlin denies Putin-Trump call";
	a.text = body_a;
	a.published = "2024-11-11";
	a.outlet = "Wire";
	a.url = "https://example.com/a1?x=1&y=\"2\"";
	b.id = "b/2 x"; /* a slash and a space: encoded in every link */
	b.title = "Kremlin denies Putin-Trump call (copy)";
	b.text = body_a;
	b.published = "2024-11-12";
	b.outlet = "Copier";
	x.id = "x<1>";
	x.title = XSS_TITLE;
	x.text = "A test article. Nothing in it may become markup: <script>alert(2)</script> "
		 "& \"quotes\" 'too'.";
	x.published = "2024-11-20";
	x.outlet = "<b>Outlet</b>";
	x.url = "javascript:alert(3)";
	ng_ingest_stats st = NG_INGEST_STATS_INIT;
	if (ng_ingest_record(e, &a, "test", &st) || ng_ingest_record(e, &b, "test", &st) ||
	    ng_ingest_record(e, &x, "test", &st) || ng_ingest_flush(e, &st)) {
		ng_engine_close(e);
		return NULL;
	}
	return e;
}

/* ---- the writers ---------------------------------------------------------------- */
static char *written(void (*write)(ngw_ctx *, const char *), const char *in)
{
	ngw_ctx c;
	memset(&c, 0, sizeof c);
	ngi_buf_init(&c.out, 0);
	write(&c, in);
	ngw_raw(&c, ""); /* a buffer that is never empty */
	if (!c.out.data)
		return strdup("");
	return ngi_buf_steal(&c.out);
}

static void test_writers(void)
{
	static const struct { const char *in, *want; } text[] = {
		{XSS_TITLE, "&lt;img src=x onerror=alert(1)&gt;"},
		{"a \"b\" 'c' & d", "a &quot;b&quot; &#39;c&#39; &amp; d"},
		{"ctl\x01\x1f\x7fok\ttab\nnl", "ctlok\ttab\nnl"},
		{"bad \xff\xfe utf8", "bad \xEF\xBF\xBD\xEF\xBF\xBD utf8"},
		{"Путин", "Путин"},
		{"", ""},
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(text); i++) {
		char *out = written(ngw_text, text[i].in);
		CHECK_STR(out, text[i].want);
		free(out);
	}
	static const struct { const char *in, *want; } url[] = {
		{"b/2 x", "b%2F2%20x"},
		{"a1", "a1"},
		{"x<1>&?#", "x%3C1%3E%26%3F%23"},
		{"Путин", "%D0%9F%D1%83%D1%82%D0%B8%D0%BD"},
		{"../..", "..%2F.."},
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(url); i++) {
		char *out = written(ngw_url_part, url[i].in);
		CHECK_STR(out, url[i].want);
		free(out);
	}
	static const struct { const char *in, *want; } file[] = {
		{"b/2 x", "b=2F2=20x"},
		{"a1~2", "a1~2"},
		{"..", "=2E."},
		{".hidden", "=2Ehidden"},
		{"x<1>", "x=3C1=3E"},
		{"a=b", "a=3Db"},
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(file); i++) {
		char *out = written(ngw_file_name, file[i].in);
		CHECK_STR(out, file[i].want);
		free(out);
	}
	/* a long id: cut, made unique by a hash, short enough for a file */
	char long_a[600], long_b[600];
	memset(long_a, '/', sizeof long_a - 1);
	long_a[sizeof long_a - 1] = '\0';
	memcpy(long_b, long_a, sizeof long_b);
	long_b[500] = 'x';
	char *na = written(ngw_file_name, long_a), *nb = written(ngw_file_name, long_b);
	CHECK(strlen(na) < 200 && strlen(nb) < 200);
	CHECK(strcmp(na, nb) != 0);
	CHECK(strchr(na, '/') == NULL);
	free(na);
	free(nb);
}

/* ---- the pages ---------------------------------------------------------------- */
static void test_list(ng_engine *e)
{
	got g = render(e, "/", NULL);
	CHECK(g.rc == 1 && g.page.status == 200);
	CHECK(g.page.content_type && strstr(g.page.content_type, "text/html"));
	CHECK(has(&g, "&lt;img src=x onerror=alert(1)&gt;"));
	CHECK(!has(&g, "<img"));
	CHECK(has(&g, "href=\"/stories/1\""));
	CHECK(has(&g, "href=\"/assets/style.css\""));
	CHECK(has(&g, "<script src=\"/assets/app.js\" defer></script>"));
	CHECK(!has(&g, "<script>")); /* no inline script: CSP default-src 'self' */
	CHECK(!has(&g, "style=\""));  /* no inline style either */
	CHECK(has(&g, "id=\"q\"") && has(&g, "action=\"/search\""));
	done(&g);

	/* filters: good ones answer, bad ones are a 400 saying which */
	static const struct { const char *name, *value; int status; const char *says; } rows[] = {
		{"lang", "en", 200, NULL},
		{"lang", "EN1", 400, "lang takes"},
		{"from", "2024-11", 200, NULL},
		{"from", "2024-13", 400, "from takes"},
		{"to", "2024-11-31x", 400, "to takes"},
		{"min", "2", 200, NULL},
		{"min", "abc", 400, "min takes"},
		{"min", "-1", 400, "min takes"},
		{"page", "2", 200, NULL},
		{"page", "0", 400, "page takes"},
		{"page", "-1", 400, "page takes"},
		{"page", "99999999999999999999", 400, "page takes"},
		{"lang", "<script>", 400, "lang takes"},
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(rows); i++) {
		params p = {{rows[i].name, rows[i].value, NULL}};
		g = render(e, "/", &p);
		CHECK_MSG(g.rc == 1 && g.page.status == rows[i].status, "%s=%s: status %d",
			  rows[i].name, rows[i].value, g.page.status);
		if (rows[i].says)
			CHECK_MSG(has(&g, rows[i].says), "%s=%s", rows[i].name, rows[i].value);
		CHECK(!has(&g, "<script>"));
		done(&g);
	}
	/* words: the stories with an article that matches (full-text) */
	params words = {{"match", "fiction", NULL}};
	g = render(e, "/", &words);
	CHECK(g.page.status == 200);
	CHECK(has(&g, "Kremlin denies Putin-Trump call"));
	CHECK(!has(&g, "onerror")); /* the other story's title */
	CHECK(has(&g, "value=\"fiction\""));
	done(&g);
	params xss_words = {{"match", "\"><script>alert(1)</script>", NULL}};
	g = render(e, "/", &xss_words);
	CHECK(g.page.status == 200 && !has(&g, "<script>alert"));
	CHECK(has(&g, "value=\"&quot;&gt;&lt;script&gt;"));
	done(&g);
	/* a filter that leaves nothing */
	params none = {{"min", "1000", NULL}};
	g = render(e, "/", &none);
	CHECK(g.page.status == 200 && has(&g, "No stories match"));
	done(&g);
}

static long long story_of(ng_engine *e, const char *id)
{
	long long story = 0;
	CHECK(ng_article_story(e, id, &story) == NG_OK);
	return story;
}

static void test_story(ng_engine *e)
{
	long long s = story_of(e, "a1");
	char path[64];
	snprintf(path, sizeof path, "/stories/%lld", s);
	got g = render(e, path, NULL);
	CHECK(g.rc == 1 && g.page.status == 200);
	CHECK(has(&g, "<svg class=\"timeline\""));
	CHECK(has(&g, "<svg class=\"copy-tree\""));
	CHECK(has(&g, "viewBox=\"0 0 "));
	CHECK(has(&g, "href=\"/articles/a1\""));
	CHECK(has(&g, "href=\"/articles/b%2F2%20x\""));
	/* the copy's node opens its passages */
	CHECK(has(&g, "href=\"/copies?copy=b%2F2%20x&amp;original=a1\""));
	CHECK(has(&g, "id=\"quotes\"") && has(&g, "id=\"claims\""));
	CHECK(!has(&g, "style=\""));
	done(&g);

	static const char *const missing[] = {"/stories/999", "/stories/0", "/stories/abc",
					      "/stories/-1", "/stories/", "/stories/1/x"};
	for (size_t i = 0; i < NGI_ARRAY_LEN(missing); i++) {
		g = render(e, missing[i], NULL);
		CHECK_MSG(g.rc == 1 && g.page.status == 404, "%s: %d", missing[i], g.page.status);
		CHECK(has(&g, "Not found"));
		done(&g);
	}
}

static void test_article(ng_engine *e)
{
	/* the server hands over the path decoded */
	got g = render(e, "/articles/x<1>", NULL);
	CHECK(g.rc == 1 && g.page.status == 200);
	CHECK(has(&g, "<h1>&lt;img src=x onerror=alert(1)&gt;</h1>"));
	CHECK(has(&g, "&lt;script&gt;alert(2)&lt;/script&gt;"));
	CHECK(has(&g, "&lt;b&gt;Outlet&lt;/b&gt;"));
	CHECK(!has(&g, "<img") && !has(&g, "<script>") && !has(&g, "<b>"));
	CHECK(!has(&g, "href=\"javascript")); /* an address that is no web page */
	CHECK(has(&g, "javascript:alert(3)")); /* ... shows as text */
	done(&g);

	g = render(e, "/articles/a1", NULL);
	CHECK(g.page.status == 200);
	/* a web address is a link, its quotes and ampersands escaped */
	CHECK(has(&g, "href=\"https://example.com/a1?x=1&amp;y=&quot;2&quot;\""));
	CHECK(has(&g, "Peskov"));
	done(&g);

	g = render(e, "/articles/b/2 x", NULL);
	CHECK(g.page.status == 200);
	CHECK(has(&g, "Copies ") && has(&g, "shared passages"));
	done(&g);

	g = render(e, "/articles/nope", NULL);
	CHECK(g.rc == 1 && g.page.status == 404);
	done(&g);
	g = render(e, "/articles/", NULL);
	CHECK(g.rc == 1 && g.page.status == 404);
	done(&g);
}

static void test_copies(ng_engine *e)
{
	params p = {{"copy", "b/2 x", "original", "a1", NULL}};
	got g = render(e, "/copies", &p);
	CHECK(g.rc == 1 && g.page.status == 200);
	CHECK(has(&g, "class=\"side-original\"") && has(&g, "class=\"side-copy\""));
	done(&g);
	params wrong = {{"copy", "a1", "original", "b/2 x", NULL}}; /* backwards */
	g = render(e, "/copies", &wrong);
	CHECK(g.page.status == 404);
	done(&g);
	params missing = {{"copy", "a1", NULL}};
	g = render(e, "/copies", &missing);
	CHECK(g.page.status == 400);
	done(&g);
	params nobody = {{"copy", "zz", "original", "a1", NULL}};
	g = render(e, "/copies", &nobody);
	CHECK(g.page.status == 404);
	done(&g);
}

static void test_entity(ng_engine *e)
{
	ng_cursor *c;
	ng_entity_filter f = NG_ENTITY_FILTER_INIT;
	f.name = "Peskov";
	CHECK(ng_entities_open(e, &f, &c) == NG_OK);
	char key[128] = "", type[32] = "";
	if (ng_cursor_step(c) == NG_ROW) {
		snprintf(type, sizeof type, "%s", ng_cursor_column_text(c, 0));
		snprintf(key, sizeof key, "%s", ng_cursor_column_text(c, 1));
	}
	ng_cursor_close(c);
	CHECK(*key);
	char path[200];
	snprintf(path, sizeof path, "/entities/%s", key);
	got g = render(e, path, NULL);
	CHECK(g.rc == 1 && g.page.status == 200);
	CHECK(has(&g, "Peskov"));
	CHECK(has(&g, "href=\"/articles/a1\""));
	done(&g);
	params p = {{"type", type, NULL}};
	g = render(e, path, &p);
	CHECK(g.page.status == 200);
	done(&g);
	params bad = {{"page", "0", NULL}};
	g = render(e, path, &bad);
	CHECK(g.page.status == 400);
	done(&g);
	g = render(e, "/entities/no_such_key", NULL);
	CHECK(g.page.status == 404);
	done(&g);
}

static void test_search(ng_engine *e)
{
	got g = render(e, "/search", NULL);
	CHECK(g.rc == 1 && g.page.status == 200);
	done(&g);
	params xss = {{"q", "<script>alert(1)</script>\"", NULL}};
	g = render(e, "/search", &xss);
	CHECK(g.rc == 1);
	CHECK(!has(&g, "<script>alert"));
	CHECK(has(&g, "value=\"&lt;script&gt;alert(1)&lt;/script&gt;&quot;\""));
	done(&g);
	params p = {{"q", "Peskov", NULL}};
	g = render(e, "/search", &p);
	CHECK(g.page.status == 200);
	CHECK(has(&g, "<mark>Peskov</mark>"));
	CHECK(has(&g, "href=\"/articles/a1\""));
	done(&g);
	/* an article's own markup in a snippet stays text around the marks */
	params markup = {{"q", "script", NULL}};
	g = render(e, "/search", &markup);
	CHECK(g.page.status == 200);
	CHECK(has(&g, "href=\"/articles/x%3C1%3E\""));
	CHECK(has(&g, "&lt;<mark>script</mark>&gt;"));
	CHECK(!has(&g, "<script>alert"));
	done(&g);
	params page0 = {{"q", "Peskov", "page", "0", NULL}};
	g = render(e, "/search", &page0);
	CHECK(g.page.status == 400);
	done(&g);
	char long_q[700];
	memset(long_q, 'a', sizeof long_q - 1);
	long_q[sizeof long_q - 1] = '\0';
	params too_long = {{"q", long_q, NULL}};
	g = render(e, "/search", &too_long);
	CHECK(g.page.status == 400);
	done(&g);
}

static void test_paths(ng_engine *e)
{
	got g = render(e, "/api/stories", NULL);
	CHECK(g.rc == 0); /* the server's */
	done(&g);
	g = render(e, "/api", NULL);
	CHECK(g.rc == 0);
	done(&g);

	g = render(e, "/assets/style.css", NULL);
	CHECK(g.rc == 1 && g.page.status == 200 && g.page.immutable);
	CHECK(g.page.content_type && strstr(g.page.content_type, "text/css"));
	CHECK(g.page.len > 100 && !g.page.owned);
	done(&g);
	g = render(e, "/assets/app.js", NULL);
	CHECK(g.rc == 1 && g.page.status == 200);
	CHECK(g.page.content_type && strstr(g.page.content_type, "javascript"));
	done(&g);

	/* nothing outside the asset table, however it is spelled */
	static const char *const outside[] = {
		"/assets/../newsgraph.db", "/assets/%2e%2e/x", "/assets/..%2fx",
		"/assets/", "/assets/style.css/", "/assets/./style.css",
		"/assets//style.css", "/assets/STYLE.CSS", "/assets/style.css\\..",
		"/nope", "/stories", "/index.htm", "/../etc/passwd", "", "x",
		"/api-not", "/articles", "/entities/",
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(outside); i++) {
		g = render(e, outside[i], NULL);
		CHECK_MSG(g.rc == 1 && g.page.status == 404, "\"%s\": rc %d status %d",
			  outside[i], g.rc, g.page.status);
		CHECK(!g.page.immutable);
		done(&g);
	}
	ngw_request none = {0};
	ngw_page page;
	CHECK(ngw_render(e, &none, &page) == 1 && page.status == 404);
	ngw_page_free(&page);
	ngw_page_free(NULL);
}

/* ---- the static site ---------------------------------------------------------- */
static void no_diag(void *ctx, const ng_diag *d)
{
}

/* A written page, NUL-terminated; NULL when it is missing (the callers
 * check that themselves, so the reader's diagnostic is not printed). */
static char *slurp(const char *path)
{
	ngi_diag_sink quiet = {no_diag, NULL, 0, 0};
	ngi_buf b;
	if (ngi_read_file(path, 0, &b, &quiet) != NG_OK)
		return NULL; /* nothing to free: the reader freed or never began */
	return ngi_buf_steal(&b);
}

/* Every .html file under dir: no absolute link, no link to a missing file. */
static void check_links(const char *dir, const char *sub, int *files)
{
	char path[1024];
	snprintf(path, sizeof path, "%s%s%s", dir, *sub ? "/" : "", sub);
	DIR *d = opendir(path);
	if (!d)
		return;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		char rel[600], full[1200];
		snprintf(rel, sizeof rel, "%s%s%s", sub, *sub ? "/" : "", de->d_name);
		snprintf(full, sizeof full, "%s/%s", dir, rel);
		struct stat st;
		if (stat(full, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			check_links(dir, rel, files);
			continue;
		}
		size_t len = strlen(de->d_name);
		if (len < 5 || strcmp(de->d_name + len - 5, ".html"))
			continue;
		(*files)++;
		char *html = slurp(full);
		CHECK(html != NULL);
		for (const char *p = html; p && (p = strstr(p, "href=\"")) != NULL;) {
			p += 6;
			size_t n = strcspn(p, "\"#");
			if (n == 0)
				continue; /* an anchor in the page */
			CHECK_MSG(p[0] != '/', "%.200s links to %.*s", rel, (int)(n > 200 ? 200 : n), p);
			if (strncmp(p, "https://", 8) == 0 || p[0] == '/')
				continue;
			/* the linked file, relative to this one's folder */
			char target[1500];
			const char *slash = strrchr(rel, '/');
			int base = slash ? (int)(slash - rel) + 1 : 0;
			snprintf(target, sizeof target, "%s/%.*s%.*s", dir, base, rel, (int)n, p);
			CHECK_MSG(stat(target, &st) == 0, "%.200s links to missing %.*s", rel, (int)(n > 200 ? 200 : n), p);
		}
		CHECK(html && !strstr(html, "<img") && !strstr(html, "<script>"));
		free(html);
	}
	closedir(d);
}

static void remove_tree(const char *path)
{
	DIR *d = opendir(path);
	if (d) {
		struct dirent *de;
		while ((de = readdir(d)) != NULL) {
			if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
				continue;
			char sub[1200];
			snprintf(sub, sizeof sub, "%s/%s", path, de->d_name);
			remove_tree(sub);
		}
		closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

static int file_has(const char *path, const char *s)
{
	char *html = slurp(path);
	int ok = html && strstr(html, s);
	free(html);
	return ok;
}

static void test_site(ng_engine *e)
{
	char dir[] = "/tmp/ng-test-web-XXXXXX";
	CHECK(mkdtemp(dir) != NULL);
	char site[600], path[800];
	snprintf(site, sizeof site, "%s/site", dir);
	CHECK(ngw_write_site(e, site, 0, NULL) == NG_OK);
	long long s = story_of(e, "a1");
	static const char *const files[] = {
		"index.html", "assets/style.css", "assets/app.js", "articles/a1.html",
		"articles/b=2F2=20x.html", "articles/x=3C1=3E.html",
		"copies/b=2F2=20x/a1.html"};
	for (size_t i = 0; i < NGI_ARRAY_LEN(files); i++) {
		snprintf(path, sizeof path, "%s/%s", site, files[i]);
		struct stat st;
		CHECK_MSG(stat(path, &st) == 0, "%s was not written", files[i]);
	}
	snprintf(path, sizeof path, "%s/stories/%lld.html", site, s);
	CHECK(file_has(path, "href=\"../articles/b=2F2=20x.html\""));
	CHECK(file_has(path, "href=\"../assets/style.css\""));
	CHECK(file_has(path, "href=\"../copies/b=2F2=20x/a1.html\""));
	snprintf(path, sizeof path, "%s/index.html", site);
	CHECK(file_has(path, "data-site=\"static\""));
	CHECK(file_has(path, "&lt;img src=x onerror=alert(1)&gt;"));
	snprintf(path, sizeof path, "%s/copies/b=2F2=20x/a1.html", site);
	CHECK(file_has(path, "href=\"../../assets/style.css\""));
	int n = 0;
	check_links(site, "", &n);
	CHECK_MSG(n >= 8, "%d pages", n);
	remove_tree(site);

	/* one story: its page is the index too; other stories are not linked */
	CHECK(ngw_write_site(e, site, s, NULL) == NG_OK);
	snprintf(path, sizeof path, "%s/index.html", site);
	CHECK(file_has(path, "<svg class=\"copy-tree\""));
	snprintf(path, sizeof path, "%s/articles/x=3C1=3E.html", site);
	struct stat st;
	CHECK(stat(path, &st) != 0); /* another story's article */
	n = 0;
	check_links(site, "", &n);
	CHECK(n >= 4);
	remove_tree(site);

	CHECK(ngw_write_site(e, site, 999, NULL) == NG_ERR_NOTFOUND);
	CHECK(ngw_write_site(e, "", 0, NULL) == NG_ERR_USAGE);
	/* a folder that cannot be made */
	snprintf(path, sizeof path, "%s/file", dir);
	FILE *f = fopen(path, "w");
	if (f)
		fclose(f);
	snprintf(site, sizeof site, "%s/file/site", dir);
	FILE *devnull = fopen("/dev/null", "w");
	CHECK(ngw_write_site(e, site, 0, devnull) == NG_ERR_IO);
	if (devnull)
		fclose(devnull);
	remove_tree(dir);
}

int main(void)
{
	test_writers();
	ng_engine *e = make_db();
	CHECK(e != NULL);
	if (e) {
		test_list(e);
		test_story(e);
		test_article(e);
		test_copies(e);
		test_entity(e);
		test_search(e);
		test_paths(e);
		test_site(e);
	}
	ng_engine_close(e);
	return check_report("web");
}
