/*
 * test_credits.c: credit-line extraction (src/extract/credits.c): each
 * pattern, the alias table, self-credits, and hostile input.
 */
#include "check.h"

#include <stdlib.h>
#include <time.h>

#include "../src/extract/credits.h"

/* The canonical names credited by text (and title), comma-joined. */
static const char *credits_of(const char *text, const char *title,
			      const char *own)
{
	static char out[256];
	ngi_credit c[NGI_CREDITS_MAX];
	int n = ngi_credits_find(text, text ? strlen(text) : 0, title,
				 ngi_outlet_key(own), c, NGI_CREDITS_MAX);
	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		if (i)
			strcat(out, ",");
		strcat(out, c[i].name);
	}
	return out;
}

static int pattern_of(const char *text)
{
	ngi_credit c[NGI_CREDITS_MAX];
	int n = ngi_credits_find(text, strlen(text), NULL, 0, c, NGI_CREDITS_MAX);
	return n ? c[0].pattern : 0;
}

static void test_patterns(void)
{
	static const struct {
		const char *text, *want;
		int pattern;
	} rows[] = {
		{"LONDON (Reuters) - Oil prices rose.", "reuters", NGI_CREDIT_WIRE_TAG},
		{"WASHINGTON (AP) — The Senate voted.", "ap", NGI_CREDIT_WIRE_TAG},
		{"PARIS (AFP) - Strikes.", "afp", NGI_CREDIT_WIRE_TAG},
		{"Berlin (dpa) - Die Regierung.", "dpa", NGI_CREDIT_WIRE_TAG},
		{"ROME (ANSA) - Il governo.", "ansa", NGI_CREDIT_WIRE_TAG},
		{"AMMAN (MENAFN) - Jordan.", "menafn", NGI_CREDIT_WIRE_TAG},
		{"MOSCOW, November 12. /TASS/. The Kremlin said.", "tass", NGI_CREDIT_SLASH_TAG},
		{"The talks ended without a deal. — Reuters\n", "reuters", NGI_CREDIT_DASH},
		{"The talks ended without a deal - AFP", "afp", NGI_CREDIT_DASH},
		{"The plant closed, Reuters reported on Monday.", "reuters", NGI_CREDIT_REPORTED},
		{"Bloomberg reports that the deal is off.", "bloomberg", NGI_CREDIT_REPORTED},
		{"Prices fell, according to Reuters.", "reuters", NGI_CREDIT_ACCORDING},
		{"It was cold, according to the BBC.", "bbc", NGI_CREDIT_ACCORDING},
		{"According to TASS, the talks resumed.", "tass", NGI_CREDIT_ACCORDING},
		{"according to the Kyiv Independent News, troops moved.",
		 "kyiv independent news", NGI_CREDIT_ACCORDING},
		{"Source: Interfax", "interfax", NGI_CREDIT_SOURCE},
		{"Quelle: Deutsche Presse-Agentur", "dpa", NGI_CREDIT_SOURCE},
		{"Источник: ТАСС", "tass", NGI_CREDIT_SOURCE},
		{"Source: Daily Planet", "daily planet", NGI_CREDIT_SOURCE},
		{"The video was shared via Xinhua.", "xinhua", NGI_CREDIT_VIA},
		{"Text.\nREAD MORE: Ukraine latest from Reuters\n", "reuters", NGI_CREDIT_READ_MORE},
		{"Text.\nRead more: www.bbc.co.uk/news\n", "bbc", NGI_CREDIT_READ_MORE},
	};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		CHECK_STR(credits_of(rows[i].text, NULL, NULL), rows[i].want);
		CHECK_MSG(pattern_of(rows[i].text) == rows[i].pattern, "%s: pattern %d",
			  rows[i].text, pattern_of(rows[i].text));
	}
	/* not credits */
	static const char *const none[] = {
		"He said (reluctantly) that it was over.",
		"According to police, two people died.",
		"according to a statement from the ministry",
		"See https://www.reuters.com/world/ for more.",
		"The man was sent via email.",
		"Source: a senior official said nothing.",
		"READ MORE: Putin says talks are over",
		"Revenue grew - to 5 billion.",
		"",
	};
	for (size_t i = 0; i < sizeof none / sizeof *none; i++)
		CHECK_STR(credits_of(none[i], NULL, NULL), "");
}

static void test_aliases(void)
{
	static const char *const ap[] = {"AP", "The Associated Press",
					 "associated press", "ap", "APNews"};
	for (size_t i = 0; i < sizeof ap / sizeof *ap; i++)
		CHECK(ngi_outlet_key(ap[i]) == ngi_outlet_key("AP"));
	CHECK(ngi_outlet_key("TASS") == ngi_outlet_key("ТАСС"));
	CHECK(ngi_outlet_key("ITAR-TASS") == ngi_outlet_key("tass.ru"));
	CHECK(ngi_outlet_key("Reuters") == ngi_outlet_key("www.reuters.com"));
	CHECK(ngi_outlet_key("ČTK") == ngi_outlet_key("CTK"));
	CHECK(ngi_outlet_key("RIA Novosti") == ngi_outlet_key("РИА Новости"));
	CHECK(ngi_outlet_key("Agence France-Presse") == ngi_outlet_key("AFP"));
	CHECK(ngi_outlet_key("The Daily Post") == ngi_outlet_key("daily post"));
	CHECK(ngi_outlet_key("Reuters") != ngi_outlet_key("AP"));
	CHECK(ngi_outlet_key("") == 0 && ngi_outlet_key(NULL) == 0 &&
	      ngi_outlet_key("--") == 0);
	char c[NGI_CREDIT_NAME];
	int known;
	CHECK(ngi_outlet_canonical("The Associated Press", 20, c, sizeof c, &known) == 2);
	CHECK_STR(c, "ap");
	CHECK(known);
	ngi_outlet_canonical("The Evening Herald", 18, c, sizeof c, &known);
	CHECK_STR(c, "evening herald");
	CHECK(!known);
	/* "(The Associated Press)" and "(AP)" are one credit */
	CHECK_STR(credits_of("X (AP) - y. According to The Associated Press, z.", NULL,
			     NULL), "ap");
}

static void test_self_and_order(void)
{
	/* a wire's own dateline says nothing */
	CHECK_STR(credits_of("MOSCOW, Nov 12. /TASS/. Talks.", NULL, "TASS"), "");
	CHECK_STR(credits_of("LONDON (Reuters) - Oil.", NULL, "Reuters"), "");
	CHECK_STR(credits_of("LONDON (Reuters) - Oil, AFP reported.", NULL, "reuters.com"),
		  "afp");
	/* known outlets first, then in order; distinct; at most NGI_CREDITS_MAX */
	CHECK_STR(credits_of("Source: Daily Planet. (AP) (AP) /TASS/ (Reuters) (dpa) "
			     "(AFP)", NULL, NULL), "ap,tass,reuters,dpa");
	/* the title counts too */
	CHECK_STR(credits_of("Nothing here.", "Oil rises - Reuters", NULL), "reuters");
	ngi_credit c[NGI_CREDITS_MAX];
	CHECK(ngi_credits_find("x", 1, "Oil (AFP)", 0, c, NGI_CREDITS_MAX) == 1 &&
	      c[0].in_title && c[0].start == 4 && c[0].end == 9);
	CHECK(ngi_credits_find("a (Reuters)", 11, NULL, 0, c, 1) == 1 &&
	      c[0].start == 2 && c[0].end == 11 && c[0].known);
	CHECK(ngi_credits_find(NULL, 0, NULL, 0, c, NGI_CREDITS_MAX) == 0);
	CHECK(ngi_credits_find("", 0, "", 0, c, NGI_CREDITS_MAX) == 0);
}

static void test_hostile(void)
{
	size_t n = 100000, unit = strlen("(Reuters)");
	char *s = malloc(n * unit + 1);
	CHECK(s != NULL);
	if (!s)
		return;
	for (size_t i = 0; i < n; i++)
		memcpy(s + i * unit, "(Reuters)", unit);
	s[n * unit] = '\0';
	clock_t t0 = clock();
	CHECK_STR(credits_of(s, NULL, NULL), "reuters");
	CHECK_STR(credits_of(s, NULL, "Reuters"), "");
	free(s);
	/* a 1 MB line of words, dashes, slashes, parentheses and triggers */
	size_t big = 1 << 20;
	s = malloc(big + 1);
	CHECK(s != NULL);
	if (!s)
		return;
	static const char piece[] = "according to (x /y - \xe2\x80\x94 Source: via read more "
				    "reported \xd0\x98\xd1\x81\xd1\x82 \xff\xc3 ";
	for (size_t i = 0; i < big; i++)
		s[i] = piece[i % (sizeof piece - 1)];
	s[big] = '\0';
	ngi_credit c[NGI_CREDITS_MAX];
	int k = ngi_credits_find(s, big, s, 0, c, NGI_CREDITS_MAX);
	CHECK(k >= 0 && k <= NGI_CREDITS_MAX);
	/* one long word, a truncated UTF-8 sequence at the end */
	memset(s, 'a', big);
	s[big - 1] = (char)0xD0;
	CHECK(ngi_credits_find(s, big, NULL, 0, c, NGI_CREDITS_MAX) == 0);
	/* an unterminated tag and a name at the very end */
	CHECK_STR(credits_of("(Reuters", NULL, NULL), "");
	CHECK_STR(credits_of("x - Reuters", NULL, NULL), "reuters");
	CHECK_STR(credits_of("according to ", NULL, NULL), "");
	CHECK_STR(credits_of("Source:", NULL, NULL), "");
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	CHECK_MSG(secs < 5, "hostile input took %.2f s", secs);
	free(s);
}

int main(void)
{
	test_patterns();
	test_aliases();
	test_self_and_order();
	test_hostile();
	return check_report("credits");
}
