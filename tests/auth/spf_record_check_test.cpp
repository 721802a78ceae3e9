// Every spf-* rule of the dns table, with a zone that gives the finding and a close one that does
// not; and the include tree's per-term counts.
#include <gtest/gtest.h>

#include <set>

#include "bimi/auth/spf_record_check.hpp"
#include "bimi/records/rules.hpp"
#include "zone_resolver.hpp"

namespace bimi::auth {
namespace {

Diagnostics check(const std::string& zone_text, SpfRecordCheck* result = nullptr) {
  testing::ZoneResolver zone;
  zone.add_lines(zone_text);
  Diagnostics out;
  SpfRecordCheck check = check_spf_record(zone, "example.com", out);
  if (result) *result = check;
  return out;
}

std::string includes(int n, const std::string& prefix = "") {
  std::string record = "example.com TXT v=spf1";
  std::string zone;
  for (int i = 0; i < n; ++i) {
    std::string name = prefix + "i" + std::to_string(i) + ".example.net";
    record += " include:" + name;
    zone += name + " TXT v=spf1 ip4:198.51.100." + std::to_string(i) + " -all\n";
  }
  return record + " -all\n" + zone;
}

// example.com includes n0.example.net, which includes nested-1.example.net and so on: `depth` + 6
// terms, since n0 also has five ip4-only includes of its own.
std::string nested(int depth) {
  std::string zone = "example.com TXT v=spf1 include:n0.example.net -all\n";
  std::string n0 = "n0.example.net TXT v=spf1 include:nested-1.example.net";
  for (int i = 0; i < 5; ++i) {
    n0 += " include:w" + std::to_string(i) + ".example.net";
    zone += "w" + std::to_string(i) + ".example.net TXT v=spf1 ip4:198.51.100." + std::to_string(i) + "\n";
  }
  zone += n0 + "\n";
  for (int i = 1; i <= depth; ++i) {
    std::string next = i < depth ? " include:nested-" + std::to_string(i + 1) + ".example.net" : "";
    zone += "nested-" + std::to_string(i) + ".example.net TXT v=spf1" + next + " ip4:203.0.113." + std::to_string(i) + "\n";
  }
  return zone;
}

struct RuleCase {
  std::string rule;
  std::string failing;
  std::string passing;
};

const std::vector<RuleCase> cases = {
    {"spf-missing", "example.com TXT google-site-verification=x", "example.com TXT v=spf1 -all"},
    {"spf-multiple", "example.com TXT v=spf1 -all\nexample.com TXT v=spf1 ~all", "example.com TXT v=spf1 -all\nexample.com TXT v=spf2 -all"},
    {"spf-syntax", "example.com TXT v=spf1 ip4:192.0.2.256 -all", "example.com TXT v=spf1 ip4:192.0.2.255 -all"},
    {"spf-syntax", "example.com TXT v=spf1 include:a.example.net -all\na.example.net TXT v=spf1 a:%{q} -all",
     "example.com TXT v=spf1 include:a.example.net -all\na.example.net TXT v=spf1 a:%{d} -all"},
    {"spf-include-missing", "example.com TXT v=spf1 include:a.example.net -all",
     "example.com TXT v=spf1 include:a.example.net -all\na.example.net TXT v=spf1 -all"},
    {"spf-include-missing", "example.com TXT v=spf1 redirect=a.example.net\na.example.net TXT hello",
     "example.com TXT v=spf1 redirect=a.example.net\na.example.net TXT v=spf1 -all"},
    {"spf-too-many-lookups", includes(11), includes(10)},
    {"spf-too-many-lookups", nested(5), nested(4)},
    {"spf-too-many-lookups", "example.com TXT v=spf1 include:a.example.net -all\na.example.net TXT v=spf1 include:example.com",
     "example.com TXT v=spf1 include:a.example.net -all\na.example.net TXT v=spf1 include:b.example.net\nb.example.net TXT v=spf1 -all"},
    {"spf-too-many-void-lookups", "example.com TXT v=spf1 a:n1.example.com mx:n2.example.com exists:n3.example.com -all",
     "example.com TXT v=spf1 a:n1.example.com mx:n2.example.com exists:n3.example.com -all\nn3.example.com A 192.0.2.1"},
    {"spf-mx-too-many",
     "example.com TXT v=spf1 mx -all\nexample.com MX m1\nexample.com MX m2\nexample.com MX m3\nexample.com MX m4\nexample.com MX m5\n"
     "example.com MX m6\nexample.com MX m7\nexample.com MX m8\nexample.com MX m9\nexample.com MX m10\nexample.com MX m11",
     "example.com TXT v=spf1 mx -all\nexample.com MX m1\nexample.com MX m2\nexample.com MX m3\nexample.com MX m4\nexample.com MX m5\n"
     "example.com MX m6\nexample.com MX m7\nexample.com MX m8\nexample.com MX m9\nexample.com MX m10"},
    {"spf-pass-all", "example.com TXT v=spf1 ip4:192.0.2.0/24 +all", "example.com TXT v=spf1 ip4:192.0.2.0/24 -all"},
    {"spf-pass-all", "example.com TXT v=spf1 include:a.example.net -all\na.example.net TXT v=spf1 all",
     "example.com TXT v=spf1 include:a.example.net -all\na.example.net TXT v=spf1 ~all"},
    {"spf-neutral-all", "example.com TXT v=spf1 ip4:192.0.2.0/24 ?all", "example.com TXT v=spf1 ip4:192.0.2.0/24 ~all"},
    {"spf-ptr", "example.com TXT v=spf1 ptr:example.com -all", "example.com TXT v=spf1 a:example.com -all\nexample.com A 192.0.2.1"},
    {"spf-dmarc-unusable", includes(11), includes(10)},
    {"spf-dmarc-unusable", "example.com TXT v=spf1 ip4:192.0.2.0/24 -all exp", "example.com TXT v=spf1 ip4:192.0.2.0/24 -all exp=e.example.com"},
};

std::string describe(const Diagnostics& findings) {
  std::string text;
  for (const auto& d : findings.items()) text += "\n  [" + d.rule + "] " + d.message;
  return text;
}

TEST(SpfRuleCases, EachFailingZoneGivesItsFindingAndThePassingOneDoesNot) {
  for (const auto& c : cases) {
    SCOPED_TRACE(c.rule + " on:\n" + c.failing.substr(0, 300));
    Diagnostics failing = check(c.failing);
    EXPECT_TRUE(failing.has_rule(c.rule)) << describe(failing);
    for (const auto& d : failing.items()) EXPECT_EQ(d.severity, records::find_rule(d.rule)->severity) << d.rule;
    Diagnostics passing = check(c.passing);
    EXPECT_FALSE(passing.has_rule(c.rule)) << c.passing << describe(passing);
  }
}

TEST(SpfRuleCases, EverySpfRuleHasACase) {
  std::set<std::string> covered;
  for (const auto& c : cases) covered.insert(c.rule);
  for (const auto& rule : records::rule_table()) {
    if (rule.id.rfind("spf-", 0) == 0) {
      EXPECT_TRUE(covered.count(std::string(rule.id))) << rule.id << " has no test case";
    }
  }
}

TEST(SpfRecordCheck, CountsEachTermThroughIncludesAndRedirects) {
  SpfRecordCheck result;
  Diagnostics findings = check(
      "example.com TXT v=spf1 a mx include:a.example.net ip4:192.0.2.1 redirect=r.example.net\n"
      "example.com A 192.0.2.1\nexample.com MX mail.example.com\n"
      "a.example.net TXT v=spf1 include:b.example.net exists:%{i}.example.net -all\n"
      "b.example.net TXT v=spf1 a:gone.example.net ~all\n"
      "r.example.net TXT v=spf1 -all",
      &result);
  EXPECT_EQ(result.lookups, 7) << describe(findings);
  EXPECT_EQ(result.void_lookups, 1);
  EXPECT_TRUE(result.usable);
  ASSERT_EQ(result.tree.children.size(), 5u);
  EXPECT_EQ(result.tree.lookups, 7);
  EXPECT_EQ(result.tree.children[0].lookups, 1);  // a
  const SpfTermCost& include = result.tree.children[2];
  EXPECT_EQ(include.term, "include:a.example.net");
  EXPECT_EQ(include.lookups, 4);  // itself, include:b, b's a, exists
  EXPECT_EQ(include.void_lookups, 1);
  EXPECT_EQ(include.children[0].children[0].note, "void: NXDOMAIN");
  EXPECT_EQ(include.children[1].note, "depends on the message (macros)");
  EXPECT_EQ(result.tree.children[3].lookups, 0);  // ip4
  EXPECT_EQ(result.tree.children[4].term, "redirect=r.example.net");
  EXPECT_EQ(result.tree.children[4].lookups, 1);
}

TEST(SpfRecordCheck, AnIncludeLoopIsBounded) {
  SpfRecordCheck result;
  Diagnostics findings = check("example.com TXT v=spf1 include:example.com -all", &result);
  EXPECT_TRUE(findings.has_rule("spf-too-many-lookups")) << describe(findings);
  EXPECT_FALSE(result.usable);
}

}  // namespace
}  // namespace bimi::auth

namespace bimi::auth {
namespace {

TEST(SpfRecordCheck, AFailedLookUpIsADnsFailureAndMakesSpfUnusable) {
  SpfRecordCheck result;
  Diagnostics findings = check("example.com TXT v=spf1 a:slow.example.com -all\nslow.example.com TIMEOUT", &result);
  EXPECT_TRUE(findings.has_rule("dns-failure")) << describe(findings);
  EXPECT_TRUE(findings.has_rule("spf-dmarc-unusable"));
  EXPECT_FALSE(result.usable);
}

}  // namespace
}  // namespace bimi::auth
