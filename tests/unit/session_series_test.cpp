// The page's task=series path without a browser: a loaded CSV switches the
// task, its normalisation goes into the link (norm=), the link reproduces
// the run on the same file, and a bad file is a setup error naming the row.
#include <gtest/gtest.h>

#include <string>

#include "app/state/session.h"
#include "core/tasks/task_series.h"

namespace unroll::app {
namespace {

std::string ramp(int rows, int mul) {
  std::string s = "year,v,w\n";
  for (int r = 0; r < rows; ++r)
    s += std::to_string(1900 + r) + "," + std::to_string((r * mul) % 13) + "," + std::to_string(r % 5) + "\n";
  return s;
}

const SeriesTask& series_of(const Session& s) {
  const auto* t = dynamic_cast<const SeriesTask*>(s.main().task.get());
  EXPECT_NE(t, nullptr) << s.setup_error();
  return *t;
}

TEST(SessionSeries, LoadingACsvSwitchesToSeriesAndWritesTheNormIntoTheLink) {
  Session s;
  s.open_link("v=1&T=8&hidden=8&columns=v");
  s.set_user_csv("a.csv", ramp(40, 5));
  ASSERT_TRUE(s.main().ok()) << s.setup_error();
  EXPECT_EQ(s.config().s("task"), "series");
  const std::string norm = series_of(s).norm_text();
  EXPECT_EQ(s.config().s("norm"), norm);
  EXPECT_NE(s.link().find("&norm=" + norm), std::string::npos) << s.link();
  EXPECT_FALSE(s.needs_reset());
  EXPECT_EQ(s.step(3), 3);
  const std::string state = s.state_json();
  EXPECT_NE(state.find("\"task\":{\"name\":\"series\",\"metricName\":\"mse\",\"chanceLoss\":"), std::string::npos)
      << state;
  EXPECT_NE(state.find("\"data\":{\"file\":\"a.csv\",\"rows\":40,\"columns\":[\"v\"]"), std::string::npos) << state;
}

TEST(SessionSeries, TheLinkReproducesTheRunOnTheSameFile) {
  Session a, b;
  a.open_link("v=1&T=8&hidden=8&columns=v,w&seed=3");
  a.set_user_csv("a.csv", ramp(50, 7));
  a.step(10);
  b.open_link(a.link());
  b.set_user_csv("a.csv", ramp(50, 7));
  EXPECT_EQ(b.config(), a.config());
  b.step(10);
  ASSERT_EQ(a.main().history.loss.size(), 10u);
  EXPECT_EQ(b.main().history.loss, a.main().history.loss);
}

TEST(SessionSeries, ALinksNormIsKeptAndNewDataRecomputesAComputedOne) {
  Session s;
  s.open_link("v=1&task=series&T=8&hidden=8&columns=v&norm=0:1");
  s.set_user_csv("a.csv", ramp(40, 5));
  EXPECT_EQ(s.config().s("norm"), "0:1") << "the link's normalisation is used as given";
  EXPECT_EQ(series_of(s).mean()[0], 0.0);

  Session p;
  p.open_link("v=1&task=series&T=8&hidden=8&columns=v");
  p.set_user_csv("a.csv", ramp(40, 5));
  const std::string first = p.config().s("norm");
  p.set_user_csv("b.csv", ramp(40, 3) + "1940,20,1\n");
  EXPECT_NE(p.config().s("norm"), first) << "computed for the old data: computed again";
  EXPECT_EQ(p.config().s("norm"), series_of(p).norm_text());
  // Other columns: the computed normalisation is dropped, and computed on reset.
  Config c = p.config();
  ASSERT_TRUE(c.set("columns", "v,w", nullptr));
  p.edit(c);
  EXPECT_EQ(p.config().s("norm"), "");
  p.reset();
  ASSERT_TRUE(p.main().ok()) << p.setup_error();
  EXPECT_EQ(series_of(p).input_size(), 2);
  EXPECT_EQ(p.config().s("norm"), series_of(p).norm_text());
}

TEST(SessionSeries, ABadFileIsASetupErrorNamingTheRowAndColumn) {
  Session s;
  s.open_link("v=1&task=series&T=3&hidden=8");
  EXPECT_NE(s.setup_error().find("task=series needs your data"), std::string::npos) << s.setup_error();
  s.set_user_csv("bad.csv", "a,b\n1,2\n3,oops\n4,5\n6,7\n");
  EXPECT_NE(s.setup_error().find("row 3, column 2 (b): 'oops' is text in a numeric column"), std::string::npos)
      << s.setup_error();
  EXPECT_EQ(s.step(1), 0);
  EXPECT_EQ(s.config().s("norm"), "");
}

}  // namespace
}  // namespace unroll::app
