// Focus links (hide=, panels=, zoom=): parsed strictly with messages that
// name what is allowed, written back in one spelling, and the layout the
// page chooses for a width and a zoom.
#include <gtest/gtest.h>

#include "app/state/focus.h"
#include "app/state/layout.h"
#include "app/state/links.h"

namespace unroll::app {
namespace {

TEST(Focus, LinksCarryHidePanelsAndZoomBackAndForth) {
  const Link l = parse_link("v=1&arch=gru&hide=optim,lr,seed,speed&panels=gradflow,loss&zoom=1.5");
  EXPECT_TRUE(l.errors.empty()) << (l.errors.empty() ? "" : l.errors[0].message);
  EXPECT_TRUE(l.focus.hides("lr"));
  EXPECT_TRUE(l.focus.hides("speed"));
  EXPECT_FALSE(l.focus.hides("batch"));
  EXPECT_TRUE(l.focus.shows(View::Loss));
  EXPECT_TRUE(l.focus.shows(View::GradFlow));
  EXPECT_FALSE(l.focus.shows(View::Experiment));
  EXPECT_FALSE(l.focus.shows(View::Compare));
  EXPECT_FLOAT_EQ(l.focus.scale(), 1.5f);
  // Views in the table's order, whatever order the link used.
  EXPECT_EQ(make_link(l.config, l.compare, "", 0, "", 0, l.focus),
            "v=1&arch=gru&hide=optim,lr,seed,speed&panels=loss,gradflow&zoom=1.5");
}

TEST(Focus, AliasesNameTheSameSlotAndRepeatsCollapse) {
  const Link l = parse_link("v=1&panels=attention,bottleneck,matrix&hide=lr,lr");
  EXPECT_TRUE(l.errors.empty());
  ASSERT_EQ(l.focus.panels.size(), 2u);
  EXPECT_EQ(l.focus.panels[0], View::Matrix);
  EXPECT_EQ(l.focus.panels[1], View::Cell);
  EXPECT_EQ(l.focus.hide.size(), 1u);
}

TEST(Focus, NoFocusKeysMeansEverythingShowsAndNothingIsWritten) {
  const Link l = parse_link("v=1&arch=lstm");
  EXPECT_TRUE(l.focus.empty());
  for (const ViewInfo& v : view_table()) EXPECT_TRUE(l.focus.shows(v.view)) << v.id;
  EXPECT_EQ(make_link(l.config, l.compare, "", 0, "", 0, l.focus), "v=1");
  EXPECT_EQ(parse_link("v=1&zoom=1").focus.zoom, 0.f);  // the default is not written
}

TEST(Focus, BadValuesAreNamedWithWhatIsAllowed) {
  struct Case { const char* link; const char* says; };
  const Case cases[] = {
      {"v=1&hide=lr,bogus", "'bogus', which is not a control: allowed any experiment key"},
      {"v=1&hide=", "'', which is not a control"},
      {"v=1&hide=v", "'v', which is not a control"},  // the link version is not a control
      {"v=1&panels=loss,heatmap", "'heatmap', which is not a view: allowed experiment, lessons, loss"},
      {"v=1&panels=", "which is not a view"},
      {"v=1&zoom=0.5", "zoom=0.5 is not allowed: the presentation zoom is a number from 1 to 3"},
      {"v=1&zoom=4", "from 1 to 3"},
      {"v=1&zoom=nan", "from 1 to 3"},
      {"v=1&zoom=1e0", "from 1 to 3"},
      {"v=1&zoom=<b>", "zoom=?b? is not allowed"},
  };
  for (const Case& c : cases) {
    const Link l = parse_link(c.link);
    ASSERT_EQ(l.errors.size(), 1u) << c.link;
    EXPECT_NE(l.errors[0].message.find(c.says), std::string::npos) << c.link << ": " << l.errors[0].message;
    EXPECT_TRUE(l.focus.empty()) << c.link;  // a bad value changes nothing
  }
}

TEST(Layout, TheWidthAndTheZoomChooseTheLayout) {
  EXPECT_EQ(layout_for_width(1600), LayoutKind::Wide);
  EXPECT_EQ(layout_for_width(1180), LayoutKind::Wide);
  EXPECT_EQ(layout_for_width(1179), LayoutKind::Medium);
  EXPECT_EQ(layout_for_width(820), LayoutKind::Medium);   // a tablet held upright
  EXPECT_EQ(layout_for_width(700), LayoutKind::Medium);
  EXPECT_EQ(layout_for_width(390), LayoutKind::Narrow);   // a phone
  EXPECT_EQ(layout_for_width(1920, 1.5f), LayoutKind::Wide);  // 1280 px of zoomed layout
  EXPECT_EQ(layout_for_width(1920, 2.f), LayoutKind::Medium);
  EXPECT_EQ(layout_for_width(1280, 2.f), LayoutKind::Narrow);
  EXPECT_FLOAT_EQ(text_scale(LayoutKind::Wide, 1.5f), 1.5f);
}

}  // namespace
}  // namespace unroll::app
