/*
 * api_stories.c: the story endpoints (docs/API.md): the list with its
 * filters and paging, one story with the first page of its articles, copy
 * edges and related stories, a story's articles, timeline, copy edges and related stories
 * each paged, and the evidence of one copy edge.
 */
#include "api.h"

int ngs_get_stories(ngs_call *x)
{
	ngs_paging p;
	if (!ngs_get_paging(x, &p))
		return 0;
	ng_story_filter f = NG_STORY_FILTER_INIT;
	f.lang = ngs_arg(x, "lang");
	f.from = ngs_arg(x, "from");
	f.to = ngs_arg(x, "to");
	f.match = ngs_arg(x, "q");
	f.text = ngs_arg(x, "text");
	const char *bad = ngs_param_lang("lang", f.lang, x->msg, sizeof x->msg);
	if (!bad)
		bad = ngs_param_date("from", f.from, x->msg, sizeof x->msg);
	if (!bad)
		bad = ngs_param_date("to", f.to, x->msg, sizeof x->msg);
	if (!bad)
		bad = ngs_param_int("min_size", ngs_arg(x, "min_size"), 1,
				    1LL << 40, &f.min_size, x->msg, sizeof x->msg);
	if (bad)
		return ngs_fail(x, 400, "%s", bad);
	f.offset = p.offset;
	f.limit = p.limit + 1;
	ng_cursor *c = NULL;
	return ngs_answer_page(x, ng_stories_open(x->e, &f, &c), &c, &p, 1, NULL);
}

/* The story's row as "story":{...}; NG_ERR_NOTFOUND when there is none. */
static ng_status story_object(ngs_call *x)
{
	ng_cursor *c;
	ng_status st = ng_story_open(x->e, x->nums[0], &c);
	return st ? st : ngs_json_one_row(&x->reply->body, "story", c);
}

/* One story with the first page of its articles, copy edges and related
 * stories (limit: the paging parameter, default 50); NAME_more says a list
 * goes on, the story's own endpoints page through the rest. */
int ngs_get_story(ngs_call *x)
{
	long long id = x->nums[0];
	ngs_paging p;
	if (!ngs_get_paging(x, &p))
		return 0;
	ng_cursor *c = NULL;
	ng_status st = story_object(x);
	if (!st)
		st = ng_story_articles_open(x->e, id, &c);
	st = st ? st : ngs_json_list_cut(x, "articles", st, c, p.limit, NULL);
	if (!st)
		st = ng_story_copies_open(x->e, id, &c);
	st = st ? st : ngs_json_list_cut(x, "copies", st, c, p.limit, NULL);
	if (!st)
		st = ng_related_stories_open(x->e, id, &c);
	st = st ? st : ngs_json_list_cut(x, "related", st, c, p.limit, NULL);
	if (!st)
		st = ngi_buf_puts(&x->reply->body, "}\n");
	if (st)
		return ngs_fail_status(x, st);
	x->reply->status = 200;
	return 1;
}

int ngs_get_story_articles(ngs_call *x)
{
	ngs_paging p;
	if (!ngs_get_paging(x, &p))
		return 0;
	ng_cursor *c = NULL;
	return ngs_answer_page(x, ng_story_articles_open(x->e, x->nums[0], &c), &c,
			       &p, 0, NULL);
}

int ngs_get_story_timeline(ngs_call *x)
{
	ngs_paging p;
	if (!ngs_get_paging(x, &p))
		return 0;
	int thread = 0;
	if (ngs_param_bool("thread", ngs_arg(x, "thread"), &thread, x->msg, sizeof x->msg))
		return ngs_fail(x, 400, "%s", x->msg);
	ng_cursor *c = NULL;
	return ngs_answer_page(x, ng_timeline_open(x->e, x->nums[0], thread, &c), &c,
			       &p, 0, NULL);
}

int ngs_get_story_copies(ngs_call *x)
{
	ngs_paging p;
	if (!ngs_get_paging(x, &p))
		return 0;
	ng_cursor *c = NULL;
	return ngs_answer_page(x, ng_story_copies_open(x->e, x->nums[0], &c), &c, &p,
			       0, NULL);
}

int ngs_get_story_related(ngs_call *x)
{
	ngs_paging p;
	if (!ngs_get_paging(x, &p))
		return 0;
	ng_cursor *c = NULL;
	return ngs_answer_page(x, ng_related_stories_open(x->e, x->nums[0], &c), &c,
			       &p, 0, NULL);
}

int ngs_get_evidence(ngs_call *x)
{
	const char *copy = ngs_arg(x, "copy"), *original = ngs_arg(x, "original");
	if (!copy || !original)
		return ngs_fail(x, 400, "give copy and original (the two article ids)");
	ngs_paging p;
	if (!ngs_get_paging(x, &p))
		return 0;
	/* an edge between two unknown articles is a 404, not an empty list */
	ng_cursor *c = NULL;
	ng_status st = ng_article_open(x->e, copy, &c);
	ng_cursor_close(c);
	c = NULL;
	if (!st)
		st = ng_article_open(x->e, original, &c);
	ng_cursor_close(c);
	c = NULL;
	if (st)
		return ngs_fail_status(x, st);
	return ngs_answer_page(x, ng_evidence_open(x->e, copy, original, &c), &c, &p,
			       0, NULL);
}
