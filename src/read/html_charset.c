/*
 * html_charset.c: a page's bytes -> UTF-8, the extractor's first stage.
 *
 * The charset is the first of: a byte-order mark (UTF-8, UTF-16LE/BE);
 * the charset parameter of the HTTP Content-Type the caller passes; a
 * <meta charset> or <meta http-equiv=Content-Type content="...charset=">
 * in the first 16 KB (HTML5 says 1 KB; real heads are longer); then a
 * guess: bytes that are all valid UTF-8 are UTF-8 ("detected", or
 * "default" when they are plain ASCII), anything else goes to ICU's
 * detector (ucsdet, markup filtered out). A label ICU cannot open is
 * skipped for the next source; Latin-1 and ASCII labels mean windows-1252
 * and a UTF-16 label in a meta tag means UTF-8, as browsers read them.
 *
 * Conversion: valid UTF-8 is used as it is; everything else goes through
 * ICU's converter, whose callback counts the bytes that did not decode
 * (replaced by U+FFFD). NUL characters become U+FFFD and count too.
 */
#include "html_int.h"

#include <string.h>
#include <strings.h>

#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>
#include <unicode/ustring.h>

#include "../base/utf8.h"

#define META_SCAN_BYTES 16384
#define DETECT_BYTES 65536

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* The value of "charset=" in s[0..len) (a Content-Type or a meta
 * content), copied to buf; NULL when none. */
static const char *charset_param(const char *s, size_t len, char *buf,
				 size_t cap)
{
	for (size_t i = 0; i + 8 <= len; i++) {
		if (strncasecmp(s + i, "charset", 7) != 0)
			continue;
		size_t j = i + 7;
		while (j < len && is_space((unsigned char)s[j]))
			j++;
		if (j >= len || s[j] != '=')
			continue;
		j++;
		while (j < len && is_space((unsigned char)s[j]))
			j++;
		if (j < len && (s[j] == '"' || s[j] == '\''))
			j++;
		size_t k = 0;
		while (j < len && k + 1 < cap) {
			unsigned char c = (unsigned char)s[j];
			if (is_space(c) || c == ';' || c == '"' || c == '\'' ||
			    c == ',' || c == '>')
				break;
			buf[k++] = (char)c;
			j++;
		}
		buf[k] = 0;
		return k ? buf : NULL;
	}
	return NULL;
}

/* Reads one attribute of the tag at s[i..len) (after its name); returns
 * the index after it, or 0 at the tag's end. name and value are copied
 * (lower-cased name), truncated to their caps. */
static size_t next_attr(const char *s, size_t len, size_t i, char *name,
			size_t name_cap, char *value, size_t value_cap)
{
	while (i < len && (is_space((unsigned char)s[i]) || s[i] == '/'))
		i++;
	if (i >= len || s[i] == '>')
		return 0;
	size_t k = 0;
	while (i < len && !is_space((unsigned char)s[i]) && s[i] != '=' &&
	       s[i] != '>') {
		if (k + 1 < name_cap)
			name[k++] = (char)lower((unsigned char)s[i]);
		i++;
	}
	name[k] = 0;
	value[0] = 0;
	while (i < len && is_space((unsigned char)s[i]))
		i++;
	if (i >= len || s[i] != '=')
		return i;
	i++;
	while (i < len && is_space((unsigned char)s[i]))
		i++;
	k = 0;
	if (i < len && (s[i] == '"' || s[i] == '\'')) {
		char q = s[i++];
		while (i < len && s[i] != q) {
			if (k + 1 < value_cap)
				value[k++] = s[i];
			i++;
		}
		if (i < len)
			i++;
	} else {
		while (i < len && !is_space((unsigned char)s[i]) &&
		       s[i] != '>') {
			if (k + 1 < value_cap)
				value[k++] = s[i];
			i++;
		}
	}
	value[k] = 0;
	return i;
}

/* The charset a <meta> tag in the first bytes declares, copied to buf. */
static const char *meta_charset(const char *s, size_t len, char *buf,
				size_t cap)
{
	if (len > META_SCAN_BYTES)
		len = META_SCAN_BYTES;
	for (size_t i = 0; i + 5 < len; i++) {
		if (s[i] != '<')
			continue;
		if (strncmp(s + i, "<!--", 4) == 0) {
			const char *end = ngi_memfind(s + i + 4, len - i - 4, "-->", 3);
			if (!end)
				return NULL;
			i = (size_t)(end - s) + 2;
			continue;
		}
		if (strncasecmp(s + i + 1, "meta", 4) != 0 ||
		    !(is_space((unsigned char)s[i + 5]) || s[i + 5] == '/'))
			continue;
		char name[32], value[256], content[256] = "";
		int http_equiv = 0;
		const char *found = NULL;
		size_t j = i + 5;
		while ((j = next_attr(s, len, j, name, sizeof name, value,
				      sizeof value)) != 0) {
			if (strcmp(name, "charset") == 0 && value[0]) {
				size_t k = strlen(value);
				if (k >= cap)
					k = cap - 1;
				memcpy(buf, value, k);
				buf[k] = 0;
				found = buf;
			} else if (strcmp(name, "http-equiv") == 0) {
				http_equiv =
					strcasecmp(value, "content-type") == 0;
			} else if (strcmp(name, "content") == 0) {
				memcpy(content, value, strlen(value) + 1);
			}
		}
		if (found)
			return found;
		if (http_equiv && content[0]) {
			const char *c = charset_param(content, strlen(content),
						      buf, cap);
			if (c)
				return c;
		}
	}
	return NULL;
}

/* The name ICU should open for a declared label, or NULL when ICU does
 * not know it. from_meta: a UTF-16 label in the markup itself cannot be
 * true (the markup was read as ASCII), so it means UTF-8. */
static const char *usable_label(const char *label, int from_meta)
{
	static const char *const latin1[] = {
		"iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii",
		"ascii", "iso_8859-1", "cp819", "ibm819", "iso-ir-100",
		"windows-1252", "cp1252", "x-cp1252"};
	for (size_t i = 0; i < NGI_ARRAY_LEN(latin1); i++)
		if (strcasecmp(label, latin1[i]) == 0)
			return "windows-1252";
	if (strcasecmp(label, "utf-8") == 0 || strcasecmp(label, "utf8") == 0 ||
	    strcasecmp(label, "unicode-1-1-utf-8") == 0)
		return "utf-8";
	if (strncasecmp(label, "utf-16", 6) == 0 ||
	    strncasecmp(label, "utf16", 5) == 0 ||
	    strcasecmp(label, "unicode") == 0)
		return from_meta ? "utf-8" : NULL;
	if (strcasecmp(label, "x-user-defined") == 0)
		return NULL;
	UErrorCode err = U_ZERO_ERROR;
	const char *name = ucnv_getCanonicalName(label, "WINDOWS", &err);
	if (U_FAILURE(err) || !name) {
		err = U_ZERO_ERROR;
		name = ucnv_getCanonicalName(label, "IANA", &err);
	}
	if (U_FAILURE(err) || !name) {
		err = U_ZERO_ERROR;
		UConverter *c = ucnv_open(label, &err);
		if (U_FAILURE(err) || !c)
			return NULL;
		ucnv_close(c);
	}
	return label;
}

typedef struct count_ctx {
	size_t bad;
} count_ctx;

/* ICU's to-Unicode callback: count what does not decode, then write
 * U+FFFD as the standard substitute callback does. */
static void count_bad(const void *context, UConverterToUnicodeArgs *args,
		      const char *units, int32_t length,
		      UConverterCallbackReason reason, UErrorCode *err)
{
	count_ctx *c = (count_ctx *)context;
	if (reason == UCNV_UNASSIGNED || reason == UCNV_ILLEGAL ||
	    reason == UCNV_IRREGULAR)
		c->bad += (size_t)length;
	UCNV_TO_U_CALLBACK_SUBSTITUTE(NULL, args, units, length, reason, err);
}

/* Appends UTF-16 u[0..n) as UTF-8, NUL as U+FFFD (counted). */
static ng_status put_utf16(const UChar *u, int32_t n, ngi_buf *out,
			   size_t *bad)
{
	for (int32_t i = 0; i < n; i++) {
		uint32_t cp = u[i];
		if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < n &&
		    u[i + 1] >= 0xDC00 && u[i + 1] <= 0xDFFF) {
			cp = 0x10000 + ((cp - 0xD800) << 10) + (u[i + 1] - 0xDC00);
			i++;
		} else if (cp >= 0xD800 && cp <= 0xDFFF) {
			cp = 0xFFFD;
		} else if (cp == 0) {
			cp = 0xFFFD;
			(*bad)++;
		}
		char enc[4];
		size_t k = ngi_utf8_encode(cp, enc);
		ng_status st = ngi_buf_append(out, enc, k);
		if (st != NG_OK)
			return st;
	}
	return NG_OK;
}

/* Converts with ICU; NG_ERR_INPUT when ICU cannot open the charset. */
static ng_status convert(const char *bytes, size_t len, const char *charset,
			 ngi_buf *out, size_t *bad)
{
	UErrorCode err = U_ZERO_ERROR;
	UConverter *cnv = ucnv_open(charset, &err);
	if (U_FAILURE(err) || !cnv)
		return NG_ERR_INPUT;
	count_ctx cc = {0};
	ucnv_setToUCallBack(cnv, count_bad, &cc, NULL, NULL, &err);
	if (U_FAILURE(err)) {
		ucnv_close(cnv);
		return NG_ERR_INPUT;
	}
	enum { CHUNK = 16384 };
	UChar u[CHUNK + 1];
	const char *src = bytes, *src_end = bytes + len;
	ng_status st = ngi_buf_reserve(out, len + len / 2 + 16);
	int flush = 0;
	UChar held = 0; /* a lead surrogate waiting for its pair */
	while (st == NG_OK && !flush) {
		UChar *dst = u, *dst_end = u + CHUNK;
		if (held) {
			*dst++ = held;
			held = 0;
		}
		err = U_ZERO_ERROR;
		ucnv_toUnicode(cnv, &dst, dst_end, &src, src_end, NULL, 1, &err);
		if (err == U_BUFFER_OVERFLOW_ERROR) {
			err = U_ZERO_ERROR;
		} else if (U_FAILURE(err)) {
			st = NG_ERR_INPUT;
			break;
		} else {
			flush = 1;
		}
		int32_t n = (int32_t)(dst - u);
		if (!flush && n > 0 && u[n - 1] >= 0xD800 && u[n - 1] <= 0xDBFF)
			held = u[--n];
		st = put_utf16(u, n, out, bad);
	}
	ucnv_close(cnv);
	*bad += cc.bad;
	return st;
}

/* Repairs UTF-8 that is not all valid (U+FFFD per maximal invalid
 * subpart, as everywhere in the project); *bad counts the bytes that are
 * not part of a valid sequence. */
static ng_status repair_utf8(const char *bytes, size_t len, ngi_buf *out,
			     size_t *bad)
{
	size_t first = 0;
	if (ngi_utf8_repair(bytes, len, out, &first) == (size_t)-1)
		return NG_ERR_NOMEM;
	for (size_t i = 0; i < len;) {
		size_t ok = ngi_utf8_valid_prefix(bytes + i, len - i);
		i += ok;
		if (i < len) {
			(*bad)++;
			i++;
		}
	}
	return NG_OK;
}

static int all_ascii(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

/* ICU's guess at the charset of bytes that are not UTF-8; NULL when it
 * has none. */
static const char *detect(const char *bytes, size_t len)
{
	UErrorCode err = U_ZERO_ERROR;
	UCharsetDetector *d = ucsdet_open(&err);
	if (U_FAILURE(err))
		return NULL;
	ucsdet_enableInputFilter(d, 1);
	ucsdet_setText(d, bytes, (int32_t)(len > DETECT_BYTES ? DETECT_BYTES : len),
		       &err);
	const UCharsetMatch *m = ucsdet_detect(d, &err);
	const char *name = NULL;
	if (U_SUCCESS(err) && m) {
		const char *n = ucsdet_getName(m, &err);
		if (U_SUCCESS(err) && n)
			name = usable_label(n, 0);
	}
	/* The names ucsdet returns are static strings of ICU's. */
	ucsdet_close(d);
	if (name && strcasecmp(name, "utf-8") == 0)
		name = NULL; /* not valid UTF-8: we know better */
	return name;
}

static const char *canonical_name(const char *label, ngi_arena *a)
{
	if (strcasecmp(label, "utf-8") == 0)
		return "utf-8";
	size_t n = strlen(label);
	char *s = ngi_arena_alloc(a, n + 1);
	if (!s)
		return NULL;
	for (size_t i = 0; i <= n; i++)
		s[i] = (char)lower((unsigned char)label[i]);
	return s;
}

ng_status ngi_html_decode(const char *bytes, size_t len,
			  const char *content_type, ngi_arena *a,
			  ngi_html_text *out)
{
	const char *charset = NULL, *source = NULL;
	char buf[64];

	/* 1. byte-order mark */
	if (len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0) {
		charset = "utf-8";
		bytes += 3;
		len -= 3;
	} else if (len >= 2 && memcmp(bytes, "\xFF\xFE", 2) == 0) {
		charset = "utf-16le";
	} else if (len >= 2 && memcmp(bytes, "\xFE\xFF", 2) == 0) {
		charset = "utf-16be";
	}
	if (charset)
		source = "bom";
	/* 2. the HTTP header */
	if (!charset && content_type) {
		const char *c = charset_param(content_type, strlen(content_type),
					      buf, sizeof buf);
		if (c && (charset = usable_label(c, 0)) != NULL)
			source = "http";
	}
	/* 3. the page's own <meta> */
	if (!charset) {
		const char *c = meta_charset(bytes, len, buf, sizeof buf);
		if (c && (charset = usable_label(c, 1)) != NULL)
			source = "meta";
	}
	/* 4. a guess */
	int valid = ngi_utf8_valid_prefix(bytes, len) == len;
	if (!charset) {
		if (valid) {
			charset = "utf-8";
			source = all_ascii(bytes, len) ? "default" : "detected";
		} else if ((charset = detect(bytes, len)) != NULL) {
			source = "detected";
		} else {
			charset = "windows-1252";
			source = "default";
		}
	}

	out->invalid_bytes = 0;
	ngi_buf b;
	ngi_buf_init(&b, 4 * len + 64);
	ng_status st;
	if (strcasecmp(charset, "utf-8") == 0) {
		if (valid)
			st = ngi_buf_append(&b, bytes, len);
		else
			st = repair_utf8(bytes, len, &b, &out->invalid_bytes);
	} else {
		st = convert(bytes, len, charset, &b, &out->invalid_bytes);
		if (st == NG_ERR_INPUT) {
			/* ICU knew the name but could not open it. */
			ngi_buf_clear(&b);
			out->invalid_bytes = 0;
			charset = "utf-8";
			source = "default";
			st = repair_utf8(bytes, len, &b, &out->invalid_bytes);
		}
	}
	if (st == NG_OK && !b.data)
		st = ngi_buf_reserve(&b, 1);
	if (st != NG_OK) {
		ngi_buf_free(&b);
		return NG_ERR_NOMEM;
	}
	out->data = ngi_arena_strndup(a, b.data, b.len);
	out->len = b.len;
	ngi_buf_free(&b);
	out->charset = canonical_name(charset, a);
	out->charset_source = source;
	return out->data && out->charset ? NG_OK : NG_ERR_NOMEM;
}
