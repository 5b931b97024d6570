/*
 * fuzz_http.c: libFuzzer target of the HTTP server's request handling
 * below the socket layer (src/serve/: the path and query checks server.c
 * makes, ngs_unescape and ngs_text_ok from params.c, then the JSON API's
 * routes and handlers, ngs_api_handle, api*.c, and every other GET to
 * the web view, ngw_render, src/web/). libmicrohttpd itself is not
 * fuzzed here: the input stands for what it hands over, a request as
 *   METHOD SP PATH[?QUERY] LF
 *   [Content-Type: TYPE LF]
 *   LF
 *   BODY
 * The reads run on a read-only engine over a small database made once
 * (four articles in two languages, with copies, quotes and a claim,
 * before the first input: LLVMFuzzerInitialize, fuzz.h); a
 * POST /api/articles ingests its body into a second database through the
 * server's writer (api_ingest.c) in memory, made anew every 64 POSTs.
 * Answers must be a status from 200 to 599 with a body of UTF-8.
 */
#include "fuzz.h"

#include <newsgraph.h>
#include <unistd.h>

#include "serve/api.h"
#include "serve/params.h"
#include "web/web.h"

static const char seed_articles[] =
	"{\"id\":\"a1\",\"url\":\"https://example.com/a1\",\"title\":\"Minister "
	"denies report\",\"published\":\"2024-11-05\",\"outlet\":\"Example News\","
	"\"text\":\"BERLIN, Nov 5 - German Finance Minister Christian Lindner on "
	"Tuesday denied a report that he would resign. \\u201cThat is pure "
	"fiction,\\u201d Lindner told reporters in Berlin. The newspaper Bild "
	"had claimed that the coalition would collapse on Wednesday.\"}\n"
	"{\"id\":\"a2\",\"url\":\"https://example.org/a2\",\"title\":\"Lindner "
	"denies report\",\"published\":\"2024-11-06\",\"outlet\":\"Other Daily\","
	"\"text\":\"German Finance Minister Christian Lindner on Tuesday denied a "
	"report that he would resign. \\u201cThat is pure fiction,\\u201d Lindner "
	"told reporters in Berlin. Chancellor Olaf Scholz said last week that "
	"the budget talks would go on.\"}\n"
	"{\"id\":\"a3\",\"title\":\"Lindner dementiert\",\"lang\":\"de\","
	"\"published\":\"2024-11-06\",\"text\":\"Finanzminister Christian "
	"Lindner hat am Dienstag einen Bericht dementiert, wonach er "
	"zur\\u00fccktreten wolle. \\u201eDas ist frei erfunden\\u201c, sagte "
	"Lindner in Berlin. Bundeskanzler Olaf Scholz sagte, die Gespr\\u00e4che "
	"gingen weiter.\"}\n"
	"{\"id\":\"a4\",\"title\":\"Storm hits coast\",\"published\":"
	"\"2024-10-27\",\"text\":\"A storm hit the coast of Portugal on Sunday, "
	"the weather service said. Thousands of homes in Lisbon lost power, "
	"according to the utility EDP.\"}\n";

static ng_engine *reader;
static ngs_writer writer;
static char db_dir[64], read_path[128];

static void remove_db(const char *path)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-lock",
					       "-journal"};
	char name[160];
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		snprintf(name, sizeof name, "%s%s", path, suffixes[i]);
		unlink(name);
	}
}

/* At exit: the databases and their folder go. */
static void remove_databases(void)
{
	if (reader)
		ng_engine_close(reader);
	reader = NULL;
	ngs_writer_free(&writer);
	remove_db(read_path);
	rmdir(db_dir);
}

static void make_database(void)
{
	snprintf(db_dir, sizeof db_dir, "/tmp/ngfuzz-http-XXXXXX");
	if (!mkdtemp(db_dir))
		abort();
	snprintf(read_path, sizeof read_path, "%s/read.db", db_dir);
	ng_config c;
	ng_config_init(&c);
	c.db_path = read_path;
	c.threads = 1;
	ng_engine *e = NULL;
	ng_ingest_stats s = NG_INGEST_STATS_INIT;
	if (ng_engine_open(&c, &e) ||
	    ng_ingest_bytes(e, "seed.jsonl", seed_articles,
			    sizeof seed_articles - 1, &s) ||
	    ng_engine_close(e))
		abort();
	c.read_only = 1;
	if (ng_engine_open(&c, &reader))
		abort();
	/* the writer's database is in memory: no file grows, no fsync slows
	 * the run; its engine (80 ms to open) is kept for 64 POSTs, then
	 * closed, which drops the database */
	ngs_writer_init(&writer, ":memory:", 1, 3600);
	atexit(remove_databases);
}

typedef struct query {
	char *names[16], *values[16];
	int n;
} query;

static const char *get_param(void *ctx, const char *name)
{
	query *q = ctx;
	for (int i = 0; i < q->n; i++)
		if (!strcmp(q->names[i], name))
			return q->values[i][0] ? q->values[i] : NULL;
	return NULL;
}

/* Splits the query in place as libmicrohttpd does: '&' between
 * parameters, the first '=' between name and value, each unescaped.
 * 0 when a parameter is not UTF-8 (the server answers 400). */
static int parse_query(char *s, query *q)
{
	q->n = 0;
	while (s && *s && q->n < 16) {
		char *amp = strchr(s, '&');
		if (amp)
			*amp = '\0';
		char *eq = strchr(s, '=');
		if (eq)
			*eq = '\0';
		char *value = eq ? eq + 1 : s + strlen(s);
		size_t nl = ngs_unescape(s), vl = ngs_unescape(value);
		if (!ngs_text_ok(s, nl) || !ngs_text_ok(value, vl))
			return 0;
		q->names[q->n] = s;
		q->values[q->n] = value;
		q->n++;
		s = amp ? amp + 1 : NULL;
	}
	return 1;
}

static void check_reply(const ngs_reply *r)
{
	FUZZ_CHECK(r->status >= 200 && r->status < 600);
	FUZZ_CHECK(r->body.len > 0 && r->body.data);
	fuzz_check_text(r->body.data, r->body.len);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	make_database();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = fuzz_copy(data, size);
	if (!in)
		return 0;
	char *end = in + size;
	char *nl = memchr(in, '\n', size);
	char *line_end = nl ? nl : end;
	*line_end = '\0';
	char *sp = strchr(in, ' ');
	if (!sp) {
		free(in);
		return 0;
	}
	*sp = '\0';
	const char *method = in;
	char *path = sp + 1;
	char *qmark = strchr(path, '?');
	if (qmark)
		*qmark = '\0';
	/* headers, then the body */
	const char *content_type = NULL;
	char *p = nl ? nl + 1 : end;
	while (p < end) {
		char *e = memchr(p, '\n', (size_t)(end - p));
		char *stop = e ? e : end;
		if (stop == p) {
			p = e ? e + 1 : end;
			break;
		}
		*stop = '\0';
		if (!strncasecmp(p, "Content-Type: ", 14))
			content_type = p + 14;
		p = e ? e + 1 : end;
	}
	const char *body = p;
	size_t body_len = (size_t)(end - p);

	size_t path_len = ngs_unescape(path);
	query q;
	if (path[0] == '/' && ngs_text_ok(path, path_len) &&
	    parse_query(qmark ? qmark + 1 : NULL, &q)) {
		int is_api = !strncmp(path, "/api", 4) &&
			     (path[4] == 0 || path[4] == '/');
		int is_get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
		if (is_api) {
			int heavy = 0;
			ngs_request rq = {method, path, get_param, &q,
					  content_type, body, body_len,
					  "127.0.0.1", &writer, &heavy, 1};
			ngs_reply r;
			ngs_reply_init(&r);
			ngs_api_handle(reader, &rq, &r);
			static unsigned posts;
			if (writer.engine && ++posts % 64 == 0) {
				ng_engine_close(writer.engine);
				writer.engine = NULL;
			}
			check_reply(&r);
			FUZZ_CHECK(heavy == 0);
			ngs_reply_free(&r);
		} else if (is_get) {
			ngw_request rq = {path, get_param, &q};
			ngw_page page;
			memset(&page, 0, sizeof page);
			int r = ngw_render(reader, &rq, &page);
			FUZZ_CHECK(r >= -1 && r <= 1);
			if (r == 1) {
				FUZZ_CHECK(page.status >= 200 && page.status < 600);
				FUZZ_CHECK(page.content_type);
				FUZZ_CHECK(page.body || page.len == 0);
			}
			ngw_page_free(&page);
		}
	}
	free(in);
	return 0;
}
