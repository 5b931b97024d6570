/*
 * langid_cld2.cc: language identification, the one C++ file of newsgraph.
 *
 * A thin extern "C" wrapper around CLD2 (Compact Language Detector 2,
 * Debian's libcld2) so the C code can ask "what language is this text?".
 * ngi_text_analyze calls it when a record comes without a language hint.
 * CLD2 is thread-safe and keeps no state between calls. We answer "und"
 * unless CLD2 calls its answer reliable and saw enough letters to mean it.
 *
 * No C++ exception may cross into C (it would end the process, or unwind
 * through frames that know nothing of it): every CLD2 call runs inside one
 * try block, std::bad_alloc becomes NG_ERR_NOMEM and any other exception
 * the answer "und".
 */
extern "C" {
#include "text.h"
}

#include <string.h>

#include <new>
#include <stdexcept>

#include <cld2/public/compact_lang_det.h>

namespace {

/* Fewer letters than this and any answer is a guess. */
const int kMinTextBytes = 24;

/* CLD2 costs about 40 us per KB of Latin-script text, more than the rest
 * of the analysis together. So it first reads a prefix (the headline and
 * lead of an article, which settle its language nearly always) and reads
 * on, up to kMaxBytes, only when that answer is unreliable or mixed. */
const size_t kFirstBytes = 1536;
const size_t kMaxBytes = 16 * 1024;
const int kSettledPercent = 90;

/* Where CLD2's code is not ISO 639-1 ("iw" for Hebrew, "zh-Hant"). */
struct code_fix {
	const char *cld2;
	const char *iso;
};
const code_fix kFixes[] = {
	{"iw", "he"}, {"in", "id"}, {"ji", "yi"}, {"jw", "jv"},
	{"zh-Hant", "zh"}, {"zh-TW", "zh"}, {"zh-CN", "zh"},
	{"pt-PT", "pt"}, {"pt-BR", "pt"},
};

void set_und(char out[8])
{
	memcpy(out, "und", 4);
}

/* Copies a CLD2 code as an ISO 639-1 (or, lacking one, 639-2) code. */
bool copy_code(const char *code, char out[8])
{
	for (const code_fix &f : kFixes) {
		if (strcmp(code, f.cld2) == 0) {
			code = f.iso;
			break;
		}
	}
	size_t n = strlen(code);
	if (n < 2 || n > 3)
		return false;
	for (size_t i = 0; i < n; i++)
		if (code[i] < 'a' || code[i] > 'z')
			return false;
	memcpy(out, code, n + 1);
	return true;
}

/* At most max bytes of text, cut after a space if there is one near the
 * end (so no word is cut in two) or else at a code-point boundary. */
size_t cut(const char *text, size_t len, size_t max)
{
	if (len <= max)
		return len;
	for (size_t i = max; i > max - max / 8; i--)
		if (text[i] == ' ' || text[i] == '\n')
			return i;
	size_t n = max;
	while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80)
		n--;
	return n;
}

/* The CLD2 calls of ngi_langid_detect; may throw. */
void detect(const char *text, size_t len, char out[8], int *reliable,
	    int *percent)
{
	switch (ngi_fault("cld2")) {
	case 0: break;
	case 1: throw std::bad_alloc();
	default: throw std::runtime_error("injected by a test");
	}
	CLD2::Language language3[3];
	int percent3[3] = {0, 0, 0};
	int text_bytes = 0;
	bool is_reliable = false;
	CLD2::Language top = CLD2::UNKNOWN_LANGUAGE;
	size_t limit = kFirstBytes;
	for (;;) {
		size_t n = cut(text, len, limit);
		top = CLD2::ExtDetectLanguageSummary(
			text, static_cast<int>(n), true, language3, percent3,
			&text_bytes, &is_reliable);
		if (n == len || limit >= kMaxBytes ||
		    (is_reliable && percent3[0] >= kSettledPercent))
			break;
		limit = kMaxBytes;
	}

	if (percent)
		*percent = percent3[0];
	if (!is_reliable || text_bytes < kMinTextBytes ||
	    top == CLD2::UNKNOWN_LANGUAGE || top == CLD2::TG_UNKNOWN_LANGUAGE)
		return;
	if (!copy_code(CLD2::LanguageCode(top), out)) {
		set_und(out);
		return;
	}
	if (reliable)
		*reliable = 1;
}

} // namespace

extern "C" ng_status ngi_langid_detect(const char *text, size_t len,
				       char out[8], int *reliable, int *percent)
{
	set_und(out);
	if (reliable)
		*reliable = 0;
	if (percent)
		*percent = 0;
	if (!text || len == 0)
		return NG_OK;
	ng_status st = NG_OK;
	try {
		detect(text, len, out, reliable, percent);
		return NG_OK;
	} catch (const std::bad_alloc &) {
		st = NG_ERR_NOMEM;
	} catch (...) {
		st = NG_OK; /* CLD2 failed on this text: no language */
	}
	set_und(out);
	if (reliable)
		*reliable = 0;
	if (percent)
		*percent = 0;
	return st;
}
