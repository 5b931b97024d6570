/*
 * test_dates.c: the temporal tagger (extract/dates.h) and the TimeML reader
 * of the dates suite (eval/timeml.h).
 *
 * Table rows are {text, language, anchor day, expected surface, expected
 * value}: the tagger must find exactly one timex whose extent is the
 * surface (checked by byte and code point offsets) with that value. Then
 * the weekday-year rule, inputs that must give no date, hostile input, and
 * a small .tml file written to /tmp.
 */
#include <stdlib.h>
#include <unistd.h>

#include "base/base.h"
#include "check.h"
#include "eval/timeml.h"
#include "extract/dates.h"
#include "extract/office_terms.h"
#include "extract/pubdate.h"
#include "extract/pubdate_infer.h"
#include "extract/pubdate_year.h"

static int32_t day_of(const char *iso)
{
	char out[NGI_PUBDATE_LEN];
	int32_t d = NGI_DATES_NO_ANCHOR;
	if (iso && !ngi_pubdate_normalize(iso, out, &d))
		d = NGI_DATES_NO_ANCHOR;
	return d;
}

static uint32_t cps(const char *s, size_t n)
{
	uint32_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

typedef struct row {
	const char *text, *lang, *anchor, *surface, *value;
} row;

static const row rows[] = {
	/* seed stories */
	{"Putin said on Thursday that there were no contacts.", "en",
	 "2024-10-27", "Thursday", "2024-10-24"},
	{"Putin sagte am 5. November, es habe keine Kontakte gegeben.", "de",
	 "2024-10-24", "5. November", "2024-11-05"},
	{"MOSCA, lunedì 11 novembre 2024. Il Cremlino ha smentito.", "it",
	 "2024-11-11", "lunedì 11 novembre 2024", "2024-11-11"},
	{"They last spoke in July 2020, the paper said.", "en", "2024-11-11",
	 "July 2020", "2020-07"},
	{"The call took place on February 12, 2022.", "en", "2024-11-11",
	 "February 12, 2022", "2022-02-12"},
	{"Published 2024-10-27 by MENAFN.", "en", NULL, "2024-10-27",
	 "2024-10-27"},
	{"November 12, 14:30 UTC+3 MOSCOW", "en", "2024-11-12",
	 "November 12, 14:30 UTC+3", "2024-11-12T14:30"},
	{"He met reporters last week.", "en", "2024-11-01", "last week",
	 "2024-W43"},
	{"He met reporters last week.", "en", "2024-10-27", "last week",
	 "2024-W42"},
	/* English */
	{"It was signed on 5 November 2024 in Kazan.", "en", "2024-11-20",
	 "5 November 2024", "2024-11-05"},
	{"It was signed on November 5, 2024.", "en", "2024-11-20",
	 "November 5, 2024", "2024-11-05"},
	{"The vote is on November 12.", "en", "2024-10-24", "November 12",
	 "2024-11-12"},
	{"The deal closed on 11/05/2024.", "en", NULL, "11/05/2024",
	 "2024-11-05"},
	{"Sales fell in 2021.", "en", "2024-10-27", "2021", "2021"},
	{"He arrived yesterday.", "en", "2024-10-27", "yesterday",
	 "2024-10-26"},
	{"He arrives today.", "en", "2024-10-27", "today", "2024-10-27"},
	{"He leaves tomorrow.", "en", "2024-10-27", "tomorrow", "2024-10-28"},
	{"Talks resume next month.", "en", "2024-10-27", "next month",
	 "2024-11"},
	{"He left two days ago.", "en", "2024-10-27", "two days ago",
	 "2024-10-25"},
	{"The market is now calmer.", "en", "2024-10-27", "now",
	 "PRESENT_REF"},
	{"He is currently abroad.", "en", "2024-10-27", "currently",
	 "PRESENT_REF"},
	{"He recently resigned.", "en", "2024-10-27", "recently", "PAST_REF"},
	{"Prices soared in the 1990s.", "en", "2024-10-27", "the 1990s",
	 "199"},
	{"He served three years in prison.", "en", "2024-10-27",
	 "three years", "P3Y"},
	{"It rained a lot this summer.", "en", "2024-10-27", "this summer",
	 "2024-SU"},
	{"Profit rose in the first quarter of 2024.", "en", "2024-10-27",
	 "the first quarter of 2024", "2024-Q1"},
	{"Profit rose in the third quarter.", "en", "2024-10-27",
	 "the third quarter", "2024-Q3"},
	{"A vote is expected early next year.", "en", "2024-10-27",
	 "early next year", "2025"},
	{"Shots were heard at 5 p.m. yesterday.", "en", "2024-10-27",
	 "5 p.m. yesterday", "2024-10-26T17:00"},
	{"He runs every day.", "en", "2024-10-27", "every day", "P1D"},
	{"Talks ended on Thursday night.", "en", "2024-10-27",
	 "Thursday night", "2024-10-24TNI"},
	{"The summit will open on Thursday.", "en", "2024-10-27", "Thursday",
	 "2024-10-31"},
	{"She was hired in late November.", "en", "2025-01-10",
	 "late November", "2024-11"},
	{"Over the past two months prices rose.", "en", "2024-10-27",
	 "the past two months", "P2M"},
	{"The plant closed nearly two years ago.", "en", "2024-10-27",
	 "nearly two years ago", "2022"},
	{"Stocks fell Friday's session.", "en", "2024-10-27", "Friday",
	 "2024-10-25"},
	{"Nothing changed in the 20th century.", "en", "2024-10-27",
	 "the 20th century", "19"},
	{"Christmas is near.", "en", "2024-10-27", "Christmas", "2024-12-25"},
	{"The vote is on November 12.", "en", NULL, "November 12",
	 "XXXX-11-12"},
	/* German */
	{"Er kam gestern an.", "de", "2024-10-27", "gestern", "2024-10-26"},
	{"Er war letzte Woche in Berlin.", "de", "2024-10-27", "letzte Woche",
	 "2024-W42"},
	{"Er ging vor zwei Tagen.", "de", "2024-10-27", "vor zwei Tagen",
	 "2024-10-25"},
	{"Die Pressekonferenz war am Donnerstag.", "de", "2024-10-27",
	 "Donnerstag", "2024-10-24"},
	{"Gültig ab 27.10.2024 für alle.", "de", NULL, "27.10.2024",
	 "2024-10-27"},
	{"Das war im Jahr 2020 anders.", "de", "2024-10-27", "Jahr 2020",
	 "2020"},
	{"Die Wahl ist Anfang November.", "de", "2024-10-27",
	 "Anfang November", "2024-11"},
	/* French */
	{"Il est venu la semaine dernière.", "fr", "2024-10-27",
	 "semaine dernière", "2024-W42"},
	{"Il est arrivé hier soir.", "fr", "2024-10-27", "hier soir",
	 "2024-10-26TEV"},
	{"Le traité a été signé le 5 novembre 2024.", "fr", "2024-12-01",
	 "5 novembre 2024", "2024-11-05"},
	{"Il est parti il y a trois jours.", "fr", "2024-10-27",
	 "il y a trois jours", "2024-10-24"},
	{"Les ventes ont baissé l'année dernière.", "fr", "2024-10-27",
	 "l'année dernière", "2023"},
	{"Il est parti avant-hier.", "fr", "2024-10-27", "avant-hier",
	 "2024-10-25"},
	/* Italian */
	{"È arrivato ieri a Roma.", "it", "2024-10-27", "ieri", "2024-10-26"},
	{"È partito due giorni fa.", "it", "2024-10-27", "due giorni fa",
	 "2024-10-25"},
	{"Le vendite sono calate l'anno scorso.", "it", "2024-10-27",
	 "l'anno scorso", "2023"},
	{"Quest'anno il PIL cresce.", "it", "2024-10-27", "Quest'anno",
	 "2024"},
	/* relative words before and after the unit or weekday (2024-11-13
	 * is a Wednesday) */
	{"Il vertice è la prossima settimana.", "it", "2024-11-13",
	 "prossima settimana", "2024-W47"},
	{"Ha parlato martedì scorso.", "it", "2024-11-13", "martedì scorso",
	 "2024-11-12"},
	{"Parlerà venerdì prossimo.", "it", "2024-11-13", "venerdì prossimo",
	 "2024-11-15"},
	{"Hablará el próximo lunes.", "es", "2024-11-13", "próximo lunes",
	 "2024-11-18"},
	{"Ocurrió el pasado mes de julio.", "es", "2024-11-13",
	 "pasado mes de julio", "2024-07"},
	{"Il parlera vendredi prochain.", "fr", "2024-11-13",
	 "vendredi prochain", "2024-11-15"},
	/* Spanish */
	{"Se firmó el 5 de noviembre de 2024 en Madrid.", "es", "2024-12-01",
	 "5 de noviembre de 2024", "2024-11-05"},
	{"Llegó ayer por la noche.", "es", "2024-10-27", "ayer", "2024-10-26"},
	{"Lo vimos la semana pasada.", "es", "2024-10-27", "semana pasada",
	 "2024-W42"},
	{"Se fue hace dos días.", "es", "2024-10-27", "hace dos días",
	 "2024-10-25"},
	/* Russian */
	{"Договор подписан 5 ноября 2024 года в Казани.", "ru", "2024-12-01",
	 "5 ноября 2024 года", "2024-11-05"},
	{"Он приехал вчера.", "ru", "2024-10-27", "вчера", "2024-10-26"},
	{"Об этом сообщили на прошлой неделе.", "ru", "2024-10-27",
	 "прошлой неделе", "2024-W42"},
	{"Он уехал два дня назад.", "ru", "2024-10-27", "два дня назад",
	 "2024-10-25"},
	{"Выборы прошли в 2021 году.", "ru", "2024-10-27", "2021 году", "2021"},
	{"Пресс-конференция прошла в четверг.", "ru", "2024-10-27", "четверг",
	 "2024-10-24"},
	/* Portuguese, Dutch, Polish, Ukrainian */
	{"Ele chegou ontem.", "pt", "2024-10-27", "ontem", "2024-10-26"},
	{"Foi assinado em 5 de novembro de 2024.", "pt", "2024-12-01",
	 "5 de novembro de 2024", "2024-11-05"},
	{"Hij kwam vorige week aan.", "nl", "2024-10-27", "vorige week",
	 "2024-W42"},
	{"Przyjechał wczoraj.", "pl", "2024-10-27", "wczoraj", "2024-10-26"},
	{"Podpisano 11 listopada 2024 roku.", "pl", "2024-12-01",
	 "11 listopada 2024 roku", "2024-11-11"},
	{"Він приїхав вчора.", "uk", "2024-10-27", "вчора", "2024-10-26"},
	/* tense: plans look forward, "United" is no past verb, a past cue
	 * takes a bare month back, a future one forward */
	{"Protesters were planning to march on Saturday.", "en", "2000-01-07",
	 "Saturday", "2000-01-08"},
	{"The talks are set to resume Monday in Belfast.", "en", "1998-03-22",
	 "Monday", "1998-03-23"},
	{"He could come to the U.S. as early as Tuesday.", "en", "2000-04-03",
	 "Tuesday", "2000-04-04"},
	{"The father would be traveling to the United States Thursday.", "en",
	 "2000-04-05", "Thursday", "2000-04-06"},
	{"Sales fell sharply in March.", "en", "1989-10-27", "March",
	 "1989-03"},
	{"The plant will close in January.", "en", "1989-04-27", "January",
	 "1990-01"},
	{"The dividend will be paid Jan. 31.", "en", "1989-03-31", "Jan. 31",
	 "1990-01-31"},
	/* halves, ages, years in words, anaphoric units */
	{"They lived in camps for 2 1/2 years.", "en", "1999-01-01",
	 "2 1/2 years", "P2Y6M"},
	{"It took a minute and a half.", "en", "1999-01-01",
	 "a minute and a half", "PT1M30S"},
	{"The flight lasts five and a half hours.", "en", "1999-01-01",
	 "five and a half hours", "PT5H30M"},
	{"He is 52 years old and retired in 1990.", "en", "1999-01-01", "1990",
	 "1990"},
	{"It happened in January nineteen ninety-seven.", "en", "1998-02-27",
	 "January nineteen ninety-seven", "1997-01"},
	{"Prices fell in the winter of nineteen ninety-four.", "en",
	 "1998-02-23", "the winter of nineteen ninety-four", "1994-WI"},
	{"We are ready for the year two thousand.", "en", "1998-02-05",
	 "the year two thousand", "2000"},
};

static void test_rows(void)
{
	ngi_arena a;
	ngi_arena_init(&a, 1 << 16);
	for (size_t i = 0; i < NGI_ARRAY_LEN(rows); i++) {
		const row *r = &rows[i];
		ngi_timex *x = NULL;
		size_t n = 0;
		ng_status st = ngi_dates_find(r->text, strlen(r->text), r->lang,
					      NULL, day_of(r->anchor), &a, &x, &n);
		CHECK_MSG(st == NG_OK && n == 1, "row %zu (%s): %zu timexes", i,
			  r->text, n);
		const char *at = strstr(r->text, r->surface);
		if (n >= 1 && at) {
			uint32_t start = (uint32_t)(at - r->text);
			uint32_t end = start + (uint32_t)strlen(r->surface);
			CHECK_MSG(x[0].start == start && x[0].end == end,
				  "row %zu: extent \"%.*s\", want \"%s\"", i,
				  (int)(x[0].end - x[0].start), r->text + x[0].start,
				  r->surface);
			CHECK_MSG(x[0].cp_start == cps(r->text, start) &&
					  x[0].cp_end == cps(r->text, end),
				  "row %zu: code points %u-%u", i, x[0].cp_start,
				  x[0].cp_end);
			CHECK_MSG(strcmp(x[0].value, r->value) == 0,
				  "row %zu (%s): value %s, want %s", i, r->text,
				  x[0].value, r->value);
		}
		ngi_arena_reset(&a);
	}
	ngi_arena_free(&a);
}

/* Granularity, anchor and type of a few. */
static void test_fields(void)
{
	ngi_arena a;
	ngi_arena_init(&a, 1 << 16);
	const char *t = "On 5 November 2024 he said that last week, for three "
			"years, daily, the Friday before.";
	ngi_timex *x;
	size_t n;
	CHECK(ngi_dates_find(t, strlen(t), "en", NULL, day_of("2024-11-06"), &a,
			     &x, &n) == NG_OK);
	CHECK(n == 5);
	if (n == 5) {
		CHECK_STR(x[0].type, "DATE");
		CHECK(x[0].granularity == NGI_GRAN_DAY);
		CHECK(x[0].anchor == NGI_ANCHOR_ABSOLUTE);
		CHECK(x[0].day == day_of("2024-11-05"));
		CHECK(x[1].granularity == NGI_GRAN_WEEK);
		CHECK(x[1].anchor == NGI_ANCHOR_PUBLICATION);
		CHECK(x[1].day == day_of("2024-10-28")); /* its Monday */
		CHECK_STR(x[2].type, "DURATION");
		CHECK(x[2].anchor == NGI_ANCHOR_NONE);
		CHECK_STR(x[3].type, "SET");
		CHECK_STR(x[4].value, "2024-11-01");
	}
	/* "two days later" after a date counts from that date */
	t = "The talks began on 3 March 2020. Two days later they ended.";
	CHECK(ngi_dates_find(t, strlen(t), "en", NULL, day_of("2024-11-06"), &a,
			     &x, &n) == NG_OK);
	CHECK(n == 2);
	if (n == 2) {
		CHECK_STR(x[1].value, "2020-03-05");
		CHECK(x[1].anchor == NGI_ANCHOR_TEXT);
	}
	ngi_arena_free(&a);
}

/* Same timexes, byte for byte? */
static int same_timexes(const ngi_timex *x, size_t n, const ngi_timex *y, size_t m)
{
	if (n != m)
		return 0;
	for (size_t k = 0; k < n; k++)
		if (x[k].start != y[k].start || x[k].end != y[k].end ||
		    x[k].cp_start != y[k].cp_start || x[k].cp_end != y[k].cp_end ||
		    strcmp(x[k].type, y[k].type) || strcmp(x[k].value, y[k].value) ||
		    x[k].granularity != y[k].granularity ||
		    x[k].anchor != y[k].anchor || x[k].day != y[k].day)
			return 0;
	return 1;
}

/* One prepared text tagged without an anchor, then with one, then without
 * again, gives what ngi_dates_find gives each time: the tokens are shared,
 * the scan state is not. Also across segments (a text over 256 KB, which
 * ngi_dates_tag tokenises again a segment at a time). */
static void test_prepared(void)
{
	ngi_arena a;
	ngi_arena_init(&a, 0);
	ngi_buf big;
	ngi_buf_init(&big, 0);
	for (int i = 0; big.len < ((size_t)300 << 10); i++)
		ngi_buf_puts(&big, i % 2 ? "On Saturday, November 11, the talks of "
					   "last week went on; a year earlier, in "
					   "the third quarter, it rained.\n"
					 : "Am 5. November traf er sie, zwei Tage "
					   "später wieder. Seit 2019 nicht.\n");
	const char *texts[] = {
		"The vote on Thursday, November 12 follows last week's talks; "
		"a year earlier, in Q3 2019, sales fell 10% over two months.",
		"Сегодня, 5 ноября 2024 года, и вчера вечером.",
		"", big.data};
	const char *langs[] = {"en", "ru", "en", "en"};
	int32_t anchors[] = {NGI_DATES_NO_ANCHOR, day_of("2020-11-10"),
			     NGI_DATES_NO_ANCHOR, day_of("1999-02-28")};
	for (size_t i = 0; i < NGI_ARRAY_LEN(texts); i++) {
		size_t len = strlen(texts[i]);
		ngi_dates_text *dt = NULL;
		CHECK(ngi_dates_prepare(texts[i], len, langs[i], NULL, &a, &dt) == NG_OK);
		for (size_t k = 0; dt && k < NGI_ARRAY_LEN(anchors); k++) {
			ngi_timex *x = NULL, *y = NULL;
			size_t n = 99, m = 98;
			CHECK(ngi_dates_tag(dt, anchors[k], &a, &x, &n) == NG_OK);
			CHECK(ngi_dates_find(texts[i], len, langs[i], NULL, anchors[k],
					     &a, &y, &m) == NG_OK);
			CHECK_MSG(same_timexes(x, n, y, m),
				  "text %zu anchor %zu: %zu vs %zu timexes", i, k, n, m);
			if (i != 2)
				CHECK(n > 0);
		}
	}
	ngi_buf_free(&big);
	ngi_arena_free(&a);
}

static void test_weekday_year(void)
{
	/* 004: the Saturday contacts at APEC were on 11 November 2017. Near
	 * 2024 the calendar gives 2023 (11 November 2023 was a Saturday too):
	 * the rule is the nearest fitting year, so a caller must pass a
	 * reference from the article's context, not today's year. */
	CHECK(ngi_dates_weekday_year(11, 11, 6, 2019, 14) == 2017);
	CHECK(ngi_dates_weekday_year(11, 11, 6, 2020, 14) == 2017); /* tie */
	CHECK(ngi_dates_weekday_year(11, 11, 6, 2024, 14) == 2023);
	CHECK(ngi_dates_weekday_year(11, 12, 7, 2018, 3) == 2017);
	CHECK(ngi_dates_weekday_year(11, 11, 1, 2024, 0) == 2024);
	CHECK(ngi_dates_weekday_year(11, 11, 2, 2024, 0) == 0);
	CHECK(ngi_dates_weekday_year(2, 29, 4, 2024, 40) == 2024);
	CHECK(ngi_dates_weekday_year(2, 30, 4, 2024, 40) == 0);
	CHECK(ngi_dates_weekday_year(11, 11, 8, 2024, 14) == 0);
	CHECK(ngi_dates_weekday_year(11, 11, 6, 2024, 401) == 0);
	/* every ordinary date hits every weekday within 14 years either way */
	int all = 1;
	for (int m = 1; m <= 12; m++)
		for (int d = 1; d <= 28; d++)
			for (int w = 1; w <= 7; w++)
				all &= ngi_dates_weekday_year(m, d, w, 2000, 14) != 0;
	CHECK(all);
	int y, w;
	ngi_dates_iso_week(day_of("2024-10-27"), &y, &w);
	CHECK(y == 2024 && w == 43);
	ngi_dates_iso_week(day_of("2021-01-03"), &y, &w);
	CHECK(y == 2020 && w == 53);
	CHECK(ngi_dates_weekday(day_of("2017-11-11")) == 6);
	int m, d;
	ngi_dates_civil(day_of("1969-12-31"), &y, &m, &d);
	CHECK(y == 1969 && m == 12 && d == 31);
}

/* Impossible dates give no date, not a wrong one. */
static void test_nonsense(void)
{
	static const char *const texts[] = {
		"It happened on 31 February 2024.", "Due on February 31.",
		"the 99th anniversary", "in the year 0", "in the year 99999",
		"in 0000", "on 2024-02-30", "on 13/13/2024", "on 32.10.2024",
		"at 25:61 UTC", "May I help you?", "They march on.",
		"on 2024-13-01", "the 0th day",
	};
	ngi_arena a;
	ngi_arena_init(&a, 1 << 16);
	for (size_t i = 0; i < NGI_ARRAY_LEN(texts); i++) {
		ngi_timex *x;
		size_t n = 99;
		CHECK(ngi_dates_find(texts[i], strlen(texts[i]), "en", NULL,
				     day_of("2024-10-27"), &a, &x, &n) == NG_OK);
		CHECK_MSG(n == 0, "\"%s\" gave %zu timexes (first %s)", texts[i],
			  n, n ? x[0].value : "");
	}
	ngi_arena_free(&a);
}

/* 10,000 capitalised words, a long run of digits and punctuation, bytes
 * that are not UTF-8, many dates: no crash, sane counts. */
static void test_hostile(void)
{
	ngi_arena a;
	ngi_arena_init(&a, 1 << 16);
	ngi_buf b;
	ngi_buf_init(&b, 0);
	for (int i = 0; i < 10000; i++)
		ngi_buf_puts(&b, i % 7 ? "Capitalised " : "May ");
	for (int i = 0; i < 5000; i++)
		ngi_buf_puts(&b, "12/12/12/12-2024-10-10.2024 \xff\xfe:");
	ngi_buf_append(&b, "2024-10-", 8); /* cut mid-expression */
	ngi_timex *x;
	size_t n;
	CHECK(ngi_dates_find(b.data, b.len, "en", NULL, day_of("2024-10-27"), &a,
			     &x, &n) == NG_OK);
	CHECK(n < 20000);
	int inside = 1;
	for (size_t i = 0; i < n; i++)
		inside &= x[i].end <= b.len && x[i].start < x[i].end;
	CHECK(inside);
	ngi_buf_clear(&b);
	/* a large text crosses segment boundaries; offsets stay exact */
	for (int i = 0; i < 40000; i++)
		ngi_buf_puts(&b, "Вчера, 5 ноября 2024 года, ничего. ");
	CHECK(ngi_dates_find(b.data, b.len, "ru", NULL, day_of("2024-11-06"), &a,
			     &x, &n) == NG_OK);
	CHECK(n == 80000);
	if (n == 80000) {
		size_t k = 79999;
		CHECK_STR(x[k].value, "2024-11-05");
		CHECK(strncmp(b.data + x[k].start, "5 ноября 2024 года", x[k].end - x[k].start) == 0);
		CHECK(x[k].cp_start == cps(b.data, x[k].start));
	}
	ngi_buf_free(&b);
	ngi_arena_free(&a);
}

static void test_timeml(void)
{
	static const char tml[] =
		"<?xml version=\"1.0\" ?>\n<TimeML>\n<DOCID>X1</DOCID>\n"
		"<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"1998-02-06\" "
		"functionInDocument=\"CREATION_TIME\">02/06/1998</TIMEX3></DCT>\n"
		"<TEXT>\nAT&amp;T said <TIMEX3 tid=\"t1\" type=\"DATE\" "
		"value=\"1998-02-06\">Friday</TIMEX3> that <EVENT eid=\"e1\">"
		"profit</EVENT> &lt;rose&gt; &#233; <TIMEX3 tid=\"t2\" "
		"type=\"DURATION\" value=\"P3Y\" temporalFunction=\"false\">"
		"three years</TIMEX3>.\n<!-- <TIMEX3> in a comment -->"
		"</TEXT>\n</TimeML>\n";
	const char *path = "/tmp/ng_test_dates.tml";
	FILE *f = fopen(path, "w");
	CHECK(f != NULL);
	if (!f)
		return;
	fputs(tml, f);
	fclose(f);
	ngi_buf b;
	ngi_buf_init(&b, 0);
	ngi_diag_sink sink = {0};
	CHECK(ngi_read_file(path, 1 << 20, &b, &sink) == NG_OK);
	unlink(path);
	ngi_arena a;
	ngi_arena_init(&a, 1 << 16);
	ngi_tml_doc d;
	const char *err = NULL;
	size_t off = 0;
	CHECK(ngi_timeml_parse(b.data, b.len, &a, &d, &err, &off) == NG_OK);
	CHECK_STR(d.text, "\nAT&T said Friday that profit <rose> \xc3\xa9 three years.\n");
	CHECK_STR(d.dct, "1998-02-06");
	CHECK(d.dct_day == day_of("1998-02-06"));
	CHECK(d.n == 2);
	if (d.n == 2) {
		CHECK(d.timexes[0].end - d.timexes[0].start == 6);
		CHECK(strncmp(d.text + d.timexes[0].start, "Friday", 6) == 0);
		CHECK_STR(d.timexes[0].tid, "t1");
		CHECK_STR(d.timexes[1].type, "DURATION");
		CHECK_STR(d.timexes[1].value, "P3Y");
		CHECK(strncmp(d.text + d.timexes[1].start, "three years", 11) == 0);
	}
	/* the tagger on the reader's text finds both */
	ngi_timex *x;
	size_t n;
	CHECK(ngi_dates_find(d.text, d.len, "en", NULL, d.dct_day, &a, &x, &n) ==
	      NG_OK);
	CHECK(n == 2 && n == d.n);
	for (size_t i = 0; i < n && i < d.n; i++) {
		CHECK(x[i].start == d.timexes[i].start && x[i].end == d.timexes[i].end);
		CHECK_STR(x[i].value, d.timexes[i].value);
	}
	/* malformed: a status and the offset, never a crash */
	static const char *const bad[] = {
		"<TEXT>a <TIMEX3 tid=\"t1\">b</TEXT>",
		"<TEXT>a </TIMEX3></TEXT>",
		"<TEXT>a <TIMEX3 tid=\"t1\"><TIMEX3>b</TIMEX3></TIMEX3></TEXT>",
		"<TEXT>a <TIMEX3 tid=\"t1",
		"<TEXT>unclosed",
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(bad); i++) {
		err = NULL;
		CHECK_MSG(ngi_timeml_parse(bad[i], strlen(bad[i]), &a, &d, &err,
					   &off) == NG_ERR_INPUT && err,
			  "bad[%zu]", i);
	}
	ngi_buf_free(&b);
	ngi_arena_free(&a);
}

/* "The following year" counts from the year the text gave last. */
static void test_following(void)
{
	const char *t = "He left Cuba in 1995 and returned the following year.";
	ngi_arena a;
	ngi_arena_init(&a, 1 << 16);
	ngi_timex *x;
	size_t n;
	CHECK(ngi_dates_find(t, strlen(t), "en", NULL, day_of("1998-04-18"), &a,
			     &x, &n) == NG_OK);
	CHECK(n == 2);
	if (n == 2) {
		CHECK_STR(x[1].value, "1996");
		CHECK(x[1].anchor == NGI_ANCHOR_TEXT);
		CHECK(strncmp(t + x[1].start, "the following year",
			      x[1].end - x[1].start) == 0);
	}
	ngi_arena_free(&a);
}

/* Office holders named with their title; "former" ones are not. */
static void test_office(void)
{
	static const struct {
		const char *text, *name;
		const char *in_office, *out_of_office;
	} rows_o[] = {
		{"during his meeting with the U.S. President Donald Trump.",
		 "Trump", "2017-11-12", "2023-11-12"},
		{"Chancellor Merkel said", "Merkel", "2010-01-01", "2022-01-01"},
		{"Prime Minister Boris Johnson said", "Johnson", "2020-01-01",
		 "2018-01-01"},
		{"Bundeskanzlerin Angela Merkel sagte", "Merkel", "2006-01-01",
		 "2004-01-01"},
		{"le président Emmanuel Macron a dit", "Macron", "2020-01-01",
		 "2016-01-01"},
		{"UN Secretary-General Ban Ki-moon said", "Ban Ki-moon",
		 "2010-01-01", "2018-01-01"},
		{"Pope Francis said", "Francis", "2020-01-01", "2010-01-01"},
		{"President Putin said", "Putin", "2005-01-01", "2010-01-01"},
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(rows_o); i++) {
		ngi_office_hit h[4];
		size_t n = ngi_office_find(rows_o[i].text, strlen(rows_o[i].text), h, 4);
		CHECK_MSG(n == 1, "\"%s\": %zu hits", rows_o[i].text, n);
		if (n != 1)
			continue;
		CHECK_MSG(strncmp(ngi_office_name(&h[0]), rows_o[i].name,
				  strlen(rows_o[i].name)) == 0,
			  "\"%s\": %s", rows_o[i].text, ngi_office_name(&h[0]));
		CHECK(ngi_office_covers(&h[0], day_of(rows_o[i].in_office)));
		CHECK(!ngi_office_covers(&h[0], day_of(rows_o[i].out_of_office)));
	}
	static const char *const none[] = {
		"former President Donald Trump said", "ex-President Trump said",
		"the late Pope John Paul II", "then-Chancellor Kohl",
		"President-elect Trump", "the president said", "Pope Leo XIII",
		"President Smith of the company", "Trump said",
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(none); i++) {
		ngi_office_hit h[4];
		size_t n = ngi_office_find(none[i], strlen(none[i]), h, 4);
		CHECK_MSG(n == 0, "\"%s\": %zu hits", none[i], n);
	}
	/* one hit per person; a surname shared by two holders keeps both */
	const char *bush = "President Bush met President Bush and Chancellor Kohl.";
	ngi_office_hit h[4];
	CHECK(ngi_office_find(bush, strlen(bush), h, 4) == 2);
	CHECK(ngi_office_covers(&h[0], day_of("1990-06-01")));
	CHECK(ngi_office_covers(&h[0], day_of("2005-06-01")));
	CHECK(!ngi_office_covers(&h[0], day_of("1998-06-01")));
}

/* The year of a year-less dateline, from weekdays and office holders. */
static void test_pubdate_year(void)
{
	static const struct {
		const char *text;
		int month, day, year;
	} rows_y[] = {
		/* seed 004: Saturday before 12 November and President Trump */
		{"MOSCOW, November 12. Putin met U.S. President Donald Trump. "
		 "Peskov said on Saturday that Putin told him so.",
		 11, 12, 2017},
		/* the same without Trump: weekdays alone fit too many years */
		{"MOSCOW, November 12. Putin met reporters. Peskov said on "
		 "Saturday that Putin told them so.", 11, 12, 0},
		/* with President Putin only: his terms leave several years
		 * (2000, 2006, 2017, 2023): the latest */
		{"MOSCOW, November 12. President Putin met reporters. Peskov "
		 "said on Saturday that Putin told them so.", 11, 12, 2023},
		/* a written weekday-date pair and a written year */
		{"BERLIN, March 3. On Friday, March 1, the Chancellor spoke; "
		 "in 2023 she had not.", 3, 3, 2024},
		/* office holders and a weekday that contradict: unknown */
		{"PARIS, May 20. President Mitterrand met them on Tuesday, as "
		 "in 2020.", 5, 20, 0},
		/* no weekday and no written year: unknown */
		{"LONDON, June 5. Prime Minister Tony Blair spoke.", 6, 5, 0},
		/* a former holder is no evidence */
		{"MOSCOW, November 12. Peskov spoke of former President Donald "
		 "Trump on Saturday.", 11, 12, 0},
	};
	ngi_arena a;
	ngi_arena_init(&a, 1 << 16);
	for (size_t i = 0; i < NGI_ARRAY_LEN(rows_y); i++) {
		const char *t = rows_y[i].text;
		ngi_timex *x;
		size_t n;
		CHECK(ngi_dates_find(t, strlen(t), "en", NULL, NGI_DATES_NO_ANCHOR,
				     &a, &x, &n) == NG_OK);
		double conf = -1;
		int y = ngi_pubdate_year(rows_y[i].month, rows_y[i].day, x, n, t,
					 strlen(t), "en", &a, &conf);
		CHECK_MSG(y == rows_y[i].year, "row %zu: year %d, want %d", i, y,
			  rows_y[i].year);
		CHECK(y ? conf > 0 && conf <= 1 : conf == -1);
		if (i == 0)
			CHECK(conf >= 0.7);
		if (i == 2)
			CHECK(conf < 0.5); /* several years fitted */
	}
	/* hostile: 10,000 capitalised titles without names, no year given */
	ngi_buf b;
	ngi_buf_init(&b, 0);
	for (int i = 0; i < 10000; i++)
		ngi_buf_puts(&b, i % 3 ? "President " : "Pope Chancellor ");
	ngi_office_hit h[8];
	CHECK(ngi_office_find(b.data, b.len, h, 8) == 0);
	double conf = -1;
	CHECK(ngi_pubdate_year(2, 30, NULL, 0, b.data, b.len, "en", &a, &conf) == 0);
	CHECK(ngi_pubdate_year(13, 1, NULL, 0, b.data, b.len, "en", &a, &conf) == 0);
	ngi_buf_free(&b);
	ngi_arena_free(&a);
}

/* Publication-date inference (pubdate_infer.h), one row per rule: the
 * given date, its source and the text in; the date, source and confidence
 * out. */
static void test_pubdate_infer(void)
{
	static const struct {
		const char *given;
		int source;
		const char *text;
		const char *want;
		int want_source, want_day;
		double confidence;
	} infer_rows[] = {
		/* 1: a full date stands */
		{"2019-03-05", NGI_PUB_METADATA, "Nothing here.", "2019-03-05",
		 NGI_PUB_METADATA, 1, 1.0},
		{"2019-03-05", NGI_PUB_HEADER, "Nothing here.", "2019-03-05",
		 NGI_PUB_HEADER, 1, 0.9},
		/* 2: a dateline without evidence keeps its month and day */
		{"--11-12", NGI_PUB_DATELINE, "The talks went on.", "--11-12",
		 NGI_PUB_DATELINE, 0, 0.5},
		/* 3: a date at the top of the text */
		{NULL, NGI_PUB_NONE, "March 5, 2019. The talks went on.",
		 "2019-03-05", NGI_PUB_TEXT, 1, 0.6},
		/* 4: nothing to go on */
		{NULL, NGI_PUB_NONE, "On Thursday the talks went on.", "",
		 NGI_PUB_NONE, 0, 0},
	};
	ngi_arena a;
	ngi_arena_init(&a, 1 << 16);
	for (size_t i = 0; i < NGI_ARRAY_LEN(infer_rows); i++) {
		const char *text = infer_rows[i].text;
		ngi_timex *x = NULL;
		size_t n = 0;
		CHECK(ngi_dates_find(text, strlen(text), "en", NULL,
				     NGI_DATES_NO_ANCHOR, &a, &x, &n) == NG_OK);
		int32_t day = NGI_DATES_NO_ANCHOR;
		int has_day = infer_rows[i].given && infer_rows[i].given[0] != '-';
		if (has_day)
			day = day_of(infer_rows[i].given);
		ngi_pubdate_given g = {infer_rows[i].given, infer_rows[i].source, has_day, day};
		ngi_pubdate_inferred p;
		ngi_pubdate_infer(&g, x, n, text, strlen(text), "en", &a, &p);
		CHECK_MSG(strcmp(p.published, infer_rows[i].want) == 0 &&
				  p.source == infer_rows[i].want_source &&
				  p.has_day == infer_rows[i].want_day &&
				  p.confidence == infer_rows[i].confidence,
			  "row %zu: \"%s\" source %d day %d confidence %.2f", i,
			  p.published, p.source, p.has_day, p.confidence);
		if (p.has_day)
			CHECK(p.day == day_of(infer_rows[i].want));
		ngi_arena_reset(&a);
	}
	ngi_arena_free(&a);
}

int main(void)
{
	test_rows();
	test_fields();
	test_prepared();
	test_weekday_year();
	test_nonsense();
	test_hostile();
	test_timeml();
	test_following();
	test_office();
	test_pubdate_year();
	test_pubdate_infer();
	return check_report("dates");
}
