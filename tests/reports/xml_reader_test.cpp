#include "bimi/reports/xml_reader.hpp"

#include <gtest/gtest.h>

#include <string>

namespace bimi::reports {
namespace {

std::string record(std::string_view ip, std::string_view count, std::string_view dkim, std::string_view spf,
                   std::string_view extra = "") {
  return "<record><row><source_ip>" + std::string(ip) + "</source_ip><count>" + std::string(count) +
         "</count><policy_evaluated><disposition>none</disposition><dkim>" + std::string(dkim) + "</dkim><spf>" +
         std::string(spf) + "</spf>" + std::string(extra) +
         "</policy_evaluated></row><identifiers><header_from>example.com</header_from></identifiers>"
         "<auth_results><spf><domain>example.com</domain><result>pass</result></spf></auth_results></record>";
}

std::string report(std::string_view records, std::string_view root = "<feedback><version>1.0</version>",
                   std::string_view begin = "1767225600", std::string_view end = "1767311999") {
  return std::string(root) +
         "<report_metadata><org_name>google.com</org_name><email>x@google.com</email><report_id>42</report_id>"
         "<date_range><begin>" + std::string(begin) + "</begin><end>" + std::string(end) +
         "</end></date_range></report_metadata><policy_published><domain>example.com</domain><p>none</p>"
         "</policy_published>" + std::string(records) + "</feedback>";
}

TEST(XmlReader, ReadsRfc7489Report) {
  Diagnostics out;
  auto r = read_aggregate_report(report(record("192.0.2.1", "7", "pass", "fail")), {}, out);
  ASSERT_TRUE(r) << (out.empty() ? "" : out.items()[0].message);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(r->schema, Schema::rfc7489);
  EXPECT_EQ(r->org_name, "google.com");
  EXPECT_EQ(r->report_id, "42");
  EXPECT_EQ(r->begin, 1767225600);
  EXPECT_EQ(r->policy.domain, "example.com");
  ASSERT_EQ(r->records.size(), 1u);
  EXPECT_EQ(r->records[0].count, 7u);
  EXPECT_TRUE(r->records[0].dkim_aligned_pass);
  EXPECT_FALSE(r->records[0].spf_aligned_pass);
  EXPECT_EQ(r->messages(), 7u);
}

TEST(XmlReader, ReadsDraftAndRfc9990Schemas) {
  Diagnostics out;
  std::string draft = report(record("192.0.2.1", "1", "pass", "pass"), "<feedback>");
  std::size_t at = 0;
  while ((at = draft.find("identifiers", at)) != std::string::npos) draft.replace(at, 11, "identities");
  auto old = read_aggregate_report(draft, {}, out);
  ASSERT_TRUE(old);
  EXPECT_EQ(old->schema, Schema::draft);
  EXPECT_EQ(old->records.at(0).header_from, "example.com");
  auto bis = read_aggregate_report(
      report(record("192.0.2.1", "1", "pass", "pass"),
             "<feedback xmlns=\"urn:ietf:params:xml:ns:dmarc-2.0\"><version>1.0</version>"), {}, out);
  ASSERT_TRUE(bis);
  EXPECT_EQ(bis->schema, Schema::rfc9990);
  auto prefixed = read_aggregate_report(
      "<d:feedback xmlns:d=\"urn:ietf:params:xml:ns:dmarc-2.0\"><d:version>1.0</d:version>"
      "<d:report_metadata><d:org_name>o</d:org_name><d:report_id>1</d:report_id><d:date_range><d:begin>1</d:begin>"
      "<d:end>2</d:end></d:date_range></d:report_metadata><d:policy_published><d:domain>example.com</d:domain>"
      "</d:policy_published></d:feedback>", {}, out);
  ASSERT_TRUE(prefixed);
  EXPECT_EQ(prefixed->schema, Schema::rfc9990);
  EXPECT_TRUE(out.empty());
}

TEST(XmlReader, QuirksAreReadWithAWarning) {
  Diagnostics out;
  auto r = read_aggregate_report(
      report(record("192.0.2.1", "3", "Pass", "FAIL", "<reason></reason>") +
             record("192.0.2.2", "1", "pass", "pass", "<reason><type>local_policy</type><comment>caf\xe9</comment></reason>")),
      {}, out);
  ASSERT_TRUE(r);
  EXPECT_TRUE(out.has_rule("report-quirk"));
  EXPECT_FALSE(out.has_errors());
  EXPECT_TRUE(r->records[0].dkim_aligned_pass);
  EXPECT_FALSE(r->records[0].spf_aligned_pass);
  EXPECT_TRUE(r->records[0].overrides.empty());
  ASSERT_EQ(r->records[1].overrides.size(), 1u);
  EXPECT_EQ(r->records[1].overrides[0].comment, "caf\xEF\xBF\xBD");
}

void expect_error(const std::string& xml, std::string_view rule, const Limits& limits = {}) {
  Diagnostics out;
  EXPECT_FALSE(read_aggregate_report(xml, limits, out)) << rule;
  EXPECT_TRUE(out.has_rule(rule)) << rule << ": " << (out.empty() ? "no finding" : out.items()[0].rule);
}

TEST(XmlReader, RefusesWhatIsNotAReport) {
  expect_error("", "report-not-xml");
  expect_error("<feedback><report_metadata>", "report-not-xml");
  expect_error("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", "report-not-aggregate");
  expect_error("<!DOCTYPE feedback [<!ENTITY a \"aaaa\">]>" + report(""), "report-doctype");
  expect_error("<!DOCTYPE feedback SYSTEM \"http://example.com/x.dtd\">" + report(""), "report-doctype");
  std::string no_org = report("");
  no_org.erase(no_org.find("<org_name>"), std::string_view("<org_name>google.com</org_name>").size());
  expect_error(no_org, "report-missing-field");
  expect_error(report(record("", "1", "pass", "pass")), "report-missing-field");
}

TEST(XmlReader, BoundsCountsDatesDepthAndSize) {
  expect_error(report(record("192.0.2.1", "18446744073709551616", "pass", "pass")), "report-count-range");
  expect_error(report(record("192.0.2.1", "-1", "pass", "pass")), "report-count-range");
  expect_error(report("", "<feedback><version>1.0</version>", "99999999999999"), "report-date-range");
  expect_error(report("", "<feedback><version>1.0</version>", "200", "100"), "report-date-range");
  std::string deep = report("<x>" + std::string(100, ' ') + "</x>");
  std::string nested;
  for (int i = 0; i < 40; ++i) nested += "<a>";
  for (int i = 0; i < 40; ++i) nested += "</a>";
  expect_error(report(nested), "report-too-deep");
  Limits small;
  small.max_records = 2;
  std::string three = record("192.0.2.1", "1", "pass", "pass");
  expect_error(report(three + three + three), "report-too-large", small);
  // 50 MB of XML: refused before parsing.
  std::string huge = report(std::string(50u << 20, ' '));
  expect_error(huge, "report-too-large");
  std::string max_count = report(record("192.0.2.1", "18446744073709551615", "pass", "pass") +
                                 record("192.0.2.2", "5", "pass", "pass"));
  Diagnostics out;
  auto r = read_aggregate_report(max_count, {}, out);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->messages(), ~std::uint64_t{0});  // saturates instead of wrapping
}

}  // namespace
}  // namespace bimi::reports
