/*
 * copies.c: provenance: per story, the earliest source and the tree of
 * copies below it, each edge with its kind, score, why that direction, and
 * the evidence (quotations and aligned passages, quoted from both texts).
 *
 * The tree: an article's children are the articles whose copy edge points
 * at it as the original. Roots are articles that are originals and copies
 * of nothing; the earliest source is the root published first (full dates),
 * else ingested first. A copy of several originals is shown under each.
 */
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "../engine/engine.h"

#define SNIPPET 90

typedef struct edge {
	long long copy, original;  /* seq */
	char kind[12], why[24];
	double score;
} edge;

typedef struct node {
	long long seq;
	char id[128];
	int day_known;
	long long day;
	int is_copy, is_original;
} node;

typedef struct graph {
	edge *edges;
	size_t n_edges, cap_edges;
	node *nodes;
	size_t n_nodes, cap_nodes;
} graph;

static node *node_of(graph *g, long long seq)
{
	for (size_t i = 0; i < g->n_nodes; i++)
		if (g->nodes[i].seq == seq)
			return &g->nodes[i];
	return NULL;
}

static ng_status load(sqlite3 *db, long long story, graph *g)
{
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(db,
			       "SELECT c.copy, c.original, c.kind, c.score, c.why,"
			       " k.id, k.day, o.id, o.day FROM copies c"
			       " JOIN articles k ON k.seq = c.copy"
			       " JOIN articles o ON o.seq = c.original"
			       " WHERE k.story = ?1 OR o.story = ?1"
			       " ORDER BY c.original, c.copy",
			       -1, &q, NULL) != SQLITE_OK)
		return NG_ERR_DB;
	sqlite3_bind_int64(q, 1, story);
	ng_status st = NG_OK;
	while (!st && sqlite3_step(q) == SQLITE_ROW) {
		if (ngi_grow((void **)&g->edges, &g->cap_edges, g->n_edges + 1,
			     sizeof *g->edges) ||
		    ngi_grow((void **)&g->nodes, &g->cap_nodes, g->n_nodes + 2,
			     sizeof *g->nodes)) {
			st = NG_ERR_NOMEM;
			break;
		}
		edge *e = &g->edges[g->n_edges++];
		memset(e, 0, sizeof *e);
		e->copy = sqlite3_column_int64(q, 0);
		e->original = sqlite3_column_int64(q, 1);
		snprintf(e->kind, sizeof e->kind, "%s", sqlite3_column_text(q, 2));
		e->score = sqlite3_column_double(q, 3);
		snprintf(e->why, sizeof e->why, "%s", sqlite3_column_text(q, 4));
		for (int side = 0; side < 2; side++) {
			long long seq = side ? e->original : e->copy;
			node *n = node_of(g, seq);
			if (!n) {
				n = &g->nodes[g->n_nodes++];
				memset(n, 0, sizeof *n);
				n->seq = seq;
				snprintf(n->id, sizeof n->id, "%s",
					 sqlite3_column_text(q, side ? 7 : 5));
				n->day_known = sqlite3_column_type(q, side ? 8 : 6) != SQLITE_NULL;
				n->day = sqlite3_column_int64(q, side ? 8 : 6);
			}
			if (side)
				n->is_original = 1;
			else
				n->is_copy = 1;
		}
	}
	sqlite3_finalize(q);
	return st;
}

/* The earliest source: a root, published first, else ingested first. */
static const node *earliest(const graph *g)
{
	const node *best = NULL;
	for (size_t i = 0; i < g->n_nodes; i++) {
		const node *n = &g->nodes[i];
		if (n->is_copy)
			continue;
		if (!best || (n->day_known && (!best->day_known || n->day < best->day)) ||
		    (n->day_known == best->day_known && n->day == best->day &&
		     n->seq < best->seq))
			best = n;
	}
	return best;
}

/* Text of bytes [start, end) of an article's body, cut to SNIPPET bytes on
 * a code point boundary, newlines flattened; into buf. */
static void snippet(sqlite3_stmt *body, long long seq, long long start,
		    long long end, char *buf, size_t size)
{
	buf[0] = '\0';
	sqlite3_bind_int64(body, 1, start + 1);
	sqlite3_bind_int64(body, 2, end - start);
	sqlite3_bind_int64(body, 3, seq);
	if (sqlite3_step(body) == SQLITE_ROW) {
		const char *s = sqlite3_column_blob(body, 0);
		size_t n = (size_t)sqlite3_column_bytes(body, 0);
		size_t cut = n < SNIPPET ? n : SNIPPET;
		while (cut > 0 && cut < n && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--;
		if (cut >= size - 4)
			cut = size - 4;
		memcpy(buf, s, cut);
		for (size_t i = 0; i < cut; i++)
			if (buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t')
				buf[i] = ' ';
		if (cut < n)
			memcpy(buf + cut, "\xe2\x80\xa6", 3), cut += 3;
		buf[cut] = '\0';
	}
	sqlite3_reset(body);
}

typedef struct printer {
	FILE *out;
	graph *g;
	sqlite3_stmt *ev, *body;
	unsigned char *on_path; /* by node index: cycle guard */
} printer;

static void print_evidence(printer *p, const edge *e, int depth)
{
	sqlite3_bind_int64(p->ev, 1, e->copy);
	sqlite3_bind_int64(p->ev, 2, e->original);
	char a[SNIPPET + 8], b[SNIPPET + 8];
	while (sqlite3_step(p->ev) == SQLITE_ROW) {
		const char *kind = (const char *)sqlite3_column_text(p->ev, 0);
		snippet(p->body, e->copy, sqlite3_column_int64(p->ev, 1),
			sqlite3_column_int64(p->ev, 2), a, sizeof a);
		snippet(p->body, e->original, sqlite3_column_int64(p->ev, 3),
			sqlite3_column_int64(p->ev, 4), b, sizeof b);
		fprintf(p->out, "%*s%s: \"%s\"\n", depth * 4 + 4, "", kind, a);
		if (strcmp(a, b))
			fprintf(p->out, "%*s%*s  ~ \"%s\"\n", depth * 4 + 4, "",
				(int)strlen(kind), "", b);
	}
	sqlite3_reset(p->ev);
}

static void print_tree(printer *p, size_t idx, int depth)
{
	node *n = &p->g->nodes[idx];
	p->on_path[idx] = 1;
	for (size_t i = 0; i < p->g->n_edges; i++) {
		const edge *e = &p->g->edges[i];
		if (e->original != n->seq)
			continue;
		node *c = node_of(p->g, e->copy);
		size_t ci = (size_t)(c - p->g->nodes);
		fprintf(p->out, "%*s\xe2\x94\x94\xe2\x94\x80 %s  %s %.2f (%s)\n",
			depth * 4, "", c->id, e->kind, e->score, e->why);
		print_evidence(p, e, depth);
		if (!p->on_path[ci])
			print_tree(p, ci, depth + 1);
	}
	p->on_path[idx] = 0;
}

static ng_status story_json(ngi_buf *b, printer *p, long long story,
			    const node *first)
{
	ng_status st = ngi_buf_printf(b, "{\"story\":%lld,\"earliest\":", story);
	if (!st) st = ngi_buf_json_str(b, first ? first->id : NULL);
	if (!st) st = ngi_buf_puts(b, ",\"edges\":[");
	for (size_t i = 0; !st && i < p->g->n_edges; i++) {
		const edge *e = &p->g->edges[i];
		st = ngi_buf_puts(b, i ? ",{\"copy\":" : "{\"copy\":");
		if (!st) st = ngi_buf_json_str(b, node_of(p->g, e->copy)->id);
		if (!st) st = ngi_buf_puts(b, ",\"original\":");
		if (!st) st = ngi_buf_json_str(b, node_of(p->g, e->original)->id);
		if (!st) st = ngi_buf_printf(b, ",\"kind\":\"%s\",\"score\":%.4f,"
					     "\"why\":\"%s\",\"evidence\":[",
					     e->kind, e->score, e->why);
		sqlite3_bind_int64(p->ev, 1, e->copy);
		sqlite3_bind_int64(p->ev, 2, e->original);
		for (int n = 0; !st && sqlite3_step(p->ev) == SQLITE_ROW; n++) {
			char a[SNIPPET + 8], o[SNIPPET + 8];
			snippet(p->body, e->copy, sqlite3_column_int64(p->ev, 1),
				sqlite3_column_int64(p->ev, 2), a, sizeof a);
			snippet(p->body, e->original, sqlite3_column_int64(p->ev, 3),
				sqlite3_column_int64(p->ev, 4), o, sizeof o);
			st = ngi_buf_printf(b, "%s{\"kind\":\"%s\",\"copy\":[%lld,%lld],"
					    "\"original\":[%lld,%lld],\"copy_text\":",
					    n ? "," : "", sqlite3_column_text(p->ev, 0),
					    sqlite3_column_int64(p->ev, 1),
					    sqlite3_column_int64(p->ev, 2),
					    sqlite3_column_int64(p->ev, 3),
					    sqlite3_column_int64(p->ev, 4));
			if (!st) st = ngi_buf_json_str(b, a);
			if (!st) st = ngi_buf_puts(b, ",\"original_text\":");
			if (!st) st = ngi_buf_json_str(b, o);
			if (!st) st = ngi_buf_putc(b, '}');
		}
		sqlite3_reset(p->ev);
		if (!st) st = ngi_buf_puts(b, "]}");
	}
	if (!st)
		st = ngi_buf_puts(b, "]}");
	return st;
}

static ng_status one_story(sqlite3 *db, printer *p, long long story,
			   ng_format f, ngi_buf *b, int *printed)
{
	graph g = {0};
	ng_status st = load(db, story, &g);
	if (!st && g.n_edges) {
		p->g = &g;
		p->on_path = calloc(g.n_nodes, 1);
		if (!p->on_path)
			st = NG_ERR_NOMEM;
		const node *first = earliest(&g);
		if (!st && f == NG_FORMAT_TABLE) {
			fprintf(p->out, "%sstory %lld: earliest source %s\n",
				*printed ? "\n" : "", story, first ? first->id : "(a cycle)");
			for (size_t i = 0; i < g.n_nodes; i++) {
				if (g.nodes[i].is_copy)
					continue;
				fprintf(p->out, "%s  [original]\n", g.nodes[i].id);
				print_tree(p, i, 0);
			}
		} else if (!st) {
			if (f == NG_FORMAT_JSON && *printed)
				st = ngi_buf_putc(b, ',');
			if (!st)
				st = story_json(b, p, story, first);
			if (!st && f == NG_FORMAT_JSONL)
				st = ngi_buf_putc(b, '\n');
			if (!st && b->len && fwrite(b->data, 1, b->len, p->out) != b->len)
				st = NG_ERR_IO;
			ngi_buf_clear(b);
		}
		(*printed)++;
		free(p->on_path);
	}
	free(g.edges);
	free(g.nodes);
	return st;
}

ng_status ng_report_copies(ng_engine *e, long long story, FILE *out, ng_format f)
{
	if (!e || !out)
		return NG_ERR_USAGE;
	sqlite3 *db = ngi_store_db(e->store);
	printer p = {.out = out};
	sqlite3_stmt *stories = NULL;
	sqlite3_prepare_v2(db,
			   "SELECT kind, copy_start, copy_end, original_start,"
			   " original_end FROM evidence WHERE copy = ? AND original = ?"
			   " ORDER BY rowid", -1, &p.ev, NULL);
	sqlite3_prepare_v2(db,
			   "SELECT substr(CAST(body AS BLOB), ?1, ?2) FROM articles"
			   " WHERE seq = ?3", -1, &p.body, NULL);
	sqlite3_prepare_v2(db,
			   "SELECT DISTINCT a.story FROM copies c JOIN articles a"
			   " ON a.seq = c.original WHERE ?1 = 0 OR a.story = ?1"
			   " ORDER BY a.story", -1, &stories, NULL);
	ng_status st = NG_OK;
	if (!p.ev || !p.body || !stories)
		st = ngi_engine_fail(e, NG_ERR_DB, "%s", sqlite3_errmsg(db));
	ngi_buf b;
	ngi_buf_init(&b, 0);
	int printed = 0;
	if (!st && f == NG_FORMAT_JSON)
		fputs("{\"stories\":[", out);
	if (!st)
		sqlite3_bind_int64(stories, 1, story);
	while (!st && sqlite3_step(stories) == SQLITE_ROW)
		st = one_story(db, &p, sqlite3_column_int64(stories, 0), f, &b, &printed);
	if (!st && f == NG_FORMAT_JSON)
		fputs("]}\n", out);
	if (!st && f == NG_FORMAT_TABLE && !printed) {
		if (story)
			fprintf(out, "story %lld has no copies\n", story);
		else
			fputs("no copies found\n", out);
	}
	ngi_buf_free(&b);
	sqlite3_finalize(p.ev);
	sqlite3_finalize(p.body);
	sqlite3_finalize(stories);
	if (st && st != NG_ERR_DB)
		ngi_engine_fail(e, st, "copies: %s", ng_status_str(st));
	return st;
}
