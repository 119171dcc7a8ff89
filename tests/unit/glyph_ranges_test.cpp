// Every character the UI can draw is in the font: inside the glyph ranges
// (src/app/widgets/glyph_ranges.txt, the ranges the ImGui atlas rasterises
// and the site's font subset keeps) and in DejaVu Sans itself. A character
// outside them would be drawn as ImGui's fallback '?'.
// The texts: both UI catalogues, the key table in both languages, every
// string literal of src/app and src/core (messages, task views, corpora),
// every lesson file and the glossary.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "app/glyph_ranges.h"
#include "app/state/i18n.h"
#include "core/config/config.h"
#include "source_literals.h"
#include "truetype_cmap.h"

namespace unroll::app {
namespace {

namespace fs = std::filesystem;
const fs::path kRoot = UNROLL_SOURCE_DIR;
const char* kFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";  // fonts-dejavu-core

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// UTF-8 to code points; a malformed byte becomes U+FFFD (which then fails the test).
std::vector<char32_t> code_points(const std::string& s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + size_t(n) > s.size()) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t cp = n == 1 ? c : c & (0x7F >> n);
    for (int k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + size_t(k)]) & 0x3F);
    out.push_back(cp);
    i += size_t(n);
  }
  return out;
}

bool in_ranges(char32_t cp) {
  for (size_t k = 0; kGlyphRanges[k] != 0; k += 2)
    if (cp >= kGlyphRanges[k] && cp <= kGlyphRanges[k + 1]) return true;
  return false;
}

// Drawn text: control characters are layout (newline, tab), not glyphs.
bool drawn(char32_t cp) { return cp >= 0x20 && cp != 0x7F; }

// Every drawn code point of every text, with the first place it appears.
class Texts {
 public:
  void add(const std::string& where, const std::string& text) {
    for (char32_t cp : code_points(text))
      if (drawn(cp)) first_.emplace(cp, where);
  }
  const std::map<char32_t, std::string>& chars() const { return first_; }

 private:
  std::map<char32_t, std::string> first_;
};

std::string hex(char32_t cp) {
  char b[16];
  std::snprintf(b, sizeof b, "U+%04X", unsigned(cp));
  return b;
}

Texts all_texts() {
  Texts t;
  for (const auto& [en, pt] : portuguese_catalogue()) {
    t.add("UI catalogue (English)", en);
    t.add("UI catalogue (Portuguese)", pt);
  }
  for (const KeyDef& k : key_table()) {
    t.add("key table: " + k.name, k.label + " " + k.help);
    if (const KeyTextPt* p = key_text_pt(k.name)) t.add("key table (Portuguese): " + k.name, std::string(p->label) + " " + p->help);
  }
  for (const char* dir : {"src/app", "src/core"}) {
    for (const auto& e : fs::recursive_directory_iterator(kRoot / dir)) {
      const auto ext = e.path().extension();
      if (ext != ".cpp" && ext != ".h") continue;
      for (const std::string& s : test::string_literals(read_file(e.path()))) {
        // A byte-order mark is compared against and stripped by readers, never drawn.
        if (s == "\xEF\xBB\xBF") continue;
        t.add(fs::relative(e.path(), kRoot).string(), s);
      }
    }
  }
  for (const auto& e : fs::directory_iterator(kRoot / "lessons")) t.add(fs::relative(e.path(), kRoot).string(), read_file(e.path()));
  return t;
}

TEST(GlyphRanges, AreSortedPairsEndingInZero) {
  size_t n = 0;
  while (kGlyphRanges[n] != 0) ++n;
  ASSERT_EQ(n % 2, 0u);
  ASSERT_GE(n, 2u);
  for (size_t k = 0; k < n; k += 2) {
    EXPECT_LE(kGlyphRanges[k], kGlyphRanges[k + 1]) << "range " << k / 2;
    if (k > 0) EXPECT_LT(kGlyphRanges[k - 1], kGlyphRanges[k]) << "ranges overlap or are out of order at " << k / 2;
  }
  EXPECT_EQ(kGlyphRanges[0], 0x20);  // ASCII first: ImGui's fallback '?' and the ellipsis live there
}

TEST(GlyphRanges, TheScansFindTheTexts) {
  const Texts texts = all_texts();
  const auto& chars = texts.chars();
  // Letters the texts are known to hold: the scans did read them.
  for (char32_t cp : {U'ç', U'ã', U'ρ', U'⇥', U'✓', U'⏎', U'ᵀ', U'≈'}) EXPECT_EQ(chars.count(cp), 1u) << hex(cp);
}

TEST(GlyphRanges, EveryCharacterOfTheUiAndTheLessonsIsInTheRangesAndTheFont) {
  const std::vector<char32_t> font = test::truetype_cmap(read_file(kFont));
  ASSERT_GT(font.size(), 1000u) << kFont << " unreadable (apt-get install fonts-dejavu-core)";
  const std::set<char32_t> has(font.begin(), font.end());
  const Texts texts = all_texts();
  for (const auto& [cp, where] : texts.chars()) {
    EXPECT_TRUE(in_ranges(cp)) << hex(cp) << " (first in " << where
                               << ") is outside src/app/widgets/glyph_ranges.txt: it would be drawn as '?'";
    EXPECT_EQ(has.count(cp), 1u) << hex(cp) << " (first in " << where << ") is not in DejaVu Sans";
  }
}

}  // namespace
}  // namespace unroll::app
