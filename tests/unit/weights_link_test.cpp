// A trained model in a link: base64url, the checksum, the quantisation's
// bound, and the refusals (cut short, changed, another model).
#include <gtest/gtest.h>

#include <cmath>

#include "core/io/base64url.h"
#include "core/io/crc32.h"
#include "core/io/weights_link.h"
#include "core/train/experiment.h"
#include "core/train/experiment_weights.h"

namespace unroll {
namespace {

TEST(Base64url, KnownVectorsAndRoundTrips) {
  EXPECT_EQ(base64url_encode(""), "");
  EXPECT_EQ(base64url_encode("f"), "Zg");
  EXPECT_EQ(base64url_encode("fo"), "Zm8");
  EXPECT_EQ(base64url_encode("foo"), "Zm9v");
  EXPECT_EQ(base64url_encode("\xfb\xff"), "-_8");  // the two url-safe characters
  std::string all;
  for (int k = 0; k < 256; ++k) all.push_back(char(k));
  for (size_t n = 0; n <= all.size(); n += 1) {
    std::string back, error;
    ASSERT_TRUE(base64url_decode(base64url_encode(all.substr(0, n)), &back, &error)) << n << error;
    EXPECT_EQ(back, all.substr(0, n));
  }
}

TEST(Base64url, StrictDecoding) {
  std::string out, error;
  EXPECT_FALSE(base64url_decode("Zm9v+", &out, &error));  // '+' is base64, not base64url
  EXPECT_NE(error.find("character 5"), std::string::npos) << error;
  EXPECT_FALSE(base64url_decode("Zm9vZ", &out, &error));  // 5 characters: no whole bytes
  EXPECT_NE(error.find("cut short"), std::string::npos) << error;
  EXPECT_FALSE(base64url_decode("Zh", &out, &error));     // 'h' sets bits "f" does not use
  EXPECT_NE(error.find("bits no byte uses"), std::string::npos) << error;
  EXPECT_FALSE(base64url_decode("Zm9v=", &out, &error));  // no padding
}

TEST(Crc32, TheStandardCheckValue) {
  EXPECT_EQ(crc32("123456789"), 0xCBF43926u);
  EXPECT_EQ(crc32(""), 0u);
}

ParamList<float> some_params() {
  ParamList<float> p;
  Rng rng(3);
  add_param(p, "a.weight", 5, 3);
  add_param(p, "a.bias", 5, 1);
  add_param(p, "zeros", 2, 2);  // scale 0: stays 0
  fill_normal(p[0].value, 0.7, rng);
  fill_uniform(p[1].value, 0.1, rng);
  return p;
}

TEST(WeightsLink, EachWeightMovesByAtMostHalfAStep) {
  const ParamList<float> p = some_params();
  for (int bits : {8, 16}) {
    const std::string bytes = encode_weights_link(p, 1234, bits);
    ParamList<float> back;
    WeightsLinkInfo info;
    std::string error;
    ASSERT_TRUE(decode_weights_link(bytes, p, &back, &info, &error)) << error;
    EXPECT_EQ(info.step, 1234);
    EXPECT_EQ(info.bits, bits);
    EXPECT_EQ(info.bytes, bytes.size());
    for (size_t k = 0; k < p.size(); ++k) {
      EXPECT_EQ(back[k].name, p[k].name);
      const float m = p[k].value.cwiseAbs().maxCoeff();
      const float half_step = m / float((1 << (bits - 1)) - 1) / 2;
      const float err = (back[k].value - p[k].value).cwiseAbs().maxCoeff();
      EXPECT_LE(err, half_step * 1.0001f + 1e-12f) << p[k].name << " at " << bits;
      if (m == 0) EXPECT_TRUE(back[k].value.isZero(0)) << p[k].name;
    }
    // 10 + 13 per tensor + the values + 4.
    EXPECT_EQ(bytes.size(), 10 + 13 * 3 + size_t(15 + 5 + 4) * size_t(bits / 8) + 4);
  }
}

TEST(WeightsLink, EveryChangedBitAndEveryCutIsRefused) {
  const ParamList<float> p = some_params();
  const std::string bytes = encode_weights_link(p, 7, 8);
  ParamList<float> out;
  WeightsLinkInfo info;
  std::string error;
  for (size_t k = 0; k < bytes.size(); ++k)
    for (int b = 0; b < 8; ++b) {
      std::string t = bytes;
      t[k] = char(t[k] ^ (1 << b));
      EXPECT_FALSE(decode_weights_link(t, p, &out, &info, &error)) << "byte " << k << " bit " << b;
    }
  for (size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_FALSE(decode_weights_link(bytes.substr(0, n), p, &out, &info, &error)) << n;
    if (n >= 14) {
      EXPECT_NE(error.find("cut short"), std::string::npos) << n << ": " << error;
    }
  }
  std::string changed = bytes;
  changed[60] = char(changed[60] ^ 1);  // a value: the length still fits
  EXPECT_FALSE(decode_weights_link(changed, p, &out, &info, &error));
  EXPECT_NE(error.find("checksum does not match"), std::string::npos) << error;
}

TEST(WeightsLink, AnotherModelNamesTheTensorAndBothShapes) {
  const ParamList<float> p = some_params();
  ParamList<float> other = p;
  other[1].value = Mat<float>::Zero(6, 1);
  ParamList<float> out;
  WeightsLinkInfo info;
  std::string error;
  EXPECT_FALSE(decode_weights_link(encode_weights_link(p, 0, 16), other, &out, &info, &error));
  EXPECT_NE(error.find("tensor 2 (a.bias) is [5] in the link, but [6] in this model"), std::string::npos) << error;
  other.pop_back();
  EXPECT_FALSE(decode_weights_link(encode_weights_link(p, 0, 16), other, &out, &info, &error));
  EXPECT_NE(error.find("3 tensors, but this model has 2"), std::string::npos) << error;
  EXPECT_FALSE(decode_weights_link("PK\x03\x04", p, &out, &info, &error));
  EXPECT_NE(error.find("not Unroll weights"), std::string::npos) << error;
}

// Through the experiment: a fresh run continues at the link's step from the
// dequantised weights (16 bits: the next loss within 1e-3 relative).
TEST(WeightsLink, AFreshRunContinuesAtTheLinksStep) {
  std::vector<ConfigError> errors;
  const Config cfg = Config::parse("v=1&arch=lstm&task=adding&T=10&hidden=8&batch=8", &errors);
  std::string error;
  auto a = Experiment::create(cfg, "", &error);
  for (int s = 0; s < 20; ++s) a->step();
  const std::string bytes = experiment_weights_link(*a, 16);
  a->step();
  auto b = Experiment::create(cfg, "", &error);
  WeightsLinkInfo info;
  ASSERT_TRUE(load_weights_link(*b, bytes, &info, &error)) << error;
  EXPECT_EQ(b->steps_done(), 20);
  b->step();
  EXPECT_EQ(b->last().step, 21);
  EXPECT_NEAR(b->last().loss, a->last().loss, 1e-3 * a->last().loss);
  EXPECT_NE(b->last().loss, a->last().loss);  // quantised: not the exact weights
}

}  // namespace
}  // namespace unroll
