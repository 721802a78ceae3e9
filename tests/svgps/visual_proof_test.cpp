// The document-level proof that the rendered rules stay silent, against the render itself.
#include "lint/visual_proof.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "bimi/svgps/lint.hpp"
#include "lint/checks.hpp"
#include "svg/input.hpp"
#include "test_support.hpp"

namespace bimi::svgps {
namespace {

namespace fs = std::filesystem;

const std::set<std::string> visual_rules = {"colors", "transparent-background", "circle-crop", "render-limit"};

std::set<std::string> visual_findings(const Diagnostics& diagnostics) {
  std::set<std::string> out;
  for (const auto& d : diagnostics.items()) {
    if (visual_rules.count(d.rule)) out.insert(d.rule);
  }
  return out;
}

bool proved_silent(const std::string& text, const detail::RawDocument& document, int size) {
  auto scene = detail::read_plain_scene(text, document, size);
  return scene && detail::visual_rules_proved_silent(*scene, size);
}

struct Verdicts {
  bool parsed = false;
  bool proved = false;
  std::set<std::string> rendered;  // what the render reports
};

Verdicts judge(const fs::path& path) {
  Verdicts out;
  Limits limits;
  Diagnostics ignored;
  std::string bytes = test::read_bytes(path);
  auto decoded = detail::decode_input(bytes, limits, ignored);
  if (!decoded) return out;
  auto document = detail::parse_xml(decoded->text, limits, ignored);
  if (!document || !document->root().is_svg("svg")) return out;
  out.parsed = true;
  out.proved = proved_silent(decoded->text, *document, limits.render_size);
  Diagnostics measured;
  detail::measure_rendering(decoded->text, *document, limits, measured);
  out.rendered = visual_findings(measured);
  return out;
}

// Near each threshold, on both sides: what the proof decides and what the render then reports.
TEST(VisualProof, ThresholdFixtures) {
  const std::map<std::string, std::set<std::string>> expected = {
      {"proved-second-colour-3px", {}},
      {"render-second-colour-1px", {}},
      {"render-second-colour-invisible", {"colors"}},
      {"render-second-colour-same-as-background", {"colors"}},
      {"render-second-colour-covered", {"colors"}},
      {"proved-background-path", {}},
      {"proved-background-circle", {}},
      {"render-background-circle-edge", {}},
      {"render-background-circle-short", {"transparent-background"}},
      {"render-background-sliver-centre", {"transparent-background"}},
      {"render-background-sliver-edge", {"circle-crop"}},
      {"render-background-translucent", {"circle-crop", "transparent-background"}},
      {"render-no-background", {"transparent-background"}},
      {"proved-content-inside", {}},
      {"render-content-touches", {}},
      {"render-content-crosses", {"circle-crop"}},
      {"render-stroke-reaches-out", {}},
      {"proved-stroke-inside", {}},
      {"proved-cutout-square", {}},
      {"render-cutout-reaches-out", {"circle-crop"}},
      {"proved-cutout-round", {}},
      {"render-square-curved-edge", {}},
      {"render-transform", {}},
      {"render-gradient", {"circle-crop"}},
  };
  std::size_t seen = 0;
  for (const fs::path& path : test::svg_files_under(test::fixtures() / "visual")) {
    std::string name = path.stem().string();
    auto it = expected.find(name);
    ASSERT_NE(it, expected.end()) << "no expectation for " << path;
    ++seen;
    Verdicts verdicts = judge(path);
    ASSERT_TRUE(verdicts.parsed) << path;
    bool should_prove = name.rfind("proved-", 0) == 0;
    EXPECT_EQ(verdicts.proved, should_prove) << path;
    EXPECT_EQ(verdicts.rendered, it->second) << path;

    // Through lint: the same findings, and a picture (drawn or rendered) exactly when the proof fails.
    LintReport report = lint(test::read_bytes(path));
    EXPECT_EQ(visual_findings(report.diagnostics), it->second) << path;
    EXPECT_EQ(report.rendered || report.drawn, !should_prove) << path;
    EXPECT_FALSE(report.rendered && report.drawn) << path;
  }
  EXPECT_EQ(seen, expected.size());
}

// Soundness over every logo the repository holds: whenever the document settles the rules, the
// render agrees that none of them fires.
TEST(VisualProof, NeverContradictsTheRender) {
  std::size_t proved = 0, total = 0;
  for (const char* dir : {"visual", "rules", "convert", "real", "schema"}) {
    for (const fs::path& path : test::svg_files_under(test::fixtures() / dir)) {
      Verdicts verdicts = judge(path);
      if (!verdicts.parsed) continue;
      ++total;
      if (!verdicts.proved) continue;
      ++proved;
      EXPECT_TRUE(verdicts.rendered.empty()) << path << " was proved silent but renders with "
                                             << *verdicts.rendered.begin();
    }
  }
  EXPECT_GT(proved, 20u) << "of " << total;
}

TEST(VisualProof, RefusesWhatItDoesNotModel) {
  auto proved = [](const std::string& svg) {
    Limits limits;
    Diagnostics ignored;
    auto document = detail::parse_xml(svg, limits, ignored);
    return document && proved_silent(svg, *document, limits.render_size);
  };
  const std::string good = test::good_logo();
  ASSERT_TRUE(proved(good));
  // Each of these changes what librsvg draws in a way the proof does not follow.
  for (const char* attribute : {"opacity=\"0.5\"", "transform=\"scale(3)\"", "style=\"fill:red\"",
                                "display=\"none\"", "visibility=\"hidden\"", "shape-rendering=\"crispEdges\"",
                                "paint-order=\"stroke\"", "clip-path=\"url(#c)\"", "fill=\"currentColor\"",
                                "fill=\"rgb(10%,0%,0%)\"", "stroke=\"#000\" stroke-width=\"2em\""}) {
    std::string svg = good;
    svg.replace(svg.find("<circle "), 8, std::string("<circle ") + attribute + " ");
    EXPECT_FALSE(proved(svg)) << attribute;
  }
  // The root's viewBox and size: square and positive, or the render decides.
  const std::string body =
      "<rect width=\"100\" height=\"100\" fill=\"#fff\"/><circle cx=\"50\" cy=\"50\" r=\"30\" fill=\"#c00\"/>";
  auto with_root = [&](const std::string& root_attributes) { return proved(test::good_logo(body, root_attributes)); };
  EXPECT_FALSE(with_root("viewBox=\"0 0 100 90\""));
  EXPECT_FALSE(with_root("viewBox=\"0 0 100 100\" width=\"100\" height=\"50\""));
  EXPECT_FALSE(with_root("viewBox=\"0 0 100 100\" width=\"-5\" height=\"-5\""));
  EXPECT_TRUE(with_root("viewBox=\"0 0 100 100\" width=\"100\" height=\"100\""));
  // Unusual markup.
  std::string with_pi = good;
  with_pi.insert(with_pi.find("<title>"), "<?pi x?>");
  EXPECT_FALSE(proved(with_pi));
  // A path whose data has an error is drawn up to it: where exactly is the render's business.
  EXPECT_FALSE(proved(test::good_logo("<rect width=\"100\" height=\"100\" fill=\"#fff\"/>"
                                      "<path d=\"M40 40h20v20h-20z L\" fill=\"#c00\"/>")));
}

}  // namespace
}  // namespace bimi::svgps
