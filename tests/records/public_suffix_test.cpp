// Organizational domains from the Public Suffix List the system provides (libpsl).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "bimi/records/public_suffix.hpp"

namespace bimi::records {
namespace {

TEST(PublicSuffix, OrganizationalDomainIsTheSuffixPlusOneLabel) {
  auto loaded = PublicSuffixList::load();
  ASSERT_TRUE(std::holds_alternative<PublicSuffixList>(loaded)) << std::get<std::string>(loaded);
  const auto& psl = std::get<PublicSuffixList>(loaded);
  EXPECT_EQ(psl.organizational_domain("example.com"), "example.com");
  EXPECT_EQ(psl.organizational_domain("a.b.mail.example.com"), "example.com");
  EXPECT_EQ(psl.organizational_domain("news.example.co.uk"), "example.co.uk");
  EXPECT_EQ(psl.organizational_domain("shop.brand.com.au"), "brand.com.au");
  EXPECT_EQ(psl.organizational_domain("co.uk"), "co.uk");  // a public suffix is its own
}

TEST(PublicSuffix, AGivenListReplacesTheSystemOne) {
  auto path = std::filesystem::temp_directory_path() / "bimi-psl-test.dat";
  {
    std::ofstream out(path);
    out << "// test list\ncom\nexample.com\n";
  }
  auto loaded = PublicSuffixList::load(path.string());
  std::filesystem::remove(path);
  ASSERT_TRUE(std::holds_alternative<PublicSuffixList>(loaded)) << std::get<std::string>(loaded);
  EXPECT_EQ(std::get<PublicSuffixList>(loaded).organizational_domain("mail.brand.example.com"), "brand.example.com");
  EXPECT_TRUE(std::holds_alternative<std::string>(PublicSuffixList::load("/nonexistent/psl.dat")));
}

}  // namespace
}  // namespace bimi::records
