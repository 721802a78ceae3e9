// BIMI assertion records: what the parser keeps, and composing a record for `bimi record`.
#include <gtest/gtest.h>

#include "bimi/records/bimi_record.hpp"

namespace bimi::records {
namespace {

TEST(BimiRecord, KeepsTheUrlsOfAGoodRecordWithoutFindings) {
  Diagnostics out;
  BimiRecord record = parse_bimi_record("v=BIMI1; l=https://example.com/logo.svg; a=https://example.com/vmc.pem;", out);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(record.logo_url, "https://example.com/logo.svg");
  EXPECT_EQ(record.evidence_url, "https://example.com/vmc.pem");
  EXPECT_FALSE(record.declination);
  EXPECT_TRUE(record.tags.well_formed);
}

TEST(BimiRecord, DeclinationIsANoteNotAnError) {
  Diagnostics out;
  BimiRecord record = parse_bimi_record("v=BIMI1; l=; a=;", out);
  EXPECT_TRUE(record.declination);
  EXPECT_FALSE(out.has_errors());
  EXPECT_TRUE(out.has_rule("bimi-declination"));
  Diagnostics without_a;
  EXPECT_TRUE(parse_bimi_record("v=BIMI1; l=", without_a).declination);
}

TEST(BimiRecord, FindingsPointAtTheValue) {
  Diagnostics out;
  parse_bimi_record("v=BIMI1; l=http://example.com/logo.svg", out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out.items()[0].rule, "bimi-logo-url");
  EXPECT_EQ(out.items()[0].location.column, 12);
  EXPECT_NE(out.items()[0].message.find("https"), std::string::npos);
}

TEST(BimiRecord, HostileInputIsOneFindingInBoundedWork) {
  Diagnostics out;
  parse_bimi_record(std::string(1 << 20, ';'), out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out.items()[0].rule, "record-too-long");
  Diagnostics nul;
  parse_bimi_record(std::string("v=BIMI1\0; l=", 12), nul);
  EXPECT_TRUE(nul.has_rule("record-characters"));
  Diagnostics many;
  std::string semis(4000, ';');
  parse_bimi_record("v=BIMI1" + semis, many);
  EXPECT_LE(many.size(), 4000u);
  Diagnostics empty;
  parse_bimi_record("", empty);
  EXPECT_TRUE(empty.has_rule("bimi-version"));
}

TEST(BimiRecord, ComposesTheNameAndAValueThatParsesBack) {
  Diagnostics out;
  ComposedRecord record = compose_bimi_record(
      {"example.com", "brand", "https://cdn.example.com/bimi/logo.svg", "https://cdn.example.com/bimi/vmc.pem"}, out);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(record.name, "brand._bimi.example.com");
  EXPECT_EQ(record.value, "v=BIMI1; l=https://cdn.example.com/bimi/logo.svg; a=https://cdn.example.com/bimi/vmc.pem;");
  Diagnostics reparsed;
  parse_bimi_record(record.value, reparsed);
  EXPECT_TRUE(reparsed.empty());
}

TEST(BimiRecord, ComposeWithoutCertificateHasNoATag) {
  Diagnostics out;
  ComposedRecord record = compose_bimi_record({"example.com", "default", "https://example.com/logo.svg", ""}, out);
  EXPECT_EQ(record.value, "v=BIMI1; l=https://example.com/logo.svg;");
  EXPECT_TRUE(out.empty());
}

TEST(BimiRecord, ComposeReportsWhatAReceiverWouldRefuse) {
  Diagnostics http;
  compose_bimi_record({"example.com", "default", "http://example.com/logo.svg", "https://example.com/vmc.der"}, http);
  EXPECT_TRUE(http.has_rule("bimi-logo-url"));
  EXPECT_TRUE(http.has_rule("bimi-evidence-extension"));
  Diagnostics split;
  compose_bimi_record({"example.com", "default", "https://example.com/a;b.svg", ""}, split);
  ASSERT_EQ(split.size(), 1u);
  EXPECT_EQ(split.items()[0].rule, "bimi-logo-url");
  EXPECT_NE(split.items()[0].message.find("%3B"), std::string::npos);
  Diagnostics png;
  compose_bimi_record({"example.com", "default", "https://example.com/logo.PNG", ""}, png);
  EXPECT_TRUE(png.has_rule("bimi-logo-format"));
}

}  // namespace
}  // namespace bimi::records
