// DMARC records: the values the parser keeps and when a record is usable.
#include <gtest/gtest.h>

#include "bimi/records/dmarc_record.hpp"

namespace bimi::records {
namespace {

TEST(DmarcRecord, KeepsPoliciesAndPercentage) {
  Diagnostics out;
  DmarcRecord record = parse_dmarc_record(
      "v=DMARC1; p=reject; sp=quarantine; np=reject; pct=40; adkim=s; aspf=r; rua=mailto:d@example.com!10m; "
      "ruf=mailto:f@example.com; fo=1; rf=afrf; ri=86400; t=n; psd=n",
      out, DmarcStandard::rfc7489);
  EXPECT_TRUE(out.empty());
  EXPECT_EQ(record.p, DmarcPolicy::reject);
  EXPECT_EQ(record.sp, DmarcPolicy::quarantine);
  EXPECT_EQ(record.np, DmarcPolicy::reject);
  EXPECT_EQ(record.pct, 40);
  EXPECT_TRUE(record.pct_given);
  EXPECT_TRUE(record.usable());
}

TEST(DmarcRecord, DefaultsAndUsability) {
  Diagnostics out;
  DmarcRecord minimal = parse_dmarc_record("v=DMARC1; p=none", out);
  EXPECT_EQ(minimal.pct, 100);
  EXPECT_FALSE(minimal.pct_given);
  EXPECT_FALSE(minimal.sp);
  EXPECT_TRUE(minimal.usable());
  Diagnostics bad_sp;
  EXPECT_FALSE(parse_dmarc_record("v=DMARC1; p=reject; sp=nope", bad_sp).usable());
  Diagnostics no_p;
  EXPECT_FALSE(parse_dmarc_record("v=DMARC1; rua=mailto:a@example.com", no_p, DmarcStandard::rfc7489).usable());
  // RFC 9989 §4.10.1: without p= but with a valid rua= the record applies as p=none.
  Diagnostics implied;
  DmarcRecord none = parse_dmarc_record("v=DMARC1; rua=mailto:a@example.com", implied);
  EXPECT_TRUE(none.usable());
  EXPECT_TRUE(none.implies_none());
  Diagnostics bad_rua;
  EXPECT_FALSE(parse_dmarc_record("v=DMARC1; rua=a@example.com", bad_rua).usable());
  Diagnostics duplicate;
  EXPECT_FALSE(parse_dmarc_record("v=DMARC1; p=reject; p=none", duplicate).usable());
}

TEST(DmarcRecord, ReportUriFindingsNameTheEntry) {
  Diagnostics out;
  parse_dmarc_record("v=DMARC1; p=reject; rua=mailto:ok@example.com,https://x", out);
  EXPECT_TRUE(out.empty()) << out.items()[0].message;  // any URI scheme is allowed
  Diagnostics missing_at;
  parse_dmarc_record("v=DMARC1; p=reject; rua=mailto:ok@example.com, mailto:nobody", missing_at);
  ASSERT_EQ(missing_at.size(), 1u);
  EXPECT_NE(missing_at.items()[0].message.find("mailto:nobody"), std::string::npos);
  EXPECT_EQ(missing_at.items()[0].location.column, 48);
}

TEST(DmarcRecord, KeepsTestModeAndPsd) {
  Diagnostics out;
  DmarcRecord record = parse_dmarc_record("v=DMARC1; p=reject; t=Y; psd=N; pct=40", out);
  EXPECT_TRUE(record.test_mode);
  EXPECT_EQ(record.psd, 'n');
  EXPECT_EQ(record.standard, DmarcStandard::rfc9989);
  EXPECT_TRUE(out.has_rule("dmarc-tag-obsolete"));
  Diagnostics old;
  EXPECT_FALSE(parse_dmarc_record("v=DMARC1; p=reject; t=y", old, DmarcStandard::rfc7489).test_mode);
}

TEST(DmarcRecord, PolicyNames) {
  EXPECT_EQ(to_string(DmarcPolicy::none), "none");
  EXPECT_EQ(to_string(DmarcPolicy::quarantine), "quarantine");
  EXPECT_EQ(to_string(DmarcPolicy::reject), "reject");
}

}  // namespace
}  // namespace bimi::records
