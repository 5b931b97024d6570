/*
 * robots.c: the robots.txt parser and matcher (robots.h).
 *
 * One pass over the lines: consecutive User-agent lines open a group, the
 * rules after them belong to it until the next User-agent line that
 * follows a rule. Each group is sorted on the fly into "ours" (it names
 * our product token) or "anyone" ("*"); the answer is ours when any group
 * named us, else anyone's.
 */
#include "robots.h"

#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

int ngi_robots_match(const char *pattern, size_t plen, const char *path,
		     size_t len)
{
	int anchored = plen && pattern[plen - 1] == '$';
	if (anchored)
		plen--;
	/* greedy with one backtrack point (the last '*'): O(plen * len) */
	size_t i = 0, j = 0, star = SIZE_MAX, mark = 0;
	for (;;) {
		if (i == plen && (!anchored || j == len))
			return 1;
		if (i < plen && pattern[i] == '*') {
			star = i++;
			mark = j;
			continue;
		}
		if (i < plen && j < len && pattern[i] == path[j]) {
			i++;
			j++;
			continue;
		}
		if (star != SIZE_MAX && mark < len) {
			i = star + 1;
			j = ++mark;
			continue;
		}
		return 0;
	}
}

int ngi_robots_allowed(const ngi_robots *r, const char *path,
		       const ngi_robots_rule **rule)
{
	const ngi_robots_rule *best = NULL;
	size_t len = strlen(path);
	if (strcmp(path, "/robots.txt") != 0) {
		for (size_t i = 0; i < r->n_rules; i++) {
			const ngi_robots_rule *x = &r->rules[i];
			if (best && (x->len < best->len ||
				     (x->len == best->len && !x->allow)))
				continue;
			if (ngi_robots_match(x->pattern, x->len, path, len))
				best = x;
		}
	}
	if (rule)
		*rule = best;
	return !best || best->allow;
}

/* Whether a User-agent value names agent: its product token (the letters,
 * '-' and '_' it starts with) equals agent, case aside. */
static int names_agent(const char *v, size_t n, const char *agent)
{
	size_t k = 0;
	while (k < n && (isalpha((unsigned char)v[k]) || v[k] == '-' || v[k] == '_'))
		k++;
	return k && k == strlen(agent) && !strncasecmp(v, agent, k);
}

/* A Crawl-delay value: digits, optionally a fraction; -1 when not one. */
static double delay_value(const char *v, size_t n)
{
	double d = 0, scale = 0;
	int digits = 0;
	for (size_t i = 0; i < n; i++) {
		if (isdigit((unsigned char)v[i])) {
			if (scale) {
				d += (v[i] - '0') * scale;
				scale /= 10;
			} else if (d < 1e6) {
				d = d * 10 + (v[i] - '0');
			}
			digits++;
		} else if (v[i] == '.' && !scale) {
			scale = 0.1;
		} else {
			return -1;
		}
	}
	return digits ? d : -1;
}

typedef struct rule_list {
	ngi_robots_rule *rules;
	size_t n, cap;
	double delay;
	int named; /* a group named this list's agent */
} rule_list;

static ng_status add_rule(rule_list *l, const char *v, size_t n, int allow,
			  ngi_arena *a)
{
	if (n == 0 || l->n == l->cap)
		return NG_OK; /* "Disallow:" forbids nothing; past the cap */
	char *p = ngi_arena_strndup(a, v, n);
	if (!p)
		return NG_ERR_NOMEM;
	l->rules[l->n++] = (ngi_robots_rule){p, n, allow};
	return NG_OK;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

ng_status ngi_robots_parse(const char *text, size_t len, const char *agent,
			   ngi_arena *a, ngi_robots *out)
{
	if (len > NGI_ROBOTS_MAX_BYTES)
		len = NGI_ROBOTS_MAX_BYTES;
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
		text += 3;
		len -= 3;
	}
	/* a line ends at LF, CR (CRLF counts twice: room to spare) or NUL,
	 * which no rule may hold */
	size_t lines = 1;
	for (size_t i = 0; i < len; i++)
		lines += text[i] == '\n' || text[i] == '\r' || text[i] == '\0';
	size_t cap = lines < NGI_ROBOTS_MAX_RULES ? lines : NGI_ROBOTS_MAX_RULES;
	rule_list ours = {0}, anyone = {0};
	ours.delay = anyone.delay = -1;
	ours.cap = anyone.cap = cap;
	ours.rules = ngi_arena_alloc(a, cap * sizeof *ours.rules);
	anyone.rules = ngi_arena_alloc(a, cap * sizeof *anyone.rules);
	if (!ours.rules || !anyone.rules)
		return NG_ERR_NOMEM;
	/* the group being read: whom it names, and whether rules began */
	int group_ours = 0, group_anyone = 0, in_rules = 0, in_group = 0;
	size_t pos = 0;
	while (pos < len) {
		size_t end = pos;
		while (end < len && text[end] != '\n' && text[end] != '\r' &&
		       text[end] != '\0')
			end++;
		size_t next = end < len ? end + 1 : end;
		const char *hash = memchr(text + pos, '#', end - pos);
		size_t stop = hash ? (size_t)(hash - text) : end;
		size_t k = pos;
		while (k < stop && is_space(text[k]))
			k++;
		const char *colon = memchr(text + k, ':', stop - k);
		if (!colon) {
			pos = next;
			continue;
		}
		size_t key_end = (size_t)(colon - text);
		while (key_end > k && is_space(text[key_end - 1]))
			key_end--;
		size_t v = (size_t)(colon - text) + 1;
		while (v < stop && is_space(text[v]))
			v++;
		size_t v_end = stop;
		while (v_end > v && is_space(text[v_end - 1]))
			v_end--;
		const char *key = text + k, *val = text + v;
		size_t key_len = key_end - k, val_len = v_end - v;
#define KEY_IS(word) (key_len == sizeof word - 1 && !strncasecmp(key, word, key_len))
		ng_status st = NG_OK;
		if (KEY_IS("user-agent")) {
			if (in_rules || !in_group)
				group_ours = group_anyone = 0;
			in_rules = 0;
			in_group = 1;
			if (val_len == 1 && val[0] == '*')
				group_anyone = 1;
			else if (names_agent(val, val_len, agent))
				group_ours = 1;
			if (group_ours)
				ours.named = 1;
			if (group_anyone)
				anyone.named = 1;
		} else if (KEY_IS("allow") || KEY_IS("disallow") ||
			   KEY_IS("crawl-delay")) {
			in_rules = 1;
			if (!in_group) {
				pos = next; /* rules before any User-agent */
				continue;
			}
			rule_list *targets[2] = {group_ours ? &ours : NULL,
						 group_anyone ? &anyone : NULL};
			for (int t = 0; t < 2 && !st; t++) {
				rule_list *l = targets[t];
				if (!l)
					continue;
				if (KEY_IS("crawl-delay")) {
					double d = delay_value(val, val_len);
					if (d >= 0 && d > l->delay)
						l->delay = d;
				} else {
					st = add_rule(l, val, val_len, KEY_IS("allow"), a);
				}
			}
		}
#undef KEY_IS
		if (st)
			return st;
		pos = next;
	}
	const rule_list *use = ours.named ? &ours : &anyone;
	out->rules = use->rules;
	out->n_rules = use->n;
	out->crawl_delay = use->delay;
	return NG_OK;
}
