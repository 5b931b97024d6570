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
 * Ownership: a ngx_csv's fields point into its own buffer and are valid until
 * the next ngx_csv_next or ngx_csv_free. Everything in a ngx_fnc1 belongs to
 * its arena, freed by ngx_fnc1_free.
 */
#ifndef NG_EVAL_FNC1_H
#define NG_EVAL_FNC1_H

#include "../base/base.h"

#define NGX_CSV_MAX_FIELDS 4096
#define NGX_CSV_MAX_RECORD ((size_t)64 << 20) /* unescaped bytes per record */

typedef struct ngx_csv {
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
	/* Set when ngx_csv_next fails. */
	size_t err_offset;
	const char *err_msg;
	/* private */
	ngx_buf buf;
	size_t *starts;
	size_t fields_alloc;
} ngx_csv;

/* Starts reading data[0..len) (borrowed; must outlive the reader). */
void ngx_csv_init(ngx_csv *c, const char *data, size_t len);
/* Reads the next record. NG_OK with *has_record = 1 when one was read, 0 at
 * the end of the data; NG_ERR_INPUT (err_offset, err_msg set) for malformed
 * input, NG_ERR_TOOBIG past a cap, NG_ERR_NOMEM. After an error the reader
 * stays at the end. */
ng_status ngx_csv_next(ngx_csv *c, int *has_record);
void ngx_csv_free(ngx_csv *c);

/* ---- FNC-1 -------------------------------------------------------------- */
typedef enum ngx_fnc1_stance_kind {
	NGX_FNC1_UNRELATED = 0,
	NGX_FNC1_AGREE = 1,
	NGX_FNC1_DISAGREE = 2,
	NGX_FNC1_DISCUSS = 3
} ngx_fnc1_stance_kind;

typedef struct ngx_fnc1_body {
	long long id;         /* Body ID */
	const char *text;     /* articleBody, NUL-terminated */
	size_t len;
} ngx_fnc1_body;

typedef struct ngx_fnc1_stance {
	const char *headline;
	long long body_id;
	ngx_fnc1_stance_kind stance;
} ngx_fnc1_stance;

typedef struct ngx_fnc1 {
	ngx_arena arena;
	ngx_fnc1_body *bodies;    /* sorted by id, ascending, ids unique */
	size_t n_bodies;
	ngx_fnc1_stance *stances; /* in file order */
	size_t n_stances;
} ngx_fnc1;

void ngx_fnc1_init(ngx_fnc1 *d);
void ngx_fnc1_free(ngx_fnc1 *d);

/* Loads a bodies file into d (replacing any bodies loaded before). A
 * duplicate Body ID keeps the first body and is a warning; a row with a bad
 * id or the wrong number of fields is an error, skipped. Returns NG_OK,
 * NG_ERR_INPUT when some rows were bad (the rest loaded), NG_ERR_IO,
 * NG_ERR_NOMEM, or NG_ERR_INPUT with nothing loaded when the header or the
 * CSV itself is malformed. */
ng_status ngx_fnc1_load_bodies(ngx_fnc1 *d, const char *path,
			       ngx_diag_sink *diag);
/* Loads a stances file the same way. Stances naming a body that is not
 * loaded are kept here and ignored by the gold. */
ng_status ngx_fnc1_load_stances(ngx_fnc1 *d, const char *path,
				ngx_diag_sink *diag);

/* The story gold: story_out[i] (n_bodies entries, caller-allocated) is the
 * story of bodies[i], labelled by the smallest Body ID in it; *n_stories
 * (may be NULL) gets the number of stories. NG_ERR_NOMEM on failure. */
ng_status ngx_fnc1_story_gold(const ngx_fnc1 *d, long long *story_out,
			      size_t *n_stories);

/* Index of the body with this id in d->bodies, or -1. */
long ngx_fnc1_find_body(const ngx_fnc1 *d, long long id);

#endif
