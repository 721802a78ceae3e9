// Text outlines: path structure, placement, y flip, scale, anchors, kerning, ligatures, letter
// spacing, missing glyphs, determinism and input limits. Only the fonts of the Debian packages
// that scripts/setup.sh installs (fonts-dejavu-core, fonts-liberation2) are assumed; geometry is
// compared by structure, relations and tolerances, never against one font version's bytes.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <memory>
#include <string>

#include "geometry/path.hpp"
#include "text/outline.hpp"

namespace bimi::svgps::text {
namespace {

using geometry::Box;
using geometry::Path;
using geometry::Point;
using geometry::Segment;
using Kind = geometry::Segment::Kind;

class TextOutline : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    fonts_ = Fonts::create(error);
    ASSERT_NE(fonts_, nullptr) << error;
    for (const auto& [family, package] : {std::pair{"Liberation Sans", "fonts-liberation2"},
                                          std::pair{"DejaVu Sans", "fonts-dejavu-core"}}) {
      auto probe = outline_text(run("A", family), *fonts_, error);
      if (!probe || probe->fell_back || probe->font_family_used != family) {
        GTEST_SKIP() << "font '" << family << "' is not installed: install the Debian package "
                     << package << " (scripts/setup.sh)";
      }
    }
  }

  static TextRun run(std::string text, std::string family = "Liberation Sans", double size = 100) {
    TextRun r;
    r.text = std::move(text);
    r.font.families = {std::move(family)};
    r.font.size_px = size;
    return r;
  }

  OutlinedText outline(const TextRun& r) const {
    std::string error;
    auto outlined = outline_text(r, *fonts_, error);
    EXPECT_TRUE(outlined.has_value()) << error;
    return outlined.value_or(OutlinedText{});
  }

  std::string failure(const TextRun& r) const {
    std::string error;
    auto outlined = outline_text(r, *fonts_, error);
    EXPECT_FALSE(outlined.has_value());
    return error;
  }

  std::unique_ptr<Fonts> fonts_;
};

// Every point a segment names, control points included (a conservative box).
std::vector<Point> points_of(const Path& path) {
  std::vector<Point> points;
  for (const Segment& s : path.segments) {
    if (s.kind == Kind::move || s.kind == Kind::line) points.push_back(s.p[0]);
    if (s.kind == Kind::cubic) points.insert(points.end(), {s.p[0], s.p[1], s.p[2]});
  }
  return points;
}

Box bounds(const Path& path) {
  Box box;
  for (Point p : points_of(path)) box.add(p);
  return box;
}

// Each subpath is a move, at least one drawing segment and a close.
void expect_well_formed(const Path& path) {
  ASSERT_FALSE(path.empty());
  bool open = false;
  std::size_t drawn = 0;
  Point start;
  for (std::size_t i = 0; i < path.segments.size(); ++i) {
    const Segment& s = path.segments[i];
    for (Point p : {s.p[0], s.p[1], s.p[2]}) {
      ASSERT_TRUE(std::isfinite(p.x) && std::isfinite(p.y)) << "segment " << i;
    }
    switch (s.kind) {
      case Kind::move:
        ASSERT_FALSE(open) << "move inside an open subpath at " << i;
        open = true;
        drawn = 0;
        start = s.p[0];
        break;
      case Kind::line:
      case Kind::cubic:
        ASSERT_TRUE(open) << "drawing without a move at " << i;
        ++drawn;
        break;
      case Kind::close:
        ASSERT_TRUE(open) << "close without a move at " << i;
        ASSERT_GT(drawn, 0u) << "empty subpath closed at " << i;
        // The line back to the start is implied by the close.
        if (path.segments[i - 1].kind == Kind::line) {
          EXPECT_FALSE(path.segments[i - 1].p[0] == start) << "redundant closing line at " << i;
        }
        open = false;
        break;
    }
  }
  EXPECT_FALSE(open) << "the last subpath is not closed";
}

std::size_t count_subpaths(const Path& path) {
  std::size_t moves = 0;
  for (const Segment& s : path.segments) moves += s.kind == Kind::move ? 1 : 0;
  return moves;
}

// `moved` is `base` with every point mapped by `map`, within `tolerance`.
template <class Map>
void expect_mapped(const Path& base, const Path& moved, Map map, double tolerance = 1e-9) {
  ASSERT_EQ(base.segments.size(), moved.segments.size());
  for (std::size_t i = 0; i < base.segments.size(); ++i) {
    ASSERT_EQ(base.segments[i].kind, moved.segments[i].kind) << i;
    int used = base.segments[i].kind == Kind::cubic ? 3 : base.segments[i].kind == Kind::close ? 0 : 1;
    for (int k = 0; k < used; ++k) {
      Point expected = map(base.segments[i].p[k]);
      EXPECT_NEAR(moved.segments[i].p[k].x, expected.x, tolerance) << "segment " << i;
      EXPECT_NEAR(moved.segments[i].p[k].y, expected.y, tolerance) << "segment " << i;
    }
  }
}

// Bit-identical coordinates (Segment's padding bytes are not part of the value).
bool same_bytes(const Path& a, const Path& b) {
  if (a.segments.size() != b.segments.size()) return false;
  for (std::size_t i = 0; i < a.segments.size(); ++i) {
    if (a.segments[i].kind != b.segments[i].kind ||
        std::memcmp(a.segments[i].p, b.segments[i].p, sizeof a.segments[i].p) != 0) {
      return false;
    }
  }
  return true;
}

TEST_F(TextOutline, WordBecomesClosedSubpaths) {
  auto outlined = outline(run("Hello"));
  expect_well_formed(outlined.path);
  // H, e (2), l, l, o (2): seven contours.
  EXPECT_EQ(count_subpaths(outlined.path), 7u);
  EXPECT_EQ(outlined.glyph_count, 5u);
  EXPECT_TRUE(outlined.missing.empty());
  EXPECT_TRUE(outlined.warnings.empty());
}

TEST_F(TextOutline, AdvanceUsesLiberationSansArialMetrics) {
  // Liberation Sans keeps Arial's advances: H is 1479/2048 em, A 1366/2048 em.
  EXPECT_NEAR(outline(run("H", "Liberation Sans", 2048)).advance, 1479, 1e-9);
  EXPECT_NEAR(outline(run("A", "Liberation Sans", 2048)).advance, 1366, 1e-9);
  EXPECT_NEAR(outline(run("H", "Liberation Sans", 100)).advance, 1479.0 * 100 / 2048, 1e-9);
}

TEST_F(TextOutline, YPointsDownWithTheBaselineAtTheOrigin) {
  TextRun r = run("H");
  r.origin = {10, 200};
  auto h = outline(r);
  Box box = bounds(h.path);
  // Cap height of Liberation Sans is about 0.69 em, above the baseline, so at smaller y.
  EXPECT_NEAR(box.y1, 200, 0.5);
  EXPECT_NEAR(box.y0, 200 - 0.69 * 100, 3);
  EXPECT_GE(box.x0, 10);
  EXPECT_LE(box.x1, 10 + h.advance);

  r.text = "g";
  Box g = bounds(outline(r).path);
  EXPECT_GT(g.y1, 200 + 0.15 * 100) << "the descender goes below the baseline";
}

TEST_F(TextOutline, OriginTranslatesEveryPoint) {
  TextRun r = run("Wave");
  auto at_zero = outline(r);
  r.origin = {123.25, -47.5};
  auto moved = outline(r);
  EXPECT_DOUBLE_EQ(moved.advance, at_zero.advance);
  expect_mapped(at_zero.path, moved.path, [](Point p) { return Point{p.x + 123.25, p.y - 47.5}; });
}

TEST_F(TextOutline, SizeScalesAboutTheOrigin) {
  TextRun r = run("Sz", "DejaVu Sans", 10);
  r.origin = {5, 50};
  auto small = outline(r);
  r.font.size_px = 40;
  auto large = outline(r);
  EXPECT_NEAR(large.advance, 4 * small.advance, 1e-9);
  expect_mapped(small.path, large.path,
                [](Point p) { return Point{5 + 4 * (p.x - 5), 50 + 4 * (p.y - 50)}; });
}

TEST_F(TextOutline, AnchorShiftsByTheShapedAdvance) {
  TextRun r = run("Anchor");
  r.origin = {300, 100};
  auto start = outline(r);
  r.anchor = TextRun::Anchor::middle;
  auto middle = outline(r);
  r.anchor = TextRun::Anchor::end;
  auto end = outline(r);
  const double advance = start.advance;
  EXPECT_DOUBLE_EQ(middle.advance, advance);
  expect_mapped(start.path, middle.path, [&](Point p) { return Point{p.x - advance / 2, p.y}; });
  expect_mapped(start.path, end.path, [&](Point p) { return Point{p.x - advance, p.y}; });

  // Centred ink: the margins differ only by the glyphs' side bearings.
  Box box = bounds(middle.path);
  EXPECT_NEAR((box.x0 + box.x1) / 2, 300, 0.05 * advance);
  EXPECT_LE(bounds(end.path).x1, 300 + 1e-9);
}

TEST_F(TextOutline, KerningNarrowsAV) {
  for (const char* family : {"Liberation Sans", "DejaVu Sans"}) {
    double a = outline(run("A", family)).advance;
    double v = outline(run("V", family)).advance;
    double av = outline(run("AV", family)).advance;
    EXPECT_LT(av, a + v) << family << " should kern AV";
    EXPECT_GT(av, 0.7 * (a + v)) << family;
  }
}

TEST_F(TextOutline, LigaturesAsTheFontDefines) {
  // DejaVu Sans joins "fi" into one glyph; letter spacing turns optional ligatures off (CSS).
  auto joined = outline(run("fi", "DejaVu Sans"));
  EXPECT_EQ(joined.glyph_count, 1u);
  TextRun spaced = run("fi", "DejaVu Sans");
  spaced.letter_spacing = 5;
  EXPECT_EQ(outline(spaced).glyph_count, 2u);
}

TEST_F(TextOutline, LetterSpacingFollowsEveryCharacter) {
  TextRun r = run("ABC");
  auto plain = outline(r);
  r.letter_spacing = 10;
  auto spaced = outline(r);
  EXPECT_NEAR(spaced.advance, plain.advance + 30, 1e-9);
  // The ink spreads by the two gaps between the three letters.
  EXPECT_NEAR(bounds(spaced.path).width(), bounds(plain.path).width() + 20, 1e-9);
  r.letter_spacing = -5;
  EXPECT_NEAR(outline(r).advance, plain.advance - 15, 1e-9);
}

TEST_F(TextOutline, QuadraticsBecomeExactCubics) {
  // TrueType outlines are quadratic: each cubic must be a degree-raised quadratic, so both
  // control points lead back to the same quadratic control point.
  auto outlined = outline(run("QSog@", "Liberation Sans", 1000));
  std::size_t cubics = 0;
  Point current;
  for (const Segment& s : outlined.path.segments) {
    if (s.kind == Kind::cubic) {
      ++cubics;
      Point from_start{current.x + 1.5 * (s.p[0].x - current.x),
                       current.y + 1.5 * (s.p[0].y - current.y)};
      Point from_end{s.p[2].x + 1.5 * (s.p[1].x - s.p[2].x), s.p[2].y + 1.5 * (s.p[1].y - s.p[2].y)};
      EXPECT_NEAR(from_start.x, from_end.x, 1e-6);
      EXPECT_NEAR(from_start.y, from_end.y, 1e-6);
    }
    if (s.kind != Kind::close) current = s.kind == Kind::cubic ? s.p[2] : s.p[0];
  }
  EXPECT_GT(cubics, 10u);
}

TEST_F(TextOutline, SameInputGivesTheSameBytes) {
  TextRun r = run("Brand Logo 2026 fi AV");
  r.origin = {12.5, 80};
  r.anchor = TextRun::Anchor::middle;
  r.letter_spacing = 1.5;
  auto first = outline(r);
  auto second = outline(r);
  EXPECT_TRUE(same_bytes(first.path, second.path));

  std::string error;
  auto other_fonts = Fonts::create(error);
  ASSERT_NE(other_fonts, nullptr) << error;
  auto fresh = outline_text(r, *other_fonts, error);
  ASSERT_TRUE(fresh.has_value()) << error;
  EXPECT_TRUE(same_bytes(first.path, fresh->path));
  EXPECT_EQ(first.advance, fresh->advance);
  EXPECT_EQ(first.font_file, fresh->font_file);
}

TEST_F(TextOutline, SyntheticObliqueSlantsAboutTheBaseline) {
  std::string file = outline(run("I", "DejaVu Sans")).font_file;
  std::string error;
  FontsOptions options;
  options.system_fonts = false;
  options.extra_font_files = {file};
  auto only_regular = Fonts::create(options, error);
  ASSERT_NE(only_regular, nullptr) << error;

  TextRun r = run("Il", "DejaVu Sans");
  r.origin = {0, 100};
  auto upright = outline_text(r, *only_regular, error);
  r.font.italic = true;
  auto slanted = outline_text(r, *only_regular, error);
  ASSERT_TRUE(upright && slanted) << error;
  ASSERT_TRUE(slanted->synthetic_oblique);
  // Points above the baseline move right by 0.2 of their height.
  expect_mapped(upright->path, slanted->path,
                [](Point p) { return Point{p.x + 0.2 * (100 - p.y), p.y}; });
}

TEST_F(TextOutline, MissingGlyphsAreReportedNotSilentlyDropped) {
  // No installed font has glyphs for plane 16's private use characters.
  TextRun r = run("A\xF4\x8F\xBF\xBC" "B\xF4\x8F\xBF\xBD");  // A U+10FFFC B U+10FFFD
  auto outlined = outline(r);
  ASSERT_EQ(outlined.missing.size(), 2u);
  EXPECT_EQ(outlined.missing[0].codepoint, U'\U0010FFFC');
  EXPECT_EQ(outlined.missing[0].byte_offset, 1u);
  EXPECT_EQ(outlined.missing[1].codepoint, U'\U0010FFFD');
  EXPECT_EQ(outlined.missing[1].byte_offset, 6u);
  ASSERT_EQ(outlined.warnings.size(), 1u);
  EXPECT_NE(outlined.warnings[0].find("U+10FFFC"), std::string::npos) << outlined.warnings[0];
  EXPECT_NE(outlined.warnings[0].find("U+10FFFD"), std::string::npos) << outlined.warnings[0];
  // A and B are still drawn, with room kept where the missing characters were.
  EXPECT_EQ(count_subpaths(outlined.path), count_subpaths(outline(run("AB")).path));
  EXPECT_GT(outlined.advance, outline(run("AB")).advance);
}

TEST_F(TextOutline, ManyMissingGlyphsMakeOneBoundedWarning) {
  std::string text;
  for (int i = 0; i < 50; ++i) text += "\xF4\x8F\xBF\xBD";
  auto outlined = outline(run(text));
  EXPECT_EQ(outlined.missing.size(), 50u);
  ASSERT_EQ(outlined.warnings.size(), 1u);
  EXPECT_NE(outlined.warnings[0].find("and 40 more"), std::string::npos) << outlined.warnings[0];
  EXPECT_TRUE(outlined.path.empty());
}

// Characters the chosen face lacks are drawn with a face that has them, as pango does for
// librsvg: Arabic after a Latin word in Liberation Sans comes from DejaVu Sans (fonts-dejavu-core),
// laid after the Latin letters, and the report names the font that drew them.
TEST_F(TextOutline, CharactersTheFontLacksAreDrawnWithAFontThatHasThem) {
  const std::string arabic = "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85";  // salam
  TextRun mixed = run("AB " + arabic);
  mixed.origin = {10, 100};
  auto outlined = outline(mixed);
  EXPECT_TRUE(outlined.missing.empty());
  ASSERT_EQ(outlined.warnings.size(), 1u);
  EXPECT_NE(outlined.warnings[0].find("drawn with another font"), std::string::npos) << outlined.warnings[0];
  EXPECT_NE(outlined.warnings[0].find("(DejaVu Sans)"), std::string::npos) << outlined.warnings[0];
  EXPECT_EQ(outlined.font_family_used, "Liberation Sans");
  expect_well_formed(outlined.path);
  TextRun latin = run("AB ");
  latin.origin = {10, 100};
  auto alone = outline(latin);
  EXPECT_GT(count_subpaths(outlined.path), count_subpaths(alone.path));
  // The Arabic lies after the Latin letters and within the run's advance.
  Box box = bounds(outlined.path);
  EXPECT_GT(box.x1, 10 + alone.advance);
  EXPECT_LE(box.x1, 10 + outlined.advance + 1);
  TextRun dejavu = run(arabic, "DejaVu Sans");
  EXPECT_NEAR(outlined.advance, alone.advance + outline(dejavu).advance, 1e-9);
}

// A phrase in the other font's script keeps its spaces: shaped as one, it comes out in right-to-left
// order exactly as the other font draws it alone, not word by word in logical order.
TEST_F(TextOutline, APhraseAnotherFontDrawsIsShapedWhole) {
  const std::string phrase = "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85 \xD8\xB9\xD9\x84\xD9\x8A\xD9\x83\xD9\x85";
  auto fallen = outline(run(phrase));
  auto direct = outline(run(phrase, "DejaVu Sans"));
  EXPECT_TRUE(fallen.missing.empty());
  EXPECT_DOUBLE_EQ(fallen.advance, direct.advance);
  EXPECT_TRUE(same_bytes(fallen.path, direct.path));
}

TEST_F(TextOutline, RightToLeftScriptsAreShaped) {
  // Hebrew and Arabic from DejaVu Sans: direction guessed from the text; glyphs come out in
  // visual order, the run's start on the left.
  for (const char* text : {"\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D",       // shalom
                           "\xD8\xB3\xD9\x84\xD8\xA7\xD9\x85"}) {  // salam
    TextRun r = run(text, "DejaVu Sans");
    r.origin = {50, 100};
    auto outlined = outline(r);
    EXPECT_TRUE(outlined.missing.empty()) << text;
    expect_well_formed(outlined.path);
    Box box = bounds(outlined.path);
    EXPECT_GE(box.x0, 50 - 1);
    EXPECT_LE(box.x1, 50 + outlined.advance + 1);
  }
}

TEST_F(TextOutline, DecomposedAccentsComposeLikeThePrecomposedLetter) {
  // e + U+0301 is normalised to the font's precomposed é.
  auto decomposed = outline(run("e\xCC\x81", "DejaVu Sans"));
  auto precomposed = outline(run("\xC3\xA9", "DejaVu Sans"));
  EXPECT_EQ(decomposed.glyph_count, 1u);
  EXPECT_DOUBLE_EQ(decomposed.advance, precomposed.advance);
  EXPECT_TRUE(same_bytes(decomposed.path, precomposed.path));
}

TEST_F(TextOutline, CombiningMarksSitOnTheirBase) {
  // No precomposed x-acute exists: the mark is a glyph of its own, placed by its offsets.
  TextRun r = run("x\xCC\x81", "DejaVu Sans");
  r.origin = {0, 100};
  auto marked = outline(r);
  r.text = "x";
  auto bare = outline(r);
  EXPECT_EQ(marked.glyph_count, 2u);
  EXPECT_TRUE(marked.missing.empty());
  EXPECT_NEAR(marked.advance, bare.advance, 1e-9) << "a mark takes no room";
  Box x_box = bounds(bare.path);
  Box box = bounds(marked.path);
  EXPECT_LT(box.y0, x_box.y0 - 10) << "the acute rises above the x";
  EXPECT_GT(box.x1, x_box.x0);
  EXPECT_LT(box.x0, x_box.x1) << "the acute overlaps the x horizontally";
}

TEST_F(TextOutline, SpacesAdvanceWithoutInk) {
  auto spaced = outline(run("A A"));
  auto letters = outline(run("AA"));
  EXPECT_GT(spaced.advance, letters.advance);
  EXPECT_EQ(count_subpaths(spaced.path), count_subpaths(letters.path));
  auto blank = outline(run("   "));
  EXPECT_TRUE(blank.path.empty());
  EXPECT_GT(blank.advance, 0);
  EXPECT_TRUE(blank.missing.empty());
}

TEST_F(TextOutline, EmptyTextAndZeroSizeDrawNothing) {
  auto empty = outline(run(""));
  EXPECT_TRUE(empty.path.empty());
  EXPECT_EQ(empty.advance, 0);
  EXPECT_EQ(empty.font_family_used, "Liberation Sans");

  auto zero = outline(run("Logo", "Liberation Sans", 0));
  EXPECT_TRUE(zero.path.empty());
  EXPECT_EQ(zero.advance, 0);
}

TEST_F(TextOutline, InvalidUtf8IsRejected) {
  for (const char* bad : {"A\xC0\xAF", "A\xED\xA0\x80", "A\xE4\xB8", "A\xFF", "A\x80",
                          "\xF4\x90\x80\x80"}) {
    std::string error = failure(run(bad));
    EXPECT_NE(error.find("UTF-8"), std::string::npos) << error;
  }
}

TEST_F(TextOutline, RunLengthIsLimited) {
  std::string error = failure(run(std::string(kMaxRunCodepoints + 1, 'a')));
  EXPECT_NE(error.find("longer than"), std::string::npos) << error;
  auto longest = outline(run(std::string(kMaxRunCodepoints, 'l'), "Liberation Sans", 10));
  EXPECT_EQ(longest.glyph_count, kMaxRunCodepoints);
  EXPECT_EQ(count_subpaths(longest.path), kMaxRunCodepoints);
}

TEST_F(TextOutline, UnusableRequestsAreRejected) {
  TextRun r = run("A");
  r.font.size_px = -1;
  EXPECT_NE(failure(r).find("font size"), std::string::npos);
  r.font.size_px = std::nan("");
  EXPECT_NE(failure(r).find("font size"), std::string::npos);
  r.font.size_px = INFINITY;
  EXPECT_NE(failure(r).find("font size"), std::string::npos);

  r = run("A");
  r.font.weight = 0;
  EXPECT_NE(failure(r).find("weight"), std::string::npos);
  r.font.weight = 1001;
  EXPECT_NE(failure(r).find("weight"), std::string::npos);

  r = run("A");
  r.font.families = {""};
  EXPECT_NE(failure(r).find("family"), std::string::npos);
  r.font.families = std::vector<std::string>(kMaxFamilies + 1, "Arial");
  EXPECT_NE(failure(r).find("families"), std::string::npos);
  r.font.families = {std::string(kMaxFamilyNameBytes + 1, 'x')};
  EXPECT_NE(failure(r).find("family"), std::string::npos);

  r = run("A");
  r.origin = {NAN, 0};
  EXPECT_NE(failure(r).find("finite"), std::string::npos);
  r = run("A");
  r.letter_spacing = INFINITY;
  EXPECT_NE(failure(r).find("finite"), std::string::npos);
}

}  // namespace
}  // namespace bimi::svgps::text
