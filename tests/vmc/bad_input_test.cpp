// Hostile and broken inputs: garbage PEM, DER truncated anywhere, wrong tags, bad logotypes and
// URIs. Each gives a clear error or finding, never a crash, and memory stays bounded.
#include <gtest/gtest.h>

#include "bimi/vmc/certificate.hpp"
#include "bimi/vmc/logotype.hpp"
#include "bimi/vmc/verify.hpp"
#include "test_support.hpp"

namespace bimi::vmc {
namespace {

std::string der_of_first_pem(const std::string& pem) {
  auto begin = pem.find("-----BEGIN CERTIFICATE-----");
  auto end = pem.find("-----END CERTIFICATE-----");
  std::string body;
  for (std::size_t i = begin + 27; i < end; ++i) {
    if (pem[i] != '\n' && pem[i] != '\r') body += pem[i];
  }
  return *base64_decode(body);
}

// The logotype extension value of a certificate, found by its OID bytes in the DER.
std::string logotype_value(const std::string& der) {
  const std::string oid("\x06\x08\x2b\x06\x01\x05\x05\x07\x01\x0c", 10);
  auto at = der.find(oid);
  EXPECT_NE(at, std::string::npos);
  std::size_t pos = at + oid.size();
  if (der[pos] == 0x01) pos += 3;  // critical BOOLEAN
  EXPECT_EQ(der[pos], 0x04);
  ++pos;
  std::size_t length = static_cast<unsigned char>(der[pos++]);
  if (length & 0x80) {
    std::size_t count = length & 0x7f;
    length = 0;
    for (std::size_t k = 0; k < count; ++k) length = (length << 8) | static_cast<unsigned char>(der[pos++]);
  }
  return der.substr(pos, length);
}

TEST(BadInput, GarbageIsAnError) {
  for (std::string garbage : {std::string(), std::string("hello"), std::string("-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n"),
                              std::string("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"),
                              std::string("\x30\x03\x02\x01\x01", 5), std::string(1000, '\0')}) {
    auto result = inspect_certificate(garbage);
    EXPECT_TRUE(std::holds_alternative<Error>(result)) << garbage;
    VerifyOptions options;
    options.domain = "example.com";
    EXPECT_TRUE(std::holds_alternative<Error>(verify_certificate(garbage, "<svg/>", options)));
  }
}

TEST(BadInput, DerTruncatedAnywhereIsAnError) {
  auto der = der_of_first_pem(test::read_fixture(test::real_dir() / "cnn-vmc.pem"));
  ASSERT_GT(der.size(), 1000u);
  ASSERT_TRUE(std::holds_alternative<MarkCertificate>(inspect_certificate(der)));
  for (std::size_t cut = 0; cut < der.size(); ++cut) {
    auto result = inspect_certificate(std::string_view(der).substr(0, cut));
    ASSERT_TRUE(std::holds_alternative<Error>(result)) << "cut at " << cut;
  }
  EXPECT_TRUE(std::holds_alternative<Error>(inspect_certificate(der + "x")));
}

TEST(BadInput, WrongOuterTagIsAnError) {
  auto der = der_of_first_pem(test::read_fixture(test::real_dir() / "cnn-vmc.pem"));
  der[0] = 0x31;
  EXPECT_TRUE(std::holds_alternative<Error>(inspect_certificate(der)));
}

TEST(BadInput, LogotypeTruncatedAnywhereOrWithWrongTagsIsAnError) {
  for (const char* file : {"cnn-vmc.pem", "globalsign-vmc.pem"}) {
    auto value = logotype_value(der_of_first_pem(test::read_fixture(test::real_dir() / file)));
    ASSERT_TRUE(std::holds_alternative<Logotype>(parse_logotype(value))) << file;
    for (std::size_t cut = 0; cut < value.size(); ++cut) {
      ASSERT_TRUE(std::holds_alternative<Error>(parse_logotype(std::string_view(value).substr(0, cut)))) << cut;
    }
    EXPECT_TRUE(std::holds_alternative<Error>(parse_logotype(value + std::string(1, '\0'))));
    // Any change to a tag byte of the structure is caught.
    for (std::size_t i : {std::size_t{0}, std::size_t{4}}) {
      std::string changed = value;
      changed[i] = static_cast<char>(changed[i] ^ 0x01);
      EXPECT_TRUE(std::holds_alternative<Error>(parse_logotype(changed))) << file << " byte " << i;
    }
  }
}

TEST(BadInput, LogotypeFlippedBytesNeverCrash) {
  auto value = logotype_value(der_of_first_pem(test::read_fixture(test::real_dir() / "cnn-vmc.pem")));
  std::size_t limit = std::min<std::size_t>(value.size(), 200);
  for (std::size_t i = 0; i < limit; ++i) {
    for (int bit : {0x01, 0x80}) {
      std::string changed = value;
      changed[i] = static_cast<char>(changed[i] ^ bit);
      auto result = parse_logotype(changed);
      if (auto* logotype = std::get_if<Logotype>(&result)) {
        for (const auto& image : logotype->images) {
          for (const auto& uri : image.uris) (void)decode_data_uri(uri);
        }
      }
    }
  }
}

TEST(BadInput, CertificateFlippedBytesNeverCrash) {
  auto der = der_of_first_pem(test::read_fixture(test::real_dir() / "globalsign-vmc.pem"));
  auto logo = test::read_fixture(test::real_dir() / "globalsign-logo.svg");
  VerifyOptions options;
  options.domain = "globalsign.com";
  options.at = *parse_time("2025-06-01T00:00:00Z");
  for (std::size_t i = 0; i < der.size(); i += 13) {
    std::string changed = der;
    changed[i] = static_cast<char>(changed[i] ^ 0x41);
    auto inspected = inspect_certificate(changed);
    auto verified = verify_certificate(changed, logo, options);
    // A changed certificate never verifies: its signature or its content breaks.
    if (auto* report = std::get_if<VerifyReport>(&verified)) {
      EXPECT_FALSE(report->valid()) << "byte " << i;
    }
    (void)inspected;
  }
}

TEST(BadInput, StrictDer) {
  // Indefinite length, non-minimal length, high tag numbers and lengths past the end.
  EXPECT_TRUE(std::holds_alternative<Error>(parse_logotype(std::string("\x30\x80\x00\x00", 4))));
  EXPECT_TRUE(std::holds_alternative<Error>(parse_logotype(std::string("\x30\x81\x01\x00", 4))));
  EXPECT_TRUE(std::holds_alternative<Error>(parse_logotype(std::string("\x3f\x01\x00", 3))));
  EXPECT_TRUE(std::holds_alternative<Error>(parse_logotype(std::string("\x30\x84\xff\xff\xff\xff", 6))));
  EXPECT_TRUE(std::holds_alternative<Error>(parse_logotype(std::string("\x30\x00", 2))));  // no subjectLogo
}

TEST(BadInput, DataUris) {
  EXPECT_TRUE(std::holds_alternative<Error>(decode_data_uri("https://example.com/logo.svg")));
  EXPECT_TRUE(std::holds_alternative<Error>(decode_data_uri("http:data:image/svg+xml;base64,AAAA")));
  EXPECT_TRUE(std::holds_alternative<Error>(decode_data_uri("data:image/svg+xml,<svg/>")));  // not base64
  EXPECT_TRUE(std::holds_alternative<Error>(decode_data_uri("data:image/png;base64,AAAA")));
  EXPECT_TRUE(std::holds_alternative<Error>(decode_data_uri("data:image/svg+xml;base64,!!!!")));
  EXPECT_TRUE(std::holds_alternative<Error>(decode_data_uri("data:image/svg+xml;base64," + base64_encode("\x1f\x8b garbage"))));
  auto plain = decode_data_uri("data:image/svg+xml;base64," + base64_encode("<svg/>"));
  ASSERT_TRUE(std::holds_alternative<EmbeddedLogo>(plain));
  EXPECT_EQ(std::get<EmbeddedLogo>(plain).svg, "<svg/>");
  EXPECT_FALSE(std::get<EmbeddedLogo>(plain).gzipped);
  auto zipped = decode_data_uri("DATA:image/svg+xml;base64," + base64_encode(gzip("<svg/>")));
  ASSERT_TRUE(std::holds_alternative<EmbeddedLogo>(zipped));
  EXPECT_TRUE(std::get<EmbeddedLogo>(zipped).gzipped);
}

TEST(BadInput, GzipBombInADataUriStopsAtTheBound) {
  std::string bomb = gzip(std::string(8u << 20, 'x'));
  auto result = decode_data_uri("data:image/svg+xml;base64," + base64_encode(bomb), 1u << 20);
  ASSERT_TRUE(std::holds_alternative<Error>(result));
  EXPECT_NE(std::get<Error>(result).message.find("more than"), std::string::npos);
}

TEST(BadInput, BadTrustAnchorsCrlAndLogKeysAreErrors) {
  auto pem = test::read_fixture(test::real_dir() / "cnn-vmc.pem");
  auto logo = test::read_fixture(test::real_dir() / "cnn-logo.svg");
  VerifyOptions options;
  options.domain = "cnn.com";
  options.roots_pem = "not a PEM";
  EXPECT_TRUE(std::holds_alternative<Error>(verify_certificate(pem, logo, options)));
  options.roots_pem.reset();
  options.crl = "garbage";
  EXPECT_TRUE(std::holds_alternative<Error>(verify_certificate(pem, logo, options)));
  options.crl.reset();
  options.ct_log_keys = "garbage";
  EXPECT_TRUE(std::holds_alternative<Error>(verify_certificate(pem, logo, options)));
  options.ct_log_keys.reset();
  EXPECT_TRUE(std::holds_alternative<Error>(verify_certificate(pem, gzip(logo).substr(0, 20), options)));
}

}  // namespace
}  // namespace bimi::vmc
