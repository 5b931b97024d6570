/*
 * dates_value.c: the value of a timex (tval, dates_int.h) as the rules
 * (dates_rules.c) and resolution (dates_resolve.c) fill it (type,
 * granularity, calendar fields, or a literal), and its TIMEX3 string
 * ("2024-11-05", "2024-W43", "P3D", "PRESENT_REF"), written once the scan
 * loop (dates.c) keeps the match. Only real calendar dates with years
 * 1..9999 come out.
 */
#include <stdio.h>
#include <string.h>

#include "dates_int.h"
#include "pubdate.h"

void ngi_tval_set_date(tval *v, int y, int m, int d)
{
	v->type = TX_DATE;
	v->gran = NGI_GRAN_DAY;
	v->y = y;
	v->m = m;
	v->d = d;
}

void ngi_tval_set_day(tval *v, int32_t day)
{
	int y, m, d;
	ngi_dates_civil(day, &y, &m, &d);
	ngi_tval_set_date(v, y, m, d);
}

void ngi_tval_init(tval *v)
{
	memset(v, 0, sizeof *v);
	v->hh = -1;
	v->mi = -1;
}

void ngi_tval_set_lit(tval *v, int type, const char *lit)
{
	v->type = (uint8_t)type;
	v->gran = NGI_GRAN_NONE;
	v->anchor = NGI_ANCHOR_NONE;
	snprintf(v->lit, sizeof v->lit, "%s", lit);
}

void ngi_tval_set_week(tval *v, int32_t day)
{
	ngi_dates_iso_week(day, &v->y, &v->sub);
	v->type = TX_DATE;
	v->gran = NGI_GRAN_WEEK;
}

static const char *const unit_letter[] = {
	[DU_SECOND] = "S", [DU_MINUTE] = "M", [DU_HOUR] = "H", [DU_DAY] = "D",
	[DU_WEEKEND] = "WE", [DU_WEEK] = "W", [DU_MONTH] = "M",
	[DU_QUARTER] = "Q", [DU_HALF] = "H", [DU_YEAR] = "Y", [DU_DECADE] = "DE",
	[DU_CENTURY] = "CE"};

/* A duration of n units (n < 0: unknown, "several"). */
void ngi_tval_set_duration(tval *v, int type, int unit, int n)
{
	char num[16];
	int mult = 1;
	if (unit == DU_DECADE || unit == DU_CENTURY) {
		mult = unit == DU_DECADE ? 10 : 100;
		unit = DU_YEAR;
	} else if (unit == DU_HALF) {
		mult = 6;
		unit = DU_MONTH;
	}
	if (n < 0)
		snprintf(num, sizeof num, "X");
	else
		snprintf(num, sizeof num, "%d", n * mult);
	v->type = (uint8_t)type;
	v->gran = NGI_GRAN_NONE;
	v->anchor = NGI_ANCHOR_NONE;
	snprintf(v->lit, sizeof v->lit, "P%s%s%s", unit <= DU_HOUR ? "T" : "", num,
		 unit_letter[unit]);
}

static const char *const pod_code[] = {"", "MO", "AF", "EV", "NI", "DT"};
static const char *const season_code[] = {"", "SP", "SU", "FA", "WI"};

/* Writes v's TIMEX3 value; 0 when it is not a possible date. */
int ngi_tval_format(const tval *v, char out[NGI_TIMEX_VALUE_LEN])
{
	if (v->lit[0]) {
		memcpy(out, v->lit, NGI_TIMEX_VALUE_LEN);
		return 1;
	}
	char y[8];
	if (v->y == 0)
		snprintf(y, sizeof y, "XXXX");
	else if (v->y < 1 || v->y > 9999)
		return 0;
	else
		snprintf(y, sizeof y, "%04d", v->y);
	switch (v->gran) {
	case NGI_GRAN_MINUTE:
	case NGI_GRAN_HOUR:
	case NGI_GRAN_PART_OF_DAY:
	case NGI_GRAN_DAY: {
		char date[20];
		if (v->y && !ngi_date_valid(v->y, v->m, v->d))
			return 0;
		if (v->m)
			snprintf(date, sizeof date, "%s-%02d-%02d", y, v->m % 13,
				 v->d % 32);
		else
			snprintf(date, sizeof date, "%s-XX-XX", y);
		if (v->hh >= 0)
			snprintf(out, NGI_TIMEX_VALUE_LEN, "%sT%02d:%02d", date,
				 v->hh % 24, v->mi < 0 ? 0 : v->mi % 60);
		else if (v->pod > 0 && v->pod <= DP_DT)
			snprintf(out, NGI_TIMEX_VALUE_LEN, "%sT%s", date,
				 pod_code[v->pod]);
		else
			snprintf(out, NGI_TIMEX_VALUE_LEN, "%s", date);
		return 1;
	}
	case NGI_GRAN_WEEK:
	case NGI_GRAN_WEEKEND:
		if (v->sub < 1 || v->sub > 53)
			return 0;
		snprintf(out, NGI_TIMEX_VALUE_LEN, "%s-W%02d%s", y, v->sub % 100,
			 v->gran == NGI_GRAN_WEEKEND ? "-WE" : "");
		return 1;
	case NGI_GRAN_MONTH:
		if (v->m < 1 || v->m > 12)
			return 0;
		snprintf(out, NGI_TIMEX_VALUE_LEN, "%s-%02d", y, v->m);
		return 1;
	case NGI_GRAN_SEASON:
		if (v->sub < 1 || v->sub > 4)
			return 0;
		snprintf(out, NGI_TIMEX_VALUE_LEN, "%s-%s", y, season_code[v->sub]);
		return 1;
	case NGI_GRAN_QUARTER:
		if (v->sub < 1 || v->sub > 4)
			return 0;
		snprintf(out, NGI_TIMEX_VALUE_LEN, "%s-Q%d", y, v->sub);
		return 1;
	case NGI_GRAN_HALF:
		if (v->sub < 1 || v->sub > 2)
			return 0;
		snprintf(out, NGI_TIMEX_VALUE_LEN, "%s-H%d", y, v->sub);
		return 1;
	case NGI_GRAN_YEAR:
		snprintf(out, NGI_TIMEX_VALUE_LEN, "%s", y);
		return 1;
	case NGI_GRAN_DECADE:
		if (v->sub < 100 || v->sub > 999)
			return 0;
		snprintf(out, NGI_TIMEX_VALUE_LEN, "%03d", v->sub);
		return 1;
	case NGI_GRAN_CENTURY:
		if (v->sub < 0 || v->sub > 99)
			return 0;
		snprintf(out, NGI_TIMEX_VALUE_LEN, "%02d", v->sub);
		return 1;
	default:
		return 0;
	}
}
