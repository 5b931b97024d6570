/*
 * serve_cmd.c: `newsgraph serve`, the HTTP API and web page over a
 * database (docs/SERVE.md). Parses its options, reads the token file,
 * refuses an address other than loopback without a token file, makes sure
 * the database exists (creating an empty one), starts the server
 * (src/serve/serve.h) and waits for SIGINT or SIGTERM: then it stops
 * accepting, lets the requests in flight finish, and exits 130 or 143.
 * The line "newsgraph: serving FILE at http://ADDR:PORT/" on stderr says
 * where it listens (the port the system gave for --listen ADDR:0).
 */
#include <newsgraph.h>

#include "../serve/serve.h"
#include "commands.h"

#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

enum { EXIT_OKAY = 0, EXIT_USAGE = 2, EXIT_FAILED = 3 };

static volatile sig_atomic_t stop_signal;

static void on_stop_signal(int sig)
{
	stop_signal = sig;
}

static int usage_error(const char *fmt, const char *a, const char *b)
{
	fprintf(stderr, "newsgraph: serve: ");
	fprintf(stderr, fmt, a, b);
	fprintf(stderr, "\nusage: newsgraph serve [--db FILE] [--listen ADDR:PORT] "
			"[--token-file F] ... (newsgraph help serve)\n");
	return EXIT_USAGE;
}

/* A whole number in [lo, hi] for option opt. */
static int number(const char *opt, const char *val, long long lo, long long hi,
		  long long *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(val, &end, 10);
	if (end == val || *end || errno || v < lo || v > hi) {
		fprintf(stderr, "newsgraph: serve: %s takes a whole number from %lld "
				"to %lld, not \"%s\"\n", opt, lo, hi, val);
		return 0;
	}
	*out = v;
	return 1;
}

/* "ADDR:PORT", "[V6]:PORT" or ":PORT" (loopback) into address and port. */
static int parse_listen(const char *arg, char *addr, size_t cap, int *port)
{
	const char *colon;
	if (arg[0] == '[') {
		const char *close = strchr(arg, ']');
		if (!close || close[1] != ':')
			return 0;
		snprintf(addr, cap, "%.*s", (int)(close - arg - 1), arg + 1);
		colon = close + 1;
	} else {
		colon = strrchr(arg, ':');
		if (!colon)
			return 0;
		snprintf(addr, cap, "%.*s", (int)(colon - arg), arg);
		if (!addr[0])
			snprintf(addr, cap, "127.0.0.1");
	}
	long long p;
	char *end;
	errno = 0;
	p = strtoll(colon + 1, &end, 10);
	if (end == colon + 1 || *end || errno || p < 0 || p > 65535)
		return 0;
	*port = (int)p;
	return 1;
}

static int is_loopback(const char *addr)
{
	struct in_addr a4;
	struct in6_addr a6;
	if (inet_pton(AF_INET, addr, &a4) == 1)
		return (ntohl(a4.s_addr) >> 24) == 127;
	if (inet_pton(AF_INET6, addr, &a6) == 1)
		return IN6_IS_ADDR_LOOPBACK(&a6);
	return 0;
}

/* The token file's content (at most 4 KiB); NULL and a message when it
 * cannot be read. */
static char *read_token_file(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "newsgraph: serve: cannot read the token file %s: %s\n",
			path, strerror(errno));
		return NULL;
	}
	char *buf = malloc(4097);
	size_t got = buf ? fread(buf, 1, 4097, f) : 0;
	int failed = !buf || ferror(f);
	fclose(f);
	if (failed || got > 4096) {
		fprintf(stderr, "newsgraph: serve: the token file %s %s\n", path,
			failed ? "cannot be read" : "is larger than 4096 bytes");
		free(buf);
		return NULL;
	}
	*n = got;
	return buf;
}

/* Keeps the last diagnostic of an open that may be retried. */
static void keep_diag(void *ctx, const ng_diag *d)
{
	snprintf(ctx, 512, "%s", d->message ? d->message : "");
}

/* Opens the database once to see that it can be read. An absent one is
 * created empty; one written by an older newsgraph is upgraded (a writer's
 * open does it) when no other ingest holds it. 0 on success. */
static int check_database(const char *path)
{
	struct stat sb;
	int absent = stat(path, &sb) != 0;
	char why[512] = "";
	ng_config c;
	ng_engine *e = NULL;
	ng_config_init(&c);
	c.db_path = path;
	c.read_only = 1;
	c.on_diag = keep_diag;
	c.diag_ctx = why;
	if (!absent && ng_engine_open(&c, &e) == NG_OK) {
		ng_engine_close(e);
		return 0;
	}
	/* create or upgrade it */
	c.read_only = 0;
	c.threads = 1;
	if (ng_engine_open(&c, &e) != NG_OK || ng_engine_close(e) != NG_OK) {
		fprintf(stderr, "newsgraph: serve: cannot open %s: %s\n", path, why);
		return -1;
	}
	fprintf(stderr, "newsgraph: serve: %s the database %s\n",
		absent ? "created the empty" : "upgraded", path);
	c.read_only = 1;
	if (ng_engine_open(&c, &e) != NG_OK) {
		fprintf(stderr, "newsgraph: serve: cannot read %s: %s\n", path, why);
		return -1;
	}
	ng_engine_close(e);
	return 0;
}

int cli_serve(int argc, char **argv)
{
	ngs_options o;
	ngs_options_init(&o);
	char address[128];
	snprintf(address, sizeof address, "%s", o.address);
	const char *token_file = NULL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		long long n;
		if (!strcmp(a, "--no-cache")) {
			o.cache = 0;
			continue;
		}
		if (a[0] != '-' || a[1] != '-')
			return usage_error("unexpected argument %s%s", a, "");
		if (!v)
			return usage_error("%s needs a value%s", a, "");
		i++;
		if (!strcmp(a, "--db")) {
			o.db_path = v;
		} else if (!strcmp(a, "--listen")) {
			if (!parse_listen(v, address, sizeof address, &o.port))
				return usage_error("--listen takes ADDR:PORT (127.0.0.1:8080, "
						   "[::1]:8080, port 0: any free port), not %s%s",
						   v, "");
		} else if (!strcmp(a, "--token-file")) {
			token_file = v;
		} else if (!strcmp(a, "--threads")) {
			if (!number(a, v, 1, 64, &n))
				return EXIT_USAGE;
			o.threads = (int)n;
		} else if (!strcmp(a, "--ingest-threads")) {
			if (!number(a, v, 1, 64, &n))
				return EXIT_USAGE;
			o.ingest_threads = (int)n;
		} else if (!strcmp(a, "--max-heavy")) {
			if (!number(a, v, 1, 64, &n))
				return EXIT_USAGE;
			o.max_heavy = (int)n;
		} else if (!strcmp(a, "--writer-idle")) {
			if (!number(a, v, 0, 3600, &n))
				return EXIT_USAGE;
			o.writer_idle = (double)n;
		} else if (!strcmp(a, "--max-connections")) {
			if (!number(a, v, 1, 100000, &n))
				return EXIT_USAGE;
			o.max_connections = (int)n;
		} else if (!strcmp(a, "--max-per-address")) {
			if (!number(a, v, 1, 100000, &n))
				return EXIT_USAGE;
			o.max_per_address = (int)n;
		} else if (!strcmp(a, "--timeout")) {
			if (!number(a, v, 1, 3600, &n))
				return EXIT_USAGE;
			o.timeout = (int)n;
		} else if (!strcmp(a, "--max-body")) {
			if (!number(a, v, 1024, 1LL << 30, &n))
				return EXIT_USAGE;
			o.max_body = (size_t)n;
		} else if (!strcmp(a, "--max-header")) {
			if (!number(a, v, 8192, 1LL << 20, &n))
				return EXIT_USAGE;
			o.max_header = (size_t)n;
		} else if (!strcmp(a, "--rate")) {
			if (!number(a, v, 0, 1000000, &n))
				return EXIT_USAGE;
			o.rate = (double)n;
			o.burst = 2.0 * (double)n;
		} else if (!strcmp(a, "--burst")) {
			if (!number(a, v, 1, 1000000, &n))
				return EXIT_USAGE;
			o.burst = (double)n;
		} else {
			return usage_error("unknown option %s%s", a, "");
		}
	}
	o.address = address;
	if (!token_file && !is_loopback(address))
		return usage_error("%s is not a loopback address: serving beyond this "
				   "machine needs --token-file (docs/SERVE.md)%s",
				   address, "");
	char *token = NULL;
	if (token_file) {
		token = read_token_file(token_file, &o.token_len);
		if (!token)
			return EXIT_USAGE;
		o.token = token;
	}
	if (check_database(o.db_path) != 0) {
		free(token);
		return EXIT_FAILED;
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	ngs_server *server = NULL;
	char err[256];
	int started = ngs_start(&o, &server, err, sizeof err);
	if (token) {
		/* the server keeps its own padded copy */
		memset(token, 0, o.token_len);
		free(token);
	}
	if (started != 0) {
		fprintf(stderr, "newsgraph: serve: %s\n", err);
		return strstr(err, "token") ? EXIT_USAGE : EXIT_FAILED;
	}
	int v6 = strchr(address, ':') != NULL;
	fprintf(stderr, "newsgraph: serving %s at http://%s%s%s:%d/ (writes %s; "
			"SIGINT or SIGTERM stops)\n",
		o.db_path, v6 ? "[" : "", address, v6 ? "]" : "", ngs_port(server),
		token_file ? "need the token" : "off: no --token-file");
	fflush(stderr);
	while (!stop_signal) {
		struct timespec ts = {0, 100 * 1000 * 1000};
		nanosleep(&ts, NULL);
		ngs_tick(server);
	}
	ngs_stop(server);
	fprintf(stderr, "newsgraph: serve stopped by %s\n",
		stop_signal == SIGINT ? "SIGINT" : "SIGTERM");
	return 128 + stop_signal;
}
