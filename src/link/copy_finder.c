/*
 * copy_finder.c: the copy search of the link stage on its own.
 *
 * ngi_link_add finds the copy edges of the next article (copy_index.c,
 * then reuse.c), then decides its story with them. Nothing of the story
 * stage goes into the edges, so the search can run apart, in another
 * process, as long as it sees the same articles in the same order: the
 * distributed ingest runs it on one rank and hands the edges to the rank
 * that links stories, which takes them with ngi_link_replay (src/dist/,
 * docs/SCALE.md). The finder keeps the copy index as ngi_link does
 * (ngi_copy_index_add after each article, with the edges found), so its
 * edges are ngi_link_add's, article for article.
 */
#include <stdlib.h>

#include "link_internal.h"

struct ngi_copy_finder {
	ngi_link_config config;
	ngi_copy_index copies;
};

ng_status ngi_copy_finder_new(const ngi_link_config *c, ngi_copy_finder **out)
{
	ngi_copy_finder *f = calloc(1, sizeof *f);
	if (!f)
		return NG_ERR_NOMEM;
	f->config = *c;
	ngi_copy_index_init(&f->copies);
	*out = f;
	return NG_OK;
}

void ngi_copy_finder_free(ngi_copy_finder *f)
{
	if (!f)
		return;
	ngi_copy_index_free(&f->copies);
	free(f);
}

ng_status ngi_copy_finder_add(ngi_copy_finder *f, const ngi_link_article *a,
			      ngi_copy_edge edges[NGI_MAX_EDGES_PER_ARTICLE],
			      int *n_edges)
{
	uint32_t seq = (uint32_t)f->copies.n;
	int n = ngi_copy_index_find(&f->copies, a, seq, f->config.near_threshold,
				    edges, NGI_MAX_EDGES_PER_ARTICLE);
	ng_status st = ngi_reuse_find(&f->copies, &f->config, a, seq, edges, &n,
				      NGI_MAX_EDGES_PER_ARTICLE);
	if (!st)
		st = ngi_copy_index_add(&f->copies, a, seq, edges, n);
	if (st)
		return st;
	*n_edges = n;
	return NG_OK;
}
