#include <gtest/gtest.h>

#include <string>

#include "style/paint.hpp"

namespace bimi::svgps::style {
namespace {

using Kind = Paint::Kind;
using FallbackKind = Paint::FallbackKind;

TEST(StylePaint, Keywords) {
  auto none = parse_paint(" NONE ");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->kind, Kind::none);

  auto current = parse_paint("currentcolor");
  ASSERT_TRUE(current);
  EXPECT_EQ(current->kind, Kind::current_color);
}

TEST(StylePaint, Colors) {
  auto red = parse_paint("#ff0000");
  ASSERT_TRUE(red);
  EXPECT_EQ(red->kind, Kind::color);
  EXPECT_EQ(red->color, (Color{255, 0, 0, 1.0}));
  EXPECT_EQ(red->fallback_kind, FallbackKind::absent);

  auto translucent = parse_paint("rgba(0, 0, 255, 0.5)");
  ASSERT_TRUE(translucent);
  EXPECT_EQ(translucent->color, (Color{0, 0, 255, 0.5}));

  auto transparent = parse_paint("transparent");
  ASSERT_TRUE(transparent);
  EXPECT_EQ(transparent->kind, Kind::color);
  EXPECT_EQ(transparent->color.alpha, 0.0);
}

TEST(StylePaint, UrlForms) {
  for (auto text : {"url(#grad)", "url( #grad )", "url('#grad')", "url(\"#grad\")", "URL(#grad)",
                    "  url( '#grad' )  "}) {
    SCOPED_TRACE(text);
    auto paint = parse_paint(text);
    ASSERT_TRUE(paint);
    EXPECT_EQ(paint->kind, Kind::url);
    EXPECT_TRUE(paint->url_is_fragment);
    EXPECT_EQ(paint->url_id, "grad");
    EXPECT_EQ(paint->fallback_kind, FallbackKind::absent);
    EXPECT_FALSE(paint->fallback);
  }
}

TEST(StylePaint, UrlWithEscapesAndOddIds) {
  auto paint = parse_paint("url(#a\\)b)");
  ASSERT_TRUE(paint);
  EXPECT_EQ(paint->url_id, "a)b");
  paint = parse_paint("url('#linear-gradient_1 copy')");
  ASSERT_TRUE(paint);
  EXPECT_EQ(paint->url_id, "linear-gradient_1 copy");
}

TEST(StylePaint, ExternalReferencesAreKeptWhole) {
  auto paint = parse_paint("url(other.svg#grad)");
  ASSERT_TRUE(paint);
  EXPECT_EQ(paint->kind, Kind::url);
  EXPECT_FALSE(paint->url_is_fragment);
  EXPECT_EQ(paint->url_id, "other.svg#grad");
}

TEST(StylePaint, UrlFallbacks) {
  auto with_color = parse_paint("url('#id') red");
  ASSERT_TRUE(with_color);
  EXPECT_EQ(with_color->url_id, "id");
  EXPECT_EQ(with_color->fallback_kind, FallbackKind::color);
  ASSERT_TRUE(with_color->fallback);
  EXPECT_EQ(*with_color->fallback, (Color{255, 0, 0, 1.0}));

  auto with_hex = parse_paint("url(#id)   #0f0 ");
  ASSERT_TRUE(with_hex);
  EXPECT_EQ(*with_hex->fallback, (Color{0, 255, 0, 1.0}));

  auto adjacent = parse_paint("url(#id)#00f");
  ASSERT_TRUE(adjacent);
  EXPECT_EQ(adjacent->url_id, "id");
  EXPECT_EQ(*adjacent->fallback, (Color{0, 0, 255, 1.0}));

  auto with_none = parse_paint("url(#id) none");
  ASSERT_TRUE(with_none);
  EXPECT_EQ(with_none->fallback_kind, FallbackKind::none);
  EXPECT_FALSE(with_none->fallback);

  auto with_current = parse_paint("url(#id) currentColor");
  ASSERT_TRUE(with_current);
  EXPECT_EQ(with_current->fallback_kind, FallbackKind::current_color);
}

TEST(StylePaint, SyntaxErrors) {
  for (auto text : {"",
                    "  ",
                    "inherit",
                    "bogus",
                    "url()",
                    "url(#)",
                    "url(#a",
                    "url(#a b)",
                    "url('#a)",
                    "url('#a' b)",
                    "url(#a) bogus",
                    "url(#a) red blue",
                    "url(#a) url(#b)",
                    "url(#a) inherit",
                    "url(a\"b)",
                    "url (#a)",
                    "none none",
                    "red none",
                    "#ff0000f",
                    "currentColor red",
                    "url('#a\nb')"}) {
    EXPECT_FALSE(parse_paint(text)) << "'" << text << "'";
  }
}

TEST(StylePaint, IccColorIsIgnored) {
  auto paint = parse_paint("#CD853F icc-color(acmecmyk, 0.11, 0.48, 0.83, 0.00)");
  ASSERT_TRUE(paint);
  EXPECT_EQ(paint->kind, Kind::color);
  EXPECT_EQ(paint->color, (Color{0xcd, 0x85, 0x3f, 1.0}));
  paint = parse_paint("url(#g) red ICC-COLOR(p, 1)");
  ASSERT_TRUE(paint);
  EXPECT_EQ(*paint->fallback, (Color{255, 0, 0, 1.0}));
  for (auto text : {"red icc-color(p, 1", "red icc-color(p) x", "red icc(p)", "icc-color(p, 1)",
                    "none icc-color(p)"}) {
    EXPECT_FALSE(parse_paint(text)) << text;
  }
  EXPECT_FALSE(parse_color("#fff icc-color(p, 1)"));  // plain colour values stay strict
}

TEST(StylePaint, InheritIsToldApart) {
  EXPECT_FALSE(parse_paint("inherit"));
  EXPECT_TRUE(is_inherit(" Inherit "));
}

}  // namespace
}  // namespace bimi::svgps::style
