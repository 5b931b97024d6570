/*
 * entity_spans.c: the spans of names in an analysed document and their
 * types, the first three passes of ngi_entities_find (entity_mentions.c
 * runs them and resolves the spans; entity_int.h has what they share):
 *  1. word statistics: which words the document writes in lower case, and
 *     which it capitalises away from a sentence start (a line break, or a
 *     sentence end before a dash or quote, also starts one); in Slavic
 *     texts, which stems it writes in lower case;
 *  2. spans: runs of name words in one sentence (capitalised or acronyms;
 *     connectors "von", "de", "bin" and initials "J." inside), at most
 *     SPAN_MAX_TOKENS long; a word that is no name alone ("New", "South",
 *     a title) opens one when it and the next word are a curated name or a
 *     gazetteer place ("New York"). A sentence-initial word counts when the document
 *     never writes it in lower case and it is capitalised elsewhere or
 *     known and spelled like its entry (a word before another name word
 *     is not enough: "Кроме Германии"); function words of the language
 *     (data/lexicons/entity_function_words.tsv) and common abbreviations
 *     open no name. Titles ("President", "премьер") and
 *     English demonyms ("Russian") are not name words but cue a person. A
 *     span is split before a given name ("Trump Dmitry Peskov"); a
 *     hyphenated word with a known part gives its known parts ("BRICS-Gipfel",
 *     "Putin-Trump"); in Slavic texts a leading place or acronym is split
 *     off a person ("Пакистана | Имран Хан");
 *  3. types from cues: a curated name, an organisation word ("Ministry",
 *     "партия"), a Slavic lower-case head noun after ("Верховный суд"), a
 *     noun announcing an organisation before ("firmy Pfizer"), Latin
 *     letters in a Cyrillic text or a capital inside a word (ORG), a title
 *     before or a reporting verb after, a given name, an acronym (ORG), a
 *     place preposition before ("в", "w", "in"); else a
 *     weak default. German capitalises every noun, so there a lone word with
 *     no cue is kept only when it resolves to a person of the article;
 * Keys follow entities.h. Work per document is linear in its tokens.
 */
#include "entity_int.h"

#include <stdlib.h>
#include <string.h>

#include "../base/utf8.h"

/* The word without an English possessive, for the statistics. */
static size_t base_len(const char *norm, size_t n)
{
	if (n > 3 && norm[n - 2] == '\'' && norm[n - 1] == 's')
		return n - 2;
	return n;
}

unsigned ngi_entity_lex_of(find_run *r, size_t i)
{
	if (r->lex[i] == LEX_UNSET) {
		const ngi_token *t = &r->doc->tokens[i];
		r->lex[i] = t->kind == NGI_TOK_WORD
				    ? ngi_lexicon_word(r->c->lx, t->norm,
						       t->norm_len) |
					      ngi_lexicon_lang_word(
						      r->c->lx, r->doc->lang,
						      t->norm, t->norm_len)
				    : 0;
	}
	return r->lex[i];
}

/* Lexicon flags of the part after a word's last hyphen ("US-Präsidenten"). */
static unsigned lex_tail(find_run *r, size_t i)
{
	const ngi_token *t = &r->doc->tokens[i];
	const char *h = NULL;
	for (size_t k = 0; k + 1 < t->norm_len; k++)
		if (t->norm[k] == '-')
			h = t->norm + k + 1;
	if (!h)
		return 0;
	return ngi_lexicon_word(r->c->lx, h,
				t->norm_len - (size_t)(h - t->norm));
}

/* ngi_entity_is_acronym, answered at once for the common word: one ASCII
 * lower-case letter (never part of a multi-byte sequence) already rules an
 * acronym out, so utf8proc is asked only about the rest. */
static int is_acronym(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] >= 'a' && s[i] <= 'z')
			return 0;
	return ngi_entity_is_acronym(s, n);
}

/* Key of one word: an acronym keeps its letters (when short or known),
 * anything else goes through the phonetic key. */
size_t ngi_entity_surface_key(find_run *r, const char *surface, size_t slen,
			      const char *norm, size_t nlen, char *out,
			      size_t cap)
{
	char tl[WORD_KEY_MAX * 2];
	size_t tn = ngi_translit_word(r->c->tl, norm, nlen, tl, sizeof tl);
	if (is_acronym(surface, slen)) {
		size_t o = 0;
		for (size_t i = 0; i < tn && o + 1 < cap; i++)
			if (tl[i] != '\'')
				out[o++] = tl[i];
		out[o] = 0;
		if (o <= 4 || ngi_lexicon_name(r->c->lx, out))
			return o;
	}
	return ngi_entity_word_key(tl, tn, r->slavic, out, cap);
}

static size_t token_key(find_run *r, size_t i, char *out, size_t cap)
{
	const ngi_token *t = &r->doc->tokens[i];
	return ngi_entity_surface_key(r, r->doc->text + t->start, t->end - t->start, t->norm,
			t->norm_len, out, cap);
}

static int token_is_acronym(find_run *r, size_t i)
{
	const ngi_token *t = &r->doc->tokens[i];
	return !r->shout[t->sentence] &&
	       is_acronym(r->doc->text + t->start, t->end - t->start);
}

/* Known by name, as a surname, or as a given name. A sentence's first
 * word is a name only by this, so a curated name must also be spelled
 * like the word ("Pytany" sounds like Putin, "Vedení" like Vienna), and a
 * given name with a short key must start as a listed one ("Michael"). */
static int token_known(find_run *r, size_t i)
{
	char k[WORD_KEY_MAX];
	size_t kl = token_key(r, i, k, sizeof k);
	if (!kl)
		return 0;
	const ngi_token *t = &r->doc->tokens[i];
	const ngi_known_name *n = ngi_lexicon_name(r->c->lx, k);
	if (!n)
		n = ngi_lexicon_surname(r->c->lx, k);
	if (n && ngi_lexicon_spelled_like(r->c->lx, n, t->norm, t->norm_len))
		return 1;
	if (ngi_lexicon_given(r->c->lx, k) &&
	    (kl > SHORT_KEY ||
	     ngi_lexicon_given_spelled(r->c->lx, t->norm, t->norm_len)))
		return 1;
	/* a German genitive: "Putins" */
	if (r->german && t->norm_len > 4 && t->norm[t->norm_len - 1] == 's' &&
	    ngi_entity_surface_key(r, r->doc->text + t->start, t->end - t->start - 1, t->norm,
		     t->norm_len - 1, k, sizeof k))
		return ngi_lexicon_name(r->c->lx, k) ||
		       ngi_lexicon_surname(r->c->lx, k);
	return 0;
}

/* Known as a place or an organisation ("Rosji" before "Władimir Putin"). */
static int token_known_thing(find_run *r, size_t i)
{
	char k[WORD_KEY_MAX];
	const ngi_known_name *n =
		token_key(r, i, k, sizeof k) ? ngi_lexicon_name(r->c->lx, k)
					     : NULL;
	return n && n->type != NGI_ENT_PER;
}

static int token_given(find_run *r, size_t i)
{
	char k[WORD_KEY_MAX];
	return token_key(r, i, k, sizeof k) && ngi_lexicon_given(r->c->lx, k);
}

/* Whether word i starts a line or an utterance the sentence splitter ran
 * into: a line break before it ("... 2018\nVzhledem k tomu", a headline
 * without a full stop), or a full stop (no abbreviation's), "!" or "?"
 * before it, past quotes, dashes and brackets ("do Niemiec. – Moja
 * klientka"). */
static int starts_line(const find_run *r, size_t i)
{
	const ngi_doc *d = r->doc;
	size_t j = i;
	while (j > 0) {
		const ngi_token *p = &d->tokens[j - 1];
		for (uint32_t k = p->end; k < d->tokens[j].start; k++)
			if (d->text[k] == '\n')
				return 1;
		if (p->kind != NGI_TOK_PUNCT)
			return 0;
		char c = d->text[p->start];
		if (c == '!' || c == '?')
			return 1;
		/* a dot, unless it ends an abbreviation ("Rep.", "Dr.",
		 * "J.") or a number ("16. BRICS-Gipfel") */
		if (c == '.') {
			const ngi_token *w = j >= 2 ? &d->tokens[j - 2] : NULL;
			if (w && w->kind == NGI_TOK_NUMBER)
				return 0; /* an ordinal or a date: "16. BRICS" */
			return !w || w->kind != NGI_TOK_WORD || !w->capitalised ||
			       w->end - w->start > 4 || j < i;
		}
		/* quotes, dashes, brackets (ASCII or not) are skipped */
		if (!(c == '"' || c == '\'' || c == '-' || c == '(' || c == '[' ||
		      (unsigned char)c >= 0x80))
			return 0;
		j--;
	}
	return 1;
}

/* Pass 1: sentence starts, shouting sentences, word statistics. */
ng_status ngi_entity_word_stats(find_run *r)
{
	const ngi_doc *d = r->doc;
	for (size_t s = 0; s < d->n_sentences; s++) {
		const ngi_sentence *se = &d->sentences[s];
		size_t words = 0, caps = 0;
		int first = 1;
		for (size_t i = se->first_token;
		     i < se->first_token + se->n_tokens && i < d->n_tokens; i++) {
			const ngi_token *t = &d->tokens[i];
			if (t->kind == NGI_TOK_WORD) {
				r->initial[i] = (uint8_t)(first || starts_line(r, i));
				first = 0;
				words++;
				caps += is_acronym(
					d->text + t->start, t->end - t->start);
			} else if (t->kind == NGI_TOK_NUMBER) {
				first = 0;
			}
		}
		r->shout[s] = words >= 4 && caps * 10 >= words * 6;
	}
	for (size_t i = 0; i < d->n_tokens; i++) {
		const ngi_token *t = &d->tokens[i];
		if (t->kind != NGI_TOK_WORD)
			continue;
		unsigned bit = !t->capitalised ? WS_LOWER
			       : !r->initial[i] ? WS_CAPMID
						: 0;
		if (!bit)
			continue;
		uint64_t *v = ngi_map_upsert(
			&r->c->words,
			ngi_hash(t->norm, base_len(t->norm, t->norm_len), 0), 0);
		if (!v)
			return NG_ERR_NOMEM;
		*v |= bit;
		if (bit == WS_CAPMID && (*v >> WS_CAPMID_SHIFT) < 255)
			*v += (uint64_t)1 << WS_CAPMID_SHIFT;
		if (bit == WS_LOWER && r->slavic && t->stem_len >= 4) {
			/* the stem too: "забастовку" makes "Забастовка" a
			 * common noun */
			v = ngi_map_upsert(&r->c->words,
					   ngi_hash(t->stem, t->stem_len, 1), 0);
			if (!v)
				return NG_ERR_NOMEM;
			*v |= WS_STEM_LOWER;
		}
	}
	return NG_OK;
}

/* A capitalised word inside a sentence that is a common noun: in a Slavic
 * text, the only capitalised one of its kind, with another form of it in
 * lower case ("... мигрантов Забастовка в Ryanair", a run-on headline,
 * next to "забастовку"), standing alone. */
static int capitalised_common_noun(find_run *r, size_t i)
{
	const ngi_token *tk = r->doc->tokens, *t = &tk[i];
	if (!r->slavic || t->stem_len < 4)
		return 0;
	const uint64_t *v = ngi_map_get(
		&r->c->words, ngi_hash(t->norm, base_len(t->norm, t->norm_len), 0));
	if (!v || (*v >> WS_CAPMID_SHIFT) > 1)
		return 0;
	v = ngi_map_get(&r->c->words, ngi_hash(t->stem, t->stem_len, 1));
	if (!v || !(*v & WS_STEM_LOWER))
		return 0;
	if ((i > 0 && tk[i - 1].kind == NGI_TOK_WORD && tk[i - 1].capitalised) ||
	    (i + 1 < r->doc->n_tokens && tk[i + 1].kind == NGI_TOK_WORD &&
	     tk[i + 1].capitalised))
		return 0;
	return !token_known(r, i);
}

static unsigned word_bits(find_run *r, size_t i)
{
	const ngi_token *t = &r->doc->tokens[i];
	const uint64_t *v = ngi_map_get(
		&r->c->words, ngi_hash(t->norm, base_len(t->norm, t->norm_len), 0));
	return v ? (unsigned)*v & WS_BITS : 0;
}

/* A lower-case word with a capital inside, before a lower-case letter:
 * the brands "easyJet", "eBay", "iPhone" (not "mRNA"). */
static int inner_capital(const char *s, size_t n)
{
	if (n < 4 || !(s[0] >= 'a' && s[0] <= 'z'))
		return 0;
	for (size_t k = 1; k + 1 < n; k++)
		if (s[k] >= 'A' && s[k] <= 'Z' && s[k - 1] >= 'a' &&
		    s[k - 1] <= 'z' && s[k + 1] >= 'a' && s[k + 1] <= 'z')
			return 1;
	return 0;
}

/* A lower-case word that is a curated event: Slavic languages write
 * "брексит", "koronavirus" in lower case. */
static int lower_case_event(find_run *r, size_t i)
{
	const ngi_token *t = &r->doc->tokens[i];
	if (!r->slavic || t->stop || t->norm_len < 4 ||
	    !ngi_lexicon_event_start(r->c->lx, t->norm, t->norm_len))
		return 0;
	char k[WORD_KEY_MAX];
	if (!token_key(r, i, k, sizeof k))
		return 0;
	const ngi_known_name *n = ngi_lexicon_name(r->c->lx, k);
	return n && n->type == NGI_ENT_EVT;
}

/* A word that can be part of a name, sentence starts aside. */
static int name_word_basic(find_run *r, size_t i)
{
	const ngi_token *t = &r->doc->tokens[i];
	if (t->kind != NGI_TOK_WORD)
		return 0;
	int acronym = token_is_acronym(r, i);
	if (!t->capitalised && !acronym && !inner_capital(r->doc->text + t->start,
							 t->end - t->start))
		return lower_case_event(r, i);
	unsigned lx = ngi_entity_lex_of(r, i);
	if ((lx & NGI_LX_TITLE) || ((lx & NGI_LX_NOTNAME) && !r->slavic))
		return 0;
	/* "Press" opens a title ("Press Secretary") but ends a name
	 * ("Associated Press") */
	if (t->norm_len == 5 && !memcmp(t->norm, "press", 5) &&
	    i + 1 < r->doc->n_tokens && (ngi_entity_lex_of(r, i + 1) & NGI_LX_TITLE))
		return 0;
	if ((lx & NGI_LX_DEMONYM) && r->english)
		return 0;
	if (!acronym && t->stop)
		return 0;
	if (t->end - t->start == 1 && !acronym) {
		/* a lone capital: an initial only when a dot follows */
		return i + 1 < r->doc->n_tokens &&
		       r->doc->text[r->doc->tokens[i + 1].start] == '.';
	}
	return 1;
}

/* The folded forms of tokens [from, to) joined, as the gazetteer matches
 * them (ngi_lexicon_place ignores spaces and punctuation); 0 when they do
 * not fit in cap, longer than any place name. */
static size_t joined_norms(const find_run *r, size_t from, size_t to,
			   char *out, size_t cap)
{
	const ngi_token *tk = r->doc->tokens;
	size_t n = 0;
	for (size_t i = from; i < to; i++) {
		if (n + tk[i].norm_len >= cap)
			return 0;
		memcpy(out + n, tk[i].norm, tk[i].norm_len);
		n += tk[i].norm_len;
	}
	return n;
}

/* Does token i open a two-word curated name or gazetteer place with the
 * next token ("White House" opening a sentence, "New York", "South
 * Korea")? */
static int opens_known_pair(find_run *r, size_t i)
{
	const ngi_token *tk = r->doc->tokens;
	if (i + 1 >= r->doc->n_tokens || tk[i + 1].kind != NGI_TOK_WORD ||
	    !tk[i + 1].capitalised || tk[i + 1].sentence != tk[i].sentence)
		return 0;
	/* keys are phonetic and short words collide ("The Sun", "A MAN"):
	 * no function word opens a pair */
	if (tk[i].stop)
		return 0;
	char a[WORD_KEY_MAX], b[WORD_KEY_MAX], k[2 * WORD_KEY_MAX];
	size_t al = token_key(r, i, a, sizeof a);
	size_t bl = token_key(r, i + 1, b, sizeof b);
	if (al && bl) {
		snprintf(k, sizeof k, "%s%s", a, b);
		if (ngi_lexicon_name(r->c->lx, k))
			return 1;
	}
	char f[128];
	size_t fl = joined_norms(r, i, i + 2, f, sizeof f);
	return fl && ngi_lexicon_place(f, fl, r->slavic) != NULL;
}

/* Ends a Slavic adjective (folded): "верховный", "европейската", "české",
 * "zdravstvene", "narodowego". Only for the lower-case words between a
 * name's capitalised first word and its head noun, so a loose list does. */
static int adjective_like(const char *w, size_t n)
{
	static const char *const endings[] = {
		"ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого",
		"его", "ому", "ему", "ым", "им", "ых", "их", "ую", "юю", "ої",
		"ою", "ен", "на", "но", "ни", "ния", "ният", "ната", "ното",
		"ните", "ски", "ска", "ско", "ý", "á", "é", "í", "ého", "ému",
		"ém", "ým", "ých", "ými", "ní", "ny", "ne", "nego", "nej", "nym",
		"nych", "ną", "owy", "owa", "owe", "owego", "owej", "ski", "ska",
		"skie", "skiego", "skiej", "sko", "ske", "ega", "nega", "nem",
		"na", "no", "ni", "vo", "va", "ve",
	};
	for (size_t i = 0; i < NGI_ARRAY_LEN(endings); i++) {
		size_t el = strlen(endings[i]);
		if (n > el + 2 && memcmp(w + n - el, endings[i], el) == 0)
			return 1;
	}
	return 0;
}

/* The token of a lower-case head noun that ends the name of tokens [tok0, tok1)
 * ("суд" of "Верховный суд", "organizacija" of "Svetovna zdravstvena
 * organizacija"), right after it or past up to two lower-case adjectives,
 * one space apart, in its sentence; 0 when there is none. */
static size_t head_noun_after(find_run *r, size_t tok0, size_t tok1)
{
	const ngi_token *tk = r->doc->tokens;
	size_t n_tok = r->doc->n_tokens;
	for (size_t j = tok1; j < n_tok && j <= tok1 + 2; j++) {
		const ngi_token *t = &tk[j];
		if (t->kind != NGI_TOK_WORD || t->capitalised ||
		    t->start != tk[j - 1].end + 1 ||
		    t->sentence != tk[tok0].sentence)
			return 0;
		unsigned lx = ngi_entity_lex_of(r, j);
		if (lx & (NGI_LX_ORGHEAD | NGI_LX_LOCHEAD))
			return j;
		if (t->stop || !adjective_like(t->norm, t->norm_len))
			return 0;
	}
	return 0;
}

/* A sentence's first word that opens an organisation's name: it or the
 * next word, a capitalised one, is an organisation word ("Ministerstwo
 * Zdrowia", "Warszawski Uniwersytet Medyczny"). */
static int opens_org_name(find_run *r, size_t i)
{
	const ngi_token *tk = r->doc->tokens;
	if (i + 1 >= r->doc->n_tokens || tk[i + 1].kind != NGI_TOK_WORD ||
	    tk[i + 1].sentence != tk[i].sentence ||
	    tk[i + 1].start != tk[i].end + 1 || !name_word_basic(r, i + 1))
		return 0;
	/* "Spółka easyJet", "Firma Pfizer": a common noun before a name */
	if (ngi_entity_lex_of(r, i) & NGI_LX_ORGCUE)
		return 0;
	return ((ngi_entity_lex_of(r, i) | ngi_entity_lex_of(r, i + 1)) &
		NGI_LX_ORGWORD) != 0;
}

/* A Roman numeral of I, V and X ("II", "XIV"): it ends a name ("Elizabeth
 * II") but opens none ("phase II"). */
static int roman_numeral(const find_run *r, size_t i)
{
	const ngi_token *t = &r->doc->tokens[i];
	if (t->end - t->start < 2 || t->end - t->start > 5)
		return 0;
	for (uint32_t k = t->start; k < t->end; k++) {
		char c = r->doc->text[k];
		if (c != 'I' && c != 'V' && c != 'X')
			return 0;
	}
	return 1;
}

static int name_word(find_run *r, size_t i)
{
	/* "New", "South" are no names alone, but are in "New York", "South
	 * Korea" */
	if (!name_word_basic(r, i))
		return r->doc->tokens[i].kind == NGI_TOK_WORD &&
		       r->doc->tokens[i].capitalised &&
		       !(ngi_entity_lex_of(r, i) & NGI_LX_FUNCWORD) &&
		       opens_known_pair(r, i);
	/* a function word of the language opens no name ("Besides", "Loni"),
	 * but may stand inside one ("USA Today") */
	if ((ngi_entity_lex_of(r, i) & NGI_LX_FUNCWORD) || roman_numeral(r, i))
		return 0;
	if (token_is_acronym(r, i))
		return 1;
	if (!r->initial[i])
		return !capitalised_common_noun(r, i);
	unsigned bits = word_bits(r, i);
	if (bits & WS_LOWER)
		return 0;
	if (bits & WS_CAPMID)
		return 1;
	return token_known(r, i) || opens_known_pair(r, i) ||
	       opens_org_name(r, i);
}

/* A capitalised Romance article inside a name, not opening a sentence:
 * "Marine Le Pen", and the Korean "Kim Jong Un", "Kim Il Sung" that spell
 * like one, in an English text. The not-name list holds "le", "un" for
 * French, Spanish or Italian sentences ("Un homme..."); where the
 * document's own language does not use the word, a short one after a name
 * word is part of the name. Words of the document's language ("In", "The"
 * in a title-case headline) never are, nor German articles ("Why Young
 * People Die Early"). */
static int name_particle(find_run *r, size_t i)
{
	const ngi_token *t = &r->doc->tokens[i];
	if (t->kind != NGI_TOK_WORD || !t->capitalised || r->initial[i] ||
	    r->shout[t->sentence] || ngi_utf8_count(t->norm, t->norm_len) > 3 ||
	    is_acronym(r->doc->text + t->start, t->end - t->start))
		return 0; /* "LA", "UN" and shouted text are no particles */
	unsigned lx = ngi_entity_lex_of(r, i);
	if (!(lx & NGI_LX_NOTNAME) || (lx & NGI_LX_TITLE) || t->stop)
		return 0;
	static const char *const romance[] = {"fr", "es", "it", "pt"};
	for (size_t k = 0; k < NGI_ARRAY_LEN(romance); k++)
		if (ngi_is_stopword(romance[k], t->norm, t->norm_len))
			return 1;
	return 0;
}

/* A capital letter alone after a name word, no initial (no dot after):
 * the version of "Sputnik V", "Plan B". Not the English "I" and "A". */
static int version_letter(find_run *r, size_t i)
{
	const ngi_token *tk = r->doc->tokens;
	const ngi_token *t = &tk[i];
	if (t->kind != NGI_TOK_WORD || t->end - t->start != 1 || i == 0)
		return 0;
	char c = r->doc->text[t->start];
	if (c < 'A' || c > 'Z' || (r->english && (c == 'I' || c == 'A')))
		return 0;
	if (tk[i - 1].kind != NGI_TOK_WORD || tk[i - 1].end + 1 != t->start)
		return 0;
	return !(i + 1 < r->doc->n_tokens && tk[i + 1].start == t->end &&
		 r->doc->text[tk[i + 1].start] == '.' &&
		 tk[i + 1].sentence == t->sentence && i + 2 < r->doc->n_tokens &&
		 tk[i + 2].sentence == t->sentence);
}

/* The end of run [t0, t1) without trailing connectors, initial dots or
 * anything else that is no part of a name. A particle ends a name only
 * after two words ("Kim Jong Un", not the title-case "People Die"). */
static size_t trim_run_end(find_run *r, size_t t0, size_t t1)
{
	const ngi_token *tk = r->doc->tokens;
	for (; t1 > t0; t1--) {
		size_t i = t1 - 1;
		if (tk[i].kind == NGI_TOK_WORD &&
		    (name_word_basic(r, i) || (i >= t0 + 2 && name_particle(r, i)) ||
		     (i > t0 && version_letter(r, i))))
			break;
	}
	return t1;
}

/* ---- spans ----------------------------------------------------------------*/
span *ngi_entity_new_span(find_run *r)
{
	if (r->n_spans >= NGI_ENTITY_MAX_MENTIONS)
		return NULL;
	if (r->n_spans == r->cap_spans) {
		size_t cap = r->cap_spans ? r->cap_spans * 2 : 64;
		span *s = ngi_arena_alloc(r->a, cap * sizeof(span));
		if (!s)
			return NULL;
		if (r->n_spans)
			memcpy(s, r->spans, r->n_spans * sizeof(span));
		r->spans = s;
		r->cap_spans = cap;
	}
	span *s = &r->spans[r->n_spans++];
	memset(s, 0, sizeof(*s));
	s->resolved_to = -1;
	return s;
}

/* A title or a reporting cue right before token i (over a dot: "Mr."). */
static int title_before(find_run *r, size_t i)
{
	size_t j = i;
	const ngi_token *tk = r->doc->tokens;
	if (j > 0 && tk[j - 1].kind == NGI_TOK_PUNCT &&
	    r->doc->text[tk[j - 1].start] == '.')
		j--;
	if (j == 0 || tk[j - 1].kind != NGI_TOK_WORD ||
	    tk[j - 1].sentence != tk[i].sentence)
		return 0;
	return (ngi_entity_lex_of(r, j - 1) & NGI_LX_TITLE) ||
	       (lex_tail(r, j - 1) & NGI_LX_TITLE);
}

static int said_after(find_run *r, size_t end_tok)
{
	const ngi_token *tk = r->doc->tokens;
	size_t j = end_tok;
	if (j < r->doc->n_tokens && tk[j].kind == NGI_TOK_PUNCT &&
	    r->doc->text[tk[j].start] == ',')
		j++;
	return j < r->doc->n_tokens && tk[j].kind == NGI_TOK_WORD &&
	       !tk[j].capitalised && (ngi_entity_lex_of(r, j) & NGI_LX_SAID);
}

static int locprep_before(find_run *r, size_t i)
{
	const ngi_token *tk = r->doc->tokens;
	return i > 0 && tk[i - 1].kind == NGI_TOK_WORD &&
	       tk[i - 1].sentence == tk[i].sentence &&
	       (ngi_entity_lex_of(r, i - 1) & NGI_LX_LOCPREP);
}

/* Adds the span of tokens [t0, t1) with its byte range. */
static ng_status add_span(find_run *r, size_t t0, size_t t1, uint32_t start,
			  uint32_t end)
{
	span *s = ngi_entity_new_span(r);
	if (!s)
		return r->n_spans >= NGI_ENTITY_MAX_MENTIONS ? NG_OK
							      : NG_ERR_NOMEM;
	s->tok0 = (uint32_t)t0;
	s->tok1 = (uint32_t)t1;
	s->start = start;
	s->end = end;
	return NG_OK;
}

/* A hyphenated single word: its known parts, or NULL to keep it whole.
 * Returns 1 when parts were emitted. */
static ng_status hyphen_parts(find_run *r, size_t i, int *emitted)
{
	const ngi_token *t = &r->doc->tokens[i];
	const char *text = r->doc->text;
	*emitted = 0;
	uint32_t pb[HYPHEN_MAX_PARTS], pe[HYPHEN_MAX_PARTS];
	size_t np = 0;
	uint32_t b = t->start;
	for (uint32_t k = t->start; k <= t->end && np < HYPHEN_MAX_PARTS; k++) {
		if (k == t->end || text[k] == '-') {
			pb[np] = b;
			pe[np] = k;
			np++;
			b = k + 1;
		}
	}
	if (np < 2 || b < t->end)
		return NG_OK;
	int known[HYPHEN_MAX_PARTS] = {0}, n_known = 0;
	for (size_t p = 0; p < np; p++) {
		size_t len = pe[p] - pb[p];
		if (len == 0)
			return NG_OK;
		unsigned char c0 = (unsigned char)text[pb[p]];
		if (c0 >= '0' && c0 <= '9')
			return NG_OK; /* "COVID-19", "SARS-CoV-2": one name */
		/* fold the part: ASCII lower-casing is enough for the lookups
		 * below, non-ASCII goes through transliteration anyway */
		char low[WORD_KEY_MAX];
		size_t ln = len < sizeof low - 1 ? len : sizeof low - 1;
		for (size_t q = 0; q < ln; q++) {
			char ch = text[pb[p] + q];
			low[q] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
		}
		low[ln] = 0;
		char k[WORD_KEY_MAX];
		size_t kl = ngi_entity_surface_key(r, text + pb[p], len, low, ln, k, sizeof k);
		if (len < 2)
			return NG_OK; /* "Type-C": no name of one letter */
		int acr = is_acronym(text + pb[p], len);
		int cap = (c0 >= 'A' && c0 <= 'Z') || c0 >= 0xC0;
		if (kl && cap &&
		    (acr || ngi_lexicon_name(r->c->lx, k) ||
		     ngi_lexicon_surname(r->c->lx, k))) {
			known[p] = 1;
			n_known++;
		}
	}
	if (!n_known)
		return NG_OK;
	for (size_t p = 0; p < np; p++)
		if (known[p]) {
			ng_status st = add_span(r, i, i + 1, pb[p], pe[p]);
			if (st)
				return st;
		}
	*emitted = 1;
	return NG_OK;
}

/* One segment of a run: German noun runs ("Frage von NBC") become single
 * words; an English possessive is cut. */
static ng_status segment(find_run *r, size_t t0, size_t t1)
{
	const ngi_token *tk = r->doc->tokens;
	t1 = trim_run_end(r, t0, t1);
	if (t1 <= t0)
		return NG_OK;
	if (r->german && t1 - t0 > 1 && !token_given(r, t0)) {
		int keep = 0;
		for (size_t i = t0; i < t1; i++)
			keep |= (ngi_entity_lex_of(r, i) & NGI_LX_ORGWORD) != 0;
		char k[SPAN_KEY_MAX];
		if (!keep) {
			size_t kl = 0;
			for (size_t i = t0; i < t1 && kl + WORD_KEY_MAX < sizeof k;
			     i++)
				if (tk[i].kind == NGI_TOK_WORD && tk[i].capitalised)
					kl += token_key(r, i, k + kl, WORD_KEY_MAX);
			k[kl] = 0;
			keep = ngi_lexicon_name(r->c->lx, k) != NULL;
		}
		if (!keep) {
			for (size_t i = t0; i < t1; i++) {
				if (tk[i].kind != NGI_TOK_WORD ||
				    !name_word_basic(r, i))
					continue;
				ng_status st = segment(r, i, i + 1);
				if (st)
					return st;
			}
			return NG_OK;
		}
	}
	if (t1 - t0 == 1 && memchr(r->doc->text + tk[t0].start, '-',
				   tk[t0].end - tk[t0].start)) {
		int emitted;
		ng_status st = hyphen_parts(r, t0, &emitted);
		if (st || emitted)
			return st;
	}
	uint32_t end = tk[t1 - 1].end;
	if (r->english) {
		/* "Trump's": the possessive is not part of the name */
		const char *e = r->doc->text + end;
		if (end - tk[t1 - 1].start > 3 && e[-1] == 's' && e[-2] == '\'')
			end -= 2;
		else if (end - tk[t1 - 1].start > 5 && e[-1] == 's' &&
			 memcmp(e - 4, "\xe2\x80\x99", 3) == 0)
			end -= 4;
	}
	return add_span(r, t0, t1, tk[t0].start, end);
}

/* Whether run [t0, t1) is a place, organisation or acronym followed by
 * two more name words, none of them an organisation word (which would
 * make the whole one name: "Moscow State University"). */
static int leading_other_name(find_run *r, size_t t0, size_t t1)
{
	const ngi_token *tk = r->doc->tokens;
	if (t1 - t0 < 3)
		return 0;
	for (size_t j = t0 + 1; j < t1; j++)
		if (tk[j].kind != NGI_TOK_WORD ||
		    (ngi_entity_lex_of(r, j) & NGI_LX_ORGWORD))
			return 0;
	if (ngi_entity_lex_of(r, t0) & NGI_LX_ORGWORD)
		return 0;
	if (token_is_acronym(r, t0) || token_known_thing(r, t0))
		return 1;
	char f[128];
	size_t fl = joined_norms(r, t0, t0 + 1, f, sizeof f);
	return fl && ngi_lexicon_place(f, fl, r->slavic) != NULL;
}

/* Closes the run of name words [t0, t1): trims, splits, adds spans. */
static ng_status close_run(find_run *r, size_t t0, size_t t1)
{
	const ngi_token *tk = r->doc->tokens;
	t1 = trim_run_end(r, t0, t1);
	if (t1 <= t0)
		return NG_OK;
	/* Slavic: a genitive place or an acronym before a person's name is
	 * another name ("премьер Пакистана Имран Хан", "SLD Leszek Miller") */
	size_t from = t0;
	if (r->slavic && leading_other_name(r, t0, t1)) {
		ng_status st = segment(r, t0, t0 + 1);
		if (st)
			return st;
		from = t0 + 1;
	}
	/* split before a given name that follows a non-given name word */
	for (size_t j = t0 + 1; j + 1 < t1; j++) {
		if (tk[j].kind != NGI_TOK_WORD || tk[j - 1].kind != NGI_TOK_WORD)
			continue;
		if ((ngi_entity_lex_of(r, j - 1) & NGI_LX_CONNECT) && !tk[j - 1].capitalised)
			continue;
		if (token_given(r, j) &&
		    (!token_given(r, j - 1) || token_known_thing(r, j - 1)) &&
		    tk[j + 1].kind == NGI_TOK_WORD) {
			ng_status st = segment(r, from, j);
			if (st)
				return st;
			from = j;
		}
	}
	return segment(r, from, t1);
}

/* Pass 2: runs of name words within a sentence. */
ng_status ngi_entity_find_spans(find_run *r)
{
	const ngi_doc *d = r->doc;
	size_t i = 0;
	while (i < d->n_tokens) {
		if (!name_word(r, i)) {
			i++;
			continue;
		}
		size_t t0 = i, words = 1;
		uint32_t sent = d->tokens[i].sentence;
		size_t j = i + 1;
		int orgish = (ngi_entity_lex_of(r, i) & NGI_LX_ORGWORD) != 0;
		while (j < d->n_tokens && d->tokens[j].sentence == sent &&
		       words < SPAN_MAX_TOKENS) {
			const ngi_token *t = &d->tokens[j];
			const ngi_token *prev = &d->tokens[j - 1];
			if (t->start != prev->end && t->start > prev->end + 1)
				break; /* more than one space between */
			if (t->kind == NGI_TOK_WORD &&
			    (name_word_basic(r, j) || name_particle(r, j))) {
				orgish |= (ngi_entity_lex_of(r, j) & NGI_LX_ORGWORD) != 0;
				words++;
				j++;
				continue;
			}
			/* a version letter: "Sputnik V", "Plan B" */
			if (version_letter(r, j)) {
				words++;
				j++;
				continue;
			}
			/* "Johnson & Johnson", "Marks & Spencer": one word each
			 * side, neither an acronym nor a given name ("Apple &
			 * HBO", "Kim Kardashian & Kanye West" are two) */
			if (t->kind == NGI_TOK_PUNCT && t->end - t->start == 1 &&
			    d->text[t->start] == '&' && words == 1 &&
			    t->start == prev->end + 1 && j + 2 < d->n_tokens &&
			    d->tokens[j + 1].sentence == sent &&
			    d->tokens[j + 1].start == t->end + 1 &&
			    name_word_basic(r, j + 1) && !token_is_acronym(r, j + 1) &&
			    !token_is_acronym(r, t0) && !token_given(r, t0) &&
			    !token_given(r, j + 1) &&
			    !(d->tokens[j + 2].sentence == sent &&
			      name_word_basic(r, j + 2))) {
				j++;
				continue;
			}
			/* an initial's dot: "J. Smith", "George W. Bush" */
			if (t->kind == NGI_TOK_PUNCT && d->text[t->start] == '.' &&
			    prev->end - prev->start == 1 && j + 1 < d->n_tokens &&
			    name_word_basic(r, j + 1)) {
				j++;
				continue;
			}
			/* a connector between name words: "von der Leyen" */
			if (t->kind == NGI_TOK_WORD && !t->capitalised &&
			    (ngi_entity_lex_of(r, j) & NGI_LX_CONNECT)) {
				size_t k = j;
				while (k < d->n_tokens && k < j + 3 &&
				       d->tokens[k].kind == NGI_TOK_WORD &&
				       !d->tokens[k].capitalised &&
				       (ngi_entity_lex_of(r, k) & NGI_LX_CONNECT))
					k++;
				int of = d->tokens[j].norm_len == 2 &&
					 memcmp(d->tokens[j].norm, "of", 2) == 0;
				if (k < d->n_tokens &&
				    d->tokens[k].sentence == sent &&
				    name_word_basic(r, k) && (!of || orgish)) {
					j = k;
					continue;
				}
			}
			break;
		}
		ng_status st = close_run(r, t0, j);
		if (st)
			return st;
		if (r->n_spans >= NGI_ENTITY_MAX_MENTIONS)
			return NG_OK;
		i = j;
	}
	return NG_OK;
}

/* ---- keys and types ---------------------------------------------------------*/
static char *arena_str(ngi_arena *a, const char *s)
{
	return ngi_arena_strdup(a, s);
}

/* The words of a span (name words only) -> keys. */
ng_status ngi_entity_span_keys(find_run *r, span *s)
{
	char key[SPAN_KEY_MAX], first[WORD_KEY_MAX] = "", last[WORD_KEY_MAX] = "";
	size_t kl = 0;
	int words = 0;
	const ngi_token *tk = r->doc->tokens;
	if (s->tok1 - s->tok0 == 1 &&
	    (s->start != tk[s->tok0].start || s->end != tk[s->tok0].end)) {
		/* a part of a word ("BRICS" of "BRICS-Gipfel", "Trump" of
		 * "Trump's") */
		const char *p = r->doc->text + s->start;
		size_t n = s->end - s->start;
		char low[WORD_KEY_MAX * 2];
		size_t ln = 0;
		for (size_t q = 0; q < n && ln + 1 < sizeof low; q++) {
			char ch = p[q];
			low[ln++] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a')
							   : ch;
		}
		low[ln] = 0;
		kl = ngi_entity_surface_key(r, p, n, low, ln, key, WORD_KEY_MAX);
		memcpy(first, key, kl + 1);
		memcpy(last, key, kl + 1);
		words = kl ? 1 : 0;
	} else {
		for (size_t i = s->tok0; i < s->tok1; i++) {
			if (tk[i].kind != NGI_TOK_WORD ||
			    (!tk[i].capitalised &&
			     !inner_capital(r->doc->text + tk[i].start,
					    tk[i].end - tk[i].start) &&
			     !lower_case_event(r, i)) ||
			    tk[i].end - tk[i].start == 1)
				continue; /* connectors, dots, initials, versions */
			char wk[WORD_KEY_MAX];
			size_t wl = token_key(r, i, wk, sizeof wk);
			if (!wl)
				continue;
			if (kl + wl < SPAN_KEY_MAX) {
				memcpy(key + kl, wk, wl + 1);
				kl += wl;
			}
			if (!words)
				memcpy(first, wk, wl + 1);
			memcpy(last, wk, wl + 1);
			words++;
		}
	}
	if (!words) {
		s->drop = 1;
		return NG_OK;
	}
	key[kl] = 0;
	s->n_words = (uint8_t)(words > 255 ? 255 : words);
	const ngi_token *lt = &tk[s->tok1 - 1];
	if (r->german && words == 1 && lt->norm_len > 4 &&
	    lt->norm[lt->norm_len - 1] == 's' && s->end == lt->end) {
		char ak[WORD_KEY_MAX];
		if (ngi_entity_surface_key(r, r->doc->text + lt->start, lt->end - lt->start - 1,
			     lt->norm, lt->norm_len - 1, ak, sizeof ak)) {
			s->alt_key = arena_str(r->a, ak);
			if (!s->alt_key)
				return NG_ERR_NOMEM;
		}
	}
	s->key = arena_str(r->a, key);
	s->first_key = arena_str(r->a, first);
	s->last_key = arena_str(r->a, last);
	if (!s->key || !s->first_key || !s->last_key)
		return NG_ERR_NOMEM;
	return NG_OK;
}

static void set_type(span *s, int type, int ev)
{
	if (ev > s->evidence) {
		s->type = (uint8_t)type;
		s->evidence = (uint8_t)ev;
	}
}

/* A place and a capitalised head noun: "New York City", "Moscow Oblast",
 * "Faroe Islands". The span keeps its own key (the city is not the
 * state). Typed with the places, before the person cues. */
static int place_with_head(const find_run *r, const span *s)
{
	static const char *const heads[] = {
		"city", "state", "county", "province", "region", "oblast",
		"island", "islands", "district",
	};
	const ngi_token *last = &r->doc->tokens[s->tok1 - 1];
	int head = 0;
	for (size_t i = 0; i < NGI_ARRAY_LEN(heads) && !head; i++)
		head = last->norm_len == strlen(heads[i]) &&
		       !memcmp(last->norm, heads[i], last->norm_len);
	char f[128];
	size_t fl = head ? joined_norms(r, s->tok0, s->tok1 - 1, f, sizeof f) : 0;
	return fl && ngi_lexicon_place(f, fl, r->slavic) != NULL;
}

/* The key of an organisation named by span s and the lower-case words
 * [from, head] after it: the words' keys, then the head's first three. */
static int org_key_with_head(find_run *r, span *s, size_t from, size_t head)
{
	char nk[SPAN_KEY_MAX];
	size_t kl = (size_t)snprintf(nk, sizeof nk, "%s", s->key);
	for (size_t j = from; j <= head && kl + WORD_KEY_MAX < sizeof nk; j++) {
		char wk[WORD_KEY_MAX];
		size_t wl = token_key(r, j, wk, sizeof wk);
		if (j == head && wl > 3)
			wl = 3;
		memcpy(nk + kl, wk, wl);
		kl += wl;
		s->n_words++;
	}
	nk[kl] = 0;
	s->key = s->last_key = arena_str(r->a, nk);
	return s->key == NULL;
}

/* A lower-case noun that announces an organisation right before token i,
 * maybe over an opening quote: "firmy Pfizer", "компания «Пфайзер»". */
static int org_cue_before(find_run *r, size_t i)
{
	const ngi_token *tk = r->doc->tokens;
	size_t j = i;
	if (j > 0 && tk[j - 1].kind == NGI_TOK_PUNCT && tk[j - 1].end == tk[i].start)
		j--; /* an opening quote */
	return j > 0 && tk[j - 1].kind == NGI_TOK_WORD && !tk[j - 1].capitalised &&
	       tk[j - 1].sentence == tk[i].sentence &&
	       (ngi_entity_lex_of(r, j - 1) & NGI_LX_ORGCUE);
}

/* Languages written in Cyrillic. */
static int cyrillic_lang(const char *lang)
{
	static const char *const cyr[] = {"ru", "uk", "bg", "be", "sr", "mk"};
	for (size_t i = 0; i < NGI_ARRAY_LEN(cyr); i++)
		if (strcmp(lang, cyr[i]) == 0)
			return 1;
	return 0;
}

/* Every name word of span s in ASCII Latin letters, in a Cyrillic text. */
static int latin_in_cyrillic(const find_run *r, const span *s)
{
	if (!cyrillic_lang(r->doc->lang))
		return 0;
	const char *p = r->doc->text + s->start, *e = r->doc->text + s->end;
	int letters = 0;
	for (; p < e; p++) {
		unsigned char c = (unsigned char)*p;
		if (c >= 0x80)
			return 0;
		letters += (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}
	return letters >= 2;
}

/* A word of span s with a capital after a lower-case letter ("BioNTech",
 * "AstraZeneca"), but no "McDonald", "MacArthur", "DeSantis", "LeBron" (people). */
static int camel_case(const find_run *r, const span *s)
{
	const char *t = r->doc->text;
	for (uint32_t i = s->start + 1; i < s->end; i++) {
		unsigned char c = (unsigned char)t[i], p = (unsigned char)t[i - 1];
		if (!(c >= 'A' && c <= 'Z') || !(p >= 'a' && p <= 'z'))
			continue;
		/* the word's start */
		uint32_t b = i - 1;
		while (b > s->start && ((unsigned char)t[b - 1] >= 'a' &&
					(unsigned char)t[b - 1] <= 'z'))
			b--;
		if (b > s->start && ((unsigned char)t[b - 1] >= 'A' &&
				     (unsigned char)t[b - 1] <= 'Z'))
			b--;
		if ((i - b == 2 && t[b] == 'M' && t[b + 1] == 'c') ||
		    (i - b == 3 && !memcmp(t + b, "Mac", 3)) ||
		    (i - b <= 3 && (t[b] == 'O' || t[b] == 'D' || t[b] == 'L')))
			continue;
		return 1;
	}
	return 0;
}

/* An organisation's name ends with the place it belongs to, in the
 * genitive or after "на": "Верховный суд Пакистана", "Върховният съд на
 * Пакистан". The span takes the place in (its key stays the
 * organisation's); the place's own span is dropped by the driver. */
static void place_after_head(find_run *r, span *s)
{
	const ngi_token *tk = r->doc->tokens;
	size_t n = r->doc->n_tokens, j = s->tok1;
	if (j < n && tk[j].kind == NGI_TOK_WORD && !tk[j].capitalised &&
	    tk[j].norm_len == 4 && !memcmp(tk[j].norm, "на", 4) &&
	    tk[j].start == tk[j - 1].end + 1)
		j++;
	if (j >= n || tk[j].kind != NGI_TOK_WORD || !tk[j].capitalised ||
	    tk[j].start != tk[j - 1].end + 1 || tk[j].sentence != tk[s->tok0].sentence ||
	    r->initial[j])
		return;
	char f[128];
	size_t fl = joined_norms(r, j, j + 1, f, sizeof f);
	const ngi_known_name *p = fl ? ngi_lexicon_place(f, fl, r->slavic) : NULL;
	if (!p) {
		char k[WORD_KEY_MAX];
		p = token_key(r, j, k, sizeof k) ? ngi_lexicon_name(r->c->lx, k)
						 : NULL;
		if (p && p->type != NGI_ENT_LOC)
			p = NULL;
	}
	if (!p)
		return;
	s->tok1 = (uint32_t)j + 1;
	s->end = tk[j].end;
}

/* Pass 3: a type from the span and its neighbours. */
void ngi_entity_type_span(find_run *r, span *s)
{
	const ngi_lexicon *lx = r->c->lx;
	const ngi_token *tk = r->doc->tokens;
	const ngi_known_name *k = NULL;
	int whole;
	/* a lower-case head noun after, maybe past lower-case adjectives:
	 * "Evropské unie", "Государственная дума", "Световната здравна
	 * организация" (Slavic names capitalise their first word only) */
	whole = s->start == tk[s->tok0].start && s->end == tk[s->tok1 - 1].end;
	size_t head = whole && r->slavic ? head_noun_after(r, s->tok0, s->tok1) : 0;
	if (head) {
		int loc = (ngi_entity_lex_of(r, head) & NGI_LX_LOCHEAD) != 0;
		size_t from = s->tok1;
		s->end = tk[head].end;
		s->tok1 = (uint32_t)head + 1;
		if (loc) {
			/* the key takes the head: "Spojené státy" */
			char hk[WORD_KEY_MAX], nk[SPAN_KEY_MAX];
			size_t hl = token_key(r, head, hk, sizeof hk);
			snprintf(nk, sizeof nk, "%s%.*s", s->key, (int)hl, hk);
			s->key = s->last_key = arena_str(r->a, nk);
			if (!s->key) {
				s->drop = 1;
				return;
			}
			s->n_words++;
			k = ngi_lexicon_name(lx, s->key);
			s->known = k;
			set_type(s, k ? k->type : NGI_ENT_LOC, EV_STRONG);
			return;
		}
		/* the key takes the adjectives and the head's first letters,
		 * which its case forms keep ("суд", "суда", "судом"), so the
		 * Supreme Court is not the Supreme Council */
		if (org_key_with_head(r, s, from, head)) {
			s->drop = 1;
			return;
		}
		k = ngi_lexicon_name(lx, s->key);
		s->known = k;
		set_type(s, k ? k->type : NGI_ENT_ORG, EV_STRONG);
		place_after_head(r, s);
		return;
	}
	k = ngi_lexicon_name(lx, s->key);
	if (k && strlen(s->key) <= SHORT_KEY) {
		/* a short key meets names that only sound alike: the span must
		 * start as one of the entry's spellings ("Hanoi" is no China) */
		size_t fl = 0; /* the span's own text: a hyphenated word's part
				  ("US" of "US-led") is not the whole token */
		const char *folded = ngi_text_fold(r->doc->text + s->start,
						   s->end - s->start, r->a, &fl);
		if (!folded) {
			s->drop = 1;
			return;
		}
		if (fl && !ngi_lexicon_spelled_like(lx, k, folded, fl)) {
			/* nor is it counted with it: its key takes its first
			 * three letters (inflected forms keep meeting) */
			size_t pl = ngi_utf8_prefix(folded, fl, 3, NULL);
			char nk[SPAN_KEY_MAX];
			snprintf(nk, sizeof nk, "%s:%.*s", s->key, (int)pl, folded);
			s->key = arena_str(r->a, nk);
			if (!s->key) {
				s->drop = 1;
				return;
			}
			k = NULL;
		}
	}
	if (!k && s->alt_key) {
		k = ngi_lexicon_name(lx, s->alt_key);
		if (!k)
			k = ngi_lexicon_surname(lx, s->alt_key);
		if (k)
			s->key = s->first_key = s->last_key = s->alt_key;
	}
	if (k) {
		s->known = k;
		set_type(s, k->type, EV_STRONG);
		return;
	}
	int org = 0;
	for (size_t i = s->tok0; i < s->tok1; i++)
		if (tk[i].kind == NGI_TOK_WORD && (ngi_entity_lex_of(r, i) & NGI_LX_ORGWORD))
			org = 1;
	if (org) {
		set_type(s, NGI_ENT_ORG, EV_STRONG);
		return;
	}
	/* "BRICS Summit", "Kremlin Administration": a known organisation or
	 * place and a word that is not a name */
	k = s->n_words >= 2 && whole ? ngi_lexicon_name(lx, s->first_key) : NULL;
	if (k && k->type == NGI_ENT_ORG && tk[s->tok0].capitalised &&
	    !ngi_lexicon_given(lx, s->first_key)) {
		s->tok1 = s->tok0 + 1;
		s->end = tk[s->tok0].end;
		s->key = s->last_key = s->first_key;
		s->n_words = 1;
		s->known = k;
		set_type(s, k->type, EV_STRONG);
		return;
	}
	/* a country or city (gazetteer.c) unless a title makes it a person
	 * ("Mr Jordan"); a place still says things ("Nicaragua said") */
	int titled = title_before(r, s->tok0);
	char folded[128];
	size_t fl = whole && !titled ? joined_norms(r, s->tok0, s->tok1, folded,
						    sizeof folded)
				     : 0;
	s->place = fl ? ngi_lexicon_place(folded, fl, r->slavic) : NULL;
	if (s->place || (fl && s->n_words >= 2 && place_with_head(r, s))) {
		set_type(s, NGI_ENT_LOC, EV_MEDIUM);
		return;
	}
	/* "firmy Pfizer", "компания «Пфайзер»", "the airline Ryanair" */
	if (org_cue_before(r, s->tok0)) {
		set_type(s, NGI_ENT_ORG, EV_STRONG);
		return;
	}
	/* a name in Latin letters in a Cyrillic text is a brand or a firm's
	 * (people and places are transliterated): "Pfizer", "Wizz Air"; and
	 * so is a word with a capital inside ("BioNTech", "AstraZeneca") */
	if (!titled && (latin_in_cyrillic(r, s) || camel_case(r, s))) {
		set_type(s, NGI_ENT_ORG, EV_MEDIUM);
		return;
	}
	if (!titled && s->n_words == 1 && token_is_acronym(r, s->tok0)) {
		set_type(s, NGI_ENT_ORG, EV_MEDIUM);
		return; /* "TLP said": organisations say things too */
	}
	s->per_cue = (uint8_t)(titled || said_after(r, s->tok1));
	if (s->per_cue) {
		/* a reporting verb after a lone word is a weaker cue: firms
		 * and parties say things ("Pfizer poinformował") */
		set_type(s, NGI_ENT_PER,
			 titled || s->n_words >= 2 ? EV_STRONG : EV_MEDIUM);
		return;
	}
	if (s->n_words >= 2 && ngi_lexicon_given(lx, s->first_key)) {
		set_type(s, NGI_ENT_PER, EV_STRONG);
		return;
	}
	const ngi_known_name *sn =
		s->n_words == 1 ? ngi_lexicon_surname(lx, s->key) : NULL;
	if (sn && strlen(s->key) <= SHORT_KEY) {
		const ngi_token *t0 = &tk[s->tok0];
		if (!ngi_lexicon_spelled_like(lx, sn, t0->norm, t0->norm_len))
			sn = NULL;
	}
	if (sn) {
		set_type(s, NGI_ENT_PER, EV_STRONG);
		return;
	}
	if (locprep_before(r, s->tok0)) {
		set_type(s, NGI_ENT_LOC, EV_WEAK);
		if (r->german && s->n_words == 1)
			s->tentative = 1;
		return;
	}
	if (s->n_words >= 2) {
		/* "Северна Ирландия" (not the first word: "Asia Bibi") */
		const ngi_known_name *l = ngi_lexicon_name(lx, s->last_key);
		if (l && strlen(s->last_key) <= SHORT_KEY) {
			/* "Имран Хан" is no China (h_n) */
			const ngi_token *lt = &tk[s->tok1 - 1];
			if (!ngi_lexicon_spelled_like(lx, l, lt->norm, lt->norm_len))
				l = NULL;
		}
		if (l && l->type == NGI_ENT_LOC)
			set_type(s, NGI_ENT_LOC, EV_MEDIUM);
		else
			set_type(s, NGI_ENT_PER, EV_WEAK);
		return;
	}
	set_type(s, r->slavic ? NGI_ENT_LOC : NGI_ENT_PER, EV_WEAK);
	if (r->german)
		s->tentative = 1;
}
