/*
 * office_terms.c: the office-holder table and its matcher (office_terms.h).
 *
 * Facts, not code from elsewhere: each row is one term of one person, from
 * the day the term began to the day it ended (the successor's first day);
 * a running term ends at year 9999. Acting terms are left out except
 * Putin's from 31 December 1999, when he took over from Yeltsin. Given
 * names and surnames list their usual spellings, separated by '|'; a
 * surname followed by a Roman numeral is a pope's regnal number and must
 * be the one written ("Pope Leo XIII" is not Leo XIV).
 *
 * Matching works on the bytes: at each word start a title is tried (in
 * the forms written in English, German, French, Italian and Spanish
 * news), then up to one given name, then the surname, which must end at a
 * non-letter. Checked up to NGI_OFFICE_TABLE_YEAR (office_terms.h).
 */
#include <string.h>

#include "office_terms.h"
#include "pubdate.h"

enum { OF_PRESIDENT, OF_PM, OF_CHANCELLOR, OF_SECGEN, OF_POPE };

typedef struct office_term {
	uint8_t office;
	const char *given;   /* '|'-separated, may be "" */
	const char *surname; /* '|'-separated spellings; the first is the name */
	int16_t y0;
	uint8_t m0, d0;
	int16_t y1;
	uint8_t m1, d1;
} office_term;

#define OPEN 9999, 12, 31

static const office_term terms[] = {
	/* Presidents of the United States */
	{OF_PRESIDENT, "Ronald", "Reagan", 1981, 1, 20, 1989, 1, 20},
	{OF_PRESIDENT, "George H. W.|George H.W.|George", "Bush", 1989, 1, 20, 1993, 1, 20},
	{OF_PRESIDENT, "Bill|William", "Clinton", 1993, 1, 20, 2001, 1, 20},
	{OF_PRESIDENT, "George W.|George", "Bush", 2001, 1, 20, 2009, 1, 20},
	{OF_PRESIDENT, "Barack", "Obama", 2009, 1, 20, 2017, 1, 20},
	{OF_PRESIDENT, "Donald J.|Donald", "Trump", 2017, 1, 20, 2021, 1, 20},
	{OF_PRESIDENT, "Joe|Joseph R.|Joseph", "Biden", 2021, 1, 20, 2025, 1, 20},
	{OF_PRESIDENT, "Donald J.|Donald", "Trump", 2025, 1, 20, OPEN},
	/* the Soviet Union's president, then Russia's */
	{OF_PRESIDENT, "Mikhail", "Gorbachev|Gorbatschow|Gorbatchev", 1990, 3, 15, 1991, 12, 25},
	{OF_PRESIDENT, "Boris", "Yeltsin|Jelzin|Eltsine", 1991, 7, 10, 1999, 12, 31},
	{OF_PRESIDENT, "Vladimir|Wladimir", "Putin|Poutine", 1999, 12, 31, 2008, 5, 7},
	{OF_PRESIDENT, "Dmitry|Dmitri|Dmitrij", "Medvedev|Medwedew|Medvedev", 2008, 5, 7, 2012, 5, 7},
	{OF_PRESIDENT, "Vladimir|Wladimir", "Putin|Poutine", 2012, 5, 7, OPEN},
	/* Presidents of France */
	{OF_PRESIDENT, "François|Francois", "Mitterrand", 1981, 5, 21, 1995, 5, 17},
	{OF_PRESIDENT, "Jacques", "Chirac", 1995, 5, 17, 2007, 5, 16},
	{OF_PRESIDENT, "Nicolas", "Sarkozy", 2007, 5, 16, 2012, 5, 15},
	{OF_PRESIDENT, "François|Francois", "Hollande", 2012, 5, 15, 2017, 5, 14},
	{OF_PRESIDENT, "Emmanuel", "Macron", 2017, 5, 14, OPEN},
	/* Presidents of Ukraine (recent) */
	{OF_PRESIDENT, "Petro", "Poroshenko|Poroschenko", 2014, 6, 7, 2019, 5, 20},
	{OF_PRESIDENT, "Volodymyr|Wolodymyr", "Zelensky|Zelenskyy|Selenskyj|Zelenski", 2019, 5, 20, OPEN},
	/* Prime Ministers of the United Kingdom */
	{OF_PM, "Margaret", "Thatcher", 1979, 5, 4, 1990, 11, 28},
	{OF_PM, "John", "Major", 1990, 11, 28, 1997, 5, 2},
	{OF_PM, "Tony", "Blair", 1997, 5, 2, 2007, 6, 27},
	{OF_PM, "Gordon", "Brown", 2007, 6, 27, 2010, 5, 11},
	{OF_PM, "David", "Cameron", 2010, 5, 11, 2016, 7, 13},
	{OF_PM, "Theresa", "May", 2016, 7, 13, 2019, 7, 24},
	{OF_PM, "Boris", "Johnson", 2019, 7, 24, 2022, 9, 6},
	{OF_PM, "Liz|Elizabeth", "Truss", 2022, 9, 6, 2022, 10, 25},
	{OF_PM, "Rishi", "Sunak", 2022, 10, 25, 2024, 7, 5},
	{OF_PM, "Keir", "Starmer", 2024, 7, 5, OPEN},
	/* Chancellors of Germany */
	{OF_CHANCELLOR, "Helmut", "Kohl", 1982, 10, 1, 1998, 10, 27},
	{OF_CHANCELLOR, "Gerhard", "Schröder|Schroeder|Schroder", 1998, 10, 27, 2005, 11, 22},
	{OF_CHANCELLOR, "Angela", "Merkel", 2005, 11, 22, 2021, 12, 8},
	{OF_CHANCELLOR, "Olaf", "Scholz", 2021, 12, 8, 2025, 5, 6},
	{OF_CHANCELLOR, "Friedrich", "Merz", 2025, 5, 6, OPEN},
	/* Secretaries-General of the United Nations */
	{OF_SECGEN, "Javier", "Pérez de Cuéllar|Perez de Cuellar", 1982, 1, 1, 1992, 1, 1},
	{OF_SECGEN, "Boutros", "Boutros-Ghali", 1992, 1, 1, 1997, 1, 1},
	{OF_SECGEN, "", "Kofi Annan|Annan", 1997, 1, 1, 2007, 1, 1},
	{OF_SECGEN, "", "Ban Ki-moon|Ban", 2007, 1, 1, 2017, 1, 1},
	{OF_SECGEN, "António|Antonio", "Guterres", 2017, 1, 1, OPEN},
	/* Popes */
	{OF_POPE, "", "John Paul II|Jean-Paul II|Johannes Paul II.|Giovanni Paolo II|Juan Pablo II", 1978, 10, 16, 2005, 4, 2},
	{OF_POPE, "", "Benedict XVI|Benedikt XVI.|Benoît XVI|Benedetto XVI|Benedicto XVI|Benedict|Benedikt", 2005, 4, 19, 2013, 2, 28},
	{OF_POPE, "", "Francis|Franziskus|François|Francesco|Francisco", 2013, 3, 13, 2025, 4, 21},
	{OF_POPE, "", "Leo XIV|Leo XIV.|Léon XIV|Leone XIV|León XIV", 2025, 5, 8, OPEN},
};

typedef struct title {
	const char *text;
	uint8_t office;
} title;

/* Longer forms first where one begins another. */
static const title titles[] = {
	{"President", OF_PRESIDENT}, {"president", OF_PRESIDENT},
	{"Präsident", OF_PRESIDENT}, {"Präsidentin", OF_PRESIDENT},
	{"Staatspräsident", OF_PRESIDENT}, {"Président", OF_PRESIDENT},
	{"président", OF_PRESIDENT}, {"Presidente", OF_PRESIDENT},
	{"presidente", OF_PRESIDENT}, {"Prime Minister", OF_PM},
	{"prime minister", OF_PM}, {"Premierminister", OF_PM},
	{"Premierministerin", OF_PM}, {"Premier ministre", OF_PM},
	{"Premier Minister", OF_PM}, {"premier ministre", OF_PM},
	{"Primo ministro", OF_PM}, {"primo ministro", OF_PM},
	{"Primer ministro", OF_PM}, {"primer ministro", OF_PM},
	{"Chancellor", OF_CHANCELLOR}, {"chancellor", OF_CHANCELLOR},
	{"Bundeskanzler", OF_CHANCELLOR}, {"Bundeskanzlerin", OF_CHANCELLOR},
	{"Kanzler", OF_CHANCELLOR}, {"Kanzlerin", OF_CHANCELLOR},
	{"chancelier", OF_CHANCELLOR}, {"chancelière", OF_CHANCELLOR},
	{"Chancelier", OF_CHANCELLOR}, {"Chancelière", OF_CHANCELLOR},
	{"cancelliere", OF_CHANCELLOR}, {"canciller", OF_CHANCELLOR},
	{"Secretary-General", OF_SECGEN}, {"Secretary General", OF_SECGEN},
	{"secretary-general", OF_SECGEN}, {"secretary general", OF_SECGEN},
	{"Generalsekretär", OF_SECGEN}, {"secrétaire général", OF_SECGEN},
	{"Secrétaire général", OF_SECGEN}, {"segretario generale", OF_SECGEN},
	{"secretario general", OF_SECGEN}, {"Pope", OF_POPE},
	{"Papst", OF_POPE}, {"pape", OF_POPE}, {"Pape", OF_POPE},
	{"papa", OF_POPE}, {"Papa", OF_POPE},
};

/* Words that make the title a past one: "former President", "the late
 * Pope", "then-Chancellor", "ex-président", "Altkanzler" is not matched. */
static const char *const former[] = {
	"former", "Former", "ex", "Ex", "late", "then", "ehemalige", "ehemaligen",
	"ehemaliger", "frühere", "früheren", "früherer", "ancien", "l'ancien",
	"défunt", "ex-président", "l'ex", "ehemals", "exprésident",
	"expresidente", "allora", "entonces", "fallecido", "defunto"};

static int is_letter_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Does [p, end) start with one of the '|'-separated forms of list, ending
 * at a non-letter? The length matched goes to *n. */
static int starts_with_any(const char *p, const char *end, const char *list,
			   size_t *n)
{
	while (*list) {
		const char *bar = strchr(list, '|');
		size_t k = bar ? (size_t)(bar - list) : strlen(list);
		if (k > 0 && (size_t)(end - p) >= k && memcmp(p, list, k) == 0 &&
		    (p + k == end || !is_letter_byte((unsigned char)p[k]) ||
		     list[k - 1] == '.')) {
			*n = k;
			return 1;
		}
		if (!bar)
			break;
		list = bar + 1;
	}
	return 0;
}

static const char *skip_spaces(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\n' || *p == '\t'))
		p++;
	return p;
}

/* A Roman numeral word at p (I, V, X, L; at most 6 letters). */
static int roman_at(const char *p, const char *end)
{
	size_t k = 0;
	while (p + k < end && k < 7 && strchr("IVXL", p[k]) && p[k])
		k++;
	return k > 0 && k < 7 && (p + k == end || !is_letter_byte((unsigned char)p[k]));
}

/* The surname of row r at p, directly or after one of its given names. */
static const char *match_row(const office_term *r, const char *p,
			     const char *end)
{
	size_t n;
	const char *q = p;
	if (!starts_with_any(q, end, r->surname, &n)) {
		if (!*r->given || !starts_with_any(q, end, r->given, &n))
			return NULL;
		q = skip_spaces(q + n, end);
		if (q == p + n || !starts_with_any(q, end, r->surname, &n))
			return NULL;
	}
	const char *e = q + n;
	/* a pope's name without its numeral must not be followed by another */
	const char *after = skip_spaces(e, end);
	if (r->office == OF_POPE && after > e && roman_at(after, end) &&
	    !strchr("IVXL", e[-1]))
		return NULL;
	return e;
}

/* Is the title at text + i, ending at text + j, a past one? */
static int is_former(const char *text, size_t i)
{
	/* glued: "ex-President", "then-President" */
	if (i >= 3 && text[i - 1] == '-') {
		size_t k = i - 1;
		while (k > 0 && is_letter_byte((unsigned char)text[k - 1]))
			k--;
		for (size_t f = 0; f < NGI_ARRAY_LEN(former); f++)
			if (strlen(former[f]) == i - 1 - k &&
			    memcmp(text + k, former[f], i - 1 - k) == 0)
				return 1;
	}
	/* up to three words before: "former U.S. President" */
	size_t k = i;
	for (int w = 0; w < 3 && k > 0; w++) {
		while (k > 0 && (text[k - 1] == ' ' || text[k - 1] == '\n'))
			k--;
		size_t e = k;
		while (k > 0 && text[k - 1] != ' ' && text[k - 1] != '\n')
			k--;
		if (e == k)
			break;
		for (size_t f = 0; f < NGI_ARRAY_LEN(former); f++)
			if (strlen(former[f]) == e - k &&
			    memcmp(text + k, former[f], e - k) == 0)
				return 1;
		/* a sentence ends: nothing further back counts */
		if (text[e - 1] == '.' && e - k > 4)
			break;
	}
	return 0;
}

size_t ngi_office_find(const char *text, size_t len, ngi_office_hit *out,
		       size_t max)
{
	size_t n_out = 0;
	const char *end = text + len;
	for (size_t i = 0; i < len && n_out < max; i++) {
		if (i > 0 && is_letter_byte((unsigned char)text[i - 1]))
			continue;
		for (size_t t = 0; t < NGI_ARRAY_LEN(titles); t++) {
			size_t tl = strlen(titles[t].text);
			if (text[i] != titles[t].text[0] || len - i < tl + 2 ||
			    memcmp(text + i, titles[t].text, tl) != 0 ||
			    text[i + tl] != ' ')
				continue;
			if (is_former(text, i))
				break;
			const char *p = skip_spaces(text + i + tl, end);
			ngi_office_hit h = {.start = (uint32_t)i};
			const char *best_end = NULL;
			for (size_t r = 0; r < NGI_ARRAY_LEN(terms); r++) {
				if (terms[r].office != titles[t].office)
					continue;
				const char *e = match_row(&terms[r], p, end);
				if (!e || h.n_terms >= NGI_OFFICE_MAX_TERMS)
					continue;
				/* rows of another person with a longer match
				 * ("George W. Bush" against "George Bush")
				 * were filtered by match_row already */
				h.terms[h.n_terms++] = (uint16_t)r;
				if (!best_end || e > best_end)
					best_end = e;
			}
			if (!h.n_terms)
				continue;
			h.end = (uint32_t)(best_end - text);
			/* one hit per person: the first row's surname */
			int seen = 0;
			for (size_t k = 0; k < n_out && !seen; k++)
				seen = strcmp(terms[out[k].terms[0]].surname,
					      terms[h.terms[0]].surname) == 0;
			if (!seen)
				out[n_out++] = h;
			i = h.end - 1;
			break;
		}
	}
	return n_out;
}

int ngi_office_covers(const ngi_office_hit *hit, int32_t day)
{
	for (size_t k = 0; k < hit->n_terms; k++) {
		const office_term *r = &terms[hit->terms[k]];
		int32_t a = ngi_days_from_civil(r->y0, r->m0, r->d0);
		int32_t b = ngi_days_from_civil(r->y1, r->m1, r->d1);
		if (day >= a && day < b)
			return 1;
	}
	return 0;
}

const char *ngi_office_name(const ngi_office_hit *hit)
{
	return hit->n_terms ? terms[hit->terms[0]].surname : "";
}
