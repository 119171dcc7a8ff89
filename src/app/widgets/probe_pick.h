// Which probe sequence the cell and task panels show: one choice shared by
// both, so the heatmaps and the task view always describe the same input.
#pragma once

namespace unroll::app {

// The chosen probe sequence, 0-based (clamped to the snapshot's B on use).
int& probe_sequence();
// "sequence [1] [2] [3] [4]" radio buttons on one line, with a tooltip.
// B = probe sequences available. Returns the chosen index, in [0, B).
int probe_sequence_picker(int B);

}  // namespace unroll::app
