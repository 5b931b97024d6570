/*
 * kana_key.h: the entity key (entities.h) of a name written in katakana,
 * so that a Japanese article's トランプ meets the "Trump", "Трамп" of
 * articles in other languages (kana_key.c). Pure functions: no state, no
 * ICU, safe from any thread.
 */
#ifndef NG_KANA_KEY_H
#define NG_KANA_KEY_H

#include <stddef.h>

#define NGI_KANA_MAX_KEYS 2
#define NGI_KANA_KEY_MAX 64

/* Writes the entity keys of the katakana word w (len bytes of UTF-8, its
 * folded form) into keys (NUL-terminated) and returns how many: 0 when w
 * is not katakana alone or is shorter than two moras; 1 when it has no ラ
 * row; 2 when it has (Japanese writes r and l alike: the first key reads
 * them as r, the second as l). */
size_t ngi_kana_keys(const char *w, size_t len,
		     char keys[NGI_KANA_MAX_KEYS][NGI_KANA_KEY_MAX]);

#endif
