/*
 * test_fnc1.c: the CSV reader of src/eval/fnc1.c on edge cases (quotes, ""
 * escapes, line breaks inside quotes, CRLF, lone CR, BOM, no final line
 * break, malformed input that must fail with an offset, never crash), the
 * FNC-1 loaders and story gold on a small hand-made set, and the real FNC-1
 * training set when ../shared/data/fnc1 is there (1,683 bodies, 191
 * stories); without it that part is skipped with a message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "eval/fnc1.h"

typedef struct csv_case {
	const char *input;
	/* Each record as [field][field]...\n; a failure ends with ERR@offset. */
	const char *want;
	long long last_line; /* line of the last record read, 0 = don't care */
} csv_case;

static const csv_case csv_cases[] = {
	{"a,b,c\n1,2,3\n", "[a][b][c]\n[1][2][3]\n", 2},
	{"a,b\n1,2", "[a][b]\n[1][2]\n", 2},
	{"a,b\r\n1,2\r\n", "[a][b]\n[1][2]\n", 2},
	{"\"x,y\",z\n", "[x,y][z]\n", 1},
	{"\"he said \"\"hi\"\"\",2\n", "[he said \"hi\"][2]\n", 1},
	{"\"\"\"\"", "[\"]\n", 1},
	{"\"line1\nline2\",b\nc\n", "[line1\nline2][b]\n[c]\n", 3},
	{"\"l1\r\nl2\"\r\nx", "[l1\r\nl2]\n[x]\n", 3},
	{",,\n", "[][][]\n", 1},
	{"\"\",a", "[][a]\n", 1},
	{"a\n\n\r\nb\n", "[a]\n[b]\n", 4},
	{"a\rb", "[a]\n[b]\n", 2},
	{"\xEF\xBB\xBF" "a,b\n", "[a][b]\n", 1},
	{"a,", "[a][]\n", 1},
	{"ab\"c,d", "[ab\"c][d]\n", 1},
	{"", "", 0},
	{"\n\n", "", 0},
	{"\"abc", "ERR@0", 0},
	{"a,\"b\nc", "ERR@2", 0},
	{"\"a\"b,c", "ERR@3", 0},
	{"x\n\"unterminated\n", "[x]\nERR@2", 0},
	{"\"", "ERR@0", 0},
	{"a,\"b\"\"", "ERR@2", 0},
};

/* Reads all of input and renders it as in csv_case.want. */
static void render_csv(const char *input, char *out, size_t cap,
		       long long *last_line)
{
	ngi_csv c;
	ngi_csv_init(&c, input, strlen(input));
	size_t len = 0;
	out[0] = '\0';
	*last_line = 0;
	for (;;) {
		int has = 0;
		ng_status st = ngi_csv_next(&c, &has);
		if (st) {
			snprintf(out + len, cap - len, "ERR@%zu", c.err_offset);
			/* A reader that failed stays at the end. */
			CHECK(ngi_csv_next(&c, &has) == NG_OK && !has);
			break;
		}
		if (!has)
			break;
		*last_line = c.line;
		for (size_t i = 0; i < c.nfields; i++) {
			CHECK(strlen(c.fields[i]) == c.field_len[i]);
			len += (size_t)snprintf(out + len, cap - len, "[%s]",
						c.fields[i]);
		}
		len += (size_t)snprintf(out + len, cap - len, "\n");
	}
	ngi_csv_free(&c);
}

static void test_csv_cases(void)
{
	for (size_t i = 0; i < NGI_ARRAY_LEN(csv_cases); i++) {
		char got[512];
		long long line;
		render_csv(csv_cases[i].input, got, sizeof got, &line);
		CHECK_MSG(strcmp(got, csv_cases[i].want) == 0,
			  "case %zu: got \"%.400s\"", i, got);
		if (csv_cases[i].last_line)
			CHECK_MSG(line == csv_cases[i].last_line,
				  "case %zu: line %lld", i, line);
	}
}

/* Data that is not NUL-terminated and holds NUL bytes must not be read past
 * its end. */
static void test_csv_no_terminator(void)
{
	char *d = malloc(7);
	if (!d)
		return;
	memcpy(d, "a,\"b\0c\"", 7);
	ngi_csv c;
	ngi_csv_init(&c, d, 7);
	int has = 0;
	CHECK(ngi_csv_next(&c, &has) == NG_OK && has);
	CHECK(c.nfields == 2 && c.field_len[1] == 3 &&
	      memcmp(c.fields[1], "b\0c", 3) == 0);
	ngi_csv_free(&c);
	/* Unterminated, not NUL-terminated: an error, never a read past. */
	ngi_csv_init(&c, d, 6);
	CHECK(ngi_csv_next(&c, &has) == NG_ERR_INPUT);
	ngi_csv_free(&c);
	free(d);
}

static void test_csv_too_many_fields(void)
{
	size_t n = NGI_CSV_MAX_FIELDS + 10;
	char *d = malloc(n + 1);
	if (!d)
		return;
	memset(d, ',', n);
	d[n] = '\0';
	ngi_csv c;
	ngi_csv_init(&c, d, n);
	int has = 0;
	CHECK(ngi_csv_next(&c, &has) == NG_ERR_TOOBIG && !has);
	ngi_csv_free(&c);
	free(d);
}

static int write_temp(char *path, const char *content)
{
	strcpy(path, "/tmp/ng_test_fnc1_XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0)
		return 0;
	size_t n = strlen(content);
	int ok = write(fd, content, n) == (ssize_t)n;
	close(fd);
	return ok;
}

static void quiet(void *ctx, const ng_diag *d)
{
	(void)d;
	(*(int *)ctx)++;
}

static void test_small_gold(void)
{
	char bodies_path[64], stances_path[64];
	/* Bodies out of order, one duplicate id, CRLF and a quoted multi-line
	 * body; body 7 has no related headline; H2 -> 3 is unrelated. */
	CHECK(write_temp(bodies_path,
			 "Body ID,articleBody\r\n"
			 "3,three\r\n"
			 "1,\"one, \"\"quoted\"\"\r\nsecond line\"\r\n"
			 "2,two\r\n"
			 "5,five\r\n"
			 "7,seven\r\n"
			 "3,three again\r\n"));
	CHECK(write_temp(stances_path,
			 "Headline,Body ID,Stance\n"
			 "H1,1,agree\n"
			 "H1,2,discuss\n"
			 "H2,2,unrelated\n"
			 "H2,3,unrelated\n"
			 "\"H3, with comma\",5,disagree\n"
			 "\"H3, with comma\",3,discuss\n"
			 "H4,99,agree\n"
			 "H5,7,unrelated"));
	int diags = 0;
	ngi_diag_sink sink = {quiet, &diags, 0, 0};
	ngi_fnc1 d;
	ngi_fnc1_init(&d);
	CHECK(ngi_fnc1_load_bodies(&d, bodies_path, &sink) == NG_OK);
	CHECK(sink.warnings == 1); /* the duplicate 3 */
	CHECK(ngi_fnc1_load_stances(&d, stances_path, &sink) == NG_OK);
	CHECK(d.n_bodies == 5 && d.n_stances == 8);
	CHECK(d.n_bodies == 5 && d.bodies[0].id == 1 && d.bodies[4].id == 7);
	CHECK_STR(d.bodies[0].text, "one, \"quoted\"\r\nsecond line");
	CHECK_STR(d.bodies[2].text, "three");
	CHECK(ngi_fnc1_find_body(&d, 5) == 3 && ngi_fnc1_find_body(&d, 4) == -1);
	CHECK_STR(d.stances[4].headline, "H3, with comma");
	CHECK(d.stances[4].stance == NGI_FNC1_DISAGREE);

	long long story[5];
	size_t n_stories = 0;
	CHECK(ngi_fnc1_story_gold(&d, story, &n_stories) == NG_OK);
	CHECK(n_stories == 3);
	/* ids 1 2 3 5 7 -> stories 1 1 3 3 7 */
	CHECK(story[0] == 1 && story[1] == 1 && story[2] == 3 &&
	      story[3] == 3 && story[4] == 7);
	ngi_fnc1_free(&d);
	unlink(bodies_path);
	unlink(stances_path);
}

static void test_bad_files(void)
{
	int diags = 0;
	ngi_diag_sink sink = {quiet, &diags, 0, 0};
	char path[64];
	ngi_fnc1 d;
	ngi_fnc1_init(&d);

	CHECK(write_temp(path, "Id,Text\n1,x\n"));
	CHECK(ngi_fnc1_load_bodies(&d, path, &sink) == NG_ERR_INPUT);
	unlink(path);

	CHECK(write_temp(path, "Body ID,articleBody\n1,\"never closed\n2,x\n"));
	CHECK(ngi_fnc1_load_bodies(&d, path, &sink) == NG_ERR_INPUT);
	CHECK(d.n_bodies == 0);
	unlink(path);

	/* Bad rows are reported and skipped; the good ones go in. */
	CHECK(write_temp(path, "Body ID,articleBody\nx1,bad id\n4\n2,good\n"));
	CHECK(ngi_fnc1_load_bodies(&d, path, &sink) == NG_ERR_INPUT);
	CHECK(d.n_bodies == 1 && d.bodies[0].id == 2);
	unlink(path);

	CHECK(write_temp(path, "Headline,Body ID,Stance\nh,2,maybe\nh,2,agree\n"));
	CHECK(ngi_fnc1_load_stances(&d, path, &sink) == NG_ERR_INPUT);
	CHECK(d.n_stances == 1);
	unlink(path);

	CHECK(write_temp(path, ""));
	CHECK(ngi_fnc1_load_stances(&d, path, &sink) == NG_ERR_INPUT);
	unlink(path);

	CHECK(ngi_fnc1_load_bodies(&d, "/nonexistent/bodies.csv", &sink) ==
	      NG_ERR_IO);
	CHECK(diags > 0);
	ngi_fnc1_free(&d);
}

static void test_real_fnc1(void)
{
	const char *root = getenv("NG_SHARED_DATA");
	char bodies[1024], stances[1024];
	snprintf(bodies, sizeof bodies, "%s/fnc1/train_bodies.csv",
		 root ? root : "../shared/data");
	snprintf(stances, sizeof stances, "%s/fnc1/train_stances.csv",
		 root ? root : "../shared/data");
	if (access(bodies, R_OK) != 0 || access(stances, R_OK) != 0) {
		SKIP("the real FNC-1 check: %s not found", bodies);
		return;
	}
	ngi_fnc1 d;
	ngi_fnc1_init(&d);
	CHECK(ngi_fnc1_load_bodies(&d, bodies, NULL) == NG_OK);
	CHECK(ngi_fnc1_load_stances(&d, stances, NULL) == NG_OK);
	CHECK_MSG(d.n_bodies == 1683, "bodies %zu", d.n_bodies);
	CHECK_MSG(d.n_stances == 49972, "stances %zu", d.n_stances);
	long long *story = malloc((d.n_bodies ? d.n_bodies : 1) * sizeof *story);
	size_t n_stories = 0;
	CHECK(story && ngi_fnc1_story_gold(&d, story, &n_stories) == NG_OK);
	CHECK_MSG(n_stories == 191, "stories %zu", n_stories);
	free(story);
	ngi_fnc1_free(&d);
}

int main(void)
{
	test_csv_cases();
	test_csv_no_terminator();
	test_csv_too_many_fields();
	test_small_gold();
	test_bad_files();
	test_real_fnc1();
	return check_report("fnc1");
}
