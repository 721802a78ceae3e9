// Each tag against its ABNF, tag by tag: quoted literals match in any case (RFC 5234 §2.3), %x
// codes and %s literals only as written (RFC 7405); the tag names are quoted literals too.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "bimi/records/bimi_discovery.hpp"
#include "bimi/records/bimi_record.hpp"
#include "bimi/records/dmarc_policy.hpp"
#include "bimi/records/dmarc_record.hpp"
#include "zone.hpp"

namespace bimi::records {
namespace {

struct Spelling {
  std::string tag;
  std::string record;
  std::string rule;  // the only finding it gives; empty: none
};

std::string describe(const Diagnostics& findings) {
  std::string text;
  for (const auto& d : findings.items()) text += "\n  [" + d.rule + "] " + d.message;
  return text;
}

void expect(const Spelling& spelling, const Diagnostics& findings) {
  SCOPED_TRACE(spelling.tag + ": " + spelling.record);
  if (spelling.rule.empty()) {
    EXPECT_TRUE(findings.empty()) << describe(findings);
  } else {
    EXPECT_TRUE(findings.has_rule(spelling.rule)) << describe(findings);
    for (const auto& d : findings.items()) EXPECT_EQ(d.rule, spelling.rule) << describe(findings);
  }
}

// RFC 7489 §6.4 (--dmarc rfc7489).
TEST(TagGrammar, DmarcTagByTagRfc7489) {
  const std::vector<Spelling> spellings{
      // dmarc-version: "v" quoted, DMARC1 in %x codes.
      {"v", "V=DMARC1; p=reject", ""},
      {"v", "v=dmarc1; p=reject", "dmarc-version"},
      {"v", "v=Dmarc1; p=reject", "dmarc-version"},
      // dmarc-request, dmarc-srequest (and DMARCbis np=): quoted literals.
      {"p", "v=DMARC1; p=Reject", ""},
      {"p", "v=DMARC1; P=QUARANTINE", ""},
      {"p", "v=DMARC1; p=rejects", "dmarc-policy-value"},
      {"sp", "v=DMARC1; p=reject; SP=Quarantine", ""},
      {"sp", "v=DMARC1; p=reject; sp=", "dmarc-policy-value"},
      {"np", "v=DMARC1; p=reject; Np=None", ""},
      // dmarc-adkim, dmarc-aspf: "r" / "s".
      {"adkim", "v=DMARC1; p=reject; ADKIM=S", ""},
      {"adkim", "v=DMARC1; p=reject; adkim=x", "dmarc-alignment-value"},
      {"aspf", "v=DMARC1; p=reject; Aspf=R", ""},
      {"aspf", "v=DMARC1; p=reject; aspf=relaxed", "dmarc-alignment-value"},
      // dmarc-fo: ( "0" / "1" / "d" / "s" ) *(*WSP ":" *WSP ( "0" / "1" / "d" / "s" )).
      {"fo", "v=DMARC1; p=reject; FO=D : S:1", ""},
      {"fo", "v=DMARC1; p=reject; fo=0:x", "dmarc-tag-value"},
      {"fo", "v=DMARC1; p=reject; fo=", "dmarc-tag-value"},
      // dmarc-rfmt: Keyword *(*WSP ":" Keyword), registered formats only.
      {"rf", "v=DMARC1; p=reject; RF=AFRF", ""},
      {"rf", "v=DMARC1; p=reject; rf=afrf :afrf", ""},
      {"rf", "v=DMARC1; p=reject; rf=afrf: afrf", "dmarc-tag-value"},
      {"rf", "v=DMARC1; p=reject; rf=iodef", "dmarc-tag-value"},
      {"rf", "v=DMARC1; p=reject; rf=", "dmarc-tag-value"},
      // dmarc-ainterval: 1*DIGIT, a 32-bit unsigned integer (§6.3).
      {"ri", "v=DMARC1; p=reject; RI=4294967295", ""},
      {"ri", "v=DMARC1; p=reject; ri=4294967296", "dmarc-tag-value"},
      {"ri", "v=DMARC1; p=reject; ri=-1", "dmarc-tag-value"},
      // dmarc-percent: 1*3DIGIT, 0 to 100.
      {"pct", "v=DMARC1; p=reject; PCT=050", ""},
      {"pct", "v=DMARC1; p=reject; pct=0100", "dmarc-pct-value"},
      // dmarc-auri, dmarc-furi: dmarc-uri *(*WSP "," *WSP dmarc-uri), size unit "k"/"m"/"g"/"t".
      {"rua", "v=DMARC1; p=reject; RUA=MAILTO:d@example.com!10M , mailto:e@example.com!18446744073709551615", ""},
      {"rua", "v=DMARC1; p=reject; rua=mailto:d@example.com!18446744073709551616", "dmarc-report-uri"},
      {"ruf", "v=DMARC1; p=reject; Ruf=mailto:f@example.com!1G", ""},
      {"ruf", "v=DMARC1; p=reject; ruf=mailto:f@example.com!1b", "dmarc-report-uri"},
      // DMARCbis t= and psd=: quoted literals.
      {"t", "v=DMARC1; p=reject; T=Y", ""},
      {"psd", "v=DMARC1; p=reject; PSD=U", ""},
  };
  for (const auto& spelling : spellings) {
    Diagnostics out;
    parse_dmarc_record(spelling.record, out, DmarcStandard::rfc7489);
    expect(spelling, out);
  }
}

// RFC 9989 §4.8, the default.
TEST(TagGrammar, DmarcTagByTagRfc9989) {
  const std::vector<Spelling> spellings{
      // dmarc-version = "v" equals %s"DMARC1".
      {"v", "V=DMARC1; p=reject", ""},
      {"v", "v=dmarc1; p=reject", "dmarc-version"},
      // dmarc-request: quoted literals; p= may stand anywhere.
      {"p", "v=DMARC1; p=Reject", ""},
      {"p", "v=DMARC1; adkim=s; P=QUARANTINE", ""},
      {"p", "v=DMARC1; p=rejects", "dmarc-policy-value"},
      {"np", "v=DMARC1; p=reject; Np=None", ""},
      {"np", "v=DMARC1; p=reject; np=drop", "dmarc-policy-value"},
      // dmarc-fo = "0" / "1" / "d" / "s" / "d:s" / "s:d".
      {"fo", "v=DMARC1; p=reject; FO=D:S", ""},
      {"fo", "v=DMARC1; p=reject; fo=1", ""},
      {"fo", "v=DMARC1; p=reject; fo=0:d", "dmarc-tag-value"},
      {"fo", "v=DMARC1; p=reject; fo=d : s", "dmarc-tag-value"},
      // dmarc-yorn, dmarc-psd.
      {"t", "v=DMARC1; p=reject; T=N", ""},
      {"t", "v=DMARC1; p=reject; t=yes", "dmarc-tag-value"},
      {"psd", "v=DMARC1; p=reject; PSD=Y", ""},
      {"psd", "v=DMARC1; p=reject; psd=x", "dmarc-tag-value"},
      // dmarc-urilist: dmarc-uri = URI, '!' encoded.
      {"rua", "v=DMARC1; p=reject; RUA=MAILTO:d@example.com , mailto:e@example.com", ""},
      {"rua", "v=DMARC1; p=reject; rua=mailto:d@example.com!10m", "dmarc-report-uri"},
      // pct, rf, ri: removed, their values not checked.
      {"pct", "v=DMARC1; p=reject; pct=0100", "dmarc-tag-obsolete"},
      {"rf", "v=DMARC1; p=reject; rf=iodef", "dmarc-tag-obsolete"},
      {"ri", "v=DMARC1; p=reject; ri=-1", "dmarc-tag-obsolete"},
      // Without p=: read as p=none when rua= holds a valid URI, else not applied.
      {"p", "v=DMARC1; rua=mailto:d@example.com", ""},
      {"p", "v=DMARC1; adkim=r", "dmarc-policy-missing"},
  };
  for (const auto& spelling : spellings) {
    Diagnostics out;
    parse_dmarc_record(spelling.record, out);
    expect(spelling, out);
  }
}

TEST(TagGrammar, DmarcValuesInAnyCaseApply) {
  Diagnostics out;
  DmarcRecord record = parse_dmarc_record("V=DMARC1; P=Reject; SP=Quarantine; NP=NONE", out);
  EXPECT_TRUE(out.empty()) << describe(out);
  EXPECT_EQ(record.p, DmarcPolicy::reject);
  EXPECT_EQ(record.sp, DmarcPolicy::quarantine);
  EXPECT_EQ(record.np, DmarcPolicy::none);
  EXPECT_TRUE(record.usable());
  Diagnostics twice;
  EXPECT_FALSE(parse_dmarc_record("v=DMARC1; p=reject; P=none", twice).usable());
  EXPECT_TRUE(twice.has_rule("tag-duplicate"));
}

TEST(TagGrammar, BimiTagByTag) {
  const std::string logo = "https://example.com/logo.svg";
  const std::vector<Spelling> spellings{
      // bimi-version: "v" *WSP "=" *WSP "BIMI1", quoted; the prose asks for BIMI1 (a warning).
      {"v", "V=BIMI1; l=" + logo, ""},
      {"v", "v=bimi1; l=" + logo, "bimi-version-case"},
      {"v", "v=BIMI01; l=" + logo, "bimi-version"},
      // bimi-location, bimi-evidence-location: "l", "a" quoted; the URI's scheme and host in any case.
      {"l", "v=BIMI1; L=HTTPS://Example.COM/Logo.SVG", ""},
      {"a", "v=BIMI1; l=" + logo + "; A=Https://example.com/VMC.PEM", ""},
      // local-part-selector: "lps" *WSP "=" *WSP *1local-part-prefix-list.
      {"lps", "v=BIMI1; l=; a=; lps=brand-indicators-;", "bimi-declination"},
      {"lps", "v=BIMI1; l=" + logo + "; lps=", ""},
      {"lps", "v=BIMI1; l=" + logo + "; LPS = brand-one-noreply , Brand-Two-9", ""},
      {"lps", "v=BIMI1; l=" + logo + "; lps=" + std::string(63, 'a'), ""},
      {"lps", "v=BIMI1; l=" + logo + "; lps=" + std::string(64, 'a'), "bimi-tag-value"},
      {"lps", "v=BIMI1; l=" + logo + "; lps=one,,two", "bimi-tag-value"},
      {"lps", "v=BIMI1; l=" + logo + "; lps=no.dots", "bimi-tag-value"},
      // bimi-logo-preference: "avp" quoted, %s "personal" / "brand" case-sensitive.
      {"avp", "v=BIMI1; l=" + logo + "; AVP=personal", ""},
      {"avp", "v=BIMI1; l=" + logo + "; avp=brand", ""},
      {"avp", "v=BIMI1; l=" + logo + "; avp=Personal", "bimi-tag-value"},
  };
  for (const auto& spelling : spellings) {
    Diagnostics out;
    parse_bimi_record(spelling.record, out);
    expect(spelling, out);
  }
  Diagnostics out;
  BimiRecord record = parse_bimi_record("V=BIMI1; L=https://example.com/logo.svg; A=https://example.com/vmc.pem", out);
  EXPECT_EQ(record.logo_url, "https://example.com/logo.svg");
  EXPECT_EQ(record.evidence_url, "https://example.com/vmc.pem");
  Diagnostics twice;
  parse_bimi_record("v=BIMI1; l=" + logo + "; L=" + logo, twice);
  EXPECT_TRUE(twice.has_rule("tag-duplicate"));
}

TEST(TagGrammar, ReceiversPickRecordsByTheVersionLiteral) {
  test::Zone bimi("default._bimi.example.com: V=bimi1; l=https://example.com/logo.svg");
  EXPECT_TRUE(discover_bimi_record("example.com", "example.com", "default", bimi.lookup()).record);
  test::Zone upper_v("_dmarc.example.com: V=DMARC1; p=reject");
  EXPECT_EQ(evaluate_dmarc("example.com", "example.com", upper_v.lookup()).applied, DmarcPolicy::reject);
  test::Zone lower_version("_dmarc.example.com: v=dmarc1; p=reject");
  EXPECT_FALSE(evaluate_dmarc("example.com", "example.com", lower_version.lookup()).applied);
}

TEST(TagGrammar, EmptyTagsAreTheSameErrorWherever) {
  const std::string logo = "https://example.com/logo.svg";
  for (const std::string& record : {"v=BIMI1;; l=" + logo, "v=BIMI1; l=" + logo + ";;", "v=BIMI1; l=" + logo + "; ;  ",
                                   "; v=BIMI1; l=" + logo}) {
    Diagnostics out;
    BimiRecord parsed = parse_bimi_record(record, out);
    EXPECT_TRUE(out.has_rule("tag-syntax")) << record << describe(out);
    EXPECT_FALSE(parsed.tags.well_formed) << record;
  }
  for (const std::string& record : {"v=BIMI1; l=" + logo, "v=BIMI1; l=" + logo + ";", "v=BIMI1; l=" + logo + " ; "}) {
    Diagnostics out;
    parse_bimi_record(record, out);
    EXPECT_TRUE(out.empty()) << record << describe(out);
  }
}

}  // namespace
}  // namespace bimi::records
