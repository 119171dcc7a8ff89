// Heatmap colours: one float per texel (R32F), mapped through a 9-stop
// colormap (stops come from src/app/colormap.cpp as a uniform, so GPU and
// CPU colours agree). Values below -1e38 mark NaN (drawn grey).
// The #version line is prepended at run time (300 es in the browser, 150 on desktop).
precision highp float;
uniform sampler2D Texture;
uniform float u_lo;       // range bottom (log10 of it in log mode)
uniform float u_hi;       // range top
uniform int u_log;        // 1: colour by log10(value)
uniform vec3 u_stops[9];  // colormap stops, evenly spaced over [0, 1]
in vec2 Frag_UV;
out vec4 Out_Color;

vec3 colormap(float u) {
  float x = clamp(u, 0.0, 1.0) * 8.0;
  int i = int(min(floor(x), 7.0));
  return mix(u_stops[i], u_stops[i + 1], x - float(i));
}

void main() {
  float v = texture(Texture, Frag_UV).r;
  if (v < -1.0e38) { Out_Color = vec4(0.5, 0.5, 0.5, 1.0); return; }
  if (u_log == 1) v = v > 0.0 ? log(v) * 0.4342944819 : u_lo;
  float u = u_hi > u_lo ? (v - u_lo) / (u_hi - u_lo) : 0.5;
  Out_Color = vec4(colormap(u), 1.0);
}
