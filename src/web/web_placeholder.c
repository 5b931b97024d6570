/*
 * web_placeholder.c: PLACEHOLDER until the web view lands: no pages.
 */
#include "web.h"

int ngw_render(ng_engine *e, const ngw_request *rq, ngw_page *page)
{
	return 0;
}

void ngw_page_free(ngw_page *page)
{
}

ng_status ngw_write_site(ng_engine *e, const char *dir, long long story,
			 FILE *log)
{
	return NG_ERR_USAGE;
}
