/*
 * guard.h: the HTTP server's two gatekeepers, pure (no libmicrohttpd) so
 * tests/test_serve.c can drive them: the write token, compared in constant
 * time (auth.c), and the per-client token-bucket rate limiter
 * (ratelimit.c). docs/SERVE.md, "Security".
 */
#ifndef NG_SERVE_GUARD_H
#define NG_SERVE_GUARD_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

/* ---- the token ------------------------------------------------------------------
 * A token is 16 to NGS_TOKEN_MAX bytes of printable ASCII (no spaces). */
#define NGS_TOKEN_MIN 16
#define NGS_TOKEN_MAX 256

typedef struct ngs_token {
	unsigned char bytes[NGS_TOKEN_MAX]; /* zero-padded */
	size_t len;
} ngs_token;

/* The token from a token file's content (surrounding white space trimmed).
 * NULL when good, else why not (a static message). */
const char *ngs_token_set(ngs_token *t, const char *content, size_t n);

/* Whether got (n bytes) is the token. The time taken depends on neither
 * the token's bytes nor its length: every call compares NGS_TOKEN_MAX
 * padded bytes and the lengths, folding the differences together. */
int ngs_token_equal(const ngs_token *t, const char *got, size_t n);

/* The token of an Authorization header's value, "Bearer TOKEN" (the scheme
 * in any case); NULL when the header is not of that form. *n its length. */
const char *ngs_bearer(const char *header, size_t *n);

/* ---- the rate limiter --------------------------------------------------------------
 * One bucket per client address (up to 16 bytes) in a fixed table: a
 * bucket holds up to burst tokens and refills at rate tokens a second; a
 * request takes one. The table has a fixed size: when a new client finds
 * its probe window full, the bucket idle longest is given to it (so a flood
 * of addresses costs no memory; an evicted client starts with a full
 * bucket). Thread-safe. */
typedef struct ngs_bucket {
	unsigned char key[16];
	unsigned char key_len;
	unsigned char used;
	double tokens;
	double last; /* seconds: the last refill */
} ngs_bucket;

typedef struct ngs_ratelimit {
	pthread_mutex_t lock;
	double rate, burst; /* rate 0: no limit */
	ngs_bucket *slots;
	size_t n_slots; /* a power of two */
} ngs_ratelimit;

/* n_slots is rounded up to a power of two. 0 on success, -1 out of memory. */
int ngs_ratelimit_init(ngs_ratelimit *rl, double rate, double burst,
		       size_t n_slots);
void ngs_ratelimit_free(ngs_ratelimit *rl);

/* Takes one token for client key at time now (seconds, monotonic).
 * Returns 0 when the request may go on, else the seconds until a token is
 * there (for Retry-After). */
double ngs_ratelimit_take(ngs_ratelimit *rl, const void *key, size_t key_len,
			  double now);

#endif
