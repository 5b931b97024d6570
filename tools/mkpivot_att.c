/*
 * mkpivot_att.c: the paths of a compiled Apertium transducer (see
 * mkpivot_att.h), read from lt-print -H's ATT dump at build time.
 *
 * ATT lines are "from TAB to TAB in TAB out [TAB weight]" for a transition
 * and "state [TAB weight]" for a final state; "--" separates sections, each
 * numbered from its own state 0. Per section: transitions grouped by source
 * state, the states on a cycle found (Tarjan, iteratively) and avoided, then
 * character classes marked, then a depth-first walk that hands each
 * accepted (in, out) pair to the callback. Symbols: "@0@" is empty, "@_SPACE_@" a space; other "@_X_@"
 * escapes end the path (they are not words).
 */
#include "mkpivot_att.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DUMP ((size_t)256 << 20)
#define MAX_DEPTH 512    /* symbols on one path */
#define MAX_TEXT 2048    /* bytes of one side of a path */
#define MAX_STATES 50000000u

typedef struct arc {
	uint32_t from, to;
	const char *in, *out; /* into the dump, NUL-terminated */
	int in_class;         /* one of a character class (see walk) */
} arc;

#define CLASS_ARCS 10 /* arcs of one state to one state: a character class */

typedef struct section {
	arc *arcs;
	size_t n_arcs, cap_arcs;
	uint32_t *finals;
	size_t n_finals, cap_finals;
	uint32_t n_states; /* highest state + 1 */
} section;

static int push_arc(section *s, arc a)
{
	if (s->n_arcs == s->cap_arcs) {
		size_t cap = s->cap_arcs ? s->cap_arcs * 2 : 4096;
		arc *n = realloc(s->arcs, cap * sizeof *n);
		if (!n)
			return -1;
		s->arcs = n;
		s->cap_arcs = cap;
	}
	s->arcs[s->n_arcs++] = a;
	return 0;
}

static int push_final(section *s, uint32_t st)
{
	if (s->n_finals == s->cap_finals) {
		size_t cap = s->cap_finals ? s->cap_finals * 2 : 1024;
		uint32_t *n = realloc(s->finals, cap * sizeof *n);
		if (!n)
			return -1;
		s->finals = n;
		s->cap_finals = cap;
	}
	s->finals[s->n_finals++] = st;
	return 0;
}

static int parse_state(const char *s, uint32_t *out)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);
	if (end == s || *end || v >= MAX_STATES)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

static int by_from(const void *x, const void *y)
{
	const arc *a = x, *b = y;
	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	return (a->to > b->to) - (a->to < b->to);
}

/* ---- the walk ------------------------------------------------------------------*/
typedef struct walker {
	const char *path;
	att_path_fn fn;
	void *ctx;
	long paths, max_paths;
} walker;

/* The text a symbol adds: "" for the empty symbol, NULL for an escape
 * that ends the path. */
static const char *symbol_text(const char *sym)
{
	if (sym[0] != '@')
		return sym;
	if (strcmp(sym, "@0@") == 0)
		return "";
	if (strcmp(sym, "@_SPACE_@") == 0)
		return " ";
	if (sym[1] == '_')
		return NULL;
	return sym;
}

typedef struct frame {
	uint32_t state;
	uint32_t next; /* next arc index to try */
	uint16_t in_len, out_len;
} frame;

/* Walks one section; returns 0, or -1 after a diagnostic. */
static int walk(walker *w, section *s)
{
	int rc = -1;
	uint32_t n = s->n_states;
	if (n == 0 || s->n_arcs == 0)
		return 0; /* an empty section: no path but the empty one */
	uint32_t *first = calloc((size_t)n + 1, sizeof *first);
	unsigned char *is_final = calloc(n, 1), *on_cycle = calloc(n, 1);
	/* Tarjan's bookkeeping */
	uint32_t *index = malloc((size_t)n * sizeof *index);
	uint32_t *low = malloc((size_t)n * sizeof *low);
	uint32_t *stack = malloc((size_t)n * sizeof *stack);
	unsigned char *on_stack = calloc(n, 1);
	frame *work = malloc((size_t)(n > MAX_DEPTH ? n : MAX_DEPTH) * sizeof *work);
	char *in = malloc(MAX_TEXT), *out = malloc(MAX_TEXT);
	if (!first || !is_final || !on_cycle || !index || !low || !stack ||
	    !on_stack || !work || !in || !out) {
		fprintf(stderr, "mkpivot: %s: out of memory\n", w->path);
		goto done;
	}
	qsort(s->arcs, s->n_arcs, sizeof *s->arcs, by_from);
	for (size_t i = 0; i < s->n_arcs; i++)
		first[s->arcs[i].from + 1]++;
	for (uint32_t i = 0; i < n; i++)
		first[i + 1] += first[i];
	for (size_t i = 0; i < s->n_finals; i++)
		is_final[s->finals[i]] = 1;
	/* many arcs from one state to one state are a character class of a
	 * regular expression ([A-Z] of acronyms), not words: a dictionary's
	 * letters lead to different rests */
	for (size_t i = 0; i < s->n_arcs;) {
		size_t j = i;
		while (j < s->n_arcs && s->arcs[j].from == s->arcs[i].from &&
		       s->arcs[j].to == s->arcs[i].to)
			j++;
		for (size_t k = i; k < j; k++)
			s->arcs[k].in_class = j - i >= CLASS_ARCS;
		i = j;
	}

	/* states on a cycle: strongly connected components of two or more
	 * states, or with a loop */
	const uint32_t unseen = UINT32_MAX;
	for (uint32_t i = 0; i < n; i++)
		index[i] = unseen;
	uint32_t next_index = 0, sp = 0;
	for (uint32_t root = 0; root < n; root++) {
		if (index[root] != unseen)
			continue;
		size_t depth = 0;
		work[depth++] = (frame){root, first[root], 0, 0};
		index[root] = low[root] = next_index++;
		stack[sp++] = root;
		on_stack[root] = 1;
		while (depth) {
			frame *f = &work[depth - 1];
			uint32_t v = f->state;
			if (f->next < first[v + 1]) {
				uint32_t to = s->arcs[f->next++].to;
				if (to == v) {
					on_cycle[v] = 1;
				} else if (index[to] == unseen) {
					index[to] = low[to] = next_index++;
					stack[sp++] = to;
					on_stack[to] = 1;
					work[depth++] = (frame){to, first[to], 0, 0};
				} else if (on_stack[to] && index[to] < low[v]) {
					low[v] = index[to];
				}
				continue;
			}
			if (low[v] == index[v]) {
				uint32_t size = 0, top = sp;
				while (stack[top - 1] != v)
					top--, size++;
				for (uint32_t k = top - 1; k < sp; k++) {
					on_stack[stack[k]] = 0;
					if (size)
						on_cycle[stack[k]] = 1;
				}
				sp = top - 1;
			}
			depth--;
			if (depth && low[v] < low[work[depth - 1].state])
				low[work[depth - 1].state] = low[v];
		}
	}

	/* the paths */
	if (n == 0 || on_cycle[0]) {
		rc = 0;
		goto done;
	}
	size_t depth = 0;
	work[depth++] = (frame){0, first[0], 0, 0};
	in[0] = out[0] = '\0';
	if (is_final[0] && w->fn("", "", w->ctx))
		goto failed;
	while (depth) {
		frame *f = &work[depth - 1];
		if (f->next >= first[f->state + 1]) {
			depth--;
			continue;
		}
		const arc *a = &s->arcs[f->next++];
		if (on_cycle[a->to] || a->in_class || depth >= MAX_DEPTH)
			continue;
		const char *ti = symbol_text(a->in), *to = symbol_text(a->out);
		if (!ti || !to)
			continue;
		if (f->in_len == 0 && ti[0] >= '0' && ti[0] <= '9')
			continue;
		size_t li = strlen(ti), lo = strlen(to);
		if (f->in_len + li >= MAX_TEXT || f->out_len + lo >= MAX_TEXT)
			continue;
		memcpy(in + f->in_len, ti, li + 1);
		memcpy(out + f->out_len, to, lo + 1);
		frame g = {a->to, first[a->to], (uint16_t)(f->in_len + li),
			   (uint16_t)(f->out_len + lo)};
		work[depth++] = g;
		if (is_final[a->to]) {
			if (++w->paths > w->max_paths) {
				fprintf(stderr, "mkpivot: %s: more than %ld paths\n",
					w->path, w->max_paths);
				goto done;
			}
			if (w->fn(in, out, w->ctx))
				goto failed;
		}
	}
	rc = 0;
	goto done;
failed:
	fprintf(stderr, "mkpivot: %s: failed on a path\n", w->path);
done:
	free(first);
	free(is_final);
	free(on_cycle);
	free(index);
	free(low);
	free(stack);
	free(on_stack);
	free(work);
	free(in);
	free(out);
	return rc;
}

/* ---- reading the dump ------------------------------------------------------------*/
static char *read_dump(const char *bin_path, size_t *len)
{
	char cmd[4200];
	if (strchr(bin_path, '\'') || strlen(bin_path) > 4000)
		return NULL;
	snprintf(cmd, sizeof cmd, "lt-print -H '%s' 2>/dev/null", bin_path);
	FILE *p = popen(cmd, "r");
	if (!p)
		return NULL;
	size_t cap = 1 << 20, n = 0;
	char *buf = malloc(cap + 1);
	while (buf) {
		if (n == cap) {
			char *nb = cap < MAX_DUMP ? realloc(buf, cap * 2 + 1) : NULL;
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
		size_t k = fread(buf + n, 1, cap - n, p);
		if (k == 0)
			break;
		n += k;
	}
	int status = pclose(p);
	if (buf && (status != 0 || n == 0)) {
		free(buf);
		buf = NULL;
	}
	if (buf)
		buf[n] = '\0';
	*len = n;
	return buf;
}

long att_each_path(const char *bin_path, long max_paths, att_path_fn fn,
		   void *ctx)
{
	size_t len = 0;
	char *dump = read_dump(bin_path, &len);
	if (!dump) {
		fprintf(stderr, "mkpivot: %s: lt-print (Debian lttoolbox-dev) could "
				"not read it\n", bin_path);
		return -1;
	}
	walker w = {bin_path, fn, ctx, 0, max_paths};
	section s = {0};
	int rc = 0;
	long line_no = 0;
	for (char *line = dump; *line && !rc;) {
		char *end = strchr(line, '\n');
		if (end)
			*end = '\0';
		line_no++;
		if (strcmp(line, "--") == 0) {
			rc = walk(&w, &s);
			s.n_arcs = s.n_finals = 0;
			s.n_states = 0;
		} else if (*line) {
			char *f[5] = {line, NULL, NULL, NULL, NULL};
			int nf = 1;
			for (char *t = line; *t && nf < 5; t++)
				if (*t == '\t') {
					*t = '\0';
					f[nf++] = t + 1;
				}
			uint32_t a = 0, b = 0;
			int bad = parse_state(f[0], &a);
			if (!bad && nf >= 4) {
				bad = parse_state(f[1], &b) ||
				      push_arc(&s, (arc){a, b, f[2], f[3], 0});
			} else if (!bad) {
				bad = push_final(&s, a);
			}
			if (bad) {
				fprintf(stderr, "mkpivot: %s: line %ld of lt-print's "
						"output is not ATT\n", bin_path, line_no);
				rc = -1;
			}
			if (a >= s.n_states)
				s.n_states = a + 1;
			if (b >= s.n_states)
				s.n_states = b + 1;
		}
		line = end ? end + 1 : line + strlen(line);
	}
	if (!rc)
		rc = walk(&w, &s);
	free(s.arcs);
	free(s.finals);
	free(dump);
	return rc ? -1 : w.paths;
}
