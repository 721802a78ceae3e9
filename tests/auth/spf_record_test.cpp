// The SPF record grammar (RFC 7208 §4.6, §12): what parses, and where an error is reported.
#include <gtest/gtest.h>

#include "bimi/auth/spf_record.hpp"

namespace bimi::auth {
namespace {

SpfRecord parsed(std::string_view text) {
  auto result = parse_spf_record(text);
  if (auto* error = std::get_if<SpfSyntaxError>(&result)) {
    ADD_FAILURE() << text << ": column " << error->column << ": " << error->message;
    return {};
  }
  return std::get<SpfRecord>(result);
}

SpfSyntaxError error_of(std::string_view text) {
  auto result = parse_spf_record(text);
  if (auto* error = std::get_if<SpfSyntaxError>(&result)) return *error;
  ADD_FAILURE() << text << " parsed";
  return {};
}

TEST(SpfRecord, VersionIsCaseInsensitiveAndEndsWithSpace) {
  EXPECT_TRUE(is_spf_record("v=spf1"));
  EXPECT_TRUE(is_spf_record("V=SPF1 -all"));
  EXPECT_FALSE(is_spf_record("v=spf10"));
  EXPECT_FALSE(is_spf_record("v=spf1-all"));
  EXPECT_FALSE(is_spf_record(" v=spf1"));
}

TEST(SpfRecord, MechanismsQualifiersAndCidr) {
  SpfRecord record = parsed("v=spf1 +a -mx:mail.example.com/24 ~ip4:192.0.2.0/24 ?ip6:2001:db8::/32 a/24//64 "
                            "include:_spf.example.net exists:%{i}.bl.example.org ptr -all");
  ASSERT_EQ(record.mechanisms.size(), 9u);
  EXPECT_EQ(record.mechanisms[1].qualifier, SpfQualifier::fail);
  EXPECT_EQ(record.mechanisms[1].domain_spec, "mail.example.com");
  EXPECT_EQ(record.mechanisms[1].cidr4, 24);
  EXPECT_EQ(record.mechanisms[2].network.to_string(), "192.0.2.0");
  EXPECT_EQ(record.mechanisms[3].cidr6, 32);
  EXPECT_EQ(record.mechanisms[4].cidr4, 24);
  EXPECT_EQ(record.mechanisms[4].cidr6, 64);
  EXPECT_EQ(record.mechanisms[6].kind, SpfMechanismKind::exists);
  EXPECT_EQ(record.mechanisms[8].column, 137);
  EXPECT_TRUE(record.has_all());
}

TEST(SpfRecord, Modifiers) {
  SpfRecord record = parsed("v=spf1 REDIRECT=_spf.example.com exp=explain.%{d} moo=%{l}.cow");
  ASSERT_TRUE(record.redirect);
  EXPECT_EQ(record.redirect->value, "_spf.example.com");
  ASSERT_TRUE(record.explanation);
  ASSERT_EQ(record.unknown_modifiers.size(), 1u);
  EXPECT_EQ(record.unknown_modifiers[0].name, "moo");
}

TEST(SpfRecord, SyntaxErrorsHaveColumns) {
  EXPECT_EQ(error_of("v=spf1 a -all foo").column, 15);
  EXPECT_EQ(error_of("v=spf1 ip4:192.0.2.300").column, 12);
  EXPECT_EQ(error_of("v=spf1 ip4:192.0.2.1/33").column, 22);
  EXPECT_EQ(error_of("v=spf1 a:example.com/024").column, 22);
  EXPECT_EQ(error_of("v=spf1 include").column, 15);
  EXPECT_EQ(error_of("v=spf1 redirect=a.example redirect=b.example").column, 27);
  EXPECT_EQ(error_of("v=spf1 exists:%{z}.example.com").column, 17);
  EXPECT_EQ(error_of("v=spf1 a:%{d0}").column, 10);
  EXPECT_EQ(error_of("v=spf1 a:example.123").column, 10);
  EXPECT_EQ(error_of("v=spf1 -all\tmx").column, 12);
  EXPECT_EQ(error_of("v=spf1 +exp=foo.example").column, 9);
  EXPECT_EQ(error_of("v=spf1 ip6:192.0.2.1").column, 12);
  EXPECT_EQ(error_of(std::string(5000, 'a')).message, "the record is longer than 4096 bytes");
}

TEST(SpfRecord, DomainSpecMayHoldSlashesAndColons) {
  SpfRecord record = parsed("v=spf1 a:foo:bar/baz.example.com mx:%{l/}.example.com//64");
  EXPECT_EQ(record.mechanisms[0].domain_spec, "foo:bar/baz.example.com");
  EXPECT_EQ(record.mechanisms[0].cidr4, 32);
  EXPECT_EQ(record.mechanisms[1].domain_spec, "%{l/}.example.com");
  EXPECT_EQ(record.mechanisms[1].cidr6, 64);
}

}  // namespace
}  // namespace bimi::auth
