// OpenGL entry points for the app's own GL code (the heatmap shader):
// WebGL2 (GLES 3.0) in the browser, OpenGL 3.2 core on the desktop, where
// libGL exports the core functions directly (no loader needed).
#pragma once
#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#else
#ifndef GL_GLEXT_PROTOTYPES
#define GL_GLEXT_PROTOTYPES 1
#endif
#include <GL/gl.h>
#include <GL/glext.h>
#endif
