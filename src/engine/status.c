/*
 * status.c: the engine's error detail (ng_errmsg) and the names of status
 * codes.
 *
 * The bottom of src/engine/: ingest.c, query.c, engine.c and the reports
 * record a failure here; nothing here calls back into them.
 */
#include "engine.h"

#include <stdarg.h>
#include <stdio.h>

const char *ng_status_str(ng_status s)
{
	switch (s) {
	case NG_OK: return "ok";
	case NG_ERR_NOMEM: return "out of memory";
	case NG_ERR_IO: return "input/output error";
	case NG_ERR_INPUT: return "bad input";
	case NG_ERR_DB: return "database error";
	case NG_ERR_USAGE: return "bad usage";
	case NG_ERR_NOTFOUND: return "not found";
	case NG_ERR_TOOBIG: return "input too big";
	case NG_ERR_INTERNAL: return "internal error";
	case NG_ROW: return "row";
	case NG_DONE: return "done";
	}
	return "unknown status";
}

const char *ng_errmsg(const ng_engine *e)
{
	return e ? e->err : "no engine";
}

ng_status ngi_engine_fail(ng_engine *e, ng_status st, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->err, sizeof e->err, fmt, ap);
	va_end(ap);
	return st;
}
