/*
 * fnc1.c: the RFC 4180 CSV reader and the FNC-1 loaders (see fnc1.h).
 *
 * Sits outside the pipeline: the "stories" eval suite and the benchmark's
 * corpus generator use it to read the FNC-1 training set and to build its
 * story gold. The reader unescapes each record into one capped buffer (fields
 * NUL-separated), so a hostile file can at worst fail with NG_ERR_TOOBIG.
 */
#include "fnc1.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- CSV -------------------------------------------------------------------- */
void ngi_csv_init(ngi_csv *c, const char *data, size_t len)
{
	memset(c, 0, sizeof *c);
	c->data = data;
	c->len = len;
	c->next_line = 1;
	/* A UTF-8 byte order mark is not part of the first field. */
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		c->pos = 3;
	ngi_buf_init(&c->buf, NGI_CSV_MAX_RECORD);
}

void ngi_csv_free(ngi_csv *c)
{
	ngi_buf_free(&c->buf);
	free(c->starts);
	free((void *)c->fields);
	free(c->field_len);
	c->starts = NULL;
	c->fields = NULL;
	c->field_len = NULL;
	c->fields_alloc = 0;
	c->nfields = 0;
}

static ng_status csv_fail(ngi_csv *c, ng_status st, size_t offset,
			  const char *msg)
{
	c->err_offset = offset;
	c->err_msg = msg;
	c->pos = c->len;
	c->nfields = 0;
	return st;
}

/* Makes room for field number c->nfields. */
static ng_status csv_grow_fields(ngi_csv *c)
{
	if (c->nfields < c->fields_alloc)
		return NG_OK;
	if (c->fields_alloc >= NGI_CSV_MAX_FIELDS)
		return NG_ERR_TOOBIG;
	size_t n = c->fields_alloc ? c->fields_alloc * 2 : 16;
	if (n > NGI_CSV_MAX_FIELDS)
		n = NGI_CSV_MAX_FIELDS;
	size_t *starts = realloc(c->starts, n * sizeof *starts);
	if (!starts)
		return NG_ERR_NOMEM;
	c->starts = starts;
	const char **fields = realloc((void *)c->fields, n * sizeof *fields);
	if (!fields)
		return NG_ERR_NOMEM;
	c->fields = fields;
	size_t *lens = realloc(c->field_len, n * sizeof *lens);
	if (!lens)
		return NG_ERR_NOMEM;
	c->field_len = lens;
	c->fields_alloc = n;
	return NG_OK;
}

/* Counts the line breaks in data[from..to) for line numbers in messages:
 * CRLF, LF and a lone CR each count once. */
static long long csv_count_lines(const char *d, size_t from, size_t to,
				 size_t len)
{
	long long n = 0;
	for (size_t i = from; i < to; i++) {
		if (d[i] == '\n')
			n++;
		else if (d[i] == '\r' && (i + 1 >= len || d[i + 1] != '\n'))
			n++;
	}
	return n;
}

ng_status ngi_csv_next(ngi_csv *c, int *has_record)
{
	const char *d = c->data;
	size_t len = c->len;
	ng_status st;
	*has_record = 0;
	c->nfields = 0;

	/* Empty lines carry no record. */
	while (c->pos < len && (d[c->pos] == '\n' || d[c->pos] == '\r')) {
		if (d[c->pos] == '\r' && c->pos + 1 < len && d[c->pos + 1] == '\n')
			c->pos++;
		c->pos++;
		c->next_line++;
	}
	if (c->pos >= len)
		return NG_OK;

	ngi_buf_clear(&c->buf);
	c->record_offset = c->pos;
	c->line = c->next_line;
	size_t pos = c->pos;
	for (;;) {
		if ((st = csv_grow_fields(c)))
			return csv_fail(c, st, pos,
					st == NG_ERR_TOOBIG ? "too many fields"
							    : "out of memory");
		c->starts[c->nfields] = c->buf.len;
		if (pos < len && d[pos] == '"') {
			size_t open = pos++;
			for (;;) {
				const char *q = pos < len ? memchr(d + pos, '"', len - pos)
							  : NULL;
				if (!q)
					return csv_fail(c, NG_ERR_INPUT, open,
							"unterminated quoted field");
				size_t at = (size_t)(q - d);
				if ((st = ngi_buf_append(&c->buf, d + pos, at - pos)))
					return csv_fail(c, st, pos,
							"record past the size cap");
				if (at + 1 < len && d[at + 1] == '"') {
					if ((st = ngi_buf_putc(&c->buf, '"')))
						return csv_fail(c, st, at,
								"record past the size cap");
					pos = at + 2;
					continue;
				}
				pos = at + 1;
				break;
			}
			if (pos < len && d[pos] != ',' && d[pos] != '\n' &&
			    d[pos] != '\r')
				return csv_fail(c, NG_ERR_INPUT, pos,
						"unexpected character after a closing quote");
		} else {
			size_t start = pos;
			while (pos < len && d[pos] != ',' && d[pos] != '\n' &&
			       d[pos] != '\r')
				pos++;
			if ((st = ngi_buf_append(&c->buf, d + start, pos - start)))
				return csv_fail(c, st, start, "record past the size cap");
		}
		if ((st = ngi_buf_putc(&c->buf, '\0')))
			return csv_fail(c, st, pos, "record past the size cap");
		c->field_len[c->nfields] = c->buf.len - 1 - c->starts[c->nfields];
		c->nfields++;
		if (pos < len && d[pos] == ',') {
			pos++;
			continue;
		}
		break;
	}
	/* At a line end or the end of the data. */
	if (pos < len && d[pos] == '\r') {
		pos++;
		if (pos < len && d[pos] == '\n')
			pos++;
	} else if (pos < len && d[pos] == '\n') {
		pos++;
	}
	c->next_line += csv_count_lines(d, c->pos, pos, len);
	c->pos = pos;
	for (size_t i = 0; i < c->nfields; i++)
		c->fields[i] = c->buf.data + c->starts[i];
	c->record++;
	*has_record = 1;
	return NG_OK;
}

/* ---- FNC-1 ------------------------------------------------------------------ */
#define FNC1_MAX_FILE ((size_t)1 << 30)

void ngi_fnc1_init(ngi_fnc1 *d)
{
	memset(d, 0, sizeof *d);
	ngi_arena_init(&d->arena, 1 << 20);
}

void ngi_fnc1_free(ngi_fnc1 *d)
{
	if (!d)
		return;
	free(d->bodies);
	free(d->stances);
	ngi_arena_free(&d->arena);
	memset(d, 0, sizeof *d);
}

/* A whole field of decimal digits (an optional minus sign) as a number. */
static int parse_id(const char *s, size_t len, long long *out)
{
	if (len == 0 || len != strlen(s))
		return 0;
	errno = 0;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || (*s != '-' && (*s < '0' || *s > '9')))
		return 0;
	*out = v;
	return 1;
}

/* Column index of name in the header record, or -1. */
static int header_column(const ngi_csv *c, const char *name)
{
	for (size_t i = 0; i < c->nfields; i++)
		if (strcmp(c->fields[i], name) == 0)
			return (int)i;
	return -1;
}

typedef struct csv_file {
	ngi_buf bytes;
	ngi_csv csv;
	const char *path;
	ngi_diag_sink *diag;
} csv_file;

/* Opens path and reads the header, checking every named column is there;
 * cols[i] gets the index of names[i]. */
static ng_status csv_file_open(csv_file *f, const char *path,
			       ngi_diag_sink *diag, const char *const *names,
			       int *cols, size_t ncols)
{
	f->path = path;
	f->diag = diag;
	ng_status st = ngi_read_file(path, FNC1_MAX_FILE, &f->bytes, diag);
	if (st) {
		ngi_csv_init(&f->csv, "", 0);
		return st;
	}
	ngi_csv_init(&f->csv, f->bytes.data, f->bytes.len);
	int has = 0;
	st = ngi_csv_next(&f->csv, &has);
	if (st) {
		ngi_diag(diag, NG_DIAG_ERROR, path, f->csv.line,
			 (long long)f->csv.err_offset, "%s", f->csv.err_msg);
		return st;
	}
	if (!has) {
		ngi_diag(diag, NG_DIAG_ERROR, path, 0, 0, "empty file, no header");
		return NG_ERR_INPUT;
	}
	for (size_t i = 0; i < ncols; i++) {
		cols[i] = header_column(&f->csv, names[i]);
		if (cols[i] < 0) {
			ngi_diag(diag, NG_DIAG_ERROR, path, 1, 0,
				 "header has no column \"%s\"", names[i]);
			return NG_ERR_INPUT;
		}
	}
	return NG_OK;
}

static void csv_file_close(csv_file *f)
{
	ngi_csv_free(&f->csv);
	ngi_buf_free(&f->bytes);
}

/* Reads the next data record into *has; a malformed CSV stops the file
 * (its structure is lost from there), reported once. */
static ng_status csv_file_next(csv_file *f, int *has)
{
	ng_status st = ngi_csv_next(&f->csv, has);
	if (st)
		ngi_diag(f->diag, NG_DIAG_ERROR, f->path, f->csv.next_line,
			 (long long)f->csv.err_offset, "%s", f->csv.err_msg);
	return st;
}

static ng_status push_slot(void **arr, size_t *n, size_t *alloc, size_t size)
{
	if (*n < *alloc)
		return NG_OK;
	size_t cap = *alloc ? *alloc * 2 : 1024;
	if (cap > SIZE_MAX / size)
		return NG_ERR_NOMEM;
	void *p = realloc(*arr, cap * size);
	if (!p)
		return NG_ERR_NOMEM;
	*arr = p;
	*alloc = cap;
	return NG_OK;
}

typedef struct body_slot {
	ngi_fnc1_body body;
	size_t file_order;
} body_slot;

static int cmp_body_slot(const void *a, const void *b)
{
	const body_slot *x = a, *y = b;
	if (x->body.id != y->body.id)
		return x->body.id < y->body.id ? -1 : 1;
	return x->file_order < y->file_order ? -1 : x->file_order > y->file_order;
}

ng_status ngi_fnc1_load_bodies(ngi_fnc1 *d, const char *path,
			       ngi_diag_sink *diag)
{
	ngi_diag_sink local = {0};
	if (!diag)
		diag = &local;
	static const char *const names[] = {"Body ID", "articleBody"};
	int cols[2];
	csv_file f = {0};
	ng_status st = csv_file_open(&f, path, diag, names, cols, 2);
	body_slot *slots = NULL;
	size_t n = 0, alloc = 0;
	int bad = 0;
	while (!st) {
		int has;
		if ((st = csv_file_next(&f, &has)) || !has)
			break;
		const ngi_csv *c = &f.csv;
		long long id;
		if ((size_t)cols[0] >= c->nfields || (size_t)cols[1] >= c->nfields) {
			ngi_diag(diag, NG_DIAG_ERROR, path, c->line,
				 (long long)c->record_offset,
				 "record has %zu fields, fewer than the header",
				 c->nfields);
			bad = 1;
			continue;
		}
		if (!parse_id(c->fields[cols[0]], c->field_len[cols[0]], &id)) {
			ngi_diag(diag, NG_DIAG_ERROR, path, c->line,
				 (long long)c->record_offset, "bad Body ID \"%.40s\"",
				 c->fields[cols[0]]);
			bad = 1;
			continue;
		}
		if ((st = push_slot((void **)&slots, &n, &alloc, sizeof *slots)))
			break;
		size_t len = c->field_len[cols[1]];
		char *text = ngi_arena_strndup(&d->arena, c->fields[cols[1]], len);
		if (!text) {
			st = NG_ERR_NOMEM;
			break;
		}
		slots[n].body = (ngi_fnc1_body){id, text, len};
		slots[n].file_order = n;
		n++;
	}
	csv_file_close(&f);
	if (st) {
		free(slots);
		return st;
	}
	if (n)
		qsort(slots, n, sizeof *slots, cmp_body_slot);
	ngi_fnc1_body *bodies = malloc((n ? n : 1) * sizeof *bodies);
	if (!bodies) {
		free(slots);
		return NG_ERR_NOMEM;
	}
	size_t kept = 0;
	for (size_t i = 0; i < n; i++) {
		if (kept && bodies[kept - 1].id == slots[i].body.id) {
			ngi_diag(diag, NG_DIAG_WARNING, path, 0, -1,
				 "Body ID %lld appears more than once; keeping the first",
				 slots[i].body.id);
			continue;
		}
		bodies[kept++] = slots[i].body;
	}
	free(slots);
	free(d->bodies);
	d->bodies = bodies;
	d->n_bodies = kept;
	return bad ? NG_ERR_INPUT : NG_OK;
}

static int parse_stance(const char *s, ngi_fnc1_stance_kind *out)
{
	static const struct {
		const char *name;
		ngi_fnc1_stance_kind kind;
	} table[] = {{"unrelated", NGI_FNC1_UNRELATED},
		     {"agree", NGI_FNC1_AGREE},
		     {"disagree", NGI_FNC1_DISAGREE},
		     {"discuss", NGI_FNC1_DISCUSS}};
	for (size_t i = 0; i < NGI_ARRAY_LEN(table); i++)
		if (strcmp(s, table[i].name) == 0) {
			*out = table[i].kind;
			return 1;
		}
	return 0;
}

ng_status ngi_fnc1_load_stances(ngi_fnc1 *d, const char *path,
				ngi_diag_sink *diag)
{
	ngi_diag_sink local = {0};
	if (!diag)
		diag = &local;
	static const char *const names[] = {"Headline", "Body ID", "Stance"};
	int cols[3];
	csv_file f = {0};
	ng_status st = csv_file_open(&f, path, diag, names, cols, 3);
	ngi_fnc1_stance *stances = NULL;
	size_t n = 0, alloc = 0;
	int bad = 0;
	while (!st) {
		int has;
		if ((st = csv_file_next(&f, &has)) || !has)
			break;
		const ngi_csv *c = &f.csv;
		ngi_fnc1_stance s;
		if ((size_t)cols[0] >= c->nfields || (size_t)cols[1] >= c->nfields ||
		    (size_t)cols[2] >= c->nfields) {
			ngi_diag(diag, NG_DIAG_ERROR, path, c->line,
				 (long long)c->record_offset,
				 "record has %zu fields, fewer than the header",
				 c->nfields);
			bad = 1;
			continue;
		}
		if (!parse_id(c->fields[cols[1]], c->field_len[cols[1]],
			      &s.body_id)) {
			ngi_diag(diag, NG_DIAG_ERROR, path, c->line,
				 (long long)c->record_offset, "bad Body ID \"%.40s\"",
				 c->fields[cols[1]]);
			bad = 1;
			continue;
		}
		if (!parse_stance(c->fields[cols[2]], &s.stance)) {
			ngi_diag(diag, NG_DIAG_ERROR, path, c->line,
				 (long long)c->record_offset, "unknown Stance \"%.40s\"",
				 c->fields[cols[2]]);
			bad = 1;
			continue;
		}
		s.headline = ngi_arena_strndup(&d->arena, c->fields[cols[0]],
					       c->field_len[cols[0]]);
		if (!s.headline ||
		    (st = push_slot((void **)&stances, &n, &alloc, sizeof *stances))) {
			st = NG_ERR_NOMEM;
			break;
		}
		stances[n++] = s;
	}
	csv_file_close(&f);
	if (st) {
		free(stances);
		return st;
	}
	free(d->stances);
	d->stances = stances;
	d->n_stances = n;
	return bad ? NG_ERR_INPUT : NG_OK;
}

long ngi_fnc1_find_body(const ngi_fnc1 *d, long long id)
{
	size_t lo = 0, hi = d->n_bodies;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->bodies[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < d->n_bodies && d->bodies[lo].id == id ? (long)lo : -1;
}

static size_t uf_find(size_t *parent, size_t x)
{
	while (parent[x] != x) {
		parent[x] = parent[parent[x]];
		x = parent[x];
	}
	return x;
}

static uint64_t hash_str(const char *s)
{
	return ngi_hash(s, strlen(s), 0);
}

ng_status ngi_fnc1_story_gold(const ngi_fnc1 *d, long long *story_out,
			      size_t *n_stories)
{
	size_t nb = d->n_bodies;
	size_t cap = 16;
	while (cap < d->n_stances * 2)
		cap *= 2;
	size_t *parent = malloc((nb ? nb : 1) * sizeof *parent);
	/* headline -> index of the first body related to it */
	const char **keys = calloc(cap, sizeof *keys);
	size_t *first = malloc(cap * sizeof *first);
	long long *min_id = malloc((nb ? nb : 1) * sizeof *min_id);
	if (!parent || !keys || !first || !min_id) {
		free(parent);
		free((void *)keys);
		free(first);
		free(min_id);
		return NG_ERR_NOMEM;
	}
	for (size_t i = 0; i < nb; i++)
		parent[i] = i;
	for (size_t i = 0; i < d->n_stances; i++) {
		const ngi_fnc1_stance *s = &d->stances[i];
		if (s->stance == NGI_FNC1_UNRELATED)
			continue;
		long b = ngi_fnc1_find_body(d, s->body_id);
		if (b < 0)
			continue;
		size_t h = (size_t)hash_str(s->headline) & (cap - 1);
		while (keys[h] && strcmp(keys[h], s->headline) != 0)
			h = (h + 1) & (cap - 1);
		if (!keys[h]) {
			keys[h] = s->headline;
			first[h] = (size_t)b;
			continue;
		}
		size_t x = uf_find(parent, first[h]), y = uf_find(parent, (size_t)b);
		if (x != y)
			parent[x > y ? x : y] = x < y ? x : y;
	}
	for (size_t i = 0; i < nb; i++)
		min_id[i] = LLONG_MAX;
	size_t stories = 0;
	for (size_t i = 0; i < nb; i++) {
		size_t r = uf_find(parent, i);
		if (min_id[r] == LLONG_MAX)
			stories++;
		if (d->bodies[i].id < min_id[r])
			min_id[r] = d->bodies[i].id;
	}
	for (size_t i = 0; i < nb; i++)
		story_out[i] = min_id[uf_find(parent, i)];
	if (n_stories)
		*n_stories = stories;
	free(parent);
	free((void *)keys);
	free(first);
	free(min_id);
	return NG_OK;
}
