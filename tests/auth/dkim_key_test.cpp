#include "bimi/auth/dkim_key.hpp"

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

}  // namespace
}  // namespace bimi::auth
