#include "bimi/auth/dkim_canonical.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>

namespace bimi::auth {
namespace {

std::string sha256_base64(const std::string& data) {
  unsigned char digest[32];
  unsigned size = 0;
  EVP_Digest(data.data(), data.size(), digest, &size, EVP_sha256(), nullptr);
  unsigned char encoded[64];
  int n = EVP_EncodeBlock(encoded, digest, 32);
  return std::string(reinterpret_cast<char*>(encoded), static_cast<std::size_t>(n));
}

// RFC 6376 §3.4.5, the worked example.
TEST(DkimCanonical, RelaxedHeadersAsInTheRfcExample) {
  EXPECT_EQ(canonical_header("A: X", Canonicalization::relaxed), "a:X\r\n");
  EXPECT_EQ(canonical_header("B : Y\t\r\n\tZ  ", Canonicalization::relaxed), "b:Y Z\r\n");
}

TEST(DkimCanonical, SimpleHeadersAreUnchanged) {
  EXPECT_EQ(canonical_header("B : Y\t\r\n\tZ  ", Canonicalization::simple), "B : Y\t\r\n\tZ  \r\n");
}

TEST(DkimCanonical, BodiesAsInTheRfcExample) {
  std::string body = " C \r\nD \t E\r\n\r\n\r\n";
  EXPECT_EQ(canonical_body(body, Canonicalization::relaxed), " C\r\nD E\r\n");
  EXPECT_EQ(canonical_body(body, Canonicalization::simple), " C \r\nD \t E\r\n");
}

// RFC 4871 erratum 1377 (kept by RFC 6376): the hashes of an empty body.
TEST(DkimCanonical, EmptyBodyHashes) {
  EXPECT_EQ(sha256_base64(canonical_body("", Canonicalization::simple)), "frcCV1k9oG9oKj3dpUqdJg1PxRT2RSN/XKdLCPjaYaY=");
  EXPECT_EQ(sha256_base64(canonical_body("", Canonicalization::relaxed)), "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  EXPECT_EQ(canonical_body("\r\n\r\n", Canonicalization::simple), "\r\n");
  EXPECT_EQ(canonical_body(" \r\n\t\r\n", Canonicalization::relaxed), "");
}

TEST(DkimCanonical, MissingFinalLineEndIsAdded) {
  EXPECT_EQ(canonical_body("abc", Canonicalization::simple), "abc\r\n");
  // Step a (white space at the end of lines) comes before step b adds the CRLF, as in dkimpy.
  EXPECT_EQ(canonical_body("abc \t", Canonicalization::relaxed), "abc \r\n");
  EXPECT_EQ(canonical_body("abc \t\r\n", Canonicalization::relaxed), "abc\r\n");
}

TEST(DkimCanonical, LoneCarriageReturnIsData) {
  EXPECT_EQ(canonical_body("a\rb\r\n", Canonicalization::relaxed), "a\rb\r\n");
}

}  // namespace
}  // namespace bimi::auth
