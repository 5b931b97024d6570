/*
 * dates_calendar.c: calendar arithmetic for the temporal tagger (dates.h,
 * dates_int.h): civil dates from day numbers, weekdays, ISO weeks, month
 * shifts, quarters and the movable holidays. Pure functions of numbers;
 * resolution (dates_resolve.c) and the rules (dates_rules.c) stand on it.
 *
 * Day numbers are days since 1970-01-01 in the proleptic Gregorian calendar
 * (ngi_days_from_civil in pubdate.c); weeks are ISO 8601 weeks (Monday
 * first, week 1 holds the year's first Thursday).
 */
#include "dates_int.h"
#include "pubdate.h"

void ngi_dates_civil(int32_t day, int *y, int *m, int *d)
{
	/* Howard Hinnant's civil_from_days */
	int32_t z = day + 719468;
	int32_t era = (z >= 0 ? z : z - 146096) / 146097;
	int32_t doe = z - era * 146097;
	int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int32_t mp = (5 * doy + 2) / 153;
	int dd = (int)(doy - (153 * mp + 2) / 5 + 1);
	int mm = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (mm <= 2));
	*m = mm;
	*d = dd;
}

int ngi_dates_weekday(int32_t day)
{
	/* 1970-01-01 was a Thursday (4) */
	int32_t w = (day % 7 + 7) % 7; /* 0 = Thursday */
	return (int)((w + 3) % 7) + 1;
}

void ngi_dates_iso_week(int32_t day, int *iso_year, int *week)
{
	/* the week's Thursday decides its year */
	int32_t thursday = day - ngi_dates_weekday(day) + 4;
	int y, m, d;
	ngi_dates_civil(thursday, &y, &m, &d);
	*iso_year = y;
	*week = (int)((thursday - ngi_days_from_civil(y, 1, 1)) / 7) + 1;
}

int ngi_dates_weekday_year(int month, int day, int weekday, int ref_year,
			   int span)
{
	if (weekday < 1 || weekday > 7 || span < 0 || span > 400 ||
	    ref_year < 1 || ref_year > 9999 || !ngi_date_valid(2000, month, day))
		return 0;
	for (int k = 0; k <= span; k++) {
		/* the earlier year first: on a tie news looks back */
		int cand[2] = {ref_year - k, ref_year + k};
		for (int j = 0; j < (k ? 2 : 1); j++) {
			int y = cand[j];
			if (ngi_date_valid(y, month, day) &&
			    ngi_dates_weekday(ngi_days_from_civil(y, month, day)) ==
				    weekday)
				return y;
		}
	}
	return 0;
}

/* Month index arithmetic: (y, m) + k months. */
void ngi_dates_add_months(int *y, int *m, int k)
{
	int idx = *y * 12 + (*m - 1) + k;
	*y = idx / 12;
	*m = idx % 12 + 1;
}

int ngi_dates_quarter_of(int m)
{
	return (m - 1) / 3 + 1;
}

/* The fourth Thursday of November of year y. */
int32_t ngi_dates_thanksgiving(int y)
{
	int32_t first = ngi_days_from_civil(y, 11, 1);
	int k = (4 - ngi_dates_weekday(first) + 7) % 7;
	return first + k + 21;
}
