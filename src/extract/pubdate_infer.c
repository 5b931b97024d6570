/*
 * pubdate_infer.c: the publication date of an article when the record
 * gives none or only a month and day (pubdate_infer.h has the rules). Date
 * logic of the extract stage: it reads the text's own dates (dates.h)
 * found without an anchor and a dateline's year evidence (pubdate_year.c);
 * the engine (src/engine/features.c) anchors the text's dates on the day
 * it returns.
 */
#include "pubdate_infer.h"

#include <stdio.h>
#include <string.h>

#include "pubdate_year.h"

#define NGI_TEXT_DATE_BYTES 200 /* rule 3: how far into the text */

static void set_published(ngi_pubdate_inferred *out, int y, int m, int d,
			  int source, double confidence)
{
	snprintf(out->published, sizeof out->published, "%04d-%02d-%02d", y, m, d);
	out->has_day = 1;
	out->day = ngi_days_from_civil(y, m, d);
	out->source = source;
	out->confidence = confidence;
}

void ngi_pubdate_infer(const ngi_pubdate_given *in, const ngi_timex *tx,
		       size_t n, const char *text, size_t len,
		       const char *lang, ngi_arena *scratch,
		       ngi_pubdate_inferred *out)
{
	memset(out, 0, sizeof *out);
	out->source = NGI_PUB_NONE;
	const char *p = in->published;
	if (p && in->has_day) { /* rule 1 */
		snprintf(out->published, sizeof out->published, "%s", p);
		out->source = in->source;
		out->has_day = 1;
		out->day = in->day;
		int64_t secs;
		if (ngi_pubdate_seconds(p, &secs)) {
			out->has_time = 1;
			out->time = secs;
		}
		out->confidence = in->source == NGI_PUB_HEADER	   ? 0.9
				  : in->source == NGI_PUB_TEXT	   ? 0.6
				  : in->source == NGI_PUB_DATELINE ? 0.8
				  : in->source == NGI_PUB_CRAWL	   ? 0.7
								   : 1.0;
		return;
	}
	if (p && p[0] == '-' && p[1] == '-' && strlen(p) == 7) { /* rule 2 */
		int m = ngi_digits_value(p + 2, 2), d = ngi_digits_value(p + 5, 2);
		snprintf(out->published, sizeof out->published, "%s", p);
		out->source = in->source;
		out->confidence = 0.5;
		double conf = 0;
		int y = ngi_pubdate_year(m, d, tx, n, text, len, lang, scratch,
					 &conf);
		if (y)
			set_published(out, y, m, d, in->source, conf);
		return;
	}
	/* rule 3: a full date at the top of the text */
	for (size_t i = 0; i < n && tx[i].start < NGI_TEXT_DATE_BYTES; i++) {
		const char *v = tx[i].value;
		if (tx[i].anchor != NGI_ANCHOR_ABSOLUTE || strlen(v) < 10 ||
		    !ngi_all_digits(v, 4) || v[4] != '-' ||
		    !ngi_all_digits(v + 5, 2) || v[7] != '-' ||
		    !ngi_all_digits(v + 8, 2))
			continue;
		int y = ngi_digits_value(v, 4), m = ngi_digits_value(v + 5, 2),
		    d = ngi_digits_value(v + 8, 2);
		if (ngi_date_valid(y, m, d)) {
			set_published(out, y, m, d, NGI_PUB_TEXT, 0.6);
			return;
		}
	}
}
