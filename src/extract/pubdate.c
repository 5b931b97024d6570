/*
 * pubdate.c: normalises publication dates from metadata (see pubdate.h).
 */
#include "pubdate.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

int32_t ngi_days_from_civil(int y, int m, int d)
{
	/* Howard Hinnant's days_from_civil, for the proleptic Gregorian calendar */
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int ngi_date_valid(int y, int m, int d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

/* Reads exactly n digits. */
static int digits(const char **p, int n, int *v)
{
	int x = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return 0;
		x = x * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*v = x;
	return 1;
}

static const char *skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* [T| ]HH:MM[:SS[.frac]] then an optional zone; fills time and zone text. */
static int parse_time(const char **pp, char *time, size_t tlen, char *zone,
		      size_t zlen)
{
	const char *p = *pp;
	int hh, mm, ss = 0;
	if (!digits(&p, 2, &hh) || *p != ':' || (p++, !digits(&p, 2, &mm)))
		return 0;
	if (*p == ':') {
		p++;
		if (!digits(&p, 2, &ss))
			return 0;
		if (*p == '.' || *p == ',')
			for (p++; isdigit((unsigned char)*p); p++)
				;
	}
	if (hh > 23 || mm > 59 || ss > 60)
		return 0;
	snprintf(time, tlen, "T%02d:%02d:%02d", hh % 24, mm % 60, ss > 59 ? 59 : ss % 60);
	zone[0] = '\0';
	p = skip_space(p);
	if (*p == 'Z' || !strncasecmp(p, "UTC", 3) || !strncasecmp(p, "GMT", 3)) {
		p += *p == 'Z' ? 1 : 3;
		if (*p != '+' && *p != '-')
			snprintf(zone, zlen, "Z");
	}
	if (*p == '+' || *p == '-') {
		char sign = *p++;
		int zh, zm = 0;
		if (!digits(&p, 2, &zh))
			return 0;
		if (*p == ':')
			p++;
		if (isdigit((unsigned char)*p) && !digits(&p, 2, &zm))
			return 0;
		if (zh > 14 || zm > 59)
			return 0;
		snprintf(zone, zlen, "%c%02d:%02d", sign, zh % 15, zm % 60);
	}
	*pp = p;
	return 1;
}

static const char *months[] = {"jan", "feb", "mar", "apr", "may", "jun",
			       "jul", "aug", "sep", "oct", "nov", "dec"};

static int finish(int y, int m, int d, const char *time, const char *zone,
		  const char *rest, char out[NGI_PUBDATE_LEN], int32_t *day)
{
	rest = skip_space(rest);
	if (*rest || !ngi_date_valid(y, m, d))
		return 0;
	snprintf(out, NGI_PUBDATE_LEN, "%04d-%02d-%02d%.9s%.6s", y, m, d, time, zone);
	*day = ngi_days_from_civil(y, m, d);
	return 1;
}

int ngi_pubdate_normalize(const char *s, char out[NGI_PUBDATE_LEN],
			  int32_t *day)
{
	char time[32] = "", zone[16] = "";
	int y, m, d;
	const char *p = skip_space(s);
	*day = INT32_MIN;
	if (p[0] == '-' && p[1] == '-') { /* --MM-DD */
		p += 2;
		if (!digits(&p, 2, &m) || *p++ != '-' || !digits(&p, 2, &d) ||
		    *skip_space(p) || !ngi_date_valid(2000, m, d))
			return 0;
		snprintf(out, NGI_PUBDATE_LEN, "--%02d-%02d", m % 13, d % 32);
		return 1;
	}
	if (digits(&p, 4, &y)) { /* YYYY-MM-DD or YYYY/MM/DD */
		char sep = *p;
		if ((sep != '-' && sep != '/') || (p++, !digits(&p, 2, &m)) ||
		    *p++ != sep || !digits(&p, 2, &d))
			return 0;
		if ((*p == 'T' || *p == ' ') && isdigit((unsigned char)p[1])) {
			p++;
			if (!parse_time(&p, time, sizeof time, zone, sizeof zone))
				return 0;
		}
		return finish(y, m, d, time, zone, p, out, day);
	}
	/* RFC 2822: [Day, ] D Mon YYYY [HH:MM[:SS] [zone]] */
	p = skip_space(s);
	if (isalpha((unsigned char)*p)) {
		while (isalpha((unsigned char)*p))
			p++;
		if (*p == ',')
			p++;
		p = skip_space(p);
	}
	if (!isdigit((unsigned char)*p))
		return 0;
	d = 0;
	while (isdigit((unsigned char)*p) && d < 100)
		d = d * 10 + (*p++ - '0');
	p = skip_space(p);
	m = 0;
	for (int i = 0; i < 12; i++)
		if (!strncasecmp(p, months[i], 3))
			m = i + 1;
	if (!m)
		return 0;
	while (isalpha((unsigned char)*p))
		p++;
	p = skip_space(p);
	if (!digits(&p, 4, &y))
		return 0;
	p = skip_space(p);
	if (isdigit((unsigned char)*p) &&
	    !parse_time(&p, time, sizeof time, zone, sizeof zone))
		return 0;
	return finish(y, m, d, time, zone, p, out, day);
}

int ngi_pubdate_seconds(const char *c, int64_t *seconds)
{
	int y, m, d, hh, mm, ss;
	char sign = 0;
	int zh = 0, zm = 0;
	if (sscanf(c, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &m, &d, &hh, &mm, &ss) != 6)
		return 0;
	const char *zone = c + 19;
	if ((*zone == '+' || *zone == '-') &&
	    sscanf(zone + 1, "%2d:%2d", &zh, &zm) == 2)
		sign = *zone;
	int64_t t = (int64_t)ngi_days_from_civil(y, m, d) * 86400 + hh * 3600 +
		    mm * 60 + ss;
	int64_t offset = (int64_t)zh * 3600 + zm * 60;
	if (sign == '+')
		t -= offset;
	else if (sign == '-')
		t += offset;
	*seconds = t;
	return 1;
}

int ngi_all_digits(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int ngi_digits_value(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}
