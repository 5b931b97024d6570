/*
 * fault_alloc.h: the allocation seam of the fault walks (tests/fault_walk.c).
 *
 * A program linked with
 *   -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=strdup,
 *   --wrap=pthread_create
 * sends every call of those four that the linked objects make (newsgraph's
 * own code: the library's static archive, the server's API objects, the
 * test) through fault_alloc.c, which counts them and can make the Nth fail
 * (return NULL, errno ENOMEM). Calls made inside shared libraries (SQLite,
 * libxml2, ICU, CLD2's operator new, libc itself) are not redirected by the
 * linker and so are outside the walk. Nothing in the library changes.
 * With --wrap=pthread_create too, no thread starts (fault_alloc.c says
 * why), so the allocations come in the same order on every run.
 */
#ifndef NG_TESTS_FAULT_ALLOC_H
#define NG_TESTS_FAULT_ALLOC_H

/* Starts counting from zero; the nth call from now fails (n >= 1), and
 * with sticky every one after it too; n == 0: none fails. */
void fault_alloc_arm(long n, int sticky);
/* Stops failing and counting; returns the calls counted since the arm. */
long fault_alloc_disarm(void);
/* While held (hold(1) ... hold(0)), calls are neither counted nor failed:
 * for the test's own bookkeeping in the middle of an operation. */
void fault_alloc_hold(int on);
/* Whether a call failed since the arm. */
int fault_alloc_hit(void);
/* Print the stack of the failing call (ASan builds) to stderr. */
void fault_alloc_trace(int on);

#endif
