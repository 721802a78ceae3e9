// Every rule of the table, except those about fetched documents (https-*, certificate-*: tests/net) and SPF (spf-*: tests/auth), with an input that gives the
// finding and a close input that does not.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "bimi/records/bimi_discovery.hpp"
#include "bimi/records/bimi_record.hpp"
#include "bimi/records/dmarc_policy.hpp"
#include "bimi/records/dmarc_record.hpp"
#include "bimi/records/rules.hpp"
#include "zone.hpp"

namespace bimi::records {
namespace {

enum class Kind {
  bimi_record,  // the input is a BIMI record value
  dmarc_record, // the input is a DMARC record value
  dmarc_policy, // the input is a zone (zone.hpp) and mail.example.com's DMARC policy is evaluated
                // by RFC 7489 with example.com as the organizational domain
  dmarc_walk,   // the same by RFC 9989's DNS tree walk
  discovery,    // the input is a zone and the record for mail.example.com, selector default, is found
  local_part,   // the same, for the local part "news.letters"
};

struct RuleCase {
  std::string rule;
  Kind kind;
  std::string failing;
  std::string passing;
  DmarcStandard standard = DmarcStandard::rfc9989;  // how DMARC records are parsed
};

constexpr DmarcStandard rfc7489 = DmarcStandard::rfc7489;

const std::string logo = "https://example.com/logo.svg";
const std::string vmc = "https://example.com/vmc.pem";
const std::string good_bimi = "v=BIMI1; l=" + logo + "; a=" + vmc + ";";

const std::vector<RuleCase>& cases() {
  static const std::vector<RuleCase> all{
      {"record-too-long", Kind::bimi_record, "v=BIMI1; l=https://example.com/" + std::string(5000, 'a') + ".svg", good_bimi},
      {"record-characters", Kind::bimi_record, "v=BIMI1; l=https://example.com/l\xc3\xb6go.svg", good_bimi},
      {"record-characters", Kind::dmarc_record, std::string("v=DMARC1; p=reject\x01"), "v=DMARC1; p=reject"},
      {"tag-syntax", Kind::bimi_record, "v=BIMI1; l=" + logo + "; a", good_bimi},
      {"tag-syntax", Kind::bimi_record, "v=BIMI1;; l=" + logo, "v=BIMI1; l=" + logo + ";"},
      {"tag-syntax", Kind::bimi_record, "v=BIMI1; l=" + logo + ";;", "v=BIMI1; l=" + logo + "; "},
      {"tag-syntax", Kind::dmarc_record, "; v=DMARC1; p=reject", "v=DMARC1; p=reject;"},
      {"tag-syntax", Kind::dmarc_record, "v=DMARC1; p=reject; 9x=1", "v=DMARC1; p=reject;"},
      {"tag-separator", Kind::bimi_record, "v=BIMI1; l=" + logo + ", a=" + vmc, good_bimi},
      {"tag-separator", Kind::dmarc_record, "v=DMARC1; p=reject sp=none", "v=DMARC1; p=reject; sp=none"},
      {"tag-duplicate", Kind::bimi_record, "v=BIMI1; l=" + logo + "; l=" + logo, good_bimi},
      {"tag-duplicate", Kind::dmarc_record, "v=DMARC1; p=reject; P=none", "v=DMARC1; P=reject; sp=none"},
      {"tag-unknown", Kind::bimi_record, good_bimi + " x=1", good_bimi},
      {"tag-unknown", Kind::dmarc_record, "v=DMARC1; p=reject; foo=bar", "v=DMARC1; p=reject"},
      {"tag-unknown", Kind::dmarc_record, "v=DMARC1; p=reject; aspfx=r", "v=DMARC1; p=reject; ASPF=r"},
      {"bimi-version", Kind::bimi_record, "l=" + logo + "; v=BIMI1", "v=BIMI1; l=" + logo},
      {"bimi-version", Kind::bimi_record, "v=BIMI2; l=" + logo, "v=bimi1; l=" + logo},
      {"bimi-version-case", Kind::bimi_record, "v=bimi1; l=" + logo, "v=BIMI1; l=" + logo},
      {"bimi-version", Kind::bimi_record, "l=" + logo, "v=BIMI1; l=" + logo},
      {"bimi-logo-missing", Kind::bimi_record, "v=BIMI1; a=" + vmc, good_bimi},
      {"bimi-logo-url", Kind::bimi_record, "v=BIMI1; l=http://example.com/logo.svg", good_bimi},
      {"bimi-logo-url", Kind::bimi_record, "v=BIMI1; l=https://192.0.2.1/logo.svg", good_bimi},
      {"bimi-logo-url", Kind::bimi_record, "v=BIMI1; l=https://localhost/logo.svg", good_bimi},
      {"bimi-logo-format", Kind::bimi_record, "v=BIMI1; l=https://example.com/logo.png", good_bimi},
      {"bimi-logo-extension", Kind::bimi_record, "v=BIMI1; l=https://example.com/logo", "v=BIMI1; l=https://example.com/logo.svgz"},
      {"bimi-evidence-url", Kind::bimi_record, "v=BIMI1; l=" + logo + "; a=http://example.com/vmc.pem", good_bimi},
      {"bimi-evidence-extension", Kind::bimi_record, "v=BIMI1; l=" + logo + "; a=https://example.com/vmc.crt", good_bimi},
      {"bimi-evidence-without-logo", Kind::bimi_record, "v=BIMI1; l=; a=" + vmc, good_bimi},
      {"bimi-declination", Kind::bimi_record, "v=BIMI1; l=; a=;", good_bimi},
      {"bimi-tag-value", Kind::bimi_record, good_bimi + " avp=logo;", good_bimi + " avp=personal;"},
      {"bimi-tag-value", Kind::bimi_record, good_bimi + " avp=Personal;", good_bimi + " avp=Brand;"},
      {"bimi-tag-value", Kind::bimi_record, good_bimi + " lps=brand_one;", good_bimi + " lps=brand-one , brand-two;"},
      {"dmarc-version", Kind::dmarc_record, "p=reject; v=DMARC1", "v=DMARC1; p=reject"},
      {"dmarc-version", Kind::dmarc_record, "v=DMARC2; p=reject", "v=DMARC1; p=reject"},
      {"dmarc-version", Kind::dmarc_record, "v=dmarc1; p=reject", "V=DMARC1; P=reject"},
      {"dmarc-policy-missing", Kind::dmarc_record, "v=DMARC1; rua=mailto:d@example.com", "v=DMARC1; p=none; rua=mailto:d@example.com", rfc7489},
      {"dmarc-policy-missing", Kind::dmarc_record, "v=DMARC1; rua=d@example.com", "v=DMARC1; rua=mailto:d@example.com"},
      {"dmarc-policy-order", Kind::dmarc_record, "v=DMARC1; pct=100; p=reject", "v=DMARC1; p=reject; pct=100", rfc7489},
      {"dmarc-policy-value", Kind::dmarc_record, "v=DMARC1; p=block", "v=DMARC1; p=reject"},
      {"dmarc-policy-value", Kind::dmarc_record, "v=DMARC1; p=reject; sp=rejected", "v=DMARC1; p=reject; sp=Reject"},
      {"dmarc-policy-value", Kind::dmarc_record, "v=DMARC1; p=reject; np=drop", "v=DMARC1; p=reject; np=reject"},
      {"dmarc-pct-value", Kind::dmarc_record, "v=DMARC1; p=reject; pct=150", "v=DMARC1; p=reject; pct=100", rfc7489},
      {"dmarc-pct-value", Kind::dmarc_record, "v=DMARC1; p=reject; pct=50%", "v=DMARC1; p=reject; pct=50", rfc7489},
      {"dmarc-tag-obsolete", Kind::dmarc_record, "v=DMARC1; p=reject; pct=50", "v=DMARC1; p=reject"},
      {"dmarc-tag-obsolete", Kind::dmarc_record, "v=DMARC1; p=reject; ri=86400; rf=afrf", "v=DMARC1; p=reject; t=n"},
      {"dmarc-alignment-value", Kind::dmarc_record, "v=DMARC1; p=reject; adkim=strict", "v=DMARC1; p=reject; adkim=s"},
      {"dmarc-report-uri", Kind::dmarc_record, "v=DMARC1; p=reject; rua=dmarc@example.com", "v=DMARC1; p=reject; rua=mailto:dmarc@example.com"},
      {"dmarc-report-uri", Kind::dmarc_record, "v=DMARC1; p=reject; ruf=mailto:a@example.com!10x", "v=DMARC1; p=reject; ruf=mailto:a@example.com!10m", rfc7489},
      {"dmarc-report-uri", Kind::dmarc_record, "v=DMARC1; p=reject; rua=mailto:a@example.com!10m", "v=DMARC1; p=reject; rua=mailto:a@example.com"},
      {"dmarc-report-uri", Kind::dmarc_record, "v=DMARC1; p=reject; rua=mailto:a@example.com,", "v=DMARC1; p=reject; rua=mailto:a@example.com,mailto:b@example.net"},
      {"dmarc-tag-value", Kind::dmarc_record, "v=DMARC1; p=reject; fo=2", "v=DMARC1; p=reject; fo=1:d", rfc7489},
      {"dmarc-tag-value", Kind::dmarc_record, "v=DMARC1; p=reject; ri=daily", "v=DMARC1; p=reject; ri=86400", rfc7489},
      {"dmarc-tag-value", Kind::dmarc_record, "v=DMARC1; p=reject; ri=4294967296", "v=DMARC1; p=reject; ri=4294967295", rfc7489},
      {"dmarc-tag-value", Kind::dmarc_record, "v=DMARC1; p=reject; rf=xml", "v=DMARC1; p=reject; rf=AFRF", rfc7489},
      {"dmarc-tag-value", Kind::dmarc_record, "v=DMARC1; p=reject; fo=1:d", "v=DMARC1; p=reject; fo=S:D"},
      {"dmarc-tag-value", Kind::dmarc_record, "v=DMARC1; p=reject; t=yes; psd=x", "v=DMARC1; p=reject; t=Y; psd=N"},
      {"dmarc-missing", Kind::dmarc_policy, "mail.example.com: v=spf1 -all", "_dmarc.example.com: v=DMARC1; p=reject"},
      {"dmarc-missing", Kind::dmarc_policy, "_dmarc.example.com: v=DMARC1 p=reject\nmail.example.com: v=spf1 -all",  // discarded: no ';'
       "_dmarc.example.com: v=DMARC1; p=reject"},
      {"domain-not-found", Kind::dmarc_policy, "", "mail.example.com: v=spf1 -all"},
      {"domain-not-found", Kind::dmarc_policy, "_dmarc.example.com: v=DMARC1; p=reject", "_dmarc.mail.example.com: v=DMARC1; p=reject"},
      {"dmarc-multiple", Kind::dmarc_policy, "_dmarc.example.com: v=DMARC1; p=reject\n_dmarc.example.com: v=DMARC1; p=none",
       "_dmarc.example.com: v=DMARC1; p=reject\n_dmarc.example.com: google-site-verification=abc"},
      {"dmarc-applied-policy", Kind::dmarc_policy, "_dmarc.example.com: v=DMARC1; p=reject", ""},
      {"dmarc-policy-none", Kind::dmarc_policy, "_dmarc.example.com: v=DMARC1; p=none", "_dmarc.example.com: v=DMARC1; p=quarantine"},
      {"dmarc-policy-none", Kind::dmarc_policy,  // the domain's own record overrides to none
       "_dmarc.example.com: v=DMARC1; p=reject\n_dmarc.mail.example.com: v=DMARC1; p=none",
       "_dmarc.example.com: v=DMARC1; p=reject\n_dmarc.mail.example.com: v=DMARC1; p=quarantine"},
      {"dmarc-policy-none", Kind::dmarc_policy,  // the organizational domain stays at none
       "_dmarc.example.com: v=DMARC1; p=none\n_dmarc.mail.example.com: v=DMARC1; p=reject",
       "_dmarc.example.com: v=DMARC1; p=reject\n_dmarc.mail.example.com: v=DMARC1; p=reject"},
      {"dmarc-policy-none", Kind::dmarc_policy,  // mail.example.com does not exist: np= applies
       "_dmarc.example.com: v=DMARC1; p=reject; np=none", "_dmarc.example.com: v=DMARC1; p=reject; np=reject"},
      {"dmarc-subdomain-policy-none", Kind::dmarc_policy, "_dmarc.example.com: v=DMARC1; p=reject; sp=none",
       "_dmarc.example.com: v=DMARC1; p=reject; sp=quarantine"},
      {"dmarc-pct", Kind::dmarc_policy, "_dmarc.example.com: v=DMARC1; p=quarantine; pct=50", "_dmarc.example.com: v=DMARC1; p=quarantine; pct=100"},
      {"dmarc-pct", Kind::dmarc_policy,  // inherited sp=quarantine below 100 %
       "_dmarc.example.com: v=DMARC1; p=reject; sp=quarantine; pct=50\nmail.example.com: v=spf1 -all",
       "_dmarc.example.com: v=DMARC1; p=reject; sp=quarantine\nmail.example.com: v=spf1 -all"},
      {"dmarc-policy-missing", Kind::dmarc_walk, "_dmarc.example.com: v=DMARC1; adkim=s",
       "_dmarc.example.com: v=DMARC1; adkim=s; rua=mailto:d@example.com"},  // read as p=none
      {"dmarc-policy-none", Kind::dmarc_walk, "_dmarc.example.com: v=DMARC1; rua=mailto:d@example.com",
       "_dmarc.example.com: v=DMARC1; p=reject; rua=mailto:d@example.com"},
      {"dmarc-test-mode", Kind::dmarc_walk, "_dmarc.example.com: v=DMARC1; p=reject; t=y", "_dmarc.example.com: v=DMARC1; p=reject; t=n"},
      {"dmarc-test-mode", Kind::dmarc_walk,  // t=y on the record that applies, not on one that does not
       "_dmarc.mail.example.com: v=DMARC1; p=quarantine; t=y\n_dmarc.example.com: v=DMARC1; p=reject",
       "_dmarc.mail.example.com: v=DMARC1; p=quarantine\n_dmarc.example.com: v=DMARC1; p=reject; t=y"},
      {"dmarc-tree-walk", Kind::dmarc_walk, "_dmarc.example.com: v=DMARC1; p=reject", "_dmarc.mail.example.com: !failure"},
      {"dmarc-missing", Kind::dmarc_walk, "mail.example.com: v=spf1 -all", "_dmarc.com: v=DMARC1; p=reject; psd=y\nmail.example.com: v=spf1 -all"},
      {"dmarc-applied-policy", Kind::dmarc_walk, "_dmarc.com: v=DMARC1; p=reject; psd=y", ""},
      {"dmarc-multiple", Kind::dmarc_walk, "_dmarc.com: v=DMARC1; p=reject; psd=y\n_dmarc.com: v=DMARC1; p=none; psd=y",
       "_dmarc.com: v=DMARC1; p=reject; psd=y"},
      {"dmarc-pct-reject", Kind::dmarc_policy, "_dmarc.example.com: v=DMARC1; p=reject; pct=50", "_dmarc.example.com: v=DMARC1; p=reject"},
      {"dns-timeout", Kind::dmarc_policy, "_dmarc.mail.example.com: !timeout\n_dmarc.example.com: v=DMARC1; p=reject",
       "_dmarc.mail.example.com: !no_records\n_dmarc.example.com: v=DMARC1; p=reject"},
      {"dns-failure", Kind::dmarc_policy, "_dmarc.example.com: !failure", "_dmarc.example.com: v=DMARC1; p=reject"},
      {"dns-answer-too-large", Kind::discovery, "default._bimi.mail.example.com: !too_large",
       "default._bimi.mail.example.com: " + good_bimi},
      {"bimi-record-missing", Kind::discovery, "", "default._bimi.example.com: " + good_bimi},
      {"bimi-record-missing", Kind::discovery, "default._bimi.mail.example.com: v=spf1 -all", "default._bimi.mail.example.com: " + good_bimi},
      {"bimi-record-multiple", Kind::discovery, "default._bimi.mail.example.com: " + good_bimi + "\ndefault._bimi.mail.example.com: " + good_bimi,
       "default._bimi.mail.example.com: " + good_bimi + "\ndefault._bimi.mail.example.com: v=spf1 -all"},
      {"bimi-record-fallback", Kind::discovery, "default._bimi.example.com: " + good_bimi, "default._bimi.mail.example.com: " + good_bimi},
      {"bimi-record-wrong-name", Kind::discovery, "_bimi.mail.example.com: " + good_bimi, "default._bimi.mail.example.com: " + good_bimi},
      {"bimi-record-wrong-name", Kind::discovery, "default._bimi.mail.example.com.mail.example.com: " + good_bimi,
       "default._bimi.mail.example.com: " + good_bimi},
      {"bimi-record-wrong-name", Kind::discovery, "default.bimi.mail.example.com: " + good_bimi, "default._bimi.mail.example.com: " + good_bimi},
      {"bimi-declined", Kind::discovery, "default._bimi.mail.example.com: v=BIMI1; l=; a=;\ndefault._bimi.example.com: " + good_bimi,
       "default._bimi.example.com: " + good_bimi},
      {"bimi-local-part-selector", Kind::local_part, "default._bimi.mail.example.com: " + good_bimi + " lps=news-",
       "default._bimi.mail.example.com: " + good_bimi},
      {"bimi-no-evidence", Kind::discovery, "default._bimi.mail.example.com: v=BIMI1; l=" + logo, "default._bimi.mail.example.com: " + good_bimi},
  };
  return all;
}

Diagnostics run(Kind kind, const std::string& input, DmarcStandard standard) {
  Diagnostics out;
  switch (kind) {
    case Kind::bimi_record: parse_bimi_record(input, out); break;
    case Kind::dmarc_record: parse_dmarc_record(input, out, standard); break;
    case Kind::dmarc_policy: {
      test::Zone zone(input);
      return evaluate_dmarc("mail.example.com", "example.com", zone.lookup()).diagnostics;
    }
    case Kind::dmarc_walk: {
      test::Zone zone(input);
      return evaluate_dmarc_tree_walk("mail.example.com", zone.lookup()).diagnostics;
    }
    case Kind::discovery: {
      test::Zone zone(input);
      return discover_bimi_record("mail.example.com", "example.com", "default", zone.lookup()).diagnostics;
    }
    case Kind::local_part: {
      test::Zone zone(input);
      return discover_bimi_record("mail.example.com", "example.com", "default", zone.lookup(), "news.letters").diagnostics;
    }
  }
  return out;
}

std::string describe(const Diagnostics& findings) {
  std::string text;
  for (const auto& d : findings.items()) text += "\n  [" + d.rule + "] " + d.message;
  return text;
}

TEST(RuleCases, EachFailingInputGivesItsFindingAndThePassingOneDoesNot) {
  for (const auto& c : cases()) {
    SCOPED_TRACE(c.rule + " on: " + c.failing.substr(0, 200));
    Diagnostics failing = run(c.kind, c.failing, c.standard);
    EXPECT_TRUE(failing.has_rule(c.rule)) << describe(failing);
    Diagnostics passing = run(c.kind, c.passing, c.standard);
    EXPECT_FALSE(passing.has_rule(c.rule)) << c.passing << describe(passing);
  }
}

TEST(RuleCases, EveryRuleOutsideHttpsHasACase) {
  std::set<std::string> covered;
  for (const auto& c : cases()) covered.insert(c.rule);
  for (const auto& rule : rule_table()) {
    std::string_view id = rule.id;
    if (id.rfind("https-", 0) == 0 || id.rfind("certificate-", 0) == 0) continue;
    if (id.rfind("spf-", 0) == 0) continue;  // tests/auth/spf_record_check_test.cpp
    EXPECT_TRUE(covered.count(std::string(rule.id))) << rule.id << " has no test case";
  }
  for (const auto& id : covered) EXPECT_NE(find_rule(id), nullptr) << id << " is not in the table";
}

TEST(RuleCases, FindingsCarryTheTableSeverity) {
  for (const auto& c : cases()) {
    Diagnostics findings = run(c.kind, c.failing, c.standard);
    for (const auto& d : findings.items()) {
      const RuleInfo* info = find_rule(d.rule);
      ASSERT_NE(info, nullptr) << d.rule;
      EXPECT_EQ(d.severity, info->severity) << d.rule;
    }
  }
}

}  // namespace
}  // namespace bimi::records
