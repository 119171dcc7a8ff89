// Heatmap quad: the same vertex layout as Dear ImGui's own shader (so the
// quad is an ordinary ImDrawList image), positions in screen pixels.
// The #version line is prepended at run time (300 es in the browser, 150 on desktop).
uniform mat4 ProjMtx;
in vec2 Position;
in vec2 UV;
in vec4 Color;
out vec2 Frag_UV;
void main() {
  Frag_UV = UV;
  gl_Position = ProjMtx * vec4(Position.xy, 0.0, 1.0);
}
