/*
 * params.c: the checks of request parameters and paths (params.h): escapes,
 * UTF-8, numbers, dates, language codes, paging, route patterns. Pure
 * functions; every message names the parameter and, when short, its value.
 */
#include "params.h"

#include "../base/utf8.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

size_t ngs_unescape(char *s)
{
	char *w = s;
	for (const char *r = s; *r; r++) {
		int hi, lo;
		if (*r == '%' && (hi = hex_value(r[1])) >= 0 &&
		    (lo = hex_value(r[2])) >= 0) {
			int byte = hi * 16 + lo;
			*w++ = (char)(byte ? byte : 0xFF);
			r += 2;
		} else {
			*w++ = *r;
		}
	}
	*w = 0;
	return (size_t)(w - s);
}

int ngs_text_ok(const char *s, size_t n)
{
	return ngi_utf8_valid_prefix(s, n) == n;
}

/* The value as shown in a message: itself when short and printable. */
static const char *shown(const char *value)
{
	size_t n = strlen(value);
	if (n > 40)
		return "(too long to show)";
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)value[i] < 0x20 || value[i] == '"' ||
		    (unsigned char)value[i] >= 0x80)
			return "(not shown)";
	return value;
}

const char *ngs_param_int(const char *name, const char *value, long long lo,
			  long long hi, long long *out, char *msg, size_t cap)
{
	if (!value)
		return NULL;
	char *end;
	errno = 0;
	long long v = strtoll(value, &end, 10);
	int digits = value[0] && (value[0] == '-' || (value[0] >= '0' && value[0] <= '9'));
	if (!digits || end == value || *end || errno) {
		snprintf(msg, cap, "%s must be a whole number, not \"%s\"", name,
			 shown(value));
		return msg;
	}
	if (v < lo || v > hi) {
		if (hi >= 1LL << 40)
			snprintf(msg, cap, "%s must be %lld or more, not %s", name,
				 lo, shown(value));
		else
			snprintf(msg, cap, "%s must be from %lld to %lld, not %s", name,
				 lo, hi, shown(value));
		return msg;
	}
	*out = v;
	return NULL;
}

static int days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
	return days[month - 1] + (month == 2 && leap);
}

/* n digits at s, as a number; -1 when they are not all digits. */
static int digits_at(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

const char *ngs_param_date(const char *name, const char *value, char *msg,
			   size_t cap)
{
	if (!value)
		return NULL;
	size_t n = strlen(value);
	int ok = n == 4 || n == 7 || n == 10;
	int year = ok ? digits_at(value, 4) : -1;
	ok = ok && year >= 0;
	if (ok && n >= 7) {
		int month = value[4] == '-' ? digits_at(value + 5, 2) : -1;
		ok = month >= 1 && month <= 12;
		if (ok && n == 10) {
			int day = value[7] == '-' ? digits_at(value + 8, 2) : -1;
			ok = day >= 1 && day <= days_in_month(year, month);
		}
	}
	if (ok)
		return NULL;
	snprintf(msg, cap, "%s must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not \"%s\"",
		 name, shown(value));
	return msg;
}

const char *ngs_param_lang(const char *name, const char *value, char *msg,
			   size_t cap)
{
	if (!value)
		return NULL;
	size_t n = strlen(value);
	int ok = n == 2 || n == 3;
	for (size_t i = 0; ok && i < n; i++)
		ok = value[i] >= 'a' && value[i] <= 'z';
	if (ok)
		return NULL;
	snprintf(msg, cap, "%s must be a language code of 2 or 3 lower-case letters "
			   "(\"de\", \"und\"), not \"%s\"", name, shown(value));
	return msg;
}

const char *ngs_param_bool(const char *name, const char *value, int *out,
			   char *msg, size_t cap)
{
	if (!value)
		return NULL;
	if (!strcmp(value, "1") || !strcmp(value, "true")) {
		*out = 1;
		return NULL;
	}
	if (!strcmp(value, "0") || !strcmp(value, "false")) {
		*out = 0;
		return NULL;
	}
	snprintf(msg, cap, "%s must be 1 or 0 (true or false), not \"%s\"", name,
		 shown(value));
	return msg;
}

const char *ngs_paging_parse(const char *page, const char *offset,
			     const char *limit, ngs_paging *out, char *msg,
			     size_t cap)
{
	long long lim = NGS_DEFAULT_LIMIT, off = 0, pg = 1;
	const char *bad = ngs_param_int("limit", limit, 1, NGS_MAX_LIMIT, &lim, msg, cap);
	if (!bad)
		bad = ngs_param_int("offset", offset, 0, (long long)(~0ULL >> 1), &off,
				    msg, cap);
	/* the page's offset must not overflow: pages up to 2^40 */
	if (!bad)
		bad = ngs_param_int("page", page, 1, 1LL << 40, &pg, msg, cap);
	if (!bad && page && offset) {
		snprintf(msg, cap, "give page or offset, not both");
		bad = msg;
	}
	if (bad)
		return bad;
	out->limit = lim;
	out->offset = page ? (pg - 1) * lim : off;
	return NULL;
}

int ngs_route_match(const char *pattern, const char *path, long long *nums,
		    const char **rest)
{
	const char *p = pattern, *s = path;
	int n_nums = 0, bad = 0;
	while (*p) {
		if (!strncmp(p, "{*}", 3)) {
			if (!*s)
				return 0;
			if (rest)
				*rest = s;
			return p[3] ? 0 : (bad ? -1 : 1);
		}
		if (!strncmp(p, "{n}", 3)) {
			size_t k = strcspn(s, "/");
			if (k == 0)
				return 0;
			long long v = 0;
			int ok = k <= 15;
			for (size_t i = 0; ok && i < k; i++) {
				ok = s[i] >= '0' && s[i] <= '9';
				v = v * 10 + (s[i] - '0');
			}
			if (!ok || v < 1)
				bad = 1;
			else if (n_nums < 2)
				nums[n_nums++] = v;
			p += 3;
			s += k;
			continue;
		}
		if (*p != *s)
			return 0;
		p++;
		s++;
	}
	if (*s)
		return 0;
	return bad ? -1 : 1;
}
