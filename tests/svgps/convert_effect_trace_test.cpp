// Filter results no exact form holds (blurs, drop shadows, lighting) rendered in place by librsvg
// and traced into alpha bands: the band arithmetic against the pixels it stands for, and
// editors' exports converted through the fidelity gate against librsvg's render of the original.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "bimi/svgps/convert.hpp"
#include "convert/padded_reference.hpp"
#include "raster/alpha_bands.hpp"
#include "raster/alpha_gradient.hpp"
#include "gradient_support.hpp"
#include "test_support.hpp"

namespace bimi::svgps {
namespace {

namespace fs = std::filesystem;

ConvertResult convert_file(const fs::path& path, ConvertOptions options = {}) {
  return convert_svg(test::read_bytes(path), options);
}

fs::path effect(const std::string& name) { return test::fixtures() / "effects" / (name + ".svg"); }

// Whether a change of `rule` says `words`.
bool has_change(const ConvertResult& r, std::string_view rule, std::string_view words) {
  for (const auto& d : r.changes.items()) {
    if (d.rule == rule && d.message.find(words) != std::string::npos) return true;
  }
  return false;
}

const Diagnostic* find_change(const ConvertResult& r, std::string_view rule) {
  for (const auto& d : r.changes.items()) {
    if (d.rule == rule) return &d;
  }
  return nullptr;
}

std::string changes_text(const ConvertResult& r) { return test::describe(r.changes) + test::describe(r.output_findings); }

// `body` as a logo 200 units square.
std::string square_logo(const std::string& body) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 200\">" + body + "</svg>";
}

// Converted, and its render beside the original's within the given SSIM and share of differing pixels.
void expect_alike(const ConvertResult& r, double min_ssim, double max_differing) {
  ASSERT_TRUE(r.svg) << changes_text(r);
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, min_ssim) << changes_text(r);
  EXPECT_LT(r.fidelity->differing_share, max_differing) << changes_text(r);
}

// A square of straight RGBA whose alpha falls off from the centre (a blurred disc).
Image falloff(int size, double peak, std::uint8_t r, std::uint8_t g, std::uint8_t b) {
  Image image{size, size, std::vector<std::uint8_t>(static_cast<std::size_t>(size) * size * 4)};
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      double d = std::hypot(x + 0.5 - size / 2.0, y + 0.5 - size / 2.0) / (size / 2.0);
      double a = peak * std::clamp(1.2 - d, 0.0, 1.0);  // a plateau at the peak, then a ramp
      std::uint8_t* p = &image.rgba[(static_cast<std::size_t>(y) * size + x) * 4];
      p[0] = r;
      p[1] = g;
      p[2] = b;
      p[3] = static_cast<std::uint8_t>(std::lround(a * 255));
    }
  }
  return image;
}

// The stack of bands a pixel lies in, composited as a renderer draws them (source over).
std::array<double, 4> composite(const raster::AlphaBands& bands, std::size_t pixel) {
  std::array<double, 4> premultiplied{0, 0, 0, 0};
  const std::uint8_t top = bands.indexed.index[pixel];
  if (top == raster::Indexed::transparent) return premultiplied;
  for (std::size_t band = 0; band <= top; ++band) {
    const double o = bands.opacity[band];
    const model::Rgb& c = bands.indexed.colors[band];
    const double rgb[3] = {c.r / 255.0, c.g / 255.0, c.b / 255.0};
    for (int k = 0; k < 3; ++k) premultiplied[k] = o * rgb[k] + (1 - o) * premultiplied[k];
    premultiplied[3] = o + (1 - o) * premultiplied[3];
  }
  return premultiplied;
}

TEST(AlphaBands, TheStackOfBandsShowsEachPixelsAlphaAndColour) {
  for (double peak : {1.0, 0.6, 0.25}) {
    Image image = falloff(64, peak, 30, 60, 200);
    auto bands = raster::alpha_bands(image);
    ASSERT_TRUE(bands);
    const int count = static_cast<int>(bands->opacity.size());
    const double top = std::round(peak * 255) / 255.0;
    EXPECT_EQ(count, static_cast<int>(std::ceil(top * raster::default_alpha_steps - 1e-9)));
    // Rounded to the nearest of `count` even steps up to the peak: within half a step (and a level).
    const double slack = top / count / 2 + 1.0 / 255;
    for (std::size_t i = 0; i < bands->indexed.index.size(); ++i) {
      const double alpha = image.rgba[i * 4 + 3] / 255.0;
      auto drawn = composite(*bands, i);
      EXPECT_NEAR(drawn[3], alpha, slack) << "pixel " << i << " peak " << peak;
      if (drawn[3] > 0.02) {
        EXPECT_NEAR(drawn[0] / drawn[3] * 255, 30, 2.5);
        EXPECT_NEAR(drawn[2] / drawn[3] * 255, 200, 2.5);
      }
    }
  }
}

TEST(AlphaBands, EachBandLiesInsideTheOneBelow) {
  Image image = falloff(48, 1.0, 0, 0, 0);
  auto bands = raster::alpha_bands(image);
  ASSERT_TRUE(bands);
  // Band k holds the pixels of level k; traced with every band above it, band 0 is the widest.
  std::vector<std::size_t> at_least(bands->opacity.size(), 0);
  for (std::uint8_t index : bands->indexed.index) {
    if (index == raster::Indexed::transparent) continue;
    for (std::size_t k = 0; k <= index; ++k) ++at_least[k];
  }
  for (std::size_t k = 1; k < at_least.size(); ++k) EXPECT_LE(at_least[k], at_least[k - 1]);
  EXPECT_DOUBLE_EQ(bands->opacity.back(), 1.0);  // the opaque core is drawn opaque
}

TEST(AlphaBands, NothingVisibleGivesNoBands) {
  Image clear{8, 8, std::vector<std::uint8_t>(8 * 8 * 4, 0)};
  EXPECT_FALSE(raster::alpha_bands(clear));
  Image faint = falloff(8, 1.0 / 255 / 3, 0, 0, 0);  // every alpha rounds to 0
  EXPECT_FALSE(raster::alpha_bands(faint));
}

// A size×size square of one straight colour whose alpha is `alpha(x, y)` at pixel centres.
template <typename F>
Image painted(int size, std::array<std::uint8_t, 3> rgb, F alpha) {
  Image image{size, size, std::vector<std::uint8_t>(static_cast<std::size_t>(size) * size * 4)};
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      std::uint8_t* p = &image.rgba[(static_cast<std::size_t>(y) * size + x) * 4];
      p[0] = rgb[0];
      p[1] = rgb[1];
      p[2] = rgb[2];
      p[3] = static_cast<std::uint8_t>(std::lround(std::clamp(alpha(x + 0.5, y + 0.5), 0.0, 1.0) * 255));
    }
  }
  return image;
}

// A shadow at 25 % has five bands; where its fade is steep it climbs three or four of them
// across the 3×3 window. That is still a fade, not a hard edge: each pixel keeps its own level
// (the nearest), so the isolines along a diagonal run straight instead of notched, which cost a
// traced shadow most of its bytes. A hard edge at the same opacity still joins a side.
TEST(AlphaBands, ASteepSoftFadeOfFewBandsIsNotSnappedAsAnEdge) {
  const int size = 48;
  Image image{size, size, std::vector<std::uint8_t>(static_cast<std::size_t>(size) * size * 4, 0)};
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      // Up to 64/255 along the diagonal, 0.9 of a band per pixel.
      double a = std::clamp((x + y - 40) * 0.9 / 5 * 64, 0.0, 64.0);
      image.rgba[(static_cast<std::size_t>(y) * size + x) * 4 + 3] = static_cast<std::uint8_t>(std::lround(a));
    }
  }
  auto bands = raster::alpha_bands(image);
  ASSERT_TRUE(bands);
  ASSERT_EQ(bands->opacity.size(), 5u);
  const double peak = 64 / 255.0;
  for (std::size_t i = 0; i < bands->indexed.index.size(); ++i) {
    const double alpha = image.rgba[i * 4 + 3] / 255.0;
    const int nearest = static_cast<int>(std::lround(alpha / peak * 5)) - 1;
    const int got = bands->indexed.index[i] == raster::Indexed::transparent ? -1 : bands->indexed.index[i];
    EXPECT_EQ(got, nearest) << "pixel " << i;
  }
  Image edge = painted(size, {0, 0, 0}, [&](double x, double y) {
    return 64 / 255.0 * std::clamp(20.5 - std::hypot(x - 24, y - 24), 0.0, 1.0);  // a disc, anti-aliased
  });
  auto disc = raster::alpha_bands(edge);
  ASSERT_TRUE(disc);
  EXPECT_EQ(disc->opacity.size(), 1u);  // its anti-aliased rim joined the disc or the outside
}

// The fitted gradient's alpha at a point.
double gradient_alpha(const model::Gradient& g, double x, double y) { return test::gradient_at(g, x, y)[3]; }

// Every pixel of `image` the support covers is within `slack` of the gradient's alpha there.
void expect_gradient_matches(const Image& image, const raster::AlphaGradient& fit, double slack) {
  std::size_t covered = 0;
  for (int y = 0; y < image.height; ++y) {
    for (int x = 0; x < image.width; ++x) {
      const std::size_t i = static_cast<std::size_t>(y) * image.width + x;
      const double a = image.rgba[i * 4 + 3] / 255.0;
      if (fit.support.index[i] == raster::Indexed::transparent) {
        EXPECT_LT(a, 0.5) << x << "," << y;
        continue;
      }
      ++covered;
      EXPECT_NEAR(gradient_alpha(fit.gradient, x + 0.5, y + 0.5), a, slack) << x << "," << y;
    }
  }
  EXPECT_GT(covered, 0u);
}

TEST(AlphaGradient, ALinearFadeIsOneGradient) {
  // A fade from transparent at the left to 80% at the right, turned 30°.
  const double c = std::cos(0.5236), s = std::sin(0.5236);
  Image image = painted(96, {200, 30, 90}, [&](double x, double y) { return 0.8 * (c * x + s * y) / (96 * (c + s)); });
  auto fit = raster::fit_alpha_gradient(image);
  ASSERT_TRUE(fit);
  EXPECT_EQ(fit->gradient.kind, model::Gradient::Kind::linear);
  EXPECT_LE(fit->gradient.stops.size(), 4u);  // a straight ramp needs two stops (rounding adds at most two)
  EXPECT_EQ(fit->gradient.stops.front().color, (model::Rgb{200, 30, 90}));
  EXPECT_EQ(fit->core.width, 0);
  expect_gradient_matches(image, *fit, 3.0 / 255);
}

TEST(AlphaGradient, AGlowAroundACentreIsOneRadialGradient) {
  Image image = painted(128, {20, 200, 255}, [](double x, double y) {
    const double r = std::hypot(x - 70.3, y - 58.6);
    return std::exp(-r * r / (2 * 14.0 * 14.0));
  });
  auto fit = raster::fit_alpha_gradient(image);
  ASSERT_TRUE(fit);
  ASSERT_EQ(fit->gradient.kind, model::Gradient::Kind::radial);
  EXPECT_NEAR(fit->gradient.cx, 70.3, 0.5);
  EXPECT_NEAR(fit->gradient.cy, 58.6, 0.5);
  EXPECT_LE(fit->gradient.stops.size(), raster::max_alpha_gradient_stops);
  expect_gradient_matches(image, *fit, 4.0 / 255);
}

// A faint blurred ellipse turned 25° and cut by a mask's hard edge (Figma's blurred blobs of
// colour under a mask): no circle or line fits it; a radial gradient in a stretched space does.
TEST(AlphaGradient, AFaintGlowAroundAnEllipseCutByAnEdgeIsOneStretchedRadialGradient) {
  const double c = std::cos(0.436), s = std::sin(0.436);
  auto glow = [&](double x, double y) {
    const double u = c * (x - 70) + s * (y - 60), v = -s * (x - 70) + c * (y - 60);
    return x > 100 ? 0.0 : 0.45 * std::exp(-u * u / (2 * 22.0 * 22.0) - v * v / (2 * 9.0 * 9.0));
  };
  Image image = painted(128, {251, 188, 4}, glow);
  auto fit = raster::fit_alpha_gradient(image);
  ASSERT_TRUE(fit);
  ASSERT_EQ(fit->gradient.kind, model::Gradient::Kind::radial);
  ASSERT_TRUE(fit->space);
  // The space maps the gradient's circle onto the ellipse: its centre, and the longer axis
  // 22 / 9 times the shorter.
  const geometry::Matrix& m = *fit->space;
  EXPECT_NEAR(m.e, 70, 1);
  EXPECT_NEAR(m.f, 60, 1);
  EXPECT_NEAR(std::hypot(m.a, m.b) / std::hypot(m.c, m.d), 22.0 / 9.0, 0.15);
  auto inverse = m.inverse();
  ASSERT_TRUE(inverse);
  std::size_t covered = 0;
  for (int y = 0; y < 128; ++y) {
    for (int x = 0; x < 128; ++x) {
      const std::size_t i = static_cast<std::size_t>(y) * 128 + x;
      if (fit->support.index[i] == raster::Indexed::transparent) continue;
      ++covered;
      const geometry::Point g = inverse->apply({x + 0.5, y + 0.5});
      EXPECT_NEAR(gradient_alpha(fit->gradient, g.x, g.y), glow(x + 0.5, y + 0.5), 6.0 / 255) << x << "," << y;
    }
  }
  EXPECT_GT(covered, 1000u);
  // A round glow keeps the plain radial gradient, with no space of its own.
  auto round = raster::fit_alpha_gradient(painted(128, {20, 200, 255}, [](double x, double y) {
    const double r = std::hypot(x - 64, y - 64);
    return 0.45 * std::exp(-r * r / (2 * 14.0 * 14.0));
  }));
  ASSERT_TRUE(round);
  EXPECT_FALSE(round->space);
}

// A disc of another colour over its own glow: the glow is the gradient, the disc its core.
TEST(AlphaGradient, AnOpaqueCoreOfAnotherColourIsLeftToTheColourTracer) {
  Image image = painted(128, {20, 200, 255}, [](double x, double y) {
    const double r = std::hypot(x - 64, y - 64);
    return std::exp(-r * r / (2 * 16.0 * 16.0));
  });
  std::size_t disc = 0;
  for (int y = 0; y < 128; ++y) {
    for (int x = 0; x < 128; ++x) {
      if (std::hypot(x + 0.5 - 64, y + 0.5 - 64) > 10) continue;
      std::uint8_t* p = &image.rgba[(static_cast<std::size_t>(y) * 128 + x) * 4];
      p[0] = p[1] = p[2] = p[3] = 255;
      ++disc;
    }
  }
  auto fit = raster::fit_alpha_gradient(image);
  ASSERT_TRUE(fit);
  EXPECT_EQ(fit->gradient.kind, model::Gradient::Kind::radial);
  EXPECT_EQ(fit->gradient.stops.front().color, (model::Rgb{20, 200, 255}));
  ASSERT_EQ(fit->core.width, 128);
  std::size_t core = 0;
  for (std::size_t i = 0; i < 128u * 128u; ++i) core += fit->core.rgba[i * 4 + 3] == 255;
  EXPECT_EQ(core, disc);
}

// What one distance cannot explain stays with the bands: a blurred rectangle's corner (a product
// of two fades), a fade of two colours, a hard-edged shape, nothing at all.
TEST(AlphaGradient, OtherResultsAreNotFitted) {
  auto ramp = [](double v) { return std::clamp((v - 10) / 40, 0.0, 1.0); };
  EXPECT_FALSE(raster::fit_alpha_gradient(
      painted(96, {0, 0, 0}, [&](double x, double y) { return ramp(x) * ramp(y); })));
  Image two = painted(96, {255, 0, 0}, [](double x, double) { return x / 96; });
  for (int y = 48; y < 96; ++y) {
    for (int x = 0; x < 96; ++x) two.rgba[(static_cast<std::size_t>(y) * 96 + x) * 4 + 2] = 255;
  }
  EXPECT_FALSE(raster::fit_alpha_gradient(two));
  EXPECT_FALSE(raster::fit_alpha_gradient(
      painted(96, {0, 90, 0}, [](double x, double y) { return std::hypot(x - 48, y - 48) < 30 ? 1.0 : 0.0; })));
  EXPECT_FALSE(raster::fit_alpha_gradient(painted(16, {0, 0, 0}, [](double, double) { return 0.0; })));
  EXPECT_FALSE(raster::fit_alpha_gradient(Image{}));
}

// Exports shaped like each editor's: the shadow or glow is traced, the rest stays exact.
class TracedEffect : public ::testing::TestWithParam<fs::path> {};

TEST_P(TracedEffect, ConvertsFaithfullyAndSaysWhatWasTraced) {
  ConvertResult r = convert_file(GetParam());
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_FALSE(r.output_findings.has_errors()) << changes_text(r);
  const Diagnostic* traced = find_change(r, "convert-traced");
  ASSERT_NE(traced, nullptr) << changes_text(r);
  EXPECT_NE(traced->message.find("rendered and traced into"), std::string::npos) << traced->message;
  EXPECT_NE(traced->message.find("bytes)"), std::string::npos) << traced->message;
  EXPECT_GT(traced->location.line, 0);
  EXPECT_FALSE(find_change(r, "convert-refused"));
  EXPECT_FALSE(find_change(r, "convert-dropped"));
  ASSERT_TRUE(r.fidelity);
  // The same input always gives the same bytes.
  ConvertResult again = convert_file(GetParam());
  ASSERT_TRUE(again.svg);
  EXPECT_EQ(*again.svg, *r.svg);
}

INSTANTIATE_TEST_SUITE_P(Exports, TracedEffect,
                         ::testing::Values(effect("figma-drop-shadow"), effect("figma-inner-shadow"),
                                           effect("illustrator-drop-shadow"), effect("inkscape-glow"),
                                           effect("sketch-shadow"),
                                           test::fixtures() / "convert" / "filter.svg",
                                           test::fixtures() / "convert" / "filter-function.svg",
                                           test::fixtures() / "convert" / "filter-lighting.svg"),
                         [](const ::testing::TestParamInfo<fs::path>& param) {
                           std::string name = param.param.stem().string();
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

// A blurred disc fades with the distance from its centre: one shape with a radial gradient of
// stop-opacity, no bands, and closer to the original than bands were (SSIM 0.9926 with 16 bands).
TEST(TracedEffect, ARadialFadeIsOneShapeWithAGradient) {
  ConvertResult r = convert_file(test::fixtures() / "convert" / "filter.svg");
  ASSERT_TRUE(r.svg) << changes_text(r);
  const Diagnostic* traced = find_change(r, "convert-traced");
  ASSERT_NE(traced, nullptr) << changes_text(r);
  EXPECT_NE(traced->message.find("traced into 1 shape, its fade fitted as a gradient"), std::string::npos)
      << traced->message;
  EXPECT_NE(r.svg->find("<radialGradient"), std::string::npos) << *r.svg;
  EXPECT_NE(r.svg->find("stop-opacity="), std::string::npos) << *r.svg;
  EXPECT_EQ(r.svg->find("fill-opacity="), std::string::npos) << *r.svg;
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, 0.998) << changes_text(r);
  EXPECT_LT(r.svg->size(), 2500u);
}

// A blurred ellipse under a mask (Figma's blobs of colour): its glow fades around an ellipse,
// which one radial gradient drawn in a stretched space follows, where bands took more bytes and
// showed as stripes (3,698 bytes at SSIM 0.953 before).
TEST(TracedEffect, AGlowAroundAnEllipseIsOneShapeWithAStretchedGradient) {
  ConvertResult r = convert_file(effect("figma-blurred-ellipse"));
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_TRUE(has_change(r, "convert-traced", "traced into 1 shape, its fade fitted as a gradient")) << changes_text(r);
  EXPECT_NE(r.svg->find("<radialGradient"), std::string::npos) << *r.svg;
  EXPECT_NE(r.svg->find(" transform=\"matrix("), std::string::npos) << *r.svg;
  EXPECT_EQ(r.svg->find("fill-opacity="), std::string::npos) << *r.svg;
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, 0.99) << changes_text(r);
  EXPECT_LT(r.svg->size(), 3000u);
}

// A diamond's blur is no function of one distance: it stays nested bands.
TEST(TracedEffect, AFadeNoDistanceExplainsStaysBands) {
  ConvertResult r = convert_file(effect("inkscape-glow"));
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_EQ(r.svg->find("Gradient"), std::string::npos);
  EXPECT_NE(r.svg->find("fill-opacity="), std::string::npos) << *r.svg;
}

// The element under the shadow is written as it would be without the filter: exact vectors.
TEST(TracedEffect, TheElementItselfStaysExact) {
  std::string input = test::read_bytes(effect("figma-drop-shadow"));
  ConvertResult shadowed = convert_svg(input, {});
  std::string plain_input = input;
  const std::string attribute = " filter=\"url(#filter0_d_12_3)\"";
  plain_input.erase(plain_input.find(attribute), attribute.size());
  ConvertResult plain = convert_svg(plain_input, {});
  ASSERT_TRUE(shadowed.svg) << changes_text(shadowed);
  ASSERT_TRUE(plain.svg) << changes_text(plain);
  std::size_t shapes = 0;
  for (std::size_t at = plain.svg->find("<path"); at != std::string::npos; at = plain.svg->find("<path", at + 1)) {
    std::string line = plain.svg->substr(at, plain.svg->find('\n', at) - at);
    EXPECT_NE(shadowed.svg->find(line), std::string::npos) << line;
    ++shapes;
  }
  EXPECT_GE(shapes, 2u);
  EXPECT_GT(shadowed.svg->size(), plain.svg->size());
}

TEST(TracedEffect, NoTraceEffectsRefusesAsBefore) {
  ConvertOptions options;
  options.trace_effects = false;
  ConvertResult r = convert_file(effect("figma-drop-shadow"), options);
  EXPECT_FALSE(r.svg);
  const Diagnostic* d = find_change(r, "convert-refused");
  ASSERT_NE(d, nullptr) << changes_text(r);
  EXPECT_EQ(d->message, "filter \"url(#filter0_d_12_3)\" (shadows, blurs; not traced under --no-trace-effects) cannot "
                        "be represented in SVG Tiny P/S (use --force to drop it and accept the difference)");
}

// Noise is no shape: its render cannot be traced into a logo, and the refusal says why.
TEST(TracedEffect, NoiseIsRefusedWithTheReason) {
  ConvertResult r = convert_file(effect("turbulence"));
  EXPECT_FALSE(r.svg);
  const Diagnostic* d = find_change(r, "convert-refused");
  ASSERT_NE(d, nullptr) << changes_text(r);
  EXPECT_NE(d->message.find("filter \"url(#noise)\" (its result could not be traced: "), std::string::npos)
      << d->message;
  EXPECT_EQ(d->location.line, 4);
  ConvertOptions force;
  force.force = true;
  ConvertResult dropped = convert_file(effect("turbulence"), force);
  ASSERT_TRUE(dropped.svg) << changes_text(dropped);
  EXPECT_TRUE(find_change(dropped, "convert-dropped"));
}

// Each traced result is a render in the worker: a document asks for a bounded number.
TEST(TracedEffect, RendersPerDocumentAreBounded) {
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 330 330\"><defs><filter id=\"b\">"
                    "<feGaussianBlur stdDeviation=\"2\"/></filter></defs>";
  for (int i = 0; i < 97; ++i) {
    svg += "<circle cx=\"" + std::to_string(15 + (i % 11) * 30) + "\" cy=\"" + std::to_string(15 + (i / 11) * 30) +
           "\" r=\"10\" filter=\"url(#b)\"/>";
  }
  ConvertResult r = convert_svg(svg + "</svg>", {});
  EXPECT_FALSE(r.svg);
  const Diagnostic* d = find_change(r, "convert-refused");
  ASSERT_NE(d, nullptr) << changes_text(r);
  EXPECT_NE(d->message.find("more than 96 effects to render in one logo"), std::string::npos) << d->message;
}

// The element's own clip applies to the filter's result (filter first, then clip): the blur is
// rendered from the whole circle and the traced result is cut by the clip, a sharp edge through
// the glow. Clipped before the blur, the edge would be soft.
TEST(TracedEffect, ABlurUnderTheElementsOwnClipIsCutAfterTheBlur) {
  ConvertResult r = convert_svg(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 100 100\"><rect width=\"100\" height=\"100\" "
      "fill=\"#fff\"/><defs><filter id=\"b\"><feGaussianBlur stdDeviation=\"3\"/></filter><clipPath id=\"c\">"
      "<rect width=\"50\" height=\"100\"/></clipPath></defs>"
      "<circle cx=\"50\" cy=\"50\" r=\"30\" fill=\"#c00\" filter=\"url(#b)\" clip-path=\"url(#c)\"/></svg>",
      {});
  ASSERT_TRUE(r.svg) << changes_text(r);
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, 0.97) << changes_text(r);
  EXPECT_TRUE(has_change(r, "convert-traced", "feGaussianBlur rendered and traced")) << changes_text(r);
  EXPECT_FALSE(find_change(r, "convert-approximated")) << changes_text(r);
}

// A lit surface is opaque: its shading is traced in colours, not one mean colour per band.
TEST(TracedEffect, TheOpaqueCoreKeepsItsColours) {
  ConvertResult r = convert_file(test::fixtures() / "convert" / "filter-lighting.svg");
  ASSERT_TRUE(r.svg) << changes_text(r);
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, 0.96) << changes_text(r);
  std::set<std::string> colours;
  for (std::size_t at = r.svg->find("fill=\"#"); at != std::string::npos; at = r.svg->find("fill=\"#", at + 1)) {
    colours.insert(r.svg->substr(at, r.svg->find('"', at + 6) - at));
  }
  EXPECT_GE(colours.size(), 4u) << *r.svg;
}

// A gradient fill through feMorphology stays smooth shading: the traced core is one shape with a
// fitted gradient, not bands of flat colour.
TEST(TracedEffect, AShadedCoreIsFittedAsAGradient) {
  const std::string svg = R"svg(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 200">
    <linearGradient id="g"><stop offset="0" stop-color="#0a7"/><stop offset="1" stop-color="#fd3"/></linearGradient>
    <filter id="f"><feMorphology operator="dilate" radius="6"/></filter>
    <rect x="40" y="40" width="120" height="120" fill="url(#g)" filter="url(#f)"/></svg>)svg";
  ConvertResult r = convert_svg(svg, {});
  ASSERT_TRUE(r.svg) << changes_text(r);
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, 0.98) << changes_text(r);
  EXPECT_TRUE(has_change(r, "convert-traced", "feMorphology rendered and traced")) << changes_text(r);
  EXPECT_NE(r.svg->find("<linearGradient"), std::string::npos) << *r.svg;
  EXPECT_EQ(r.svg->find("fill=\"#"), r.svg->rfind("fill=\"#")) << *r.svg;  // one flat fill at most: the background
}

// A mask of an image is rendered with the masked element and traced; the image in the mask is
// drawn as it is in that render (its trace would band the mask into a few greys), so the soft
// fade of Illustrator's opacity mask is fitted as one gradient. The note says which mask and why.
TEST(TracedEffect, AnImageMaskIsRenderedAndTraced) {
  ConvertResult r = convert_file(effect("illustrator-image-mask"));
  ASSERT_TRUE(r.svg) << changes_text(r);
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, 0.99) << changes_text(r);  // 0.905 with the image traced
  EXPECT_TRUE(has_change(r, "convert-traced", "its fade fitted as a gradient")) << changes_text(r);
  EXPECT_FALSE(has_change(r, "convert-traced", "embedded 32×32 PNG traced")) << changes_text(r);
  const Diagnostic* traced = nullptr;
  for (const auto& d : r.changes.items()) {
    if (d.rule == "convert-traced" && d.message.rfind("mask #SVGID_1_ (holds <image>)", 0) == 0) traced = &d;
  }
  ASSERT_NE(traced, nullptr) << changes_text(r);
  EXPECT_EQ(traced->location.line, 12);
  ConvertOptions untraced;
  untraced.trace_effects = false;
  ConvertResult refused = convert_file(effect("illustrator-image-mask"), untraced);
  EXPECT_FALSE(refused.svg);
  const Diagnostic* d = find_change(refused, "convert-refused");
  ASSERT_NE(d, nullptr) << changes_text(refused);
  EXPECT_NE(d->message.find("<image> inside a mask"), std::string::npos) << d->message;
}

// An image the render cannot size from its header (WebP), or an image beside shapes in the
// mask, is traced for the render as before.
TEST(TracedEffect, AnImageMaskOfOtherContentIsConvertedForTheRender) {
  std::string svg = test::read_bytes(effect("illustrator-image-mask"));
  const std::string image_end = "</image>";
  std::string mixed = svg;
  mixed.insert(mixed.find(image_end) + image_end.size(), "<rect width=\"20\" height=\"20\" fill=\"#fff\"/>");
  ConvertResult r = convert_svg(mixed, {});
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_TRUE(has_change(r, "convert-traced", "embedded 32×32 PNG traced")) << changes_text(r);
  EXPECT_TRUE(has_change(r, "convert-traced", "mask #SVGID_1_ (holds <image>)")) << changes_text(r);
}

// A mask whose content is masked by the same mask, directly or through another, is a cycle; it
// once recursed until the stack ran out. librsvg draws the inner element as if it had no mask.
TEST(TracedEffect, AMaskCycleIsIgnoredWhereItClosesAsLibrsvgDoes) {
  const std::string fade =
      "<linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"white\" stop-opacity=\"0\"/>"
      "<stop offset=\"1\" stop-color=\"black\"/></linearGradient>";
  const std::string self =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 200\">" + fade +
      "<mask id=\"m\"><rect x=\"20\" y=\"20\" width=\"160\" height=\"160\" fill=\"url(#g)\" mask=\"url(#m)\"/></mask>"
      "<rect x=\"20\" y=\"20\" width=\"160\" height=\"160\" fill=\"green\" mask=\"url(#m)\"/></svg>";
  const std::string mutual =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 200\">" + fade +
      "<mask id=\"a\"><rect x=\"20\" y=\"20\" width=\"160\" height=\"160\" fill=\"url(#g)\" mask=\"url(#b)\"/></mask>"
      "<mask id=\"b\"><rect x=\"20\" y=\"20\" width=\"160\" height=\"160\" fill=\"url(#g)\" mask=\"url(#a)\"/></mask>"
      "<rect x=\"20\" y=\"20\" width=\"160\" height=\"70\" fill=\"green\" mask=\"url(#a)\"/>"
      "<rect x=\"20\" y=\"110\" width=\"160\" height=\"70\" fill=\"green\" mask=\"url(#b)\"/></svg>";
  for (const std::string* svg : {&self, &mutual}) {
    ConvertOptions options;
    options.background = ConvertOptions::Background::none;
    ConvertResult r = convert_svg(*svg, options);
    ASSERT_TRUE(r.svg) << changes_text(r);
    EXPECT_TRUE(has_change(r, "convert-clip", "refers back to the mask it is drawn in")) << changes_text(r);
    ASSERT_TRUE(r.fidelity);
    EXPECT_LT(r.fidelity->differing_share, 0.01) << changes_text(r);
  }
}

// Gradients converted only for an effect's render (a mask's content, a filtered element's fill)
// are not written: each gradient in the output is used by a shape.
void expect_every_gradient_used(const std::string& svg) {
  for (std::size_t at = svg.find("Gradient id=\""); at != std::string::npos; at = svg.find("Gradient id=\"", at + 1)) {
    const std::size_t start = at + 13;
    const std::string id = svg.substr(start, svg.find('"', start) - start);
    EXPECT_NE(svg.find("url(#" + id + ")"), std::string::npos) << id << " is written but not used\n" << svg;
  }
}

// A <mask> with a mask of its own (CSS Masking §7.1: the mask property applies to the mask's
// content as to any element) draws its content through that one. No clip or stop-opacity holds
// the product, so the element is rendered with both masks and traced; a mask property that leads
// back into the chain is ignored, as librsvg ignores it. It used to be ignored everywhere, and the
// fidelity gate refused the logo.
TEST(TracedEffect, AMaskOnAMaskIsRenderedWithBoth) {
  const std::string head =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 200\">"
      "<linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"white\" stop-opacity=\"0\"/>"
      "<stop offset=\"1\" stop-color=\"black\"/></linearGradient>"
      "<linearGradient id=\"w\"><stop offset=\"0\" stop-color=\"white\"/><stop offset=\"1\" stop-color=\"black\"/>"
      "</linearGradient>";
  const std::string alpha = head +
      "<mask id=\"inner\" mask-type=\"alpha\"><rect x=\"40\" y=\"40\" width=\"120\" height=\"120\" fill=\"url(#g)\"/></mask>"
      "<mask id=\"outer\" mask=\"url(#inner)\" maskUnits=\"userSpaceOnUse\" mask-type=\"alpha\">"
      "<rect x=\"20\" y=\"20\" width=\"160\" height=\"160\" fill=\"#fc0\"/></mask>"
      "<rect x=\"20\" y=\"20\" width=\"160\" height=\"160\" fill=\"green\" mask=\"url(#outer)\"/></svg>";
  const std::string cycle = head +
      "<mask id=\"a\" mask=\"url(#b)\"><rect x=\"20\" y=\"20\" width=\"160\" height=\"160\" fill=\"#999\"/></mask>"
      "<mask id=\"b\" mask=\"url(#a)\"><rect x=\"20\" y=\"20\" width=\"160\" height=\"160\" fill=\"url(#w)\"/></mask>"
      "<rect x=\"20\" y=\"20\" width=\"160\" height=\"160\" fill=\"green\" mask=\"url(#b)\"/></svg>";
  for (const std::string* svg : {&alpha, &cycle}) {
    ConvertOptions options;
    options.background = ConvertOptions::Background::none;
    ConvertResult r = convert_svg(*svg, options);
    ASSERT_TRUE(r.svg) << changes_text(r);
    EXPECT_TRUE(has_change(r, "convert-traced", "(the mask has a mask of its own) rendered and traced")) << changes_text(r);
    ASSERT_TRUE(r.fidelity);
    EXPECT_LT(r.fidelity->differing_share, 0.01) << changes_text(r);
    // One fade fits one gradient; the product of the cycle's grey and fade is traced in bands.
    if (svg == &alpha) {
      EXPECT_GE(r.fidelity->ssim, 0.99) << changes_text(r);
    }
    expect_every_gradient_used(*r.svg);
    ConvertOptions untraced = options;
    untraced.trace_effects = false;
    ConvertResult refused = convert_svg(*svg, untraced);
    EXPECT_FALSE(refused.svg);
    EXPECT_TRUE(has_change(refused, "convert-refused", "a mask with a mask of its own")) << changes_text(refused);
  }
  // A mask drawn through one of black hides the element: said so, not "traced into 0 shapes".
  ConvertResult hidden = convert_svg(head +
      "<mask id=\"black\"><rect width=\"200\" height=\"200\"/></mask>"
      "<mask id=\"through\" mask=\"url(#black)\"><rect width=\"200\" height=\"200\" fill=\"url(#g)\"/></mask>"
      "<circle cx=\"100\" cy=\"100\" r=\"50\" fill=\"#036\"/>"
      "<rect x=\"20\" y=\"20\" width=\"160\" height=\"160\" fill=\"green\" mask=\"url(#through)\"/></svg>", {});
  ASSERT_TRUE(hidden.svg) << changes_text(hidden);
  EXPECT_TRUE(has_change(hidden, "convert-clip", "<rect> is masked away entirely (its render under mask #through is empty)"))
      << changes_text(hidden);
  EXPECT_EQ(hidden.svg->find("#008000"), std::string::npos) << *hidden.svg;
  ConvertResult cycled = convert_svg(cycle, {});
  EXPECT_TRUE(has_change(cycled, "convert-clip", "mask property leads back to a mask it is drawn in")) << changes_text(cycled);
}

// A filter no layer plan holds (here a flood limited to a subregion, blended over the element) is
// rendered whole by librsvg, the element inside it, and traced; without tracing it stays refused.
TEST(TracedEffect, AFilterNoLayerPlanHoldsIsRenderedWhole) {
  const std::string svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 200\">"
      "<filter id=\"f\"><feFlood flood-color=\"blue\" flood-opacity=\"0.5\" x=\"50\" y=\"50\" width=\"100\" height=\"100\"/>"
      "<feBlend mode=\"multiply\" in2=\"SourceGraphic\"/></filter>"
      "<rect x=\"20\" y=\"20\" width=\"160\" height=\"160\" fill=\"green\" filter=\"url(#f)\"/></svg>";
  ConvertOptions options;
  options.background = ConvertOptions::Background::none;
  ConvertResult r = convert_svg(svg, options);
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_TRUE(has_change(r, "convert-traced", "filter #f: feBlend, feFlood rendered and traced")) << changes_text(r);
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, 0.95) << changes_text(r);
  EXPECT_LT(r.fidelity->differing_share, 0.02) << changes_text(r);
  options.trace_effects = false;
  ConvertResult refused = convert_svg(svg, options);
  EXPECT_FALSE(refused.svg);
  EXPECT_TRUE(has_change(refused, "convert-refused", "filter \"url(#f)\"")) << changes_text(refused);
}

// drop-shadow() without a colour is drawn in the element's currentColor, and a filter function
// has no region: a wide glow is traced whole, not cut at the 10 % margin of a <filter>.
TEST(TracedEffect, AFilterFunctionTakesTheElementsColourAndHasNoRegion) {
  ConvertOptions options;
  options.background = ConvertOptions::Background::none;
  ConvertResult shadow = convert_svg(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 200\"><rect x=\"40\" y=\"40\" width=\"120\" "
      "height=\"120\" fill=\"seagreen\" color=\"blue\" filter=\"drop-shadow(10px 20px)\"/></svg>",
      options);
  ASSERT_TRUE(shadow.svg) << changes_text(shadow);
  EXPECT_NE(shadow.svg->find("fill=\"#00f\""), std::string::npos) << *shadow.svg;
  ConvertResult glow = convert_svg(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 200\"><rect x=\"40\" y=\"40\" width=\"120\" "
      "height=\"120\" fill=\"seagreen\" filter=\"drop-shadow(blue 0 0 30px)\"/></svg>",
      options);
  ASSERT_TRUE(glow.svg) << changes_text(glow);
  ASSERT_TRUE(glow.fidelity);
  EXPECT_LT(glow.fidelity->differing_share, 0.02) << changes_text(glow);
}

// A filter function's lengths in em are the element's font size (Filter Effects 1 §12.2), not
// the render group's: a shadow 0.3em down at font-size 64 falls 19.2 units, not 3.6.
TEST(TracedEffect, AFilterFunctionMeasuresEmInTheElementsFontSize) {
  ConvertResult r = convert_svg(square_logo("<circle cx=\"100\" cy=\"100\" r=\"60\" fill=\"seagreen\" font-size=\"64\" "
                                            "filter=\"drop-shadow(blue 0.2em 0.3em 0.1em)\"/>"),
                                {});
  expect_alike(r, 0.99, 0.01);
}

// A filter region far larger than the page (100,000 units wide) is rendered around the page
// only: spread over the whole region, the render had a pixel per 100 units and lost the blur.
TEST(TracedEffect, AHugeFilterRegionIsRenderedAroundThePage) {
  ConvertResult r = convert_svg(square_logo("<filter id=\"f\" filterUnits=\"userSpaceOnUse\" x=\"0\" y=\"0\" "
                                            "width=\"100000\" height=\"100000\"><feGaussianBlur stdDeviation=\"2\"/></filter>"
                                            "<rect x=\"20\" y=\"20\" width=\"160\" height=\"160\" fill=\"green\" "
                                            "filter=\"url(#f)\"/>"),
                                {});
  expect_alike(r, 0.99, 0.01);
}

// An element's own mask applies to its filter's result (Filter Effects 1 §3: filter, clip, mask):
// rendered together with the filter and traced. It was refused.
TEST(TracedEffect, AMaskOnAFilteredElementIsRenderedAfterTheFilter) {
  ConvertResult r = convert_svg(square_logo("<filter id=\"f\"><feGaussianBlur stdDeviation=\"6\"/></filter><mask id=\"m\">"
                                            "<circle cx=\"100\" cy=\"100\" r=\"70\" fill=\"#fff\"/></mask><rect x=\"40\" "
                                            "y=\"40\" width=\"120\" height=\"120\" fill=\"#036\" filter=\"url(#f)\" "
                                            "mask=\"url(#m)\"/>"),
                                {});
  expect_alike(r, 0.98, 0.01);
  EXPECT_TRUE(has_change(r, "convert-clip", "mask #m applied in the traced render, after the filter")) << changes_text(r);
}

// A <filter> librsvg holds to be in error (an unknown filterUnits, a negative width) is not
// applied by librsvg: the element is drawn without it, and so by the converter, with a note.
// FillPaint and StrokePaint (Filter Effects 1 §9.4) flood the region with the element's paints:
// rendered whole with the element's fill and stroke set on the filtered group (its drawing inside
// keeps its own), a gradient laid out on the element's box as librsvg lays it out. A pattern there
// stays refused.
TEST(TracedEffect, AnInvalidFilterIsIgnoredAndFlatPaintInputsAreRenderedWhole) {
  ConvertOptions options;
  options.background = ConvertOptions::Background::none;
  for (const char* attributes : {"filterUnits=\"invalid\"", "width=\"-50\""}) {
    ConvertResult r = convert_svg(std::string("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 200\"><filter "
                                              "id=\"f\" ") + attributes +
                                      "><feGaussianBlur stdDeviation=\"4\"/></filter><rect x=\"20\" y=\"20\" width=\"160\" "
                                      "height=\"160\" fill=\"green\" filter=\"url(#f)\"/></svg>",
                                  options);
    ASSERT_TRUE(r.svg) << attributes << "\n" << changes_text(r);
    EXPECT_TRUE(has_change(r, "convert-filter", "ignored, as librsvg draws the element without it")) << changes_text(r);
    EXPECT_NE(r.svg->find("M20 20H180V180H20Z"), std::string::npos) << *r.svg;
  }
  auto painted = [&](const std::string& input, const std::string& fill) {
    return convert_svg("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 200\"><linearGradient id=\"g\">"
                       "<stop offset=\"0\" stop-color=\"#fff\"/><stop offset=\"1\" stop-color=\"green\"/></linearGradient>"
                       "<pattern id=\"p\" width=\"10\" height=\"10\" patternUnits=\"userSpaceOnUse\"><rect width=\"5\" "
                       "height=\"5\" fill=\"green\"/></pattern>"
                       "<filter id=\"f\"><feOffset dx=\"30\" in=\"" + input + "\"/><feMerge><feMergeNode/>"
                       "<feMergeNode in=\"SourceGraphic\"/></feMerge></filter><rect x=\"40\" y=\"40\" width=\"100\" "
                       "height=\"100\" fill=\"" + fill + "\" stroke=\"#036\" stroke-width=\"6\" filter=\"url(#f)\"/>"
                       "</svg>",
                       options);
  };
  for (const char* input : {"FillPaint", "StrokePaint"}) {
    ConvertResult r = painted(input, "#c00");
    ASSERT_TRUE(r.svg) << input << "\n" << changes_text(r);
    EXPECT_TRUE(has_change(r, "convert-traced", "filter #f: feMerge, feOffset rendered and traced")) << changes_text(r);
    ASSERT_TRUE(r.fidelity);
    EXPECT_GE(r.fidelity->ssim, 0.98) << input << "\n" << changes_text(r);
    EXPECT_LT(r.fidelity->differing_share, 0.02) << input << "\n" << changes_text(r);
  }
  ConvertResult gradient = painted("FillPaint", "url(#g)");
  ASSERT_TRUE(gradient.svg) << changes_text(gradient);
  EXPECT_TRUE(has_change(gradient, "convert-traced", "filter #f: feMerge, feOffset rendered and traced"))
      << changes_text(gradient);
  ASSERT_TRUE(gradient.fidelity);
  EXPECT_GE(gradient.fidelity->ssim, 0.97) << changes_text(gradient);
  EXPECT_LT(gradient.fidelity->differing_share, 0.05) << changes_text(gradient);
  ConvertResult pattern = painted("FillPaint", "url(#p)");
  EXPECT_FALSE(pattern.svg);
  EXPECT_TRUE(has_change(pattern, "convert-refused", "FillPaint or StrokePaint of a pattern")) << changes_text(pattern);
}

// A blur of a gradient fades at its rim with the gradient's colours: white where the gradient is
// white, green where it is green. The rim's bands of alpha take the core's fitted gradient at
// their opacity; in flat colours each band had one mean colour, a pale green frame all round
// (SSIM 0.93, 15 % of pixels off).
TEST(TracedEffect, ABlurredGradientsRimTakesTheCoresGradient) {
  ConvertOptions options;
  options.background = ConvertOptions::Background::none;
  ConvertResult r = convert_svg(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 200\"><linearGradient id=\"g\"><stop offset=\"0\" "
      "stop-color=\"white\"/><stop offset=\"1\" stop-color=\"green\"/></linearGradient><filter id=\"f\">"
      "<feGaussianBlur stdDeviation=\"4\" in=\"FillPaint\"/></filter><rect x=\"20\" y=\"20\" width=\"160\" "
      "height=\"160\" fill=\"url(#g)\" filter=\"url(#f)\"/></svg>",
      options);
  ASSERT_TRUE(r.svg) << changes_text(r);
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, 0.98) << changes_text(r);
  EXPECT_LT(r.fidelity->differing_share, 0.04) << changes_text(r);
  std::size_t translucent_gradients = 0;
  for (std::size_t at = r.svg->find("fill=\"url(#"); at != std::string::npos; at = r.svg->find("fill=\"url(#", at + 1)) {
    const std::size_t end = r.svg->find("/>", at);
    if (r.svg->substr(at, end - at).find("fill-opacity") != std::string::npos) ++translucent_gradients;
  }
  EXPECT_GE(translucent_gradients, 4u) << *r.svg;
  expect_every_gradient_used(*r.svg);
}

// Filter Effects 1 §6.1: a region in objectBoundingBox units of a box with no width or no height
// (a straight line) is empty, and librsvg draws nothing of the element; it was refused.
TEST(TracedEffect, AFilterRegionOfALineInBoundingBoxUnitsIsEmpty) {
  ConvertOptions options;
  options.background = ConvertOptions::Background::none;
  ConvertResult r = convert_svg(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 200\"><filter id=\"f\"><feGaussianBlur "
      "stdDeviation=\"1\"/></filter><circle cx=\"100\" cy=\"100\" r=\"50\" fill=\"#036\"/><line x1=\"100\" y1=\"20\" "
      "x2=\"100\" y2=\"180\" stroke=\"green\" stroke-width=\"20\" filter=\"url(#f)\"/></svg>",
      options);
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_TRUE(has_change(r, "convert-filter", "<line> has no width or no height: its region is empty")) << changes_text(r);
  EXPECT_EQ(r.svg->find("green"), std::string::npos) << *r.svg;
  EXPECT_EQ(r.svg->find("#008000"), std::string::npos) << *r.svg;
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, 0.999) << changes_text(r);
}

// An feImage that names nothing draws transparent black, so the element is not drawn, as
// librsvg draws it. One that names an external file is refused with that reason: no mailbox
// loads it, and the refusal used to say only "shadows, blurs".
TEST(TracedEffect, AnEmptyFeImageDrawsNothingAndAnExternalOneIsRefusedSayingSo) {
  auto with = [](const std::string& primitive) {
    return convert_svg("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
                       "viewBox=\"0 0 200 200\"><filter id=\"f\">" + primitive + "</filter><circle cx=\"100\" "
                       "cy=\"100\" r=\"40\" fill=\"#036\"/><rect x=\"40\" y=\"40\" width=\"120\" height=\"120\" "
                       "fill=\"red\" filter=\"url(#f)\"/></svg>",
                       {});
  };
  ConvertResult empty = with("<feImage/>");
  ASSERT_TRUE(empty.svg) << changes_text(empty);
  EXPECT_TRUE(has_change(empty, "convert-filter", "filter #f draws nothing; removed")) << changes_text(empty);
  EXPECT_EQ(empty.svg->find("#f00"), std::string::npos) << *empty.svg;
  ConvertResult external = with("<feImage xlink:href=\"logo.png\"/>");
  EXPECT_FALSE(external.svg);
  EXPECT_TRUE(has_change(external, "convert-refused", "(feImage of the external file \"logo.png\", which no mailbox loads)"))
      << changes_text(external);
}

// BackgroundImage and BackgroundAlpha are read as browsers read them, as no input (the previous
// result, SourceGraphic first); librsvg reads what is drawn beneath. Where the two agree (the
// element drawn over itself) the logo converts, with a note; where they do not (an empty group
// blurring what lies beneath it) the fidelity gate refuses and says why and what --force writes.
TEST(TracedEffect, ABackdropInputIsReadAsBrowsersReadIt) {
  const std::string filter =
      "<filter id=\"f\" filterUnits=\"userSpaceOnUse\" x=\"0\" y=\"0\" width=\"200\" height=\"200\">"
      "<feOffset in=\"BackgroundImage\" dx=\"100\"/><feGaussianBlur stdDeviation=\"4\"/></filter>";
  ConvertOptions options;
  options.background = ConvertOptions::Background::none;
  ConvertResult same = convert_svg(
      square_logo(filter + "<g style=\"isolation:isolate\"><rect x=\"20\" y=\"70\" width=\"60\" height=\"60\" "
                           "fill=\"seagreen\"/><rect x=\"20\" y=\"70\" width=\"60\" height=\"60\" "
                           "fill=\"seagreen\" filter=\"url(#f)\"/></g>"),
      options);
  ASSERT_TRUE(same.svg) << changes_text(same);
  EXPECT_TRUE(has_change(same, "convert-filter", "reads BackgroundImage or BackgroundAlpha")) << changes_text(same);
  EXPECT_TRUE(has_change(same, "convert-traced", "filter #f: feGaussianBlur rendered and traced"))
      << changes_text(same);
  // The blurred copy is drawn where browsers and librsvg both draw it, right of the square.
  std::string error;
  auto drawn = render_logo(*same.svg, 200, Limits{}, error);
  ASSERT_TRUE(drawn) << error;
  EXPECT_GT(drawn->rgba[(100u * 200u + 150u) * 4u + 3u], 200) << *same.svg;
  // Exact where the filter is: an offset of the backdrop (the element over a copy of itself) is a
  // translated copy of the element.
  ConvertResult moved = convert_svg(
      square_logo("<filter id=\"m\" filterUnits=\"userSpaceOnUse\" x=\"0\" y=\"0\" width=\"200\" height=\"200\">"
                  "<feOffset in=\"BackgroundImage\" dx=\"60\"/><feMerge><feMergeNode/><feMergeNode "
                  "in=\"SourceGraphic\"/></feMerge></filter><rect x=\"20\" y=\"70\" width=\"60\" height=\"60\" "
                  "fill=\"#036\"/><rect x=\"20\" y=\"70\" width=\"60\" height=\"60\" fill=\"#036\" "
                  "filter=\"url(#m)\"/>"),
      options);
  ASSERT_TRUE(moved.svg) << changes_text(moved);
  EXPECT_TRUE(has_change(moved, "convert-filter", "became a translated copy")) << changes_text(moved);
  EXPECT_EQ(find_change(moved, "convert-traced"), nullptr) << changes_text(moved);
  ConvertResult beneath = convert_svg(
      square_logo(filter + "<g enable-background=\"new\"><rect x=\"20\" y=\"70\" width=\"60\" height=\"60\" "
                           "fill=\"green\"/><g filter=\"url(#f)\"/></g>"),
      options);
  EXPECT_FALSE(beneath.svg);
  EXPECT_TRUE(has_change(beneath, "convert-refused", "draws differently in librsvg and in browsers"))
      << changes_text(beneath);
}

// The reference with room around the page places the page exactly where a plain render does,
// whatever the root's size says: without filters the two renders are the same pixels. With a
// blur reaching past the page, only the one with room keeps the blurred shape whole at the edge.
TEST(TracedEffect, AReferenceWithRoomAroundThePageIsThePlainRenderWhereNothingReadsPastIt) {
  const std::string drawing =
      "viewBox=\"0 0 120 80\"><rect x=\"10\" y=\"10\" width=\"100\" height=\"60\" rx=\"9\" fill=\"#036\"/>"
      "<circle cx=\"60\" cy=\"40\" r=\"25\" fill=\"#fc0\"/></svg>";
  for (const std::string size : {"", " width=\"100%\" height=\"100%\"", " width=\"240\" height=\"160\"",
                                 " width=\"3in\" height=\"2in\""}) {
    const std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"" + size + " " + drawing;
    std::string error;
    auto plain = render_logo(svg, 64, Limits{}, error);
    auto roomy = convert::render_with_room(svg, 64, Limits{});
    ASSERT_TRUE(plain && roomy) << size << error;
    auto alike = compare_images(*plain, *roomy, 0, EdgeSlack::none);
    ASSERT_TRUE(alike);
    EXPECT_LT(alike->differing_share, 0.001) << size;
    EXPECT_GT(alike->ssim, 0.999) << size;
  }
  // A root that would move nested, or whose size is not its viewBox's shape, is left as it is.
  EXPECT_FALSE(convert::render_with_room("<svg xmlns=\"http://www.w3.org/2000/svg\" x=\"5\" " + drawing, 64, Limits{}));
  EXPECT_FALSE(convert::render_with_room(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"300\" height=\"120\" " + drawing, 64, Limits{}));
  const std::string blur =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 200\"><filter id=\"f\" "
      "filterUnits=\"userSpaceOnUse\" x=\"-150\" y=\"-150\" width=\"500\" height=\"500\"><feGaussianBlur "
      "stdDeviation=\"12\"/></filter><circle cx=\"40\" cy=\"100\" r=\"120\" fill=\"#4b73ff\" filter=\"url(#f)\"/></svg>";
  std::string error;
  auto plain = render_logo(blur, 100, Limits{}, error);
  auto roomy = convert::render_with_room(blur, 100, Limits{});
  ASSERT_TRUE(plain && roomy) << error;
  // At the left edge, inside the circle by more than three deviations: opaque as browsers draw
  // it, half faded where librsvg blurs only the page.
  EXPECT_GT(roomy->pixel(0, 50)[3], 230);
  EXPECT_LT(plain->pixel(0, 50)[3], 160);
}

// A Figma export whose glows overflow the frame (fixtures/effects/README.md): judged against the
// reference with room around the page, it converts, with the note that librsvg draws it otherwise.
TEST(TracedEffect, GlowsPastTheFrameAreJudgedAsBrowsersDrawThem) {
  ConvertOptions options;
  options.background = ConvertOptions::Background::none;
  ConvertResult r = convert_file(effect("figma-glows-past-the-frame"), options);
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_TRUE(has_change(r, "convert-filter", "librsvg filters only what lies on the page")) << changes_text(r);
  ASSERT_TRUE(r.fidelity);
  EXPECT_GE(r.fidelity->ssim, ConvertOptions{}.min_ssim_traced);
  EXPECT_LE(r.fidelity->differing_share, ConvertOptions{}.max_differing_traced);
}

// href on a <filter> is ignored, as librsvg 2.54 and browsers ignore it (SVG 2 dropped it): the
// filter is its own region and primitives, and one without primitives hides the element.
TEST(TracedEffect, HrefOnAFilterIsIgnoredAsRenderersDo) {
  ConvertOptions options;
  options.background = ConvertOptions::Background::none;
  ConvertResult r = convert_svg(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 200 200\">"
      "<filter id=\"base\" x=\"0.1\" y=\"0.2\" width=\"0.8\" height=\"1.0\"><feGaussianBlur stdDeviation=\"4\"/></filter>"
      "<filter id=\"f\" y=\"0.2\" width=\"0.8\" xlink:href=\"#base\"><feGaussianBlur stdDeviation=\"2\"/></filter>"
      "<filter id=\"none\" xlink:href=\"#base\"/>"
      "<rect x=\"20\" y=\"20\" width=\"160\" height=\"160\" fill=\"green\" filter=\"url(#f)\"/>"
      "<circle cx=\"100\" cy=\"100\" r=\"50\" fill=\"#c00\" filter=\"url(#none)\"/></svg>",
      options);
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_TRUE(has_change(r, "convert-traced", "filter #f: feGaussianBlur rendered and traced")) << changes_text(r);
  EXPECT_TRUE(has_change(r, "convert-filter", "has no primitives; <circle> is not drawn")) << changes_text(r);
  EXPECT_EQ(r.svg->find("#c00"), std::string::npos) << *r.svg;
  ASSERT_TRUE(r.fidelity);
  EXPECT_LT(r.fidelity->differing_share, 0.02) << changes_text(r);
}

// A Figma export of 61 layer blurs under 7 masks (the Meta AI mark, fixtures/effects/README.md):
// traced effect by effect it takes 95 KB, past the budget; each masked group's blurs drawn
// together and traced as one picture fit, and the whole still renders like the original.
TEST(EffectGroup, ManyTracedEffectsInAGroupAreTracedAsOnePictureToFit) {
  ConvertResult r = convert_file(effect("figma-mesh-glow"));
  expect_alike(r, ConvertOptions{}.min_ssim_traced, ConvertOptions{}.max_differing_traced);
  ASSERT_TRUE(r.svg);
  EXPECT_LE(r.svg->size(), ConvertOptions{}.max_bytes);
  EXPECT_TRUE(has_change(r, "convert-traced", "traced effects, as one picture to fit the byte budget")) << changes_text(r);
  // Each masked group is one picture, cut to its mask as the effects were.
  std::size_t pictures = 0;
  for (const auto& d : r.changes.items()) pictures += d.message.find("as one picture") != std::string::npos;
  EXPECT_EQ(pictures, 7u) << changes_text(r);
  // Without tracing there is nothing to flatten: the blurs are refused.
  ConvertOptions untraced;
  untraced.trace_effects = false;
  EXPECT_FALSE(convert_file(effect("figma-mesh-glow"), untraced).svg);
}

// Four blurs under a mask that fit one by one keep their own traces. Under a budget they do not
// fit, drawn together they do not fit either (a smooth field of four colours is no smaller): the
// refusal is the one-by-one drawing's.
TEST(EffectGroup, EffectsThatFitAreNotDrawnTogether) {
  ConvertResult r = convert_file(effect("blurs-in-mask"));
  ASSERT_TRUE(r.svg) << changes_text(r);
  EXPECT_FALSE(has_change(r, "convert-traced", "as one picture")) << changes_text(r);
  EXPECT_TRUE(has_change(r, "convert-traced", "filter #b4: feGaussianBlur rendered and traced")) << changes_text(r);
  ConvertOptions small;
  small.max_bytes = 4096;
  ConvertResult refused = convert_file(effect("blurs-in-mask"), small);
  EXPECT_FALSE(refused.svg);
  EXPECT_FALSE(has_change(refused, "convert-traced", "as one picture")) << changes_text(refused);
  EXPECT_TRUE(has_change(refused, "convert-refused", "over the limit of 4096")) << changes_text(refused);
}

}  // namespace
}  // namespace bimi::svgps
