/*
 * store_int.h: private to the writing files of src/store/ (store.c and the
 * files that store one kind of row each): statements made on first use and
 * the step that reports SQLite's message.
 */
#ifndef NG_STORE_INT_H
#define NG_STORE_INT_H

#include <sqlite3.h>

#include "store.h"

/* Slots for the statements of files other than store.c; each file owns a
 * range (store_said.c: 0..15, store_watch.c: 24..31). */
#define NGI_STORE_MORE_STMTS 32

/* The statement of slot, prepared from sql the first time; NULL (with the
 * message in ngi_store_errmsg) when SQLite refuses it. */
sqlite3_stmt *ngi_store_stmt(ngi_store *s, int slot, const char *sql);

/* NG_ERR_DB with "what: SQLite's message" in ngi_store_errmsg. */
ng_status ngi_store_fail(ngi_store *s, const char *what);

/* Steps q once, resets it and clears its bindings: NG_OK when it is done,
 * else NG_ERR_DB with "what: SQLite's message" in ngi_store_errmsg. */
ng_status ngi_store_step_done(ngi_store *s, sqlite3_stmt *q, const char *what);

/* Rows the last statement inserted, updated or deleted
 * (sqlite3_changes). */
int ngi_store_changes(ngi_store *s);

#endif
