// The UI's languages: English (the key of every string) and Portuguese
// (Brazil). tr("Reset") returns the current language's text; a string the
// catalogue lacks falls back to English (a unit test fails on any tr()
// literal in src/app without a Portuguese entry, so that never ships).
//
// The language: lang= in the link or the EN|PT switch (explicit) wins over
// the browser's navigator.language (pt* -> pt, anything else -> en).
// ImGui-free, so it is unit-tested natively.
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/config/config.h"

namespace unroll::app {

const char* tr(const char* english);
std::string tr(const std::string& english);
// For English texts with numbers in them (core's task descriptions): every
// run of digits becomes %s to find the catalogue entry, then the numbers go
// back into the Portuguese text in the same order ("Read 20 digits..." ->
// key "Read %s digits..."). Untranslated texts come back unchanged.
std::string tr_with_numbers(const std::string& english);

// "pt" or "en"; anything else is ignored (returns false).
bool set_language(std::string_view lang);
const std::string& language();
// The browser's language, used unless set_language() was called.
void set_browser_language(std::string_view navigator_language);
// Back to English with no choice made (tests).
void reset_language();

// Key table texts in the current language (English from the table itself).
const std::string& key_label(const KeyDef& k);
const std::string& key_help(const KeyDef& k);

// ---- the catalogues (for tests) ----
// The Portuguese text of an English UI string, or nullptr if missing.
const char* portuguese(std::string_view english);
size_t portuguese_entries();
// Every (English, Portuguese) pair of the UI catalogue.
std::vector<std::pair<const char*, const char*>> portuguese_catalogue();
struct KeyTextPt {
  const char* name;   // key name (URL spelling)
  const char* label;  // short label
  const char* help;   // tooltip
};
// The Portuguese label/help of a key, or nullptr if missing.
const KeyTextPt* key_text_pt(std::string_view name);

}  // namespace unroll::app
