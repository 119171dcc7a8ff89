// The markdown subset of lesson text, parsed into blocks of styled spans
// (the UI draws them; this part is ImGui-free and unit-tested):
//   # Heading / ## Subheading      - list item      blank line = new paragraph
//   **bold**   *emphasis*   `code`   (formulas: plain Unicode, e.g. ∂L/∂hₜ, ρ < 1)
// Anything else is plain text; an unclosed marker is kept as written.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace unroll {

enum class SpanStyle { Plain, Bold, Emph, Code };

struct MdSpan {
  SpanStyle style = SpanStyle::Plain;
  std::string text;
};

enum class BlockKind { Heading1, Heading2, Paragraph, Bullet };

struct MdBlock {
  BlockKind kind = BlockKind::Paragraph;
  std::vector<MdSpan> spans;
};

std::vector<MdBlock> parse_markdown(std::string_view text);
std::vector<MdSpan> parse_spans(std::string_view line);

}  // namespace unroll
