/*
 * server.c: the HTTP server over libmicrohttpd (serve.h, docs/SERVE.md).
 *
 * libmicrohttpd runs a pool of threads, each polling its own share of the
 * connections; a request is answered on the thread that read it, with that
 * thread's own read-only engine (opened on its first request, closed when
 * the server stops: an engine is never shared between threads). Before a
 * request reaches the API or the web view it passes the guards, in order:
 * the client's rate limit (429), UTF-8 in the path and every query
 * parameter (400; %00 is decoded to a byte no UTF-8 holds), and for a write
 * the token (401, or 403 with no token file) and the declared body size
 * (413, answered before the body is read). The caps on connections, per
 * address connections, header memory and idle time are libmicrohttpd's
 * options; a body sent without a length that passes the cap is dropped as
 * it comes and answered 413 (past DROP_LIMIT the connection is closed).
 */
#include "serve.h"

#include "../web/web.h"
#include "api.h"
#include "cache.h"
#include "guard.h"
#include "params.h"

#include <arpa/inet.h>
#include <math.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct ngs_server {
	ngs_options o;
	ngs_token token;
	int has_token;
	struct MHD_Daemon *daemon;
	int port;
	pthread_key_t reader_key;
	pthread_mutex_t readers_lock;
	ng_engine **readers;
	size_t n_readers, cap_readers;
	ngs_writer writer;
	ngs_ratelimit limiter;
	ngs_cache *cache;
	int heavy_running; /* heavy API queries running now (api.c) */
};

/* What one connection's request carries between libmicrohttpd's calls. */
typedef struct request_state {
	ngi_buf body;
	int answered;  /* a response is queued: the rest of the body is dropped */
	int too_big;   /* the body passed the cap: dropped, answered 413 */
	size_t dropped;
} request_state;

/* The bytes of a body past the cap read (and dropped) before the
 * connection is closed instead. */
#define DROP_LIMIT ((size_t)64 << 20)

void ngs_options_init(ngs_options *o)
{
	memset(o, 0, sizeof *o);
	o->db_path = "newsgraph.db";
	o->address = "127.0.0.1";
	o->port = 8080;
	o->threads = 2;
	o->ingest_threads = 1;
	o->max_connections = 256;
	o->max_per_address = 64;
	o->timeout = 10;
	o->max_body = (size_t)16 << 20;
	o->max_header = (size_t)64 << 10;
	o->writer_idle = 5;
	o->max_heavy = 1;
	o->rate = 200;
	o->burst = 400;
	o->cache = 1;
}

static FILE *log_of(const ngs_server *s)
{
	return s->o.log ? s->o.log : stderr;
}

static void log_line(const ngs_server *s, const char *fmt, ...) NGI_PRINTF(2, 3);
static void log_line(const ngs_server *s, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	FILE *f = log_of(s);
	fputs("newsgraph: serve: ", f);
	vfprintf(f, fmt, ap);
	fputc('\n', f);
	fflush(f);
	va_end(ap);
}

static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	const ngs_server *s = cls;
	FILE *f = log_of(s);
	fputs("newsgraph: serve: ", f);
	vfprintf(f, fmt, ap);
	fflush(f);
}

static void diag_to_log(void *ctx, const ng_diag *d)
{
	log_line(ctx, "%s%s", d->severity == NG_DIAG_ERROR ? "error: " : "",
		 d->message ? d->message : "");
}

/* The calling thread's read-only engine, opened on first use; NULL when
 * the database cannot be opened (logged). */
static ng_engine *thread_reader(ngs_server *s)
{
	ng_engine *e = pthread_getspecific(s->reader_key);
	if (e)
		return e;
	ng_config c;
	ng_config_init(&c);
	c.db_path = s->o.db_path;
	c.read_only = 1;
	c.threads = 1;
	c.on_diag = diag_to_log;
	c.diag_ctx = s;
	if (ng_engine_open(&c, &e) != NG_OK)
		return NULL;
	pthread_mutex_lock(&s->readers_lock);
	ng_status st = ngi_grow((void **)&s->readers, &s->cap_readers,
				s->n_readers + 1, sizeof *s->readers);
	if (!st)
		s->readers[s->n_readers++] = e;
	pthread_mutex_unlock(&s->readers_lock);
	if (st) {
		ng_engine_close(e);
		return NULL;
	}
	pthread_setspecific(s->reader_key, e);
	return e;
}

static enum MHD_Result add_header(struct MHD_Response *r, const char *name,
				  const char *value)
{
	return MHD_add_response_header(r, name, value);
}

/* Queues bytes (malloc'ed, taken over; or static when owned is 0). */
static enum MHD_Result queue(struct MHD_Connection *conn, int status,
			     const char *content_type, char *bytes, size_t len,
			     int owned, const char *cache_control, int retry_after,
			     const char *allow)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(
		len, bytes, owned ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
	if (!r) {
		if (owned)
			free(bytes);
		return MHD_NO;
	}
	add_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
	add_header(r, "X-Content-Type-Options", "nosniff");
	add_header(r, "Referrer-Policy", "no-referrer");
	/* the pages load nothing but their own assets and run no inline
	 * script or style (docs/WEB.md), so a script that slipped into a page
	 * could not run */
	add_header(r, "Content-Security-Policy",
		   "default-src 'self'; img-src 'self' data:; style-src 'self'; "
		   "script-src 'self'; object-src 'none'; base-uri 'none'; "
		   "form-action 'self'; frame-ancestors 'none'");
	add_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, cache_control);
	if (retry_after > 0) {
		char v[32];
		snprintf(v, sizeof v, "%d", retry_after);
		add_header(r, MHD_HTTP_HEADER_RETRY_AFTER, v);
	}
	if (allow)
		add_header(r, MHD_HTTP_HEADER_ALLOW, allow);
	enum MHD_Result ok = MHD_queue_response(conn, (unsigned)status, r);
	MHD_destroy_response(r);
	return ok;
}

static const char json_type[] = "application/json; charset=utf-8";

static enum MHD_Result queue_reply(struct MHD_Connection *conn, ngs_reply *rp)
{
	size_t len = rp->body.len;
	char *bytes = ngi_buf_steal(&rp->body);
	return queue(conn, rp->status, json_type, bytes, len, 1, "no-store",
		     rp->retry_after, rp->allow);
}

/* An error answer built without an engine. */
static enum MHD_Result queue_error(struct MHD_Connection *conn, int status,
				   int retry_after, const char *allow,
				   const char *fmt, ...) NGI_PRINTF(5, 6);
static enum MHD_Result queue_error(struct MHD_Connection *conn, int status,
				   int retry_after, const char *allow,
				   const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	ngs_utf8_trim(msg);
	ngs_reply rp;
	ngs_reply_init(&rp);
	ng_status st = ngi_buf_printf(&rp.body, "{\"error\":{\"status\":%d,\"message\":",
				      status);
	if (!st)
		st = ngs_json_str(&rp.body, msg, strlen(msg));
	if (!st)
		st = ngi_buf_puts(&rp.body, "}}\n");
	rp.status = status;
	rp.retry_after = retry_after;
	rp.allow = allow;
	enum MHD_Result ok = st ? MHD_NO : queue_reply(conn, &rp);
	ngs_reply_free(&rp);
	return ok;
}

/* ---- the guards ---------------------------------------------------------------- */
/* The client's address as bytes (4 or 16), and as text. */
static size_t client_address(struct MHD_Connection *conn, unsigned char key[16],
			     char *text, size_t cap)
{
	const union MHD_ConnectionInfo *ci =
		MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	snprintf(text, cap, "unknown");
	if (!ci || !ci->client_addr)
		return 0;
	const struct sockaddr *sa = ci->client_addr;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
		memcpy(key, &in->sin_addr, 4);
		inet_ntop(AF_INET, &in->sin_addr, text, (socklen_t)cap);
		return 4;
	}
	if (sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
		memcpy(key, &in6->sin6_addr, 16);
		inet_ntop(AF_INET6, &in6->sin6_addr, text, (socklen_t)cap);
		return 16;
	}
	return 0;
}

typedef struct arg_check {
	const char *bad; /* the first parameter that is not UTF-8, or NULL */
} arg_check;

static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind,
				 const char *key, const char *value)
{
	arg_check *a = cls;
	if (!ngs_text_ok(key, strlen(key)) ||
	    (value && !ngs_text_ok(value, strlen(value)))) {
		a->bad = ngs_text_ok(key, strlen(key)) ? key : "(a parameter name)";
		return MHD_NO;
	}
	return MHD_YES;
}

static const char *get_param(void *ctx, const char *name)
{
	return MHD_lookup_connection_value(ctx, MHD_GET_ARGUMENT_KIND, name);
}

/* The write guard: NULL when the request carries the token, else the
 * status to answer (401 or 403) in *status and the message. */
static const char *write_refused(const ngs_server *s, struct MHD_Connection *conn,
				 int *status)
{
	if (!s->has_token) {
		*status = 403;
		return "writing is off: the server was started without --token-file";
	}
	const char *h = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						    MHD_HTTP_HEADER_AUTHORIZATION);
	size_t n = 0;
	const char *got = ngs_bearer(h, &n);
	*status = 401;
	if (!got)
		return "this needs the header Authorization: Bearer TOKEN";
	if (!ngs_token_equal(&s->token, got, n))
		return "the token is wrong";
	return NULL;
}

/* ---- answering ------------------------------------------------------------------ */
typedef struct key_build {
	ngi_buf *key;
	ng_status st;
} key_build;

static enum MHD_Result key_arg(void *cls, enum MHD_ValueKind kind,
			       const char *name, const char *value)
{
	key_build *k = cls;
	ngi_buf *b = k->key;
	ng_status st = ngi_buf_putc(b, '\n');
	if (!st)
		st = ngi_buf_puts(b, name);
	if (!st && value)
		st = ngi_buf_putc(b, '=');
	if (!st && value)
		st = ngi_buf_puts(b, value);
	k->st = st;
	return st ? MHD_NO : MHD_YES;
}

/* The cache's key: the path and the query parameters in their order (a
 * key past the buffer's cap is not cached). */
static ng_status cache_key(struct MHD_Connection *conn, const char *path,
			   ngi_buf *key)
{
	key_build k = {key, ngi_buf_puts(key, path)};
	if (!k.st)
		MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, key_arg, &k);
	return k.st;
}

static enum MHD_Result answer_api(ngs_server *s, struct MHD_Connection *conn,
				  const char *path, const char *method,
				  request_state *k, const char *client)
{
	ng_engine *e = thread_reader(s);
	if (!e)
		return queue_error(conn, 503, 5, NULL, "cannot open the database %s",
				   s->o.db_path);
	int is_get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
	ngi_buf key;
	ngi_buf_init(&key, 4096);
	ngs_cache_ticket ticket = {0, 0, 0};
	int cacheable = is_get && s->cache && cache_key(conn, path, &key) == NG_OK;
	if (cacheable) {
		char *bytes;
		size_t len;
		int status;
		if (ngs_cache_get(s->cache, key.data, key.len, &ticket, &bytes, &len,
				  &status)) {
			ngi_buf_free(&key);
			return queue(conn, status, json_type, bytes, len, 1, "no-store",
				     0, NULL);
		}
	}
	ngs_request rq = {method, path, get_param, conn,
			  MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
						      MHD_HTTP_HEADER_CONTENT_TYPE),
			  k->body.data, k->body.len, client, &s->writer,
			  &s->heavy_running, s->o.max_heavy};
	ngs_reply rp;
	ngs_reply_init(&rp);
	ngs_api_handle(e, &rq, &rp);
	if (rp.status >= 500)
		log_line(s, "%s %s: %d: %.*s", method, path, rp.status,
			 (int)(rp.body.len > 300 ? 300 : rp.body.len),
			 rp.body.data ? rp.body.data : "");
	if (cacheable && (rp.status == 200 || rp.status == 404))
		ngs_cache_put(s->cache, key.data, key.len, &ticket, rp.body.data,
			      rp.body.len, rp.status);
	ngi_buf_free(&key);
	enum MHD_Result ok = queue_reply(conn, &rp);
	ngs_reply_free(&rp);
	return ok;
}

static enum MHD_Result answer_web(ngs_server *s, struct MHD_Connection *conn,
				  const char *path)
{
	ng_engine *e = thread_reader(s);
	if (!e)
		return queue_error(conn, 503, 5, NULL, "cannot open the database %s",
				   s->o.db_path);
	ngw_request rq = {path, get_param, conn};
	ngw_page page;
	memset(&page, 0, sizeof page);
	int r = ngw_render(e, &rq, &page);
	if (r < 0)
		return queue_error(conn, 503, 1, NULL, "out of memory");
	if (r == 0)
		return queue_error(conn, 404, 0, NULL, "no such page: %s", path);
	/* the page's bytes: taken over when owned, else static */
	char *bytes = (char *)page.body;
	int owned = page.owned;
	if (owned) {
		page.owned = 0;
		page.body = NULL;
	}
	enum MHD_Result ok = queue(conn, page.status, page.content_type, bytes,
				   page.len, owned,
				   page.immutable ? "public, max-age=31536000, immutable"
						  : "no-cache",
				   0, NULL);
	ngw_page_free(&page);
	return ok;
}

/* The first call of a request: the headers are in, no body yet. Returns
 * 1 when an answer is queued (*result says whether it went), 0 to go on. */
static int first_call(ngs_server *s, struct MHD_Connection *conn, const char *url,
		      const char *method, request_state *k, enum MHD_Result *result,
		      const char *client, const unsigned char *addr, size_t addr_len)
{
	double wait = ngs_ratelimit_take(&s->limiter, addr, addr_len, ngs_now());
	if (wait > 0) {
		int secs = (int)ceil(wait);
		*result = queue_error(conn, 429, secs < 1 ? 1 : secs, NULL,
				      "too many requests from %s: at most %g a second "
				      "(%g at once); try again later", client,
				      s->o.rate, s->o.burst);
		return 1;
	}
	if (!ngs_text_ok(url, strlen(url))) {
		*result = queue_error(conn, 400, 0, NULL,
				      "the path is not UTF-8 or holds a NUL (%%00)");
		return 1;
	}
	arg_check a = {NULL};
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, check_arg, &a);
	if (a.bad) {
		*result = queue_error(conn, 400, 0, NULL,
				      "the query parameter %s is not UTF-8 or holds a "
				      "NUL (%%00)", a.bad);
		return 1;
	}
	int is_api = !strncmp(url, "/api", 4) && (url[4] == 0 || url[4] == '/');
	int is_get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
	if (is_get) {
		*result = is_api ? answer_api(s, conn, url, method, k, client)
				 : answer_web(s, conn, url);
		return 1;
	}
	if (!is_api) {
		*result = queue_error(conn, 405, 0, "GET, HEAD",
				      "%s is not allowed on %s: pages are read with GET",
				      method, url);
		return 1;
	}
	if (strcmp(method, "POST") != 0 || strcmp(url, "/api/articles") != 0) {
		/* the API answers 404 or 405 */
		*result = answer_api(s, conn, url, method, k, client);
		return 1;
	}
	int status;
	const char *refused = write_refused(s, conn, &status);
	if (refused) {
		*result = queue_error(conn, status, 0, NULL, "%s", refused);
		return 1;
	}
	const char *length = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
							 MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (length && strtoull(length, NULL, 10) > s->o.max_body) {
		*result = queue_error(conn, 413, 0, NULL,
				      "the body is larger than %zu bytes (--max-body)",
				      s->o.max_body);
		return 1;
	}
	return 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
				  const char *url, const char *method,
				  const char *version, const char *upload_data,
				  size_t *upload_size, void **con_cls)
{
	ngs_server *s = cls;
	request_state *k = *con_cls;
	unsigned char addr[16];
	char client[INET6_ADDRSTRLEN + 1];
	size_t addr_len = client_address(conn, addr, client, sizeof client);
	if (!k) {
		k = calloc(1, sizeof *k);
		if (!k)
			return MHD_NO;
		ngi_buf_init(&k->body, s->o.max_body);
		*con_cls = k;
		enum MHD_Result result = MHD_YES;
		if (first_call(s, conn, url, method, k, &result, client, addr, addr_len)) {
			k->answered = 1;
			return result;
		}
		return MHD_YES; /* a POST: wait for its body */
	}
	if (*upload_size) {
		/* a body without a declared length that passes the cap is
		 * dropped as it comes and answered 413 when it ends
		 * (libmicrohttpd cannot answer in the middle of a body); one
		 * that goes on past the drop limit closes the connection */
		if (!k->answered && !k->too_big &&
		    ngi_buf_append(&k->body, upload_data, *upload_size) != NG_OK) {
			k->too_big = 1;
			ngi_buf_free(&k->body);
		}
		if (k->too_big)
			k->dropped += *upload_size;
		*upload_size = 0;
		return k->dropped > DROP_LIMIT ? MHD_NO : MHD_YES;
	}
	if (k->too_big && !k->answered) {
		k->answered = 1;
		return queue_error(conn, 413, 0, NULL,
				   "the body is larger than %zu bytes (--max-body)",
				   s->o.max_body);
	}
	if (k->answered)
		return MHD_YES;
	k->answered = 1;
	return answer_api(s, conn, url, method, k, client);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode code)
{
	request_state *k = *con_cls;
	if (!k)
		return;
	ngi_buf_free(&k->body);
	free(k);
	*con_cls = NULL;
}

static size_t on_unescape(void *cls, struct MHD_Connection *c, char *s)
{
	return ngs_unescape(s);
}

/* ---- start and stop ------------------------------------------------------------- */
static void free_server(ngs_server *s)
{
	for (size_t i = 0; i < s->n_readers; i++)
		ng_engine_close(s->readers[i]);
	free(s->readers);
	ngs_ratelimit_free(&s->limiter);
	ngs_cache_free(s->cache);
	pthread_key_delete(s->reader_key);
	pthread_mutex_destroy(&s->readers_lock);
	ngs_writer_free(&s->writer);
	free(s);
}

int ngs_start(const ngs_options *o, ngs_server **out, char *err, size_t cap)
{
	ngs_server *s = calloc(1, sizeof *s);
	if (!s) {
		snprintf(err, cap, "out of memory");
		return -1;
	}
	s->o = *o;
	pthread_key_create(&s->reader_key, NULL);
	pthread_mutex_init(&s->readers_lock, NULL);
	ngs_writer_init(&s->writer, o->db_path, o->ingest_threads, o->writer_idle);
	if (o->token) {
		const char *why = ngs_token_set(&s->token, o->token, o->token_len);
		if (why) {
			snprintf(err, cap, "%s", why);
			free_server(s);
			return -1;
		}
		s->has_token = 1;
	}
	if (ngs_ratelimit_init(&s->limiter, o->rate, o->burst, 4096) != 0 ||
	    (o->cache && !(s->cache = ngs_cache_new(o->db_path)))) {
		snprintf(err, cap, "out of memory");
		free_server(s);
		return -1;
	}
	struct sockaddr_in in4;
	struct sockaddr_in6 in6;
	const struct sockaddr *sa;
	unsigned flags = MHD_USE_AUTO_INTERNAL_THREAD | MHD_USE_ERROR_LOG | MHD_USE_ITC;
	memset(&in4, 0, sizeof in4);
	memset(&in6, 0, sizeof in6);
	if (inet_pton(AF_INET, o->address, &in4.sin_addr) == 1) {
		in4.sin_family = AF_INET;
		in4.sin_port = htons((uint16_t)o->port);
		sa = (const struct sockaddr *)&in4;
	} else if (inet_pton(AF_INET6, o->address, &in6.sin6_addr) == 1) {
		in6.sin6_family = AF_INET6;
		in6.sin6_port = htons((uint16_t)o->port);
		sa = (const struct sockaddr *)&in6;
		flags |= MHD_USE_IPv6;
	} else {
		snprintf(err, cap, "%s is not a numeric IPv4 or IPv6 address", o->address);
		free_server(s);
		return -1;
	}
	s->daemon = MHD_start_daemon(
		flags, (uint16_t)o->port, NULL, NULL, on_request, s,
		MHD_OPTION_EXTERNAL_LOGGER, mhd_log, s,
		MHD_OPTION_SOCK_ADDR, sa,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)o->threads,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)o->max_connections,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)o->max_per_address,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)o->timeout,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, o->max_header,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
		MHD_OPTION_UNESCAPE_CALLBACK, on_unescape, s,
		MHD_OPTION_STRICT_FOR_CLIENT, 1,
		MHD_OPTION_END);
	if (!s->daemon) {
		snprintf(err, cap, "cannot listen on %s port %d (in use, or not an "
				   "address of this machine?)", o->address, o->port);
		free_server(s);
		return -1;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->daemon,
							     MHD_DAEMON_INFO_BIND_PORT);
	s->port = di ? di->port : o->port;
	*out = s;
	return 0;
}

void ngs_tick(ngs_server *s)
{
	ngs_writer_tick(&s->writer, ngs_now());
}

int ngs_port(const ngs_server *s)
{
	return s->port;
}

void ngs_stop(ngs_server *s)
{
	if (!s)
		return;
	/* stop accepting, give the requests in flight a few seconds, stop */
	MHD_quiesce_daemon(s->daemon);
	for (int i = 0; i < 20; i++) {
		const union MHD_DaemonInfo *di = MHD_get_daemon_info(
			s->daemon, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
		if (!di || di->num_connections == 0)
			break;
		usleep(100 * 1000);
	}
	MHD_stop_daemon(s->daemon);
	free_server(s);
}
