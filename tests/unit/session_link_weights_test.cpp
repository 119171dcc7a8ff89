// A trained model in the page link (w=), through the session with local
// engines. The page's compression is not here (web/link_codec.js): these
// tests stand in for it with the identity, which the session cannot tell
// apart; the browser test (share_weights.test.mjs) runs the real one.
#include <gtest/gtest.h>

#include "app/state/session.h"
#include "core/io/base64url.h"

namespace unroll::app {
namespace {

using LW = Session::LinkWeights::State;
using SH = Session::Share::State;

// Runs share_link to the end with identity "compression"; the hash.
std::string share(Session& s, int bits) {
  s.share_link(bits);
  std::string bytes;
  for (int k = 0; k < 10 && s.share().state != SH::Done && s.share().state != SH::Failed; ++k) {
    s.tick(1.0);
    if (s.take_deflate_request(&bytes)) s.on_deflated(bytes, "");
  }
  return s.share().hash;
}

// Opens a hash and hands the w= bytes back as decompressed (identity).
void open(Session& s, const std::string& hash) {
  s.open_link(hash);
  std::string bytes;
  if (s.take_inflate_request(&bytes)) s.on_inflated(bytes, "");
  s.tick(1.0);
}

const char* kLstm = "v=1&hidden=8&T=10&batch=8";  // lstm on adding, as link() writes it

TEST(SessionLinkWeights, ASharedLinkContinuesTheTrainedModel) {
  Session a;
  a.open_link(kLstm);
  a.step(30);
  const std::string hash = share(a, 16);
  ASSERT_EQ(a.share().state, SH::Done) << a.share().message;
  EXPECT_EQ(a.share().at_step, 30);
  EXPECT_EQ(hash.find(std::string(kLstm) + "&w="), 0u) << hash;
  a.step(1);

  Session b;
  open(b, hash);
  ASSERT_EQ(b.link_weights().state, LW::Loaded) << b.link_weights().message;
  EXPECT_EQ(b.link_weights().bits, 16);
  EXPECT_EQ(b.step_count(), 30);
  EXPECT_EQ(b.link(), hash) << "the link keeps w= while the run starts from it";
  b.step(1);
  EXPECT_EQ(b.main().history.step.back(), 31);
  const double la = a.main().history.loss.back(), lb = b.main().history.loss.back();
  EXPECT_NEAR(lb, la, 1e-3 * la);
  b.reset();
  EXPECT_EQ(b.link(), kLstm) << "reset starts from the initial weights: w= goes";
}

TEST(SessionLinkWeights, RunWaitsForTheWeights) {
  Session a;
  a.open_link(kLstm);
  a.step(5);
  const std::string hash = share(a, 8);
  Session b;
  b.open_link(hash + "&run=1");
  EXPECT_FALSE(b.running()) << "run=1 waits until the weights are in";
  std::string bytes;
  ASSERT_TRUE(b.take_inflate_request(&bytes));
  b.on_inflated(bytes, "");
  b.tick(1.0);
  EXPECT_TRUE(b.running());
  EXPECT_EQ(b.link_weights().bits, 8);
}

TEST(SessionLinkWeights, OnlyTheMainRunStartsFromThem) {
  Session a;
  a.open_link(kLstm);
  a.step(4);
  const std::string hash = share(a, 16);
  Session b;
  open(b, hash.substr(0, hash.find("&w=")) + "&compare=gru" + hash.substr(hash.find("&w=")));
  ASSERT_EQ(b.link_weights().state, LW::Loaded) << b.link_weights().message;
  ASSERT_EQ(b.runs().size(), 2u);
  EXPECT_EQ(b.runs()[0].report.step, 4);
  EXPECT_EQ(b.runs()[1].report.step, 0) << "a compare run starts from its own initial weights";
}

std::string failure(const std::string& hash) {
  Session b;
  open(b, hash);
  EXPECT_EQ(b.link_weights().state, LW::Failed) << hash.substr(0, 80);
  EXPECT_EQ(b.config().i("hidden"), parse_link(hash).config.i("hidden")) << "the rest of the link applies";
  EXPECT_FALSE(b.errors().empty());
  EXPECT_EQ(b.link().find("&w="), std::string::npos) << "a refused w= leaves the link";
  return b.link_weights().message;
}

TEST(SessionLinkWeights, ADamagedOrForeignLinkIsRefusedAndTheRestApplies) {
  Session a;
  a.open_link(kLstm);
  a.step(3);
  const std::string hash = share(a, 16);
  const size_t w = hash.find("&w=") + 3;
  std::string changed = hash;
  changed[w + 200] = changed[w + 200] == 'A' ? 'B' : 'A';  // a value, past the header
  EXPECT_NE(failure(changed).find("checksum does not match"), std::string::npos);
  EXPECT_NE(failure(hash.substr(0, hash.size() - 9)).find("cut short"), std::string::npos);
  // The link's config edited to another model: the tensor and both shapes.
  std::string other = hash;
  other.replace(other.find("hidden=8"), 8, "hidden=6");
  EXPECT_NE(failure(other).find("(rnn.weight_ih_l0) is [32, 2] in the link, but [24, 2] in this model"),
            std::string::npos);
  // Not base64url: named by parse_link, with the character.
  Session b;
  b.open_link(hash.substr(0, w + 5) + "*" + hash.substr(w + 6));
  ASSERT_FALSE(b.errors().empty());
  EXPECT_NE(b.errors()[0].message.find("not base64url"), std::string::npos);
}

TEST(SessionLinkWeights, ATooLargeModelSaysSoAndOffersTheFile) {
  Session a;
  // 4 x 128 x (2 + 128) + ... = 67 K parameters: 67 KB at 8 bits, over the limit uncompressed.
  a.open_link("v=1&arch=lstm&task=adding&T=5&hidden=128&batch=2");
  share(a, 0);
  ASSERT_EQ(a.share().state, SH::Failed);
  EXPECT_TRUE(a.share().too_large);
  EXPECT_EQ(a.share().tried, 8) << "16 bits did not fit, so 8 was tried";
  EXPECT_NE(a.share().message.find("too large for a link"), std::string::npos) << a.share().message;
  EXPECT_NE(a.share().message.find("Download the weights file"), std::string::npos);
}

TEST(SessionLinkWeights, TheStateReportSaysHowTheWeightsWent) {
  Session a;
  a.open_link(kLstm);
  a.step(2);
  Session b;
  open(b, share(a, 16));
  const std::string st = b.state_json();
  EXPECT_NE(st.find("\"linkWeights\":{\"state\":\"loaded\",\"step\":2,\"bits\":16"), std::string::npos) << st;
}

}  // namespace
}  // namespace unroll::app
