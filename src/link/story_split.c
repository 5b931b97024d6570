/*
 * story_split.c: the groups inside one story, for splitting a story that
 * holds two claims.
 *
 * A greedy online clustering lets the first article of a new claim join the
 * story of a related one (FNC-1: "Kim Jong-un's sister is in charge" joined
 * "Kim Jong-un had ankle surgery", both full of Kim, North Korea, absence,
 * health); every later article of the new claim then fits that mixed story
 * best, and no other story exists for a member to move to. Within such a
 * story, articles of the two claims are about as similar to one another as
 * to their own claim's articles by cosine, but not in *which* articles
 * they are most similar to: each claim's articles are one another's
 * nearest neighbours. So two members count as close by the mean of their
 * cosine and a second-order similarity: the cosine of their neighbour
 * profiles (each member's similarities to its k most similar members, and
 * 1 to itself). Average-link clustering on that, cut at a fixed mean link,
 * gives the groups. The cosines come from the members' term bags, read back
 * by link.c, weighed under today's idf.
 *
 * k = 6 and the cut 0.10 come from FNC-1's training bodies split into two
 * halves by gold story, chosen on each half's final stories and measured
 * on the other (docs/QUALITY.md). O(n^2 k) time for the similarities and
 * about O(n^2) for the clustering (each cluster keeps its best partner),
 * O(n^2) memory for n members: the caller keeps n small (link.c checks
 * stories of at most 256).
 */
#include "link_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- similarities ---------------------------------------------------------- */
/* The story's vocabulary gets dense indexes once (each distinct term's idf
 * computed once); then a member's unit weights are scattered into one row
 * and every later member's terms are gathered from it. */
ng_status ngi_member_cosines(const ngi_story_index *si, const ngi_member *m,
			     uint32_t n, float *sim)
{
	size_t total = 0;
	for (uint32_t i = 0; i < n; i++)
		total += m[i].n_terms;
	uint32_t *local = malloc((total ? total : 1) * sizeof *local);
	float *unit = malloc((total ? total : 1) * sizeof *unit);
	double *weight = malloc((total ? total : 1) * sizeof *weight);
	size_t *start = malloc((n + 1) * sizeof *start);
	ngi_map vocab;
	ngi_map_init(&vocab);
	ng_status st = local && unit && weight && start ? NG_OK : NG_ERR_NOMEM;
	size_t n_vocab = 0, at = 0;
	for (uint32_t i = 0; i < n && !st; i++) {
		start[i] = at;
		double norm2 = 0;
		for (uint32_t x = 0; x < m[i].n_terms; x++, at++) {
			uint64_t *v = ngi_map_upsert(&vocab, m[i].terms[x].term, n_vocab);
			if (!v) {
				st = NG_ERR_NOMEM;
				break;
			}
			if (*v == n_vocab)
				weight[n_vocab++] = ngi_story_index_idf2(si, m[i].terms[x].term);
			local[at] = (uint32_t)*v;
			unit[at] = (float)(ngi_story_index_tf(m[i].terms[x].count) * weight[*v]);
			norm2 += (double)unit[at] * unit[at];
		}
		float inv = norm2 > 0 ? (float)(1 / sqrt(norm2)) : 0;
		for (size_t x = start[i]; x < at; x++)
			unit[x] *= inv;
	}
	if (!st)
		start[n] = at;
	float *row = st ? NULL : calloc(n_vocab ? n_vocab : 1, sizeof *row);
	if (!st && !row)
		st = NG_ERR_NOMEM;
	for (uint32_t i = 0; i < n && !st; i++) {
		for (size_t x = start[i]; x < start[i + 1]; x++)
			row[local[x]] = unit[x];
		for (uint32_t j = i; j < n; j++) {
			double d = 0;
			for (size_t y = start[j]; y < start[j + 1]; y++)
				d += (double)row[local[y]] * unit[y];
			if (m[i].lang && m[j].lang && m[i].lang != m[j].lang)
				d = d * NGI_XLING_SCALE < 1 ? d * NGI_XLING_SCALE : 1;
			sim[(size_t)i * n + j] = sim[(size_t)j * n + i] = (float)d;
		}
		for (size_t x = start[i]; x < start[i + 1]; x++)
			row[local[x]] = 0;
	}
	free(row);
	free(local);
	free(unit);
	free(weight);
	free(start);
	ngi_map_free(&vocab);
	return st;
}

/* ---- groups ---------------------------------------------------------------- */
/* The k most similar other members of row i (ties by lower index), in
 * top[0 .. returned count). */
static uint32_t nearest(const float *sim, uint32_t n, uint32_t i, uint32_t k,
			uint32_t *top)
{
	uint32_t m = 0;
	const float *row = sim + (size_t)i * n;
	for (uint32_t j = 0; j < n; j++) {
		if (j == i)
			continue;
		uint32_t pos = m;
		while (pos > 0 && row[top[pos - 1]] < row[j])
			pos--;
		if (pos >= k)
			continue;
		if (m < k)
			m++;
		memmove(top + pos + 1, top + pos, (m - 1 - pos) * sizeof *top);
		top[pos] = j;
	}
	return m;
}

/* The best partner of cluster i among the live clusters j > i (ties: the
 * lower j), or none (best[i] = n). */
static void best_partner(const double *link, const uint32_t *size, uint32_t n,
			 uint32_t i, uint32_t *best)
{
	best[i] = n;
	for (uint32_t j = i + 1; j < n; j++)
		if (size[j] && (best[i] == n ||
				link[(size_t)i * n + j] > link[(size_t)i * n + best[i]]))
			best[i] = j;
}

ng_status ngi_story_split_groups(const float *sim, uint32_t n, uint32_t k,
				 double cut, uint32_t *group, uint32_t *n_groups)
{
	*n_groups = 0;
	if (n == 0)
		return NG_OK;
	float *profile = calloc((size_t)n * n, sizeof *profile);
	double *link = malloc((size_t)n * n * sizeof *link);
	uint32_t *size = malloc(n * sizeof *size);
	uint32_t *best = malloc(n * sizeof *best);
	/* each profile row's non-zero columns: its k neighbours and itself */
	uint32_t *nz = malloc((size_t)n * (k + 1) * sizeof *nz);
	uint32_t *n_nz = malloc(n * sizeof *n_nz);
	ng_status st = profile && link && size && best && nz && n_nz
			       ? NG_OK : NG_ERR_NOMEM;
	for (uint32_t i = 0; i < n && !st; i++) {
		float *p = profile + (size_t)i * n;
		uint32_t *top = nz + (size_t)i * (k + 1);
		uint32_t m = nearest(sim, n, i, k, top);
		double norm2 = 1;
		for (uint32_t q = 0; q < m; q++) {
			float v = sim[(size_t)i * n + top[q]];
			p[top[q]] = v > 0 ? v : 0;
			norm2 += (double)p[top[q]] * p[top[q]];
		}
		p[i] = 1;
		top[m] = i;
		n_nz[i] = m + 1;
		float inv = (float)(1 / sqrt(norm2));
		for (uint32_t q = 0; q <= m; q++)
			p[top[q]] *= inv;
	}
	for (uint32_t i = 0; i < n && !st; i++) {
		const float *a = profile + (size_t)i * n;
		const uint32_t *cols = nz + (size_t)i * (k + 1);
		for (uint32_t j = i; j < n; j++) {
			const float *b = profile + (size_t)j * n;
			double second = 0;
			for (uint32_t q = 0; q < n_nz[i]; q++)
				second += (double)a[cols[q]] * b[cols[q]];
			double v = 0.5 * sim[(size_t)i * n + j] + 0.5 * second;
			link[(size_t)i * n + j] = link[(size_t)j * n + i] = v;
		}
	}
	if (!st) {
		/* group[i]: the cluster's representative while merging; the
		 * closest pair is the first (i, best[i]) of the highest link,
		 * as a scan of all pairs i < j in order would find it */
		for (uint32_t i = 0; i < n; i++) {
			group[i] = i;
			size[i] = 1;
		}
		for (uint32_t i = 0; i < n; i++)
			best_partner(link, size, n, i, best);
		for (;;) {
			uint32_t a = n;
			for (uint32_t i = 0; i < n; i++)
				if (size[i] && best[i] < n &&
				    (a == n || link[(size_t)i * n + best[i]] >
						       link[(size_t)a * n + best[a]]))
					a = i;
			if (a == n || link[(size_t)a * n + best[a]] < cut)
				break;
			uint32_t b = best[a];
			/* average link of the union (Lance-Williams) */
			for (uint32_t q = 0; q < n; q++) {
				if (!size[q] || q == a || q == b)
					continue;
				double v = (size[a] * link[(size_t)a * n + q] +
					    size[b] * link[(size_t)b * n + q]) /
					   (size[a] + size[b]);
				link[(size_t)a * n + q] = link[(size_t)q * n + a] = v;
			}
			size[a] += size[b];
			size[b] = 0;
			for (uint32_t q = 0; q < n; q++)
				if (group[q] == b)
					group[q] = a;
			/* partners that changed: a's own row, rows that pointed
			 * at a or b, rows before a whose link to a grew */
			for (uint32_t q = 0; q < n; q++) {
				if (!size[q])
					continue;
				if (q == a || best[q] == a || best[q] == b)
					best_partner(link, size, n, q, best);
				else if (q < a && (best[q] == n ||
						   link[(size_t)q * n + a] > link[(size_t)q * n + best[q]] ||
						   (link[(size_t)q * n + a] == link[(size_t)q * n + best[q]] &&
						    a < best[q])))
					best[q] = a;
			}
		}
		/* number the groups 0, 1, ... by their first member */
		for (uint32_t i = 0; i < n; i++)
			size[i] = UINT32_MAX;
		for (uint32_t i = 0; i < n; i++) {
			if (size[group[i]] == UINT32_MAX)
				size[group[i]] = (*n_groups)++;
			group[i] = size[group[i]];
		}
	}
	free(profile);
	free(link);
	free(size);
	free(best);
	free(nz);
	free(n_nz);
	return st;
}
