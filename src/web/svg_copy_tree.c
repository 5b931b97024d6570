/*
 * svg_copy_tree.c: who copied whom in a story, as an inline SVG tree
 * (docs/WEB.md). The edges of ng_story_copies_open (copy -> original)
 * make a forest: each copy hangs under its best original (highest score;
 * a second original is drawn as a thin dashed line), the originals no one
 * was copied from are the roots, drawn left to right: depth along x, one
 * row per leaf, a parent centred on its children. Each node is a box with
 * the article's title and its kind of copy (exact, near, rewrite,
 * partial) and score; a copy's node links to the page that shows the
 * passages it shares with its original side by side, a root's to the
 * article. The edges are also listed as text below the picture.
 */
#include "web_int.h"

#include <stdlib.h>
#include <string.h>

enum {
	NODE_W = 250,
	NODE_H = 42,
	COL_GAP = 64,
	ROW_H = 54,
	PAD = 10,
	TITLE_CHARS = 32
};

typedef struct node {
	char *id, *title, *lang, *outlet;
	int parent;        /* index of the best original, -1 for a root */
	int edge;          /* the edge to the parent */
	int depth;
	double row;        /* vertical position in rows */
	int first_child, next_sibling;
} node;

typedef struct edge {
	int copy, original;
	char *kind, *why;
	double score;
} edge;

typedef struct tree {
	node *nodes;
	size_t n_nodes;
	edge *edges;
	size_t n_edges;
	int next_row; /* the row of the next leaf placed */
	ngi_arena arena;
} tree;

static int node_of(ngw_ctx *c, tree *t, const char *id)
{
	for (size_t i = 0; i < t->n_nodes; i++)
		if (strcmp(t->nodes[i].id, id) == 0)
			return (int)i;
	node *v = &t->nodes[t->n_nodes];
	memset(v, 0, sizeof *v);
	v->id = ngi_arena_strdup(&t->arena, id);
	v->parent = v->edge = v->first_child = v->next_sibling = -1;
	ng_article_info info;
	if (ng_article_get(c->e, id, &info) == NG_OK) {
		/* info's strings last until the next call: the text is one */
		if (info.lang)
			v->lang = ngi_arena_strdup(&t->arena, info.lang);
		if (info.outlet)
			v->outlet = ngi_arena_strdup(&t->arena, info.outlet);
		char *title = ngw_article_title(c, id, info.title);
		if (title)
			v->title = ngi_arena_strdup(&t->arena, title);
		free(title);
	}
	if (!v->id)
		c->failed = 1;
	return (int)t->n_nodes++;
}

/* Whether a is b or one of b's ancestors (parents set so far). */
static int is_ancestor(const tree *t, int a, int b)
{
	for (size_t steps = 0; b >= 0 && steps <= t->n_nodes; steps++) {
		if (a == b)
			return 1;
		b = t->nodes[b].parent;
	}
	return 0;
}

/* Depth and row of v's subtree; leaves take the next row. */
static void place(tree *t, int v, int depth)
{
	node *n = &t->nodes[v];
	n->depth = depth;
	if (n->first_child < 0) {
		n->row = t->next_row++;
		return;
	}
	double lo = 0, hi = 0;
	int first = 1;
	for (int k = n->first_child; k >= 0; k = t->nodes[k].next_sibling) {
		place(t, k, depth + 1);
		if (first)
			lo = t->nodes[k].row, first = 0;
		hi = t->nodes[k].row;
	}
	n->row = (lo + hi) / 2;
}

static void node_label(ngw_ctx *c, const node *v)
{
	if (v->title)
		ngw_text_cut(c, v->title, TITLE_CHARS);
	else
		ngw_text_cut(c, v->id, TITLE_CHARS);
}

static void draw_node(ngw_ctx *c, const tree *t, int i)
{
	const node *v = &t->nodes[i];
	int x = PAD + v->depth * (NODE_W + COL_GAP);
	int y = PAD + (int)(v->row * ROW_H);
	const edge *up = v->edge >= 0 ? &t->edges[v->edge] : NULL;
	/* a copy opens the passages it shares with its original */
	int link = up ? 1 : ngw_can_link_article(c, v->id);
	if (link) {
		ngw_raw(c, "<a class=\"node-link\" href=\"");
		if (up)
			ngw_href_copies(c, v->id, t->nodes[up->original].id);
		else
			ngw_href_article(c, v->id);
		ngw_raw(c, "\">");
	} else {
		ngw_raw(c, "<g>");
	}
	ngw_raw(c, "<title>");
	if (up) {
		ngw_raw(c, "Compare ");
		ngw_text(c, v->title ? v->title : v->id);
		ngw_raw(c, " with its original ");
		const node *o = &t->nodes[up->original];
		ngw_text(c, o->title ? o->title : o->id);
	} else {
		ngw_raw(c, "Original: ");
		ngw_text(c, v->title ? v->title : v->id);
	}
	ngw_raw(c, "</title>");
	ngw_fmt(c, "<rect class=\"node %s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"6\"/>",
		up ? "node-copy" : "node-root", x, y, NODE_W, NODE_H);
	ngw_fmt(c, "<text class=\"node-title\" x=\"%d\" y=\"%d\">", x + 8, y + 17);
	node_label(c, v);
	ngw_fmt(c, "</text><text class=\"node-meta\" x=\"%d\" y=\"%d\">", x + 8, y + 33);
	if (up) {
		ngw_text(c, up->kind);
		ngw_fmt(c, " copy %.2f", up->score);
	} else {
		ngw_raw(c, "original");
	}
	if (v->lang) {
		ngw_raw(c, " \xC2\xB7 ");
		ngw_text(c, v->lang);
	}
	if (v->outlet) {
		ngw_raw(c, " \xC2\xB7 ");
		ngw_text_cut(c, v->outlet, 14);
	}
	ngw_raw(c, link ? "</text></a>\n" : "</text></g>\n");
}

static void draw_edge(ngw_ctx *c, const tree *t, const edge *e, int extra)
{
	const node *o = &t->nodes[e->original], *k = &t->nodes[e->copy];
	int x1 = PAD + o->depth * (NODE_W + COL_GAP) + NODE_W;
	int y1 = PAD + (int)(o->row * ROW_H) + NODE_H / 2;
	int x2 = PAD + k->depth * (NODE_W + COL_GAP);
	int y2 = PAD + (int)(k->row * ROW_H) + NODE_H / 2;
	if (extra) {
		ngw_fmt(c, "<line class=\"edge extra\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n",
			x1, y1, x2, y2);
		return;
	}
	int mx = (x1 + x2) / 2;
	ngw_raw(c, "<path class=\"edge kind-");
	ngw_text(c, e->kind);
	ngw_fmt(c, "\" d=\"M%d %dC%d %d %d %d %d %d\"/>\n", x1, y1, mx, y1, mx, y2, x2, y2);
}

static void edge_list(ngw_ctx *c, const tree *t)
{
	ngw_raw(c, "<ul class=\"edges\">\n");
	for (size_t i = 0; i < t->n_edges; i++) {
		const edge *e = &t->edges[i];
		const node *k = &t->nodes[e->copy], *o = &t->nodes[e->original];
		ngw_raw(c, "<li>");
		ngw_link_article(c, k->id, k->title);
		ngw_raw(c, " <span class=\"badge kind-");
		ngw_text(c, e->kind);
		ngw_raw(c, "\">");
		ngw_text(c, e->kind);
		ngw_fmt(c, " %.2f</span> copies ", e->score);
		ngw_link_article(c, o->id, o->title);
		if (e->why) {
			ngw_raw(c, " <span class=\"muted\">(direction: ");
			ngw_text(c, e->why);
			ngw_raw(c, ")</span>");
		}
		ngw_raw(c, " \xE2\x80\x94 <a href=\"");
		ngw_href_copies(c, k->id, o->id);
		ngw_raw(c, "\">shared passages</a></li>\n");
	}
	ngw_raw(c, "</ul>\n");
}

static void build_and_draw(ngw_ctx *c, long long story, tree *t, int more)
{
	/* parents: each copy's best original, unless that makes a cycle */
	for (size_t i = 0; i < t->n_edges; i++) {
		edge *e = &t->edges[i];
		node *k = &t->nodes[e->copy];
		if (k->edge >= 0 && t->edges[k->edge].score >= e->score)
			continue;
		if (is_ancestor(t, e->copy, e->original))
			continue;
		k->parent = e->original;
		k->edge = (int)i;
	}
	for (size_t i = t->n_nodes; i-- > 0;) {
		node *v = &t->nodes[i];
		if (v->parent >= 0) {
			v->next_sibling = t->nodes[v->parent].first_child;
			t->nodes[v->parent].first_child = (int)i;
		}
	}
	t->next_row = 0;
	int max_depth = 0;
	for (size_t i = 0; i < t->n_nodes; i++)
		if (t->nodes[i].parent < 0)
			place(t, (int)i, 0);
	for (size_t i = 0; i < t->n_nodes; i++)
		if (t->nodes[i].depth > max_depth)
			max_depth = t->nodes[i].depth;
	int width = 2 * PAD + (max_depth + 1) * NODE_W + max_depth * COL_GAP;
	int height = 2 * PAD + (t->next_row - 1) * ROW_H + NODE_H;
	ngw_fmt(c, "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Copy tree picture, scrolls sideways\">\n"
		   "<svg class=\"copy-tree\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		   "viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"ct-title-%lld\">\n"
		   "<title id=\"ct-title-%lld\">Copy tree of story %lld: %zu articles, %zu copy edges</title>\n",
		width, height, width, height, story, story, story, t->n_nodes, t->n_edges);
	for (size_t i = 0; i < t->n_edges; i++)
		draw_edge(c, t, &t->edges[i], t->nodes[t->edges[i].copy].edge != (int)i);
	for (size_t i = 0; i < t->n_nodes; i++)
		draw_node(c, t, (int)i);
	ngw_raw(c, "</svg>\n</div>\n<ul class=\"legend\" aria-label=\"Legend\">"
		   "<li><span class=\"swatch node-root\"></span>original</li>"
		   "<li><span class=\"swatch node-copy\"></span>copy (opens the shared passages)</li>"
		   "<li><span class=\"line kind-exact\"></span>exact</li>"
		   "<li><span class=\"line kind-near\"></span>near</li>"
		   "<li><span class=\"line kind-rewrite\"></span>rewrite</li>"
		   "<li><span class=\"line kind-partial\"></span>partial</li>"
		   "<li><span class=\"line extra\"></span>another original</li></ul>\n");
	edge_list(c, t);
	if (more)
		ngw_fmt(c, "<p class=\"muted\">The first %d copy edges.</p>\n", NGW_MAX_TREE_EDGES);
}

void ngw_svg_copy_tree(ngw_ctx *c, long long story)
{
	ngw_raw(c, "<section class=\"block\" id=\"copies\" aria-labelledby=\"copies-h\">\n"
		   "<h2 id=\"copies-h\">Who copied whom</h2>\n");
	ng_cursor *cur = NULL;
	if (ng_story_copies_open(c->e, story, &cur) != NG_OK) {
		ngw_cursor_error(c, "the copies");
		ngw_raw(c, "</section>\n");
		return;
	}
	tree t = {0};
	ngi_arena_init(&t.arena, 64 * 1024);
	t.nodes = calloc(2 * NGW_MAX_TREE_EDGES, sizeof *t.nodes);
	t.edges = calloc(NGW_MAX_TREE_EDGES, sizeof *t.edges);
	ng_status st = NG_DONE;
	int more = 0;
	while (t.nodes && t.edges && !c->failed && (st = ng_cursor_step(cur)) == NG_ROW) {
		if (t.n_edges == NGW_MAX_TREE_EDGES) {
			more = 1;
			break;
		}
		const char *copy = ng_cursor_column_text(cur, 0);
		const char *original = ng_cursor_column_text(cur, 1);
		if (!copy || !original)
			continue;
		edge *e = &t.edges[t.n_edges++];
		e->copy = node_of(c, &t, copy);
		e->original = node_of(c, &t, original);
		const char *kind = ng_cursor_column_text(cur, 2);
		const char *why = ng_cursor_column_text(cur, 4);
		e->kind = ngi_arena_strdup(&t.arena, kind ? kind : "copy");
		e->why = why ? ngi_arena_strdup(&t.arena, why) : NULL;
		e->score = ng_cursor_column_double(cur, 3);
	}
	ng_cursor_close(cur);
	if (!t.nodes || !t.edges)
		c->failed = 1;
	if (st != NG_ROW && st != NG_DONE)
		ngw_cursor_error(c, "the copies");
	else if (t.n_edges == 0)
		ngw_raw(c, "<p class=\"muted\">No article of this story copies another.</p>\n");
	else if (!c->failed)
		build_and_draw(c, story, &t, more);
	free(t.nodes);
	free(t.edges);
	ngi_arena_free(&t.arena);
	ngw_raw(c, "</section>\n");
}
