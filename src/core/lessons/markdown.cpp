#include "core/lessons/markdown.h"

namespace unroll {
namespace {

std::string_view strip(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

void add(std::vector<MdSpan>& out, SpanStyle style, std::string_view text) {
  if (text.empty()) return;
  if (!out.empty() && out.back().style == style) out.back().text += text;
  else out.push_back({style, std::string(text)});
}

}  // namespace

std::vector<MdSpan> parse_spans(std::string_view s) {
  std::vector<MdSpan> out;
  size_t k = 0;
  while (k < s.size()) {
    // Which marker opens here, and where does it close?
    std::string_view marker;
    SpanStyle style = SpanStyle::Plain;
    if (s.compare(k, 2, "**") == 0) { marker = "**"; style = SpanStyle::Bold; }
    else if (s[k] == '*') { marker = "*"; style = SpanStyle::Emph; }
    else if (s[k] == '`') { marker = "`"; style = SpanStyle::Code; }
    if (!marker.empty()) {
      const size_t close = s.find(marker, k + marker.size());
      if (close != std::string_view::npos && close > k + marker.size()) {
        add(out, style, s.substr(k + marker.size(), close - k - marker.size()));
        k = close + marker.size();
        continue;
      }
    }
    // Plain text up to the next possible marker.
    size_t next = s.find_first_of("*`", k + 1);
    if (next == std::string_view::npos) next = s.size();
    add(out, SpanStyle::Plain, s.substr(k, next - k));
    k = next;
  }
  return out;
}

std::vector<MdBlock> parse_markdown(std::string_view text) {
  std::vector<MdBlock> blocks;
  bool paragraph_open = false;  // consecutive plain lines join into one paragraph
  size_t at = 0;
  while (at <= text.size()) {
    size_t nl = text.find('\n', at);
    if (nl == std::string_view::npos) nl = text.size();
    const std::string_view line = strip(text.substr(at, nl - at));
    at = nl + 1;
    if (line.empty()) { paragraph_open = false; continue; }
    MdBlock b;
    std::string_view body = line;
    if (line.rfind("## ", 0) == 0) { b.kind = BlockKind::Heading2; body = line.substr(3); }
    else if (line.rfind("# ", 0) == 0) { b.kind = BlockKind::Heading1; body = line.substr(2); }
    else if (line.rfind("- ", 0) == 0) { b.kind = BlockKind::Bullet; body = line.substr(2); }
    else if (paragraph_open) {
      add(blocks.back().spans, SpanStyle::Plain, " ");
      for (const MdSpan& sp : parse_spans(line)) add(blocks.back().spans, sp.style, sp.text);
      continue;
    }
    b.spans = parse_spans(strip(body));
    paragraph_open = b.kind == BlockKind::Paragraph;
    blocks.push_back(std::move(b));
  }
  return blocks;
}

}  // namespace unroll
