/*
 * gazetteer.c: place names in every language the entity stage reads, taken
 * from ICU's locale data (already a dependency, for transliteration).
 *
 * Two sources, named in the languages of gaz_langs:
 *  - countries and territories: uloc_getISOCountries, named by
 *    uloc_getDisplayCountry ("Nicaragua", "Никарагуа", "Nikaragua",
 *    "Amurka" for the United States in Hausa), in all of them;
 *  - cities: the exemplar city of each canonical time zone, the name ICU
 *    prints for the pattern "VVV" ("Managua", "Манагуа", "Moskau"), in
 *    the first NGI_GAZ_CITY_LANGS.
 * Zones that name no city a reader would call one are left out: the
 * research stations of Antarctica (named after people: Casey, Davis) and
 * the county seats the US zones split Indiana, Kentucky and North Dakota
 * into (Center, Knox, Tell City).
 *
 * Each place becomes one lexicon entry in the curated format of
 * entity_lexicon.c, "L|English name|variant|...", so every spelling of it
 * shares one canonical key: a Russian and a Polish article about Managua
 * meet on that key. ICU's English display forms carry qualifiers
 * ("Myanmar (Burma)", "Congo - Kinshasa", "Hong Kong SAR China"): the name
 * before them is a variant, and so is the parenthesised one.
 */
#include "gazetteer.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/uenum.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

#include <stdio.h>

#include "../base/base.h"
#include "../base/utf8.h"

/* Countries are named in all of these, cities in the first
 * NGI_GAZ_CITY_LANGS only: a language's city names cost a date formatter
 * switched through some 400 zones (most of the table's build time), and
 * the exemplar cities of the later languages are mostly their English
 * names. */
static const char *const gaz_langs[] = {
	"en", "ru", "uk", "bg", "pl", "cs", "sl", "sk", "de",
	"fr", "it", "es", "pt", "nl", "tr",
	"is", "ha", "hr", "sr", "mk", "be", "el", "hu", "fi", "sv", "da", "nb",
	"lt", "lv", "et", "ca", "id",
};
#define NGI_GAZ_LANGS (sizeof gaz_langs / sizeof gaz_langs[0])
#define NGI_GAZ_CITY_LANGS 15

/* Zone prefixes whose exemplar cities are left out (see above). */
static const char *const skip_zones[] = {
	"Antarctica/", "America/Indiana/", "America/Kentucky/",
	"America/North_Dakota/",
};

/* Zones whose exemplar is more often something else in news text: a word
 * (Christmas, Easter, Wake, Resolute, Oral), a given name (Regina,
 * Stanley) or a surname (Darwin, Currie, Johnston, Dawson, Chatham,
 * Lindeman, Lord Howe). */
static const char *const skip_exemplars[] = {
	"Indian/Christmas", "Pacific/Easter", "Pacific/Wake", "America/Resolute",
	"Asia/Oral", "America/Regina", "Atlantic/Stanley", "Australia/Darwin",
	"Australia/Currie", "Pacific/Johnston", "America/Dawson",
	"Pacific/Chatham", "Australia/Lindeman", "Australia/Lord_Howe",
};

static int has_variant(const ngi_buf *e, const char *v, size_t n)
{
	const char *p = e->data + 2, *end = e->data + e->len;
	while (p < end) {
		const char *bar = memchr(p, '|', (size_t)(end - p));
		size_t len = bar ? (size_t)(bar - p) : (size_t)(end - p);
		if (len == n && !memcmp(p, v, n))
			return 1;
		p += len + 1;
	}
	return 0;
}

static ng_status add_variant(ngi_buf *e, const char *v, size_t n)
{
	while (n && v[n - 1] == ' ')
		n--;
	while (n && *v == ' ') {
		v++;
		n--;
	}
	if (n == 0 || memchr(v, '|', n) || has_variant(e, v, n))
		return NG_OK;
	if (e->len > 2 && ngi_buf_putc(e, '|'))
		return NG_ERR_NOMEM;
	return ngi_buf_append(e, v, n);
}

/* Adds a display name and the plain names inside it: the part before
 * " (", " - " or " SAR ", and the parenthesised part. */
static ng_status add_display(ngi_buf *e, const char *s)
{
	size_t n = strlen(s);
	const char *cut = NULL;
	const char *seps[] = {" (", " - ", " SAR "};
	for (size_t i = 0; i < 3; i++) {
		const char *p = strstr(s, seps[i]);
		if (p && (!cut || p < cut))
			cut = p;
	}
	if (!cut)
		return add_variant(e, s, n);
	ng_status st = add_variant(e, s, (size_t)(cut - s));
	const char *open = strstr(s, " (");
	const char *close = open ? strchr(open, ')') : NULL;
	if (!st && open && close)
		st = add_variant(e, open + 2, (size_t)(close - open - 2));
	return st;
}

static ng_status finish(ngi_buf *e, char ***list, size_t *n, size_t *cap)
{
	if (e->len <= 2) /* no name in any language */
		return NG_OK;
	char *s = malloc(e->len + 1);
	if (!s)
		return NG_ERR_NOMEM;
	memcpy(s, e->data, e->len);
	s[e->len] = 0;
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 256;
		char **l = realloc(*list, c * sizeof *l);
		if (!l) {
			free(s);
			return NG_ERR_NOMEM;
		}
		*list = l;
		*cap = c;
	}
	(*list)[(*n)++] = s;
	return NG_OK;
}

static ng_status entry_reset(ngi_buf *e)
{
	ngi_buf_clear(e);
	return ngi_buf_append(e, "L|", 2);
}

static ng_status countries(ngi_buf *e, char ***list, size_t *n, size_t *cap)
{
	ng_status st = NG_OK;
	for (const char *const *c = uloc_getISOCountries(); *c && !st; c++) {
		char loc[16];
		snprintf(loc, sizeof loc, "und_%s", *c);
		st = entry_reset(e);
		for (size_t l = 0; l < NGI_GAZ_LANGS && !st; l++) {
			UChar u[128];
			char s[384];
			UErrorCode err = U_ZERO_ERROR;
			int32_t len = uloc_getDisplayCountry(loc, gaz_langs[l], u,
							     128, &err);
			if (U_FAILURE(err) || len <= 0)
				continue;
			u_strToUTF8(s, sizeof s, NULL, u, len, &err);
			/* ICU falls back to the code when it has no name; a
			 * later language's name of three letters or fewer is
			 * too often a word of another (Swedish "Man", the Isle
			 * of Man; Hausa "Sin", China) */
			if (U_FAILURE(err) || !strcmp(s, *c) ||
			    (l >= NGI_GAZ_CITY_LANGS && ngi_utf8_count(s, strlen(s)) <= 3))
				continue;
			st = add_display(e, s);
		}
		if (!st)
			st = finish(e, list, n, cap);
	}
	return st;
}

static int skipped_zone(const char *id)
{
	for (size_t i = 0; i < sizeof skip_zones / sizeof skip_zones[0]; i++)
		if (!strncmp(id, skip_zones[i], strlen(skip_zones[i])))
			return 1;
	for (size_t i = 0; i < sizeof skip_exemplars / sizeof skip_exemplars[0]; i++)
		if (!strcmp(id, skip_exemplars[i]))
			return 1;
	return strchr(id, '/') == NULL; /* "UTC" and the like */
}

/* One date formatter per language, its calendar's zone switched per city:
 * opening a formatter per zone costs ten times more. */
typedef struct city_fmt {
	UDateFormat *fmt;
	UCalendar *cal;
} city_fmt;

static ng_status cities(ngi_buf *e, char ***list, size_t *n, size_t *cap)
{
	UErrorCode err = U_ZERO_ERROR;
	UEnumeration *zones = ucal_openTimeZoneIDEnumeration(
		UCAL_ZONE_TYPE_CANONICAL_LOCATION, NULL, NULL, &err);
	if (U_FAILURE(err))
		return NG_OK; /* no zone data: no cities */
	city_fmt f[NGI_GAZ_CITY_LANGS] = {{0}};
	static const UChar pattern[] = {'V', 'V', 'V', 0};
	static const UChar utc[] = {'U', 'T', 'C', 0};
	ng_status st = NG_OK;
	for (size_t l = 0; l < NGI_GAZ_CITY_LANGS; l++) {
		err = U_ZERO_ERROR;
		f[l].fmt = udat_open(UDAT_PATTERN, UDAT_PATTERN, gaz_langs[l], utc,
				     -1, pattern, -1, &err);
		if (U_SUCCESS(err))
			f[l].cal = ucal_clone(udat_getCalendar(f[l].fmt), &err);
		if (U_FAILURE(err))
			st = NG_ERR_INTERNAL;
	}
	const char *id;
	int32_t id_len;
	err = U_ZERO_ERROR;
	while (!st && (id = uenum_next(zones, &id_len, &err)) != NULL) {
		if (skipped_zone(id) || id_len >= 64)
			continue;
		UChar zid[64];
		u_uastrncpy(zid, id, 64);
		st = entry_reset(e);
		for (size_t l = 0; l < NGI_GAZ_CITY_LANGS && !st; l++) {
			UErrorCode e2 = U_ZERO_ERROR;
			ucal_setTimeZone(f[l].cal, zid, id_len, &e2);
			udat_setCalendar(f[l].fmt, f[l].cal);
			UChar u[128];
			char s[384];
			int32_t len = udat_format(f[l].fmt, 0, u, 128, NULL, &e2);
			if (U_FAILURE(e2) || len <= 0)
				continue;
			u_strToUTF8(s, sizeof s, NULL, u, len, &e2);
			if (U_SUCCESS(e2))
				st = add_display(e, s);
		}
		if (!st)
			st = finish(e, list, n, cap);
	}
	for (size_t l = 0; l < NGI_GAZ_CITY_LANGS; l++) {
		if (f[l].cal)
			ucal_close(f[l].cal);
		if (f[l].fmt)
			udat_close(f[l].fmt);
	}
	uenum_close(zones);
	return st;
}

ng_status ngi_gazetteer_places(char ***out, size_t *n_out)
{
	char **list = NULL;
	size_t n = 0, cap = 0;
	ngi_buf e; /* the entry being built: "L|" then its variants */
	ngi_buf_init(&e, 0);
	ng_status st = countries(&e, &list, &n, &cap);
	if (!st)
		st = cities(&e, &list, &n, &cap);
	ngi_buf_free(&e);
	if (st) {
		ngi_gazetteer_free(list, n);
		return st;
	}
	*out = list;
	*n_out = n;
	return NG_OK;
}

void ngi_gazetteer_free(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}
