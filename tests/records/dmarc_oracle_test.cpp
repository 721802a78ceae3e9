// Mail::DMARC (Debian's libmail-dmarc-perl, an RFC 7489 receiver library) as an oracle for the
// policy a record sets. Each disagreement is listed with the reason; the test skips when the
// library is not installed (scripts/setup.sh installs it).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "bimi/records/dmarc_record.hpp"

namespace bimi::records {
namespace {

struct OracleCase {
  std::string record;
  std::string rfc7489;  // the policy bimi reads with --dmarc rfc7489 ("invalid": none applies); the
                        // oracle's is compared in lower case (it keeps the case it was given)
  std::string rfc9989;  // the policy bimi reads by default
  std::string why;      // empty when Mail::DMARC agrees with bimi's RFC 7489 reading
};

const std::vector<OracleCase> cases{
    {"v=DMARC1; p=reject", "reject", "reject", ""},
    {"V=DMARC1; P=Quarantine; SP=None", "quarantine", "quarantine", ""},
    {"v=DMARC1; p=reject; pct=150; adkim=x", "reject", "reject", ""},  // broken optional tags: warnings
    {"v=DMARC1; p=block", "invalid", "invalid", ""},
    {"v=DMARC1; adkim=s", "invalid", "invalid", ""},
    {"v=DMARC2; p=reject", "invalid", "invalid", ""},
    // RFC 7489 §6.6.3 step 6 (a SHOULD) and RFC 9989 §4.10.1 (a MUST): p=none for a valid rua=.
    // bimi keeps its earlier RFC 7489 reading (no policy); both are errors for BIMI.
    {"v=DMARC1; rua=mailto:d@example.com", "invalid", "none",
     "Mail::DMARC applies §6.6.3 step 6; bimi's RFC 7489 mode reports the missing p= instead"},
    // DMARC1 is in %x codes (RFC 7489 §6.4, RFC 9989 §4.8 %s): case-sensitive. Mail::DMARC lowercases.
    {"v=dmarc1; p=reject", "invalid", "invalid", "Mail::DMARC matches v=DMARC1 in any case"},
    // v= must be the first tag (RFC 7489 §6.3, RFC 9989 §4.7). Mail::DMARC takes it anywhere.
    {"p=reject; v=DMARC1", "invalid", "invalid", "Mail::DMARC accepts v= after other tags"},
    // A broken sp= (RFC 7489 §6.6.3 step 6): no policy. Mail::DMARC does not check sp= values.
    {"v=DMARC1; p=reject; sp=nope", "invalid", "invalid", "Mail::DMARC does not validate sp="},
};

std::string run_oracle(const std::vector<OracleCase>& all) {
  auto dir = std::filesystem::temp_directory_path();
  auto input = dir / ("bimi-dmarc-oracle-" + std::to_string(::getpid()) + ".txt");
  {
    std::ofstream out(input);
    for (const auto& c : all) out << c.record << "\n";
  }
  std::string command =
      "perl -MMail::DMARC::Policy -e 'while (my $r = <STDIN>) { chomp $r; my $p = eval { Mail::DMARC::Policy->new($r) };"
      " print(($p && eval { $p->is_valid }) ? lc($p->p // \"invalid\") : \"invalid\", \"\\n\") }' < " +
      input.string() + " 2>/dev/null";
  std::string output;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[256];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) output += buffer;
    ::pclose(pipe);
  }
  std::filesystem::remove(input);
  return output;
}

std::string bimi_reading(const std::string& record, DmarcStandard standard) {
  Diagnostics out;
  DmarcRecord parsed = parse_dmarc_record(record, out, standard);
  if (!parsed.usable()) return "invalid";
  if (parsed.implies_none()) return "none";
  return std::string(to_string(*parsed.p));
}

TEST(DmarcOracle, MailDmarcAgreesExceptWhereExplained) {
  if (std::system("perl -MMail::DMARC::Policy -e 1 >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "Mail::DMARC (libmail-dmarc-perl) is not installed: run scripts/setup.sh";
  }
  std::string output = run_oracle(cases);
  std::vector<std::string> oracle;
  std::size_t start = 0;
  for (std::size_t end = output.find('\n'); end != std::string::npos; end = output.find('\n', start)) {
    oracle.push_back(output.substr(start, end - start));
    start = end + 1;
  }
  ASSERT_EQ(oracle.size(), cases.size()) << output;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const OracleCase& c = cases[i];
    SCOPED_TRACE(c.record);
    EXPECT_EQ(bimi_reading(c.record, DmarcStandard::rfc7489), c.rfc7489);
    EXPECT_EQ(bimi_reading(c.record, DmarcStandard::rfc9989), c.rfc9989);
    if (c.why.empty()) {
      EXPECT_EQ(oracle[i], c.rfc7489) << "Mail::DMARC disagrees without an explanation";
    } else {
      EXPECT_NE(oracle[i], c.rfc7489) << "Mail::DMARC now agrees: drop the explanation (" << c.why << ")";
    }
  }
}

}  // namespace
}  // namespace bimi::records
