// The one option parser of the `unroll` commands: both spellings, the
// same message for each kind of mistake, strict numbers, help from the table.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cli/options.h"

namespace unroll::cli {
namespace {

struct Parsed {
  std::string path;
  long n = 7;
  double x = 0.5;
  bool quiet = false;
  std::string cell = "lstm";
};

OptionParser make(Parsed* p) {
  OptionParser o("unroll test");
  o.text("--out", "FILE", &p->path, "where to write");
  o.integer("--n", "N", &p->n, 1, 100, "a count");
  o.real("--x", "S", &p->x, 0, 10, /*lo_open=*/true, "seconds");
  o.flag("--quiet", &p->quiet, "no progress");
  o.choice("--cell", "C", {"lstm", "gru"}, &p->cell, "cell");
  return o;
}

OptionParser::Result run(const std::vector<std::string>& args, Parsed* p, std::string* error) {
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  return make(p).parse(int(argv.size()), argv.data(), error);
}

TEST(CliOptions, BothSpellingsGiveTheSameValues) {
  Parsed a, b;
  std::string e;
  ASSERT_EQ(run({"--out", "w.json", "--n", "12", "--x", "2.5", "--quiet", "--cell", "gru"}, &a, &e),
            OptionParser::Result::Ok) << e;
  ASSERT_EQ(run({"--out=w.json", "--n=12", "--x=2.5", "--quiet", "--cell=gru"}, &b, &e),
            OptionParser::Result::Ok) << e;
  for (const Parsed* p : {&a, &b}) {
    EXPECT_EQ(p->path, "w.json");
    EXPECT_EQ(p->n, 12);
    EXPECT_EQ(p->x, 2.5);
    EXPECT_TRUE(p->quiet);
    EXPECT_EQ(p->cell, "gru");
  }
  // A value may hold '=' itself, and the last of a repeated option wins.
  Parsed c;
  ASSERT_EQ(run({"--out=a=b", "--n", "3", "--n=4"}, &c, &e), OptionParser::Result::Ok) << e;
  EXPECT_EQ(c.path, "a=b");
  EXPECT_EQ(c.n, 4);
}

TEST(CliOptions, MistakesGetOneMessageEach) {
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const Case cases[] = {
      {{"--n"}, "unroll test: --n needs a value: a whole number from 1 to 100"},
      {{"--n", "--quiet"}, "unroll test: --n needs a value: a whole number from 1 to 100"},
      {{"--out"}, "unroll test: --out needs a value: a file path"},
      {{"--out="}, "unroll test: --out must be a file path (got '')"},
      {{"--n=abc"}, "unroll test: --n must be a whole number from 1 to 100 (got 'abc')"},
      {{"--n", "0"}, "unroll test: --n must be a whole number from 1 to 100 (got '0')"},
      {{"--x=0"}, "unroll test: --x must be a number above 0 and at most 10 (got '0')"},
      {{"--cell=rnn"}, "unroll test: --cell must be one of lstm or gru (got 'rnn')"},
      {{"--quiet=1"}, "unroll test: --quiet takes no value (got '--quiet=1')"},
      {{"--nope", "1"},
       "unroll test: unknown option '--nope'; allowed: --out, --n, --x, --quiet, --cell, --help "
       "(see 'unroll test --help')"},
      {{"w.json"},
       "unroll test: unexpected argument 'w.json': every option starts with --; allowed: --out, --n, "
       "--x, --quiet, --cell, --help"},
  };
  for (const Case& c : cases) {
    Parsed p;
    std::string e;
    EXPECT_EQ(run(c.args, &p, &e), OptionParser::Result::Error) << c.args[0];
    EXPECT_EQ(e, c.message);
  }
}

TEST(CliOptions, NumbersAreStrict) {
  // What strtol/strtod would take but a careful reader would not.
  for (const char* bad : {"+5", " 5", "5 ", "0x10", "1e1", "5.0", "", "-", "99999999999999999999999"}) {
    Parsed p;
    std::string e;
    EXPECT_EQ(run({std::string("--n=") + bad}, &p, &e), OptionParser::Result::Error) << "'" << bad << "'";
  }
  for (const char* bad : {"inf", "nan", "0x1p3", "1e999", "+1", ".", "1e", "1.2.3", " 1"}) {
    Parsed p;
    std::string e;
    EXPECT_EQ(run({std::string("--x=") + bad}, &p, &e), OptionParser::Result::Error) << "'" << bad << "'";
  }
  for (const char* good : {"1", "0.25", ".5", "5.", "1e-3", "2E+0", "10"}) {
    Parsed p;
    std::string e;
    EXPECT_EQ(run({std::string("--x=") + good}, &p, &e), OptionParser::Result::Ok) << good << ": " << e;
  }
}

TEST(CliOptions, HelpWinsAndListsEveryOption) {
  Parsed p;
  std::string e;
  EXPECT_EQ(run({"--nope", "--help"}, &p, &e), OptionParser::Result::Help);
  EXPECT_EQ(run({"-h"}, &p, &e), OptionParser::Result::Help);
  const std::string help = make(&p).help();
  for (const char* name : {"--out FILE", "--n N", "--x S", "--quiet", "--cell C", "--help"})
    EXPECT_NE(help.find(name), std::string::npos) << name << " missing from\n" << help;
}

TEST(CliOptions, EchoedArgumentsAreSafeToPrint) {
  Parsed p;
  std::string e;
  ASSERT_EQ(run({"--n=\x1b[2J" + std::string(500, 'x')}, &p, &e), OptionParser::Result::Error);
  EXPECT_EQ(e.find('\x1b'), std::string::npos);
  EXPECT_LT(e.size(), 200u);
}

}  // namespace
}  // namespace unroll::cli
