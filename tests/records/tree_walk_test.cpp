// RFC 9989: the DNS tree walk (§4.10), the organizational domain it finds (§4.10.2), the policy
// that applies (§4.10.1) and what the RFC 7489 evaluation says of the same zones.
#include <gtest/gtest.h>

#include "bimi/records/bimi_discovery.hpp"
#include "bimi/records/dmarc_policy.hpp"
#include "zone.hpp"

namespace bimi::records {
namespace {

using test::Zone;

std::vector<std::string> dmarc_queries(const Zone& zone) {
  std::vector<std::string> names;
  for (const auto& name : zone.queried()) {
    if (name.rfind("_dmarc.", 0) == 0) names.push_back(name);
  }
  return names;
}

TEST(TreeWalk, ALongNameCostsAtMostEightQueries) {
  // The example of RFC 9989 §4.10: the walk jumps from eleven labels to seven.
  Zone zone("");
  DmarcEvaluation result = evaluate_dmarc_tree_walk("a.b.c.d.e.f.g.h.i.j.mail.example.com", zone.lookup());
  std::vector<std::string> expected{"_dmarc.a.b.c.d.e.f.g.h.i.j.mail.example.com",
                                    "_dmarc.g.h.i.j.mail.example.com",
                                    "_dmarc.h.i.j.mail.example.com",
                                    "_dmarc.i.j.mail.example.com",
                                    "_dmarc.j.mail.example.com",
                                    "_dmarc.mail.example.com",
                                    "_dmarc.example.com",
                                    "_dmarc.com"};
  EXPECT_EQ(dmarc_queries(zone), expected);
  EXPECT_EQ(result.queried, expected);
  EXPECT_LE(result.queried.size(), max_tree_walk_queries);
  // Eight labels are shortened to seven too, then walked one by one: eight queries again.
  Zone eight("");
  evaluate_dmarc_tree_walk("a.b.c.d.e.f.example.com", eight.lookup());
  EXPECT_EQ(dmarc_queries(eight).size(), 8u);
  EXPECT_EQ(dmarc_queries(eight)[1], "_dmarc.b.c.d.e.f.example.com");
}

TEST(TreeWalk, TheShortestNameWithARecordIsTheOrganizationalDomain) {
  Zone zone("_dmarc.example.com: v=DMARC1; p=reject; sp=quarantine\n"
            "_dmarc.mail.example.com: v=DMARC1; p=none\n"
            "a.mail.example.com: v=spf1 -all");
  DmarcEvaluation result = evaluate_dmarc_tree_walk("a.mail.example.com", zone.lookup());
  EXPECT_EQ(result.organizational_domain, "example.com");
  EXPECT_NE(result.organizational_domain_from.find("rule 3"), std::string::npos);
  // The walk goes on to _dmarc.com: only psd=y or psd=n stops it.
  EXPECT_EQ(result.queried.back(), "_dmarc.com");
  EXPECT_EQ(result.applied, DmarcPolicy::quarantine);
  EXPECT_EQ(result.applied_from, "sp= of _dmarc.example.com (inherited)");
  EXPECT_TRUE(result.diagnostics.has_rule("dmarc-tree-walk"));
}

TEST(TreeWalk, PsdNMakesAThreeLabelOrganizationalDomain) {
  // The Public Suffix List says example.com; the domain owner says shop.example.com.
  std::string zone_text =
      "_dmarc.example.com: v=DMARC1; p=none\n"
      "_dmarc.shop.example.com: v=DMARC1; p=reject; psd=n\n"
      "mail.shop.example.com: v=spf1 -all";
  Zone zone(zone_text);
  DmarcEvaluation walked = evaluate_dmarc_tree_walk("mail.shop.example.com", zone.lookup());
  EXPECT_EQ(walked.organizational_domain, "shop.example.com");
  EXPECT_EQ(walked.queried.back(), "_dmarc.shop.example.com");  // psd=n stops the walk
  EXPECT_EQ(walked.applied, DmarcPolicy::reject);
  EXPECT_TRUE(walked.eligible());
  // RFC 7489 with the Public Suffix List's answer: example.com's p=none, no BIMI.
  Zone same(zone_text);
  DmarcEvaluation listed = evaluate_dmarc("mail.shop.example.com", "example.com", same.lookup());
  EXPECT_EQ(listed.applied, DmarcPolicy::none);
  EXPECT_FALSE(listed.eligible());
  // BIMI falls back to the organizational domain the walk found, with the same selector.
  Zone bimi("brand._bimi.shop.example.com: v=BIMI1; l=https://example.com/a.svg; a=https://example.com/a.pem");
  BimiDiscovery found = discover_bimi_record("mail.shop.example.com", walked.organizational_domain, "brand", bimi.lookup());
  EXPECT_EQ(found.name, "brand._bimi.shop.example.com");
  EXPECT_TRUE(found.fallback);
}

TEST(TreeWalk, APublicSuffixOperatorsPolicyApplies) {
  Zone zone("_dmarc.example: v=DMARC1; p=reject; np=quarantine; psd=y\n"
            "mail.brand.example: v=spf1 -all");
  DmarcEvaluation exists = evaluate_dmarc_tree_walk("mail.brand.example", zone.lookup());
  EXPECT_EQ(exists.organizational_domain, "brand.example");  // one label below psd=y
  EXPECT_NE(exists.organizational_domain_from.find("rule 2"), std::string::npos);
  EXPECT_FALSE(exists.organizational);
  ASSERT_TRUE(exists.public_suffix);
  EXPECT_EQ(exists.public_suffix->name, "_dmarc.example");
  EXPECT_EQ(exists.applied, DmarcPolicy::reject);
  EXPECT_EQ(exists.applied_from, "p= of _dmarc.example (a public suffix operator's policy, inherited)");
  DmarcEvaluation ghost = evaluate_dmarc_tree_walk("ghost.brand.example", zone.lookup());
  EXPECT_FALSE(ghost.domain_exists);
  EXPECT_EQ(ghost.applied, DmarcPolicy::quarantine);
  // An organizational domain's own record wins over the public suffix operator's.
  Zone owned("_dmarc.example: v=DMARC1; p=none; psd=y\n_dmarc.brand.example: v=DMARC1; p=reject\nmail.brand.example: v=spf1 -all");
  DmarcEvaluation result = evaluate_dmarc_tree_walk("mail.brand.example", owned.lookup());
  EXPECT_FALSE(result.public_suffix);
  EXPECT_EQ(result.applied, DmarcPolicy::reject);
  EXPECT_TRUE(result.eligible());
}

TEST(TreeWalk, NpAppliesToNamesThatDoNotExist) {
  Zone zone("_dmarc.example.com: v=DMARC1; p=reject; sp=quarantine; np=none\nreal.example.com: v=spf1 -all");
  DmarcEvaluation ghost = evaluate_dmarc_tree_walk("ghost.example.com", zone.lookup());
  EXPECT_EQ(ghost.applied, DmarcPolicy::none);
  EXPECT_TRUE(ghost.diagnostics.has_rule("dmarc-policy-none"));
  DmarcEvaluation real = evaluate_dmarc_tree_walk("real.example.com", zone.lookup());
  EXPECT_EQ(real.applied, DmarcPolicy::quarantine);
  EXPECT_TRUE(real.eligible());
}

TEST(TreeWalk, TestModeIsNotEnforcement) {
  Zone zone("_dmarc.example.com: v=DMARC1; p=reject; t=y");
  DmarcEvaluation result = evaluate_dmarc_tree_walk("example.com", zone.lookup());
  EXPECT_TRUE(result.test_mode);
  EXPECT_TRUE(result.diagnostics.has_rule("dmarc-test-mode"));
  EXPECT_FALSE(result.eligible());
  // RFC 7489 has no t=: the same record is enforcing there.
  Zone same("_dmarc.example.com: v=DMARC1; p=reject; t=y");
  EXPECT_TRUE(evaluate_dmarc("example.com", "example.com", same.lookup()).eligible());
}

TEST(TreeWalk, AMissingPolicyIsNoneOnlyWithAValidRua) {
  Zone with_rua("_dmarc.example.com: v=DMARC1; rua=mailto:d@example.com");
  DmarcEvaluation none = evaluate_dmarc_tree_walk("example.com", with_rua.lookup());
  EXPECT_EQ(none.applied, DmarcPolicy::none);
  EXPECT_TRUE(none.diagnostics.has_rule("dmarc-policy-none"));
  Zone without("_dmarc.example.com: v=DMARC1; adkim=s");
  DmarcEvaluation ignored = evaluate_dmarc_tree_walk("example.com", without.lookup());
  EXPECT_FALSE(ignored.applied);
  EXPECT_TRUE(ignored.diagnostics.has_rule("dmarc-policy-missing"));
  // A broken sp= with a valid rua= is p=none too (§4.10.1).
  Zone broken("_dmarc.example.com: v=DMARC1; p=reject; sp=never; rua=mailto:d@example.com\nmail.example.com: v=spf1 -all");
  EXPECT_EQ(evaluate_dmarc_tree_walk("mail.example.com", broken.lookup()).applied, DmarcPolicy::none);
}

TEST(TreeWalk, SeveralRecordsAreDiscardedAndTheWalkGoesOn) {
  Zone zone("_dmarc.mail.example.com: v=DMARC1; p=none\n_dmarc.mail.example.com: v=DMARC1; p=reject\n"
            "_dmarc.example.com: v=DMARC1; p=reject");
  DmarcEvaluation result = evaluate_dmarc_tree_walk("mail.example.com", zone.lookup());
  EXPECT_TRUE(result.diagnostics.has_rule("dmarc-multiple"));
  EXPECT_EQ(result.applied, DmarcPolicy::reject);
  EXPECT_EQ(result.applied_from, "p= of _dmarc.example.com (inherited)");
}

TEST(TreeWalk, AFailedLookupStopsWithoutGuessing) {
  Zone zone("_dmarc.mail.example.com: !timeout\n_dmarc.example.com: v=DMARC1; p=reject");
  DmarcEvaluation result = evaluate_dmarc_tree_walk("mail.example.com", zone.lookup());
  EXPECT_TRUE(result.diagnostics.has_rule("dns-timeout"));
  EXPECT_FALSE(result.applied);
  EXPECT_EQ(result.queried.size(), 1u);
  Zone later("_dmarc.example.com: !failure\nmail.example.com: v=spf1 -all");
  DmarcEvaluation stopped = evaluate_dmarc_tree_walk("mail.example.com", later.lookup());
  EXPECT_TRUE(stopped.diagnostics.has_rule("dns-failure"));
  EXPECT_FALSE(stopped.applied);
}

TEST(TreeWalk, ObsoletePctDoesNotLimitTheRfc9989Policy) {
  Zone zone("_dmarc.example.com: v=DMARC1; p=quarantine; pct=50");
  DmarcEvaluation walked = evaluate_dmarc_tree_walk("example.com", zone.lookup());
  EXPECT_TRUE(walked.eligible());
  EXPECT_TRUE(walked.diagnostics.has_rule("dmarc-tag-obsolete"));
  EXPECT_FALSE(walked.diagnostics.has_rule("dmarc-pct"));
  Zone same("_dmarc.example.com: v=DMARC1; p=quarantine; pct=50");
  DmarcEvaluation listed = evaluate_dmarc("example.com", "example.com", same.lookup());
  EXPECT_TRUE(listed.diagnostics.has_rule("dmarc-pct"));
  EXPECT_FALSE(listed.diagnostics.has_rule("dmarc-tag-obsolete"));
}

}  // namespace
}  // namespace bimi::records
