/*
 * serve.h: newsgraph's HTTP server (docs/SERVE.md), libmicrohttpd with an
 * internal pool of threads, each with its own read-only engine on the
 * database (SQLite WAL: it reads while an ingest or watch writes). Paths
 * under /api/ go to the JSON API (api.h); every other GET to the web view
 * (src/web/web.h, ngw_render). The guards (guard.h) and caps live here:
 * connections, per-address connections, header memory, body size, the
 * connection timeout, the rate limit and the write token.
 */
#ifndef NG_SERVE_H
#define NG_SERVE_H

#include <stddef.h>
#include <stdio.h>

typedef struct ngs_options {
	const char *db_path;
	const char *address;       /* numeric IPv4 or IPv6 address */
	int port;                  /* 0: any free port (ngs_port says which) */
	const char *token;         /* the write token (ngs_token_set's rules),
				      NULL: writes refused */
	size_t token_len;
	int threads;               /* worker threads (default 2) */
	int ingest_threads;        /* analysis threads of a POST's ingest */
	double writer_idle;        /* seconds the writer stays open after a
				      POST (default 5); 0: closed after each */
	int max_connections;       /* at once, in all */
	int max_per_address;       /* at once, from one address */
	int timeout;               /* seconds a connection may idle */
	size_t max_body;           /* bytes of a request body */
	size_t max_header;         /* bytes of a connection's memory: request
				      line and headers */
	double rate;               /* requests a second per address; 0: none */
	double burst;              /* bucket size */
	int max_heavy;             /* long queries at once (related stories,
				      timelines, entities: api.c), default 1 */
	int cache;                 /* answers of GET kept until the database
				      changes (cache.c) */
	FILE *log;                 /* errors; NULL: stderr */
} ngs_options;

/* The defaults: 127.0.0.1:8080, 2 threads, docs/SERVE.md's caps. */
void ngs_options_init(ngs_options *o);

typedef struct ngs_server ngs_server;

/* Starts serving. 0 on success; else -1 with why in err. */
int ngs_start(const ngs_options *o, ngs_server **out, char *err, size_t cap);
/* Housekeeping, a few times a second: closes the writer engine once
 * POSTs stopped for writer_idle seconds. */
void ngs_tick(ngs_server *s);
/* The port the server listens on. */
int ngs_port(const ngs_server *s);
/* Stops accepting, finishes the requests in flight, closes the engines. */
void ngs_stop(ngs_server *s);

#endif
