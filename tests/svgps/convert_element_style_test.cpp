// The typed computed style the builder draws with, resolved once per element
// from the cascade's strings: no renderer, no build, just values in and typed
// values out.
#include <gtest/gtest.h>

#include "convert/element_style.hpp"

namespace bimi::svgps::convert {
namespace {

using Values = style::ComputedStyles::Values;
using Cap = geometry::StrokeStyle::Cap;
using Join = geometry::StrokeStyle::Join;

ElementStyle resolve(const Values& computed, const Values& specified = {}) {
  return resolve_element_style(computed, specified);
}

TEST(ElementStyle, InitialValuesWhenNothingIsSet) {
  ElementStyle s = resolve({});
  EXPECT_EQ(s.fill.text, "#000000");
  EXPECT_EQ(s.fill.color.kind, ColorValue::Kind::color);
  EXPECT_EQ(s.stroke.text, "none");
  EXPECT_EQ(s.stroke.color.kind, ColorValue::Kind::none);
  EXPECT_FALSE(s.fill.url);
  EXPECT_EQ(s.opacity, 1);
  EXPECT_EQ(s.fill_opacity, 1);
  EXPECT_EQ(s.fill_rule, geometry::FillRule::nonzero);
  EXPECT_FALSE(s.display_none);
  EXPECT_TRUE(s.visible);
  EXPECT_FALSE(s.stroke_width);
  EXPECT_EQ(s.cap, Cap::butt);
  EXPECT_EQ(s.join, Join::miter);
  EXPECT_FALSE(s.miter_limit);
  EXPECT_TRUE(s.dashes.empty());
}

TEST(ElementStyle, ColoursAndCurrentColor) {
  ElementStyle s = resolve({{"fill", " #ff0000 "}, {"stroke", "currentColor"}, {"color", "#00f"}});
  EXPECT_EQ(s.fill.color.kind, ColorValue::Kind::color);
  EXPECT_EQ(s.fill.color.color.r, 255);
  EXPECT_EQ(s.stroke.color.kind, ColorValue::Kind::color);
  EXPECT_EQ(s.stroke.color.color.b, 255);
  // currentColor without a color property is black; a color that is no colour
  // is kept for the note.
  EXPECT_EQ(resolve({{"fill", "currentColor"}}).fill.color.color.r, 0);
  ElementStyle bad = resolve({{"fill", "currentColor"}, {"color", "nonsense"}});
  EXPECT_EQ(bad.fill.color.kind, ColorValue::Kind::invalid);
  EXPECT_EQ(bad.fill.color.text, "nonsense");
}

// The converter's reading, kept where style::parse_paint reads otherwise (see
// PaintValue).
TEST(ElementStyle, PaintKeepsTheConvertersReading) {
  ElementStyle upper = resolve({{"fill", "NONE"}});
  EXPECT_EQ(upper.fill.color.kind, ColorValue::Kind::invalid);
  EXPECT_EQ(upper.fill.color.text, "NONE");
  EXPECT_FALSE(resolve({{"fill", "URL(#g)"}}).fill.url);
  EXPECT_EQ(resolve({{"fill", "#f00 icc-color(x, 1)"}}).fill.color.kind, ColorValue::Kind::invalid);
  ElementStyle open = resolve({{"fill", "url(#g"}});
  ASSERT_TRUE(open.fill.url);
  EXPECT_EQ(*open.fill.url, "g");
  ElementStyle fallback = resolve({{"fill", "url(#g) #0f0"}});
  EXPECT_EQ(*fallback.fill.url, "g");
  EXPECT_EQ(fallback.fill.color.kind, ColorValue::Kind::color);
  EXPECT_EQ(fallback.fill.color.color.g, 255);
  EXPECT_EQ(resolve({{"fill", "url(#g) bogus"}}).fill.color.kind, ColorValue::Kind::invalid);
  EXPECT_EQ(resolve({{"fill", "url(#g)"}}).fill.color.kind, ColorValue::Kind::none);
  ElementStyle external = resolve({{"fill", "url(http://example.com/a.svg#g) red"}});
  ASSERT_TRUE(external.fill.url);
  EXPECT_TRUE(external.fill.url->empty());
  EXPECT_EQ(external.fill.color.kind, ColorValue::Kind::color);
}

TEST(ElementStyle, OpacitiesAreClampedAndBadOnesIgnored) {
  ElementStyle s = resolve({{"fill-opacity", "50%"}, {"stroke-opacity", "2"}}, {{"opacity", "0.25"}});
  EXPECT_DOUBLE_EQ(s.fill_opacity, 0.5);
  EXPECT_DOUBLE_EQ(s.stroke_opacity, 1);
  EXPECT_DOUBLE_EQ(s.opacity, 0.25);
  EXPECT_DOUBLE_EQ(resolve({{"fill-opacity", "half"}}).fill_opacity, 1);
  // opacity is the element's own: a computed (inherited) one does not count.
  EXPECT_DOUBLE_EQ(resolve({{"opacity", "0.5"}}).opacity, 1);
}

TEST(ElementStyle, RulesVisibilityDisplayAndPaintOrder) {
  ElementStyle s = resolve(
      {{"fill-rule", "evenodd"}, {"clip-rule", " evenodd "}, {"visibility", "hidden"}, {"paint-order", "stroke fill"}},
      {{"display", "none"}});
  EXPECT_EQ(s.fill_rule, geometry::FillRule::evenodd);
  EXPECT_EQ(s.clip_rule, geometry::FillRule::evenodd);
  EXPECT_FALSE(s.visible);
  EXPECT_TRUE(s.display_none);
  EXPECT_TRUE(s.stroke_before_fill);
  EXPECT_TRUE(resolve({{"visibility", "inherit"}}).visible);
  EXPECT_FALSE(resolve({{"visibility", "collapse"}}).visible);
  EXPECT_FALSE(resolve({{"paint-order", "fill stroke"}}).stroke_before_fill);
  EXPECT_TRUE(resolve({{"paint-order", "markers stroke"}}).stroke_before_fill);
  EXPECT_FALSE(resolve({{"display", "none"}}).display_none);  // inherited display does not hide
}

TEST(ElementStyle, StrokeGeometry) {
  ElementStyle s = resolve({{"stroke-width", "5%"},
                            {"stroke-linecap", "round"},
                            {"stroke-linejoin", "bevel"},
                            {"stroke-miterlimit", "8"},
                            {"stroke-dasharray", "1 2 3"},
                            {"stroke-dashoffset", "2px"}});
  ASSERT_TRUE(s.stroke_width);
  EXPECT_EQ(s.stroke_width->unit, detail::LengthUnit::percent);
  EXPECT_EQ(s.cap, Cap::round);
  EXPECT_EQ(s.join, Join::bevel);
  EXPECT_EQ(s.miter_limit, 8);
  EXPECT_EQ(s.dashes, (std::vector<double>{1, 2, 3, 1, 2, 3}));  // odd lists repeat
  ASSERT_TRUE(s.dash_offset);
  EXPECT_EQ(s.dash_offset->value, 2);
  EXPECT_EQ(resolve({{"stroke-linecap", "square"}}).cap, Cap::square);
  EXPECT_EQ(resolve({{"stroke-linecap", "nonsense"}}).cap, Cap::butt);
  EXPECT_EQ(resolve({{"stroke-linejoin", "round"}}).join, Join::round);
  EXPECT_FALSE(resolve({{"stroke-miterlimit", "0.5"}}).miter_limit);
  EXPECT_FALSE(resolve({{"stroke-width", "wide"}}).stroke_width);
  // Negative, all-zero and unreadable dash lists draw a solid line.
  EXPECT_TRUE(resolve({{"stroke-dasharray", "1 -2"}}).dashes.empty());
  EXPECT_TRUE(resolve({{"stroke-dasharray", "0 0"}}).dashes.empty());
  EXPECT_TRUE(resolve({{"stroke-dasharray", "none"}}).dashes.empty());
  EXPECT_TRUE(resolve({{"stroke-dasharray", "1,,2"}}).dashes.empty());
}

TEST(ElementStyle, PaintServerProperties) {
  ElementStyle stop = resolve({{"stop-color", "currentColor"}, {"color", "#0f0"}, {"stop-opacity", "0.5"}});
  EXPECT_EQ(stop.stop_color.kind, ColorValue::Kind::color);
  EXPECT_EQ(stop.stop_color.color.g, 255);
  EXPECT_DOUBLE_EQ(stop.stop_opacity, 0.5);
  EXPECT_EQ(resolve({}).stop_color.kind, ColorValue::Kind::color);  // black
  ElementStyle solid = resolve({{"solid-color", "#123456"}, {"solid-opacity", "0.2"}});
  ASSERT_TRUE(solid.solid_color);
  EXPECT_EQ(solid.solid_color->r, 0x12);
  EXPECT_DOUBLE_EQ(solid.solid_opacity, 0.2);
  EXPECT_FALSE(resolve({{"solid-color", "nonsense"}}).solid_color);
}

}  // namespace
}  // namespace bimi::svgps::convert
