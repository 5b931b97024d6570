/*
 * cursor_example.c: reading a newsgraph database through the cursor API.
 *
 * Lists the stories (optionally only those with an article in a language),
 * then walks the largest story: its articles, its copy edges and, for each
 * edge, the evidence quoted from both texts. It uses only newsgraph.h.
 *
 *     newsgraph ingest examples/articles/ --db seeds.db
 *     cc examples/cursor_example.c $(pkg-config --cflags --libs newsgraph)
 *     ./cursor_example seeds.db        # or: ./cursor_example seeds.db de
 *
 * Every loop ends on NG_DONE; anything else is an error whose detail is in
 * ng_errmsg (a damaged database says "database disk image is malformed").
 */
#include <newsgraph.h>

#include <stdio.h>
#include <stdlib.h>

/* Prints every column of the cursor's current row as name=value, the way a
 * binding would turn a row into a dict, without knowing the cursor. */
static void print_row(ng_cursor *c, const char *indent)
{
	printf("%s", indent);
	for (int i = 0; i < ng_cursor_column_count(c); i++) {
		const char *name = ng_cursor_column_name(c, i);
		switch (ng_cursor_column_type(c, i)) {
		case NG_TYPE_NULL: printf("%s=null", name); break;
		case NG_TYPE_INT: printf("%s=%lld", name, ng_cursor_column_int64(c, i)); break;
		case NG_TYPE_FLOAT: printf("%s=%.4f", name, ng_cursor_column_double(c, i)); break;
		case NG_TYPE_TEXT: printf("%s=\"%.60s\"", name, ng_cursor_column_text(c, i)); break;
		}
		printf(i + 1 < ng_cursor_column_count(c) ? " " : "\n");
	}
}

/* Steps c to its end, printing each row; closes it. */
static ng_status print_all(ng_cursor *c, const char *indent)
{
	ng_status st;
	while ((st = ng_cursor_step(c)) == NG_ROW)
		print_row(c, indent);
	ng_cursor_close(c);
	return st == NG_DONE ? NG_OK : st;
}

static int fail(ng_engine *e, const char *what)
{
	fprintf(stderr, "cursor_example: %s: %s\n", what, ng_errmsg(e));
	ng_engine_close(e);
	return 1;
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: cursor_example DATABASE [LANGUAGE]\n");
		return 2;
	}
	ng_config config;
	ng_config_init(&config);
	config.db_path = argv[1];
	config.threads = 1;
	ng_engine *e = NULL;
	if (ng_engine_open(&config, &e) != NG_OK)
		return 1; /* the reason went to stderr as a diagnostic */

	/* 1. the stories, largest first, with a filter */
	ng_story_filter filter = NG_STORY_FILTER_INIT;
	filter.lang = argc == 3 ? argv[2] : NULL;
	ng_cursor *c;
	if (ng_stories_open(e, &filter, &c) != NG_OK)
		return fail(e, "stories");
	long long largest = 0;
	ng_status st;
	printf("stories%s%s:\n", filter.lang ? " in " : "", filter.lang ? filter.lang : "");
	while ((st = ng_cursor_step(c)) == NG_ROW) {
		if (!largest)
			largest = ng_cursor_column_int64(c, 0);
		printf("  story %lld: %lld articles (%s): %s\n", ng_cursor_column_int64(c, 0),
		       ng_cursor_column_int64(c, 1), ng_cursor_column_text(c, 2),
		       ng_cursor_column_text(c, 5));
	}
	ng_cursor_close(c);
	if (st != NG_DONE)
		return fail(e, "stories");
	if (!largest) {
		ng_engine_close(e);
		return 0;
	}

	/* 2. the largest story's articles, every column */
	printf("articles of story %lld:\n", largest);
	if (ng_story_articles_open(e, largest, &c) != NG_OK || print_all(c, "  "))
		return fail(e, "articles");

	/* 3. its copy edges, and the evidence of each */
	printf("copies in story %lld:\n", largest);
	if (ng_story_copies_open(e, largest, &c) != NG_OK)
		return fail(e, "copies");
	while ((st = ng_cursor_step(c)) == NG_ROW) {
		/* the ids stay valid until the next step of c: copy them or use
		 * them before; here they are used before */
		const char *copy = ng_cursor_column_text(c, 0);
		const char *original = ng_cursor_column_text(c, 1);
		printf("  %s -> %s: %s %.2f (%s)\n", copy, original,
		       ng_cursor_column_text(c, 2), ng_cursor_column_double(c, 3),
		       ng_cursor_column_text(c, 4));
		ng_cursor *ev;
		if (ng_evidence_open(e, copy, original, &ev) != NG_OK)
			break;
		ng_status evs;
		while ((evs = ng_cursor_step(ev)) == NG_ROW)
			printf("    %s: \"%.70s\"\n", ng_cursor_column_text(ev, 0),
			       ng_cursor_column_text(ev, 6));
		ng_cursor_close(ev);
		if (evs != NG_DONE)
			break;
	}
	ng_cursor_close(c);
	if (st != NG_DONE)
		return fail(e, "copies");
	ng_engine_close(e);
	return 0;
}
