/*
 * rfc822.c: RFC 822 dates as feeds, HTTP and pages write them (rfc822.h).
 */
#include "rfc822.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../base/base.h"

static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
				      "jul", "aug", "sep", "oct", "nov", "dec"};

static void copy_iso(char out[40], const char *iso)
{
	size_t n = strlen(iso);
	if (n > 39)
		n = 39;
	memcpy(out, iso, n);
	out[n] = '\0';
}

int ngi_rfc822_date(const char *s, char out[40])
{
	while (*s == ' ')
		s++;
	/* an optional day name and comma */
	const char *comma = strchr(s, ',');
	if (comma && comma - s <= 10)
		s = comma + 1;
	int day = 0, year = 0, hh = 0, mm = 0, ss = 0, month = -1;
	char mon[8] = "", zone[8] = "";
	int used = 0;
	if (sscanf(s, " %d %7s %d%n", &day, mon, &year, &used) < 3)
		return 0;
	s += used;
	/* the time: hh:mm or hh:mm:ss, then the zone */
	int got = 3, t = 0;
	if (sscanf(s, " %d:%d%n", &hh, &mm, &t) == 2) {
		got = 5;
		s += t;
		if (sscanf(s, ":%d%n", &ss, &t) == 1)
			s += t;
		if (sscanf(s, " %7s", zone) != 1)
			zone[0] = '\0';
	}
	for (int i = 0; i < 12; i++)
		if (!strncasecmp(mon, months[i], 3))
			month = i + 1;
	if (month < 0 || day < 1 || day > 31 || hh < 0 || hh > 23 || mm < 0 ||
	    mm > 59 || ss < 0 || ss > 60)
		return 0;
	if (year < 50)
		year += 2000;
	else if (year < 100)
		year += 1900;
	if (year < 1900 || year > 2999)
		return 0;
	char iso[128]; /* what the compiler cannot bound, then copied */
	if (got < 5) {
		snprintf(iso, sizeof iso, "%04d-%02d-%02d", year, month, day);
		copy_iso(out, iso);
		return 1;
	}
	int offset = 0; /* minutes east of UTC */
	static const struct {
		const char *name;
		int minutes;
	} zones[] = {{"GMT", 0},	 {"UT", 0},	  {"UTC", 0},
		     {"Z", 0},		 {"EST", -300},	  {"EDT", -240},
		     {"CST", -360},	 {"CDT", -300},	  {"MST", -420},
		     {"MDT", -360},	 {"PST", -480},	  {"PDT", -420}};
	int known = 0;
	if ((zone[0] == '+' || zone[0] == '-') && isdigit((unsigned char)zone[1]) &&
	    strlen(zone) == 5) {
		int v = atoi(zone + 1);
		offset = (v / 100) * 60 + v % 100;
		if (zone[0] == '-')
			offset = -offset;
		known = 1;
	} else {
		for (size_t i = 0; i < NGI_ARRAY_LEN(zones); i++)
			if (!strcasecmp(zone, zones[i].name)) {
				offset = zones[i].minutes;
				known = 1;
			}
	}
	if (!known) {
		snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:%02d", year,
			 month, day, hh, mm, ss);
		copy_iso(out, iso);
		return 1;
	}
	int abs_off = offset < 0 ? -offset : offset;
	snprintf(iso, sizeof iso, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", year,
		 month, day, hh, mm, ss, offset < 0 ? '-' : '+', abs_off / 60,
		 abs_off % 60);
	copy_iso(out, iso);
	return 1;
}
