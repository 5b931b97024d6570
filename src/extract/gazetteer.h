/*
 * gazetteer.h: countries and cities, named in the languages the entity
 * stage reads, from ICU's locale data (gazetteer.c).
 */
#ifndef NG_GAZETTEER_H
#define NG_GAZETTEER_H

#include <stddef.h>

#include "newsgraph.h"

/* Lexicon entries "L|English name|variant|..." (entity_lexicon.c's
 * format), one per place; the caller frees them with ngi_gazetteer_free. */
ng_status ngi_gazetteer_places(char ***out, size_t *n_out);
void ngi_gazetteer_free(char **list, size_t n);

#endif
