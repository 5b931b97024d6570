/*
 * data.h: the data files the library carries inside itself.
 *
 * Word lists and models live as plain files under data/ (lexicons/NAME.tsv,
 * models/NAME.model), where people can read and extend them; tools/mkdata.py embeds
 * them at build time, so nothing is read from disk at run time. A file is
 * looked up by its path below data/.
 *
 * Lexicon files are UTF-8 text, one entry a line, fields separated by tabs;
 * '#' starts a comment line; blank lines are skipped. ngi_data_lines walks
 * them.
 */
#ifndef NG_DATA_H
#define NG_DATA_H

#include <stddef.h>

typedef struct ngi_data_file {
	const char *name; /* path below data/, e.g. "lexicons/speech_verbs.tsv" */
	const char *bytes;
	size_t len;
} ngi_data_file;

/* Generated (build/gen/data_files.c). */
extern const ngi_data_file ngi_data_files[];
extern const size_t ngi_n_data_files;

/* The embedded file of that name, or NULL. */
const ngi_data_file *ngi_data_find(const char *name);

/* Up to this many tab-separated fields a line. */
#define NGI_DATA_MAX_FIELDS 8

/* One line of a lexicon: its fields (not NUL-terminated: a pointer and a
 * length each) and its 1-based line number. */
typedef struct ngi_data_line {
	const char *field[NGI_DATA_MAX_FIELDS];
	size_t field_len[NGI_DATA_MAX_FIELDS];
	int n_fields;
	int line_no;
} ngi_data_line;

/* Walks the lines of f, skipping comments and blank lines. *pos starts at
 * 0 and *out zeroed (line numbers count from there). Returns 1 and fills *out for each line, 0 at the end. Fields past
 * NGI_DATA_MAX_FIELDS stay in the last one; a trailing '\r' is dropped. */
int ngi_data_next_line(const ngi_data_file *f, size_t *pos, ngi_data_line *out);

#endif
