// Attention panel: where each query position looks, for probe sequence 0.
// One map per (layer, head): rows = queries (the position doing the
// looking), columns = keys (the positions looked at), colour = the weight;
// each row is a softmax, so it sums to 1. Axes carry the probe's tokens.
// model=seq2seq without attention has no map: the panel says so and draws
// the context-vector bottleneck instead.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "app/widgets/colormap.h"
#include "core/tasks/seq2seq_task.h"
#include "app/state/i18n.h"
#include "app/panels/panels.h"
#include "app/widgets/ui.h"

namespace unroll::app {
namespace {

// Which attention of the probe the panel shows.
enum class Kind { EncoderDecoder, DecoderSelf, EncoderSelf, Cross, StreamSelf };

// Texts of the table are English keys, translated with tr() when drawn.
struct KindInfo {
  Kind kind;
  const char* name;     // selector entry
  const char* caption;  // one line under the controls: how to read a row
  const char* brief;    // the same for narrow panels
  const char* help;     // tooltip: what the map means
};

const KindInfo& info(Kind k) {
  static const KindInfo table[] = {
      {Kind::EncoderDecoder, "decoder over encoder",
       "row = an output step (the digit it wrote), column = a source token it read",
       "rows: output steps, columns: source tokens",
       "Bahdanau/Luong attention of the recurrent decoder. Row t: where output step t looks: a softmax "
       "over the encoder's states, one per source token, so every row sums to 1. The decoder mixes the "
       "states by these weights into its context for that step. Reversing a sequence shows up as an "
       "anti-diagonal, copying as a diagonal."},
      {Kind::DecoderSelf, "decoder self-attention",
       "row = an output step, column = a decoder input it reads (causal: never a later one)",
       "rows: output steps, columns: decoder inputs",
       "Self-attention of the Transformer's decoder. Row t: where output step t looks among the decoder's "
       "own inputs ('=' then the digits written so far). The upper triangle is masked: a step may not "
       "look at tokens it has not written yet. Each row sums to 1."},
      {Kind::EncoderSelf, "encoder self-attention",
       "row = a source position, column = the source positions it mixes in",
       "rows and columns: source positions",
       "Self-attention of the Transformer's encoder. Row i: which source tokens position i gathers "
       "information from to build its new vector. Each row sums to 1; every position reads every other "
       "one at once (no recurrence)."},
      {Kind::Cross, "cross-attention",
       "row = an output step (the digit it wrote), column = a source token it read",
       "rows: output steps, columns: source tokens",
       "Cross-attention: the decoder's queries against the encoder's outputs. Row t: where output step t "
       "looks in the source. Each row sums to 1. Reversing shows up as an anti-diagonal."},
      {Kind::StreamSelf, "self-attention",
       "row = a position of the input stream, column = an earlier position it reads",
       "rows: positions, columns: earlier positions",
       "Causal self-attention of a decoder-only Transformer over the task's single stream. Row t: where "
       "position t looks among positions 0..t. Each row sums to 1."},
  };
  for (const auto& e : table)
    if (e.kind == k) return e;
  return table[0];
}

struct AttentionView {
  Kind kind = Kind::EncoderDecoder;
  int layer = 0;
  int head = 0;
  bool all_heads = false;
  bool fixed_range = false;  // colour 0..1 instead of 0..max of the map
};

AttentionView& view() {
  static AttentionView v;
  return v;
}

// Tokens along one axis of a map, and what a position on it is.
struct Axis {
  std::vector<std::string> tokens;  // empty = positions only
  const char* role = "position";    // e.g. "output step", "source token" (English key of tr())
  std::string label(int i) const {
    const std::string n = std::to_string(i);
    if (i >= 0 && size_t(i) < tokens.size()) return "'" + tokens[size_t(i)] + "' (" + n + ")";
    return n;
  }
};

int argmax_col(const Mat<float>& m, Index col) {
  Index best = 0;
  m.col(col).maxCoeff(&best);
  return int(best);
}

std::string vocab_at(const std::vector<std::string>& vocab, int id) {
  return id >= 0 && size_t(id) < vocab.size() ? vocab[size_t(id)] : "?";
}

// Outputs of the decoder for sequence 0 (greedy): one token per step.
std::vector<std::string> decoder_outputs(const ProbeSnapshot& p, const std::vector<std::string>& vocab) {
  std::vector<std::string> out;
  if (p.B <= 0 || p.out.cols() != p.T * p.B) return out;
  for (Index t = 0; t < p.T; ++t) out.push_back(vocab_at(vocab, argmax_col(p.out, t * p.B)));
  return out;
}

// Inputs of the decoder for sequence 0 in greedy decoding: the go token '='
// then each step's own output.
std::vector<std::string> decoder_inputs(const std::vector<std::string>& outputs) {
  if (outputs.empty()) return {};
  std::vector<std::string> in{"="};
  for (size_t t = 0; t + 1 < outputs.size(); ++t) in.push_back(outputs[t]);
  return in;
}

// Tokens of the single input stream (decoder-only Transformer): argmax of
// each one-hot input column; none for real-valued inputs.
std::vector<std::string> stream_tokens(const ProbeSnapshot& p, const std::vector<std::string>& vocab) {
  std::vector<std::string> out;
  const Mat<float>& x = p.batch.x;
  if (vocab.empty() || p.batch.B <= 0 || x.rows() != Index(vocab.size())) return out;
  for (Index t = 0; t < p.batch.T; ++t) out.push_back(vocab_at(vocab, argmax_col(x, t * p.batch.B)));
  return out;
}

// The axes of a map of `kind` with `rows` x `cols` entries.
void axes_for(Kind kind, const ProbeSnapshot& p, const std::vector<std::string>& vocab, Index rows, Index cols,
              Axis* q, Axis* k) {
  const std::vector<std::string> outs = decoder_outputs(p, vocab);
  switch (kind) {
    case Kind::EncoderDecoder:
    case Kind::Cross:
      *q = {outs, "output step"};
      *k = {p.attn.source_tokens, "source token"};
      break;
    case Kind::DecoderSelf:
      *q = {outs, "output step"};
      *k = {decoder_inputs(outs), "decoder input"};
      break;
    case Kind::EncoderSelf:
      *q = {p.attn.source_tokens, "source position"};
      *k = {p.attn.source_tokens, "source token"};
      break;
    case Kind::StreamSelf: {
      const auto s = stream_tokens(p, vocab);
      *q = {s, "position"};
      *k = {s, "position"};
      break;
    }
  }
  if (Index(q->tokens.size()) != rows) q->tokens.clear();
  if (Index(k->tokens.size()) != cols) k->tokens.clear();
}

// The maps of `kind`: [layer][head], each queries x keys.
const std::vector<std::vector<Mat<float>>>& maps_of(Kind kind, const AttentionProbe& a) {
  switch (kind) {
    case Kind::EncoderSelf: return a.encoder_attention;
    case Kind::Cross: return a.cross_attention;
    default: return a.attention;
  }
}

void colour_bar(ImDrawList* dl, ImVec2 p0, float height, float hi) {
  constexpr int kSegments = 16;
  for (int s = 0; s < kSegments; ++s) {
    const float u0 = float(s) / kSegments, u1 = float(s + 1) / kSegments;
    const ImU32 c0 = colormap_u32(Colormap::Viridis, u0), c1 = colormap_u32(Colormap::Viridis, u1);
    const float y0 = p0.y + height * (1 - u1), y1 = p0.y + height * (1 - u0);
    dl->AddRectFilledMultiColor(ImVec2(p0.x, y0), ImVec2(p0.x + 10, y1), c1, c1, c0, c0);
  }
  const ImU32 muted = ImGui::ColorConvertFloat4ToU32(ui::kMuted);
  dl->AddText(ImVec2(p0.x + 14, p0.y), muted, ui::fmt(hi).c_str());
  dl->AddText(ImVec2(p0.x + 14, p0.y + height - ImGui::GetFontSize()), muted, "0");
}

// Draws one attention map (rows x cols, weights in [0, 1]) with token labels
// at the cursor, taking `size`. Returns true if the map was clicked.
bool attention_map(const char* id, const Mat<float>& a, const Axis& q, const Axis& k, ImVec2 size,
                   bool fixed_range, bool with_bar, const char* row_help) {
  ImGui::PushID(id);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  size.x = std::max(size.x, 40.f);
  size.y = std::max(size.y, 30.f);
  const bool clicked = ImGui::InvisibleButton("##map", size);
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImU32 muted = ImGui::ColorConvertFloat4ToU32(ui::kMuted);
  const float fh = ImGui::GetFontSize();
  const int rows = int(a.rows()), cols = int(a.cols());
  if (rows == 0 || cols == 0) {
    dl->AddText(ImVec2(p0.x + 4, p0.y + 4), muted, tr("no attention recorded yet"));
    ImGui::PopID();
    return false;
  }
  float hi = fixed_range ? 1.f : a.maxCoeff();
  if (!(hi > 0)) hi = 1.f;

  // Label strips: query tokens on the left, key tokens on top, if cells
  // are large enough to read them; the colour bar on the right.
  float q_w = 0;
  for (int r = 0; r < rows; ++r)
    q_w = std::max(q_w, ImGui::CalcTextSize(r < int(q.tokens.size()) ? q.tokens[size_t(r)].c_str() : "00").x);
  const float bar_w = with_bar ? 14 + ImGui::CalcTextSize("0.000").x : 0.f;
  const float left0 = q_w + 6, top0 = fh + 2;
  float cell = std::min((size.x - left0 - bar_w - 4) / float(cols), (size.y - top0) / float(rows));
  const bool labels = cell >= 5.f;  // below that the map is a thumbnail: no room for text
  const float left = labels ? left0 : 0.f, top = labels ? top0 : 0.f;
  cell = std::min((size.x - left - bar_w - 4) / float(cols), (size.y - top) / float(rows));
  cell = std::clamp(cell, 1.f, 3.f * fh);
  const ImVec2 m0(p0.x + left, p0.y + top);
  const ImVec2 m1(m0.x + cell * float(cols), m0.y + cell * float(rows));

  // Hovered cell, if any.
  const ImVec2 mouse = ImGui::GetIO().MousePos;
  int hr = -1, hc = -1;
  if (hovered && mouse.x >= m0.x && mouse.x < m1.x && mouse.y >= m0.y && mouse.y < m1.y) {
    hr = std::clamp(int((mouse.y - m0.y) / cell), 0, rows - 1);
    hc = std::clamp(int((mouse.x - m0.x) / cell), 0, cols - 1);
  }

  // a: rows x cols, one filled square per weight.
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) {
      const ImVec2 c0(m0.x + cell * float(c), m0.y + cell * float(r));
      const float u = normalize_value(a(r, c), 0.f, hi, false);
      dl->AddRectFilled(c0, ImVec2(c0.x + cell, c0.y + cell), colormap_u32(Colormap::Viridis, u));
    }
  dl->AddRect(ImVec2(m0.x - 1, m0.y - 1), ImVec2(m1.x + 1, m1.y + 1), ImGui::GetColorU32(ImGuiCol_Border));

  if (labels) {
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    // Tokens too wide for a cell: label every n-th position only.
    float widest = 0;
    for (int c = 0; c < cols; ++c)
      widest = std::max(widest, ImGui::CalcTextSize(c < int(k.tokens.size()) ? k.tokens[size_t(c)].c_str()
                                                                              : std::to_string(c).c_str()).x);
    const int every = std::max(1, int(std::ceil((widest + 2) / cell)));
    for (int c = 0; c < cols; c += every) {
      const std::string t = c < int(k.tokens.size()) ? k.tokens[size_t(c)] : std::to_string(c);
      const float w = ImGui::CalcTextSize(t.c_str()).x;
      dl->AddText(ImVec2(m0.x + cell * (float(c) + 0.5f) - w * 0.5f, p0.y), c == hc ? text : muted, t.c_str());
    }
    const int every_r = std::max(1, int(std::ceil(fh / cell)));
    for (int r = 0; r < rows; r += every_r) {
      const std::string t = r < int(q.tokens.size()) ? q.tokens[size_t(r)] : std::to_string(r);
      const float w = ImGui::CalcTextSize(t.c_str()).x;
      dl->AddText(ImVec2(m0.x - 4 - w, m0.y + cell * (float(r) + 0.5f) - fh * 0.5f), r == hr ? text : muted,
                  t.c_str());
    }
  }
  if (with_bar) colour_bar(dl, ImVec2(m1.x + 8, m0.y), m1.y - m0.y, hi);

  if (hr >= 0) {
    // The whole query row (one softmax) and the hovered weight.
    dl->AddRect(ImVec2(m0.x, m0.y + cell * float(hr)), ImVec2(m1.x, m0.y + cell * float(hr + 1)),
                IM_COL32(255, 255, 255, 120));
    dl->AddRect(ImVec2(m0.x + cell * float(hc), m0.y + cell * float(hr)),
                ImVec2(m0.x + cell * float(hc + 1), m0.y + cell * float(hr + 1)), IM_COL32(255, 255, 255, 230),
                0.f, 0, 2.f);
    ImGui::BeginTooltip();
    ImGui::Text(tr("query: %s %s"), tr(q.role), q.label(hr).c_str());
    ImGui::Text(tr("key:   %s %s"), tr(k.role), k.label(hc).c_str());
    ImGui::Text(tr("weight %.3f  (row max %.3f)"), double(a(hr, hc)), double(a.row(hr).maxCoeff()));
    ImGui::PushStyleColor(ImGuiCol_Text, ui::kMuted);
    ImGui::PushTextWrapPos(fh * 24);
    ImGui::TextUnformatted(row_help);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::EndTooltip();
  }
  ImGui::PopID();
  return clicked;
}

// Continues the current line if `width` more pixels fit in the window, else
// starts a new one (controls wrap instead of running off a narrow panel).
void same_line_if_fits(float width, float spacing = 14.f) {
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + spacing + width <= right) ImGui::SameLine(0, spacing);
}

// Width of radio_row(label, ..., count, ...).
float radio_row_width(const char* label, int count, const char* extra = nullptr) {
  const ImGuiStyle& st = ImGui::GetStyle();
  const float one = ImGui::GetFrameHeight() + st.ItemInnerSpacing.x + ImGui::CalcTextSize("8").x + 2;
  return ImGui::CalcTextSize(label).x + 6 + float(count) * one +
         (extra ? ImGui::GetFrameHeight() + st.ItemInnerSpacing.x + ImGui::CalcTextSize(extra).x + 2 : 0.f);
}

// Radio buttons "label 1 2 3" on the current line; returns the choice.
int radio_row(const char* label, const char* help, int count, int current, int id_base) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
  ui::tooltip(help);
  for (int i = 0; i < count; ++i) {
    ImGui::SameLine(0, i == 0 ? 6.f : 2.f);
    ImGui::PushID(id_base + i);
    if (ImGui::RadioButton(std::to_string(i + 1).c_str(), current == i)) current = i;
    ImGui::PopID();
  }
  return current;
}

// What the decoder of a seq2seq model without attention sees: the source is
// read step by step into one state, and only that state reaches the decoder.
void draw_bottleneck_diagram(const ProbeSnapshot& p, const std::vector<std::string>& vocab, int hidden) {
  const char* warning = tr("No attention here (attn=none): the decoder never looks at the source. Everything it "
                           "knows about the input must pass through ONE vector, the encoder's final hidden state "
                           "(the context vector, %d numbers): the bottleneck. Long inputs do not fit through it.");
  std::vector<char> text_buf(std::strlen(warning) + 32);
  std::snprintf(text_buf.data(), text_buf.size(), warning, hidden);
  ui::warning_text(text_buf.data());
  ImGui::PushStyleColor(ImGuiCol_Text, ui::kMuted);
  ImGui::TextWrapped("%s", tr("Set Attention to bahdanau or luong to give every output step a view of all source "
                              "tokens; this panel then shows where each step looks."));
  ImGui::PopStyleColor();
  const std::vector<std::string>& src = p.attn.source_tokens;
  const std::vector<std::string> outs = decoder_outputs(p, vocab);
  if (src.empty() || outs.empty()) return;

  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float fh = ImGui::GetFontSize();
  const ImVec2 o = ImGui::GetCursorScreenPos();
  const float avail = ImGui::GetContentRegionAvail().x;
  const float box = fh * 1.4f, gap = fh * 0.6f;
  const ImU32 muted = ImGui::ColorConvertFloat4ToU32(ui::kMuted);
  const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 warn = ImGui::ColorConvertFloat4ToU32(ui::kWarn);
  const ImU32 frame = ImGui::GetColorU32(ImGuiCol_FrameBg);
  const char* enc_label = tr("encoder reads");
  const char* dec_label = tr("decoder writes");
  const float label_w = std::max(ImGui::CalcTextSize(enc_label).x, ImGui::CalcTextSize(dec_label).x) +
                        ImGui::CalcTextSize(" ").x;
  const size_t fit = size_t(std::max(1.f, (avail - label_w - box * 3) / (box + gap)));

  // One row of token boxes joined by arrows (a chain read step by step).
  auto chain = [&](float y, const std::vector<std::string>& toks, const char* label) {
    dl->AddText(ImVec2(o.x, y + (box - fh) * 0.5f), muted, label);
    float x = o.x + label_w;
    const size_t n = std::min(toks.size(), fit);
    for (size_t i = 0; i < n; ++i) {
      dl->AddRectFilled(ImVec2(x, y), ImVec2(x + box, y + box), frame, 3.f);
      const std::string& t = (i + 1 == n && n < toks.size()) ? std::string("...") : toks[i];
      const float w = ImGui::CalcTextSize(t.c_str()).x;
      dl->AddText(ImVec2(x + (box - w) * 0.5f, y + (box - fh) * 0.5f), text, t.c_str());
      if (i + 1 < n) dl->AddLine(ImVec2(x + box + 1, y + box * 0.5f), ImVec2(x + box + gap - 1, y + box * 0.5f), muted);
      x += box + gap;
    }
    return x - gap;  // right end
  };
  const float y0 = o.y + 4, y1 = y0 + box * 2.4f;
  const float enc_end = chain(y0, src, enc_label);
  // The context vector: the only link between the two rows.
  const ImVec2 c0(enc_end + gap * 2, y0 + box * 0.7f), c1(c0.x + box * 2.2f, c0.y + box);
  dl->AddLine(ImVec2(enc_end + 1, y0 + box * 0.5f), ImVec2(c0.x, c0.y + box * 0.3f), warn, 2.f);
  dl->AddRectFilled(c0, c1, IM_COL32(90, 70, 20, 255), 3.f);
  dl->AddRect(c0, c1, warn, 3.f, 0, 2.f);
  const float cw = ImGui::CalcTextSize("c").x;
  dl->AddText(ImVec2((c0.x + c1.x - cw) * 0.5f, c0.y + (box - fh) * 0.5f), text, "c");
  const float dec_x = o.x + label_w;
  chain(y1, outs, dec_label);
  dl->AddLine(ImVec2(c0.x, c1.y), ImVec2(dec_x + box * 0.5f, y1 - 1), warn, 2.f);
  ImGui::Dummy(ImVec2(avail, y1 + box + 6 - o.y));
  ImGui::SetCursorScreenPos(ImVec2(c1.x + 6, c0.y));
  ImGui::TextDisabled("(?)");
  ui::tooltip(tr("Yellow: the context vector c = the encoder's hidden state after the last source token. The "
                 "decoder starts from c and from then on sees only its own outputs."));
}

// The kinds of map this probe has, in selector order.
std::vector<Kind> kinds_available(const ProbeSnapshot& p, bool seq2seq) {
  if (seq2seq) return {Kind::EncoderDecoder};
  std::vector<Kind> k;
  const bool enc_dec = !p.attn.cross_attention.empty();
  if (enc_dec) {
    k.push_back(Kind::Cross);
    k.push_back(Kind::DecoderSelf);
    k.push_back(Kind::EncoderSelf);
  } else {
    k.push_back(Kind::StreamSelf);
  }
  return k;
}

// All heads of one layer side by side; clicking one opens it.
void draw_heads_grid(AttentionView& v, const std::vector<Mat<float>>& heads, const ProbeSnapshot& p,
                     const std::vector<std::string>& vocab, ImVec2 avail, const char* row_help) {
  const int n = int(heads.size());
  const float fh = ImGui::GetFontSize();
  // Columns that give the biggest maps in the space available.
  int best_cols = 1;
  float best = 0;
  for (int c = 1; c <= n; ++c) {
    const int r = (n + c - 1) / c;
    const float s = std::min(avail.x / float(c) - 8, avail.y / float(r) - fh - 6);
    if (s > best) { best = s; best_cols = c; }
  }
  const float w = avail.x / float(best_cols) - 8, h = avail.y / float((n + best_cols - 1) / best_cols) - fh - 6;
  for (int i = 0; i < n; ++i) {
    if (i % best_cols != 0) ImGui::SameLine(0, 8);
    ImGui::BeginGroup();
    ImGui::TextColored(ui::kMuted, tr("head %d"), i + 1);
    Axis q, k;
    axes_for(v.kind, p, vocab, heads[size_t(i)].rows(), heads[size_t(i)].cols(), &q, &k);
    const std::string id = "head" + std::to_string(i);
    if (attention_map(id.c_str(), heads[size_t(i)], q, k, ImVec2(w, h), v.fixed_range, false, row_help)) {
      v.head = i;
      v.all_heads = false;
    }
    ImGui::EndGroup();
  }
}

}  // namespace

void draw_attention_panel(Session& s) {
  const NetSpec& net = s.running_spec().net;
  if (net.kind == ModelKind::Recurrent) {
    ImGui::TextWrapped("%s", tr("A recurrent network (model=rnn) has no attention. Choose model=seq2seq with "
                                "attention, or model=transformer, to see where each position looks."));
    return;
  }
  if (!s.main().ok() || !s.main().task) {
    ui::error_text(tr("The experiment could not be built; see the messages in the run bar."));
    return;
  }
  const ProbeSnapshot& p = s.probe();
  const std::vector<std::string>& vocab = s.main().task->vocab();
  const bool seq2seq = net.kind == ModelKind::EncoderDecoder;
  if (seq2seq && net.attn == AttnKind::None) {
    draw_bottleneck_diagram(p, vocab, int(net.hidden));
    return;
  }

  AttentionView& v = view();
  const std::vector<Kind> kinds = kinds_available(p, seq2seq);
  if (std::find(kinds.begin(), kinds.end(), v.kind) == kinds.end()) v.kind = kinds.front();
  const auto& maps = maps_of(v.kind, p.attn);
  if (maps.empty() || maps.front().empty()) {
    ImGui::TextColored(ui::kMuted, "%s", tr("No attention weights recorded yet (press Step or Play)."));
    return;
  }

  // ---- controls: kind, layer, head / all heads, colour range ----------------
  if (kinds.size() > 1) {
    float widest = 0;  // the longest entry in this language
    for (Kind k : kinds) widest = std::max(widest, ImGui::CalcTextSize(tr(info(k).name)).x);
    ImGui::SetNextItemWidth(widest + ImGui::GetFrameHeight() * 1.6f);
    if (ImGui::BeginCombo("##kind", tr(info(v.kind).name))) {
      for (Kind k : kinds)
        if (ImGui::Selectable(tr(info(k).name), k == v.kind)) v.kind = k;
      ImGui::EndCombo();
    }
    ui::tooltip(tr("Which attention to show. Cross-attention: each output step looks at the source. "
                   "Decoder self-attention: each output step looks at what was written before it. Encoder "
                   "self-attention: each source token looks at the other source tokens."));
  } else {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr(info(v.kind).name));
  }
  const int layers = int(maps.size());
  v.layer = std::clamp(v.layer, 0, layers - 1);
  if (layers > 1) {
    same_line_if_fits(radio_row_width(tr("layer"), layers));
    v.layer = radio_row(tr("layer"), tr("Which Transformer block (1 = nearest the input)."), layers, v.layer, 100);
  }
  const auto& heads = maps[size_t(v.layer)];
  const int n_heads = int(heads.size());
  v.head = std::clamp(v.head, 0, n_heads - 1);
  if (n_heads > 1) {
    same_line_if_fits(radio_row_width(tr("head"), n_heads, tr("all")));
    const int h = radio_row(tr("head"), tr("Each head attends on its own, with d_model/heads dimensions: different "
                                           "heads can learn to look at different positions."),
                            n_heads, v.all_heads ? -1 : v.head, 200);
    if (h >= 0) v.head = h, v.all_heads = false;  // a head's button opens that head alone
    ImGui::SameLine(0, 2);
    if (ImGui::RadioButton((std::string(tr("all")) + "###all").c_str(), v.all_heads)) v.all_heads = true;
    ui::tooltip(tr("Show every head of this layer side by side (click one to open it)."));
  } else {
    v.all_heads = false;
  }
  const std::string scale_label = std::string(tr("0..1 scale")) + "###scale";  // same ID in every language
  same_line_if_fits(ImGui::GetFrameHeight() + ImGui::CalcTextSize((" " + std::string(tr("0..1 scale"))).c_str()).x + 4);
  ImGui::Checkbox(scale_label.c_str(), &v.fixed_range);
  ui::tooltip(tr("Colour scale. Off: 0 .. the largest weight of the map, so weak patterns stay visible. On: "
                 "0 .. 1 for every map, so maps compare directly (uniform attention over n keys is 1/n)."));

  const KindInfo& ki = info(v.kind);
  const float room = ImGui::GetContentRegionAvail().x - ImGui::CalcTextSize(" (?)").x - 10;
  const char* caption = tr(ki.caption);
  ImGui::TextColored(ui::kMuted, "%s", ImGui::CalcTextSize(caption).x <= room ? caption : tr(ki.brief));
  ui::help_marker(tr(ki.help));

  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const char* row_help = tr("A row is one query: where this position looks. Its weights sum to 1.");
  if (v.all_heads) {
    draw_heads_grid(v, heads, p, vocab, avail, row_help);
    return;
  }
  const Mat<float>& a = heads[size_t(v.head)];
  Axis q, k;
  axes_for(v.kind, p, vocab, a.rows(), a.cols(), &q, &k);
  attention_map("single", a, q, k, avail, v.fixed_range, true, row_help);
}

}  // namespace unroll::app
