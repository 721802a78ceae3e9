// Certificates must be DER (RFC 5280 §4.1). OpenSSL also reads BER, so a leaf whose outer SEQUENCE
// has an indefinite length still parses and its signature still verifies: `der` must fail it.
#include <gtest/gtest.h>

#include <sstream>
#include <vector>

#include "bimi/vmc/certificate.hpp"
#include "bimi/vmc/logo_hash.hpp"
#include "bimi/vmc/verify.hpp"
#include "test_support.hpp"

namespace bimi::vmc {
namespace {

// The DER of every PEM block, in order.
std::vector<std::string> pem_blocks(const std::string& pem) {
  std::vector<std::string> blocks;
  std::istringstream in(pem);
  std::string line, base64;
  bool inside = false;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.rfind("-----BEGIN", 0) == 0) {
      inside = true;
      base64.clear();
    } else if (line.rfind("-----END", 0) == 0) {
      inside = false;
      auto der = base64_decode(base64);
      EXPECT_TRUE(der);
      if (der) blocks.push_back(*der);
    } else if (inside) {
      base64 += line;
    }
  }
  return blocks;
}

std::string to_pem(const std::vector<std::string>& blocks) {
  std::string pem;
  for (const auto& der : blocks) {
    std::string base64 = base64_encode(der);
    pem += "-----BEGIN CERTIFICATE-----\n";
    for (std::size_t i = 0; i < base64.size(); i += 64) pem += base64.substr(i, 64) + "\n";
    pem += "-----END CERTIFICATE-----\n";
  }
  return pem;
}

// The same certificate in BER: the outer SEQUENCE's length becomes indefinite (0x80), closed by
// an end-of-contents marker (00 00).
std::string indefinite_outer_length(const std::string& der) {
  EXPECT_EQ(static_cast<unsigned char>(der[0]), 0x30);
  auto first_length = static_cast<unsigned char>(der[1]);
  std::size_t header = first_length < 0x80 ? 2 : 2 + (first_length & 0x7Fu);
  return std::string("\x30\x80", 2) + der.substr(header) + std::string("\0\0", 2);
}

class DerEncoding : public ::testing::Test {
 protected:
  void SetUp() override {
    blocks_ = pem_blocks(test::read_fixture(test::real_dir() / "cnn-vmc.pem"));
    ASSERT_GE(blocks_.size(), 1u);
    logo_ = test::read_fixture(test::real_dir() / "cnn-logo.svg");
  }
  VerifyReport verify(const std::string& pem) {
    VerifyOptions options;
    options.domain = "cnn.com";
    options.at = *parse_time("2022-07-09T08:30:14Z");
    auto result = verify_certificate(pem, logo_, options);
    if (auto* error = std::get_if<Error>(&result)) ADD_FAILURE() << error->message;
    return std::get<VerifyReport>(std::move(result));
  }
  std::vector<std::string> blocks_;
  std::string logo_;
};

TEST_F(DerEncoding, DerCertificatesPass) {
  auto report = verify(to_pem(blocks_));
  ASSERT_NE(report.find("der"), nullptr);
  EXPECT_EQ(report.find("der")->verdict, Verdict::pass);
  auto inspected = inspect_certificate(blocks_.front());
  ASSERT_TRUE(std::holds_alternative<MarkCertificate>(inspected));
  EXPECT_TRUE(std::get<MarkCertificate>(inspected).der_errors.empty());
}

TEST_F(DerEncoding, BerLeafFailsEvenThoughItsSignatureVerifies) {
  auto ber = blocks_;
  ber.front() = indefinite_outer_length(ber.front());
  auto report = verify(to_pem(ber));
  ASSERT_NE(report.find("der"), nullptr);
  EXPECT_EQ(report.find("der")->verdict, Verdict::fail);
  EXPECT_NE(report.find("der")->messages.front().find("certificate 1 is not DER: indefinite length"), std::string::npos)
      << report.find("der")->messages.front();
  EXPECT_EQ(report.find("chain")->verdict, Verdict::pass);  // OpenSSL itself accepts it
  EXPECT_FALSE(report.valid());
}

TEST_F(DerEncoding, InspectReportsABerCertificate) {
  auto inspected = inspect_certificate(indefinite_outer_length(blocks_.front()));
  ASSERT_TRUE(std::holds_alternative<MarkCertificate>(inspected));
  const auto& errors = std::get<MarkCertificate>(inspected).der_errors;
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors.front().find("indefinite length"), std::string::npos) << errors.front();
}

TEST_F(DerEncoding, LongFormLengthOfAShortElementIsNotDer) {
  // The leaf with its version's [0] length written in the long form (81 03 for 03).
  std::string der = blocks_.front();
  std::size_t version = der.find(std::string("\xA0\x03\x02\x01\x02", 5));
  ASSERT_NE(version, std::string::npos);
  der.replace(version, 2, std::string("\xA0\x81\x03", 3));
  // Lengths of the enclosing tbsCertificate and certificate grow by one byte.
  auto grow = [&](std::size_t at) {
    ASSERT_EQ(static_cast<unsigned char>(der[at + 1]), 0x82);
    unsigned length = (static_cast<unsigned char>(der[at + 2]) << 8) | static_cast<unsigned char>(der[at + 3]);
    ++length;
    der[at + 2] = static_cast<char>(length >> 8);
    der[at + 3] = static_cast<char>(length & 0xFF);
  };
  grow(0);
  grow(4);
  auto inspected = inspect_certificate(der);
  ASSERT_TRUE(std::holds_alternative<MarkCertificate>(inspected)) << std::get<Error>(inspected).message;
  const auto& errors = std::get<MarkCertificate>(inspected).der_errors;
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors.front().find("long-form length"), std::string::npos) << errors.front();
}

}  // namespace
}  // namespace bimi::vmc
