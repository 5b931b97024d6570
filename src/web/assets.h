/*
 * assets.h: the files of web/ (the style sheet, the script) embedded in the
 * command at build time by tools/mkassets.py (build/gen/web_assets.c), so
 * the pages never fetch anything from elsewhere. Served at /assets/NAME and
 * written to the static site's assets/ folder.
 */
#ifndef NG_WEB_ASSETS_H
#define NG_WEB_ASSETS_H

#include <stddef.h>

typedef struct ngw_asset {
	const char *name;         /* the file name below web/: "style.css" */
	const char *content_type; /* from its extension */
	const char *bytes;
	size_t len;
} ngw_asset;

/* Generated; ends with an entry whose name is NULL. */
extern const ngw_asset ngw_assets[];

/* The asset of exactly that name, or NULL. */
const ngw_asset *ngw_asset_find(const char *name);

#endif
