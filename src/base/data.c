/*
 * data.c: lookup of the embedded data files and a line walker for the
 * tab-separated lexicons (data.h).
 */
#include "data.h"

#include <string.h>

const ngi_data_file *ngi_data_find(const char *name)
{
	for (size_t i = 0; i < ngi_n_data_files; i++)
		if (strcmp(ngi_data_files[i].name, name) == 0)
			return &ngi_data_files[i];
	return NULL;
}

int ngi_data_next_line(const ngi_data_file *f, size_t *pos, ngi_data_line *out)
{
	while (*pos < f->len) {
		const char *s = f->bytes + *pos;
		const char *nl = memchr(s, '\n', f->len - *pos);
		size_t len = nl ? (size_t)(nl - s) : f->len - *pos;
		*pos += len + (nl != NULL);
		out->line_no++;
		if (len > 0 && s[len - 1] == '\r')
			len--;
		if (len == 0 || s[0] == '#')
			continue;
		out->n_fields = 0;
		size_t at = 0;
		while (out->n_fields < NGI_DATA_MAX_FIELDS) {
			const char *tab = out->n_fields + 1 < NGI_DATA_MAX_FIELDS
				? memchr(s + at, '\t', len - at) : NULL;
			size_t flen = tab ? (size_t)(tab - (s + at)) : len - at;
			out->field[out->n_fields] = s + at;
			out->field_len[out->n_fields] = flen;
			out->n_fields++;
			if (!tab)
				break;
			at += flen + 1;
		}
		return 1;
	}
	return 0;
}
