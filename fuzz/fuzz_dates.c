/*
 * fuzz_dates.c: libFuzzer target of the date tagger (src/extract/
 * dates*.c: the scanner, the rules of each language, resolution against
 * an anchor day, calendar arithmetic). The first byte picks the language,
 * the next two an anchor day (0: none, else a day from 1970 to 2149),
 * the rest is the text (repaired to UTF-8, as the readers hand it on).
 * The timexes must be in text order, non-overlapping, inside the text and
 * on character boundaries, with a NUL-terminated value; the two-step
 * form (prepare, tag) must give what the one-step form gives.
 */
#include "fuzz.h"

#include "extract/dates.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 3)
		return 0;
	const char *lang = fuzz_lang(data[0]);
	unsigned raw = (unsigned)data[1] << 8 | data[2];
	int32_t anchor = raw ? (int32_t)raw : NGI_DATES_NO_ANCHOR;
	ngi_buf b;
	size_t len = 0;
	const char *text = fuzz_utf8(data + 3, size - 3, &b, &len);
	if (!text) {
		ngi_buf_free(&b);
		return 0;
	}
	ngi_arena a;
	ngi_arena_init(&a, 0);
	ngi_timex *t = NULL;
	size_t n = 0;
	ng_status st = ngi_dates_find(text, len, lang, NULL, anchor, &a, &t, &n);
	FUZZ_CHECK(st == NG_OK || st == NG_ERR_NOMEM);
	uint32_t prev_end = 0;
	for (size_t i = 0; st == NG_OK && i < n; i++) {
		FUZZ_CHECK(t[i].start < t[i].end && t[i].end <= len);
		FUZZ_CHECK(t[i].start >= prev_end);
		FUZZ_CHECK((text[t[i].start] & 0xC0) != 0x80);
		FUZZ_CHECK(t[i].end == len || (text[t[i].end] & 0xC0) != 0x80);
		FUZZ_CHECK(memchr(t[i].value, '\0', sizeof t[i].value));
		FUZZ_CHECK(memchr(t[i].type, '\0', sizeof t[i].type));
		prev_end = t[i].end;
	}
	if (st == NG_OK && len < 4096) {
		ngi_dates_text *dt = NULL;
		ngi_timex *t2 = NULL;
		size_t n2 = 0;
		if (ngi_dates_prepare(text, len, lang, NULL, &a, &dt) == NG_OK &&
		    ngi_dates_tag(dt, anchor, &a, &t2, &n2) == NG_OK) {
			FUZZ_CHECK(n2 == n);
			for (size_t i = 0; i < n; i++)
				FUZZ_CHECK(t2[i].start == t[i].start &&
					   t2[i].end == t[i].end &&
					   !strcmp(t2[i].value, t[i].value));
		}
	}
	ngi_arena_free(&a);
	ngi_buf_free(&b);
	return 0;
}
