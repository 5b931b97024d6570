/*
 * api_articles.c: the article endpoints (docs/API.md): every article in
 * ingest order, paged; one article (its columns, body, copy edges, quotes,
 * entity mentions and dates); full-text search over titles and bodies.
 */
#include "api.h"

int ngs_get_articles(ngs_call *x)
{
	ngs_paging p;
	if (!ngs_get_paging(x, &p))
		return 0;
	ng_cursor *c = NULL;
	return ngs_answer_page(x, ng_articles_open(x->e, &c), &c, &p, 0, NULL);
}

int ngs_get_article(ngs_call *x)
{
	const char *id = x->rest;
	ngi_buf *b = &x->reply->body;
	ng_cursor *c = NULL;
	ng_status st = ng_article_open(x->e, id, &c);
	if (!st)
		st = ngs_json_one_row(b, "article", c);
	const char *text = NULL;
	size_t len = 0;
	if (!st)
		st = ng_article_text(x->e, id, &text, &len);
	if (!st)
		st = ngi_buf_puts(b, ",\"text\":");
	if (!st)
		st = ngs_json_str(b, text ? text : "", text ? len : 0);
	if (!st)
		st = ng_article_copies_open(x->e, id, &c);
	st = st ? st : ngs_json_list(x, "copies", st, c, NULL);
	if (!st)
		st = ng_article_quotes_open(x->e, id, &c);
	st = st ? st : ngs_json_list(x, "quotes", st, c, NULL);
	if (!st)
		st = ng_article_mentions_open(x->e, id, &c);
	st = st ? st : ngs_json_list(x, "mentions", st, c, NULL);
	if (!st)
		st = ng_article_dates_open(x->e, id, &c);
	st = st ? st : ngs_json_list(x, "dates", st, c, NULL);
	if (!st)
		st = ngi_buf_puts(b, "}\n");
	if (st)
		return ngs_fail_status(x, st);
	x->reply->status = 200;
	return 1;
}

int ngs_get_search(ngs_call *x)
{
	const char *q = ngs_arg(x, "q");
	if (!q)
		return ngs_fail(x, 400, "give q, the words to search for");
	ngs_paging p;
	if (!ngs_get_paging(x, &p))
		return 0;
	ng_cursor *c = NULL;
	return ngs_answer_page(x, ng_search_open(x->e, q, p.limit + 1, p.offset, &c),
			       &c, &p, 1, NULL);
}
