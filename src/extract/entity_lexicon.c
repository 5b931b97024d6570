/*
 * entity_lexicon.c: the small curated lists behind the entity recogniser.
 *
 * Two kinds. Cue words (titles, organisation words, connectors, reporting
 * verbs, place prepositions, words that are never names) are looked up by
 * their folded form, exactly or, for entries written with a final '*', as a
 * prefix, so one entry covers an inflected word ("президент*" matches
 * "президента"). Names (countries and big cities, well-known organisations
 * and people, common given names) are looked up by their entity key
 * (entities.h), so one entry covers every script and most case forms:
 * "Moskau", "Moskwie", "Москве" all find "Moskva". Each name is keyed both
 * with and without the Slavic ending rule, as the document's language
 * decides which applies.
 *
 * The lists cover en, de, fr, it, es, ru, uk, pl, cs, bg, sl; they are meant
 * to stay small and be extended by need. Two more lists are data files
 * (data/lexicons/): entity_org_words.tsv (organisation words, head nouns,
 * company forms, the nouns that announce an organisation's name) and
 * entity_function_words.tsv (per language: words that never open a name),
 * entity_common_acronyms.tsv (abbreviations that are common nouns: DNA). Places beyond them come from
 * gazetteer.c (ICU's names of countries and cities), in a third table
 * matched on exact spellings rather than lossy keys, built once per process
 * (ngi_lexicon_place).
 */
#include "entities.h"
#include "gazetteer.h"

#include "../base/data.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../base/map.h"
#include "../base/utf8.h"

/* ---- cue words --------------------------------------------------------- */
static const char *const titles[] = {
	/* en */
	"president", "mr", "mrs", "ms", "dr", "prof", "sir", "dame", "lord",
	"lady", "chancellor", "minister", "premier", "prime", "senator",
	"governor", "mayor", "king", "queen", "prince", "princess", "pope",
	"general", "spokesman", "spokeswoman", "spokesperson", "secretary",
	"ambassador", "chairman", "leader", "special", "counsel", "judge",
	"archbishop", "bishop", "cardinal", "colonel", "captain", "commander",
	"sheikh", "emir", "saint", "st", "justice", "speaker", "rep", "sen",
	"gov", "gen", "president-elect", "vice", "deputy", "foreign", "former",
	"chief", "head", "director", "ceo", "journalist", "reporter",
	"presidential",
	/* de */
	"präsident*", "kanzler*", "bundeskanzler*", "ministerpräsident*",
	"minister*", "herr*", "frau", "papst", "könig*", "sprecher*",
	"außenminister*", "regierungschef*", "us-präsident*",
	/* fr it es */
	"président*", "ministre", "monsieur", "madame", "m", "mme",
	"presidente", "ministro", "primo", "cancelliere", "signor", "signora",
	"papa", "señor", "señora", "don", "doña", "canciller",
	/* ru uk bg */
	"президент*", "премьер*", "премьер-министр*", "министр*", "канцлер*",
	"спикер*", "пресс-секретар*", "глава", "главы", "лидер*", "депутат*",
	"посол", "посла", "генсек*", "господин*", "г-н", "губернатор*",
	"мэр*", "патриарх*", "король", "короля", "королев*", "прем'єр*",
	"міністр*", "речник*", "посл*", "голов*", "мер*", "прем'єр-міністр*",
	"премиер*", "министър*", "председател*", "говорител*", "кмет*",
	"г-жа", "госпож*", "папа", "папы",
	/* pl cs sl */
	"prezydent*", "premier*", "minister*", "kanclerz*", "rzecznik*",
	"pan", "pani", "pana", "panu", "panem", "papież*", "ambasador*",
	"szef*", "marszałek", "marszałka", "poseł", "posła", "wojewod*",
	"prezident*", "premiér*", "ministr*", "kancléř*", "mluvčí", "pán",
	"paní", "velvyslan*", "predsednik*", "predsednic*", "premier*",
	"minister*", "kancler*", "ministrica", "župan*", "veleposlanik*",
	"papež*", "gospod", "gospa",
};

static const char *const org_words[] = {
	/* en */
	"ministry", "university", "party", "news", "post", "times", "journal",
	"agency", "congress", "council", "commission", "parliament", "senate",
	"bank", "company", "corporation", "corp", "inc", "ltd", "group",
	"court", "committee", "institute", "organisation", "organization",
	"association", "union", "fund", "service", "army", "police",
	"government", "department", "office", "foundation", "airlines",
	"airways", "network", "tribune", "herald", "guardian",
	"telegraph", "daily", "club", "league", "alliance", "federation",
	"assembly", "board", "authority", "church", "school", "college",
	"academy", "centre", "center", "forum", "movement", "front", "media",
	"tv", "radio", "gazette", "press", "magazine",
	/* de fr it es */
	"ministerium*", "universität", "partei", "gericht*", "kongress*",
	"parlament*", "bundestag*", "regierung*", "rat", "rates",
	"kommission", "zeitung", "stiftung", "verband*", "gmbh", "ag",
	"ministère", "université", "parti", "congrès", "conseil",
	"assemblée", "agence", "ministero", "università", "partito",
	"congresso", "consiglio", "agenzia", "ministerio", "universidad",
	"partido", "congreso", "consejo", "agencia", "commissione",
	"comisión", "unione", "unión", "gouvernement", "governo", "gobierno",
	"parlamento", "parlement", "banca", "banque", "banco", "tribunale",
	"corte", "cour", "camera", "senato", "sénat", "senado", "comité",
	"comitato", "fondazione", "fondation", "fundación", "associazione",
	"asociación", "fédération", "federazione", "federación",
	/* ru uk bg */
	"министерств*", "міністерств*", "министерство*", "университет*",
	"університет*", "партия", "партии", "партию", "партией", "партія",
	"партії", "партию", "партията", "конгресс*", "конгрес*", "совет*",
	"рада", "ради", "раду", "радою", "парламент*", "сенат*", "банк*",
	"агентств*", "агенці*", "агенция*", "комисси*", "комісі*", "комисия*",
	"суд", "суда", "суде", "судом", "съд*", "комитет*", "комітет*",
	"институт*", "інститут*", "организаци*", "організаці*", "фонд*",
	"служб*", "арми*", "армі*", "полици*", "поліці*", "правительств*",
	"уряд*", "правителств*", "дума", "думы", "думе", "думу", "дум",
	"корпораци*", "компани*", "ассоциаци*", "асоціаці*", "союз*",
	"альянс*", "фронт*", "движени*", "рух*",
	/* pl cs sl */
	"ministerstw*", "uniwersytet*", "partia", "partii", "partię",
	"partią", "kongres*", "rada", "rady", "radzie", "radę", "sejm*",
	"senat*", "bank*", "agencj*", "komisj*", "sąd", "sądu", "sądzie",
	"komitet*", "instytut*", "organizacj*", "fundusz*", "fundacj*",
	"służb*", "armi*", "policj*", "rząd", "rządu", "rządzie", "unia",
	"unii", "unię", "stowarzyszeni*", "ministerstv*", "univerzit*",
	"strana", "strany", "straně", "stranu", "stranou", "sněmovn*",
	"senát*", "banka", "banky", "agentur*", "komis*", "soud", "soudu",
	"výbor*", "institut*", "organizac*", "fond*", "policie", "vláda",
	"vlády", "vládě", "vládu", "unie", "ministrstv*", "univerz*",
	"stranka", "stranke", "stranki", "zbor", "zbora", "zboru", "svet",
	"sveta", "sodišč*", "agencij*", "komisij*", "policij*", "vlada",
	"форум", "форума", "forum", "fóra", "съвет", "съвета", "комисия",
	"комисията", "совета",
	"vlade", "vladi", "unija", "unije", "uniji", "zbornic*", "družb*",
};

/* Lower-case head nouns that end an organisation name whose first word is
 * capitalised: "Evropská unie", "Государственная дума". */
static const char *const org_heads[] = {
	"unie", "unii", "union", "unija", "unije", "uniji", "unia", "союз",
	"союза", "союзе", "союзу", "союзом", "съюз", "съюза", "дума", "думы",
	"думе", "думу", "рада", "ради", "раду", "комиссия", "комиссии",
	"комісія", "комісії", "komisja", "komisji", "komise", "komisija",
	"komisije", "партия", "партии", "партія", "партії", "strana",
	"strany", "stranka", "stranke", "parlament", "parlamentu",
	"парламент", "парламента", "zbornica", "zbornice", "sněmovna",
	"sněmovny", "banka", "банк", "банка", "fond", "фонд", "фонда",
};

/* Lower-case head nouns that end a place name: "Spojené státy",
 * "Обединеното кралство", "Балтийско море". */
static const char *const loc_heads[] = {
	"кралство", "кралства", "королевство", "королевства", "королевстве",
	"королівство", "королівства", "království", "kraljestvo",
	"kraljestva", "kraljestvu", "królestwo", "królestwa", "królestwie",
	"море", "моря", "морем", "морі", "moře", "moři", "morze", "morza",
	"morzu", "morje", "morja", "morju", "океан", "океана", "oceán",
	"ocean", "oceanu", "státy", "států", "státech", "штаты", "штатов",
	"штатах", "штати", "штатів", "щати", "republika", "republiky",
	"republice", "republiku", "republiko", "республика", "республики",
	"республіка", "республіки", "република", "федерация", "федерации",
	"федерація", "федерації", "federace", "federacja", "federacji",
	"острова", "островов", "острів", "ostrov", "ostrovy", "wyspy",
	"залив", "затока", "zatoka", "záliv", "полуостров", "півострів",
	"półwysep", "poloostrov", "канал", "kanał", "kanál", "гора", "горы",
	"поток", "потока", "tok", "toka", "potok", "нефтопровод",
};

static const char *const connectors[] = {
	"de", "van", "von", "der", "den", "la", "le", "du", "da", "di", "del",
	"della", "dos", "das", "bin", "ibn", "al", "el", "ben", "of", "für",
	"zu", "ter", "y", "bint", "abu", "st",
};

static const char *const said_verbs[] = {
	"said", "says", "told", "added", "stated", "announced", "wrote",
	"sagte", "erklärte", "betonte", "a", "dit", "ha", "detto", "dijo",
	"сказал*", "заявил*", "отметил*", "сообщил*", "подчеркнул*",
	"сказав*", "заявив*", "зазначив*", "повідомив*", "наголосив*",
	"каза", "заяви", "заявил*", "посочи", "powiedział*", "stwierdził*",
	"oświadczył*", "zaznaczył*", "dodał*", "napisał*", "řekl*",
	"uvedl*", "prohlásil*", "dodal*", "napsal*", "dejal*", "povedal*",
	"izjavil*", "poudaril*", "je",
};

static const char *const loc_preps[] = {
	"in", "im", "nach", "aus", "from", "to", "à", "en", "nel", "nella",
	"в", "во", "у", "з", "із", "из", "на", "из-за", "w", "we", "z", "ze",
	"v", "ve", "iz", "na", "do", "od", "ot", "от", "до", "през", "към",
	"near", "across", "bei", "près",
};

static const char *const not_names[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december", "monday",
	"tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"januar", "februar", "märz", "juni", "juli", "oktober", "dezember",
	"montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag",
	"sonntag", "the", "a", "an", "this", "that", "these", "those", "he",
	"she", "it", "we", "they", "i", "you", "his", "her", "its", "their",
	"our", "my", "but", "and", "or", "if", "when", "while", "after",
	"before", "as", "at", "on", "for", "with", "by", "from", "so", "yet",
	"also", "however", "meanwhile", "there", "here", "what", "who",
	"how", "why", "where", "mr.", "according", "in", "of", "to", "not",
	"no", "yes", "one", "two", "all", "some", "many", "most", "more",
	"last", "next", "new", "us-", "der", "die", "das", "ein", "eine",
	"es", "er", "sie", "wir", "le", "la", "les", "il", "lo", "el", "los",
	"las", "un", "una", "une", "link", "photo", "foto", "video", "read",
	"updated", "published", "source", "zdroj", "источник", "фото",
	"utc", "gmt", "cet", "cest", "msk", "ah", "oh",
};

static const char *const demonyms[] = {
	"russian", "american", "british", "german", "french", "ukrainian",
	"chinese", "polish", "czech", "italian", "spanish", "european",
	"western", "eastern", "soviet", "israeli", "iranian", "turkish",
	"japanese", "indian", "korean", "north", "south", "syrian", "belarusian",
	"bulgarian", "slovenian", "slovak", "hungarian", "austrian", "swiss",
	"dutch", "belgian", "swedish", "finnish", "norwegian", "danish",
	"irish", "scottish", "english", "canadian", "australian", "brazilian",
	"mexican", "saudi", "arab", "palestinian", "georgian", "armenian",
	"serbian", "croatian", "greek", "romanian", "republican", "democratic",
	"democrat", "conservative", "labour", "liberal", "kremlin's",
};

/* ---- names ---------------------------------------------------------------
 * "T|Display|variant|...": T is P (person), O (organisation), L (place),
 * E (event: only the few that news keeps naming).
 * The display name is a variant too. A person's variants give the surname
 * (the last word) and the given name (the first). */
static const char *const names[] = {
	/* people */
	"P|Vladimir Putin|Wladimir Putin|Władimir Putin|Владимир Путин|Володимир Путін|Vladimír Putin",
	"P|Donald Trump|Дональд Трамп|Доналд Тръмп",
	"P|Joe Biden|Джо Байден|Джо Байдън",
	"P|Dmitry Peskov|Dmitri Peskow|Dmitrij Pieskow|Дмитрий Песков|Дмитро Пєсков",
	"P|Sergey Lavrov|Sergei Lawrow|Siergiej Ławrow|Сергей Лавров|Сергій Лавров",
	"P|Volodymyr Zelensky|Wolodymyr Selenskyj|Wołodymyr Zełenski|Володимир Зеленський|Владимир Зеленский|Volodymyr Zelenskyj",
	"P|Angela Merkel|Ангела Меркель|Ангела Меркел",
	"P|Emmanuel Macron|Эммануэль Макрон|Еммануель Макрон",
	"P|Olaf Scholz|Олаф Шольц|Olaf Scholz",
	"P|Boris Johnson|Борис Джонсон",
	"P|Theresa May|Тереза Мэй|Тереза Мей|Tereza Mayová",
	"P|Hillary Clinton|Хиллари Клинтон|Гілларі Клінтон",
	"P|Barack Obama|Барак Обама",
	"P|Xi Jinping|Си Цзиньпин|Сі Цзіньпін",
	"P|Recep Tayyip Erdogan|Реджеп Эрдоган|Реджеп Ердоган",
	"P|Alexander Lukashenko|Александр Лукашенко|Олександр Лукашенко|Aleksandr Łukaszenka",
	"P|Petro Poroshenko|Петро Порошенко|Петр Порошенко",
	"P|Dmitry Medvedev|Дмитрий Медведев|Дмитро Медведєв",
	"P|Sergei Shoigu|Сергей Шойгу",
	"P|Ursula von der Leyen|Урсула фон дер Ляйен",
	"P|Jens Stoltenberg|Йенс Столтенберг",
	"P|Robert Mueller|Роберт Мюллер",
	"P|Bob Woodward|Боб Вудворд",
	"P|Andrzej Duda|Анджей Дуда",
	"P|Mateusz Morawiecki|Матеуш Моравецкий",
	"P|Jarosław Kaczyński|Ярослав Качиньский",
	"P|Viktor Orbán|Виктор Орбан",
	"P|Kamala Harris|Камала Харрис",
	"P|Pope Francis|Papież Franciszek|Папа Франциск",
	"P|Alexei Navalny|Алексей Навальный|Aleksiej Nawalny",
	"P|Nigel Farage|Найджел Фарадж",
	"P|Keir Starmer|Кир Стармер",
	"P|Rishi Sunak|Риши Сунак",
	"P|Elon Musk|Илон Маск",
	/* organisations */
	"O|Kremlin|Кремль|Кремъл|Kreml",
	"O|NATO|НАТО|NATO",
	"O|European Union|EU|ЕС|ЄС|UE|Европейский союз|Європейський союз|Европейски съюз|Unia Europejska|Evropská unie|Evropska unija|Europäische Union",
	"O|United Nations|UN|ООН|OSN|ONZ|OZN|ONU|Организация Объединённых Наций",
	"O|Reuters|Рейтер|Рейтерс|Reutersa",
	"O|Associated Press",
	"O|TASS|ТАСС|ТАСС",
	"O|BRICS|БРИКС",
	"O|NBC", "O|CNN", "O|BBC|Би-би-си", "O|Fox News", "O|Bloomberg|Блумберг",
	"O|The Washington Post|Washington Post", "O|The New York Times|New York Times",
	"O|RIA Novosti|РИА Новости", "O|Interfax|Интерфакс|Інтерфакс",
	"O|Gazprom|Газпром", "O|Naftogaz|Нафтогаз", "O|Ryanair",
	"O|WHO|ВОЗ|WHO|МОЗ|СЗО", "O|OSCE|ОБСЕ|ОБСЄ|OBWE", "O|IMF|МВФ",
	"O|Pentagon|Пентагон", "O|White House|Белый дом|Білий дім|Бялата къща|Biały Dom|Bílý dům|Bela hiša|Weißes Haus",
	"O|US Congress|Congress|Kongress|Конгресс|Конгрес|Kongres",
	"O|State Duma|Госдума|Государственная дума",
	"O|Verkhovna Rada|Верховная рада|Верховна Рада",
	"O|Bundestag|Бундестаг",
	"O|Sejm|Сейм",
	"O|European Commission|Еврокомиссия|Єврокомісія",
	"O|Twitter|Твиттер|Твітер", "O|Facebook|Фейсбук",
	/* events */
	"E|Brexit|Брекзит|Брексит|Брексіт|Брекзитът",
	"E|COVID-19|Covid-19|COVID|Covid|SARS-CoV-2|Ковид-19|Ковід-19",
	"E|World War II|Second World War|Вторая мировая война|Друга світова війна",
	/* places: countries */
	"L|Russia|Россия|Росія|Русия|Rosja|Rusko|Rusija|Russland|Russie|Russland|Rossija|RF|РФ|Russian Federation|Российская Федерация",
	"L|Ukraine|Украина|Україна|Украйна|Ukraina|Ukrajina|Ucraina|Ucrania",
	"L|United States|USA|US|U.S.|Spojené státy|Съединените щати|Соединённые Штаты|США|САЩ|ЗША|Stany Zjednoczone|Spojené státy|ZDA|Vereinigte Staaten|Amerika|America|Америка",
	"L|United Kingdom|UK|Great Britain|Обединеното кралство|Spojené království|Združeno kraljestvo|Zjednoczone Królestwo|Соединённое Королевство|Britain|Великобритания|Великобританія|Wielka Brytania|Velká Británie|Velika Britanija|Großbritannien|Британия|Британія|Brytania|Británie|Britanija",
	"L|Germany|Германия|Німеччина|Германия|Niemcy|Německo|Nemčija|Deutschland|Allemagne|Germania|Alemania|ФРГ",
	"L|France|Франция|Франція|Франция|Francja|Francie|Francija|Frankreich|Francia",
	"L|Poland|Польша|Польща|Полша|Polska|Polsko|Poljska|Polen|Pologne|Polonia",
	"L|Czech Republic|Czechia|Чехия|Чехія|Czechy|Česko|Česká republika|Češka|Tschechien",
	"L|Slovakia|Словакия|Словаччина|Słowacja|Slovensko|Slovaška",
	"L|Slovenia|Словения|Словенія|Słowenia|Slovinsko|Slovenija",
	"L|Bulgaria|Болгария|Болгарія|България|Bułgaria|Bulharsko|Bolgarija",
	"L|Belarus|Беларусь|Білорусь|Беларус|Białoruś|Bělorusko|Belorusija|Weißrussland",
	"L|China|Китай|Китай|Chiny|Čína|Kitajska|Chine|Cina",
	"L|Japan|Япония|Японія|Японія|Japonia|Japonsko|Japonska",
	"L|Italy|Италия|Італія|Włochy|Itálie|Italija|Italien|Italie|Italia",
	"L|Spain|Испания|Іспанія|Hiszpania|Španělsko|Španija|Spanien|Espagne|Spagna|España",
	"L|Turkey|Турция|Туреччина|Турция|Turcja|Turecko|Turčija|Türkei|Turquie|Turchia|Turquía",
	"L|Iran|Иран|Іран", "L|Iraq|Ирак|Ірак|Irak", "L|Syria|Сирия|Сирія|Syrie|Sýrie|Sirija",
	"L|Israel|Израиль|Ізраїль|Израел|Izrael", "L|India|Индия|Індія|Indie|Indija|Indien|Inde",
	"L|Pakistan|Пакистан", "L|Afghanistan|Афганистан|Афганістан|Afganistan|Afghánistán",
	"L|Georgia|Грузия|Грузія|Gruzja|Gruzie|Gruzija", "L|Armenia|Армения|Вірменія|Armenie|Arménie",
	"L|Azerbaijan|Азербайджан|Azerbejdżan|Ázerbájdžán",
	"L|Kazakhstan|Казахстан|Kazachstan", "L|Moldova|Молдова|Молдавия|Mołdawia",
	"L|Romania|Румыния|Румунія|Rumunia|Rumunsko|Romunija|Rumänien",
	"L|Hungary|Венгрия|Угорщина|Унгария|Węgry|Maďarsko|Madžarska|Ungarn|Hongrie",
	"L|Austria|Австрия|Австрія|Rakousko|Avstrija|Österreich|Autriche",
	"L|Switzerland|Швейцария|Швейцарія|Szwajcaria|Švýcarsko|Švica|Schweiz|Suisse",
	"L|Netherlands|Нидерланды|Нідерланди|Holandia|Nizozemsko|Nizozemska|Niederlande",
	"L|Belgium|Бельгия|Бельгія|Belgia|Belgie|Belgija|Belgien|Belgique",
	"L|Sweden|Швеция|Швеція|Szwecja|Švédsko|Švedska|Schweden|Suède",
	"L|Finland|Финляндия|Фінляндія|Finlandia|Finsko|Finska|Finnland",
	"L|Norway|Норвегия|Норвегія|Norwegia|Norsko|Norveška|Norwegen",
	"L|Denmark|Дания|Данія|Dania|Dánsko|Danska|Dänemark",
	"L|Ireland|Ирландия|Ірландія|Irlandia|Irsko|Irska|Irland|Irlande",
	"L|Greece|Греция|Греція|Grecja|Řecko|Grčija|Griechenland|Grèce",
	"L|Serbia|Сербия|Сербія|Сърбия|Srbsko|Srbija|Serbien",
	"L|Croatia|Хорватия|Хорватія|Chorwacja|Chorvatsko|Hrvaška|Kroatien",
	"L|Lithuania|Литва|Litwa|Litva", "L|Latvia|Латвия|Латвія|Łotwa|Lotyšsko|Latvija",
	"L|Estonia|Эстония|Естонія|Estonsko|Estonija",
	"L|Canada|Канада|Kanada", "L|Mexico|Мексика|Meksyk|Mexiko",
	"L|Brazil|Бразилия|Бразилія|Brazylia|Brazílie|Brazilija|Brasilien",
	"L|Australia|Австралия|Австралія|Austrálie|Avstralija",
	"L|Egypt|Египет|Єгипет|Egipt", "L|Saudi Arabia|Саудовская Аравия|Arabia Saudyjska",
	"L|North Korea|Северная Корея|КНДР|Korea Północna", "L|South Korea|Южная Корея|Korea Południowa",
	"L|Crimea|Крым|Крим|Krym|Krim|Krim", "L|Donbas|Донбасс|Донбас|Donbass",
	"L|Europe|Европа|Європа|Europa|Evropa", "L|Asia|Азия|Азія|Azja|Asie|Azija",
	"L|Africa|Африка|Afryka|Afrika", "L|Pakistan|Пакистан",
	"L|Vatican|Ватикан|Watykan|Vatikán|Vatikan",
	/* places: cities */
	"L|Moscow|Москва|Moskwa|Moskva|Moskau|Moscou|Mosca|Moscú",
	"L|Kyiv|Kiev|Киев|Київ|Киев|Kijów|Kyjev|Kijev|Kiew",
	"L|Kazan|Kasan|Казань|Казан",
	"L|Saint Petersburg|St. Petersburg|Санкт-Петербург|Петербург|Petersburg|Petrohrad",
	"L|London|Лондон|Londyn|Londýn|Londres|Londra",
	"L|Washington|Вашингтон|Waszyngton|Vašington",
	"L|Paris|Париж|Paryż|Paříž|Pariz|Parigi",
	"L|Berlin|Берлин|Берлін|Berlín",
	"L|Warsaw|Варшава|Warszawa|Varšava|Warschau|Varsovie",
	"L|Prague|Прага|Praga|Praha|Prag",
	"L|Brussels|Брюссель|Брюссел|Брюксел|Bruksela|Brusel|Bruselj|Brüssel|Bruxelles",
	"L|Vienna|Вена|Відень|Wiedeń|Vídeň|Dunaj|Wien|Vienne",
	"L|Sofia|София|Софія|Sofija",
	"L|Ljubljana|Любляна|Lublana|Lublaň",
	"L|Minsk|Минск|Мінськ|Mińsk",
	"L|Beijing|Пекин|Пекін|Pekin|Peking",
	"L|Rome|Рим|Rzym|Řím|Rim|Rom|Roma",
	"L|Madrid|Мадрид",
	"L|Helsinki|Хельсинки|Гельсінкі|Helsinky",
	"L|Geneva|Женева|Genewa|Ženeva|Genf|Genève",
	"L|Istanbul|Стамбул|Стамбул|Istambuł|Istanbul",
	"L|Ankara|Анкара", "L|Tehran|Тегеран|Teheran",
	"L|Jerusalem|Иерусалим|Єрусалим|Jerozolima|Jeruzalém|Jeruzalem",
	"L|Damascus|Дамаск|Damaszek", "L|Baghdad|Багдад|Bagdad",
	"L|Tokyo|Токио|Токіо|Tokio", "L|New York|Нью-Йорк|Nowy Jork",
	"L|Kharkiv|Харьков|Харків|Charków|Charkov",
	"L|Odesa|Odessa|Одесса|Одеса", "L|Lviv|Львов|Львів|Lwów|Lvov",
	"L|Mariupol|Мариуполь|Маріуполь",
	"L|Donetsk|Донецк|Донецьк", "L|Luhansk|Луганск|Луганськ",
	"L|Sevastopol|Севастополь",
	"L|Da Nang|Дананг", "L|Edinburgh|Эдинбург|Edynburg",
	"L|Dublin|Дублин|Дублін",
};

/* Common given names: a capitalised word among them starts a person. */
static const char *const given_names[] = {
	"Vladimir", "Donald", "Joe", "Joseph", "Dmitry", "Dmitri", "Sergey",
	"Sergei", "Alexander", "Aleksandr", "Alexei", "Alexey", "Andrei",
	"Andrey", "Mikhail", "Nikolai", "Ivan", "Igor", "Oleg", "Yuri",
	"Viktor", "Boris", "Pavel", "Petr", "Pyotr", "Anatoly", "Yevgeny",
	"Evgeny", "Maria", "Anna", "Olga", "Elena", "Irina", "Natalia",
	"Tatiana", "Yulia", "Svetlana", "Ekaterina", "Volodymyr", "Petro",
	"Oleksandr", "Oleksiy", "Mykola", "Taras", "Vitali", "Vitaly", "Yulia",
	"Andrzej", "Jarosław", "Mateusz", "Donald", "Jan", "Piotr", "Paweł",
	"Tomasz", "Krzysztof", "Marek", "Michał", "Agnieszka", "Beata",
	"Ewa", "Jakub", "Tomáš", "Jiří", "Miloš", "Andrej", "Martin",
	"Václav", "Janez", "Marjan", "Borut", "Robert", "Boyko", "Rumen",
	"Georgi", "Angela", "Olaf", "Ursula", "Emmanuel", "Theresa", "Tony",
	"Gordon", "David", "Keir", "Rishi", "Nigel", "Jeremy", "Michael",
	"John", "James", "William", "George", "Mark", "Hillary", "Barack",
	"Bill", "Bob", "Kamala", "Mike", "Nancy", "Elon", "Jean", "Pierre",
	"François", "Nicolas", "Marine", "Giuseppe", "Giorgia", "Mario",
	"Matteo", "Pedro", "Jens", "Charles", "Elizabeth", "Jacinda",
	"Recep", "Benjamin", "Xi", "Kim", "Peter", "Paul", "Thomas", "Richard",
	"Steve", "Stephen", "Chris", "Christopher", "Daniel", "Henry",
	"Gerard", "Chuka", "Jacob", "Liz", "Philip", "Sadiq", "Dominic",
	"Jeremy", "Michel", "Antonio", "Josep", "Carles", "Frank-Walter",
	"Heiko", "Annalena", "Friedrich", "Christian", "Viktor", "Lech",
	"Aleksander", "Bronisław", "Zbigniew", "Radek", "Radosław", "Adam",
	"Katarzyna", "Małgorzata", "Stanisław", "Wojciech", "Grzegorz",
	"Владимир", "Дмитрий", "Сергей", "Александр", "Алексей", "Андрей",
	"Михаил", "Николай", "Иван", "Игорь", "Олег", "Юрий", "Виктор",
	"Борис", "Павел", "Петр", "Евгений", "Мария", "Анна", "Ольга",
	"Елена", "Ирина", "Наталья", "Татьяна", "Юлия", "Светлана",
	"Володимир", "Петро", "Олександр", "Олексій", "Микола", "Тарас",
	"Віталій", "Дональд", "Джо", "Тереза", "Ангела", "Борис", "Бойко",
	"Румен", "Георги", "Эммануэль", "Еммануель", "Дмитро", "Сергій",
	"Андрій", "Юлія", "Наталія", "Анджей", "Ярослав", "Матеуш",
	"Джон", "Джеймс", "Майкл", "Дэвид", "Девід", "Найджел", "Хиллари",
	"Барак", "Олаф", "Урсула", "Кир", "Йенс",
};

/* ---- the lookup structures --------------------------------------------- */
#define LX_MAX_KEY 96

struct ngi_lexicon {
	ngi_map exact;    /* hash(folded word) -> flags */
	ngi_map prefix;   /* hash(folded prefix) -> flags */
	ngi_map by_name;  /* hash(key) -> index into known + 1 */
	ngi_map by_surname;
	ngi_map given;    /* hash(given-name key) -> 1 */
	ngi_map lang_words; /* hash(folded word, language seed) -> flags */
	ngi_map event_starts; /* hash(first three letters of an event's
				 spelling) -> 1 */
	ngi_map given_starts; /* hash(first three letters of a given
				 name) -> 1 */
	ngi_map spelled;  /* hash(known index, first letters of one of its
			     spellings, 2 and 3 of them) -> 1 */
	ngi_known_name *known;
	size_t n_known;
	char *strings;    /* keys and display names of known */
	size_t strings_len, strings_cap;
};

static ng_status add_words(ngi_lexicon *lx, const char *const *w, size_t n,
			   unsigned flag)
{
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(w[i]);
		ngi_map *m = &lx->exact;
		if (len > 1 && w[i][len - 1] == '*') {
			m = &lx->prefix;
			len--;
		}
		uint64_t *v = ngi_map_upsert(m, ngi_hash(w[i], len, 0), 0);
		if (!v)
			return NG_ERR_NOMEM;
		*v |= flag;
	}
	return NG_OK;
}

/* The seed of a two-letter language code (0 for anything else). */
static uint64_t lang_seed(const char *lang, size_t n)
{
	if (n != 2)
		return 0;
	return ((uint64_t)(unsigned char)lang[0] << 8 | (unsigned char)lang[1]) + 1;
}

/* The flags of a line of entity_org_words.tsv. */
static unsigned org_flags(const char *s, size_t n)
{
	unsigned f = 0;
	for (size_t i = 0; i < n; i++)
		f |= s[i] == 'w'   ? NGI_LX_ORGWORD
		     : s[i] == 'h' ? NGI_LX_ORGHEAD | NGI_LX_ORGWORD
		     : s[i] == 'c' ? NGI_LX_ORGCUE
		     : s[i] == 'l' ? NGI_LX_LOCHEAD
				   : 0;
	return f;
}

/* data/lexicons/entity_org_words.tsv and entity_common_acronyms.tsv
 * (every language), entity_function_words.tsv (its own language). */
static ng_status add_data_words(ngi_lexicon *lx)
{
	static const char *const files[] = {"lexicons/entity_org_words.tsv",
					    "lexicons/entity_function_words.tsv",
					    "lexicons/entity_common_acronyms.tsv"};
	for (size_t f = 0; f < NGI_ARRAY_LEN(files); f++) {
		const ngi_data_file *df = ngi_data_find(files[f]);
		if (!df)
			return NG_ERR_INTERNAL;
		size_t pos = 0;
		ngi_data_line l;
		memset(&l, 0, sizeof l);
		while (ngi_data_next_line(df, &pos, &l)) {
			if (l.n_fields < 2 || l.field_len[1] == 0)
				continue;
			const char *w = l.field[1];
			size_t len = l.field_len[1];
			ngi_map *m;
			uint64_t h;
			unsigned flags;
			if (f == 2) {
				/* every language's: a function word anywhere */
				flags = NGI_LX_FUNCWORD;
				m = &lx->exact;
				h = ngi_hash(w, len, 0);
			} else if (f == 0) {
				flags = l.n_fields > 2
						? org_flags(l.field[2], l.field_len[2])
						: 0;
				m = &lx->exact;
				if (len > 1 && w[len - 1] == '*') {
					m = &lx->prefix;
					len--;
				}
				h = ngi_hash(w, len, 0);
			} else {
				uint64_t seed = lang_seed(l.field[0], l.field_len[0]);
				if (!seed)
					continue;
				flags = NGI_LX_FUNCWORD;
				m = &lx->lang_words;
				h = ngi_hash(w, len, seed);
			}
			if (!flags)
				continue;
			uint64_t *v = ngi_map_upsert(m, h, 0);
			if (!v)
				return NG_ERR_NOMEM;
			*v |= flags;
		}
	}
	return NG_OK;
}

unsigned ngi_lexicon_lang_word(const ngi_lexicon *lx, const char *lang,
			       const char *norm, size_t len)
{
	uint64_t seed = lang ? lang_seed(lang, strlen(lang)) : 0;
	if (!seed || !lx->lang_words.count)
		return 0;
	const uint64_t *v = ngi_map_get(&lx->lang_words, ngi_hash(norm, len, seed));
	return v ? (unsigned)*v : 0;
}

unsigned ngi_lexicon_word(const ngi_lexicon *lx, const char *norm, size_t len)
{
	unsigned flags = 0, longest = 0;
	const uint64_t *v;
	if (lx->prefix.count)
		for (size_t p = 2; p < len; p++) {
			if (((unsigned char)norm[p] & 0xC0) == 0x80)
				continue; /* inside a code point */
			v = ngi_map_get(&lx->prefix, ngi_hash(norm, p, 0));
			if (v) {
				flags |= (unsigned)*v;
				longest = (unsigned)*v;
			}
		}
	/* a prefix entry matches the bare word too */
	v = ngi_map_get(&lx->prefix, ngi_hash(norm, len, 0));
	if (v) {
		flags |= (unsigned)*v;
		longest = (unsigned)*v;
	}
	v = ngi_map_get(&lx->exact, ngi_hash(norm, len, 0));
	if (v) {
		flags |= (unsigned)*v;
		longest = (unsigned)*v;
	}
	/* a title and an organisation word at once: the longer entry says
	 * which ("ministerstwo" is no "minister*") */
	if ((flags & NGI_LX_TITLE) && (flags & NGI_LX_ORGWORD) &&
	    (longest & (NGI_LX_TITLE | NGI_LX_ORGWORD)) != (NGI_LX_TITLE | NGI_LX_ORGWORD))
		flags &= ~((longest & NGI_LX_TITLE) ? NGI_LX_ORGWORD : NGI_LX_TITLE);
	return flags;
}

/* Copies s into the string pool; returns its offset, or (size_t)-1. */
static size_t pool_add(ngi_lexicon *lx, const char *s, size_t n)
{
	if (lx->strings_len + n + 1 > lx->strings_cap) {
		size_t cap = lx->strings_cap ? lx->strings_cap * 2 : 16384;
		while (cap < lx->strings_len + n + 1)
			cap *= 2;
		char *p = realloc(lx->strings, cap);
		if (!p)
			return (size_t)-1;
		lx->strings = p;
		lx->strings_cap = cap;
	}
	size_t at = lx->strings_len;
	memcpy(lx->strings + at, s, n);
	lx->strings[at + n] = 0;
	lx->strings_len += n + 1;
	return at;
}

/* Key of one word of a curated name. */
static size_t word_key(ngi_translit *t, const char *w, size_t n, int slavic,
		       char *out, size_t cap)
{
	char tl[LX_MAX_KEY * 2];
	size_t tn = ngi_translit_word(t, w, n, tl, sizeof tl);
	return ngi_entity_word_key(tl, tn, slavic, out, cap);
}

/* Key of a name: word keys joined (see entities.h); surname and given name
 * keys through the out pointers when not NULL. */
static void name_key(ngi_translit *t, const char *s, size_t n, int slavic,
		     char *key, char *first, char *last)
{
	size_t kl = 0;
	key[0] = 0;
	if (first)
		first[0] = 0;
	if (last)
		last[0] = 0;
	size_t i = 0;
	int words = 0;
	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == '-' || s[i] == '.'))
			i++;
		size_t b = i;
		while (i < n && s[i] != ' ' && s[i] != '-' && s[i] != '.')
			i++;
		if (i == b)
			break;
		char wk[LX_MAX_KEY];
		size_t wl = ngi_entity_is_acronym(s + b, i - b)
				    ? ngi_translit_word(t, s + b, i - b, wk,
							sizeof wk)
				    : word_key(t, s + b, i - b, slavic, wk,
					       sizeof wk);
		if (!wl)
			continue;
		if (kl + wl < LX_MAX_KEY) {
			memcpy(key + kl, wk, wl + 1);
			kl += wl;
		}
		if (first && words == 0)
			memcpy(first, wk, wl + 1);
		if (last)
			memcpy(last, wk, wl + 1);
		words++;
	}
	if (words < 2 && first)
		first[0] = 0;
}

static ng_status put_name(ngi_map *m, const char *key, size_t index)
{
	if (!key[0])
		return NG_OK;
	uint64_t h = ngi_hash(key, strlen(key), 0);
	if (ngi_map_get(m, h))
		return NG_OK; /* the first entry keeps a key */
	return ngi_map_put(m, h, index + 1);
}

static size_t place_letters(const char *s, size_t n, char *out, size_t cap);

/* The letters (place_letters) of s folded (the fold in a): *len of them. */
static ng_status fold_letters(ngi_arena *a, const char *s, size_t n,
			      char *out, size_t cap, size_t *len)
{
	size_t fl;
	char *f = ngi_text_fold(s, n, a, &fl);
	if (!f)
		return NG_ERR_NOMEM;
	*len = place_letters(f, fl, out, cap);
	return NG_OK;
}

static uint64_t spelled_hash(size_t idx, const char *s, size_t n)
{
	return ngi_hash(s, n, (uint64_t)idx + 1);
}

/* Records the first two and three letters of a spelling of known entry
 * idx (see ngi_lexicon_spelled_like). */
static ng_status add_spelling(ngi_lexicon *lx, ngi_arena *a, size_t idx,
			      const char *p, size_t n)
{
	char letters[LX_MAX_KEY * 2];
	size_t ln;
	if (fold_letters(a, p, n, letters, sizeof letters, &ln))
		return NG_ERR_NOMEM;
	for (size_t want = 2; want <= 3; want++) {
		size_t got, b = ngi_utf8_prefix(letters, ln, want, &got);
		if (got && !ngi_map_upsert(&lx->spelled,
					   spelled_hash(idx, letters, b), 1))
			return NG_ERR_NOMEM;
	}
	return NG_OK;
}

/* Records in starts the first three letters (folded) of the name at p,
 * when it has at least min_letters: a given name's (1, see
 * ngi_lexicon_given_spelled) or an event's spelling (3, see
 * ngi_lexicon_event_start). */
static ng_status add_start(ngi_map *starts, size_t min_letters, ngi_arena *a,
			   const char *p, size_t n)
{
	char letters[LX_MAX_KEY * 2];
	size_t ln;
	if (fold_letters(a, p, n, letters, sizeof letters, &ln))
		return NG_ERR_NOMEM;
	size_t got, b = ngi_utf8_prefix(letters, ln, 3, &got);
	if (got >= min_letters && !ngi_map_upsert(starts, ngi_hash(letters, b, 0), 1))
		return NG_ERR_NOMEM;
	return NG_OK;
}

static ng_status add_names(ngi_lexicon *lx, ngi_translit *t)
{
	lx->known = calloc(NGI_ARRAY_LEN(names), sizeof(ngi_known_name));
	if (!lx->known)
		return NG_ERR_NOMEM;
	/* offsets first, pointers once the pool stops moving */
	size_t name_off[NGI_ARRAY_LEN(names)], key_off[NGI_ARRAY_LEN(names)],
		given_off[NGI_ARRAY_LEN(names)];
	ngi_arena a; /* folded spellings, one at a time */
	ngi_arena_init(&a, 4 << 10);
	for (size_t i = 0; i < NGI_ARRAY_LEN(names); i++) {
		const char *e = names[i];
		char kind = e[0];
		ngi_known_name *k = &lx->known[lx->n_known];
		k->type = kind == 'P'   ? NGI_ENT_PER
			  : kind == 'O' ? NGI_ENT_ORG
			  : kind == 'E' ? NGI_ENT_EVT
					: NGI_ENT_LOC;
		const char *p = e + 2;
		const char *bar = strchr(p, '|');
		size_t dn = bar ? (size_t)(bar - p) : strlen(p);
		name_off[lx->n_known] = pool_add(lx, p, dn);
		given_off[lx->n_known] = (size_t)-1;
		key_off[lx->n_known] = (size_t)-1;
		if (name_off[lx->n_known] == (size_t)-1)
			return NG_ERR_NOMEM;
		size_t idx = lx->n_known++;
		while (*p) {
			bar = strchr(p, '|');
			size_t vn = bar ? (size_t)(bar - p) : strlen(p);
			ngi_arena_reset(&a);
			/* a person's surname is a spelling too ("Putina") */
			const char *sp = p + vn;
			while (k->type == NGI_ENT_PER && sp > p && sp[-1] != ' ')
				sp--;
			const char *gp = p;
			while (gp < p + vn && *gp != ' ')
				gp++;
			if ((k->type == NGI_ENT_PER && gp < p + vn &&
			     add_start(&lx->given_starts, 1, &a, p, (size_t)(gp - p))) ||
			    add_spelling(lx, &a, idx, p, vn) ||
			    (k->type == NGI_ENT_PER && sp > p &&
			     add_spelling(lx, &a, idx, sp, (size_t)(p + vn - sp))) ||
			    (k->type == NGI_ENT_EVT &&
			     add_start(&lx->event_starts, 3, &a, p, vn))) {
				ngi_arena_free(&a);
				return NG_ERR_NOMEM;
			}
			for (int slavic = 0; slavic < 2; slavic++) {
				char key[LX_MAX_KEY], first[LX_MAX_KEY],
					last[LX_MAX_KEY];
				name_key(t, p, vn, slavic, key, first, last);
				ng_status st;
				if (k->type == NGI_ENT_PER) {
					/* a person's key is the surname's */
					st = put_name(&lx->by_surname, last, idx);
					if (!st)
						st = put_name(&lx->by_name, key, idx);
					if (!st && first[0]) {
						uint64_t *g = ngi_map_upsert(
							&lx->given,
							ngi_hash(first, strlen(first), 0),
							1);
						st = g ? NG_OK : NG_ERR_NOMEM;
					}
					if (key_off[idx] == (size_t)-1 && last[0]) {
						key_off[idx] =
							pool_add(lx, last, strlen(last));
						given_off[idx] = pool_add(
							lx, first, strlen(first));
					}
				} else {
					st = put_name(&lx->by_name, key, idx);
					if (key_off[idx] == (size_t)-1 && key[0])
						key_off[idx] =
							pool_add(lx, key, strlen(key));
				}
				if (st) {
					ngi_arena_free(&a);
					return st;
				}
			}
			p += vn;
			if (*p == '|')
				p++;
		}
	}
	ngi_arena_free(&a);
	for (size_t i = 0; i < lx->n_known; i++) {
		if (name_off[i] == (size_t)-1 || key_off[i] == (size_t)-1)
			return NG_ERR_NOMEM;
		lx->known[i].name = lx->strings + name_off[i];
		lx->known[i].key = lx->strings + key_off[i];
		lx->known[i].given = given_off[i] != (size_t)-1 &&
					     lx->strings[given_off[i]]
					     ? lx->strings + given_off[i]
					     : NULL;
	}
	for (size_t i = 0; i < NGI_ARRAY_LEN(given_names); i++) {
		ngi_arena_init(&a, 1 << 10);
		ng_status st = add_start(&lx->given_starts, 1, &a, given_names[i],
					       strlen(given_names[i]));
		ngi_arena_free(&a);
		if (st)
			return st;
		for (int slavic = 0; slavic < 2; slavic++) {
			char key[LX_MAX_KEY];
			size_t n = strlen(given_names[i]);
			name_key(t, given_names[i], n, slavic, key, NULL, NULL);
			if (!key[0])
				continue;
			if (!ngi_map_upsert(&lx->given, ngi_hash(key, strlen(key), 0),
					    1))
				return NG_ERR_NOMEM;
		}
	}
	return NG_OK;
}

/* The letters of a folded name, without spaces, hyphens, dots and
 * apostrophes, so "Нью-Йорк", "New York" and "new york" each match
 * however they were tokenised. Returns the length written (< cap). */
static size_t place_letters(const char *s, size_t n, char *out, size_t cap)
{
	size_t m = 0;
	for (size_t i = 0; i < n && m + 1 < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
			continue;
		/* U+2019, the typographic apostrophe */
		if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] == 0x99) {
			i += 2;
			continue;
		}
		out[m++] = (char)c;
	}
	out[m] = 0;
	return m;
}

/* Bytes of s without its last code point. */
static size_t drop_last_char(const char *s, size_t n)
{
	while (n > 0 && ((unsigned char)s[n - 1] & 0xC0) == 0x80)
		n--;
	return n ? n - 1 : 0;
}

/* The gazetteer's places, one table for the process: built when the first
 * document is searched for entities (about 0.07 s of ICU look-ups, folding
 * and keys), read-only after, shared by every thread. Empty when ICU has
 * no place data; when memory runs out, the search (and so the engine) that
 * asked fails, and the next one tries again. */
static struct {
	ngi_map exact;  /* hash(place letters) -> index into known + 1 */
	ngi_map stems;  /* the same less the last letter, names of 5 or more */
	ngi_known_name *known; /* per place: its English name, and the key a
				  curated entry of that name would get */
	size_t n_known;
} places;
static ngi_once places_once = NGI_ONCE_INIT;

static ng_status put_place(ngi_arena *a, const char *v, size_t n, size_t idx)
{
	char letters[LX_MAX_KEY * 2];
	size_t ln;
	if (fold_letters(a, v, n, letters, sizeof letters, &ln))
		return NG_ERR_NOMEM;
	if (ngi_utf8_count(letters, ln) < 3)
		return NG_OK; /* "US"-like codes are the curated list's job */
	/* the first place to claim a spelling keeps it */
	if (!ngi_map_upsert(&places.exact, ngi_hash(letters, ln, 0), idx + 1))
		return NG_ERR_NOMEM;
	if (ngi_utf8_count(letters, ln) >= 5) {
		size_t sn = drop_last_char(letters, ln);
		if (!ngi_map_upsert(&places.stems, ngi_hash(letters, sn, 0), idx + 1))
			return NG_ERR_NOMEM;
	}
	return NG_OK;
}

/* The display name and key of place idx, in malloc'd strings. */
static ng_status name_place(ngi_translit *t, const char *entry, size_t idx)
{
	const char *p = entry + 2; /* past "L|" */
	const char *bar = strchr(p, '|');
	size_t dn = bar ? (size_t)(bar - p) : strlen(p);
	char key[LX_MAX_KEY];
	name_key(t, p, dn, 0, key, NULL, NULL);
	char *name = malloc(dn + 1), *k = strdup(key);
	if (!name || !k) {
		free(name);
		free(k);
		return NG_ERR_NOMEM;
	}
	memcpy(name, p, dn);
	name[dn] = 0;
	places.known[idx] = (ngi_known_name){.name = name, .key = k,
					     .type = NGI_ENT_LOC};
	return NG_OK;
}

static void free_places(void)
{
	ngi_map_free(&places.exact);
	ngi_map_free(&places.stems);
	for (size_t i = 0; i < places.n_known; i++) {
		free((char *)places.known[i].name);
		free((char *)places.known[i].key);
	}
	free(places.known);
	memset(&places, 0, sizeof places);
	ngi_map_init(&places.exact);
	ngi_map_init(&places.stems);
}

/* Countries and cities from gazetteer.c, each variant folded. */
static ng_status build_places(void)
{
	ngi_map_init(&places.exact);
	ngi_map_init(&places.stems);
	char **list = NULL;
	size_t n = 0;
	ngi_translit *t = NULL;
	ng_status st = ngi_gazetteer_places(&list, &n);
	/* without ICU's place data the curated names still serve */
	if (st)
		return st == NG_ERR_NOMEM ? st : NG_OK;
	places.known = calloc(n ? n : 1, sizeof *places.known);
	st = places.known ? ngi_translit_new(&t) : NG_ERR_NOMEM;
	ngi_arena a;
	ngi_arena_init(&a, 16 << 10);
	for (size_t i = 0; i < n && !st; i++) {
		st = name_place(t, list[i], i);
		if (!st)
			places.n_known = i + 1;
		const char *p = list[i] + 2;
		while (*p && !st) {
			const char *bar = strchr(p, '|');
			size_t vn = bar ? (size_t)(bar - p) : strlen(p);
			st = put_place(&a, p, vn, i);
			p += vn;
			if (*p == '|')
				p++;
		}
		ngi_arena_reset(&a);
		if (!st && i == n / 2 && ngi_fault("places"))
			st = NG_ERR_NOMEM;
	}
	ngi_arena_free(&a);
	ngi_translit_free(t);
	ngi_gazetteer_free(list, n);
	if (st) /* no places rather than some; the next lexicon tries again */
		free_places();
	return st;
}

ng_status ngi_lexicon_places_load(void)
{
	return ngi_once_run(&places_once, build_places);
}

const ngi_known_name *ngi_lexicon_place(const char *folded, size_t n,
					int slavic)
{
	if (ngi_lexicon_places_load())
		return NULL;
	char letters[LX_MAX_KEY * 2];
	size_t ln = place_letters(folded, n, letters, sizeof letters);
	if (ln == 0 || ln + 1 >= sizeof letters)
		return NULL;
	const uint64_t *v = ngi_map_get(&places.exact, ngi_hash(letters, ln, 0));
	if (v)
		return &places.known[*v - 1];
	if (!slavic)
		return NULL;
	/* an inflected form: "Москвы", "Варшаві", "Nikaragui" against the
	 * stem of "Москва", "Варшава", "Nikaragua" */
	for (int k = 1; k <= 2; k++) {
		ln = drop_last_char(letters, ln);
		if (ngi_utf8_count(letters, ln) < 4)
			return NULL;
		v = ngi_map_get(&places.stems, ngi_hash(letters, ln, 0));
		if (v)
			return &places.known[*v - 1];
	}
	return NULL;
}

void ngi_lexicon_free(ngi_lexicon *lx)
{
	if (!lx)
		return;
	ngi_map_free(&lx->exact);
	ngi_map_free(&lx->prefix);
	ngi_map_free(&lx->by_name);
	ngi_map_free(&lx->by_surname);
	ngi_map_free(&lx->given);
	ngi_map_free(&lx->lang_words);
	ngi_map_free(&lx->event_starts);
	ngi_map_free(&lx->given_starts);
	ngi_map_free(&lx->spelled);
	free(lx->known);
	free(lx->strings);
	free(lx);
}

ng_status ngi_lexicon_new(ngi_translit *t, ngi_lexicon **out)
{
	ngi_lexicon *lx = calloc(1, sizeof(*lx));
	if (!lx)
		return NG_ERR_NOMEM;
	ngi_map_init(&lx->exact);
	ngi_map_init(&lx->prefix);
	ngi_map_init(&lx->by_name);
	ngi_map_init(&lx->by_surname);
	ngi_map_init(&lx->given);
	ngi_map_init(&lx->lang_words);
	ngi_map_init(&lx->event_starts);
	ngi_map_init(&lx->given_starts);
	ngi_map_init(&lx->spelled);
	ng_status st = add_words(lx, titles, NGI_ARRAY_LEN(titles), NGI_LX_TITLE);
	if (!st)
		st = add_words(lx, org_words, NGI_ARRAY_LEN(org_words),
			       NGI_LX_ORGWORD);
	if (!st)
		st = add_words(lx, org_heads, NGI_ARRAY_LEN(org_heads),
			       NGI_LX_ORGHEAD | NGI_LX_ORGWORD);
	if (!st)
		st = add_words(lx, loc_heads, NGI_ARRAY_LEN(loc_heads),
			       NGI_LX_LOCHEAD);
	if (!st)
		st = add_words(lx, connectors, NGI_ARRAY_LEN(connectors),
			       NGI_LX_CONNECT);
	if (!st)
		st = add_words(lx, said_verbs, NGI_ARRAY_LEN(said_verbs),
			       NGI_LX_SAID);
	if (!st)
		st = add_words(lx, loc_preps, NGI_ARRAY_LEN(loc_preps),
			       NGI_LX_LOCPREP);
	if (!st)
		st = add_words(lx, not_names, NGI_ARRAY_LEN(not_names),
			       NGI_LX_NOTNAME);
	if (!st)
		st = add_words(lx, demonyms, NGI_ARRAY_LEN(demonyms),
			       NGI_LX_DEMONYM);
	if (!st)
		st = add_data_words(lx);
	if (!st)
		st = add_names(lx, t);
	if (st) {
		ngi_lexicon_free(lx);
		return st;
	}
	*out = lx;
	return NG_OK;
}

static const ngi_known_name *lookup(const ngi_lexicon *lx, const ngi_map *m,
				    const char *key)
{
	if (!key || !key[0])
		return NULL;
	const uint64_t *v = ngi_map_get(m, ngi_hash(key, strlen(key), 0));
	return v && *v ? &lx->known[*v - 1] : NULL;
}

const ngi_known_name *ngi_lexicon_name(const ngi_lexicon *lx, const char *key)
{
	return lookup(lx, &lx->by_name, key);
}

int ngi_lexicon_spelled_like(const ngi_lexicon *lx, const ngi_known_name *k,
			     const char *folded, size_t n)
{
	if (k < lx->known || k >= lx->known + lx->n_known)
		return 1; /* not a curated entry: nothing to check against */
	char letters[LX_MAX_KEY * 2];
	size_t ln = place_letters(folded, n, letters, sizeof letters);
	size_t got, b = ngi_utf8_prefix(letters, ln, 3, &got);
	return got && ngi_map_get(&lx->spelled,
				  spelled_hash((size_t)(k - lx->known), letters,
					       b)) != NULL;
}

const ngi_known_name *ngi_lexicon_surname(const ngi_lexicon *lx,
					  const char *key)
{
	return lookup(lx, &lx->by_surname, key);
}

int ngi_lexicon_event_start(const ngi_lexicon *lx, const char *folded,
			    size_t n)
{
	size_t got, b = ngi_utf8_prefix(folded, n, 3, &got);
	return got == 3 &&
	       ngi_map_get(&lx->event_starts, ngi_hash(folded, b, 0)) != NULL;
}

int ngi_lexicon_given_spelled(const ngi_lexicon *lx, const char *folded,
			      size_t n)
{
	size_t got, b = ngi_utf8_prefix(folded, n, 3, &got);
	return got && ngi_map_get(&lx->given_starts, ngi_hash(folded, b, 0)) != NULL;
}

int ngi_lexicon_given(const ngi_lexicon *lx, const char *key)
{
	return key && key[0] &&
	       ngi_map_get(&lx->given, ngi_hash(key, strlen(key), 0)) != NULL;
}
