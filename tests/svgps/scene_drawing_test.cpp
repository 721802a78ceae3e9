// bimi's own cairo drawing of plain logos against librsvg's render of the same documents: they must
// be equal pixel for pixel, since the rendered rules measure one in place of the other.
#include "render/scene_drawing.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "bimi/svgps/lint.hpp"
#include "bimi/svgps/render.hpp"
#include "lint/checks.hpp"
#include "render/plain_scene.hpp"
#include "svg/input.hpp"
#include "test_support.hpp"

namespace bimi::svgps {
namespace {

namespace fs = std::filesystem;

struct Comparison {
  bool drawn = false;       // the document is plain and was drawn without librsvg
  std::size_t differing = 0;  // pixels whose RGBA bytes differ from librsvg's render
};

Comparison compare_with_librsvg(const std::string& text, int size) {
  Comparison out;
  Limits limits;
  Diagnostics ignored;
  auto document = detail::parse_xml(text, limits, ignored);
  if (!document || !document->root().is_svg("svg")) return out;
  auto scene = detail::read_plain_scene(text, *document, size);
  if (!scene) return out;
  auto drawn = detail::draw_plain_scene(*scene, size);
  if (!drawn) return out;
  out.drawn = true;
  std::string error;
  auto rendered = render_svg(text, size, error);
  if (!rendered) {
    out.differing = static_cast<std::size_t>(size) * static_cast<std::size_t>(size);
    return out;
  }
  for (std::size_t i = 0; i < drawn->rgba.size(); i += 4) {
    if (!std::equal(drawn->rgba.begin() + static_cast<std::ptrdiff_t>(i), drawn->rgba.begin() + static_cast<std::ptrdiff_t>(i) + 4,
                    rendered->rgba.begin() + static_cast<std::ptrdiff_t>(i))) {
      ++out.differing;
    }
  }
  return out;
}

// The rendered rules' findings, measured on the drawing or on librsvg's render.
std::vector<std::string> findings(const std::string& text, bool drawn) {
  Limits limits;
  Diagnostics ignored, measured;
  auto document = detail::parse_xml(text, limits, ignored);
  auto scene = detail::read_plain_scene(text, *document, limits.render_size);
  detail::Picture picture =
      detail::measure_rendering(text, *document, limits, measured, drawn && scene ? &*scene : nullptr);
  EXPECT_EQ(picture, drawn ? detail::Picture::drawn : detail::Picture::rendered);
  std::vector<std::string> out;
  for (const auto& d : measured.items()) out.push_back(d.rule + ": " + d.message);
  return out;
}

// Every plain logo of the repository, at the rules' size and at two others. BIMI_SCENE_CORPUS
// names one more directory of logos to hold to the same standard (the benchmark corpora).
TEST(SceneDrawing, EqualsLibrsvgOnEveryPlainFixture) {
  std::vector<fs::path> dirs;
  for (const char* dir : {"drawing", "visual", "rules", "convert", "real", "schema"}) {
    dirs.push_back(test::fixtures() / dir);
  }
  if (const char* extra = std::getenv("BIMI_SCENE_CORPUS")) dirs.emplace_back(extra);
  std::size_t drawn = 0, total = 0;
  for (const fs::path& dir : dirs) {
    for (const fs::path& path : test::svg_files_under(dir)) {
      Limits limits;
      Diagnostics ignored;
      std::string bytes = test::read_bytes(path);
      auto decoded = detail::decode_input(bytes, limits, ignored);
      if (!decoded) continue;
      ++total;
      for (int size : {Limits{}.render_size, 64, 257}) {
        Comparison c = compare_with_librsvg(decoded->text, size);
        if (!c.drawn) break;
        if (size == Limits{}.render_size) ++drawn;
        EXPECT_EQ(c.differing, 0u) << path << " at " << size << " px";
        if (size == Limits{}.render_size) {
          EXPECT_EQ(findings(decoded->text, true), findings(decoded->text, false)) << path;
        }
      }
    }
  }
  EXPECT_GT(drawn, 40u) << "of " << total;
}

// What the drawing leaves to librsvg: strokes, and scenes past its bounds. Each is still measured,
// on librsvg's render, with the same findings as before.
TEST(SceneDrawing, LeavesToLibrsvgWhatItDoesNotDraw) {
  auto picture_of = [](const std::string& svg) {
    Limits limits;
    Diagnostics diagnostics;
    auto document = detail::parse_xml(svg, limits, diagnostics);
    EXPECT_TRUE(document);
    return detail::check_rendering(svg, *document, limits, diagnostics);
  };
  auto logo = [](const std::string& body) {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\">" + body + "</svg>";
  };
  const std::string mark = "<path d=\"M10 10h50v70z\" fill=\"#c00\"/>";
  EXPECT_EQ(picture_of(logo(mark)), detail::Picture::drawn);
  EXPECT_EQ(picture_of(logo("<path d=\"M10 10h50v70z\" fill=\"#c00\" stroke=\"#000\"/>")), detail::Picture::rendered);
  // A point 4 canvas sizes away is drawn; one further is not.
  EXPECT_EQ(picture_of(logo(mark + "<path d=\"M10 10L500 10 10 20z\"/>")), detail::Picture::drawn);
  EXPECT_EQ(picture_of(logo(mark + "<path d=\"M10 10L501 10 10 20z\"/>")), detail::Picture::rendered);
  // 20,000 segments in all are drawn; one more is not.
  auto triangles = [](int count) {
    std::string d;
    for (int i = 0; i < count; ++i) d += "M10 10h1v1z";
    return "<path d=\"" + d + "\"/>";
  };
  EXPECT_EQ(picture_of(logo(triangles(5'000))), detail::Picture::drawn);
  EXPECT_EQ(picture_of(logo(triangles(5'000) + "<path d=\"M1 1h1\"/>")), detail::Picture::rendered);
}

}  // namespace
}  // namespace bimi::svgps
