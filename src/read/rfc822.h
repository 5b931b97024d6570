/*
 * rfc822.h: an RFC 822 date (RSS's pubDate, HTTP headers, pages' meta
 * tags) as ISO 8601: one parser for the feed reader and the HTML
 * extractor.
 */
#ifndef NG_RFC822_H
#define NG_RFC822_H

/* An RFC 822 date ("Sun, 27 Oct 2024 11:49:00 GMT", zones GMT, UT, Z,
 * US zones and +hhmm, two-digit years) -> "2024-10-27T11:49:00+00:00".
 * Returns 1 when understood. */
int ngi_rfc822_date(const char *s, char out[40]);

#endif
