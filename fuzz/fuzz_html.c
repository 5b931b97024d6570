/*
 * fuzz_html.c: libFuzzer target of the HTML extractor (src/read/html*.c:
 * charset decoding, the HTML5 tree, boilerplate removal, metadata, JSON-LD,
 * credit lines, URL resolution). The input is "URL\nCONTENT-TYPE\n" then
 * the page bytes, so the fuzzer varies the base URL and the HTTP charset
 * too (repaired to UTF-8, as the callers hand them over); a first line
 * that is not there leaves them NULL. The page's
 * strings must be valid UTF-8 and the body NUL at body_len.
 */
#include "fuzz.h"

#include "read/html.h"

/* The next line of [*p, end) as a NUL-terminated copy in a, or NULL when
 * there is no newline (the rest is then all page). */
static const char *take_line(const char **p, const char *end, ngi_arena *a)
{
	const char *nl = memchr(*p, '\n', (size_t)(end - *p));
	if (!nl || nl - *p > 512)
		return NULL;
	/* the callers hand over UTF-8 (a WARC reader repairs its URI) */
	ngi_buf fixed;
	ngi_buf_init(&fixed, 0);
	size_t len = (size_t)(nl - *p);
	const char *s = ngi_utf8_or_repaired(*p, &len, &fixed);
	const char *line = ngi_arena_strndup(a, s, len);
	ngi_buf_free(&fixed);
	*p = nl + 1;
	return line && line[0] ? line : NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ngi_arena a;
	ngi_arena_init(&a, 0);
	const char *p = (const char *)data, *end = p + size;
	const char *url = NULL, *content_type = NULL;
	if (size > 2 && data[0] == 'U') {
		p++;
		url = take_line(&p, end, &a);
		content_type = take_line(&p, end, &a);
	}
	ngi_html_page page;
	memset(&page, 0, sizeof page);
	const char *why = NULL;
	ng_status st = ngi_html_extract(p, (size_t)(end - p), url, content_type,
					&a, &page, &why);
	if (st == NG_OK) {
		FUZZ_CHECK(page.body);
		fuzz_check_text(page.body, page.body_len);
		fuzz_check_str(page.url);
		fuzz_check_str(page.title);
		fuzz_check_str(page.authors);
		fuzz_check_str(page.published);
		fuzz_check_str(page.modified);
		fuzz_check_str(page.site);
		fuzz_check_str(page.lang);
		fuzz_check_str(page.credit);
		FUZZ_CHECK(page.charset && page.charset_source);
	} else if (st == NG_ERR_INPUT) {
		FUZZ_CHECK(why && why[0]);
	} else {
		FUZZ_CHECK(st == NG_ERR_TOOBIG || st == NG_ERR_NOMEM);
	}
	ngi_arena_free(&a);
	return 0;
}
