/*
 * fetch_schedule.c: the fetcher's timing rules as pure functions
 * (fetch.h): retry back-off, the per-host delay with robots.txt's
 * Crawl-delay, when a host may start again, when a feed is polled next.
 * The fetcher and the watch loop call them; tests check them directly.
 */
#include "fetch.h"

int ngi_fetch_transient(ngi_fetch_outcome o, long status)
{
	if (o == NGI_FETCH_HTTP_ERROR)
		return status >= 500 || status == 408 || status == 429;
	return o == NGI_FETCH_TIMEOUT || o == NGI_FETCH_NETWORK ||
	       o == NGI_FETCH_DEFERRED;
}

double ngi_fetch_backoff(int attempt, double backoff, double backoff_max)
{
	if (attempt < 1 || backoff <= 0)
		return 0;
	double d = backoff;
	for (int i = 1; i < attempt && d < backoff_max; i++)
		d *= 2;
	return d < backoff_max ? d : backoff_max;
}

double ngi_fetch_host_delay(double configured, double crawl_delay)
{
	double d = configured > 0 ? configured : 0;
	if (crawl_delay > NGI_FETCH_MAX_CRAWL_DELAY)
		crawl_delay = NGI_FETCH_MAX_CRAWL_DELAY;
	return crawl_delay > d ? crawl_delay : d;
}

double ngi_fetch_host_ready(double last_start, int started, double delay)
{
	return started ? last_start + delay : 0;
}

long long ngi_fetch_next_poll(long long now, double interval, int failures,
			      double max_wait)
{
	double wait = interval > 0 ? interval : 0;
	for (int i = 0; i < failures && wait < max_wait; i++)
		wait *= 2;
	if (wait > max_wait)
		wait = max_wait;
	return now + (long long)(wait + 0.5);
}
