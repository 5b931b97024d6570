/*
 * copies.c: provenance: per story, the earliest source and the tree of
 * copies below it, each edge with its kind, score, why that direction, and
 * the evidence (quotations and aligned passages, quoted from both texts).
 * Formatted from the store's copy-edge and evidence cursors.
 *
 * The tree: an article's children are the articles whose copy edge points
 * at it as the original. Roots are articles that are originals and copies
 * of nothing; the earliest source is the root published first (full dates),
 * else ingested first. A copy of several originals is shown under each;
 * its own copies are listed once, the first time it is reached, and
 * later as "(its copies are listed above)".
 */
#include <stdlib.h>
#include <string.h>

#include "report.h"

#define SNIPPET 90

typedef struct edge {
	long long copy, original;  /* seq */
	char kind[12], why[24];
	double score;
	const char *copy_id, *original_id;
	int copy_day_known, original_day_known;
	long long copy_day, original_day;
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
	ngi_arena ids;
} graph;

static node *node_of(graph *g, long long seq)
{
	for (size_t i = 0; i < g->n_nodes; i++)
		if (g->nodes[i].seq == seq)
			return &g->nodes[i];
	return NULL;
}

static int cmp_edge(const void *a, const void *b)
{
	const edge *x = a, *y = b;
	if (x->original != y->original)
		return x->original < y->original ? -1 : 1;
	return x->copy < y->copy ? -1 : x->copy > y->copy;
}

/* The edges of a story (cursor k, rebound to it), by original then copy,
 * and their articles as nodes in the order the edges meet them. */
static ng_status load(ng_cursor *k, long long story, graph *g)
{
	ng_status st = ngi_cursor_rebind(k, 1, &story);
	while (!st && (st = ng_cursor_step(k)) == NG_ROW) {
		st = NG_OK;
		if (ngi_grow((void **)&g->edges, &g->cap_edges, g->n_edges + 1,
			     sizeof *g->edges)) {
			st = NG_ERR_NOMEM;
			break;
		}
		edge *e = &g->edges[g->n_edges++];
		memset(e, 0, sizeof *e);
		e->copy_id = ngi_arena_strdup(&g->ids, ng_cursor_column_text(k, 0));
		e->original_id = ngi_arena_strdup(&g->ids, ng_cursor_column_text(k, 1));
		snprintf(e->kind, sizeof e->kind, "%s", ng_cursor_column_text(k, 2));
		e->score = ng_cursor_column_double(k, 3);
		snprintf(e->why, sizeof e->why, "%s", ng_cursor_column_text(k, 4));
		e->copy = ng_cursor_column_int64(k, 5);
		e->original = ng_cursor_column_int64(k, 6);
		e->copy_day_known = ng_cursor_column_type(k, 7) != NG_TYPE_NULL;
		e->copy_day = ng_cursor_column_int64(k, 7);
		e->original_day_known = ng_cursor_column_type(k, 8) != NG_TYPE_NULL;
		e->original_day = ng_cursor_column_int64(k, 8);
		if (!e->copy_id || !e->original_id)
			st = NG_ERR_NOMEM;
	}
	if (st != NG_DONE)
		return st;
	if (g->n_edges)
		qsort(g->edges, g->n_edges, sizeof *g->edges, cmp_edge);
	for (size_t i = 0; i < g->n_edges; i++) {
		if (ngi_grow((void **)&g->nodes, &g->cap_nodes, g->n_nodes + 2,
			     sizeof *g->nodes))
			return NG_ERR_NOMEM;
		const edge *e = &g->edges[i];
		for (int side = 0; side < 2; side++) {
			long long seq = side ? e->original : e->copy;
			node *n = node_of(g, seq);
			if (!n) {
				n = &g->nodes[g->n_nodes++];
				memset(n, 0, sizeof *n);
				n->seq = seq;
				snprintf(n->id, sizeof n->id, "%s",
					 side ? e->original_id : e->copy_id);
				n->day_known = side ? e->original_day_known : e->copy_day_known;
				n->day = side ? e->original_day : e->copy_day;
			}
			if (side)
				n->is_original = 1;
			else
				n->is_copy = 1;
		}
	}
	return NG_OK;
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

/* Passage s (n bytes, NULL = none) cut to SNIPPET bytes on a code point
 * boundary, newlines flattened; into buf. */
static void snippet(const char *s, size_t n, char *buf, size_t size)
{
	buf[0] = '\0';
	if (!s)
		return;
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

/* The two passages of the evidence row ev is on. */
static void passages(ng_cursor *ev, char *a, char *b, size_t size)
{
	snippet(ng_cursor_column_text(ev, 6), ng_cursor_column_bytes(ev, 6), a, size);
	snippet(ng_cursor_column_text(ev, 7), ng_cursor_column_bytes(ev, 7), b, size);
}

typedef struct printer {
	ngi_out *o;
	graph *g;
	ng_cursor *ev;
	/* by node index: 1 while on the path from the root (cycle guard),
	 * 2 once its copies were listed (a copy of several originals, or of
	 * a copy reached twice, has them listed once: printing each subtree
	 * at every path to it grew exponentially in a story of near-copies
	 * of near-copies) */
	unsigned char *on_path;
} printer;

/* The first edge (sorted by original, then copy) whose original is seq. */
static size_t first_edge_from(const graph *g, long long seq)
{
	size_t lo = 0, hi = g->n_edges;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (g->edges[mid].original < seq)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static ng_status print_evidence(printer *p, const edge *e, int depth)
{
	long long ends[2] = {e->copy, e->original};
	ng_status st = ngi_cursor_rebind(p->ev, 2, ends);
	char a[SNIPPET + 8], b[SNIPPET + 8];
	while (!st && (st = ng_cursor_step(p->ev)) == NG_ROW) {
		const char *kind = ng_cursor_column_text(p->ev, 0);
		passages(p->ev, a, b, sizeof a);
		st = ngi_buf_printf(&p->o->b, "%*s%s: \"%s\"\n", depth * 4 + 4, "", kind, a);
		if (!st && strcmp(a, b))
			st = ngi_buf_printf(&p->o->b, "%*s%*s  ~ \"%s\"\n", depth * 4 + 4, "",
					    (int)strlen(kind), "", b);
	}
	return st == NG_DONE ? NG_OK : st;
}

static ng_status print_tree(printer *p, size_t idx, int depth)
{
	node *n = &p->g->nodes[idx];
	ng_status st = NG_OK;
	p->on_path[idx] = 1;
	for (size_t i = first_edge_from(p->g, n->seq);
	     !st && i < p->g->n_edges && p->g->edges[i].original == n->seq; i++) {
		const edge *e = &p->g->edges[i];
		node *c = node_of(p->g, e->copy);
		size_t ci = (size_t)(c - p->g->nodes);
		st = ngi_buf_printf(&p->o->b, "%*s\xe2\x94\x94\xe2\x94\x80 %s  %s %.2f (%s)\n",
				    depth * 4, "", c->id, e->kind, e->score, e->why);
		if (!st) st = print_evidence(p, e, depth);
		if (!st) st = ngi_out_flush(p->o, 0);
		if (st || p->on_path[ci] == 1)
			continue;
		if (p->on_path[ci] == 2) {
			size_t k = first_edge_from(p->g, c->seq);
			if (k < p->g->n_edges && p->g->edges[k].original == c->seq)
				st = ngi_buf_printf(&p->o->b, "%*s(its copies are listed "
						    "above)\n", depth * 4 + 6, "");
		} else {
			st = print_tree(p, ci, depth + 1);
		}
	}
	p->on_path[idx] = 2;
	return st;
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
		long long ends[2] = {e->copy, e->original};
		if (!st)
			st = ngi_cursor_rebind(p->ev, 2, ends);
		for (int n = 0; !st && (st = ng_cursor_step(p->ev)) == NG_ROW; n++) {
			char a[SNIPPET + 8], o[SNIPPET + 8];
			passages(p->ev, a, o, sizeof a);
			st = ngi_buf_printf(b, "%s{\"kind\":\"%s\",\"copy\":[%lld,%lld],"
					    "\"original\":[%lld,%lld],\"copy_text\":",
					    n ? "," : "", ng_cursor_column_text(p->ev, 0),
					    ng_cursor_column_int64(p->ev, 1),
					    ng_cursor_column_int64(p->ev, 2),
					    ng_cursor_column_int64(p->ev, 3),
					    ng_cursor_column_int64(p->ev, 4));
			if (!st) st = ngi_buf_json_str(b, a);
			if (!st) st = ngi_buf_puts(b, ",\"original_text\":");
			if (!st) st = ngi_buf_json_str(b, o);
			if (!st) st = ngi_buf_putc(b, '}');
		}
		if (st == NG_DONE)
			st = ngi_buf_puts(b, "]}");
	}
	if (!st)
		st = ngi_buf_puts(b, "]}");
	return st;
}

static ng_status one_story(printer *p, ng_cursor *k, long long story,
			   ng_format f, int *printed)
{
	graph g = {0};
	ngi_arena_init(&g.ids, 16 << 10);
	ngi_buf *b = &p->o->b;
	ng_status st = load(k, story, &g);
	if (!st && g.n_edges) {
		p->g = &g;
		p->on_path = calloc(g.n_nodes, 1);
		if (!p->on_path)
			st = NG_ERR_NOMEM;
		const node *first = earliest(&g);
		if (!st && f == NG_FORMAT_TABLE) {
			st = ngi_buf_printf(b, "%sstory %lld: earliest source %s\n",
					    *printed ? "\n" : "", story,
					    first ? first->id : "(a cycle)");
			for (size_t i = 0; !st && i < g.n_nodes; i++) {
				if (g.nodes[i].is_copy)
					continue;
				st = ngi_buf_printf(b, "%s  [original]\n", g.nodes[i].id);
				if (!st)
					st = print_tree(p, i, 0);
			}
		} else if (!st) {
			if (f == NG_FORMAT_JSON && *printed)
				st = ngi_buf_putc(b, ',');
			if (!st)
				st = story_json(b, p, story, first);
			if (!st && f == NG_FORMAT_JSONL)
				st = ngi_buf_putc(b, '\n');
		}
		if (!st)
			st = ngi_out_flush(p->o, 0);
		(*printed)++;
		free(p->on_path);
	}
	free(g.edges);
	free(g.nodes);
	ngi_arena_free(&g.ids);
	return st;
}

ng_status ng_report_copies_to(ng_engine *e, long long story, ng_format f,
			      ng_write_fn write, void *ctx)
{
	if (!e || !write)
		return NG_ERR_USAGE;
	e->err[0] = '\0';
	ngi_err err = ngi_report_err(e);
	ngi_out o;
	ngi_out_init(&o, e, write, ctx);
	printer p = {.o = &o};
	ng_cursor *stories = NULL, *k = NULL;
	ng_status st = ngi_query_copy_stories(e->store, err, story, &stories);
	if (!st)
		st = ngi_query_story_copies(e->store, err, 0, &k);
	if (!st)
		st = ngi_query_evidence(e->store, err, 0, 0, &p.ev);
	int printed = 0;
	if (!st && f == NG_FORMAT_JSON)
		st = ngi_buf_puts(&o.b, "{\"stories\":[");
	while (!st && (st = ng_cursor_step(stories)) == NG_ROW)
		st = one_story(&p, k, ng_cursor_column_int64(stories, 0), f, &printed);
	if (st == NG_DONE) {
		st = NG_OK;
		if (f == NG_FORMAT_JSON)
			st = ngi_buf_puts(&o.b, "]}\n");
		else if (f == NG_FORMAT_TABLE && !printed)
			st = story ? ngi_buf_printf(&o.b, "story %lld has no copies\n", story)
				   : ngi_buf_puts(&o.b, "no copies found\n");
	}
	if (!st)
		st = ngi_out_flush(&o, 1);
	ngi_out_free(&o);
	ng_cursor_close(stories);
	ng_cursor_close(k);
	ng_cursor_close(p.ev);
	return ngi_report_end(e, "copies", st);
}

typedef struct copies_args {
	ng_engine *e;
	long long story;
	ng_format f;
} copies_args;

static ng_status copies_fn(void *args, ng_write_fn write, void *ctx)
{
	copies_args *a = args;
	return ng_report_copies_to(a->e, a->story, a->f, write, ctx);
}

ng_status ng_report_copies(ng_engine *e, long long story, FILE *out, ng_format f)
{
	copies_args a = {e, story, f};
	return ngi_report_to_file(e, out, "copies", copies_fn, &a);
}
