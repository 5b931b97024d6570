/*
 * html.c: ngi_html_extract, the driver of the HTML extractor (html.h).
 *
 * Refuses what is not a page before any work: more than
 * NGI_HTML_MAX_BYTES, nothing at all, the magic numbers of common binary
 * formats (PDF, images, archives, gzip, executables, fonts, media), and
 * bytes with many control characters (unless a UTF-16 byte-order mark
 * explains the NULs). Then the stages of html_int.h in order: charset,
 * cleaning, tree (a page nested past 256 levels or of more than a
 * million elements and text runs is refused),
 * metadata, body, credit line.
 */
#include "html_int.h"

#include <string.h>

static const struct {
	const char *magic;
	size_t len;
	size_t at;
	const char *what;
} magics[] = {
	{"%PDF-", 5, 0, "binary data (a PDF document)"},
	{"\x89PNG", 4, 0, "binary data (a PNG image)"},
	{"GIF87a", 6, 0, "binary data (a GIF image)"},
	{"GIF89a", 6, 0, "binary data (a GIF image)"},
	{"\xFF\xD8\xFF", 3, 0, "binary data (a JPEG image)"},
	{"RIFF", 4, 0, "binary data (a RIFF file: WebP, WAV or AVI)"},
	{"PK\x03\x04", 4, 0, "binary data (a ZIP archive)"},
	{"\x1F\x8B", 2, 0, "gzip-compressed data: decompress it first"},
	{"\x28\xB5\x2F\xFD", 4, 0, "zstd-compressed data: decompress it first"},
	{"BZh", 3, 0, "bzip2-compressed data: decompress it first"},
	{"\xFD" "7zXZ", 5, 0, "xz-compressed data: decompress it first"},
	{"7z\xBC\xAF", 4, 0, "binary data (a 7-Zip archive)"},
	{"\x7F" "ELF", 4, 0, "binary data (an executable)"},
	{"OggS", 4, 0, "binary data (an Ogg media file)"},
	{"ID3", 3, 0, "binary data (an MP3 file)"},
	{"ftyp", 4, 4, "binary data (an MP4/QuickTime media file)"},
	{"wOFF", 4, 0, "binary data (a web font)"},
	{"wOF2", 4, 0, "binary data (a web font)"},
	{"\xD0\xCF\x11\xE0", 4, 0, "binary data (an MS Office document)"},
};

/* Control bytes (NUL and C0 controls other than white space and ESC) in
 * the first 8 KB: more than 1 % of them is binary data. */
static int mostly_control(const char *s, size_t len)
{
	size_t n = len < 8192 ? len : 8192, bad = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' &&
		    c != '\f' && c != 0x1B && c != '\v')
			bad++;
	}
	return bad > 2 && bad * 100 > n;
}

static const char *not_a_page(const char *bytes, size_t len)
{
	if (len == 0)
		return "empty page (0 bytes)";
	for (size_t i = 0; i < NGI_ARRAY_LEN(magics); i++)
		if (len >= magics[i].at + magics[i].len &&
		    memcmp(bytes + magics[i].at, magics[i].magic,
			   magics[i].len) == 0)
			return magics[i].what;
	int utf16 = len >= 2 && (memcmp(bytes, "\xFF\xFE", 2) == 0 ||
				 memcmp(bytes, "\xFE\xFF", 2) == 0);
	if (!utf16 && mostly_control(bytes, len))
		return "binary data (control bytes, not text)";
	return NULL;
}

ng_status ngi_html_extract(const char *bytes, size_t len, const char *url,
			   const char *content_type, ngi_arena *a,
			   ngi_html_page *out, const char **why)
{
	static const char *const none = "";
	const char *dummy;
	if (!why)
		why = &dummy;
	*why = NULL;
	if (len > NGI_HTML_MAX_BYTES) {
		*why = "page larger than 32 MiB";
		return NG_ERR_TOOBIG;
	}
	const char *bad = not_a_page(bytes, len);
	if (bad) {
		*why = bad;
		return NG_ERR_INPUT;
	}
	ngi_html_page page;
	memset(&page, 0, sizeof page);
	page.body = none;

	ngi_html_text text;
	ng_status st = ngi_html_decode(bytes, len, content_type, a, &text);
	if (st != NG_OK)
		return st;
	char *clean;
	size_t clean_len;
	ngi_html_jsonld *ld;
	st = ngi_html_clean(text.data, text.len, a, &clean, &clean_len, &ld);
	if (st != NG_OK)
		return st;
	ngi_html_tree tree;
	st = ngi_html_tree_build(clean, clean_len, a, &tree);
	if (st != NG_OK)
		return st;
	if (tree.too_deep) {
		*why = "elements nested more than 256 levels deep";
		return NG_ERR_INPUT;
	}
	if (tree.too_many) {
		*why = "more than 1,000,000 elements and text runs";
		return NG_ERR_INPUT;
	}
	const char *article_body = NULL;
	st = ngi_html_meta(&tree, ld, url, a, &page, &article_body);
	if (st != NG_OK)
		return st;
	st = ngi_html_body(&tree, page.title, article_body, a, &page);
	if (st != NG_OK)
		return st;
	ngi_html_credit(&tree, a, &page);
	page.charset = text.charset;
	page.charset_source = text.charset_source;
	page.invalid_bytes = text.invalid_bytes;
	*out = page;
	return NG_OK;
}
