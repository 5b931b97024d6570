/*
 * mkpivot_att.h: the word pairs of a compiled Apertium (lttoolbox)
 * transducer, for tools/mkpivot.c. A bilingual dictionary (X-Y.autobil.bin)
 * gives "lemma<tags>" pairs, a morphological analyser (X-Y.automorf.bin)
 * gives "surface form" -> "lemma<tags>".
 *
 * The binary is dumped as text by lttoolbox's lt-print -H (Debian
 * lttoolbox-dev, a build dependency; ATT format, one section per
 * dictionary section, "@0@" for the empty symbol), read from a pipe, and
 * every path from the start state to a final state is handed to a callback.
 * States on a cycle (the regular expressions of numbers and names some
 * dictionaries have) are left out, so the enumeration is finite; paths that
 * start with a digit are dropped too.
 */
#ifndef NG_MKPIVOT_ATT_H
#define NG_MKPIVOT_ATT_H

#include <stddef.h>

/* One path: in and out, NUL-terminated, tags ("<n>") kept. Returns 0 to
 * go on, non-zero to stop with an error. */
typedef int (*att_path_fn)(const char *in, const char *out, void *ctx);

/* Dumps the transducer at bin_path with lt-print and calls fn on each
 * path, at most max_paths of them. Returns the number of paths (>= 0), or
 * -1 with a diagnostic on stderr naming the file (lt-print missing or
 * failing, malformed output, too many paths, fn failing). */
long att_each_path(const char *bin_path, long max_paths, att_path_fn fn,
		   void *ctx);

#endif
