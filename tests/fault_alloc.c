/*
 * fault_alloc.c: the counting allocator behind fault_alloc.h. The linker's
 * --wrap turns the program's calls of malloc, calloc, realloc and strdup
 * into calls of __wrap_NAME here; each counts and either fails or calls the
 * real function (__real_NAME). The counter is atomic, so an allocation on
 * a worker thread would count too; but a walk is only repeatable when the
 * allocations come in the same order every time, so pthread_create is
 * wrapped as well (--wrap=pthread_create) and refuses with EAGAIN: the
 * engine then analyses every record on the calling thread (its documented
 * fallback when a thread cannot start, src/engine/ingest.c).
 */
#include "fault_alloc.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <string.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
int __wrap_pthread_create(pthread_t *t, const pthread_attr_t *attr,
			  void *(*fn)(void *), void *arg);

/* The ASan runtime's, when it is linked in. */
void __sanitizer_print_stack_trace(void) __attribute__((weak));

static atomic_int armed;
static atomic_long calls;
static long fail_at;
static int fail_sticky, trace;
static atomic_int hit;
static atomic_int held;

void fault_alloc_arm(long n, int sticky)
{
	atomic_store(&armed, 0);
	atomic_store(&calls, 0);
	atomic_store(&hit, 0);
	fail_at = n;
	fail_sticky = sticky;
	atomic_store(&armed, 1);
}

long fault_alloc_disarm(void)
{
	atomic_store(&armed, 0);
	return atomic_load(&calls);
}

void fault_alloc_hold(int on)
{
	atomic_store(&held, on);
}

int fault_alloc_hit(void)
{
	return atomic_load(&hit);
}

void fault_alloc_trace(int on)
{
	trace = on;
}

/* Whether this call fails. */
static int fails(void)
{
	if (!atomic_load(&armed) || atomic_load(&held))
		return 0;
	long k = atomic_fetch_add(&calls, 1) + 1;
	if (fail_at <= 0 || k < fail_at || (k > fail_at && !fail_sticky))
		return 0;
	atomic_store(&hit, 1);
	if (trace && k == fail_at && __sanitizer_print_stack_trace)
		__sanitizer_print_stack_trace();
	errno = ENOMEM;
	return 1;
}

void *__wrap_malloc(size_t n)
{
	return fails() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
	return fails() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
	return fails() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
	return fails() ? NULL : __real_strdup(s);
}

int __wrap_pthread_create(pthread_t *t, const pthread_attr_t *attr,
			  void *(*fn)(void *), void *arg)
{
	return EAGAIN;
}
