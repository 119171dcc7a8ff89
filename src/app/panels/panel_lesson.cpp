// The lesson panel (a tab of the sidebar): a picker of the loaded lessons,
// then one step at a time: its text (markdown subset), "Set up this
// experiment", the live check with a check mark, a hint once the step's
// budget has passed unchecked, and Back / Next.
#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <string>

#include "core/lessons/markdown.h"
#include "app/state/i18n.h"
#include "app/state/lessons.h"
#include "app/panels/panels.h"
#include "app/widgets/ui.h"

namespace unroll::app {
namespace {

constexpr ImVec4 kHeading{0.55f, 0.78f, 1.f, 1.f};
constexpr ImVec4 kText{0.88f, 0.90f, 0.93f, 1.f};
constexpr ImVec4 kBold{1.f, 1.f, 1.f, 1.f};
constexpr ImVec4 kEmph{0.72f, 0.86f, 1.f, 1.f};
constexpr ImVec4 kCode{1.f, 0.80f, 0.55f, 1.f};

// Where the lesson buttons were last drawn (CSS pixels), for the JS API.
std::map<std::string, ImVec4>& button_rects() {
  static std::map<std::string, ImVec4> r;
  return r;
}

void remember_rect(const std::string& name) {
  const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  button_rects()[name] = ImVec4(a.x, a.y, b.x - a.x, b.y - a.y);
}

ImVec4 span_color(SpanStyle s) {
  switch (s) {
    case SpanStyle::Bold: return kBold;
    case SpanStyle::Emph: return kEmph;
    case SpanStyle::Code: return kCode;
    default: return kText;
  }
}

// Styled spans, word-wrapped at the region's right edge. Words are drawn
// one by one so that styles can change mid-line.
void draw_spans(const std::vector<MdSpan>& spans, float left) {
  const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  const float space = ImGui::CalcTextSize(" ").x;
  float x = ImGui::GetCursorScreenPos().x;
  bool line_start = true;
  bool pending_space = false;  // a space before the next word (possibly across spans)
  for (const MdSpan& sp : spans) {
    const ImVec4 col = span_color(sp.style);
    const std::string& t = sp.text;
    size_t k = 0;
    while (k < t.size()) {
      while (k < t.size() && t[k] == ' ') {
        pending_space = true;
        ++k;
      }
      size_t e = t.find(' ', k);
      if (e == std::string::npos) e = t.size();
      const std::string word = t.substr(k, e - k);
      k = e;
      if (word.empty()) continue;
      const float w = ImGui::CalcTextSize(word.c_str()).x;
      const float gap = pending_space ? space : 0.f;
      pending_space = false;
      // The cursor sits at the start of a new line after each word; stay on
      // the word's line unless the next word does not fit.
      if (!line_start && x + gap + w <= right) ImGui::SameLine(0, gap);
      else ImGui::SetCursorScreenPos(ImVec2(left, ImGui::GetCursorScreenPos().y));
      const ImVec2 at = ImGui::GetCursorScreenPos();
      ImGui::TextColored(col, "%s", word.c_str());
      if (sp.style == SpanStyle::Bold)  // a second pass a little to the right: a heavier stroke
        ImGui::GetWindowDrawList()->AddText(ImVec2(at.x + 0.7f, at.y), ImGui::GetColorU32(col), word.c_str());
      x = at.x + w;
      line_start = false;
    }
  }
  if (line_start) ImGui::NewLine();
}

void draw_markdown(const std::string& text) {
  for (const MdBlock& b : parse_markdown(text)) {
    switch (b.kind) {
      case BlockKind::Heading1:
      case BlockKind::Heading2: {
        ImGui::Spacing();
        ImGui::SetWindowFontScale(b.kind == BlockKind::Heading1 ? 1.2f : 1.1f);
        std::vector<MdSpan> spans = b.spans;
        for (auto& s : spans) if (s.style == SpanStyle::Plain) s.style = SpanStyle::Emph;
        ImGui::PushStyleColor(ImGuiCol_Text, kHeading);
        draw_spans(spans, ImGui::GetCursorScreenPos().x);
        ImGui::PopStyleColor();
        ImGui::SetWindowFontScale(1.f);
        break;
      }
      case BlockKind::Bullet: {
        ImGui::Bullet();
        ImGui::SameLine();
        draw_spans(b.spans, ImGui::GetCursorScreenPos().x);
        break;
      }
      case BlockKind::Paragraph:
        draw_spans(b.spans, ImGui::GetCursorScreenPos().x);
        ImGui::Spacing();
        break;
    }
  }
}

bool& glossary_open() {
  static bool open = false;
  return open;
}

// The pt <-> en glossary: every term, in the UI language's alphabetical
// order, its translation, and a note where it needs one.
void draw_glossary(Session& s) {
  const Lessons& L = s.lessons();
  const bool pt = language() == "pt";
  if (ImGui::SmallButton((std::string("< ") + tr("All lessons") + "###glossary_back").c_str())) glossary_open() = false;
  remember_rect("glossaryBack");
  ImGui::PushStyleColor(ImGuiCol_Text, kHeading);
  ImGui::TextWrapped("%s", tr("Glossary (English / Português)"));
  ImGui::PopStyleColor();
  ImGui::TextWrapped("%s", tr("The words the lessons use, in both languages. The course notes sometimes use others: "
                              "the notes' word is in the note."));
  std::vector<const Lessons::Term*> terms;
  for (const auto& t : L.glossary()) terms.push_back(&t);
  auto key = [pt](const Lessons::Term* t) {
    std::string k = pt ? t->pt : t->en;
    for (auto& c : k) c = char(std::tolower(static_cast<unsigned char>(c)));
    return k;
  };
  std::sort(terms.begin(), terms.end(), [&](auto* a, auto* b) { return key(a) < key(b); });
  if (terms.empty()) {
    ImGui::TextColored(ui::kMuted, "%s", tr("Loading the glossary..."));
    return;
  }
  constexpr ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                    ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("##glossary", 2, flags, ImGui::GetContentRegionAvail())) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn(pt ? "Português" : "English");
  ImGui::TableSetupColumn(pt ? "English" : "Português");
  ImGui::TableHeadersRow();
  for (const Lessons::Term* t : terms) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", (pt ? t->pt : t->en).c_str());
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", (pt ? t->en : t->pt).c_str());
    const std::string& note = pt ? t->note_pt : t->note_en;
    if (!note.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, ui::kMuted);
      ImGui::TextWrapped("%s", note.c_str());
      ImGui::PopStyleColor();
    }
  }
  ImGui::EndTable();
}

// The step's question, asked before its run; the explanation after it.
void draw_question(Session& s) {
  Lessons& L = s.lessons();
  const LessonStep& st = *L.current_step();
  const LessonQuestion& q = st.question;
  const std::string& lang = language();
  static std::map<std::pair<std::string, int>, int> picked;  // the radio button chosen, per step
  int& pick = picked.try_emplace({L.current()->id, L.step_index()}, -1).first->second;
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::TextColored(kHeading, "%s", tr("Before you run it"));
  ImGui::PushStyleColor(ImGuiCol_Text, kBold);
  ImGui::TextWrapped("%s", q.text.in(lang).c_str());
  ImGui::PopStyleColor();
  if (!L.answered()) {
    for (size_t k = 0; k < q.choices.size(); ++k) {
      // A radio button and its text wrapped to the panel (choices are
      // sentences); a click on either picks it.
      ImGui::PushID(int(k));
      ImGui::BeginGroup();
      if (ImGui::RadioButton("##choice", pick == int(k))) pick = int(k);
      ImGui::SameLine();
      ImGui::AlignTextToFramePadding();
      ImGui::TextWrapped("%s", q.choices[k].in(lang).c_str());
      ImGui::EndGroup();
      if (ImGui::IsItemClicked()) pick = int(k);
      ImGui::PopID();
      remember_rect("choice" + std::to_string(k + 1));
    }
    ImGui::BeginDisabled(pick < 0);
    if (ImGui::Button((std::string(tr("Answer")) + "###answer").c_str())) L.answer(pick);
    ImGui::EndDisabled();
    remember_rect("answer");
    ImGui::SameLine();
    if (ImGui::SmallButton((std::string(tr("Skip")) + "###skip").c_str())) L.answer(-1);
    remember_rect("skip");
    ui::tooltip(tr("Go on without answering (the explanation still comes after the run)."));
    return;
  }
  // Answered: the question's buttons are gone.
  for (auto it = button_rects().begin(); it != button_rects().end();)
    it = it->first == "answer" || it->first == "skip" || it->first.rfind("choice", 0) == 0 ? button_rects().erase(it)
                                                                                          : std::next(it);
  const int given = L.answer_given();
  if (!L.revealed(s)) {
    if (given >= 0) ImGui::TextColored(ui::kMuted, tr("Your answer: %s. Now run the experiment and see."), q.choices[size_t(given)].in(lang).c_str());
    else ImGui::TextColored(ui::kMuted, "%s", tr("Skipped. Run the experiment and see."));
    return;
  }
  if (given == q.answer) {
    ImGui::TextColored(ui::kGood, "✓ %s %s", tr("Right:"), q.choices[size_t(q.answer)].in(lang).c_str());
  } else {
    ImGui::TextColored(given < 0 ? ui::kMuted : ui::kWarn, "%s %s", given < 0 ? tr("The answer:") : tr("Not quite. The answer:"),
                       q.choices[size_t(q.answer)].in(lang).c_str());
  }
  draw_markdown(q.explain.in(lang));
}

void draw_picker(Session& s) {
  Lessons& L = s.lessons();
  ImGui::TextWrapped("%s", tr("Each lesson is a few short steps: read, press the button to set up the experiment, "
                              "and watch what the text predicts happen live."));
  ImGui::Spacing();
  if (L.all().empty() && L.errors().empty()) ImGui::TextColored(ui::kMuted, "%s", tr("Loading lessons..."));
  for (const Lesson& l : L.all()) {
    int done = 0;
    for (size_t k = 0; k < l.steps.size(); ++k) done += L.checked(l.id, int(k)) ? 1 : 0;
    ImGui::PushID(l.id.c_str());
    if (ImGui::Selectable(l.title.in(language()).c_str(), false, 0, ImVec2(0, 0))) {
      L.open(l.id, 1);
      L.set_up(s, /*allow_run=*/false);
    }
    if (done > 0) {
      ImGui::SameLine(ImGui::GetContentRegionAvail().x - 30);
      ImGui::TextColored(ui::kGood, "%d ✓", done);
    }
    ImGui::PopID();
  }
  for (const std::string& e : L.errors()) ui::error_text(std::string(tr("Could not read a lesson file:")) + " " + e);
  ImGui::Spacing();
  if (ImGui::Button((std::string(tr("Glossary (English / Português)")) + "###glossary").c_str()))
    glossary_open() = true;
  remember_rect("glossary");
  ui::tooltip(tr("Every term the lessons use, in English and Portuguese."));
}

void draw_step(Session& s) {
  Lessons& L = s.lessons();
  const Lesson& l = *L.current();
  const LessonStep& st = *L.current_step();
  const std::string& lang = language();

  if (ImGui::SmallButton((std::string("< ") + tr("All lessons") + "###all").c_str())) {
    L.close();
    return;
  }
  ImGui::SameLine();
  ImGui::TextColored(ui::kMuted, "%s %d / %zu", tr("Step"), L.step_index() + 1, l.steps.size());
  // One dot per step: filled = current, check = done.
  ImGui::SameLine();
  for (size_t k = 0; k < l.steps.size(); ++k) {
    const bool done = L.checked(l.id, int(k));
    const bool here = int(k) == L.step_index();
    ImGui::TextColored(done ? ui::kGood : (here ? kBold : ui::kMuted), "%s", done ? "✓" : (here ? "●" : "○"));
    ImGui::SameLine(0, 3);
  }
  ImGui::NewLine();
  ImGui::TextColored(kHeading, "%s", l.title.in(lang).c_str());
  ImGui::Separator();

  // The step's text scrolls; the controls below stay in view.
  const float controls_h = ImGui::GetFrameHeightWithSpacing() * 2.f + ImGui::GetTextLineHeightWithSpacing() * 4.5f;
  ImGui::BeginChild("steptext", ImVec2(0, std::max(80.f, ImGui::GetContentRegionAvail().y - controls_h)), false);
  ImGui::PushStyleColor(ImGuiCol_Text, kBold);
  ImGui::TextWrapped("%s", st.title.in(lang).c_str());
  ImGui::PopStyleColor();
  draw_markdown(st.text.in(lang));
  if (!st.question.empty()) draw_question(s);
  ImGui::EndChild();
  ImGui::Separator();

  if (L.has_experiment()) {
    const std::string label = std::string(st.run ? tr("Set up this experiment and train") : tr("Set up this experiment")) + "###setup";
    const bool ask_first = !st.question.empty() && !L.answered();
    ImGui::BeginDisabled(ask_first);
    if (ImGui::Button(label.c_str(), ImVec2(-FLT_MIN, 0))) L.set_up(s);
    ImGui::EndDisabled();
    remember_rect("setup");
    ui::tooltip(ask_first ? tr("Answer the question above first (or skip it).")
                          : tr("Applies this step's settings (a new run from the seed)."));
  } else {
    button_rects().erase("setup");
  }

  // The live check.
  if (!st.check.empty()) {
    if (L.current_checked()) {
      ImGui::PushStyleColor(ImGuiCol_Text, ui::kGood);
      ImGui::TextWrapped("✓ %s", tr("Done: what the text predicted happened."));
      ImGui::PopStyleColor();
    } else if (!L.experiment_matches(s)) {
      ImGui::PushStyleColor(ImGuiCol_Text, ui::kMuted);
      ImGui::TextWrapped("%s", tr("Press 'Set up this experiment' to start this step."));
      ImGui::PopStyleColor();
    } else {
      ImGui::TextColored(ui::kMuted, "%s %s", tr("Waiting for:"), st.check_text.c_str());
      if (!L.report().empty()) ui::tooltip(L.report().c_str());
      if (L.show_hint(s)) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(ui::kWarn, "%s %s", tr("Hint:"), st.hint.in(lang).c_str());
        ImGui::PopTextWrapPos();
      }
    }
  }

  // Back / Next.
  const float w = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2.f;
  ImGui::BeginDisabled(L.step_index() == 0);
  if (ImGui::Button((std::string("< ") + tr("Back") + "###back").c_str(), ImVec2(w, 0))) L.go(-1);
  ImGui::EndDisabled();
  remember_rect("back");
  ImGui::SameLine();
  ImGui::BeginDisabled(L.step_index() + 1 >= int(l.steps.size()));
  if (ImGui::Button((std::string(tr("Next")) + " >###next").c_str(), ImVec2(w, 0))) L.go(+1);
  ImGui::EndDisabled();
  remember_rect("next");
}

}  // namespace

void draw_lesson_panel(Session& s) {
  Lessons& L = s.lessons();
  if (L.current()) {
    glossary_open() = false;
    draw_step(s);
  } else if (glossary_open()) {
    draw_glossary(s);
  } else {
    draw_picker(s);
  }
}

void open_glossary(bool open) { glossary_open() = open; }
bool glossary_shown() { return glossary_open(); }

void write_lesson_buttons(json::Writer& w) {
  w.begin_object();
  for (const auto& [name, r] : button_rects()) {
    w.key(name);
    ui::write_rect(w, r);
  }
  w.end_object();
}

}  // namespace unroll::app
