/*
 * auth.c: the write token (guard.h): read from the token file's content,
 * taken from an Authorization header, compared in constant time.
 */
#include "guard.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

const char *ngs_token_set(ngs_token *t, const char *content, size_t n)
{
	while (n && isspace((unsigned char)*content)) {
		content++;
		n--;
	}
	while (n && isspace((unsigned char)content[n - 1]))
		n--;
	if (n < NGS_TOKEN_MIN)
		return "the token is shorter than 16 bytes";
	if (n > NGS_TOKEN_MAX)
		return "the token is longer than 256 bytes";
	for (size_t i = 0; i < n; i++)
		if (content[i] <= ' ' || content[i] > '~')
			return "the token holds a byte that is not printable ASCII "
			       "(or a space)";
	memset(t->bytes, 0, sizeof t->bytes);
	memcpy(t->bytes, content, n);
	t->len = n;
	return NULL;
}

int ngs_token_equal(const ngs_token *t, const char *got, size_t n)
{
	/* The candidate is copied into a padded buffer: that takes time
	 * depending on its own length only, which its sender knows. The
	 * comparison then always runs over NGS_TOKEN_MAX bytes. */
	unsigned char padded[NGS_TOKEN_MAX] = {0};
	size_t copy = n < NGS_TOKEN_MAX ? n : NGS_TOKEN_MAX;
	memcpy(padded, got, copy);
	volatile unsigned char diff = 0;
	for (size_t i = 0; i < NGS_TOKEN_MAX; i++)
		diff |= padded[i] ^ t->bytes[i];
	size_t len_diff = n ^ t->len;
	for (size_t i = 0; i < sizeof len_diff; i++)
		diff |= (unsigned char)(len_diff >> (8 * i));
	return diff == 0;
}

const char *ngs_bearer(const char *header, size_t *n)
{
	if (!header || strncasecmp(header, "Bearer ", 7) != 0)
		return NULL;
	const char *p = header + 7;
	while (*p == ' ')
		p++;
	size_t k = strlen(p);
	while (k && (p[k - 1] == ' ' || p[k - 1] == '\t'))
		k--;
	if (!k)
		return NULL;
	*n = k;
	return p;
}
