// Files the CLI reads and writes: reads bounded before they start, writes
// that leave the previous file intact whatever fails.
#include <gtest/gtest.h>

#include <dirent.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "cli/files.h"

namespace unroll::cli {
namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// A fresh folder per test, removed afterwards.
class CliFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string t = ::testing::TempDir() + "unroll-files-XXXXXX";
    ASSERT_NE(::mkdtemp(&t[0]), nullptr);
    dir_ = t;
  }
  void TearDown() override { std::system(("rm -rf '" + dir_ + "'").c_str()); }

  std::string path(const std::string& name) const { return dir_ + "/" + name; }
  static void put(const std::string& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }
  static std::string get(const std::string& p) {
    std::ifstream f(p, std::ios::binary);
    std::ostringstream ss;
    ss << f.rdbuf();
    return ss.str();
  }
  std::vector<std::string> entries() const {
    std::vector<std::string> out;
    DIR* d = ::opendir(dir_.c_str());
    while (dirent* e = ::readdir(d))
      if (std::string(e->d_name) != "." && std::string(e->d_name) != "..") out.push_back(e->d_name);
    ::closedir(d);
    std::sort(out.begin(), out.end());
    return out;
  }

  std::string dir_;
};

TEST_F(CliFiles, ReadsUpToTheLimitAndNoFurther) {
  std::string out, e;
  put(path("ok"), std::string(100, 'a'));
  ASSERT_TRUE(read_bounded(path("ok"), 100, "the test limit", &out, &e)) << e;
  EXPECT_EQ(out.size(), 100u);
  EXPECT_FALSE(read_bounded(path("ok"), 99, "the test limit", &out, &e));
  EXPECT_TRUE(contains(e, "100 bytes, more than the test limit of 99 bytes")) << e;
}

TEST_F(CliFiles, EndlessStreamIsRefusedQuickly) {
  // Finding 3: /dev/zero was read whole before the size check.
  std::string out, e;
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_FALSE(read_bounded("/dev/zero", size_t(1) << 20, "the corpus limit", &out, &e));
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 2.0);
  EXPECT_EQ(e, "'/dev/zero' holds more than the corpus limit of 1 MiB (1048576 bytes) (stopped reading there)");
  EXPECT_TRUE(out.empty());
}

TEST_F(CliFiles, LargeRegularFileIsRefusedFromItsSize) {
  // A sparse 8 GiB file: reading it would take long; its size says enough.
  const std::string p = path("huge");
  put(p, "");
  ASSERT_EQ(::truncate(p.c_str(), off_t(8) << 30), 0);
  std::string out, e;
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_FALSE(read_bounded(p, size_t(128) << 20, "the input file limit", &out, &e));
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 0.5);
  EXPECT_TRUE(contains(e, "is 8589934592 bytes, more than the input file limit of 128 MiB")) << e;
}

TEST_F(CliFiles, ReadErrorsNameThePath) {
  std::string out, e;
  EXPECT_FALSE(read_bounded(path("missing"), 10, "the limit", &out, &e));
  EXPECT_TRUE(contains(e, "cannot open '" + path("missing") + "' for reading: No such file")) << e;
  EXPECT_FALSE(read_bounded(dir_, 10, "the limit", &out, &e));
  EXPECT_TRUE(contains(e, "is a folder")) << e;
}

TEST_F(CliFiles, WriteReplacesAndLeavesNoTemporaryFile) {
  const std::string p = path("w.json");
  put(p, "old");
  ::chmod(p.c_str(), 0640);
  std::string e;
  ASSERT_TRUE(write_file(p, "new", &e)) << e;
  EXPECT_EQ(get(p), "new");
  struct stat st {};
  ASSERT_EQ(::stat(p.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u) << "the replacement keeps the old file's mode";
  EXPECT_EQ(entries(), std::vector<std::string>{"w.json"});
}

TEST_F(CliFiles, WriteThroughSymlinkReplacesItsTarget) {
  put(path("real.json"), "old");
  ASSERT_EQ(::symlink("real.json", path("link.json").c_str()), 0);
  std::string e;
  ASSERT_TRUE(write_file(path("link.json"), "new", &e)) << e;
  EXPECT_EQ(get(path("real.json")), "new");
  struct stat st {};
  ASSERT_EQ(::lstat(path("link.json").c_str(), &st), 0);
  EXPECT_TRUE(S_ISLNK(st.st_mode));
}

TEST_F(CliFiles, UncommittedWriteLeavesThePreviousFile) {
  const std::string p = path("w.json");
  put(p, "old");
  {
    OutputFile f;
    std::string e;
    ASSERT_TRUE(f.open(p, &e)) << e;
    f.write("half of the new fi");
  }  // dropped without commit(): as if the run had failed
  EXPECT_EQ(get(p), "old");
  EXPECT_EQ(entries(), std::vector<std::string>{"w.json"});
}

TEST_F(CliFiles, FailedWriteKeepsThePreviousFile) {
  // Finding 4: a write that fails half way (here: the file size limit, as
  // a full disk would) must leave the old file whole.
  const std::string p = path("w.json");
  put(p, "old");
  struct rlimit old {};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old), 0);
  auto* old_handler = std::signal(SIGXFSZ, SIG_IGN);
  struct rlimit small = old;
  small.rlim_cur = 4096;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  std::string e;
  const bool ok = write_file(p, std::string(100000, 'x'), &e);
  ::setrlimit(RLIMIT_FSIZE, &old);
  std::signal(SIGXFSZ, old_handler);
  EXPECT_FALSE(ok);
  EXPECT_TRUE(contains(e, "cannot write '" + p + "'")) << e;
  EXPECT_TRUE(contains(e, "File too large")) << e;
  EXPECT_TRUE(contains(e, "unchanged")) << e;
  EXPECT_EQ(get(p), "old");
  EXPECT_EQ(entries(), std::vector<std::string>{"w.json"});
}

TEST_F(CliFiles, FolderAsTargetIsRefusedAndKept) {
  ::mkdir(path("out").c_str(), 0755);
  put(path("out/inside"), "kept");
  std::string e;
  EXPECT_FALSE(write_file(path("out"), "x", &e));
  EXPECT_TRUE(contains(e, "it is a folder")) << e;
  EXPECT_EQ(get(path("out/inside")), "kept");
}

TEST_F(CliFiles, FullDeviceIsAnError) {
  // Finding 4: --jsonl /dev/full exited 0 with the data lost.
  OutputFile f;
  std::string e;
  ASSERT_TRUE(f.open("/dev/full", &e)) << e;
  f.write("{\"step\": 1}\n");
  EXPECT_FALSE(f.commit(&e));
  EXPECT_TRUE(contains(e, "cannot write '/dev/full'")) << e;
  EXPECT_TRUE(contains(e, "No space left on device")) << e;
}

TEST_F(CliFiles, MissingFolderIsAnError) {
  std::string e;
  EXPECT_FALSE(write_file(path("no/such/w.json"), "x", &e));
  EXPECT_TRUE(contains(e, "cannot create a temporary file in '" + path("no/such") + "'")) << e;
}

}  // namespace
}  // namespace unroll::cli
