#include "bimi/auth/dkim_verify.hpp"

#include <gtest/gtest.h>

#include "dkim_signer.hpp"

namespace bimi::auth {
namespace {

using testing::make_key;
using testing::sign;
using testing::SignOptions;
using testing::TestKey;
using testing::zone;

const std::string kMessage =
    "From: Brand <news@example.com>\r\n"
    "To: someone@example.net\r\n"
    "Subject: Quarterly  update\r\n"
    "\r\n"
    "Hello,\r\n"
    "the logo is ready.  \r\n"
    "\r\n";

const TestKey& rsa() {
  static TestKey key = make_key(false);
  return key;
}
const TestKey& ed() {
  static TestKey key = make_key(true);
  return key;
}

DkimVerifyOptions at(std::int64_t now = 1'800'000'000) {
  DkimVerifyOptions options;
  options.now = now;
  return options;
}

std::vector<DkimVerification> verify(const std::string& text, const records::TxtLookupFunction& lookup,
                                     const DkimVerifyOptions& options = at()) {
  Diagnostics out;
  auto message = parse_message(text, out);
  EXPECT_TRUE(message);
  return verify_dkim(*message, lookup, options);
}

DkimVerification verify_one(const std::string& text, const TestKey& key, const DkimVerifyOptions& options = at()) {
  auto results = verify(text, zone({{"s1._domainkey.example.com", key.record}}), options);
  EXPECT_EQ(results.size(), 1u);
  return results.empty() ? DkimVerification{} : results[0];
}

TEST(DkimVerify, RsaAndEd25519PassInEveryCanonicalization) {
  for (const TestKey* key : {&rsa(), &ed()}) {
    for (std::string c : {"simple/simple", "simple/relaxed", "relaxed/simple", "relaxed/relaxed"}) {
      SignOptions options;
      options.canonicalization = c;
      auto result = verify_one(sign(kMessage, *key, options) + kMessage, *key);
      EXPECT_EQ(result.result, DkimResult::pass) << c << ": " << result.message;
      EXPECT_EQ(result.reason, "dkim-pass");
      EXPECT_EQ(result.domain, "example.com");
      EXPECT_EQ(result.selector, "s1");
    }
  }
}

TEST(DkimVerify, NoSignatureNoResults) {
  EXPECT_TRUE(verify(kMessage, zone({})).empty());
}

TEST(DkimVerify, BodyChangedIsABodyHashFailure) {
  std::string signed_message = sign(kMessage, rsa()) + kMessage;
  signed_message.replace(signed_message.find("ready"), 5, "READY");
  auto result = verify_one(signed_message, rsa());
  EXPECT_EQ(result.result, DkimResult::fail);
  EXPECT_EQ(result.reason, "dkim-body-hash");
}

TEST(DkimVerify, HeaderChangedIsASignatureFailure) {
  std::string signed_message = sign(kMessage, ed()) + kMessage;
  signed_message.replace(signed_message.find("Quarterly"), 9, "Yearly");
  auto result = verify_one(signed_message, ed());
  EXPECT_EQ(result.result, DkimResult::fail);
  EXPECT_EQ(result.reason, "dkim-signature");
  EXPECT_FALSE(result.changed_header);
}

TEST(DkimVerify, CopiedHeadersNameTheFieldThatChanged) {
  SignOptions options;
  options.extra_tags = "z=From:Brand=20<news@example.com>|Subject:Quarterly=20=20update; ";
  std::string signed_message = sign(kMessage, rsa(), options) + kMessage;
  signed_message.replace(signed_message.find("Quarterly  update"), 17, "Yearly update");
  auto result = verify_one(signed_message, rsa());
  EXPECT_EQ(result.reason, "dkim-signature");
  ASSERT_TRUE(result.changed_header);
  EXPECT_EQ(*result.changed_header, "subject");
  EXPECT_NE(result.message.find("subject"), std::string::npos);
}

TEST(DkimVerify, RelaxedToleratesWhiteSpaceSimpleDoesNot) {
  for (std::string c : {"relaxed/relaxed", "simple/simple"}) {
    SignOptions options;
    options.canonicalization = c;
    std::string signed_message = sign(kMessage, rsa(), options) + kMessage;
    signed_message.replace(signed_message.find("Quarterly  update"), 17, "Quarterly \t update");
    auto result = verify_one(signed_message, rsa());
    EXPECT_EQ(result.result, c == "relaxed/relaxed" ? DkimResult::pass : DkimResult::fail) << c;
  }
}

TEST(DkimVerify, BodyLengthIsReportedAndBounded) {
  SignOptions options;
  options.extra_tags = "l=8; ";
  auto result = verify_one(sign(kMessage, rsa(), options) + kMessage + "appended\r\n", rsa());
  EXPECT_EQ(result.result, DkimResult::pass) << result.message;
  ASSERT_TRUE(result.body_length);
  EXPECT_EQ(*result.body_length, 8u);

  options.extra_tags = "l=1000000000; ";
  result = verify_one(sign(kMessage, rsa(), options) + kMessage, rsa());
  EXPECT_EQ(result.result, DkimResult::fail);
  EXPECT_EQ(result.reason, "dkim-body-length");
}

TEST(DkimVerify, ExpiredSignatureFails) {
  SignOptions options;
  options.extra_tags = "t=1000; x=2000; ";
  std::string text = sign(kMessage, rsa(), options) + kMessage;
  EXPECT_EQ(verify_one(text, rsa(), at(1500)).result, DkimResult::pass);
  auto result = verify_one(text, rsa(), at(2001));
  EXPECT_EQ(result.result, DkimResult::fail);
  EXPECT_EQ(result.reason, "dkim-expired");
}

TEST(DkimVerify, SignatureFromTheFutureFails) {
  SignOptions options;
  options.extra_tags = "t=1800036000; ";
  std::string text = sign(kMessage, rsa(), options) + kMessage;
  EXPECT_EQ(verify_one(text, rsa(), at(1'800'000'000)).result, DkimResult::pass);  // within 10 hours
  auto result = verify_one(text, rsa(), at(1'799'999'999));
  EXPECT_EQ(result.result, DkimResult::fail);
  EXPECT_EQ(result.reason, "dkim-future");
}

TEST(DkimVerify, RsaSha1FailsPerRfc8301) {
  SignOptions options;
  options.algorithm = "rsa-sha1";
  auto result = verify_one(sign(kMessage, rsa(), options) + kMessage, rsa());
  EXPECT_EQ(result.result, DkimResult::fail);
  EXPECT_EQ(result.reason, "dkim-rsa-sha1");
}

TEST(DkimVerify, SmallRsaKeyIsAnError) {
  TestKey small = make_key(false, 512);
  auto result = verify_one(sign(kMessage, small) + kMessage, small);
  EXPECT_EQ(result.result, DkimResult::permerror);
  EXPECT_EQ(result.reason, "dkim-key-small");
  EXPECT_EQ(result.key_bits, 512u);
  TestKey enough = make_key(false, 1024);
  EXPECT_EQ(verify_one(sign(kMessage, enough) + kMessage, enough).result, DkimResult::pass);
}

TEST(DkimVerify, KeyRecordProblems) {
  std::string text = sign(kMessage, rsa()) + kMessage;
  struct Case {
    std::string record;
    std::string reason;
  };
  for (const Case& c : {Case{"v=DKIM1; k=rsa; p=", "dkim-key-revoked"},
                        Case{"v=DKIM1; k=ed25519; p=" + rsa().record.substr(rsa().record.find("p=") + 2), "dkim-key-type"},
                        Case{"v=DKIM1; h=sha1; " + rsa().record.substr(9), "dkim-key-hash"},
                        Case{"v=DKIM1; s=tlsrpt; " + rsa().record.substr(9), "dkim-key-service"},
                        Case{"v=DKIM2; p=AAAA", "dkim-key-syntax"},
                        Case{"k=rsa; p=bm90IGEga2V5", "dkim-key-syntax"},
                        Case{"k=rsa; k=rsa; p=", "dkim-key-syntax"}}) {
    auto results = verify(text, zone({{"s1._domainkey.example.com", c.record}}));
    ASSERT_EQ(results.size(), 1u);
    EXPECT_EQ(results[0].result, DkimResult::permerror) << c.record;
    EXPECT_EQ(results[0].reason, c.reason) << c.record;
  }
}

TEST(DkimVerify, StrictIdentityFlag) {
  SignOptions options;
  options.extra_tags = "i=news@mail.example.com; ";
  std::string text = sign(kMessage, rsa(), options) + kMessage;
  EXPECT_EQ(verify(text, zone({{"s1._domainkey.example.com", rsa().record}}))[0].result, DkimResult::pass);
  auto strict = verify(text, zone({{"s1._domainkey.example.com", "t=s; " + rsa().record.substr(9)}}));
  EXPECT_EQ(strict[0].reason, "dkim-key-strict-identity");
}

TEST(DkimVerify, TestingKeyIsReported) {
  std::string text = sign(kMessage, ed()) + kMessage;
  auto results = verify(text, zone({{"s1._domainkey.example.com", "v=DKIM1; t=y; " + ed().record.substr(9)}}));
  EXPECT_EQ(results[0].result, DkimResult::pass);
  EXPECT_TRUE(results[0].key_testing);
}

TEST(DkimVerify, MissingKeyAndDnsFailures) {
  std::string text = sign(kMessage, rsa()) + kMessage;
  auto missing = verify(text, zone({}));
  EXPECT_EQ(missing[0].result, DkimResult::permerror);
  EXPECT_EQ(missing[0].reason, "dkim-key-missing");
  auto timeout = verify(text, [](const std::string&) {
    records::TxtLookup lookup;
    lookup.status = records::LookupStatus::timeout;
    lookup.detail = "timed out";
    return lookup;
  });
  EXPECT_EQ(timeout[0].result, DkimResult::temperror);
  EXPECT_EQ(timeout[0].reason, "dkim-key-dns");
}

TEST(DkimVerify, ManySignaturesAreBounded) {
  std::string signatures;
  for (int i = 0; i < 990; ++i) signatures += "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=s1; h=from; bh=AAAA; b=AAAA\r\n";
  int lookups = 0;
  Diagnostics out;
  auto message = parse_message(signatures + kMessage, out);
  ASSERT_TRUE(message);
  auto results = verify_dkim(*message, [&lookups](const std::string&) {
    ++lookups;
    return records::TxtLookup{};
  }, at());
  EXPECT_EQ(results.size(), 990u);
  EXPECT_EQ(lookups, 16);
  EXPECT_EQ(results.back().reason, "dkim-limit");
  EXPECT_EQ(results.back().result, DkimResult::neutral);
}

TEST(DkimVerify, SignatureOverAnotherSignature) {
  std::string first = sign(kMessage, rsa()) + kMessage;
  SignOptions options;
  options.headers = "from:dkim-signature";
  options.domain = "example.com";
  std::string second = sign(first, ed(), options) + first;
  auto results = verify(second, zone({{"s1._domainkey.example.com", ed().record}}));
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].result, DkimResult::pass) << results[0].message;
}

}  // namespace
}  // namespace bimi::auth
