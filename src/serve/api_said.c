/*
 * api_said.c: who said what (docs/API.md): quotes and quote groups by
 * story, speaker and group; claims by story and claimant, each with its
 * stories, the articles that report it, the responses to it and each
 * article's stance.
 */
#include "api.h"

/* The said filter from story, speaker and group, with paging; 0 after a
 * 400. */
static int said_filter(ngs_call *x, ng_said_filter *f, ngs_paging *p,
		       int with_group)
{
	if (!ngs_get_paging(x, p))
		return 0;
	const char *bad = ngs_param_int("story", ngs_arg(x, "story"), 1, 1LL << 62,
					&f->story, x->msg, sizeof x->msg);
	if (!bad && with_group)
		bad = ngs_param_int("group", ngs_arg(x, "group"), 1, 1LL << 62,
				    &f->group, x->msg, sizeof x->msg);
	if (bad)
		return ngs_fail(x, 400, "%s", bad);
	f->speaker = ngs_arg(x, "speaker");
	f->offset = p->offset;
	f->limit = p->limit + 1;
	return 1;
}

int ngs_get_quotes(ngs_call *x)
{
	ng_said_filter f = NG_SAID_FILTER_INIT;
	ngs_paging p;
	if (!said_filter(x, &f, &p, 1))
		return 0;
	ng_cursor *c = NULL;
	return ngs_answer_page(x, ng_quotes_open(x->e, &f, &c), &c, &p, 1, NULL);
}

int ngs_get_quote_groups(ngs_call *x)
{
	ng_said_filter f = NG_SAID_FILTER_INIT;
	ngs_paging p;
	if (!said_filter(x, &f, &p, 1))
		return 0;
	ng_cursor *c = NULL;
	return ngs_answer_page(x, ng_quote_groups_open(x->e, &f, &c), &c, &p, 1, NULL);
}

/* After a claim's columns: its stories, reports, responses and stances. */
static ng_status claim_extra(ngs_call *x, ng_cursor *claim)
{
	long long id = ng_cursor_column_int64(claim, 0);
	ng_cursor *c = NULL;
	ng_status st = ng_claim_stories_open(x->e, id, &c);
	st = ngs_json_list(x, "stories", st, c, NULL);
	if (!st)
		st = ng_claim_reports_open(x->e, id, &c);
	st = st ? st : ngs_json_list(x, "reported_in", st, c, NULL);
	if (!st)
		st = ng_claim_responses_open(x->e, id, &c);
	st = st ? st : ngs_json_list(x, "answered_by", st, c, NULL);
	if (!st)
		st = ng_claim_stances_open(x->e, id, &c);
	st = st ? st : ngs_json_list(x, "stances", st, c, NULL);
	return st;
}

int ngs_get_claims(ngs_call *x)
{
	ng_said_filter f = NG_SAID_FILTER_INIT;
	ngs_paging p;
	if (!said_filter(x, &f, &p, 0))
		return 0;
	ng_cursor *c = NULL;
	return ngs_answer_page(x, ng_claims_open(x->e, &f, &c), &c, &p, 1, claim_extra);
}

int ngs_get_story_claims(ngs_call *x)
{
	ng_said_filter f = NG_SAID_FILTER_INIT;
	ngs_paging p;
	if (!said_filter(x, &f, &p, 0))
		return 0;
	f.story = x->nums[0];
	/* an unknown story is a 404, not an empty list */
	ng_cursor *c = NULL;
	ng_status st = ng_story_open(x->e, f.story, &c);
	ng_cursor_close(c);
	if (st)
		return ngs_fail_status(x, st);
	c = NULL;
	return ngs_answer_page(x, ng_claims_open(x->e, &f, &c), &c, &p, 1, claim_extra);
}
