// Formats known by their signature: bimi's inputs, and the formats it names instead of reading.
#include <gtest/gtest.h>

#include <string>

#include "bimi/svgps/file_format.hpp"
#include "bimi/svgps/lint.hpp"

namespace bimi::svgps {
namespace {

using namespace std::string_literals;

TEST(FileFormat, KnownBySignature) {
  EXPECT_EQ(sniff_format("\x89PNG\r\n\x1a\n...."s), FileFormat::png);
  EXPECT_EQ(sniff_format("\xff\xd8\xff\xe0"s), FileFormat::jpeg);
  EXPECT_EQ(sniff_format("\x1f\x8b\x08"s), FileFormat::gzip);
  EXPECT_EQ(sniff_format("RIFF\x10\0\0\0WEBPVP8L"s), FileFormat::webp);
  EXPECT_EQ(sniff_format("RIFF\x10\0\0\0WAVEfmt "s), FileFormat::other);
  EXPECT_EQ(sniff_format("GIF87a"s), FileFormat::gif);
  EXPECT_EQ(sniff_format("\0\0\1\0\1\0"s), FileFormat::ico);
  EXPECT_EQ(sniff_format("%PDF-1.4"s), FileFormat::pdf);
  EXPECT_EQ(sniff_format("\0\0\0\x20" "ftypavif"s), FileFormat::avif);
  EXPECT_EQ(sniff_format("\0\0\0\x18" "ftypmif1"s), FileFormat::heic);
  EXPECT_EQ(sniff_format("\0\0\0\x18" "ftypisom"s), FileFormat::other);  // an MP4 is no image
  EXPECT_EQ(sniff_format("II*\0"s), FileFormat::tiff);
  EXPECT_EQ(sniff_format("MM\0*"s), FileFormat::tiff);
  EXPECT_EQ(sniff_format("BM\x3e\0\0\0\0\0\0\0"s), FileFormat::bmp);
  EXPECT_EQ(sniff_format("BMW is not a bitmap"s), FileFormat::other);
  EXPECT_EQ(sniff_format("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), FileFormat::other);
  EXPECT_EQ(sniff_format(""), FileFormat::other);
  EXPECT_EQ(sniff_format("R"), FileFormat::other);
}

TEST(FileFormat, LintNamesTheFormatInsteadOfItsBytes) {
  LintReport report = lint("GIF89a\x01\0\x01\0\0\0\0"s, LintOptions{});
  EXPECT_TRUE(report.fatal);
  ASSERT_EQ(report.diagnostics.size(), 1u);
  EXPECT_EQ(report.diagnostics.items()[0].rule, "input-format");
  EXPECT_NE(report.diagnostics.items()[0].message.find("GIF"), std::string::npos);
  EXPECT_EQ(report.diagnostics.items()[0].message.find("NUL"), std::string::npos);
}

}  // namespace
}  // namespace bimi::svgps
