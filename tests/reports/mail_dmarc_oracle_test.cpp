// bimi's report reader against Mail::DMARC's (Debian's libmail-dmarc-perl) on the same files: the
// same report and the same records where both read it, and each disagreement asserted and explained.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "bimi/file_io.hpp"
#include "bimi/reports/containers.hpp"

namespace bimi::reports {
namespace {

namespace fs = std::filesystem;
const fs::path fixtures = fs::path(BIMI_FIXTURES_DIR) / "dmarc-reports";
const fs::path oracle = fs::path(BIMI_SOURCE_DIR) / "tests/reports/mail_dmarc_oracle.pl";

struct OracleRun {
  int status = -1;
  std::string out;
};

OracleRun run_oracle(const fs::path& file) {
  OracleRun run;
  std::string command = "perl '" + oracle.string() + "' '" + file.string() + "' 2>/dev/null";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) run.out.append(buffer, n);
  run.status = ::pclose(pipe);
  return run;
}

// bimi's reading, in the oracle's format.
std::string bimi_lines(const fs::path& file) {
  std::string out;
  auto bytes = read_file(file, 1u << 20);
  read_reports(file.string(), std::get<std::string>(bytes), {}, [&](FoundReport&& found) {
    if (!found.report) return;
    const auto& r = *found.report;
    out += "report " + r.org_name + " " + r.report_id + " " + std::to_string(r.begin) + " " + std::to_string(r.end) + " " +
           r.policy.domain + "\n";
    for (const auto& record : r.records) {
      out += "record " + record.source_ip + " " + std::to_string(record.count) + " " +
             (record.dkim_aligned_pass ? "pass" : "fail") + " " + (record.spf_aligned_pass ? "pass" : "fail") + " " +
             record.header_from + "\n";
    }
  });
  return out;
}

bool oracle_available() { return std::system("perl -MMail::DMARC::Report::Receive -e 1 2>/dev/null") == 0; }

TEST(MailDmarcOracle, SameReportsAndRecordsOnRfc7489AndDraftReports) {
  if (!oracle_available()) GTEST_SKIP() << "libmail-dmarc-perl is not installed (scripts/setup.sh installs it)";
  for (const char* name : {"enterprise.protection.outlook.com!example.com!1767312000!1767398399.xml.gz",
                           "yahoo.com!example.com!1767398400!1767484799.xml.gz"}) {
    auto run = run_oracle(fixtures / name);
    ASSERT_EQ(run.status, 0) << name;
    EXPECT_EQ(bimi_lines(fixtures / name), run.out) << name;
  }
}

TEST(MailDmarcOracle, Disagreements) {
  if (!oracle_available()) GTEST_SKIP() << "libmail-dmarc-perl is not installed (scripts/setup.sh installs it)";
  // RFC 9990's namespace: Mail::DMARC's XPath names elements without it and finds no metadata.
  auto fastmail = fixtures / "fastmail.com!example.com!1767484800!1767571199.xml";
  EXPECT_NE(run_oracle(fastmail).status, 0);
  EXPECT_NE(bimi_lines(fastmail).find("report Fastmail Pty Ltd fm-2026-01-04-0001"), std::string::npos);
  // Invalid UTF-8 in a comment: libxml2 refuses the whole report; bimi replaces the byte and warns.
  auto quirks = fixtures / "quirks.xml";
  EXPECT_NE(run_oracle(quirks).status, 0);
  EXPECT_NE(bimi_lines(quirks).find("record 192.0.2.11 2 pass fail example.com"), std::string::npos);
  // A result outside pass|fail in exact case: Mail::DMARC reads it as pass (its Facebook
  // workaround), so "FAIL" becomes pass; bimi folds the case (FAIL is fail) and reads an unknown
  // value as fail, the safe side when the question is what enforcement would block.
  const fs::path dir = fs::temp_directory_path() / ("bimi-oracle-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::string xml = std::get<std::string>(read_file(quirks, 1u << 20));
  std::string valid = xml;
  valid.erase(valid.find("<comment>caf"), std::string("<comment>caf\xe9</comment>").size());
  std::ofstream(dir / "upper-case.xml", std::ios::binary) << valid;
  auto run = run_oracle(dir / "upper-case.xml");
  ASSERT_EQ(run.status, 0);
  EXPECT_NE(run.out.find("record 192.0.2.11 2 pass pass example.com"), std::string::npos) << run.out;
  EXPECT_NE(bimi_lines(dir / "upper-case.xml").find("record 192.0.2.11 2 pass fail example.com"), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace bimi::reports
