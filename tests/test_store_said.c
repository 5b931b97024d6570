/*
 * test_store_said.c: rows of who said what written by src/store/
 * (store_said.c) and read back through the query cursors.
 *
 * A stance stored again for the same article and claim replaces the first
 * (one row, the latest stance and score), as INSERT OR REPLACE did before
 * the insert became an upsert with an update behind it; a stance toward a
 * claim that does not exist is refused (foreign key) and stores nothing.
 */
#include "check.h"

#include "store/query.h"
#include "store/store.h"

static ngi_store *open_with_claim(void)
{
	char err[256];
	ngi_store *s = NULL;
	CHECK(ngi_store_open(NULL, &s, err, sizeof err) == NG_OK);
	if (!s)
		return NULL;
	CHECK(ngi_store_begin(s) == NG_OK);
	CHECK(ngi_store_new_story(s, 1, "a story") == NG_OK);
	ngi_article_row a = {.seq = 0, .id = "a1", .story = 1, .body = "x",
			     .body_len = 1, .lang = "en", .day = 1};
	CHECK(ngi_store_insert_article(s, &a) == NG_OK);
	ngi_said_row r = {.seq = 0, .text = {"It rained.", 10}, .kind = "report"};
	CHECK(ngi_store_new_claim(s, 7, &r) == NG_OK);
	return s;
}

/* The article's stances as "claim stance score" lines. */
static void stances_of(ngi_store *s, char *out, size_t size)
{
	char msg[256];
	ngi_err err = {msg, sizeof msg};
	ng_cursor *c = NULL;
	out[0] = '\0';
	CHECK(ngi_query_article_stances(s, err, 1, &c) == NG_OK);
	size_t at = 0;
	while (c && ng_cursor_step(c) == NG_ROW && at < size)
		at += (size_t)snprintf(out + at, size - at, "%lld %s %.2f;",
				       ng_cursor_column_int64(c, 0),
				       ng_cursor_column_text(c, 1),
				       ng_cursor_column_double(c, 2));
	ng_cursor_close(c);
}

static void test_stance_replaced(void)
{
	ngi_store *s = open_with_claim();
	if (!s)
		return;
	static const struct {
		const char *stance;
		double score;
		const char *want;
	} rows[] = {
		{"agree", 0.75, "7 agree 0.75;"},
		{"disagree", 0.5, "7 disagree 0.50;"},
		{"disagree", 0.25, "7 disagree 0.25;"},
	};
	char got[256];
	for (size_t i = 0; i < NGI_ARRAY_LEN(rows); i++) {
		CHECK(ngi_store_insert_stance(s, 0, 7, rows[i].stance,
					      rows[i].score) == NG_OK);
		stances_of(s, got, sizeof got);
		CHECK_STR(got, rows[i].want);
	}
	/* no claim 8: the foreign key refuses it, the row stays alone */
	CHECK(ngi_store_insert_stance(s, 0, 8, "agree", 0.5) == NG_ERR_DB);
	stances_of(s, got, sizeof got);
	CHECK_STR(got, "7 disagree 0.25;");
	CHECK(ngi_store_commit(s) == NG_OK);
	ngi_store_close(s);
}

int main(void)
{
	test_stance_replaced();
	return check_report("store_said");
}
