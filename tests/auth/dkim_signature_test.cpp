#include "bimi/auth/dkim_signature.hpp"

#include <gtest/gtest.h>

#include "bimi/auth/dkim_tags.hpp"

namespace bimi::auth {
namespace {

const std::string kValid = "DKIM-Signature: v=1; a=rsa-sha256; d=Example.COM; s=Sel; h=From : To;\r\n bh=AAAA; b=QU\r\n JD";

TEST(DkimTags, GrammarOfRfc6376Section3_2) {
  std::string error;
  auto list = parse_dkim_tags(" a = 1 ; b=2;", error);
  ASSERT_TRUE(list) << error;
  EXPECT_EQ(list->tags.size(), 2u);
  EXPECT_EQ(list->find("a")->value, "1");
  EXPECT_FALSE(list->find("A"));  // case-sensitive, unlike BIMI and DMARC records
  EXPECT_FALSE(parse_dkim_tags("a=1;;b=2", error));
  EXPECT_FALSE(parse_dkim_tags("a=1; a=2", error));
  EXPECT_NE(error.find("twice"), std::string::npos);
  EXPECT_FALSE(parse_dkim_tags("1a=1", error));
  EXPECT_FALSE(parse_dkim_tags("a", error));
  EXPECT_FALSE(parse_dkim_tags("", error));
  EXPECT_FALSE(parse_dkim_tags("a=\x01", error));
}

TEST(DkimSignature, ParsesAndNormalizes) {
  auto parse = parse_dkim_signature(kValid);
  ASSERT_TRUE(parse.signature) << parse.error.message;
  const auto& sig = *parse.signature;
  EXPECT_EQ(sig.domain, "example.com");
  EXPECT_EQ(sig.selector, "sel");
  EXPECT_EQ(sig.identity, "@example.com");
  EXPECT_EQ(sig.signed_headers, (std::vector<std::string>{"from", "to"}));
  EXPECT_EQ(sig.signature, "ABC");
  EXPECT_EQ(sig.header_canonicalization, Canonicalization::simple);
  EXPECT_EQ(kValid.substr(sig.b_value_begin, sig.b_value_end - sig.b_value_begin), "QU\r\n JD");
}

TEST(DkimSignature, Failures) {
  struct Case {
    std::string field;
    std::string reason;
  };
  const std::string base = "DKIM-Signature: ";
  for (const Case& c : {
           Case{"v=1; a=rsa-sha256; d=example.com; s=s; h=from; bh=AAAA", "dkim-missing-tag"},
           Case{"v=2; a=rsa-sha256; d=example.com; s=s; h=from; bh=AAAA; b=AAAA", "dkim-version"},
           Case{"v=1; a=rsa-md5; d=example.com; s=s; h=from; bh=AAAA; b=AAAA", "dkim-algorithm"},
           Case{"v=1; a=rsa-sha256; d=example.com; s=s; h=to; bh=AAAA; b=AAAA", "dkim-from-unsigned"},
           Case{"v=1; a=rsa-sha256; d=example.com; s=s; h=from; bh=AAAA; b=AAAA; i=a@example.net", "dkim-identity"},
           Case{"v=1; a=rsa-sha256; d=example.com; s=s; h=from; bh=AAAA; b=AAAA; i=a@badexample.com", "dkim-identity"},
           Case{"v=1; a=rsa-sha256; d=example.com; s=s; h=from; bh=AAAA; b=A*AA", "dkim-syntax"},
           Case{"v=1; a=rsa-sha256; d=example.com; s=s; h=from; bh=AAAA; b=AAAA; c=loose", "dkim-syntax"},
           Case{"v=1; a=rsa-sha256; d=example.com; s=s; h=from; bh=AAAA; b=AAAA; l=" + std::string(77, '9'), "dkim-syntax"},
           Case{"v=1; a=rsa-sha256; d=example.com; s=s; h=from; bh=AAAA; b=AAAA; t=200; x=100", "dkim-syntax"},
           Case{"v=1; a=rsa-sha256; d=example.com; s=s; h=from; bh=AAAA; b=AAAA; q=http", "dkim-syntax"},
           Case{"v=1; a=rsa-sha256; d=exa mple.com; s=s; h=from; bh=AAAA; b=AAAA", "dkim-syntax"},
       }) {
    auto parse = parse_dkim_signature(base + c.field);
    EXPECT_FALSE(parse.signature) << c.field;
    EXPECT_EQ(parse.error.reason, c.reason) << c.field;
  }
}

TEST(DkimSignature, SubdomainIdentityIsAccepted) {
  auto parse = parse_dkim_signature(
      "DKIM-Signature: v=1; a=ed25519-sha256; d=example.com; s=s; h=from; bh=AAAA; b=AAAA; i=news@mail.example.com; "
      "l=12; c=relaxed");
  ASSERT_TRUE(parse.signature) << parse.error.message;
  EXPECT_EQ(parse.signature->algorithm, DkimAlgorithm::ed25519_sha256);
  EXPECT_EQ(*parse.signature->body_length, 12u);
  EXPECT_EQ(parse.signature->header_canonicalization, Canonicalization::relaxed);
  EXPECT_EQ(parse.signature->body_canonicalization, Canonicalization::simple);
}

}  // namespace
}  // namespace bimi::auth
