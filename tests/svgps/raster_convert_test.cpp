#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <tuple>

#include "bimi/base64.hpp"
#include "bimi/svgps/convert.hpp"
#include "bimi/svgps/lint.hpp"
#include "bimi/svgps/raster.hpp"
#include "bimi/svgps/render.hpp"
#include "convert/builder.hpp"
#include "svg/raw_tree.hpp"
#include "test_support.hpp"

namespace bimi::test {
namespace {

std::string raster_fixture(const std::string& name) { return read_bytes(fixtures() / "raster" / name); }

bool has_change(const svgps::ConvertResult& r, const std::string& kind, const std::string& text) {
  for (const auto& d : r.changes.items()) {
    if (d.rule == kind && d.message.find(text) != std::string::npos) return true;
  }
  return false;
}

class TraceEveryKind : public ::testing::TestWithParam<const char*> {};

TEST_P(TraceEveryKind, ConvertsFaithfullyAndValid) {
  svgps::ConvertOptions options;
  options.fallback_title = "Fixture";
  auto r = svgps::convert_raster(raster_fixture(GetParam()), options);
  ASSERT_TRUE(r.svg) << describe(r.changes);
  EXPECT_FALSE(r.unreadable);
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, 0.95);
  EXPECT_LE(r.svg->size(), 32u * 1024u);
  ASSERT_TRUE(r.trace);
  EXPECT_EQ(r.trace->colors, 3);  // blue, white and orange; every anti-aliased seam merged
  svgps::LintOptions strict;
  strict.profile = svgps::Profile::strict;
  EXPECT_FALSE(svgps::lint(*r.svg, strict).diagnostics.has_errors());
  EXPECT_NE(r.svg->find("<title>Fixture</title>"), std::string::npos);
  EXPECT_TRUE(has_change(r, "convert-traced", "160×160"));
}

INSTANTIATE_TEST_SUITE_P(Fixtures, TraceEveryKind,
                         ::testing::Values("logo-rgba.png", "logo-palette.png", "logo-16bit.png",
                                           "logo-interlaced-alpha.png", "logo-baseline.jpg", "logo-progressive.jpg",
                                           "logo-lossless.webp", "logo-transparent.gif",
                                           "logo-interlaced.gif"),
                         [](const auto& param_info) {
                           std::string name = param_info.param;
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

TEST(RasterConvert, SameBytesEveryTime) {
  std::string bytes = raster_fixture("logo-baseline.jpg");
  svgps::ConvertOptions options;
  auto a = svgps::convert_raster(bytes, options);
  auto b = svgps::convert_raster(bytes, options);
  ASSERT_TRUE(a.svg && b.svg);
  EXPECT_EQ(*a.svg, *b.svg);
}

// An app-icon shaped export in smooth shading (a gradient tile under a lit ball): each shading is
// one shape with a fitted gradient, not bands of flat colour; smaller and closer to the bitmap.
TEST(RasterConvert, SmoothShadingIsTracedAsGradients) {
  for (const char* name : {"logo-shaded.png", "logo-shaded.jpg"}) {
    SCOPED_TRACE(name);
    const std::string bytes = raster_fixture(name);
    svgps::ConvertOptions options;
    auto r = svgps::convert_raster(bytes, options);
    ASSERT_TRUE(r.svg) << describe(r.changes);
    EXPECT_TRUE(has_change(r, "convert-traced", "2 regions of smooth shading traced as gradients")) << describe(r.changes);
    EXPECT_NE(r.svg->find("<linearGradient"), std::string::npos);
    EXPECT_NE(r.svg->find("<radialGradient"), std::string::npos);
    ASSERT_TRUE(r.fidelity);
    EXPECT_GE(r.fidelity->ssim, 0.97);
    EXPECT_LE(r.fidelity->differing_share, 0.02);
    EXPECT_LE(r.svg->size(), std::string(name).find(".png") != std::string::npos ? 4000u : 20000u);
    svgps::LintOptions strict;
    strict.profile = svgps::Profile::strict;
    EXPECT_FALSE(svgps::lint(*r.svg, strict).diagnostics.has_errors());
    auto again = svgps::convert_raster(bytes, options);
    ASSERT_TRUE(again.svg);
    EXPECT_EQ(*again.svg, *r.svg);
  }
}

// A mark on two gradients laid over each other (a warm radial one under a cool fade): no one
// gradient fits, so the shading is cut in pieces that each fit one. In flat colours the PNG was
// 25,348 bytes at SSIM 0.876 and the JPEG was refused.
TEST(RasterConvert, LayeredGradientsAreTracedAsGradientPieces) {
  for (const char* name : {"logo-layered.png", "logo-layered.jpg"}) {
    SCOPED_TRACE(name);
    const std::string bytes = raster_fixture(name);
    auto r = svgps::convert_raster(bytes, {});
    ASSERT_TRUE(r.svg) << describe(r.changes);
    EXPECT_TRUE(has_change(r, "convert-traced", "regions of smooth shading traced as gradients")) << describe(r.changes);
    std::size_t gradients = 0;
    for (std::size_t at = r.svg->find("Gradient id="); at != std::string::npos; at = r.svg->find("Gradient id=", at + 1)) ++gradients;
    EXPECT_GE(gradients, 4u) << *r.svg;
    ASSERT_TRUE(r.fidelity);
    EXPECT_GE(r.fidelity->ssim, 0.94);
    EXPECT_LE(r.fidelity->differing_share, 0.02);
    EXPECT_LE(r.svg->size(), 24000u);
  }
}

TEST(RasterConvert, OpaqueBitmapKeepsItsOwnBackground) {
  auto r = svgps::convert_raster(raster_fixture("logo-baseline.jpg"), {});
  ASSERT_TRUE(r.svg) << describe(r.changes);
  EXPECT_NE(r.svg->find("<path d=\"M0 0H"), std::string::npos) << *r.svg;  // the frame-filling background
  EXPECT_NE(r.svg->find("fill=\"#fff\""), std::string::npos);
}

TEST(RasterConvert, TransparentBitmapGetsASafeBackgroundOrNone) {
  std::string bytes = raster_fixture("logo-rgba.png");
  auto automatic = svgps::convert_raster(bytes, {});
  ASSERT_TRUE(automatic.svg);
  EXPECT_TRUE(has_change(automatic, "convert-structure", "background added"));
  svgps::ConvertOptions none;
  none.background = svgps::ConvertOptions::Background::none;
  auto kept = svgps::convert_raster(bytes, none);
  ASSERT_TRUE(kept.svg);
  EXPECT_FALSE(has_change(kept, "convert-structure", "background added"));
  std::string error;
  auto image = svgps::render_svg(*kept.svg, 64, error);
  ASSERT_TRUE(image) << error;
  EXPECT_EQ(image->pixel(0, 0)[3], 0);
}

TEST(RasterConvert, BackgroundColourFlattensTheBitmap) {
  svgps::ConvertOptions options;
  options.background = svgps::ConvertOptions::Background::color;
  options.background_color = svgps::RgbColor{0, 0, 0};
  auto r = svgps::convert_raster(raster_fixture("logo-rgba.png"), options);
  ASSERT_TRUE(r.svg) << describe(r.changes);
  std::string error;
  auto image = svgps::render_svg(*r.svg, 64, error);
  ASSERT_TRUE(image);
  EXPECT_EQ(image->pixel(0, 0)[0], 0);
  EXPECT_EQ(image->pixel(0, 0)[3], 255);
}

TEST(RasterConvert, ColourCountCanBeChosen) {
  svgps::ConvertOptions options;
  options.colors = 2;
  auto r = svgps::convert_raster(raster_fixture("logo-rgba.png"), options);
  ASSERT_TRUE(r.trace);
  EXPECT_LE(r.trace->colors, 2);
}

TEST(RasterConvert, SizeBudgetIsKeptOrRefusedWithTheBytesOver) {
  svgps::ConvertOptions options;
  options.max_bytes = 1200;
  auto r = svgps::convert_raster(raster_fixture("logo-rgba.png"), options);
  if (r.svg) {
    EXPECT_LE(r.svg->size(), 1200u);
  } else {
    EXPECT_TRUE(has_change(r, "convert-refused", "over the limit of 1200")) << describe(r.changes);
  }
  options.max_bytes = 300;
  auto tiny = svgps::convert_raster(raster_fixture("logo-rgba.png"), options);
  EXPECT_FALSE(tiny.svg);
  EXPECT_TRUE(has_change(tiny, "convert-refused", "over the limit of 300")) << describe(tiny.changes);
}

TEST(RasterConvert, LowFidelityIsRefusedUnlessForced) {
  svgps::ConvertOptions options;
  options.min_ssim_traced = 0.9999;
  auto refused = svgps::convert_raster(raster_fixture("logo-baseline.jpg"), options);
  EXPECT_FALSE(refused.svg);
  EXPECT_TRUE(has_change(refused, "convert-refused", "does not render like the original; try: trace with more colours "
                                                     "(--colors) or from a larger bitmap; --force writes it anyway"));
  options.force = true;
  auto forced = svgps::convert_raster(raster_fixture("logo-baseline.jpg"), options);
  EXPECT_TRUE(forced.svg);
}

TEST(RasterConvert, BrokenBitmapsAreUnreadable) {
  for (const char* name : {"broken-truncated.png", "broken-crc.png", "broken-bomb.png", "broken-zero-width.png",
                           "broken-truncated.jpg"}) {
    auto r = svgps::convert_raster(raster_fixture(name), {});
    EXPECT_TRUE(r.unreadable) << name;
    EXPECT_FALSE(r.svg) << name;
    EXPECT_TRUE(r.changes.has_errors()) << name;
  }
}

TEST(RasterConvert, NothingVisibleIsRefused) {
  std::string bytes = raster_fixture("logo-rgba.png");
  std::string error;
  auto image = svgps::decode_raster(bytes, {}, error);
  ASSERT_TRUE(image);
  for (std::size_t i = 3; i < image->rgba.size(); i += 4) image->rgba[i] = 0;
  auto png = svgps::encode_png(*image, error);
  ASSERT_TRUE(png) << error;
  auto r = svgps::convert_raster(*png, {});
  EXPECT_FALSE(r.svg);
  EXPECT_TRUE(has_change(r, "convert-refused", "no visible pixels"));
}

// A dark ring round a field of 2×2-pixel specks, on transparency: the finest tracing keeps the
// specks, the coarser ones despeckle them away (and no longer look like the bitmap).
std::string speckled_seal() {
  svgps::Image image;
  image.width = image.height = 160;
  image.rgba.assign(160 * 160 * 4, 0);
  auto ink = [&](int x, int y) {
    std::uint8_t* p = &image.rgba[(static_cast<std::size_t>(y) * 160 + static_cast<std::size_t>(x)) * 4];
    p[0] = 26, p[1] = 43, p[2] = 60, p[3] = 255;
  };
  for (int y = 0; y < 160; ++y) {
    for (int x = 0; x < 160; ++x) {
      const double r = std::hypot(x + 0.5 - 80, y + 0.5 - 80);
      if (r >= 66 && r <= 74) ink(x, y);
    }
  }
  for (int y = 20; y < 140; y += 11) {
    for (int x = 20; x < 140; x += 11) {
      if (std::hypot(x + 1 - 80, y + 1 - 80) >= 60) continue;
      for (int d = 0; d < 4; ++d) ink(x + d % 2, y + d / 2);
    }
  }
  std::string error;
  return *svgps::encode_png(image, error);
}

TEST(RasterConvert, BackgroundAutoIsLeftOutWhenWithItTheTraceWouldNotLookLikeTheBitmap) {
  // The budget is exactly the finest trace without a background, in whole numbers: the white
  // background --background auto chooses pushes it to a coarser trace that loses the specks,
  // which the fidelity gate refuses. Without the background the finest trace fits and is faithful.
  const std::string png = speckled_seal();
  svgps::ConvertOptions bare;
  bare.background = svgps::ConvertOptions::Background::none;
  bare.decimals = 0;
  auto without = svgps::convert_raster(png, bare);
  ASSERT_TRUE(without.svg) << describe(without.changes);
  svgps::ConvertOptions options;
  options.decimals = 0;
  options.max_bytes = without.svg->size();
  auto r = svgps::convert_raster(png, options);
  ASSERT_TRUE(r.svg) << describe(r.changes);
  EXPECT_EQ(*r.svg, *without.svg);
  EXPECT_TRUE(has_change(r, "convert-structure",
                         "no background added: with the solid white one --background auto chose it was refused (the "
                         "converted logo does not render like the original); without one it is accepted"))
      << describe(r.changes);
  // One byte less and neither fits faithfully: refused as the first choice was, with its advice.
  options.max_bytes = without.svg->size() - 1;
  auto neither = svgps::convert_raster(png, options);
  EXPECT_FALSE(neither.svg);
  EXPECT_TRUE(has_change(neither, "convert-refused", "does not render like the original; try: trace with more colours"))
      << describe(neither.changes);
}

TEST(RasterConvert, ConvertLogoDispatchesOnContent) {
  auto traced = svgps::convert_logo(raster_fixture("logo-palette.png"), {});
  EXPECT_TRUE(traced.trace);
  auto vector = svgps::convert_logo(read_bytes(fixtures() / "convert" / "figma.svg"), {});
  EXPECT_FALSE(vector.trace);
  EXPECT_TRUE(vector.svg) << describe(vector.changes);
}

std::string base64(const std::string& bytes) { return base64_encode(bytes); }

std::string svg_with_image(const std::string& href, const std::string& extra = "") {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 200 200\">\n"
         "<rect width=\"200\" height=\"200\" fill=\"#ffffff\"/>\n"
         "<image x=\"20\" y=\"20\" width=\"160\" height=\"160\" " + extra + "xlink:href=\"" + href + "\"/>\n</svg>\n";
}

TEST(RasterConvert, EmbeddedImageIsTracedAndSaysSo) {
  std::string svg = svg_with_image("data:image/png;base64," + base64(raster_fixture("logo-rgba.png")));
  auto r = svgps::convert_svg(svg, {});
  ASSERT_TRUE(r.svg) << describe(r.changes);
  bool said = false;
  for (const auto& d : r.changes.items()) {
    if (d.rule == "convert-traced") {
      said = true;
      EXPECT_EQ(d.location.line, 3);
    }
  }
  EXPECT_TRUE(said) << describe(r.changes);
  EXPECT_EQ(r.svg->find("<image"), std::string::npos);
  EXPECT_GE(r.fidelity->ssim, 0.95);
}

// The note names the embedded image's own format.
TEST(RasterConvert, EmbeddedImageNoteNamesItsFormat) {
  for (const auto& [file, type, name] : {std::tuple{"logo-rgba.png", "image/png", "PNG"},
                                         std::tuple{"logo-baseline.jpg", "image/jpeg", "JPEG"},
                                         std::tuple{"logo-lossless.webp", "image/webp", "WebP"},
                                         std::tuple{"logo-plain.gif", "image/gif", "GIF"}}) {
    auto r = svgps::convert_svg(svg_with_image(std::string("data:") + type + ";base64," + base64(raster_fixture(file))), {});
    EXPECT_TRUE(has_change(r, "convert-traced", std::string(" ") + name + " traced into")) << file << describe(r.changes);
  }
}

// The pipeline judges traced input with the traced thresholds; the builder says so as data, not
// only as a note in the change log.
TEST(RasterConvert, BuilderReportsWhetherItTracedAnImage) {
  auto build = [](const std::string& svg) {
    Diagnostics changes;
    auto raw = svgps::detail::parse_xml(svg, svgps::Limits{}, changes);
    EXPECT_TRUE(raw);
    return svgps::convert::build_document(*raw, {}, changes);
  };
  auto traced = build(svg_with_image("data:image/png;base64," + base64(raster_fixture("logo-rgba.png"))));
  ASSERT_TRUE(traced);
  EXPECT_TRUE(traced->traced);
  auto vector = build(read_bytes(fixtures() / "convert" / "figma.svg"));
  ASSERT_TRUE(vector);
  EXPECT_FALSE(vector->traced);
}

TEST(RasterConvert, ExternalOrUndecodableImagesAreRefusedOrDropped) {
  for (const std::string& href : {std::string("https://example.com/logo.png"),
                                  "data:image/png;base64," + base64("not a png"), std::string("data:image/gif;base64,R0lG")}) {
    auto refused = svgps::convert_svg(svg_with_image(href), {});
    EXPECT_FALSE(refused.svg) << href;
    EXPECT_TRUE(has_change(refused, "convert-refused", "image")) << describe(refused.changes);
    svgps::ConvertOptions force;
    force.force = true;
    auto dropped = svgps::convert_svg(svg_with_image(href), force);
    EXPECT_TRUE(has_change(dropped, "convert-dropped", "image")) << describe(dropped.changes);
  }
}

TEST(RasterConvert, SlicedImageIsNotSilentlyCropped) {
  std::string svg = svg_with_image("data:image/png;base64," + base64(raster_fixture("logo-rgba.png")),
                                   "preserveAspectRatio=\"xMidYMid slice\" ");
  auto r = svgps::convert_svg(svg, {});
  EXPECT_FALSE(r.svg);
  EXPECT_TRUE(has_change(r, "convert-refused", "slice"));
}

}  // namespace
}  // namespace bimi::test
