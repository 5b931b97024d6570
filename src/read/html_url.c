/*
 * html_url.c: URLs and dates as pages write them.
 *
 * (Resolving a link against the page's URL is ngi_url_resolve, fetch.h,
 * over libcurl's URL parser: one resolver for the extractor and watch.)
 * The host of a URL. A date in a URL path is the
 * first of "/YYYY/MM/DD/", "/YYYY-MM-DD", "/YYYYMMDD/" (years 1990 to
 * 2099, checked month and day). Metadata dates are read in the forms
 * sites use: ISO 8601 with or without time, seconds, fractions and zone
 * ("Z", "+01:00", "+0100"), a space for the "T", "YYYY/MM/DD", and
 * RFC 822 ("Tue, 19 Nov 2019 08:19:00 GMT").
 */
#include "html_int.h"
#include "rfc822.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_alpha(int c)
{
	return (c | 32) >= 'a' && (c | 32) <= 'z';
}

/* Length of the scheme ("https") when s starts with one and a ':'. */
static size_t scheme_len(const char *s)
{
	size_t i = 0;
	if (!is_alpha((unsigned char)s[0]))
		return 0;
	while (is_alpha((unsigned char)s[i]) || is_digit((unsigned char)s[i]) ||
	       s[i] == '+' || s[i] == '-' || s[i] == '.')
		i++;
	return s[i] == ':' ? i : 0;
}

const char *ngi_url_host(const char *url, ngi_arena *a)
{
	if (!url)
		return NULL;
	size_t sl = scheme_len(url);
	if (!sl || strncmp(url + sl, "://", 3) != 0)
		return NULL;
	const char *h = url + sl + 3;
	size_t n = strcspn(h, "/?#");
	const char *at = memchr(h, '@', n);
	if (at) {
		n -= (size_t)(at + 1 - h);
		h = at + 1;
	}
	const char *colon = memchr(h, ':', n);
	if (colon)
		n = (size_t)(colon - h);
	if (n > 4 && strncasecmp(h, "www.", 4) == 0) {
		h += 4;
		n -= 4;
	}
	if (!n)
		return NULL;
	char *o = ngi_arena_strndup(a, h, n);
	if (o)
		for (char *p = o; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p += 32;
	return o;
}

static int days_in_month(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

static int valid_ymd(int y, int m, int d)
{
	return y >= 1990 && y <= 2099 && m >= 1 && m <= 12 && d >= 1 &&
	       d <= days_in_month(y, m);
}

static int num(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!is_digit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static const char *ymd(ngi_arena *a, int y, int m, int d)
{
	char buf[48];
	snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
	return ngi_arena_strdup(a, buf);
}

const char *ngi_url_date(const char *url, ngi_arena *a)
{
	if (!url)
		return NULL;
	size_t sl = scheme_len(url);
	const char *p = url;
	if (sl && strncmp(url + sl, "://", 3) == 0)
		p = url + sl + 3 + strcspn(url + sl + 3, "/?#");
	size_t plen = strcspn(p, "?#");
	for (size_t i = 0; i < plen; i++) {
		if (p[i] != '/' && p[i] != '-' && p[i] != '_')
			continue;
		const char *s = p + i + 1;
		size_t left = plen - i - 1;
		if (left >= 10 && (s[4] == '/' || s[4] == '-') && s[7] == s[4]) {
			int y = num(s, 4), m = num(s + 5, 2), d = num(s + 8, 2);
			if (valid_ymd(y, m, d) &&
			    (left == 10 || !is_digit((unsigned char)s[10])))
				return ymd(a, y, m, d);
		}
		if (left >= 8 && p[i] == '/' &&
		    (left == 8 || s[8] == '/' || s[8] == '-' || s[8] == '_' ||
		     s[8] == '.')) {
			int y = num(s, 4), m = num(s + 4, 2), d = num(s + 6, 2);
			if (valid_ymd(y, m, d))
				return ymd(a, y, m, d);
		}
	}
	return NULL;
}

const char *ngi_iso_date(const char *s, ngi_arena *a)
{
	if (!s)
		return NULL;
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	int y, mo, d, h = -1, mi = 0, sec = 0;
	const char *p;
	if (num(s, 4) >= 0 && (s[4] == '-' || s[4] == '/') && s[7] == s[4]) {
		y = num(s, 4);
		mo = num(s + 5, 2);
		d = num(s + 8, 2);
		p = s + 10;
	} else if (num(s, 8) >= 0 && !is_digit((unsigned char)s[8])) {
		y = num(s, 4);
		mo = num(s + 4, 2);
		d = num(s + 6, 2);
		p = s + 8;
	} else {
		/* RFC 822: "Tue, 19 Nov 2019 08:19:00 GMT" or "19 Nov 2019" */
		char iso[40];
		return ngi_rfc822_date(s, iso) ? ngi_arena_strdup(a, iso) : NULL;
	}
	if (mo < 0 || d < 0 || !valid_ymd(y, mo, d))
		return NULL;
	if ((*p == 'T' || *p == ' ') && num(p + 1, 2) >= 0 && p[3] == ':' &&
	    num(p + 4, 2) >= 0) {
		h = num(p + 1, 2);
		mi = num(p + 4, 2);
		p += 6;
		if (*p == ':' && num(p + 1, 2) >= 0) {
			sec = num(p + 1, 2);
			p += 3;
		}
		if (*p == '.' || *p == ',')
			for (p++; is_digit((unsigned char)*p); p++)
				;
		if (h > 23 || mi > 59 || sec > 60)
			return ymd(a, y, mo, d);
		char zone[32] = "";
		if (*p == 'Z' || *p == 'z') {
			strcpy(zone, "Z");
		} else if ((*p == '+' || *p == '-') && num(p + 1, 2) >= 0) {
			int zh = num(p + 1, 2), zm = 0;
			if (p[3] == ':' && num(p + 4, 2) >= 0)
				zm = num(p + 4, 2);
			else if (num(p + 3, 2) >= 0)
				zm = num(p + 3, 2);
			if (zh <= 14 && zm <= 59)
				snprintf(zone, sizeof zone, "%c%02d:%02d", *p,
					 zh, zm);
		}
		char buf[96];
		snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%s", y,
			 mo, d, h, mi, sec, zone);
		return ngi_arena_strdup(a, buf);
	}
	return ymd(a, y, mo, d);
}
