#include "bimi/auth/dkim_key.hpp"

#include <string>

#include "bimi/auth/dkim_verify.hpp"

#include <gtest/gtest.h>

namespace bimi::auth {
namespace {

TEST(DkimKey, ReadsTags) {
  auto parse = parse_dkim_key("v=DKIM1; k=ed25519; h=sha256:sha512; t=y:s; s=email; n=note; p=QUJD");
  ASSERT_TRUE(parse.key) << parse.error.message;
  EXPECT_EQ(parse.key->type, DkimKeyType::ed25519);
  EXPECT_EQ(parse.key->public_key, "ABC");
  EXPECT_TRUE(parse.key->testing);
  EXPECT_TRUE(parse.key->strict_identity);
  EXPECT_EQ(parse.key->hashes, (std::vector<std::string>{"sha256", "sha512"}));
}

TEST(DkimKey, DefaultsAndRevocation) {
  auto parse = parse_dkim_key("p=");
  ASSERT_TRUE(parse.key);
  EXPECT_EQ(parse.key->type, DkimKeyType::rsa);
  EXPECT_TRUE(parse.key->revoked);
}

TEST(DkimKey, Failures) {
  EXPECT_EQ(parse_dkim_key("k=rsa; v=DKIM1; p=QUJD").error.reason, "dkim-key-syntax");  // v= not first
  EXPECT_EQ(parse_dkim_key("k=dsa; p=QUJD").error.reason, "dkim-key-type");
  EXPECT_EQ(parse_dkim_key("s=tlsrpt; p=QUJD").error.reason, "dkim-key-service");
  EXPECT_EQ(parse_dkim_key("k=rsa").error.reason, "dkim-key-syntax");
  EXPECT_EQ(parse_dkim_key("p=QU JD").error.reason, "");  // white space inside base64 is folding
  EXPECT_EQ(parse_dkim_key("p=QUJ").error.reason, "dkim-key-syntax");
  EXPECT_EQ(parse_dkim_key("garbage").error.reason, "dkim-key-syntax");
}

// A run's cache parses a record as parse_dkim_key() does, and keeps at most max_keys of them.
TEST(DkimKey, TheRunCacheParsesAsParseDkimKey) {
  DkimKeyCache cache;
  for (const std::string record : {"v=DKIM1; k=ed25519; t=y:s; p=QUJD", "p=", "k=dsa; p=QUJD", "garbage"}) {
    for (int i = 0; i < 2; ++i) {
      DkimKeyParse kept = cache.parsed(record);
      DkimKeyParse fresh = parse_dkim_key(record);
      ASSERT_EQ(kept.key.has_value(), fresh.key.has_value()) << record;
      EXPECT_EQ(kept.error.reason, fresh.error.reason) << record;
      EXPECT_EQ(kept.error.message, fresh.error.message) << record;
      if (kept.key) {
        EXPECT_EQ(kept.key->public_key, fresh.key->public_key);
        EXPECT_EQ(kept.key->testing, fresh.key->testing);
        EXPECT_EQ(kept.key->strict_identity, fresh.key->strict_identity);
        EXPECT_EQ(kept.key->revoked, fresh.key->revoked);
      }
    }
  }
  for (std::size_t i = 0; i < DkimKeyCache::max_keys + 10; ++i) {
    std::string record = "n=" + std::to_string(i) + "; p=QUJD";
    EXPECT_TRUE(cache.parsed(record).key.has_value());
  }
  EXPECT_EQ(cache.parsed("k=dsa; p=QUJD").error.reason, "dkim-key-type");
}

}  // namespace
}  // namespace bimi::auth
