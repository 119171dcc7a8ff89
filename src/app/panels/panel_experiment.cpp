// The experiment panel: one widget per key of the key table (the same table
// that parses links), grouped, with the key's help as its tooltip. Keys that
// do not matter for this experiment are hidden (KeyDef::shown_if).
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

#include "app/state/i18n.h"
#include "app/panels/panels.h"
#include "app/panels/platform.h"
#include "app/widgets/touch.h"
#include "app/widgets/ui.h"
#include "core/tasks/task_series.h"

namespace unroll::app {
namespace {

const char* group_title(const std::string& g) {
  if (g == "model") return tr("Model");
  if (g == "task") return tr("Task");
  if (g == "training") return tr("Training");
  return nullptr;  // "link" and anything internal: no widgets
}

double stepper_step(double v, const KeyDef& k) {
  const double mag = std::fabs(v) > 0 ? std::fabs(v) : std::max(std::fabs(k.lo), std::min(std::fabs(k.hi), 1.0));
  return std::pow(10.0, std::floor(std::log10(mag)) - 1.0);
}

// Shown: in a group with widgets, wanted for this config, and not hidden by
// the link (hide=).
bool visible_key(const KeyDef& k, const Config& cfg, const Session& s) {
  return group_title(k.group) && key_shown(k, cfg) && !s.focus().hides(k.name);
}

std::string allowed(const KeyDef& k) {
  if (k.type == KeyType::Text) return k.allowed_text;
  if (k.type == KeyType::Enum) {
    std::string s;
    for (const auto& c : k.choices) s += (s.empty() ? "" : ", ") + c;
    return s;
  }
  char b[96];
  std::snprintf(b, sizeof b, "%g %s %g", k.lo, tr("to"), k.hi);
  return b;
}

void key_tooltip(const KeyDef& k) {
  const std::string text = key_help(k) + "\n\n" + tr("URL key:") + " " + k.name + "   " + tr("allowed:") + " " +
                           allowed(k) + "   " + tr("default:") + " " + k.def + "\n" +
                           (k.needs_reset ? tr("Applies on Reset.") : tr("Applies immediately, even while training."));
  ui::tooltip(text.c_str());
}

// One key's widget. Returns true if `cfg` changed. Out-of-range typed
// values are not applied; `error` says why.
bool key_widget(const KeyDef& k, Config& cfg, std::string* error) {
  ImGui::PushID(k.name.c_str());
  bool changed = false;
  ConfigError e;
  const std::string cur = cfg.s(k.name);
  ImGui::SetNextItemWidth(-FLT_MIN);
  if (k.type == KeyType::Enum) {
    if (ImGui::BeginCombo("##v", cur.c_str())) {
      for (const auto& c : k.choices) {
        if (ImGui::Selectable(c.c_str(), c == cur) && c != cur) changed = cfg.set(k.name, c, &e);
      }
      ImGui::EndCombo();
    }
  } else if (k.type == KeyType::Text) {
    // Applied on Enter (or leaving the field), like a typed number.
    std::vector<char> buf(cur.begin(), cur.end());
    buf.resize(k.max_len + 1, '\0');
    if (ImGui::InputText("##v", buf.data(), buf.size(), ImGuiInputTextFlags_EnterReturnsTrue) ||
        ImGui::IsItemDeactivatedAfterEdit()) {
      const std::string v = buf.data();
      if (v != cur && !(changed = cfg.set(k.name, v, &e))) *error = e.message;
    }
  } else if (k.type == KeyType::Float && k.log_scale) {
    float v = float(cfg.f(k.name));
    if (ImGui::SliderFloat("##v", &v, float(k.lo), float(k.hi), "%.3g", ImGuiSliderFlags_Logarithmic)) {
      char b[32];
      std::snprintf(b, sizeof b, "%.3g", double(v));
      changed = cfg.set(k.name, b, &e);
    }
  } else if (k.type == KeyType::Float) {
    double v = cfg.f(k.name);
    // On a touch screen, - and + steppers (a tenth of the value's decade)
    // make the field usable without typing.
    const double step = touch::active() ? stepper_step(v, k) : 0.0;
    if (ImGui::InputDouble("##v", &v, step, step, "%.6g", ImGuiInputTextFlags_EnterReturnsTrue)) {
      v = std::clamp(v, k.lo, k.hi);
      char b[32];
      std::snprintf(b, sizeof b, "%.6g", v);
      if (!(changed = cfg.set(k.name, b, &e))) *error = e.message;
    }
  } else if (k.hi - k.lo <= 40) {
    int v = int(cfg.i(k.name));
    if (ImGui::SliderInt("##v", &v, int(k.lo), int(k.hi)))
      changed = cfg.set(k.name, std::to_string(v), &e);
  } else {
    int v = int(cfg.i(k.name));
    if (ImGui::InputInt("##v", &v, 1, 10, ImGuiInputTextFlags_EnterReturnsTrue)) {
      if (!(changed = cfg.set(k.name, std::to_string(v), &e))) *error = e.message;
    }
  }
  key_tooltip(k);
  ImGui::PopID();
  return changed;
}

void user_text_box(Session& s) {
  static std::string draft;
  static bool loaded = false;
  if (!loaded) { draft = s.user_text(); loaded = true; }
  ImGui::TextWrapped("%s", tr("Your text (UTF-8, up to 1 MB; at most 256 distinct characters):"));
  std::vector<char> buf(draft.begin(), draft.end());
  buf.resize(std::max<size_t>(buf.size() + 4096, 8192), '\0');
  if (ImGui::InputTextMultiline("##text", buf.data(), buf.size(), ImVec2(-FLT_MIN, 90)))
    draft = buf.data();
  if (ImGui::Button(tr("Use this text"))) s.set_user_text(draft);
  ImGui::SameLine();
  if (ImGui::Button(tr("Load a file..."))) platform::request_file("text", ".txt,text/plain");
  if (!s.user_text().empty())
    ImGui::TextColored(ui::kMuted, "%zu %s", s.user_text().size(), tr("bytes in use"));
}

// task=series: paste or load a CSV, and the normalisation it was given.
void user_csv_box(Session& s) {
  static std::string draft;
  static bool loaded = false;
  if (!loaded) { draft = s.user_csv(); loaded = true; }
  ImGui::TextWrapped("%s", tr("Your data (CSV: one number per row, or columns separated by commas; header "
                              "optional; up to 2 MB):"));
  std::vector<char> buf(draft.begin(), draft.end());
  buf.resize(std::max<size_t>(buf.size() + 4096, 8192), '\0');
  if (ImGui::InputTextMultiline("##csv", buf.data(), buf.size(), ImVec2(-FLT_MIN, 90)))
    draft = buf.data();
  if (ImGui::Button(tr("Use these numbers"))) s.set_user_csv("pasted", draft);
  ImGui::SameLine();
  if (ImGui::Button(tr("Load a CSV file..."))) platform::request_file("csv", ".csv,.tsv,.txt,text/csv,text/plain");
  const auto* series = dynamic_cast<const SeriesTask*>(s.main().task.get());
  if (!series) return;
  ImGui::TextColored(ui::kMuted, "%s: %ld %s", s.user_csv_name().c_str(), long(series->rows()), tr("rows in use"));
  // The normalisation, as the link's norm= carries it.
  for (size_t c = 0; c < series->column_names().size(); ++c)
    ImGui::TextColored(ui::kMuted, tr("%s: mean %s, std %s"), series->column_names()[c].c_str(),
                       ui::fmt(series->mean()[c]).c_str(), ui::fmt(series->stddev()[c]).c_str());
  ui::tooltip(tr("Each input column is standardised: (value - mean) / std. The link keeps these numbers (norm=)."));
}

}  // namespace

void draw_experiment_panel(Session& s) {
  Config cfg = s.config();
  static std::string error;
  bool changed = false;
  std::string last_group;
  bool open = false;
  // Label column: as wide as the longest label shown (Portuguese labels are
  // longer), between 40% and 58% of the panel.
  const float avail = ImGui::GetContentRegionAvail().x;
  float longest = 0;
  for (const KeyDef& k : key_table())
    if (visible_key(k, cfg, s))
      longest = std::max(longest, ImGui::CalcTextSize((key_label(k) + " *").c_str()).x);
  const float label_w = std::clamp(longest + 14.f, avail * 0.40f, avail * 0.58f);
  for (const KeyDef& k : key_table()) {
    const char* title = group_title(k.group);
    if (!title) continue;
    if (k.group != last_group) {
      // A group whose keys the link hides all: no header either.
      bool any = false;
      for (const KeyDef& o : key_table()) any |= o.group == k.group && !s.focus().hides(o.name);
      if (!any) {
        last_group = k.group;
        open = false;
        continue;
      }
      last_group = k.group;
      ImGui::Spacing();
      open = ImGui::CollapsingHeader((std::string(title) + "###" + k.group).c_str(), ImGuiTreeNodeFlags_DefaultOpen);
    }
    if (!open || !visible_key(k, cfg, s)) continue;
    const bool pending = k.needs_reset && cfg.s(k.name) != s.running_config().s(k.name);
    ImGui::AlignTextToFramePadding();
    if (pending) ImGui::TextColored(ui::kWarn, "%s *", key_label(k).c_str());
    else ImGui::TextUnformatted(key_label(k).c_str());
    key_tooltip(k);
    ImGui::SameLine(label_w);
    changed |= key_widget(k, cfg, &error);
    ui::remember_control("key_" + k.name, key_label(k));  // getState().controls: tutorials point at keys
    if (k.name == "corpus" && resolve_spec(cfg).task.user_corpus) user_text_box(s);
    if (k.name == "norm") user_csv_box(s);
  }
  if (changed) {
    s.edit(cfg);
    error.clear();
  }
  if (!error.empty()) ui::error_text(error);

  ImGui::Spacing();
  ImGui::Separator();
  if (s.main().ok() && s.main().task) {
    const TaskInfo& t = s.main().task->info();
    ImGui::TextWrapped("%s", tr_with_numbers(t.description).c_str());
    // Wrapped: the Portuguese line is longer than the sidebar.
    ImGui::PushStyleColor(ImGuiCol_Text, ui::kMuted);
    ImGui::TextWrapped("%ld %s %s, %s %s.", long(s.main().report.param_count), tr("parameters. Chance: loss"),
                       ui::fmt(t.chance_loss).c_str(), tr(t.metric_name.c_str()),
                       ui::fmt(t.chance_metric).c_str());
    ImGui::PopStyleColor();
  }
  if (s.needs_reset()) {
    ui::warning_text(tr("Changes marked * apply on Reset."));
    if (ImGui::Button(tr("Reset now (R)"), ImVec2(-FLT_MIN, 0))) s.reset();
  }
}

}  // namespace unroll::app
