// A trained model in the link (session.h, "a trained model in the link"):
// opening a link's w= and making one. The bytes are io/weights_link.h's;
// the page compresses and decompresses them (platform::codec), the main
// run's engine encodes and loads them.
#include <cstdio>
#include <cstdlib>
#include <initializer_list>

#include "app/state/i18n.h"
#include "app/state/session.h"
#include "core/io/base64url.h"
#include "core/io/weights_link.h"
#include "engine/protocol.h"

namespace unroll::app {

using engine::JobResult;

namespace {

// A translated text with each %s replaced by the next value, in order.
std::string fill(const char* format, std::initializer_list<std::string> values) {
  std::string out = format;
  size_t at = 0;
  for (const std::string& v : values) {
    at = out.find("%s", at);
    if (at == std::string::npos) break;
    out.replace(at, 2, v);
    at += v.size();
  }
  return out;
}

std::string kb(size_t bytes) {
  char b[32];
  std::snprintf(b, sizeof b, "%.1f KB", double(bytes) / 1000.0);
  return b;
}

}  // namespace

void Session::start_link_weights(const std::string& text, bool play_after) {
  LinkWeights& lw = link_weights_;
  lw = LinkWeights();
  lw.text = text;
  lw.play_after = play_after;
  lw.state = LinkWeights::State::Inflating;
  std::string error;
  // Failed here, or once decompressed, or in the engine: one message shape.
  if (!base64url_decode(text, &lw.compressed, &error)) on_inflated("", "w= " + error);
}

bool Session::take_inflate_request(std::string* compressed) {
  if (link_weights_.state != LinkWeights::State::Inflating || link_weights_.compressed.empty()) return false;
  *compressed = std::move(link_weights_.compressed);
  link_weights_.compressed.clear();
  return true;
}

void Session::on_inflated(const std::string& bytes, const std::string& error) {
  LinkWeights& lw = link_weights_;
  if (lw.state == LinkWeights::State::None || lw.state == LinkWeights::State::Loaded) return;  // rebuilt since
  std::string why = error;
  if (why.empty() && !main().ok()) why = "the experiment could not be built, so there is no model to load them into";
  if (why.empty()) {
    lw.job = next_job_id();
    lw.state = LinkWeights::State::Loading;
    send(0, engine::cmd_load_weights_link(lw.job, bytes));
    return;
  }
  lw.state = LinkWeights::State::Failed;
  lw.message = std::string(tr("The weights in the link were not loaded")) + ": " + why + ". " +
               tr("The rest of the link applies; the model starts from its usual initial weights.");
  errors_.push_back({"w", "", lw.message});
  set_notice(lw.message);
  if (lw.play_after) play();
}

void Session::on_link_weights_result(const JobResult& r) {
  LinkWeights& lw = link_weights_;
  if (lw.state != LinkWeights::State::Loading || r.id != lw.job) return;
  if (!r.error.empty()) {
    lw.state = LinkWeights::State::Inflating;  // on_inflated's failure path
    on_inflated("", r.error);
    return;
  }
  lw.state = LinkWeights::State::Loaded;
  lw.step = r.at_step;
  lw.bits = std::atoi(r.text.c_str());
  main().report.step = r.at_step;
  main().target_step = r.at_step;
  set_notice(fill(tr("Started from the link's trained weights (step %s, %s bits per weight)."),
                {std::to_string(lw.step), std::to_string(lw.bits)}));
  if (lw.play_after) play();
}

int Session::share_link(int bits, bool copy) {
  const int id = share_.id + 1;
  share_ = Share{};
  share_.id = id;
  share_.bits = bits;
  share_.copy = copy;
  if (!main().ok()) {
    share_.state = Share::State::Failed;
    share_.message = tr("There is no trained model to put in the link: the experiment could not be built.");
    return id;
  }
  share_.tried = bits == 8 ? 8 : 16;
  share_.job = next_job_id();
  share_.state = Share::State::Encoding;
  send(0, engine::cmd_weights_link(share_.job, share_.tried));
  return id;
}

void Session::on_share_result(const JobResult& r) {
  if (share_.state != Share::State::Encoding || r.id != share_.job) return;
  if (!r.error.empty()) {
    share_.state = Share::State::Failed;
    share_.message = r.error;
    return;
  }
  share_.blob = r.text;
  share_.raw_bytes = r.text.size();
  share_.at_step = r.at_step;
  share_.state = Share::State::Compressing;
}

bool Session::take_deflate_request(std::string* bytes) {
  if (share_.state != Share::State::Compressing || share_.blob.empty()) return false;
  *bytes = std::move(share_.blob);
  share_.blob.clear();
  return true;
}

void Session::on_deflated(const std::string& bytes, const std::string& error) {
  if (share_.state != Share::State::Compressing) return;
  if (!error.empty()) {
    share_.state = Share::State::Failed;
    share_.message = error;
    return;
  }
  const std::string w = base64url_encode(bytes);
  share_.chars = w.size();
  if (w.size() <= WeightsLinkLimits::kMaxChars) {
    const Lesson* cur = lessons_.current();
    share_.hash = cur ? make_link(config_, compare_, cur->id, lessons_.step_index() + 1, language(), workers_key_,
                                  focus_, w)
                      : make_link(config_, compare_, "", 0, "", workers_key_, focus_, w);
    share_.state = Share::State::Done;
    return;
  }
  if (share_.bits == 0 && share_.tried == 16) {  // too large at 16: try 8
    share_.tried = 8;
    share_.job = next_job_id();
    share_.state = Share::State::Encoding;
    send(0, engine::cmd_weights_link(share_.job, 8));
    return;
  }
  share_.state = Share::State::Failed;
  share_.too_large = true;
  share_.message = fill(
      tr("This model is too large for a link: its weights take %s characters at %s bits per weight "
         "(%s of parameters), and a link may carry %s. Download the weights file instead and share it "
         "(it loads with Load weights)."),
      {std::to_string(w.size()), std::to_string(share_.tried), kb(share_.raw_bytes),
       std::to_string(WeightsLinkLimits::kMaxChars)});
}

}  // namespace unroll::app
