// Bounds on everything that grows with input, in one place (documented in docs/limits.md).
#pragma once

#include <cstddef>

namespace bimi::svgps {

class Renderer;

struct Limits {
  std::size_t max_input_bytes = 8u << 20;     // file as read (compressed or not)
  std::size_t max_inflated_bytes = 8u << 20;  // after gunzip of .svgz
  std::size_t max_elements = 100'000;         // elements in the document
  std::size_t max_attributes = 256;           // attributes in one start tag: the XML parser compares
                                              // each with those before it
  std::size_t max_use_instances = 100'000;    // elements drawn once every `use` is expanded
  std::size_t max_pixels = 25'000'000;        // decoded bitmap pixels (5000 × 5000), checked from the
                                              // header before anything is allocated
  double max_seconds_per_file = 60;           // bimi convert gives up (refuses) past this; a file
                                              // near it may pass on a faster machine
  int render_size = 96;                       // pixels per side for the rendered checks: the smallest
                                              // size inboxes show a logo at

  // Work of bimi convert that grows with input, beyond the size limits above. Text is counted
  // each time it is outlined (a text drawn through `use` counts once per instance); a logo whose
  // output fits 32 KiB has a few hundred glyphs at most.
  std::size_t max_text_characters = 10'000;  // characters outlined per document, all runs together
  std::size_t max_text_glyphs = 40'000;      // glyphs outlined per document

  // Checked on the document before librsvg sees it (render_logo); librsvg lays out text and
  // decodes images with no bound of its own.
  std::size_t max_render_text_run = 2'000;      // characters in one <text> element (layout time grows
  std::size_t max_render_text_total = 4'000;    // with their square), and in all text
  double max_render_font_size = 100'000;        // font-size in user units (librsvg aborts from ~5e6)
  std::size_t max_render_image_pixels = 25'000'000;  // all embedded images together, from their headers
  std::size_t max_render_jpeg_scans = 100;      // scans of one JPEG, embedded or given to convert
                                                // (progressive decoding redoes the whole image per scan)
  // Enforced on the worker process that renders (SandboxRenderer).
  double max_render_seconds = 10;               // CPU and wall-clock time of one render
  std::size_t max_render_memory_mib = 1024;     // address space of the render worker

  // Who draws: nullptr renders in this process, which only callers that trust their input (or
  // bound it beforehand, as the fuzz targets do) should choose. bimi passes a SandboxRenderer.
  const Renderer* renderer = nullptr;
};

}  // namespace bimi::svgps
