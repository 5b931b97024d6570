/*
 * stopwords.c: small curated stopword lists, one per language we detect.
 *
 * Function words (articles, pronouns, prepositions, conjunctions, auxiliary
 * verbs, and the reporting verbs every news story is full of: "said",
 * "sagte", "заявил") carry no topic, so the sketches and the story matcher
 * skip them. The lists hold folded forms (NFKC + case fold, so German "daß"
 * is "dass") with ASCII apostrophes, as ngi_text_analyze leaves them in a
 * token's norm. Each list is sorted in byte order (tests/test_text.c checks
 * it) and searched with a binary search.
 */
#include "textint.h"

#include <string.h>

#include "../base/map.h"

static const char *const stop_bg[] = {
	"а", "аз", "ако", "ала", "бе", "беше", "би", "бил", "била", "били",
	"било", "в", "вас", "вече", "ви", "вие", "все", "всички", "във",
	"го", "да", "до", "докато", "е", "едва", "едно", "за", "зад",
	"заяви", "и", "или", "им", "има", "каза", "като", "което", "които",
	"който", "която", "към", "ли", "ме", "между", "ми", "много", "му",
	"на", "над", "не", "него", "неговата", "нейния", "нея", "ни",
	"никой", "но", "няма", "о", "обаче", "около", "от", "още", "пак",
	"по", "под", "поради", "после", "при", "с", "са", "само", "се", "си",
	"след", "сме", "според", "сте", "със", "също", "та", "так", "така",
	"там", "те", "тези", "този", "тук", "тъй", "тя", "тях", "че", "чрез",
	"ще", "я",
};

static const char *const stop_cs[] = {
	"a", "aby", "ale", "ani", "ano", "asi", "až", "bez", "bude", "budou",
	"by", "byl", "byla", "byli", "bylo", "být", "co", "další", "do",
	"ho", "i", "jak", "jako", "je", "jeho", "jej", "jejich", "její",
	"jen", "jenž", "ještě", "již", "jsem", "jsme", "jsou", "jste", "já",
	"k", "kam", "kde", "kdo", "když", "ke", "kterou", "která", "které",
	"který", "kteří", "ku", "mají", "mezi", "mi", "mně", "mu", "my",
	"má", "na", "nad", "není", "než", "nic", "nich", "nám", "nás", "ním",
	"o", "od", "on", "ona", "oni", "ono", "pak", "po", "pod", "podle",
	"pokud", "pro", "proto", "protože", "před", "při", "s", "se", "si",
	"sice", "své", "svůj", "ta", "tak", "také", "tam", "te", "tedy",
	"ten", "tento", "to", "toho", "tohoto", "tom", "tomu", "tu", "tuto",
	"ty", "tím", "u", "uvedl", "už", "v", "ve", "však", "všechno", "z",
	"za", "ze", "či", "řekl", "že",
};

static const char *const stop_de[] = {
	"aber", "alle", "allem", "allen", "aller", "alles", "als", "also",
	"am", "an", "ander", "andere", "anderen", "anderer", "anderes",
	"auch", "auf", "aus", "ausser", "bei", "beim", "bereits", "bin",
	"bis", "bisher", "bist", "da", "dabei", "damit", "dann", "darauf",
	"darin", "darum", "das", "dass", "dem", "den", "denen", "denn",
	"der", "deren", "des", "deshalb", "dessen", "die", "dies", "diese",
	"diesem", "diesen", "dieser", "dieses", "doch", "dort", "du",
	"durch", "ein", "eine", "einem", "einen", "einer", "eines", "einige",
	"einigen", "er", "es", "etwa", "euch", "euer", "eure", "für",
	"gegen", "gewesen", "hab", "habe", "haben", "hat", "hatte", "hatten",
	"hier", "hin", "hinter", "ich", "ihm", "ihn", "ihnen", "ihr", "ihre",
	"ihrem", "ihren", "ihrer", "ihres", "im", "immer", "in", "indem",
	"ins", "ist", "ja", "jede", "jedem", "jeden", "jeder", "jedes",
	"jedoch", "jene", "jetzt", "kann", "kein", "keine", "keinem",
	"keinen", "keiner", "können", "könnte", "laut", "man", "manche",
	"mehr", "mein", "meine", "mich", "mir", "mit", "muss", "müssen",
	"nach", "nicht", "nichts", "noch", "nun", "nur", "ob", "oder",
	"ohne", "sagte", "schon", "sehr", "sein", "seine", "seinem",
	"seinen", "seiner", "seit", "sich", "sie", "sind", "so", "solche",
	"soll", "sollen", "sollte", "sondern", "sowie", "um", "und", "uns",
	"unser", "unter", "viel", "vom", "von", "vor", "wann", "war",
	"waren", "warum", "was", "weder", "weil", "welche", "welchem",
	"welchen", "welcher", "wenn", "wer", "werde", "werden", "wie",
	"wieder", "will", "wir", "wird", "wo", "wurde", "wurden", "während",
	"zu", "zum", "zur", "zwar", "zwischen", "über",
};

static const char *const stop_en[] = {
	"a", "about", "above", "according", "after", "again", "against",
	"all", "also", "am", "an", "and", "any", "are", "as", "at", "be",
	"because", "been", "before", "being", "below", "between", "both",
	"but", "by", "can", "can't", "could", "did", "do", "does", "doing",
	"don't", "down", "during", "each", "even", "ever", "few", "for",
	"from", "further", "had", "has", "have", "having", "he", "he's",
	"her", "here", "hers", "herself", "him", "himself", "his", "how",
	"however", "i", "i'm", "if", "in", "into", "is", "it", "it's", "its",
	"itself", "just", "last", "least", "less", "many", "may", "me",
	"might", "more", "most", "much", "must", "my", "myself", "no", "nor",
	"not", "now", "of", "off", "on", "once", "one", "only", "or",
	"other", "our", "ours", "ourselves", "out", "over", "own", "per",
	"said", "same", "says", "shall", "she", "she's", "should", "since",
	"so", "some", "such", "than", "that", "that's", "the", "their",
	"theirs", "them", "themselves", "then", "there", "there's", "these",
	"they", "this", "those", "though", "through", "thus", "to", "too",
	"under", "until", "up", "upon", "us", "very", "via", "was", "we",
	"were", "what", "when", "where", "whether", "which", "while", "who",
	"whom", "whose", "why", "will", "with", "within", "without", "won't",
	"would", "yet", "you", "your", "yours", "yourself", "yourselves",
};

static const char *const stop_es[] = {
	"a", "además", "al", "algo", "algunas", "algunos", "ante", "antes",
	"aquel", "aquella", "aquellas", "aquellos", "aquí", "así", "aunque",
	"cada", "como", "con", "contra", "cual", "cuales", "cuando", "de",
	"del", "desde", "dijo", "donde", "dos", "durante", "e", "el", "ella",
	"ellas", "ellos", "en", "entre", "era", "erais", "eran", "eres",
	"es", "esa", "esas", "ese", "eso", "esos", "esta", "estaba", "estas",
	"este", "esto", "estos", "está", "están", "fue", "fueron", "ha",
	"había", "habían", "han", "hasta", "hay", "la", "las", "le", "les",
	"lo", "los", "me", "mi", "mis", "mismo", "mucho", "muy", "más",
	"nada", "ni", "no", "nos", "nosotros", "o", "os", "otra", "otras",
	"otro", "otros", "para", "pero", "poco", "por", "porque", "que",
	"quien", "quienes", "qué", "se", "sea", "según", "ser", "si", "sido",
	"sin", "sobre", "su", "sus", "sí", "también", "tan", "tanto", "te",
	"tiene", "tienen", "todo", "todos", "tras", "tu", "tú", "un", "una",
	"unas", "uno", "unos", "usted", "ya", "yo", "él",
};

static const char *const stop_fr[] = {
	"a", "afin", "ai", "ainsi", "alors", "après", "au", "aucun",
	"aucune", "aujourd", "aussi", "autre", "autres", "aux", "avaient",
	"avait", "avant", "avec", "avoir", "c", "ce", "ceci", "cela",
	"celle", "celles", "celui", "cependant", "ces", "cet", "cette",
	"ceux", "chaque", "chez", "comme", "comment", "contre", "d", "dans",
	"de", "depuis", "des", "donc", "dont", "du", "déjà", "elle", "elles",
	"en", "encore", "entre", "est", "et", "eu", "eux", "fait", "il",
	"ils", "j", "je", "jusqu", "jusque", "l", "la", "le", "les", "leur",
	"leurs", "lors", "lorsque", "lui", "m", "mais", "me", "mes", "moi",
	"moins", "mon", "même", "n", "ne", "ni", "nos", "notre", "nous",
	"on", "ont", "ou", "où", "par", "parce", "pas", "pendant", "peu",
	"peut", "plus", "plusieurs", "pour", "pourquoi", "qu", "quand",
	"que", "quel", "quelle", "quelles", "quels", "qui", "s", "sa",
	"sans", "se", "selon", "ses", "si", "sien", "soi", "son", "sont",
	"sous", "sur", "t", "ta", "te", "tes", "toi", "ton", "tous", "tout",
	"toute", "toutes", "très", "tu", "un", "une", "vers", "vos", "votre",
	"vous", "y", "à", "étaient", "était", "été", "être",
};

static const char *const stop_it[] = {
	"a", "ad", "agli", "ai", "al", "alla", "alle", "allo", "anche",
	"avere", "aveva", "avevano", "c", "che", "chi", "ci", "coi", "col",
	"come", "con", "contro", "così", "cui", "da", "dagli", "dai", "dal",
	"dall", "dalla", "dalle", "dallo", "degli", "dei", "del", "dell",
	"della", "delle", "dello", "dentro", "di", "dopo", "dove", "e", "ed",
	"essere", "fa", "fino", "fra", "già", "gli", "ha", "hanno", "ho",
	"i", "il", "in", "infatti", "invece", "io", "l", "la", "le", "lei",
	"li", "lo", "loro", "lui", "ma", "mentre", "mi", "mia", "mie",
	"miei", "mio", "ne", "negli", "nei", "nel", "nell", "nella", "nelle",
	"nello", "noi", "non", "nostra", "nostre", "nostri", "nostro", "o",
	"ogni", "per", "perché", "però", "più", "poi", "proprio", "qual",
	"qualche", "quale", "quali", "quando", "quanto", "quella", "quelle",
	"quelli", "quello", "questa", "queste", "questi", "questo", "se",
	"secondo", "sei", "senza", "si", "sia", "siamo", "sono", "sopra",
	"sotto", "stata", "state", "stati", "stato", "su", "sua", "sue",
	"sugli", "sui", "sul", "sull", "sulla", "sulle", "sullo", "suo",
	"suoi", "sé", "tra", "tutta", "tutte", "tutti", "tutto", "un", "una",
	"uno", "vi", "voi", "è",
};

/* Japanese: words with a kanji only; a word written in hiragana alone (a
 * particle, an ending, an auxiliary verb: は, を, した, という) is a
 * stopword by rule, in ngi_is_stopword. */
static const char *const stop_ja[] = {
	"一方", "上", "下", "両", "中", "事", "今", "今回", "今後", "他",
	"以上", "以下", "以前", "以外", "以来", "以降", "何", "全", "内", "前",
	"各", "同", "同日", "場合", "当", "彼", "彼ら", "彼女", "後", "我々",
	"方", "時", "本", "氏", "為", "的", "私", "私達", "等", "約", "自分",
	"言い", "言う", "言っ", "言わ", "語っ", "語る", "誰", "述べ", "達",
	"間", "際",
};

static const char *const stop_nl[] = {
	"aan", "al", "alle", "als", "altijd", "andere", "ben", "bij", "daar",
	"dan", "dat", "de", "der", "deze", "die", "dit", "doch", "doen",
	"door", "dus", "een", "eens", "en", "er", "ge", "geen", "geweest",
	"haar", "had", "heb", "hebben", "heeft", "hem", "het", "hier", "hij",
	"hoe", "hun", "iemand", "iets", "ik", "in", "is", "ja", "je", "kan",
	"kon", "kunnen", "maar", "me", "meer", "men", "met", "mij", "mijn",
	"moet", "na", "naar", "niet", "niets", "nog", "nu", "of", "om",
	"omdat", "onder", "ons", "ook", "op", "over", "reeds", "te", "tegen",
	"toch", "toen", "tot", "u", "uit", "uw", "van", "veel", "volgens",
	"voor", "want", "waren", "was", "wat", "we", "wel", "werd", "wezen",
	"wie", "wil", "worden", "wordt", "zal", "ze", "zei", "zelf", "zich",
	"zij", "zijn", "zo", "zonder", "zou",
};

static const char *const stop_pl[] = {
	"a", "aby", "ale", "bardzo", "bez", "bo", "by", "byli", "być", "był",
	"była", "było", "co", "czy", "dla", "do", "gdy", "gdzie", "go", "i",
	"ich", "ile", "im", "innych", "iż", "ja", "jak", "jaki", "jako",
	"je", "jeden", "jednak", "jego", "jej", "jest", "jeszcze", "jeśli",
	"już", "każdy", "kiedy", "kto", "która", "które", "którego",
	"której", "który", "których", "ku", "lub", "ma", "mają", "mi",
	"między", "mnie", "może", "można", "my", "na", "nad", "nam", "nas",
	"nawet", "nich", "nie", "nim", "niż", "no", "o", "od", "oraz", "po",
	"pod", "podczas", "powiedział", "przed", "przez", "przy", "się",
	"sobie", "są", "ta", "tak", "także", "tam", "te", "tego", "tej",
	"ten", "też", "to", "tu", "tylko", "tym", "u", "w", "we", "według",
	"więc", "wszystko", "z", "za", "ze", "został", "została", "zostały",
	"że", "żeby",
};

static const char *const stop_pt[] = {
	"a", "ainda", "ao", "aos", "as", "até", "com", "como", "contra",
	"da", "das", "de", "dela", "dele", "deles", "depois", "disse", "do",
	"dos", "e", "ela", "elas", "ele", "eles", "em", "entre", "era",
	"eram", "essa", "essas", "esse", "esses", "esta", "estava", "este",
	"estes", "está", "estão", "eu", "foi", "foram", "há", "isso", "isto",
	"já", "la", "lhe", "lhes", "lo", "mais", "mas", "me", "mesmo", "meu",
	"minha", "muito", "na", "nas", "nem", "no", "nos", "num", "numa",
	"nós", "o", "os", "ou", "para", "pela", "pelas", "pelo", "pelos",
	"por", "porque", "quais", "qual", "quando", "que", "quem", "se",
	"segundo", "sem", "ser", "seu", "seus", "sido", "sob", "sobre",
	"sua", "suas", "só", "também", "tem", "tinha", "toda", "todas",
	"todo", "todos", "tu", "têm", "um", "uma", "umas", "uns", "você",
	"vocês", "vos", "à", "às", "é",
};

static const char *const stop_ru[] = {
	"а", "без", "более", "будет", "будут", "бы", "был", "была", "были",
	"было", "быть", "в", "вам", "вас", "весь", "во", "вот", "все",
	"всего", "всех", "вы", "где", "да", "даже", "для", "до", "его", "ее",
	"если", "есть", "еще", "ещё", "её", "же", "за", "заявил", "здесь",
	"и", "из", "или", "им", "их", "к", "как", "ко", "когда", "которая",
	"которого", "которой", "которые", "который", "которых", "кто", "ли",
	"либо", "между", "меня", "мне", "может", "мы", "на", "над", "надо",
	"не", "него", "нее", "нет", "неё", "ни", "них", "но", "ну", "о",
	"об", "однако", "он", "она", "они", "оно", "от", "очень", "по",
	"под", "после", "при", "про", "с", "сказал", "со", "так", "также",
	"такой", "там", "те", "тем", "то", "того", "тоже", "той", "только",
	"том", "ты", "у", "уже", "хотя", "чего", "чем", "что", "чтобы",
	"эта", "эти", "это", "этого", "этой", "этом", "этот", "я",
};

static const char *const stop_sl[] = {
	"a", "ali", "bi", "bil", "bila", "bile", "bili", "bilo", "biti",
	"bo", "bodo", "brez", "da", "dejal", "do", "dva", "ga", "in", "je",
	"jih", "jo", "kaj", "kako", "kar", "katera", "katere", "kateri",
	"katerih", "ki", "ko", "koder", "lahko", "le", "med", "mi", "na",
	"nad", "naj", "nas", "ne", "ni", "niti", "njegov", "njen", "njih",
	"no", "o", "ob", "od", "on", "ona", "oni", "ono", "pa", "po", "pod",
	"povedal", "pred", "pri", "s", "saj", "se", "sem", "si", "smo", "so",
	"sta", "ste", "tako", "tam", "te", "ter", "to", "toda", "tudi", "v",
	"vendar", "vsa", "vse", "vsi", "z", "za", "še", "že",
};

static const char *const stop_tr[] = {
	"acaba", "ama", "ancak", "bana", "bazı", "belki", "ben", "beni",
	"benim", "bir", "biri", "birkaç", "birçok", "bu", "buna", "bunda",
	"bundan", "bunu", "bunun", "da", "daha", "de", "dedi", "defa",
	"diye", "en", "gibi", "göre", "hem", "hep", "hepsi", "her", "hiç",
	"ile", "ise", "için", "kadar", "ki", "kim", "mi", "mu", "mü", "mı",
	"nasıl", "ne", "neden", "nerede", "niye", "o", "olan", "olarak",
	"oldu", "olduğu", "olduğunu", "olmak", "olsa", "ona", "onlar", "onu",
	"onun", "sen", "siz", "sonra", "tüm", "ve", "veya", "ya", "yani",
	"zaten", "çok", "çünkü", "önce", "şey", "şu",
};

static const char *const stop_uk[] = {
	"а", "але", "б", "без", "би", "був", "буде", "будуть", "була",
	"були", "було", "бути", "в", "вам", "вас", "весь", "ви", "вона",
	"вони", "воно", "все", "всі", "від", "він", "для", "до", "же", "з",
	"за", "заявив", "звідки", "зі", "й", "його", "коли", "котрий",
	"крім", "лише", "мене", "мені", "ми", "між", "на", "навіть", "над",
	"нам", "нас", "не", "нею", "неї", "ним", "них", "ну", "ні", "о",
	"об", "однак", "по", "при", "про", "проте", "під", "після", "сказав",
	"та", "так", "також", "там", "те", "теж", "ти", "то", "тобто",
	"того", "тому", "тут", "у", "уже", "усі", "хоч", "хоча", "це", "цей",
	"цим", "цих", "цього", "ця", "через", "чи", "що", "щоб", "як", "яка",
	"який", "яких", "якого", "якої", "які", "є", "і", "із", "їй", "їм",
	"їх", "її",
};

/* Chinese, simplified and traditional. */
static const char *const stop_zh[] = {
	"一个", "一些", "一個", "上", "下", "不", "与", "並", "並且", "个",
	"中", "为", "之", "之前", "之后", "之後", "也", "也是", "了", "于",
	"于是", "些", "什么", "什麼", "从", "他", "他们", "他們", "以", "以上",
	"以下", "以及", "们", "会", "但", "但是", "你", "你们", "你們", "使",
	"來", "個", "們", "其", "其中", "其他", "其它", "到", "前", "去", "又",
	"及", "只", "只是", "可", "可以", "各", "同时", "同時", "后", "向",
	"吗", "吧", "呢", "和", "啊", "嗎", "因为", "因此", "因為", "在", "地",
	"她", "她们", "她們", "如", "如果", "它", "它们", "它們", "对", "将",
	"將", "對", "就", "就是", "已", "已經", "已经", "并", "并且", "应",
	"应该", "当", "很", "後", "得", "從", "怎么", "怎麼", "您", "應",
	"應該", "成为", "成為", "我", "我们", "我們", "或", "或者", "所以",
	"把", "指出", "据", "據", "於", "於是", "时", "是", "時", "更", "曾",
	"最", "會", "有", "来", "正", "此", "每", "沒", "沒有", "没", "没有",
	"為", "然而", "由", "當", "的", "目前", "着", "称", "稱", "等", "等等",
	"給", "给", "而", "而且", "能", "自己", "與", "著", "虽然", "表示",
	"被", "裏", "裡", "要", "該", "認為", "說", "說道", "讓", "认为", "让",
	"该", "说", "说道", "过", "还", "还是", "还有", "这", "这个", "这些",
	"这样", "进行", "這", "這些", "這個", "這樣", "通过", "通過", "進行",
	"過", "還", "還是", "還有", "那", "那个", "那些", "那個", "都", "里",
	"雖然",
};

#define LIST(code) {#code, stop_##code, NGI_ARRAY_LEN(stop_##code)}

/* Sorted by code. */
static const struct {
	const char *lang;
	const char *const *words;
	size_t n;
} lists[] = {
	LIST(bg), LIST(cs), LIST(de), LIST(en), LIST(es), LIST(fr), LIST(it),
	LIST(ja), LIST(nl), LIST(pl), LIST(pt), LIST(ru), LIST(sl), LIST(tr),
	LIST(uk), LIST(zh),
};

const char *const *ngi_stopword_list(const char *lang, size_t *n)
{
	for (size_t i = 0; lang && i < NGI_ARRAY_LEN(lists); i++) {
		if (strcmp(lists[i].lang, lang) == 0) {
			*n = lists[i].n;
			return lists[i].words;
		}
	}
	*n = 0;
	return NULL;
}

const char *ngi_stopword_lang(size_t i)
{
	return i < NGI_ARRAY_LEN(lists) ? lists[i].lang : NULL;
}

/* Byte-order comparison of (w, len) with the NUL-terminated s, the order
 * the lists are sorted in. */
static int compare(const char *w, size_t len, const char *s)
{
	size_t sl = strlen(s);
	int c = memcmp(w, s, len < sl ? len : sl);
	if (c != 0)
		return c;
	return len < sl ? -1 : len > sl;
}

static int in_list(const char *const *words, size_t n, const char *w,
		   size_t len)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = compare(w, len, words[mid]);
		if (c == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return 0;
}

/* Lookups go through one hash set built on first use (ngi_once: a build
 * that runs out of memory is tried again by the next lookup, and until
 * then the lists answer): a word's key is its
 * XXH3 hash seeded with its language (seed 0 for "any language"), so a
 * lookup is one hash and a probe or two, where the sorted lists cost a
 * binary search of string compares (7 % of ingest time). A 64-bit hash
 * collision would make a word a stopword by mistake: odds about 2^-50 for
 * these few thousand words.
 *
 * The collisions are real for short words: XXH3 mixes a 1-8 byte input
 * with the seed by XOR, so a word of one language can take the key of a
 * listed word of another ("sea" is an English stopword here, "co" a
 * French one). Outputs depend on that, so the keys stay as they are; what
 * is cheap is the answer "no": a bit set of the keys' low bits, tested
 * before the map's probe (most words are not stopwords). */
static ngi_map stop_set;
static ngi_once stop_once = NGI_ONCE_INIT;
#define KEY_BITS 16
static uint64_t stop_keys[(1u << KEY_BITS) / 64];

static void key_mark(uint64_t key)
{
	uint32_t b = (uint32_t)key & ((1u << KEY_BITS) - 1);
	stop_keys[b >> 6] |= (uint64_t)1 << (b & 63);
}

static inline int key_maybe(uint64_t key)
{
	uint32_t b = (uint32_t)key & ((1u << KEY_BITS) - 1);
	return (int)(stop_keys[b >> 6] >> (b & 63) & 1);
}

/* The seed of a two-letter code; 0 for "und" and anything else. */
static inline uint64_t lang_seed(const char *lang)
{
	if (!lang || !lang[0] || !lang[1] || lang[2])
		return 0;
	return ((uint64_t)(unsigned char)lang[0] << 8 | (unsigned char)lang[1]) + 1;
}

static ng_status build_stop_set(void)
{
	ngi_map_init(&stop_set);
	ng_status st = NG_OK;
	for (size_t i = 0; i < NGI_ARRAY_LEN(lists) && !st; i++) {
		uint64_t seed = lang_seed(lists[i].lang);
		for (size_t k = 0; k < lists[i].n && !st; k++) {
			const char *w = lists[i].words[k];
			size_t n = strlen(w);
			uint64_t key = ngi_hash(w, n, seed), k0 = ngi_hash(w, n, 0);
			key_mark(key);
			key_mark(k0);
			st = ngi_map_put(&stop_set, key, 1);
			if (!st)
				st = ngi_map_put(&stop_set, k0, 1);
		}
		if (!st && i == NGI_ARRAY_LEN(lists) / 2 && ngi_fault("stopwords"))
			st = NG_ERR_NOMEM;
	}
	if (st)
		ngi_map_free(&stop_set);
	return st;
}

/* Is norm (len > 0 bytes) written in hiragana only? Hiragana are the
 * three-byte sequences E3 81 81 .. E3 82 9F (U+3041..U+309F). */
static int all_hiragana(const char *norm, size_t len)
{
	const unsigned char *s = (const unsigned char *)norm;
	if (len % 3)
		return 0;
	for (size_t i = 0; i < len; i += 3) {
		unsigned cp = (unsigned)(s[i] & 0x0F) << 12 |
			      (unsigned)(s[i + 1] & 0x3F) << 6 | (s[i + 2] & 0x3F);
		if (s[i] != 0xE3 || (s[i + 1] & 0xC0) != 0x80 ||
		    (s[i + 2] & 0xC0) != 0x80 || cp < 0x3041 || cp > 0x309F)
			return 0;
	}
	return 1;
}

int ngi_is_stopword(const char *lang, const char *norm, size_t len)
{
	if (norm && len && lang && lang[0] == 'j' && lang[1] == 'a' &&
	    !lang[2] && all_hiragana(norm, len))
		return 1;
	/* No stopword is longer than this; most tokens leave here. */
	if (!norm || len == 0 || len > 24)
		return 0;
	if (ngi_once_run(&stop_once, build_stop_set) == NG_OK) {
		uint64_t seed = lang_seed(lang);
		if (seed == 0 && lang && strcmp(lang, "und") != 0)
			return 0; /* a language code we hold no list for */
		uint64_t key = ngi_hash(norm, len, seed);
		return key_maybe(key) && ngi_map_get(&stop_set, key) != NULL;
	}
	/* out of memory building the set: the lists still answer */
	if (!lang || strcmp(lang, "und") == 0) {
		for (size_t i = 0; i < NGI_ARRAY_LEN(lists); i++)
			if (in_list(lists[i].words, lists[i].n, norm, len))
				return 1;
		return 0;
	}
	size_t n;
	const char *const *words = ngi_stopword_list(lang, &n);
	return words && in_list(words, n, norm, len);
}
