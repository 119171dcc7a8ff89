#include "app/state/i18n.h"

#include <cctype>
#include <unordered_map>
#include <vector>

namespace unroll::app {

// i18n_pt.cpp: the catalogues.
extern const std::pair<const char*, const char*> kPortugueseUi[];
extern const size_t kPortugueseUiCount;
extern const KeyTextPt kPortugueseKeys[];
extern const size_t kPortugueseKeyCount;

namespace {

struct State {
  std::string lang = "en";
  bool explicit_choice = false;
};
State& st() {
  static State s;
  return s;
}

const std::unordered_map<std::string_view, const char*>& ui_map() {
  static const auto m = [] {
    std::unordered_map<std::string_view, const char*> out;
    for (size_t k = 0; k < kPortugueseUiCount; ++k) out.emplace(kPortugueseUi[k].first, kPortugueseUi[k].second);
    return out;
  }();
  return m;
}

}  // namespace

const char* portuguese(std::string_view english) {
  const auto& m = ui_map();
  const auto it = m.find(english);
  return it == m.end() ? nullptr : it->second;
}

size_t portuguese_entries() { return kPortugueseUiCount; }

std::vector<std::pair<const char*, const char*>> portuguese_catalogue() {
  return {kPortugueseUi, kPortugueseUi + kPortugueseUiCount};
}

const KeyTextPt* key_text_pt(std::string_view name) {
  for (size_t k = 0; k < kPortugueseKeyCount; ++k)
    if (name == kPortugueseKeys[k].name) return &kPortugueseKeys[k];
  return nullptr;
}

const char* tr(const char* english) {
  if (st().lang != "pt") return english;
  const char* pt = portuguese(english);
  return pt ? pt : english;
}

std::string tr(const std::string& english) { return tr(english.c_str()); }

std::string tr_with_numbers(const std::string& english) {
  if (st().lang != "pt") return english;
  std::string key;
  std::vector<std::string> numbers;
  for (size_t k = 0; k < english.size();) {
    if (std::isdigit(static_cast<unsigned char>(english[k]))) {
      size_t end = k;
      while (end < english.size() && std::isdigit(static_cast<unsigned char>(english[end]))) ++end;
      numbers.push_back(english.substr(k, end - k));
      key += "%s";
      k = end;
    } else {
      key += english[k++];
    }
  }
  const char* pt = portuguese(key);
  if (!pt) return english;
  std::string out;
  size_t next = 0;
  for (const char* c = pt; *c; ++c) {
    if (c[0] == '%' && c[1] == 's' && next < numbers.size()) {
      out += numbers[next++];
      ++c;
    } else {
      out += *c;
    }
  }
  return out;
}

bool set_language(std::string_view lang) {
  if (lang != "pt" && lang != "en") return false;
  st().lang = std::string(lang);
  st().explicit_choice = true;
  return true;
}

const std::string& language() { return st().lang; }

void reset_language() { st() = State{}; }

void set_browser_language(std::string_view nav) {
  if (st().explicit_choice) return;
  st().lang = (nav.size() >= 2 && (nav.substr(0, 2) == "pt" || nav.substr(0, 2) == "PT")) ? "pt" : "en";
}

const std::string& key_label(const KeyDef& k) {
  static std::unordered_map<std::string, std::string> cache;  // stable storage for the pt text
  if (st().lang != "pt") return k.label;
  const KeyTextPt* t = key_text_pt(k.name);
  if (!t) return k.label;
  auto& slot = cache[k.name + "/l"];
  if (slot.empty()) slot = t->label;
  return slot;
}

const std::string& key_help(const KeyDef& k) {
  static std::unordered_map<std::string, std::string> cache;
  if (st().lang != "pt") return k.help;
  const KeyTextPt* t = key_text_pt(k.name);
  if (!t) return k.help;
  auto& slot = cache[k.name];
  if (slot.empty()) slot = t->help;
  return slot;
}

}  // namespace unroll::app
