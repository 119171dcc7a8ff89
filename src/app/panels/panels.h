// The playground's panels. Each draws inside an ImGui window that app.cpp
// has already begun (position and size are app.cpp's layout) and reads or
// edits the Session only.
#pragma once
#include <string>

#include "app/state/session.h"

namespace unroll::app {

void draw_run_bar(Session& s);          // play/pause/step/reset, speed, link, messages
void draw_link_button(Session& s);      // Copy link + its menu (the link, with weights, its QR code, zoom)
void copy_shared_link(Session& s);      // every frame: copies a link with weights the menu asked for
// getState().linkMenu: {qr: {x, y, width, height} in CSS px, or null when closed}.
void write_link_menu_state(json::Writer& w);
void draw_experiment_panel(Session& s); // every key of the key table, grouped
void draw_loss_panel(Session& s);       // loss + metric over steps, chance line
void draw_gradflow_panel(Session& s);   // ||dL/dh_t|| vs t, heatmap over training, global norm
void draw_matrix_panel(Session& s);     // eigenvalues of W_hh, unit circle, spectral radius
void draw_cell_panel(Session& s);       // hidden states and gates on the probe sequences
void draw_task_panel(Session& s);       // sample input / target / output in the task's terms
void draw_compare_panel(Session& s);    // up to 4 runs side by side
void draw_attention_panel(Session& s);  // attention maps (query x key) per layer and head
void draw_bottleneck_panel(Session& s); // accuracy vs length, positional encodings, time vs T
// Brings a tab of that panel forward on the next frame (0, 1, 2; the JS hooks).
void select_bottleneck_tab(int tab);

// For the JS API (getState().generate): the task panel's Generate tab as JSON,
// {text, atStep, temperature, error, tab, button}; tab/button are where the
// last frame drew them (CSS pixels) or null.
void write_task_generate(json::Writer& w);

}  // namespace unroll::app
