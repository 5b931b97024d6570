/*
 * gen_warc.c: writes a CC-NEWS-like web archive for the WARC ingest bench.
 *
 * Reads the pages of the article-extraction set (the .html.gz files of DIR/html, their
 * URLs and article bodies from DIR/ground-truth.json) and writes them, in
 * file-name order and over and over, as a .warc.gz the way CC-NEWS files
 * are made: one gzip member per record, a warcinfo record first, then for
 * each page a request, a response (the HTTP response with the page's bytes)
 * and a metadata record. Each repetition gives the pages new URIs
 * (?copy=N), so every record is its own article. It stops once the
 * compressed output reaches the requested size.
 *
 * With -j it also writes the same articles as JSON Lines (id = the URI,
 * url, title-less, text = the set's article body), the JSONL path's input
 * on the same articles for the comparison in docs/PERFORMANCE.md.
 *
 * Usage: gen_warc [-m MB] [-d DIR] -o OUT.warc.gz [-j OUT.jsonl]
 * Deterministic: fixed dates, record ids and gzip headers.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "base/base.h"
#include "base/json.h"

#define DEFAULT_DIR "../shared/data/article-extraction"
#define MAX_PAGE ((size_t)32 << 20)

typedef struct page {
	char *key;    /* the file's hash name */
	char *url;
	char *body;   /* the set's article body */
	char *html;
	size_t html_len;
} page;

static int by_key(const void *a, const void *b)
{
	return strcmp(((const page *)a)->key, ((const page *)b)->key);
}

/* The gzip file at path, whole. */
static char *read_gz(const char *path, size_t *len)
{
	gzFile g = gzopen(path, "rb");
	if (!g)
		return NULL;
	ngi_buf b;
	ngi_buf_init(&b, MAX_PAGE);
	char chunk[1 << 16];
	int n;
	while ((n = gzread(g, chunk, sizeof chunk)) > 0)
		if (ngi_buf_append(&b, chunk, (size_t)n)) {
			n = -1;
			break;
		}
	gzclose(g);
	if (n < 0) {
		ngi_buf_free(&b);
		return NULL;
	}
	*len = b.len;
	return ngi_buf_steal(&b);
}

/* One gzip member holding bytes, appended to f; returns its size. */
static size_t write_member(FILE *f, const char *bytes, size_t n)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	if (deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		exit(3);
	size_t cap = deflateBound(&z, (uLong)n) + 64;
	unsigned char *out = malloc(cap);
	if (!out)
		exit(3);
	z.next_in = (Bytef *)bytes;
	z.avail_in = (uInt)n;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		exit(3);
	size_t len = cap - z.avail_out;
	if (fwrite(out, 1, len, f) != len) {
		perror("gen_warc: write");
		exit(1);
	}
	deflateEnd(&z);
	free(out);
	return len;
}

static size_t write_record(FILE *f, ngi_buf *rec, const char *type,
			   const char *uri, long long id, const char *content_type,
			   const char *block, size_t n)
{
	ngi_buf_clear(rec);
	ngi_buf_printf(rec, "WARC/1.0\r\nWARC-Type: %s\r\n", type);
	if (uri)
		ngi_buf_printf(rec, "WARC-Target-URI: %s\r\n", uri);
	ngi_buf_printf(rec,
		       "WARC-Date: 2024-11-%02lldT%02lld:%02lld:00Z\r\n"
		       "WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012lld>\r\n"
		       "Content-Type: %s\r\nContent-Length: %zu\r\n\r\n",
		       1 + id % 28, id / 60 % 24, id % 60, id, content_type, n);
	ngi_buf_append(rec, block, n);
	ngi_buf_puts(rec, "\r\n\r\n");
	return write_member(f, rec->data, rec->len);
}

int main(int argc, char **argv)
{
	double mb = 100;
	const char *dir = DEFAULT_DIR, *out = NULL, *jsonl = NULL;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "-m"))
			mb = atof(argv[i + 1]);
		else if (!strcmp(argv[i], "-d"))
			dir = argv[i + 1];
		else if (!strcmp(argv[i], "-o"))
			out = argv[i + 1];
		else if (!strcmp(argv[i], "-j"))
			jsonl = argv[i + 1];
	}
	if (!out || mb <= 0) {
		fprintf(stderr, "usage: gen_warc [-m MB] [-d DIR] -o OUT.warc.gz "
				"[-j OUT.jsonl]\n");
		return 2;
	}
	char path[4096];
	snprintf(path, sizeof path, "%s/ground-truth.json", dir);
	ngi_buf truth;
	ngi_buf_init(&truth, 0);
	ngi_diag_sink sink = {NULL, NULL, 0, 0};
	if (ngi_read_file(path, (size_t)256 << 20, &truth, &sink)) {
		fprintf(stderr, "gen_warc: cannot read %s\n", path);
		return 1;
	}
	ngi_arena a;
	ngi_arena_init(&a, 0);
	ngi_json *gt;
	if (ngi_json_parse(truth.data, truth.len, &a, &gt, NULL, NULL) ||
	    gt->type != NGI_JSON_OBJECT) {
		fprintf(stderr, "gen_warc: %s is not a JSON object\n", path);
		return 1;
	}

	snprintf(path, sizeof path, "%s/html", dir);
	DIR *d = opendir(path);
	if (!d) {
		fprintf(stderr, "gen_warc: cannot open %s\n", path);
		return 1;
	}
	page *pages = NULL;
	size_t n_pages = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		const char *name = de->d_name;
		size_t len = strlen(name);
		if (len < 9 || strcmp(name + len - 8, ".html.gz"))
			continue;
		char key[256];
		snprintf(key, sizeof key, "%.*s", (int)(len - 8), name);
		const ngi_json *entry = ngi_json_get(gt, key);
		const char *url = entry ? ngi_json_get_str(entry, "url") : NULL;
		const char *body = entry ? ngi_json_get_str(entry, "articleBody") : NULL;
		if (!url || !body)
			continue;
		if (ngi_grow((void **)&pages, &cap, n_pages + 1, sizeof *pages))
			return 3;
		page *p = &pages[n_pages];
		char file[4352];
		snprintf(file, sizeof file, "%s/%s", path, name);
		p->html = read_gz(file, &p->html_len);
		if (!p->html)
			continue;
		p->key = strdup(key);
		p->url = strdup(url);
		p->body = strdup(body);
		n_pages++;
	}
	closedir(d);
	if (!n_pages) {
		fprintf(stderr, "gen_warc: no pages with a URL in %s\n", dir);
		return 1;
	}
	qsort(pages, n_pages, sizeof *pages, by_key);

	FILE *f = fopen(out, "wb");
	FILE *j = jsonl ? fopen(jsonl, "wb") : NULL;
	if (!f || (jsonl && !j)) {
		perror("gen_warc");
		return 1;
	}
	ngi_buf rec, http, line;
	ngi_buf_init(&rec, 0);
	ngi_buf_init(&http, 0);
	ngi_buf_init(&line, 0);
	double target = mb * 1e6, written = 0;
	long long id = 0, articles = 0;
	static const char info[] = "software: newsgraph bench/gen_warc\r\n"
				   "format: WARC File Format 1.0\r\n";
	written += (double)write_record(f, &rec, "warcinfo", NULL, id++,
					"application/warc-fields", info,
					sizeof info - 1);
	for (long long copy = 0; written < target; copy++) {
		for (size_t i = 0; i < n_pages && written < target; i++) {
			const page *p = &pages[i];
			char uri[4096];
			snprintf(uri, sizeof uri, "%s%scopy=%lld", p->url,
				 strchr(p->url, '?') ? "&" : "?", copy);
			ngi_buf_clear(&http);
			ngi_buf_printf(&http, "GET %s HTTP/1.1\r\nUser-Agent: bench\r\n\r\n",
				       uri);
			written += (double)write_record(f, &rec, "request", uri, id++,
							"application/http; msgtype=request",
							http.data, http.len);
			ngi_buf_clear(&http);
			ngi_buf_printf(&http, "HTTP/1.1 200 OK\r\nContent-Type: text/html; "
					      "charset=utf-8\r\nContent-Length: %zu\r\n\r\n",
				       p->html_len);
			ngi_buf_append(&http, p->html, p->html_len);
			long long response_id = id;
			written += (double)write_record(f, &rec, "response", uri, id++,
							"application/http; msgtype=response",
							http.data, http.len);
			static const char meta[] = "fetchTimeMs: 250\r\n";
			written += (double)write_record(f, &rec, "metadata", uri, id++,
							"application/warc-fields", meta,
							sizeof meta - 1);
			articles++;
			if (j) {
				ngi_buf_clear(&line);
				ngi_buf_puts(&line, "{\"id\":");
				ngi_buf_json_str(&line, uri);
				ngi_buf_puts(&line, ",\"url\":");
				ngi_buf_json_str(&line, uri);
				/* the response's WARC-Date, the date the WARC path
				 * falls back on */
				ngi_buf_printf(&line, ",\"published\":\"2024-11-%02lldT"
					       "%02lld:%02lld:00Z\",\"text\":",
					       1 + response_id % 28,
					       response_id / 60 % 24, response_id % 60);
				ngi_buf_json_str(&line, p->body);
				ngi_buf_puts(&line, "}\n");
				fwrite(line.data, 1, line.len, j);
			}
		}
	}
	if (fclose(f) || (j && fclose(j))) {
		perror("gen_warc: close");
		return 1;
	}
	fprintf(stderr, "gen_warc: %lld pages (%zu distinct) in %lld records, "
			"%.1f MB\n", articles, n_pages, id, written / 1e6);
	for (size_t i = 0; i < n_pages; i++) {
		free(pages[i].key);
		free(pages[i].url);
		free(pages[i].body);
		free(pages[i].html);
	}
	free(pages);
	ngi_buf_free(&rec);
	ngi_buf_free(&http);
	ngi_buf_free(&line);
	ngi_buf_free(&truth);
	ngi_arena_free(&a);
	return 0;
}
