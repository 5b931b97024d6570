/*
 * test_read.c: the read stage (src/read). The seed articles with their
 * known facts, the text sniffing rules as a table, JSON Lines good and bad
 * lines, directory walking order, empty, binary and badly encoded files, a
 * missing path, and JSON Lines lines of 50 MB (read) and past the 64 MB cap
 * (skipped, the next line still read), a UTF-8 byte-order mark, a raw NUL
 * in a JSON line. Diagnostics are captured and their
 * file, record and offset checked.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "read/read.h"
#include "base/utf8.h"

#define SEED_DIR "../shared/fixtures/seed-stories/articles"
#define MAX_KEEP 64
#define KEEP_TEXT ((size_t)1 << 20)

typedef struct got_record {
	char *source, *id, *url, *title, *outlet, *lang, *published;
	ngi_pub_source published_source;
	long long record_no, offset;
	char *text; /* NULL when longer than KEEP_TEXT */
	size_t text_len;
	size_t invalid_utf8;
	int text_ok;   /* valid UTF-8, NUL-terminated at text_len */
	int all_a;     /* the text is only 'a' (the big-line test) */
} got_record;

typedef struct got_diag {
	ng_severity severity;
	char *file;
	long long record, offset;
	char *message;
} got_diag;

typedef struct capture {
	got_record rec[MAX_KEEP];
	size_t n_rec;
	got_diag diag[MAX_KEEP];
	size_t n_diag;
	size_t stop_after; /* fail the callback at this record (1-based) */
} capture;

static char *dup_or_null(const char *s)
{
	return s ? strdup(s) : NULL;
}

static ng_status on_record(void *ctx, const ngi_record *r)
{
	capture *c = ctx;
	if (c->n_rec < MAX_KEEP) {
		got_record *g = &c->rec[c->n_rec];
		memset(g, 0, sizeof *g);
		g->source = dup_or_null(r->source);
		g->id = dup_or_null(r->id);
		g->url = dup_or_null(r->url);
		g->title = dup_or_null(r->title);
		g->outlet = dup_or_null(r->outlet);
		g->lang = dup_or_null(r->lang);
		g->published = dup_or_null(r->published);
		g->published_source = r->published_source;
		g->record_no = r->record_no;
		g->offset = r->offset;
		g->text_len = r->text_len;
		g->invalid_utf8 = r->invalid_utf8;
		g->text_ok = r->text && r->text[r->text_len] == '\0' &&
			     strlen(r->text) == r->text_len &&
			     ngi_utf8_valid_prefix(r->text, r->text_len) ==
				     r->text_len;
		if (r->text_len <= KEEP_TEXT)
			g->text = strdup(r->text);
		g->all_a = 1;
		for (size_t i = 0; i < r->text_len && g->all_a; i++)
			g->all_a = r->text[i] == 'a';
	}
	c->n_rec++;
	if (c->stop_after && c->n_rec == c->stop_after)
		return NG_ERR_USAGE;
	return NG_OK;
}

static void on_diag(void *ctx, const ng_diag *d)
{
	capture *c = ctx;
	if (c->n_diag < MAX_KEEP) {
		got_diag *g = &c->diag[c->n_diag];
		g->severity = d->severity;
		g->file = dup_or_null(d->file);
		g->record = d->record;
		g->offset = d->offset;
		g->message = dup_or_null(d->message);
	}
	c->n_diag++;
}

static void capture_clear(capture *c)
{
	for (size_t i = 0; i < c->n_rec && i < MAX_KEEP; i++) {
		got_record *g = &c->rec[i];
		free(g->source); free(g->id); free(g->url); free(g->title);
		free(g->outlet); free(g->lang); free(g->published); free(g->text);
	}
	for (size_t i = 0; i < c->n_diag && i < MAX_KEEP; i++) {
		free(c->diag[i].file);
		free(c->diag[i].message);
	}
	memset(c, 0, sizeof *c);
}

static ngi_diag_sink sink_for(capture *c)
{
	ngi_diag_sink s = {on_diag, c, 0, 0};
	return s;
}

/* The first diagnostic of this severity whose message holds what. */
static const got_diag *find_diag(const capture *c, ng_severity sev,
				 const char *what)
{
	for (size_t i = 0; i < c->n_diag && i < MAX_KEEP; i++)
		if (c->diag[i].severity == sev && strstr(c->diag[i].message, what))
			return &c->diag[i];
	return NULL;
}

static int starts_with(const char *s, const char *prefix)
{
	return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* ---- temporary files ------------------------------------------------------- */
static char tmp_root[64];
static char *made[64];
static size_t n_made;

/* The path of rel under the test's directory, in one of four rotating
 * buffers: copy it to keep it past three more calls. */
static char *tmp_path(const char *rel)
{
	static char path[4][512];
	static int slot;
	slot = (slot + 1) % 4;
	snprintf(path[slot], sizeof path[slot], "%s/%s", tmp_root, rel);
	return path[slot];
}

static void remember(const char *path)
{
	if (n_made < NGI_ARRAY_LEN(made))
		made[n_made++] = strdup(path);
}

static void write_file(const char *rel, const char *bytes, size_t len)
{
	const char *path = tmp_path(rel);
	FILE *f = fopen(path, "wb");
	CHECK_MSG(f != NULL, "cannot create %s", path);
	if (!f)
		return;
	CHECK(fwrite(bytes, 1, len, f) == len);
	fclose(f);
	remember(path);
}

static void make_dir(const char *rel)
{
	const char *path = tmp_path(rel);
	CHECK(mkdir(path, 0700) == 0);
	remember(path);
}

static void remove_all(void)
{
	while (n_made > 0) {
		char *p = made[--n_made];
		struct stat sb;
		if (lstat(p, &sb) == 0 && S_ISDIR(sb.st_mode))
			rmdir(p);
		else
			unlink(p);
		free(p);
	}
	rmdir(tmp_root);
}

/* ---- seeds ------------------------------------------------------------------ */
static void test_seeds(void)
{
	struct stat sb;
	if (stat(SEED_DIR, &sb) != 0) {
		SKIP("seed checks: %s not found", SEED_DIR);
		return;
	}
	static const struct {
		const char *id;
		const char *published;
		ngi_pub_source source;
		const char *outlet;
		const char *title;
		const char *text_start;
	} want[] = {
		{"000_58e73d3533bae044", "2024-10-27", NGI_PUB_HEADER, "MENAFN",
		 NULL, "Russian President Vladimir has refuted recent claims"},
		{"001_5d9da47f99b66cba", NULL, NGI_PUB_NONE, NULL,
		 "The Russian president has said all allegations about the GOP "
		 "candidate\xE2\x80\x99s ties to Moscow have already been put to rest",
		 "Russian President Vladimir Putin has denied media reports"},
		{"002_ecfb8b0ff7967163", NULL, NGI_PUB_NONE, NULL, NULL,
		 "Der russische Pr\xC3\xA4sident Wladimir Putin"},
		{"003_b25523e41b776a03", "2024-11-11T11:49:00", NGI_PUB_HEADER,
		 "TASS", NULL, "Kremlin spokesman denies media reports"},
		{"004_3ecbcb9470ad91fc", "--11-12", NGI_PUB_DATELINE, "TASS",
		 "Putin refuses to understand attempts to accuse Russia of US "
		 "election meddling - Kremlin",
		 "Russian Politics & Diplomacy\n"},
	};
	capture *c = calloc(1, sizeof *c);
	ngi_diag_sink sink = sink_for(c);
	ngi_read_stats stats = {0};
	ng_status st = ngi_read_path(SEED_DIR, on_record, c, &sink, &stats);
	CHECK(st == NG_OK);
	CHECK(c->n_rec == NGI_ARRAY_LEN(want));
	CHECK_MSG(c->n_diag == 0, "%zu diagnostics, first: %s", c->n_diag,
		  c->n_diag ? c->diag[0].message : "");
	CHECK(stats.files == 5 && stats.records == 5 && stats.failed == 0);
	CHECK(stats.bytes == 2189 + 2525 + 2487 + 3235 + 2180);
	CHECK(stats.invalid_utf8 == 0);
	for (size_t i = 0; i < NGI_ARRAY_LEN(want) && i < c->n_rec; i++) {
		const got_record *g = &c->rec[i];
		char source[256];
		snprintf(source, sizeof source, "%s/%s.txt", SEED_DIR, want[i].id);
		CHECK_STR(g->source, source);
		CHECK_STR(g->id, want[i].id);
		CHECK_STR(g->published, want[i].published);
		CHECK_MSG(g->published_source == want[i].source, "%s: source %s",
			  want[i].id, ngi_pub_source_name(g->published_source));
		CHECK_STR(g->outlet, want[i].outlet);
		CHECK_STR(g->title, want[i].title);
		CHECK_MSG(starts_with(g->text, want[i].text_start),
			  "%s: text starts \"%.60s\"", want[i].id,
			  g->text ? g->text : "(null)");
		CHECK(g->record_no == 1 && g->offset == 0 && g->invalid_utf8 == 0);
		CHECK(g->text_ok);
		CHECK(g->url == NULL && g->lang == NULL);
		/* Trimmed at both ends. */
		CHECK(g->text && g->text_len > 0 && g->text[0] != ' ' &&
		      g->text[0] != '\n' && g->text[g->text_len - 1] != '\n');
	}
	/* 003: "LINK" is boilerplate, and the dateline stays in the body. */
	if (c->n_rec == 5) {
		CHECK(strstr(c->rec[3].text, "LINK") == NULL);
		CHECK(strstr(c->rec[3].text, "MOSCOW, November 11. /TASS/.") != NULL);
		CHECK(strstr(c->rec[0].text, "date 2024") == NULL);
		CHECK(strstr(c->rec[1].text, "put to rest\n") == NULL);
	}
	capture_clear(c);
	free(c);
}

/* ---- text sniffing ---------------------------------------------------------- */
static void test_text_rules(void)
{
	static const struct {
		const char *name;
		const char *in;
		const char *id;
		const char *title;
		const char *published;
		ngi_pub_source source;
		const char *outlet;
		const char *text; /* the whole body */
	} cases[] = {
		{"dir/x.txt", "date 2024-10-27 (MENAFN) Body starts here. More.",
		 "x", NULL, "2024-10-27", NGI_PUB_HEADER, "MENAFN",
		 "Body starts here. More."},
		{"a.b.txt", " date 2024-11-11 11:49 - Monday\n\nTitle line here\n\nBody text.\n",
		 "a.b", "Title line here", "2024-11-11T11:49:00", NGI_PUB_HEADER,
		 NULL, "Body text."},
		{"n", "DATE 2024-02-29 | echo\nBody.", "n", NULL, "2024-02-29",
		 NGI_PUB_HEADER, NULL, "Body."},
		{"n", "date 2024-10-27T08:05 (AFP)\nBody.", "n", NULL,
		 "2024-10-27T08:05:00", NGI_PUB_HEADER, "AFP", "Body."},
		{"n", "date 2024-13-01 text\nBody.", "n", "date 2024-13-01 text",
		 NULL, NGI_PUB_NONE, NULL, "Body."},
		{"n", "date 2023-02-29\nBody.", "n", "date 2023-02-29", NULL,
		 NGI_PUB_NONE, NULL, "Body."}, /* not a leap year */
		{"n", "LONDON (Reuters) - Ministers met on Tuesday.\nMore.", "n",
		 NULL, NULL, NGI_PUB_NONE, "Reuters",
		 "LONDON (Reuters) - Ministers met on Tuesday.\nMore."},
		{"n", "WASHINGTON, Nov. 5 (AP) \xE2\x80\x94 The vote began.", "n",
		 NULL, "--11-05", NGI_PUB_DATELINE, "AP",
		 "WASHINGTON, Nov. 5 (AP) \xE2\x80\x94 The vote began."},
		{"n", "Headline Here\n\nMOSCOW, 12 \xD0\xBD\xD0\xBE\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8F. "
		      "/\xD0\xA2\xD0\x90\xD0\xA1\xD0\xA1/. Text.",
		 "n", "Headline Here", "--11-12", NGI_PUB_DATELINE,
		 "\xD0\xA2\xD0\x90\xD0\xA1\xD0\xA1",
		 "MOSCOW, 12 \xD0\xBD\xD0\xBE\xD1\x8F\xD0\xB1\xD1\x80\xD1\x8F. "
		 "/\xD0\xA2\xD0\x90\xD0\xA1\xD0\xA1/. Text."},
		{"n", "BERLIN, 3. M\xC3\xA4rz (dpa) - Text.", "n", NULL, "--03-03",
		 NGI_PUB_DATELINE, "dpa", "BERLIN, 3. M\xC3\xA4rz (dpa) - Text."},
		{"n", "NEW YORK, December 1 - Markets fell.", "n", NULL, "--12-01",
		 NGI_PUB_DATELINE, NULL, "NEW YORK, December 1 - Markets fell."},
		{"n", "PARIS, 31 avril /AFP/ - x", "n", NULL, NULL, NGI_PUB_NONE,
		 NULL, "PARIS, 31 avril /AFP/ - x"},
		{"n", "Title With CRLF\r\n\r\nBody line one.\r\n", "n",
		 "Title With CRLF", NULL, NGI_PUB_NONE, NULL, "Body line one."},
		{"n", "LINK\n\nShort title\n\nBody.", "n", "Short title", NULL,
		 NGI_PUB_NONE, NULL, "Body."},
		{"n", "Hello world\n", "n", NULL, NULL, NGI_PUB_NONE, NULL,
		 "Hello world"},
		{"n", "date 2024-11-11\nMOSCOW, November 11. /TASS/. Text.", "n",
		 NULL, "2024-11-11", NGI_PUB_HEADER, "TASS",
		 "MOSCOW, November 11. /TASS/. Text."},
		{"n", "He said \xE2\x80\x9Cno.\xE2\x80\x9D\nMore text.", "n", NULL,
		 NULL, NGI_PUB_NONE, NULL,
		 "He said \xE2\x80\x9Cno.\xE2\x80\x9D\nMore text."},
		{"n", "Is this a question?\nMore text.", "n", NULL, NULL,
		 NGI_PUB_NONE, NULL, "Is this a question?\nMore text."},
		{"n", "one two three four five six seven eight nine ten eleven "
		      "twelve thirteen fourteen fifteen sixteen seventeen eighteen "
		      "nineteen twenty 21 22 23 24 25 26 27 28 29 30 31\nMore.",
		 "n", NULL, NULL, NGI_PUB_NONE, NULL,
		 "one two three four five six seven eight nine ten eleven "
		 "twelve thirteen fourteen fifteen sixteen seventeen eighteen "
		 "nineteen twenty 21 22 23 24 25 26 27 28 29 30 31\nMore."},
		{"n", "\xEF\xBB\xBFTitle\n\nBody.", "n", "Title", NULL,
		 NGI_PUB_NONE, NULL, "Body."},
		{"n", "\xC2\xA0 date 2024-01-02 (AFP) Text.", "n", NULL,
		 "2024-01-02", NGI_PUB_HEADER, "AFP", "Text."},
		{"n", "date 2024-01-02 (MENAFN) MOSCOW, January 2. /TASS/. Text.",
		 "n", NULL, "2024-01-02", NGI_PUB_HEADER, "MENAFN",
		 "MOSCOW, January 2. /TASS/. Text."},
		{"n", "Title\nl2.\nl3.\nl4.\nl5.\nl6.\nMOSCOW, May 1. /TASS/. x.",
		 "n", "Title", NULL, NGI_PUB_NONE, NULL,
		 "l2.\nl3.\nl4.\nl5.\nl6.\nMOSCOW, May 1. /TASS/. x."},
		{"n", "Title\nl2.\nl3.\nl4.\nl5.\nMOSCOW, May 1. /TASS/. x.", "n",
		 "Title", "--05-01", NGI_PUB_DATELINE, "TASS",
		 "l2.\nl3.\nl4.\nl5.\nMOSCOW, May 1. /TASS/. x."},
		{"-", "Stdin title\nBody.", "stdin", "Stdin title", NULL,
		 NGI_PUB_NONE, NULL, "Body."},
		{"dir/.txt", "x.", ".txt", NULL, NULL, NGI_PUB_NONE, NULL, "x."},
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(cases); i++) {
		capture *c = calloc(1, sizeof *c);
		ngi_diag_sink sink = sink_for(c);
		ngi_read_stats stats = {0};
		ng_status st = ngi_read_text_article(cases[i].name, cases[i].in,
						     strlen(cases[i].in), on_record,
						     c, &sink, &stats);
		CHECK_MSG(st == NG_OK && c->n_rec == 1 && c->n_diag == 0,
			  "case %zu: status %d, %zu records, %zu diagnostics", i,
			  (int)st, c->n_rec, c->n_diag);
		if (c->n_rec == 1) {
			const got_record *g = &c->rec[0];
			CHECK_MSG(g->id && strcmp(g->id, cases[i].id) == 0,
				  "case %zu: id %s", i, g->id);
			CHECK_STR(g->title, cases[i].title);
			CHECK_STR(g->published, cases[i].published);
			CHECK_MSG(g->published_source == cases[i].source,
				  "case %zu: source %d", i, (int)g->published_source);
			CHECK_STR(g->outlet, cases[i].outlet);
			CHECK_STR(g->text, cases[i].text);
			CHECK(g->text_ok);
			CHECK_STR(g->source, cases[i].name);
		}
		CHECK(stats.records == 1 && stats.failed == 0 &&
		      stats.bytes == (long long)strlen(cases[i].in));
		capture_clear(c);
		free(c);
	}
}

/* Input the text reader must refuse, and bad bytes it must repair. */
static void test_text_problems(void)
{
	static const struct {
		const char *in;
		size_t len;
		const char *message;
		long long offset;
	} refused[] = {
		{"", 0, "no article text", 0},
		{"  \n\t\r\n \n", 8, "no article text", 0},
		{"date 2024-10-27\n\n", 17, "no article text", 0},
		{"date 2024-10-27 - lunes", 23, "no article text", 0},
		{"ab\0\0\0\0cdefghijklmnopqrstuvwxyz", 30, "binary", 2},
		{"\xFF\xFE\xFD\xFC text", 9, "binary", 0},
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(refused); i++) {
		capture *c = calloc(1, sizeof *c);
		ngi_diag_sink sink = sink_for(c);
		ngi_read_stats stats = {0};
		ng_status st = ngi_read_text_article("f.txt", refused[i].in,
						     refused[i].len, on_record, c,
						     &sink, &stats);
		CHECK_MSG(st == NG_ERR_INPUT, "refused case %zu: status %d", i,
			  (int)st);
		CHECK(c->n_rec == 0 && stats.failed == 1 && stats.records == 0);
		const got_diag *d = find_diag(c, NG_DIAG_ERROR, refused[i].message);
		CHECK_MSG(d != NULL, "refused case %zu: no '%s' error", i,
			  refused[i].message);
		if (d) {
			CHECK_STR(d->file, "f.txt");
			CHECK(d->record == 1);
			CHECK_MSG(d->offset == refused[i].offset,
				  "refused case %zu: offset %lld", i, d->offset);
		}
		CHECK(sink.errors == 1);
		capture_clear(c);
		free(c);
	}

	/* Three bad sequences (\xFF, \xC0, \xAF) and a NUL, under the binary
	 * thresholds: repaired, one warning with the count and the offset of
	 * the first. */
	char in[300];
	memset(in, 'x', sizeof in);
	memcpy(in, "Title\n\nBody ", 12);
	in[100] = '\xFF';
	in[150] = '\xC0';
	in[151] = '\xAF';
	in[200] = '\0';
	in[sizeof in - 1] = '.';
	capture *c = calloc(1, sizeof *c);
	ngi_diag_sink sink = sink_for(c);
	ngi_read_stats stats = {0};
	ng_status st = ngi_read_text_article("bad.txt", in, sizeof in, on_record,
					     c, &sink, &stats);
	CHECK(st == NG_OK && c->n_rec == 1 && c->n_diag == 1);
	const got_diag *d = find_diag(c, NG_DIAG_WARNING, "4 invalid UTF-8");
	CHECK_MSG(d != NULL, "warning: %s", c->n_diag ? c->diag[0].message : "");
	if (d)
		CHECK(d->offset == 100 && d->record == 1 &&
		      strcmp(d->file, "bad.txt") == 0);
	if (c->n_rec == 1) {
		CHECK(c->rec[0].invalid_utf8 == 4);
		CHECK(c->rec[0].text_ok);
		CHECK_STR(c->rec[0].title, "Title");
		CHECK(c->rec[0].text && strstr(c->rec[0].text, "\xEF\xBF\xBD"));
	}
	CHECK(stats.invalid_utf8 == 4 && sink.warnings == 1 && sink.errors == 0);
	capture_clear(c);

	/* With a BOM the offset still counts from the start of the file. */
	static const char bom[] = "\xEF\xBB\xBFText \x80 here.";
	sink = sink_for(c);
	CHECK(ngi_read_text_article("bom.txt", bom, sizeof bom - 1, on_record, c,
				    &sink, NULL) == NG_OK);
	CHECK(c->n_diag == 1 && c->diag[0].offset == 8);
	capture_clear(c);
	free(c);
}

/* ---- JSON Lines ------------------------------------------------------------- */
static void test_jsonl(void)
{
	static const char *const lines[] = {
		/* 1 */ ("{\"id\":\"a1\",\"text\":\"First article.\",\"published\":\" 2024-10-27 \","
			 "\"outlet\":\"TASS\",\"url\":\"http://x/1\",\"lang\":\"en\",\"title\":\"T\"}"),
		/* 2 */ "   ",
		/* 3 */ "not json",
		/* 4 */ "[1,2]",
		/* 5 */ "{\"id\":\"x\"}",
		/* 6 */ "{\"text\": 42}",
		/* 7 */ "{\"text\":\" \\n \"}",
		/* 8 */ "{\"id\": 12345, \"text\":\"numeric id\", \"url\": null}",
		/* 9 */ "{\"text\":\"no id\"}\r",
		/* 10 */ "{\"text\":\"bad \xFF byte\"}",
		/* 11 */ "{\"text\":\"nul \\u0000 here\", \"title\": 5}",
		/* 12 */ "{\"text\":\"trailing\"} x",
		/* 13 */ "",
		/* 14 */ "{\"text\":\"last, no newline\"}",
	};
	size_t n_lines = NGI_ARRAY_LEN(lines);
	long long offsets[NGI_ARRAY_LEN(lines)];
	ngi_buf doc;
	ngi_buf_init(&doc, 0);
	for (size_t i = 0; i < n_lines; i++) {
		offsets[i] = (long long)doc.len;
		ngi_buf_puts(&doc, lines[i]);
		if (i + 1 < n_lines)
			ngi_buf_putc(&doc, '\n');
	}

	capture *c = calloc(1, sizeof *c);
	ngi_diag_sink sink = sink_for(c);
	ngi_read_stats stats = {0};
	ng_status st = ngi_read_jsonl("in/feed.jsonl", doc.data, doc.len,
				      on_record, c, &sink, &stats);
	CHECK(st == NG_ERR_INPUT);

	static const struct {
		long long line;
		const char *id;
		const char *text;
		size_t invalid;
	} good[] = {
		{1, "a1", "First article.", 0},
		{8, "12345", "numeric id", 0},
		{9, "feed.jsonl:9", "no id", 0},
		{10, "feed.jsonl:10", "bad \xEF\xBF\xBD byte", 1},
		{11, "feed.jsonl:11", "nul \xEF\xBF\xBD here", 1},
		{14, "feed.jsonl:14", "last, no newline", 0},
	};
	CHECK(c->n_rec == NGI_ARRAY_LEN(good));
	for (size_t i = 0; i < NGI_ARRAY_LEN(good) && i < c->n_rec; i++) {
		const got_record *g = &c->rec[i];
		CHECK_MSG(g->record_no == good[i].line, "record %zu: line %lld", i,
			  g->record_no);
		CHECK(g->offset == offsets[good[i].line - 1]);
		CHECK_STR(g->id, good[i].id);
		CHECK_STR(g->text, good[i].text);
		CHECK(g->invalid_utf8 == good[i].invalid);
		CHECK(g->text_ok);
		CHECK_STR(g->source, "in/feed.jsonl");
	}
	if (c->n_rec >= 2) {
		const got_record *g = &c->rec[0];
		CHECK_STR(g->published, "2024-10-27");
		CHECK(g->published_source == NGI_PUB_METADATA);
		CHECK_STR(g->outlet, "TASS");
		CHECK_STR(g->url, "http://x/1");
		CHECK_STR(g->lang, "en");
		CHECK_STR(g->title, "T");
		CHECK(c->rec[1].published == NULL &&
		      c->rec[1].published_source == NGI_PUB_NONE &&
		      c->rec[1].url == NULL);
	}

	static const struct {
		ng_severity sev;
		long long line;
		const char *message;
		long long extra; /* offset past the line start */
	} diags[] = {
		{NG_DIAG_ERROR, 3, "not JSON: unexpected character at column 1", 0},
		{NG_DIAG_ERROR, 4, "not a JSON object", 0},
		{NG_DIAG_ERROR, 5, "no \"text\" field", 0},
		{NG_DIAG_ERROR, 6, "\"text\" is not a string", 0},
		{NG_DIAG_ERROR, 7, "\"text\" is empty", 0},
		{NG_DIAG_WARNING, 10, "1 invalid UTF-8 sequence replaced", 13},
		{NG_DIAG_WARNING, 11, "field \"title\" is not a string", 0},
		{NG_DIAG_WARNING, 11, "NUL", 0},
		{NG_DIAG_ERROR, 12, "after the value at column 21", 0},
	};
	CHECK_MSG(c->n_diag == NGI_ARRAY_LEN(diags), "%zu diagnostics", c->n_diag);
	for (size_t i = 0; i < NGI_ARRAY_LEN(diags); i++) {
		const got_diag *d = NULL;
		for (size_t k = 0; k < c->n_diag && k < MAX_KEEP; k++)
			if (c->diag[k].record == diags[i].line &&
			    c->diag[k].severity == diags[i].sev &&
			    strstr(c->diag[k].message, diags[i].message))
				d = &c->diag[k];
		CHECK_MSG(d != NULL, "no diagnostic '%s' on line %lld",
			  diags[i].message, diags[i].line);
		if (d) {
			CHECK_STR(d->file, "in/feed.jsonl");
			CHECK_MSG(d->offset == offsets[diags[i].line - 1] + diags[i].extra,
				  "line %lld: offset %lld", diags[i].line, d->offset);
		}
	}
	CHECK(stats.records == 6 && stats.failed == 6);
	CHECK(stats.invalid_utf8 == 2);
	CHECK(stats.bytes == (long long)doc.len);
	CHECK(sink.errors == 6 && sink.warnings == 3);
	capture_clear(c);

	/* Only blank lines: reported like an empty text file. */
	sink = sink_for(c);
	CHECK(ngi_read_jsonl("e.jsonl", "\n  \n\r\n", 6, on_record, c, &sink,
			     NULL) == NG_ERR_INPUT);
	CHECK(c->n_rec == 0 && find_diag(c, NG_DIAG_ERROR, "empty"));
	capture_clear(c);

	/* The callback's status stops the reading. */
	c->stop_after = 1;
	sink = sink_for(c);
	CHECK(ngi_read_jsonl("s.jsonl", "{\"text\":\"a\"}\n{\"text\":\"b\"}", 25,
			     on_record, c, &sink, NULL) == NG_ERR_USAGE);
	CHECK(c->n_rec == 1);
	capture_clear(c);
	free(c);
	ngi_buf_free(&doc);
}

/* ---- files and directories --------------------------------------------------- */
static void test_walk(void)
{
	make_dir("tree");
	static const char jsonl[] = "{\"text\":\"alpha one\"}\n{\"id\":\"a2\",\"text\":\"alpha two\"}\n";
	static const char bad_nd[] = "oops\n{\"text\":\"ok\"}\n";
	static const char binary[] = "\x7F" "ELF\0\0\0\0\0\0\0\0\x02\0>\0\x01\0\0\0";
	static const char invalid[] = "Hotel title\n\nCaf\xE9 au lait.";
	write_file("tree/b.txt", "Bravo title\n\nBravo body.", 24);
	write_file("tree/B.txt", "Upper case sorts first.", 23);
	write_file("tree/a.jsonl", jsonl, sizeof jsonl - 1);
	write_file("tree/bad.ndjson", bad_nd, sizeof bad_nd - 1);
	write_file("tree/.hidden.txt", "never read.", 11);
	make_dir("tree/c");
	write_file("tree/c/z.txt", "Zulu.", 5);
	write_file("tree/c/e.txt", "", 0);
	write_file("tree/d.txt", "\n  {\"text\":\"sniffed\"}\n", 22);
	write_file("tree/f.txt", "{not json at all}\nText.", 23);
	write_file("tree/g.bin", binary, sizeof binary - 1);
	write_file("tree/h.txt", invalid, sizeof invalid - 1);
	char fifo[512];
	snprintf(fifo, sizeof fifo, "%s", tmp_path("tree/fifo"));
	CHECK(mkfifo(fifo, 0600) == 0);
	remember(fifo);
	make_dir("tree/.git");
	write_file("tree/.git/x.txt", "hidden dir.", 11);

	static const struct {
		const char *rel;
		const char *id;
		long long record_no;
		const char *text;
	} want[] = {
		{"tree/B.txt", "B", 1, "Upper case sorts first."},
		{"tree/a.jsonl", "a.jsonl:1", 1, "alpha one"},
		{"tree/a.jsonl", "a2", 2, "alpha two"},
		{"tree/b.txt", "b", 1, "Bravo body."},
		{"tree/bad.ndjson", "bad.ndjson:2", 2, "ok"},
		{"tree/c/z.txt", "z", 1, "Zulu."},
		{"tree/d.txt", "d.txt:2", 2, "sniffed"},
		{"tree/f.txt", "f", 1, "Text."},
		{"tree/h.txt", "h", 1, "Caf\xEF\xBF\xBD au lait."},
	};
	capture *c = calloc(1, sizeof *c);
	ngi_diag_sink sink = sink_for(c);
	ngi_read_stats stats = {0};
	ng_status st = ngi_read_path(tmp_path("tree"), on_record, c, &sink, &stats);
	CHECK(st == NG_ERR_INPUT);
	CHECK_MSG(c->n_rec == NGI_ARRAY_LEN(want), "%zu records", c->n_rec);
	for (size_t i = 0; i < NGI_ARRAY_LEN(want) && i < c->n_rec; i++) {
		CHECK_STR(c->rec[i].source, tmp_path(want[i].rel));
		CHECK_STR(c->rec[i].id, want[i].id);
		CHECK(c->rec[i].record_no == want[i].record_no);
		CHECK_STR(c->rec[i].text, want[i].text);
	}
	if (c->n_rec == NGI_ARRAY_LEN(want)) {
		CHECK(c->rec[4].offset == 5);  /* after "oops\n" */
		CHECK(c->rec[6].offset == 1);  /* after the blank first line */
		CHECK_STR(c->rec[7].title, "{not json at all}");
	}

	const got_diag *d = find_diag(c, NG_DIAG_ERROR, "not JSON");
	CHECK(d && d->record == 1 && d->offset == 0 &&
	      strcmp(d->file, tmp_path("tree/bad.ndjson")) == 0);
	d = find_diag(c, NG_DIAG_ERROR, "no article text");
	CHECK(d && strcmp(d->file, tmp_path("tree/c/e.txt")) == 0);
	d = find_diag(c, NG_DIAG_ERROR, "binary");
	CHECK(d && strcmp(d->file, tmp_path("tree/g.bin")) == 0 && d->offset == 4);
	d = find_diag(c, NG_DIAG_WARNING, "not a regular file");
	CHECK(d && strcmp(d->file, fifo) == 0);
	d = find_diag(c, NG_DIAG_WARNING, "1 invalid UTF-8");
	CHECK(d && strcmp(d->file, tmp_path("tree/h.txt")) == 0 && d->offset == 16);
	CHECK_MSG(c->n_diag == 5, "%zu diagnostics", c->n_diag);
	CHECK(stats.files == 10 && stats.records == 9 && stats.failed == 3);
	CHECK(stats.invalid_utf8 == 1);
	CHECK(sink.errors == 3 && sink.warnings == 2);
	capture_clear(c);

	/* One file by name; a missing one; the callback stopping the walk. */
	sink = sink_for(c);
	CHECK(ngi_read_path(tmp_path("tree/b.txt"), on_record, c, &sink, NULL) ==
	      NG_OK);
	CHECK(c->n_rec == 1 && c->n_diag == 0);
	capture_clear(c);

	sink = sink_for(c);
	memset(&stats, 0, sizeof stats);
	CHECK(ngi_read_path(tmp_path("tree/nope.txt"), on_record, c, &sink,
			    &stats) == NG_ERR_INPUT);
	CHECK(c->n_rec == 0 && c->n_diag == 1 && stats.failed == 1);
	CHECK(c->n_diag == 1 && c->diag[0].severity == NG_DIAG_ERROR &&
	      strcmp(c->diag[0].file, tmp_path("tree/nope.txt")) == 0 &&
	      strstr(c->diag[0].message, "No such file"));
	capture_clear(c);

	c->stop_after = 2;
	sink = sink_for(c);
	CHECK(ngi_read_path(tmp_path("tree"), on_record, c, &sink, NULL) ==
	      NG_ERR_USAGE);
	CHECK(c->n_rec == 2);
	capture_clear(c);
	free(c);
}

/* ---- very long lines ------------------------------------------------------- */
static int write_big_line(FILE *f, const char *head, size_t n_a,
			  const char *tail)
{
	static char block[1 << 16];
	memset(block, 'a', sizeof block);
	if (fputs(head, f) < 0)
		return 0;
	while (n_a > 0) {
		size_t k = n_a < sizeof block ? n_a : sizeof block;
		if (fwrite(block, 1, k, f) != k)
			return 0;
		n_a -= k;
	}
	return fputs(tail, f) >= 0;
}

static void test_long_lines(void)
{
	const size_t fifty = (size_t)50 << 20;
	const size_t over = NGI_READ_MAX_LINE + ((size_t)1 << 20);
	char big[512], huge[512];
	snprintf(big, sizeof big, "%s", tmp_path("big.jsonl"));
	snprintf(huge, sizeof huge, "%s", tmp_path("huge.dat"));
	FILE *f = fopen(big, "wb");
	CHECK(f && write_big_line(f, "{\"id\":\"big\",\"text\":\"", fifty,
				  "\"}\n{\"text\":\"after big\"}\n"));
	if (f)
		fclose(f);
	remember(big);

	/* Not named .jsonl: the sniff must see '{' and trust the line. */
	f = fopen(huge, "wb");
	CHECK(f && write_big_line(f, "{\"text\":\"", over,
				  "\"}\n{\"text\":\"next\"}\n"));
	if (f)
		fclose(f);
	remember(huge);

	capture *c = calloc(1, sizeof *c);
	ngi_diag_sink sink = sink_for(c);
	ngi_read_stats stats = {0};
	CHECK(ngi_read_path(big, on_record, c, &sink, &stats) == NG_OK);
	CHECK(c->n_rec == 2 && c->n_diag == 0);
	if (c->n_rec == 2) {
		CHECK_STR(c->rec[0].id, "big");
		CHECK(c->rec[0].text_len == fifty && c->rec[0].all_a &&
		      c->rec[0].text_ok);
		CHECK_STR(c->rec[1].text, "after big");
		CHECK(c->rec[1].record_no == 2 &&
		      c->rec[1].offset == (long long)(fifty + 23));
	}
	CHECK(stats.bytes == (long long)(fifty + 22 + 22));
	capture_clear(c);

	sink = sink_for(c);
	memset(&stats, 0, sizeof stats);
	CHECK(ngi_read_path(huge, on_record, c, &sink, &stats) == NG_ERR_INPUT);
	CHECK(c->n_rec == 1 && c->n_diag == 1);
	if (c->n_diag == 1) {
		CHECK(c->diag[0].severity == NG_DIAG_ERROR &&
		      c->diag[0].record == 1 && c->diag[0].offset == 0 &&
		      strstr(c->diag[0].message, "cap"));
	}
	if (c->n_rec == 1) {
		CHECK_STR(c->rec[0].text, "next");
		CHECK(c->rec[0].record_no == 2 &&
		      c->rec[0].offset == (long long)(over + 12));
	}
	CHECK(stats.failed == 1 && stats.records == 1);
	capture_clear(c);
	free(c);
	unlink(big);
	unlink(huge);
}

static void test_names(void)
{
	static const struct {
		ngi_pub_source s;
		const char *name;
	} cases[] = {
		{NGI_PUB_NONE, "none"},         {NGI_PUB_METADATA, "metadata"},
		{NGI_PUB_HEADER, "header"},     {NGI_PUB_DATELINE, "dateline"},
		{NGI_PUB_TEXT, "text"},         {NGI_PUB_OVERRIDE, "override"},
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(cases); i++)
		CHECK_STR(ngi_pub_source_name(cases[i].s), cases[i].name);
}

/* A UTF-8 byte-order mark before the first record: JSON Lines (named or
 * sniffed) read it as the first record's, with the file's offsets; a text
 * file drops it. A raw NUL byte in a JSON line makes that line not JSON
 * (the lines around it still read); \u0000 is replaced and counted. */
static void test_bom_and_nul(void)
{
	make_dir("bom");
	static const char bom_jsonl[] = "\xEF\xBB\xBF{\"id\":\"b1\",\"text\":\"first\"}\n"
					"{\"id\":\"b2\",\"text\":\"second\"}\n";
	static const char bom_text[] = "\xEF\xBB\xBF" "A title line\n\nThe body.";
	write_file("bom/a.jsonl", bom_jsonl, sizeof bom_jsonl - 1);
	write_file("bom/b.txt", bom_jsonl, sizeof bom_jsonl - 1); /* sniffed */
	write_file("bom/c.txt", bom_text, sizeof bom_text - 1);
	capture *c = calloc(1, sizeof *c);
	ngi_diag_sink sink = sink_for(c);
	ngi_read_stats stats = {0};
	ng_status st = ngi_read_path(tmp_path("bom"), on_record, c, &sink, &stats);
	CHECK_MSG(st == NG_OK, "status %d", st);
	CHECK_MSG(stats.failed == 0 && c->n_diag == 0, "%lld failed, %zu diags: %s",
		  stats.failed, c->n_diag, c->n_diag ? c->diag[0].message : "");
	CHECK_MSG(c->n_rec == 5, "%zu records", c->n_rec);
	if (c->n_rec == 5) {
		CHECK_STR(c->rec[0].id, "b1");
		CHECK_STR(c->rec[0].text, "first");
		CHECK(c->rec[0].offset == 3);
		CHECK_STR(c->rec[1].id, "b2");
		CHECK_STR(c->rec[2].id, "b1"); /* b.txt: JSON Lines, not text */
		CHECK_STR(c->rec[3].id, "b2");
		CHECK_STR(c->rec[4].id, "c");
		CHECK_STR(c->rec[4].title, "A title line");
		CHECK_STR(c->rec[4].text, "The body.");
	}
	capture_clear(c);

	/* the raw NUL sits in a string, in a file too long to look binary */
	ngi_buf b;
	ngi_buf_init(&b, 0);
	for (int i = 0; i < 50; i++)
		ngi_buf_printf(&b, "{\"id\":\"r%d\",\"text\":\"record %d text\"}\n", i, i);
	size_t nul_line = b.len;
	static const char nul[] = "{\"id\":\"nul\",\"text\":\"raw\0nul\"}\n";
	ngi_buf_append(&b, nul, sizeof nul - 1);
	ngi_buf_puts(&b, "{\"id\":\"esc\",\"text\":\"escaped \\u0000 nul\"}\n");
	sink = sink_for(c);
	memset(&stats, 0, sizeof stats);
	st = ngi_read_jsonl("nul.jsonl", b.data, b.len, on_record, c, &sink, &stats);
	CHECK(st == NG_ERR_INPUT);
	CHECK_MSG(c->n_rec == 51, "%zu records", c->n_rec);
	CHECK(stats.failed == 1);
	const got_diag *d = find_diag(c, NG_DIAG_ERROR, "raw NUL");
	CHECK(d != NULL);
	if (d) {
		CHECK_STR(d->file, "nul.jsonl");
		CHECK(d->record == 51);
		CHECK(d->offset == (long long)nul_line);
	}
	for (size_t i = 0; i < c->n_rec && i < MAX_KEEP; i++)
		CHECK(strcmp(c->rec[i].id, "nul") != 0);
	if (c->n_rec == 51) {
		CHECK_STR(c->rec[50].id, "esc");
		CHECK_STR(c->rec[50].text, "escaped \xEF\xBF\xBD nul");
		CHECK(c->rec[50].invalid_utf8 == 1);
	}
	CHECK(find_diag(c, NG_DIAG_WARNING, "NUL character") != NULL);
	ngi_buf_free(&b);
	capture_clear(c);
	free(c);
}

int main(void)
{
	snprintf(tmp_root, sizeof tmp_root, "/tmp/ngread_XXXXXX");
	if (!mkdtemp(tmp_root)) {
		perror("mkdtemp");
		return 1;
	}
	test_names();
	test_seeds();
	test_text_rules();
	test_text_problems();
	test_jsonl();
	test_walk();
	test_long_lines();
	test_bom_and_nul();
	remove_all();
	return check_report("read");
}
