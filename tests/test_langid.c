/*
 * test_langid.c: language identification (ngi_langid_detect, CLD2) on one
 * news-like paragraph per language we care about, "und" for text too short
 * or too odd to judge, and the language hint of ngi_text_analyze.
 */
#include "check.h"
#include "text/text.h"

#include <string.h>

static const struct {
	const char *want, *text;
} cases[] = {
	{"en",
	 "The government announced on Tuesday that it would raise interest "
	 "rates for the third time this year, citing persistent inflation and "
	 "a tight labour market. Opposition leaders said the decision would "
	 "hurt families who are already struggling with higher prices."},
	{"de",
	 "Die Bundesregierung hat am Dienstag angekündigt, die Zinsen in "
	 "diesem Jahr zum dritten Mal zu erhöhen. Die Opposition kritisierte "
	 "die Entscheidung scharf und warnte vor steigenden Preisen für "
	 "Familien, die ohnehin schon unter der Inflation leiden."},
	{"fr",
	 "Le gouvernement a annoncé mardi qu'il allait relever les taux "
	 "d'intérêt pour la troisième fois cette année, en invoquant une "
	 "inflation persistante. Les dirigeants de l'opposition ont estimé "
	 "que cette décision pénaliserait les familles déjà en difficulté."},
	{"it",
	 "Il governo ha annunciato martedì che aumenterà i tassi di interesse "
	 "per la terza volta quest'anno, citando un'inflazione persistente e "
	 "un mercato del lavoro teso. I leader dell'opposizione hanno detto "
	 "che la decisione danneggerà le famiglie già in difficoltà."},
	{"es",
	 "El Gobierno anunció el martes que subirá los tipos de interés por "
	 "tercera vez este año, alegando una inflación persistente y un "
	 "mercado laboral tensionado. Los líderes de la oposición afirmaron "
	 "que la decisión perjudicará a las familias que ya tienen problemas."},
	{"pt",
	 "O governo anunciou nesta terça-feira que vai aumentar as taxas de "
	 "juro pela terceira vez este ano, devido à inflação persistente e ao "
	 "mercado de trabalho apertado. Os líderes da oposição disseram que a "
	 "decisão vai prejudicar as famílias que já enfrentam dificuldades."},
	{"nl",
	 "De regering heeft dinsdag aangekondigd dat zij de rente dit jaar "
	 "voor de derde keer zal verhogen, vanwege de aanhoudende inflatie en "
	 "de krappe arbeidsmarkt. Oppositieleiders zeiden dat het besluit "
	 "gezinnen zal treffen die nu al moeite hebben om rond te komen."},
	{"ru",
	 "Правительство во вторник объявило, что в третий раз за этот год "
	 "повысит процентные ставки, сославшись на устойчивую инфляцию и "
	 "дефицит рабочей силы. Лидеры оппозиции заявили, что это решение "
	 "ударит по семьям, которые и так с трудом сводят концы с концами."},
	{"uk",
	 "Уряд у вівторок оголосив, що втретє цього року підвищить процентні "
	 "ставки через стійку інфляцію та брак робочої сили. Лідери опозиції "
	 "заявили, що таке рішення вдарить по родинах, яким і без того "
	 "важко зводити кінці з кінцями."},
	{"pl",
	 "Rząd ogłosił we wtorek, że po raz trzeci w tym roku podniesie "
	 "stopy procentowe, powołując się na utrzymującą się inflację i "
	 "napięty rynek pracy. Przywódcy opozycji stwierdzili, że decyzja "
	 "uderzy w rodziny, które już teraz mają problemy finansowe."},
	{"cs",
	 "Vláda v úterý oznámila, že letos potřetí zvýší úrokové sazby "
	 "kvůli přetrvávající inflaci a napjatému trhu práce. Představitelé "
	 "opozice uvedli, že toto rozhodnutí poškodí rodiny, které už nyní "
	 "mají potíže zaplatit své účty."},
	{"bg",
	 "Правителството обяви във вторник, че за трети път тази година ще "
	 "повиши лихвените проценти заради упоритата инфлация и недостига "
	 "на работна ръка. Лидерите на опозицията заявиха, че решението ще "
	 "удари семействата, които и без това трудно свързват двата края."},
	{"sl",
	 "Vlada je v torek napovedala, da bo letos že tretjič zvišala "
	 "obrestne mere zaradi vztrajne inflacije in pomanjkanja delovne "
	 "sile. Voditelji opozicije so dejali, da bo odločitev prizadela "
	 "družine, ki že zdaj težko shajajo s plačo."},
	{"tr",
	 "Hükümet salı günü yaptığı açıklamada, kalıcı enflasyon ve sıkışık "
	 "iş piyasası nedeniyle faiz oranlarını bu yıl üçüncü kez "
	 "artıracağını duyurdu. Muhalefet liderleri, kararın zaten geçim "
	 "sıkıntısı çeken aileleri zor durumda bırakacağını söyledi."},
	{"ar",
	 "أعلنت الحكومة يوم الثلاثاء أنها سترفع أسعار الفائدة للمرة الثالثة "
	 "هذا العام بسبب استمرار التضخم ونقص العمالة. وقال قادة المعارضة إن "
	 "هذا القرار سيضر بالأسر التي تعاني أصلا من ارتفاع الأسعار."},
	/* Too short, or no language at all. */
	{"und", ""},
	{"und", "OK"},
	{"und", "Putin"},
	{"und", "12345 67 89 0.5 %"},
	{"und", "xqzv kjwp trrbn wzzk qqpx vbnmq"},
	{"und", "!!! ??? ... --- ***"},
};

int main(void)
{
	for (size_t i = 0; i < NGI_ARRAY_LEN(cases); i++) {
		char lang[8];
		int reliable = -1, percent = -1;
		ngi_langid_detect(cases[i].text, strlen(cases[i].text), lang,
				  &reliable, &percent);
		CHECK_MSG(strcmp(lang, cases[i].want) == 0,
			  "case %zu: got %s, want %s", i, lang, cases[i].want);
		CHECK(reliable == (strcmp(cases[i].want, "und") != 0));
		CHECK(percent >= 0 && percent <= 100);
	}
	/* NULL out-parameters are allowed. */
	char lang[8];
	ngi_langid_detect(cases[0].text, strlen(cases[0].text), lang, NULL,
			  NULL);
	CHECK_STR(lang, "en");

	/* ngi_text_analyze takes a usable hint as it is, detects otherwise. */
	static const struct {
		const char *hint, *want;
	} hints[] = {
		{"de", "de"}, {"EN", "en"}, {"pt-BR", "pt"}, {"en_GB", "en"},
		{NULL, "fr"}, {"und", "fr"}, {"", "fr"},     {"french", "fr"},
	};
	ngi_text_ctx *ctx;
	if (ngi_text_ctx_new(&ctx) != NG_OK)
		return 1;
	ngi_arena a;
	ngi_arena_init(&a, 0);
	const char *fr = cases[2].text;
	for (size_t i = 0; i < NGI_ARRAY_LEN(hints); i++) {
		ngi_doc d;
		ngi_arena_reset(&a);
		CHECK(ngi_text_analyze(ctx, fr, strlen(fr), hints[i].hint, &a,
				       &d) == NG_OK);
		CHECK_STR(d.lang, hints[i].want);
		CHECK(d.lang_reliable == 1);
	}
	ngi_arena_free(&a);
	ngi_text_ctx_free(ctx);
	return check_report("langid");
}
