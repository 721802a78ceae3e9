// SPF macro expansion (RFC 7208 §7), with the examples of §7.4.
#include <gtest/gtest.h>

#include "bimi/auth/spf_macro.hpp"

namespace bimi::auth {
namespace {

MacroContext example(std::string ip = "192.0.2.3") {
  MacroContext context;
  context.local_part = "strong-bad";
  context.sender_domain = "email.example.com";
  context.domain = "email.example.com";
  context.ip = *IpAddress::parse(ip);
  context.helo = "mx.example.org";
  context.receiver = "receiver.example.net";
  context.timestamp = 1234567890;
  return context;
}

std::string expand(std::string_view text, const MacroContext& context = example(), MacroUse use = MacroUse::domain_spec) {
  MacroExpansion result = expand_macros(text, context, use);
  EXPECT_FALSE(result.error) << text << ": " << result.error->message;
  return result.text;
}

TEST(SpfMacro, Rfc7208Section74Examples) {
  EXPECT_EQ(expand("%{s}"), "strong-bad@email.example.com");
  EXPECT_EQ(expand("%{o}"), "email.example.com");
  EXPECT_EQ(expand("%{d}"), "email.example.com");
  EXPECT_EQ(expand("%{d4}"), "email.example.com");
  EXPECT_EQ(expand("%{d3}"), "email.example.com");
  EXPECT_EQ(expand("%{d2}"), "example.com");
  EXPECT_EQ(expand("%{d1}"), "com");
  EXPECT_EQ(expand("%{dr}"), "com.example.email");
  EXPECT_EQ(expand("%{d2r}"), "example.email");
  EXPECT_EQ(expand("%{l}"), "strong-bad");
  EXPECT_EQ(expand("%{l-}"), "strong.bad");
  EXPECT_EQ(expand("%{lr}"), "strong-bad");
  EXPECT_EQ(expand("%{lr-}"), "bad.strong");
  EXPECT_EQ(expand("%{l1r-}"), "strong");
  EXPECT_EQ(expand("%{ir}.%{v}._spf.%{d2}"), "3.2.0.192.in-addr._spf.example.com");
  EXPECT_EQ(expand("%{lr-}.lp._spf.%{d2}"), "bad.strong.lp._spf.example.com");
  EXPECT_EQ(expand("%{lr-}.lp.%{ir}.%{v}._spf.%{d2}"), "bad.strong.lp.3.2.0.192.in-addr._spf.example.com");
  EXPECT_EQ(expand("%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}"), "3.2.0.192.in-addr.strong.lp._spf.example.com");
  EXPECT_EQ(expand("%{d2}.trusted-domains.example.net"), "example.com.trusted-domains.example.net");
  EXPECT_EQ(expand("%{ir}.%{v}._spf.%{d2}", example("2001:db8::cb01")),
            "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com");
}

TEST(SpfMacro, EscapesLiteralsAndUpperCase) {
  EXPECT_EQ(expand("a%%b%_c%-d"), "a%b c%20d");
  MacroContext context = example();
  context.local_part = "a b/c";
  EXPECT_EQ(expand("%{L}", context), "a%20b%2Fc");
  EXPECT_EQ(expand("%{c} %{r} %{t}", example("2001:db8::1"), MacroUse::explanation),
            "2001:db8::1 receiver.example.net 1234567890");
}

TEST(SpfMacro, SyntaxErrors) {
  EXPECT_TRUE(check_macro_string("%{c}", MacroUse::domain_spec));  // c, r, t only in exp
  EXPECT_FALSE(check_macro_string("%{c}", MacroUse::explanation));
  EXPECT_TRUE(check_macro_string("%{d0}", MacroUse::domain_spec));
  EXPECT_TRUE(check_macro_string("%{d", MacroUse::domain_spec));
  EXPECT_TRUE(check_macro_string("%x", MacroUse::domain_spec));
  EXPECT_TRUE(check_macro_string("100%", MacroUse::domain_spec));
  EXPECT_TRUE(check_macro_string("a b", MacroUse::domain_spec));
  EXPECT_FALSE(check_macro_string("a b", MacroUse::explanation));
}

TEST(SpfMacro, LongDomainsLoseLabelsFromTheLeft) {
  MacroContext context = example();
  context.local_part = std::string(200, 'x') + "." + std::string(60, 'y');
  std::string out = expand("%{l}.example.com", context);
  EXPECT_EQ(out, std::string(60, 'y') + ".example.com");
}

TEST(SpfMacro, ExpansionIsBounded) {
  MacroContext context = example();
  context.local_part = std::string(1000, 'x');
  std::string many;
  for (int i = 0; i < 20; ++i) many += "%{l}";
  MacroExpansion result = expand_macros(many, context, MacroUse::domain_spec);
  ASSERT_TRUE(result.error);
  EXPECT_TRUE(result.text.empty());
  std::string text(max_explanation_bytes, 'a');
  EXPECT_EQ(expand(text + "bbb", context, MacroUse::explanation).size(), max_explanation_bytes);
}

TEST(SpfMacro, ReverseNames) {
  EXPECT_EQ(reverse_name(*IpAddress::parse("192.0.2.3")), "3.2.0.192.in-addr.arpa");
  EXPECT_EQ(reverse_name(*IpAddress::parse("::ffff:192.0.2.3")), "3.2.0.192.in-addr.arpa");
}

}  // namespace
}  // namespace bimi::auth
