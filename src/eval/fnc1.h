/*
 * fnc1.h: an RFC 4180 CSV reader and the FNC-1 loaders built on it.
 *
 * The CSV reader walks a buffer held in memory one record at a time: quoted
 * fields with "" escapes, line breaks inside quotes, CRLF, LF or lone CR
 * line ends, a UTF-8 byte order mark, and a last record without a final line
 * break. Completely empty lines are skipped. A quote inside an unquoted field
 * is kept as a plain character (as most writers produce it); anything after
 * a closing quote other than a comma or a line end, an unterminated quote,
 * too many fields or a field past the cap is an error with a byte offset,
 * never a crash.
 *
 * The FNC-1 loaders read train_bodies.csv (Body ID,articleBody) and
 * train_stances.csv (Headline,Body ID,Stance), columns found by name, and
 * build the story gold used by the "stories" eval suite and the benchmark
 * corpus generator: bodies that share a headline labelled agree, disagree or
 * discuss are one story (union-find over headline -> bodies); a body with no
 * related headline is a story of its own.
 *
 * Ownership: a ngi_csv's fields point into its own buffer and are valid until
 * the next ngi_csv_next or ngi_csv_free. Everything in a ngi_fnc1 belongs to
 * its arena, freed by ngi_fnc1_free.
 */
#ifndef NG_EVAL_FNC1_H
#define NG_EVAL_FNC1_H

#include "../base/base.h"

#define NGI_CSV_MAX_FIELDS 4096
#define NGI_CSV_MAX_RECORD ((size_t)64 << 20) /* unescaped bytes per record */

typedef struct ngi_csv {
	const char *data;
	size_t len;
	size_t pos;           /* byte offset of the next record */
	long long line;       /* 1-based line where the current record starts */
	long long next_line;  /* line where the next record starts */
	long long record;     /* 1-based number of the current record */
	/* The current record: nfields fields, each NUL-terminated (a field
	 * may hold NUL bytes itself; use field_len). */
	size_t nfields;
	const char **fields;
	size_t *field_len;
	size_t record_offset; /* byte offset where the current record starts */
	/* Set when ngi_csv_next fails. */
	size_t err_offset;
	const char *err_msg;
	/* private */
	ngi_buf buf;
	size_t *starts;
	size_t fields_alloc;
} ngi_csv;

/* Starts reading data[0..len) (borrowed; must outlive the reader). */
void ngi_csv_init(ngi_csv *c, const char *data, size_t len);
/* Reads the next record. NG_OK with *has_record = 1 when one was read, 0 at
 * the end of the data; NG_ERR_INPUT (err_offset, err_msg set) for malformed
 * input, NG_ERR_TOOBIG past a cap, NG_ERR_NOMEM. After an error the reader
 * stays at the end. */
ng_status ngi_csv_next(ngi_csv *c, int *has_record);
void ngi_csv_free(ngi_csv *c);

/* ---- FNC-1 -------------------------------------------------------------- */
typedef enum ngi_fnc1_stance_kind {
	NGI_FNC1_UNRELATED = 0,
	NGI_FNC1_AGREE = 1,
	NGI_FNC1_DISAGREE = 2,
	NGI_FNC1_DISCUSS = 3
} ngi_fnc1_stance_kind;

typedef struct ngi_fnc1_body {
	long long id;         /* Body ID */
	const char *text;     /* articleBody, NUL-terminated */
	size_t len;
} ngi_fnc1_body;

typedef struct ngi_fnc1_stance {
	const char *headline;
	long long body_id;
	ngi_fnc1_stance_kind stance;
} ngi_fnc1_stance;

typedef struct ngi_fnc1 {
	ngi_arena arena;
	ngi_fnc1_body *bodies;    /* sorted by id, ascending, ids unique */
	size_t n_bodies;
	ngi_fnc1_stance *stances; /* in file order */
	size_t n_stances;
} ngi_fnc1;

void ngi_fnc1_init(ngi_fnc1 *d);
void ngi_fnc1_free(ngi_fnc1 *d);

/* Loads a bodies file into d (replacing any bodies loaded before). A
 * duplicate Body ID keeps the first body and is a warning; a row with a bad
 * id or the wrong number of fields is an error, skipped. Returns NG_OK,
 * NG_ERR_INPUT when some rows were bad (the rest loaded), NG_ERR_IO,
 * NG_ERR_NOMEM, or NG_ERR_INPUT with nothing loaded when the header or the
 * CSV itself is malformed. */
ng_status ngi_fnc1_load_bodies(ngi_fnc1 *d, const char *path,
			       ngi_diag_sink *diag);
/* Loads a stances file the same way. Stances naming a body that is not
 * loaded are kept here and ignored by the gold. */
ng_status ngi_fnc1_load_stances(ngi_fnc1 *d, const char *path,
				ngi_diag_sink *diag);

/* The story gold: story_out[i] (n_bodies entries, caller-allocated) is the
 * story of bodies[i], labelled by the smallest Body ID in it; *n_stories
 * (may be NULL) gets the number of stories. NG_ERR_NOMEM on failure. */
ng_status ngi_fnc1_story_gold(const ngi_fnc1 *d, long long *story_out,
			      size_t *n_stories);

/* Index of the body with this id in d->bodies, or -1. */
long ngi_fnc1_find_body(const ngi_fnc1 *d, long long id);

#endif
