/*
 * svg_timeline.c: a story's timeline as an inline SVG picture (docs/WEB.md).
 * The events of ng_timeline_open (publications, follow-ups, claims,
 * responses, quotes) lie on a time axis: one column per date, left to
 * right, with the gap since the column before written under its date
 * ("3 days later", "6 years later"), so a story spanning years stays
 * readable; undated events in a last column. Four lanes (publications,
 * claims, responses, quotes), each event a marker whose shape says its
 * kind and whose colour a response's stance, with a short label and a
 * tooltip (<title>); each is a link to its article. Below the picture the
 * legend, and the same events as a list (for screen readers and for a
 * copy). The SVG keeps its size and scrolls sideways on a narrow screen.
 */
#include "web_int.h"

#include <stdlib.h>
#include <string.h>

enum {
	LEFT = 118,      /* lane names */
	COL_W = 176,     /* one date */
	HEAD = 46,       /* the date labels above the lanes */
	ROW_H = 19,      /* one event in a lane */
	LANE_PAD = 10,
	MAX_STACK = 6,   /* events drawn in one lane and column */
	MAX_COLUMNS = 60,
	LABEL_CHARS = 22
};

enum lane { LANE_PUBLISHED, LANE_CLAIM, LANE_RESPONSE, LANE_QUOTE, N_LANES };
static const char *const lane_names[N_LANES] = {"Publications", "Claims",
						"Responses", "Quotes"};

typedef struct event {
	char *date, *event, *article, *text, *who, *detail;
	int lane;
	int column;
	long long day; /* -1: undated */
} event;

static char *dup_or_null(ngi_arena *a, const char *s)
{
	return s ? ngi_arena_strdup(a, s) : NULL;
}

static int lane_of(const char *ev)
{
	if (!ev)
		return LANE_PUBLISHED;
	if (!strcmp(ev, "claim"))
		return LANE_CLAIM;
	if (!strcmp(ev, "response"))
		return LANE_RESPONSE;
	if (!strcmp(ev, "quote"))
		return LANE_QUOTE;
	return LANE_PUBLISHED;
}

/* The CSS class of an event's marker. */
static const char *marker_class(const event *v)
{
	switch (v->lane) {
	case LANE_CLAIM: return "ev-claim";
	case LANE_QUOTE: return "ev-quote";
	case LANE_RESPONSE:
		if (v->detail && !strcmp(v->detail, "deny"))
			return "ev-deny";
		if (v->detail && !strcmp(v->detail, "confirm"))
			return "ev-confirm";
		return "ev-nocomment";
	default:
		return v->event && !strcmp(v->event, "published") ? "ev-published"
								  : "ev-followup";
	}
}

/* The marker's shape centred on (x, y). */
static void marker(ngw_ctx *c, const event *v, int x, int y)
{
	const char *cls = marker_class(v);
	switch (v->lane) {
	case LANE_CLAIM:
		ngw_fmt(c, "<rect class=\"mk %s\" x=\"%d\" y=\"%d\" width=\"11\" height=\"11\"/>",
			cls, x - 5, y - 5);
		break;
	case LANE_RESPONSE:
		ngw_fmt(c, "<path class=\"mk %s\" d=\"M%d %dl6.5 6.5-6.5 6.5-6.5-6.5z\"/>",
			cls, x, y - 6);
		break;
	case LANE_QUOTE:
		ngw_fmt(c, "<circle class=\"mk %s\" cx=\"%d\" cy=\"%d\" r=\"5\"/>", cls, x, y);
		break;
	default:
		ngw_fmt(c, "<circle class=\"mk %s\" cx=\"%d\" cy=\"%d\" r=\"6\"/>", cls, x, y);
	}
}

/* The marker's label: who did what, short. */
static void label(ngw_ctx *c, const event *v, size_t max)
{
	char buf[400];
	const char *who = v->who ? v->who : "";
	switch (v->lane) {
	case LANE_RESPONSE:
		snprintf(buf, sizeof buf, "%s%s%s",
			 v->detail && !strcmp(v->detail, "deny") ? "denial"
			 : v->detail && !strcmp(v->detail, "confirm") ? "confirmation"
								       : "response",
			 *who ? ": " : "", who);
		break;
	case LANE_QUOTE:
	case LANE_CLAIM:
		snprintf(buf, sizeof buf, "%s%s%s", who, *who ? ": " : "",
			 v->text ? v->text : "");
		break;
	default:
		snprintf(buf, sizeof buf, "%s%s%s", v->event ? v->event : "",
			 *who ? ": " : "", who);
	}
	ngw_text_cut(c, buf, max);
}

/* "3 days later", "2 months later", "6 years later". */
static void gap_label(ngw_ctx *c, long long days)
{
	if (days < 45)
		ngw_fmt(c, "%lld day%s later", days, days == 1 ? "" : "s");
	else if (days < 730)
		ngw_fmt(c, "%lld months later", (days + 15) / 30);
	else
		ngw_fmt(c, "%lld years later", (days + 182) / 365);
}

static void legend(ngw_ctx *c)
{
	static const struct { int lane; const char *cls, *name; } items[] = {
		{LANE_PUBLISHED, "ev-published", "first publication"},
		{LANE_PUBLISHED, "ev-followup", "follow-up"},
		{LANE_CLAIM, "ev-claim", "claim"},
		{LANE_RESPONSE, "ev-deny", "denial"},
		{LANE_RESPONSE, "ev-confirm", "confirmation"},
		{LANE_RESPONSE, "ev-nocomment", "no comment"},
		{LANE_QUOTE, "ev-quote", "quote"}};
	ngw_raw(c, "<ul class=\"legend\" aria-label=\"Legend\">");
	for (size_t i = 0; i < NGI_ARRAY_LEN(items); i++) {
		event v = {.lane = items[i].lane,
			   .event = (char *)(strcmp(items[i].cls, "ev-published") ? "" : "published"),
			   .detail = (char *)(strcmp(items[i].cls, "ev-deny") == 0 ? "deny"
					      : strcmp(items[i].cls, "ev-confirm") == 0 ? "confirm" : "")};
		ngw_raw(c, "<li><svg class=\"key\" width=\"16\" height=\"16\" viewBox=\"0 0 16 16\" aria-hidden=\"true\">");
		marker(c, &v, 8, 8);
		ngw_raw(c, "</svg>");
		ngw_raw(c, items[i].name);
		ngw_raw(c, "</li>");
	}
	ngw_raw(c, "</ul>\n");
}

static void event_list(ngw_ctx *c, const event *ev, size_t n)
{
	ngw_raw(c, "<details class=\"events\"><summary>The events as a list</summary>\n<ol>\n");
	for (size_t i = 0; i < n; i++) {
		const event *v = &ev[i];
		ngw_raw(c, "<li><span class=\"date\">");
		ngw_text(c, v->date ? v->date : "undated");
		ngw_raw(c, "</span> <span class=\"badge\">");
		ngw_text(c, v->event);
		if (v->detail && *v->detail) {
			ngw_raw(c, ": ");
			ngw_text(c, v->detail);
		}
		ngw_raw(c, "</span> ");
		if (v->who) {
			ngw_text(c, v->who);
			ngw_raw(c, ": ");
		}
		ngw_text_cut(c, v->text, 200);
		ngw_raw(c, " (");
		ngw_link_article(c, v->article, NULL);
		ngw_raw(c, ")</li>\n");
	}
	ngw_raw(c, "</ol></details>\n");
}

static void draw(ngw_ctx *c, long long story, event *ev, size_t n)
{
	/* columns: the distinct days in order, then undated */
	long long days[MAX_COLUMNS + 1];
	int n_cols = 0, undated_col = -1;
	size_t drawn = 0;
	for (size_t i = 0; i < n; i++) {
		event *v = &ev[i];
		if (v->day < 0) {
			if (undated_col < 0) {
				if (n_cols == MAX_COLUMNS + 1)
					break;
				undated_col = n_cols;
				days[n_cols++] = -1;
			}
			v->column = undated_col;
		} else {
			if (n_cols == 0 || days[n_cols - 1] != v->day) {
				if (n_cols == MAX_COLUMNS)
					break;
				days[n_cols++] = v->day;
			}
			v->column = n_cols - 1;
		}
		drawn++;
	}
	/* lane heights: the tallest stack of each lane */
	int stack_max[N_LANES] = {0};
	int *stack = calloc((size_t)n_cols * N_LANES + 1, sizeof *stack);
	if (!stack) {
		c->failed = 1;
		return;
	}
	for (size_t i = 0; i < drawn; i++) {
		int k = ++stack[ev[i].column * N_LANES + ev[i].lane];
		if (k > stack_max[ev[i].lane])
			stack_max[ev[i].lane] = k;
	}
	int lane_y[N_LANES + 1], y = HEAD;
	for (int l = 0; l < N_LANES; l++) {
		lane_y[l] = y;
		int rows = stack_max[l] > MAX_STACK ? MAX_STACK + 1 : stack_max[l];
		y += (rows ? rows : 1) * ROW_H + LANE_PAD;
	}
	lane_y[N_LANES] = y;
	int width = LEFT + n_cols * COL_W + 8, height = y + 8;
	ngw_fmt(c, "<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Timeline picture, scrolls sideways\">\n"
		   "<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		   "viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"tl-title-%lld\">\n"
		   "<title id=\"tl-title-%lld\">Timeline of story %lld: %zu events on %d dates</title>\n",
		width, height, width, height, story, story, story, drawn, n_cols);
	/* lanes and their names */
	for (int l = 0; l < N_LANES; l++) {
		ngw_fmt(c, "<rect class=\"lane lane-%d\" x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\"/>"
			   "<text class=\"lane-name\" x=\"8\" y=\"%d\">%s</text>\n",
			l % 2, lane_y[l], width, lane_y[l + 1] - lane_y[l],
			lane_y[l] + 16, lane_names[l]);
	}
	/* the axis: a line per column with its date and the gap before it */
	for (int k = 0; k < n_cols; k++) {
		int x = LEFT + k * COL_W;
		ngw_fmt(c, "<line class=\"tick\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>",
			x, HEAD - 6, x, lane_y[N_LANES]);
		if (days[k] < 0) {
			ngw_fmt(c, "<text class=\"date\" x=\"%d\" y=\"18\">undated</text>\n", x + 6);
			continue;
		}
		const char *date = NULL;
		for (size_t i = 0; i < drawn && !date; i++)
			if (ev[i].column == k)
				date = ev[i].date;
		ngw_fmt(c, "<text class=\"date\" x=\"%d\" y=\"18\">", x + 6);
		ngw_text_cut(c, date, 10);
		ngw_raw(c, "</text>");
		if (k > 0 && days[k - 1] >= 0) {
			ngw_fmt(c, "<text class=\"gap\" x=\"%d\" y=\"34\">", x + 6);
			gap_label(c, days[k] - days[k - 1]);
			ngw_raw(c, "</text>");
		}
		ngw_raw(c, "\n");
	}
	/* the events */
	memset(stack, 0, ((size_t)n_cols * N_LANES + 1) * sizeof *stack);
	for (size_t i = 0; i < drawn; i++) {
		event *v = &ev[i];
		int *k = &stack[v->column * N_LANES + v->lane];
		int x = LEFT + v->column * COL_W + 12;
		int yy = lane_y[v->lane] + LANE_PAD / 2 + ROW_H / 2 + *k * ROW_H;
		(*k)++;
		if (*k > MAX_STACK) {
			if (*k == MAX_STACK + 1) {
				int total = 0;
				for (size_t j = 0; j < drawn; j++)
					total += ev[j].column == v->column && ev[j].lane == v->lane;
				ngw_fmt(c, "<text class=\"more\" x=\"%d\" y=\"%d\">+%d more</text>\n",
					x - 4, yy + 4, total - MAX_STACK);
			}
			continue;
		}
		int link = ngw_can_link_article(c, v->article);
		if (link) {
			ngw_raw(c, "<a class=\"ev\" href=\"");
			ngw_href_article(c, v->article);
			ngw_raw(c, "\">");
		} else {
			ngw_raw(c, "<g class=\"ev\">");
		}
		ngw_raw(c, "<title>");
		ngw_text(c, v->date ? v->date : "undated");
		ngw_raw(c, " \xE2\x80\x94 ");
		ngw_text(c, v->event);
		if (v->detail && *v->detail) {
			ngw_raw(c, " (");
			ngw_text(c, v->detail);
			ngw_raw(c, ")");
		}
		if (v->who) {
			ngw_raw(c, " \xE2\x80\x94 ");
			ngw_text(c, v->who);
		}
		ngw_raw(c, ": ");
		ngw_text_cut(c, v->text, 300);
		ngw_raw(c, "</title>");
		marker(c, v, x, yy);
		ngw_fmt(c, "<text class=\"ev-label\" x=\"%d\" y=\"%d\">", x + 11, yy + 4);
		label(c, v, LABEL_CHARS);
		ngw_raw(c, link ? "</text></a>\n" : "</text></g>\n");
	}
	free(stack);
	ngw_raw(c, "</svg>\n</div>\n");
	if (drawn < n)
		ngw_fmt(c, "<p class=\"muted\">The picture shows the first %d dates; the "
			   "list has every event.</p>\n", MAX_COLUMNS);
}

void ngw_svg_timeline(ngw_ctx *c, long long story)
{
	ngw_raw(c, "<section class=\"block\" id=\"timeline\" aria-labelledby=\"timeline-h\">\n"
		   "<h2 id=\"timeline-h\">Timeline</h2>\n");
	ng_cursor *cur = NULL;
	if (ng_timeline_open(c->e, story, 0, &cur) != NG_OK) {
		ngw_cursor_error(c, "the timeline");
		ngw_raw(c, "</section>\n");
		return;
	}
	ngi_arena arena;
	ngi_arena_init(&arena, 64 * 1024);
	event *ev = calloc(NGW_MAX_TIMELINE_EVENTS, sizeof *ev);
	size_t n = 0;
	int more = 0;
	ng_status st = NG_DONE;
	while (ev && (st = ng_cursor_step(cur)) == NG_ROW) {
		if (n == NGW_MAX_TIMELINE_EVENTS) {
			more = 1;
			break;
		}
		event *v = &ev[n++];
		v->date = dup_or_null(&arena, ng_cursor_column_text(cur, 0));
		v->event = dup_or_null(&arena, ng_cursor_column_text(cur, 2));
		v->article = dup_or_null(&arena, ng_cursor_column_text(cur, 3));
		v->text = dup_or_null(&arena, ng_cursor_column_text(cur, 5));
		v->who = dup_or_null(&arena, ng_cursor_column_text(cur, 6));
		v->detail = dup_or_null(&arena, ng_cursor_column_text(cur, 7));
		v->lane = lane_of(v->event);
		if (!v->date || !ngw_parse_day(v->date, &v->day))
			v->day = -1;
		if (!v->article || !v->event)
			c->failed = 1;
	}
	ng_cursor_close(cur);
	if (!ev)
		c->failed = 1;
	if (st != NG_ROW && st != NG_DONE) {
		ngw_cursor_error(c, "the timeline");
	} else if (n == 0) {
		ngw_raw(c, "<p class=\"muted\">No dated events.</p>\n");
	} else if (!c->failed) {
		draw(c, story, ev, n);
		legend(c);
		event_list(c, ev, n);
		if (more)
			ngw_fmt(c, "<p class=\"muted\">The first %d events.</p>\n",
				NGW_MAX_TIMELINE_EVENTS);
	}
	free(ev);
	ngi_arena_free(&arena);
	ngw_raw(c, "</section>\n");
}
