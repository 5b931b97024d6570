/*
 * test_kana.c: entity keys of names written in katakana (kana_key.h). A
 * katakana name must get the key its Latin spelling gets (トランプ and
 * "Trump"), with Japanese r read as l for a second key; what is not a
 * katakana word of two moras or more gets none, whatever the bytes.
 */
#include "check.h"
#include "extract/entities.h"
#include "extract/kana_key.h"

static int has_key(const char *kana, const char *latin)
{
	char want[NGI_KANA_KEY_MAX];
	char keys[NGI_KANA_MAX_KEYS][NGI_KANA_KEY_MAX];
	ngi_entity_word_key(latin, strlen(latin), 0, want, sizeof want);
	size_t n = ngi_kana_keys(kana, strlen(kana), keys);
	for (size_t i = 0; i < n; i++)
		if (strcmp(keys[i], want) == 0)
			return 1;
	return 0;
}

static void test_names(void)
{
	static const struct {
		const char *kana, *latin;
	} rows[] = {
		{"トランプ", "trump"},     /* epenthetic o and u, n before p */
		{"プーチン", "putin"},     /* long vowel kept, チ as ti */
		{"バイデン", "biden"},
		{"マクロン", "macron"},
		{"ジョンソン", "johnson"}, /* small yo */
		{"ロンドン", "london"},    /* r read as l */
		{"クリントン", "clinton"},
		{"ボリス", "boris"},
		{"オバマ", "obama"},
		{"ゼレンスキー", "zelensky"},
		{"グーグル", "google"},
		{"ウクライナ", "ukraine"},
		{"チェルシー", "chelsea"}, /* small e: che */
		{"ティム", "tim"},          /* small i: ti */
		{"フィリップ", "philip"},   /* small i: fi; doubled p */
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(rows); i++)
		CHECK_MSG(has_key(rows[i].kana, rows[i].latin), "%s ~ %s",
			  rows[i].kana, rows[i].latin);
	/* a word without a ラ-row mora has one key, one with it two */
	char keys[NGI_KANA_MAX_KEYS][NGI_KANA_KEY_MAX];
	CHECK(ngi_kana_keys("バイデン", strlen("バイデン"), keys) == 1);
	CHECK(ngi_kana_keys("トランプ", strlen("トランプ"), keys) == 2);
	/* names that differ keep different keys */
	CHECK(!has_key("トランプ", "biden"));
	CHECK(!has_key("プーチン", "obama"));
}

static void test_not_names(void)
{
	static const char *const rows[] = {
		"",  "ア", "ー", "ッ", "ァ", "ン", "東京", "trump", "トランプ氏",
		"とらんぷ", "\xe3\x83", "\xff\xfe", "トラ\xffンプ",
		/* more moras than a name has */
		"アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミム",
	};
	char keys[NGI_KANA_MAX_KEYS][NGI_KANA_KEY_MAX];
	for (size_t i = 0; i < NGI_ARRAY_LEN(rows); i++)
		CHECK_MSG(ngi_kana_keys(rows[i], strlen(rows[i]), keys) == 0,
			  "%s", rows[i]);
	/* small kana and marks alone in a word do not upset the reading */
	CHECK(ngi_kana_keys("ァィゥェォャュョッー", strlen("ァィゥェォャュョッー"),
			    keys) <= NGI_KANA_MAX_KEYS);
	CHECK(ngi_kana_keys("ーートランプ", strlen("ーートランプ"), keys) > 0);
}

int main(void)
{
	test_names();
	test_not_names();
	return check_report("test_kana");
}
