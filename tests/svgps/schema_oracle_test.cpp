// The official schema is the oracle: nothing it rejects may pass `bimi check`, with or without the
// libxml2 gate, and bimi's schema rules never reject what the schema accepts.
#include <gtest/gtest.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>

#include <filesystem>
#include <memory>

#include "bimi/svgps/lint.hpp"
#include "test_support.hpp"

namespace bimi::svgps {
namespace {

namespace fs = std::filesystem;

void quiet(void*, xmlErrorPtr) {}

// Validates with libxml2 and the schema file in the source tree, independently of the linter.
class Oracle {
 public:
  Oracle() {
    std::string path = std::string(BIMI_SOURCE_DIR) + "/svgps/schema/SVG_PS-latest.rng";
    xmlRelaxNGParserCtxtPtr parser = xmlRelaxNGNewParserCtxt(path.c_str());
    schema_ = xmlRelaxNGParse(parser);
    xmlRelaxNGFreeParserCtxt(parser);
  }
  ~Oracle() { xmlRelaxNGFree(schema_); }
  bool ready() const { return schema_ != nullptr; }

  // nullopt when libxml2 cannot parse the file at all.
  std::optional<bool> valid(const std::string& bytes) const {
    xmlDocPtr doc = xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), "f.svg", nullptr,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!doc) return std::nullopt;
    xmlRelaxNGValidCtxtPtr context = xmlRelaxNGNewValidCtxt(schema_);
    xmlRelaxNGSetValidStructuredErrors(context, quiet, nullptr);
    int result = xmlRelaxNGValidateDoc(context, doc);
    xmlRelaxNGFreeValidCtxt(context);
    xmlFreeDoc(doc);
    return result == 0;
  }

 private:
  xmlRelaxNGPtr schema_ = nullptr;
};

std::vector<fs::path> all_svg_fixtures() {
  std::vector<fs::path> out;
  for (const auto& entry : fs::recursive_directory_iterator(test::fixtures())) {
    if (entry.is_regular_file() && entry.path().extension() == ".svg") out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool has_schema_rule(const Diagnostics& diagnostics) {
  for (const auto& d : diagnostics.items()) {
    const Rule* rule = find_rule(d.rule);
    if (rule && rule->kind == RuleKind::schema) return true;
  }
  return false;
}

TEST(SchemaOracle, NothingTheSchemaRejectsPasses) {
  Oracle oracle;
  ASSERT_TRUE(oracle.ready());
  auto files = all_svg_fixtures();
  ASSERT_GT(files.size(), 100u);
  int rejected = 0;
  for (const auto& path : files) {
    std::string bytes = test::read_bytes(path);
    auto valid = oracle.valid(bytes);
    if (!valid || *valid) continue;
    ++rejected;
    for (bool gate : {true, false}) {
      LintOptions options;
      options.schema_gate = gate;
      options.render_checks = false;
      for (Profile profile : {Profile::strict, Profile::spec}) {
        options.profile = profile;
        LintReport report = lint(bytes, options);
        EXPECT_TRUE(report.diagnostics.has_errors())
            << path << " is rejected by the schema but passes (gate " << gate << ", " << to_string(profile) << ")";
        if (!gate) {
          EXPECT_TRUE(has_schema_rule(report.diagnostics) || report.fatal || report.diagnostics.has_rule("doctype"))
              << path << ": bimi's own schema rules miss what the schema rejects\n"
              << test::describe(report.diagnostics);
        }
      }
    }
  }
  EXPECT_GT(rejected, 40);
}

TEST(SchemaOracle, SchemaRulesNeverRejectWhatTheSchemaAccepts) {
  Oracle oracle;
  ASSERT_TRUE(oracle.ready());
  int accepted = 0;
  for (const auto& path : all_svg_fixtures()) {
    std::string bytes = test::read_bytes(path);
    auto valid = oracle.valid(bytes);
    if (!valid || !*valid) continue;
    ++accepted;
    LintOptions options;
    options.render_checks = false;
    LintReport report = lint(bytes, options);
    if (report.fatal) continue;  // libxml2 is laxer about a few encodings than bimi
    for (const auto& d : report.diagnostics.items()) {
      const Rule* rule = find_rule(d.rule);
      EXPECT_FALSE(rule && rule->kind == RuleKind::schema)
          << path << ": schema rule " << d.rule << " fires on a schema-valid file: " << d.message;
    }
  }
  EXPECT_GT(accepted, 40);
}

TEST(SchemaOracle, SharedSchemaFixturesGetTheirPublishedVerdict) {
  // fixtures/schema/ holds tiny files with the verdict both jing and xmllint give (V or I).
  const std::vector<std::pair<std::string, bool>> verdicts = {
      {"good", true},      {"idsvg", true},       {"xlinkns", true},  {"usehref", true},    {"noviewbox", true},
      {"pct", true},       {"emptytitle", true},  {"fillurl", true},  {"usehrefext", true}, {"xy", false},
      {"notitle", false},  {"titlesecond", false}, {"twotitle", false}, {"v11", false},     {"nons", false},
      {"grad", false},     {"useext", false},     {"style", false},   {"clip", false},      {"image", false},
      {"script", false},   {"opacity", false},    {"tspan", false},   {"par", false},       {"inkscape", false}};
  Oracle oracle;
  for (const auto& [name, valid] : verdicts) {
    std::string bytes = test::read_bytes(test::fixtures() / "schema" / (name + ".svg"));
    EXPECT_EQ(oracle.valid(bytes), valid) << name;
    LintOptions options;
    options.render_checks = false;
    options.profile = Profile::spec;
    LintReport report = lint(bytes, options);
    bool schema_findings = has_schema_rule(report.diagnostics);
    EXPECT_EQ(schema_findings, !valid) << name << "\n" << test::describe(report.diagnostics);
  }
}

}  // namespace
}  // namespace bimi::svgps
