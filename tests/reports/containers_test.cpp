#include "bimi/reports/containers.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bimi/base64.hpp"
#include "bimi/file_io.hpp"
#include "bimi/gzip.hpp"
#include "zip_writer.hpp"

namespace bimi::reports {
namespace {

namespace fs = std::filesystem;
const fs::path fixtures = fs::path(BIMI_FIXTURES_DIR) / "dmarc-reports";

std::vector<FoundReport> read_all(std::string_view bytes, const Limits& limits = {}) {
  std::vector<FoundReport> found;
  read_reports("input", bytes, limits, [&](FoundReport&& f) { found.push_back(std::move(f)); });
  return found;
}

std::vector<FoundReport> read_fixture(const std::string& name, const Limits& limits = {}) {
  std::vector<FoundReport> found;
  auto sink = [&](FoundReport&& f) { found.push_back(std::move(f)); };
  if (name.ends_with(".mbox")) {
    std::ifstream in(fixtures / name, std::ios::binary);
    read_mbox(name, in, limits, sink);
  } else {
    auto bytes = read_file(fixtures / name, 1u << 20);
    read_reports(name, std::get<std::string>(bytes), limits, sink);
  }
  return found;
}

std::string minimal_report(std::string_view id = "1") {
  return "<feedback><version>1.0</version><report_metadata><org_name>o</org_name><report_id>" + std::string(id) +
         "</report_id><date_range><begin>1</begin><end>2</end></date_range></report_metadata><policy_published>"
         "<domain>example.com</domain><p>none</p></policy_published><record><row><source_ip>192.0.2.1</source_ip>"
         "<count>1</count><policy_evaluated><disposition>none</disposition><dkim>pass</dkim><spf>pass</spf>"
         "</policy_evaluated></row><identifiers><header_from>example.com</header_from></identifiers></record></feedback>";
}

TEST(Containers, ReadsEveryReporterFixture) {
  struct Case {
    std::string file, org;
    Schema schema;
  };
  const Case cases[] = {
      {"google.com!example.com!1767225600!1767311999.zip", "google.com", Schema::rfc7489},
      {"enterprise.protection.outlook.com!example.com!1767312000!1767398399.xml.gz", "Enterprise Outlook", Schema::rfc7489},
      {"yahoo.com!example.com!1767398400!1767484799.xml.gz", "Yahoo", Schema::draft},
      {"fastmail.com!example.com!1767484800!1767571199.xml", "Fastmail Pty Ltd", Schema::rfc9990},
      {"mimecast.eml", "Mimecast", Schema::rfc7489},
      {"odd-name.dat.zip", "Odd Reporter", Schema::rfc7489},
      {"quoted-printable.eml", "QP Reporter", Schema::rfc7489},
      {"quirks.xml", "Quirky Reporter", Schema::rfc7489},
  };
  for (const auto& c : cases) {
    auto found = read_fixture(c.file);
    ASSERT_EQ(found.size(), 1u) << c.file;
    ASSERT_TRUE(found[0].report) << c.file << ": " << found[0].findings.items().at(0).message;
    EXPECT_EQ(found[0].report->org_name, c.org) << c.file;
    EXPECT_EQ(found[0].report->schema, c.schema) << c.file;
    EXPECT_GE(found[0].report->records.size(), 4u) << c.file;
    EXPECT_FALSE(found[0].findings.has_errors()) << c.file;
  }
  EXPECT_TRUE(read_fixture("quirks.xml")[0].findings.has_rule("report-quirk"));
  EXPECT_EQ(read_fixture("mimecast.eml")[0].origin, "mimecast.eml:report.gz");
}

TEST(Containers, MboxReadsEachMessageAndReportsTheOneWithoutAReport) {
  auto found = read_fixture("export.mbox");
  ASSERT_EQ(found.size(), 3u);
  EXPECT_TRUE(found[0].report);
  EXPECT_TRUE(found[1].report);
  EXPECT_FALSE(found[2].report);
  EXPECT_TRUE(found[2].findings.has_rule("message-no-report"));
  EXPECT_EQ(found[2].origin, "export.mbox:message 3");
}

TEST(Containers, MboxIsStreamedAndItsMessageCountBounded) {
  Limits limits;
  limits.max_mbox_messages = 1000;
  std::stringstream mbox;
  for (int i = 0; i < 1500; ++i) mbox << "From x\nSubject: " << i << "\n\nhello\n\n";
  std::size_t errors = 0, too_many = 0;
  read_mbox("big.mbox", mbox, limits, [&](FoundReport&& f) {
    ++errors;
    too_many += f.findings.has_rule("mbox-too-many-messages");
  });
  EXPECT_EQ(errors, 1001u);
  EXPECT_EQ(too_many, 1u);
}

TEST(Containers, NotAReportIsAnErrorForThatFileOnly) {
  auto found = read_fixture("not-a-report.xml");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_FALSE(found[0].report);
  EXPECT_TRUE(found[0].findings.has_rule("report-not-aggregate"));
  EXPECT_TRUE(read_all("\x89PNG\r\n")[0].findings.has_rule("container-unknown"));
}

TEST(Containers, GzipBombStopsAtTheBound) {
  std::string bomb = gzip(std::string(40u << 20, '<'));  // 40 MiB of '<' in about 40 KiB
  ASSERT_LT(bomb.size(), 100'000u);
  auto found = read_all(bomb);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].findings.has_rule("container-gzip"));
  auto truncated = read_all(gzip(minimal_report()).substr(0, 30));
  EXPECT_TRUE(truncated[0].findings.has_rule("container-gzip"));
}

TEST(Containers, ZipBoundsEntriesAndInflatedBytes) {
  std::vector<std::pair<std::string, std::string>> many;
  for (int i = 0; i < 10'000; ++i) many.emplace_back("r" + std::to_string(i) + ".xml", "<x/>");
  auto found = read_all(test::stored_zip(many));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].findings.has_rule("container-zip"));

  Limits limits;
  limits.max_xml_bytes = 1000;
  auto big = read_all(test::stored_zip({{"big.xml", std::string(5000, ' ')}, {"ok.xml", minimal_report()}}), limits);
  ASSERT_EQ(big.size(), 2u);
  EXPECT_TRUE(big[0].findings.has_rule("container-zip"));
  EXPECT_TRUE(big[1].report);  // the next entry is still read

  auto two = read_all(test::stored_zip({{"a.xml", minimal_report("a")}, {"dir/", ""}, {"b.xml.gz", gzip(minimal_report("b"))}}));
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[1].origin, "input:b.xml.gz");
  EXPECT_EQ(two[1].report->report_id, "b");
  EXPECT_TRUE(read_all("PK\x03\x04garbage")[0].findings.has_rule("container-zip"));
}

TEST(Containers, NestingIsBounded) {
  std::string payload = minimal_report();
  for (int i = 0; i < 8; ++i) payload = gzip(payload);
  EXPECT_TRUE(read_all(payload)[0].findings.has_rule("container-too-deep"));
}

TEST(Containers, MimeWithoutBoundaryOrReport) {
  EXPECT_TRUE(read_all("From: a@b\r\nContent-Type: multipart/mixed\r\n\r\nx\r\n")[0].findings.has_rule("message-syntax"));
  EXPECT_TRUE(read_all("From: a@b\r\nSubject: x\r\n\r\nhello\r\n")[0].findings.has_rule("message-no-report"));
  // A single-part message whose body is the base64 gzip, labelled application/octet-stream.
  std::string message = "From: a@b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
                        base64_encode(gzip(minimal_report())) + "\r\n";
  auto found = read_all(message);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].report);
}

}  // namespace
}  // namespace bimi::reports
