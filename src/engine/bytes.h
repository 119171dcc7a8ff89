// A little-endian byte stream for engine updates (protocol.h): what a
// worker transfers to the page as an ArrayBuffer. The reader checks every
// length against what is left, so a truncated or corrupt buffer fails
// cleanly instead of reading out of bounds.
#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "core/tensor/tensor.h"

namespace unroll::engine {

class ByteWriter {
 public:
  void u8(uint8_t v) { out_.push_back(char(v)); }
  void i64(int64_t v) { raw(&v, sizeof v); }
  void f64(double v) { raw(&v, sizeof v); }
  void str(std::string_view s) {
    i64(int64_t(s.size()));
    out_.append(s.data(), s.size());
  }
  void f32s(const float* p, size_t n) {
    i64(int64_t(n));
    raw(p, n * sizeof(float));
  }
  void f64s(const std::vector<double>& v) {
    i64(int64_t(v.size()));
    raw(v.data(), v.size() * sizeof(double));
  }
  void mat(const Mat<float>& m) {
    i64(m.rows());
    i64(m.cols());
    raw(m.data(), size_t(m.size()) * sizeof(float));
  }
  const std::string& bytes() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void raw(const void* p, size_t n) { out_.append(static_cast<const char*>(p), n); }
  std::string out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view b) : b_(b) {}
  bool ok() const { return ok_; }
  bool done() const { return at_ == b_.size(); }

  uint8_t u8() {
    uint8_t v = 0;
    raw(&v, 1);
    return v;
  }
  int64_t i64() {
    int64_t v = 0;
    raw(&v, sizeof v);
    return v;
  }
  double f64() {
    double v = 0;
    raw(&v, sizeof v);
    return v;
  }
  std::string str() {
    const int64_t n = count(1);
    std::string s;
    if (ok_) s.assign(b_.data() + at_, size_t(n)), at_ += size_t(n);
    return s;
  }
  std::vector<float> f32s() {
    const int64_t n = count(sizeof(float));
    std::vector<float> v(ok_ ? size_t(n) : 0);
    raw(v.data(), v.size() * sizeof(float));
    return v;
  }
  std::vector<double> f64s() {
    const int64_t n = count(sizeof(double));
    std::vector<double> v(ok_ ? size_t(n) : 0);
    raw(v.data(), v.size() * sizeof(double));
    return v;
  }
  Mat<float> mat() {
    const int64_t r = i64(), c = i64();
    Mat<float> m;
    if (!ok_ || r < 0 || c < 0 || (c > 0 && r > int64_t(left() / sizeof(float)) / c)) {
      ok_ = false;
      return m;
    }
    m.resize(Index(r), Index(c));
    raw(m.data(), size_t(r * c) * sizeof(float));
    return m;
  }

 private:
  size_t left() const { return b_.size() - at_; }
  // A count of items of `size` bytes that must fit in what is left.
  int64_t count(size_t size) {
    const int64_t n = i64();
    if (!ok_ || n < 0 || uint64_t(n) > left() / size) {
      ok_ = false;
      return 0;
    }
    return n;
  }
  void raw(void* p, size_t n) {
    if (!ok_ || n > left()) {
      ok_ = false;
      return;
    }
    if (n) std::memcpy(p, b_.data() + at_, n);
    at_ += n;
  }

  std::string_view b_;
  size_t at_ = 0;
  bool ok_ = true;
};

}  // namespace unroll::engine
