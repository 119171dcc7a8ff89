// Which layout the page uses, from the window's width in CSS pixels (the
// app re-reads it every frame, so a rotation or a resize switches at once):
//   wide   >= 1180: the sidebar and a 2 x 3 grid of views
//   medium >=  700: the sidebar and a column of the views, two at a time, scrolled
//   narrow  <  700: one view at a time behind a tab strip, touch-sized controls
// The presentation zoom divides the width first: zoom=2 on a 1920 px
// projector lays out like a 960 px window, with everything twice as big.
// UI-free (unit-tested natively).
#pragma once

namespace unroll::app {

enum class LayoutKind { Wide, Medium, Narrow };

constexpr float kWideMinWidth = 1180.f, kMediumMinWidth = 700.f;

inline LayoutKind layout_for_width(float css_width, float zoom = 1.f) {
  const float w = css_width / (zoom > 0 ? zoom : 1.f);
  return w >= kWideMinWidth ? LayoutKind::Wide : w >= kMediumMinWidth ? LayoutKind::Medium : LayoutKind::Narrow;
}

inline const char* layout_name(LayoutKind k) {
  return k == LayoutKind::Wide ? "wide" : k == LayoutKind::Medium ? "medium" : "narrow";
}

// How much larger than CSS pixels text and lines are drawn: the zoom (the
// UI font is 15 CSS px, already a phone's reading size).
inline float text_scale(LayoutKind, float zoom = 1.f) { return zoom > 0 ? zoom : 1.f; }

}  // namespace unroll::app
