// DMARC evaluation and BIMI record discovery over look-up results: which names are queried, what
// applies, and the reasons given.
#include <gtest/gtest.h>

#include "bimi/records/bimi_discovery.hpp"
#include "bimi/records/dmarc_policy.hpp"
#include "zone.hpp"

namespace bimi::records {
namespace {

using test::Zone;

TEST(DmarcEvaluation, OwnRecordApplies) {
  Zone zone("_dmarc.example.com: v=DMARC1; p=quarantine\n_dmarc.example.com: v=spf1 -all");
  DmarcEvaluation result = evaluate_dmarc("example.com", "example.com", zone.lookup());
  EXPECT_TRUE(result.eligible());
  EXPECT_EQ(result.applied, DmarcPolicy::quarantine);
  EXPECT_EQ(result.applied_from, "p= of _dmarc.example.com");
  EXPECT_EQ(zone.queried(), std::vector<std::string>{"_dmarc.example.com"});
}

TEST(DmarcEvaluation, SubdomainInheritsSpThenP) {
  Zone with_sp("_dmarc.example.com: v=DMARC1; p=reject; sp=quarantine\nmail.example.com: v=spf1 -all");
  DmarcEvaluation sp = evaluate_dmarc("mail.example.com", "example.com", with_sp.lookup());
  EXPECT_TRUE(sp.eligible());
  EXPECT_EQ(sp.applied, DmarcPolicy::quarantine);
  EXPECT_EQ(sp.applied_from, "sp= of _dmarc.example.com (inherited)");
  // _dmarc.mail.example.com is NXDOMAIN: whether mail.example.com itself exists is asked next.
  EXPECT_EQ(with_sp.queried(), (std::vector<std::string>{"_dmarc.mail.example.com", "mail.example.com", "_dmarc.example.com"}));

  Zone only_p("_dmarc.example.com: v=DMARC1; p=reject\nmail.example.com: v=spf1 -all");
  DmarcEvaluation p = evaluate_dmarc("mail.example.com", "example.com", only_p.lookup());
  EXPECT_EQ(p.applied, DmarcPolicy::reject);
  EXPECT_EQ(p.applied_from, "p= of _dmarc.example.com (inherited)");
}

TEST(DmarcEvaluation, NpAppliesOnlyToNamesThatDoNotExist) {
  Zone zone("_dmarc.example.com: v=DMARC1; p=reject; sp=quarantine; np=reject\nreal.example.com: v=spf1 -all");
  DmarcEvaluation missing = evaluate_dmarc("ghost.example.com", "example.com", zone.lookup());
  EXPECT_FALSE(missing.domain_exists);
  EXPECT_EQ(missing.applied, DmarcPolicy::reject);
  EXPECT_EQ(missing.applied_from, "np= of _dmarc.example.com (ghost.example.com does not exist)");
  DmarcEvaluation real = evaluate_dmarc("real.example.com", "example.com", zone.lookup());
  EXPECT_TRUE(real.domain_exists);
  EXPECT_EQ(real.applied, DmarcPolicy::quarantine);
}

TEST(DmarcEvaluation, ADomainThatDoesNotExistIsSaidFirstInsteadOfNoRecord) {
  Zone empty("");
  DmarcEvaluation apex = evaluate_dmarc("no-such-brand.example", "no-such-brand.example", empty.lookup());
  EXPECT_FALSE(apex.domain_exists);
  ASSERT_EQ(apex.diagnostics.size(), 1u);
  EXPECT_EQ(apex.diagnostics.items()[0].rule, "domain-not-found");
  EXPECT_FALSE(apex.diagnostics.has_rule("dmarc-missing"));
  EXPECT_EQ(empty.queried(), (std::vector<std::string>{"_dmarc.no-such-brand.example", "no-such-brand.example"}));

  // Below an organizational domain with a record, np= still applies, after the first finding.
  Zone zone("_dmarc.example.com: v=DMARC1; p=reject; np=reject");
  DmarcEvaluation ghost = evaluate_dmarc("ghost.example.com", "example.com", zone.lookup());
  ASSERT_FALSE(ghost.diagnostics.empty());
  EXPECT_EQ(ghost.diagnostics.items()[0].rule, "domain-not-found");
  EXPECT_EQ(ghost.applied, DmarcPolicy::reject);

  // An existing name without records, or a failed look-up, is not a missing domain.
  Zone exists("mail.example.com: v=spf1 -all\n_dmarc.mail.example.com: !no_records");
  DmarcEvaluation quiet = evaluate_dmarc("mail.example.com", "example.com", exists.lookup());
  EXPECT_TRUE(quiet.domain_exists);
  EXPECT_TRUE(quiet.diagnostics.has_rule("dmarc-missing"));
  EXPECT_FALSE(quiet.diagnostics.has_rule("domain-not-found"));
  Zone failing("_dmarc.example.org: !failure");
  EXPECT_FALSE(evaluate_dmarc("example.org", "example.org", failing.lookup()).diagnostics.has_rule("domain-not-found"));
}

TEST(DmarcEvaluation, TheOrganizationalRecordCountsEvenWhenTheSubdomainHasItsOwn) {
  Zone zone("_dmarc.example.com: v=DMARC1; p=reject; sp=none\n_dmarc.mail.example.com: v=DMARC1; p=reject");
  DmarcEvaluation result = evaluate_dmarc("mail.example.com", "example.com", zone.lookup());
  EXPECT_EQ(result.applied, DmarcPolicy::reject);
  EXPECT_EQ(result.applied_from, "p= of _dmarc.mail.example.com");
  EXPECT_FALSE(result.eligible());
  EXPECT_TRUE(result.diagnostics.has_rule("dmarc-subdomain-policy-none"));
}

TEST(DmarcEvaluation, RecordFindingsNameTheRecord) {
  Zone zone("_dmarc.example.com: v=DMARC1; p=reject; rua=dmarc@example.com");
  DmarcEvaluation result = evaluate_dmarc("example.com", "example.com", zone.lookup());
  EXPECT_TRUE(result.eligible());  // a broken report address is a warning
  bool named = false;
  for (const auto& d : result.diagnostics.items()) {
    if (d.rule == "dmarc-report-uri") named = d.message.rfind("_dmarc.example.com: ", 0) == 0;
  }
  EXPECT_TRUE(named);
}

TEST(DmarcEvaluation, AnIgnoredRecordSaysWhy) {
  Zone zone("_dmarc.example.com: v=DMARC1, p=reject");
  DmarcEvaluation result = evaluate_dmarc("example.com", "example.com", zone.lookup());
  EXPECT_TRUE(result.diagnostics.has_rule("dmarc-missing"));
  EXPECT_TRUE(result.diagnostics.has_rule("tag-separator"));
  EXPECT_FALSE(result.applied);
}

TEST(DmarcEvaluation, AFailedLookupStopsWithoutGuessing) {
  Zone zone("_dmarc.mail.example.com: !failure\n_dmarc.example.com: v=DMARC1; p=reject");
  DmarcEvaluation result = evaluate_dmarc("mail.example.com", "example.com", zone.lookup());
  EXPECT_TRUE(result.diagnostics.has_rule("dns-failure"));
  EXPECT_FALSE(result.applied);
  EXPECT_EQ(zone.queried().size(), 1u);
}

TEST(BimiDiscovery, OwnRecordWins) {
  Zone zone("brand._bimi.mail.example.com: v=BIMI1; l=https://example.com/a.svg; a=https://example.com/a.pem\n"
            "brand._bimi.example.com: v=BIMI1; l=https://example.com/b.svg; a=https://example.com/b.pem");
  BimiDiscovery result = discover_bimi_record("mail.example.com", "example.com", "brand", zone.lookup());
  EXPECT_EQ(result.name, "brand._bimi.mail.example.com");
  EXPECT_EQ(result.record_domain, "mail.example.com");
  EXPECT_FALSE(result.fallback);
  EXPECT_TRUE(result.has_logo());
  EXPECT_TRUE(result.diagnostics.empty());
  EXPECT_EQ(zone.queried().size(), 1u);
}

TEST(BimiDiscovery, FallbackToTheOrganizationalDomain) {
  Zone zone("default._bimi.example.com: v=BIMI1; l=https://example.com/b.svg; a=https://example.com/b.pem");
  BimiDiscovery result = discover_bimi_record("mail.example.com", "example.com", "default", zone.lookup());
  EXPECT_EQ(result.name, "default._bimi.example.com");
  EXPECT_EQ(result.record_domain, "example.com");
  EXPECT_TRUE(result.fallback);
  EXPECT_FALSE(result.diagnostics.has_errors());
}

TEST(BimiDiscovery, ADeclinationStopsTheFallback) {
  Zone zone("default._bimi.mail.example.com: v=BIMI1; l=; a=;\n"
            "default._bimi.example.com: v=BIMI1; l=https://example.com/b.svg; a=https://example.com/b.pem");
  BimiDiscovery result = discover_bimi_record("mail.example.com", "example.com", "default", zone.lookup());
  EXPECT_EQ(result.name, "default._bimi.mail.example.com");
  EXPECT_FALSE(result.has_logo());
  EXPECT_TRUE(result.diagnostics.has_rule("bimi-declined"));
}

TEST(BimiDiscovery, AnInvalidRecordIsUsedAndReported) {
  Zone zone("default._bimi.example.com: v=BIMI1; l=http://example.com/a.svg");
  BimiDiscovery result = discover_bimi_record("example.com", "example.com", "default", zone.lookup());
  EXPECT_TRUE(result.record);
  EXPECT_FALSE(result.has_logo());
  EXPECT_TRUE(result.diagnostics.has_rule("bimi-logo-url"));
}

TEST(BimiDiscovery, WrongNameProbesOnlyWhenNothingIsFound) {
  Zone zone("_bimi.example.com: v=BIMI1; l=https://example.com/a.svg");
  BimiDiscovery result = discover_bimi_record("example.com", "example.com", "default", zone.lookup());
  EXPECT_TRUE(result.diagnostics.has_rule("bimi-record-missing"));
  EXPECT_TRUE(result.diagnostics.has_rule("bimi-record-wrong-name"));
  EXPECT_LE(zone.queried().size(), 5u);
}

}  // namespace
}  // namespace bimi::records
