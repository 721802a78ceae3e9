#include <gtest/gtest.h>

// jpeglib.h needs size_t and FILE declared first.
#include <cstddef>
#include <cstdio>
#include <jpeglib.h>

#include <cstdlib>
#include <cstring>
#include <vector>

#include "bimi/svgps/raster.hpp"
#include "raster/data_uri.hpp"
#include "test_support.hpp"

namespace bimi::test {
namespace {

using svgps::Image;

std::string raster_fixture(const std::string& name) { return read_bytes(fixtures() / "raster" / name); }

// A fixture's file name as a test name: letters and digits, the rest '_'.
std::string test_name(std::string name) {
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

// The source logo: a blue disc with a white T and an orange dot (fixtures/raster/source.svg).
struct Expected {
  const char* name;
  svgps::RasterFormat format;
  bool grey;
};

// A valid progressive greyscale JPEG of `coefficients` AC bands, each sent in two scans (first
// the high bits, then the refinement), after the DC scans: 2 + 2 × coefficients scans in all.
std::string progressive_jpeg(int coefficients) {
  jpeg_compress_struct info;
  jpeg_error_mgr errors;
  info.err = jpeg_std_error(&errors);
  jpeg_create_compress(&info);
  unsigned char* buffer = nullptr;
  unsigned long size = 0;
  jpeg_mem_dest(&info, &buffer, &size);
  info.image_width = 64;
  info.image_height = 64;
  info.input_components = 1;
  info.in_color_space = JCS_GRAYSCALE;
  jpeg_set_defaults(&info);
  std::vector<jpeg_scan_info> scans;
  scans.push_back({1, {0}, 0, 0, 0, 1});
  scans.push_back({1, {0}, 0, 0, 1, 0});
  for (int k = 1; k <= coefficients; ++k) scans.push_back({1, {0}, k, k, 0, 1});
  for (int k = 1; k <= coefficients; ++k) scans.push_back({1, {0}, k, k, 1, 0});
  info.scan_info = scans.data();
  info.num_scans = static_cast<int>(scans.size());
  jpeg_start_compress(&info, TRUE);
  std::vector<unsigned char> row(64);
  while (info.next_scanline < info.image_height) {
    for (unsigned x = 0; x < 64; ++x) row[x] = static_cast<unsigned char>((x * 4 + info.next_scanline * 3) & 0xFF);
    JSAMPROW rows[1] = {row.data()};
    jpeg_write_scanlines(&info, rows, 1);
  }
  jpeg_finish_compress(&info);
  jpeg_destroy_compress(&info);
  std::string bytes(reinterpret_cast<const char*>(buffer), size);
  std::free(buffer);
  return bytes;
}

TEST(DecodeJpeg, ScansPastTheLimitAreRefusedBeforeTheyAreDecoded) {
  std::string error;
  svgps::Limits limits;
  // 2 + 2 × 40 = 82 scans: within the default 100.
  auto within = svgps::decode_raster(progressive_jpeg(40), limits, error);
  ASSERT_TRUE(within) << error;
  EXPECT_EQ(within->width, 64);
  // 2 + 2 × 63 = 128 scans.
  auto past = svgps::decode_raster(progressive_jpeg(63), limits, error);
  EXPECT_FALSE(past);
  EXPECT_NE(error.find("more than 100 scans"), std::string::npos) << error;
  limits.max_render_jpeg_scans = 200;
  EXPECT_TRUE(svgps::decode_raster(progressive_jpeg(63), limits, error)) << error;
}

class DecodeEveryKind : public ::testing::TestWithParam<Expected> {};

TEST_P(DecodeEveryKind, GivesTheLogosPixels) {
  const Expected& e = GetParam();
  std::string bytes = raster_fixture(e.name);
  EXPECT_EQ(svgps::sniff_raster(bytes), e.format);
  std::string error;
  auto image = svgps::decode_raster(bytes, svgps::Limits{}, error);
  ASSERT_TRUE(image) << error;
  ASSERT_EQ(image->width, 160);
  ASSERT_EQ(image->height, 160);
  ASSERT_EQ(image->rgba.size(), 160u * 160u * 4u);
  const std::uint8_t* disc = image->pixel(40, 110);
  const std::uint8_t* letter = image->pixel(80, 60);
  EXPECT_EQ(disc[3], 255);
  EXPECT_GT(letter[0], 240);
  EXPECT_GT(letter[2], 240);
  if (e.grey) {
    EXPECT_NEAR(disc[0], disc[2], 2);
    EXPECT_LT(disc[0], 120);
  } else {
    EXPECT_LT(disc[0], 60);   // #1d4ed8
    EXPECT_GT(disc[2], 190);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, DecodeEveryKind,
    ::testing::Values(Expected{"logo-rgba.png", svgps::RasterFormat::png, false},
                      Expected{"logo-palette.png", svgps::RasterFormat::png, false},
                      Expected{"logo-grey.png", svgps::RasterFormat::png, true},
                      Expected{"logo-16bit.png", svgps::RasterFormat::png, false},
                      Expected{"logo-interlaced-alpha.png", svgps::RasterFormat::png, false},
                      Expected{"logo-baseline.jpg", svgps::RasterFormat::jpeg, false},
                      Expected{"logo-progressive.jpg", svgps::RasterFormat::jpeg, false},
                      Expected{"logo-grey.jpg", svgps::RasterFormat::jpeg, true},
                      Expected{"logo-lossless.webp", svgps::RasterFormat::webp, false},
                      Expected{"logo-lossy.webp", svgps::RasterFormat::webp, false},
                      Expected{"logo-transparent.gif", svgps::RasterFormat::gif, false},
                      Expected{"logo-plain.gif", svgps::RasterFormat::gif, false},
                      Expected{"logo-interlaced.gif", svgps::RasterFormat::gif, false}),
    [](const auto& param_info) { return test_name(param_info.param.name); });

class AlphaSurvives : public ::testing::TestWithParam<const char*> {};

TEST_P(AlphaSurvives, OutsideTheDiscIsTransparent) {
  std::string error;
  auto image = svgps::decode_raster(raster_fixture(GetParam()), svgps::Limits{}, error);
  ASSERT_TRUE(image) << error;
  EXPECT_EQ(image->pixel(0, 0)[3], 0);  // outside the disc
  EXPECT_EQ(image->pixel(80, 80)[3], 255);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, AlphaSurvives,
                         ::testing::Values("logo-interlaced-alpha.png", "logo-lossless.webp", "logo-lossy.webp",
                                           "logo-transparent.gif"),
                         [](const auto& param_info) { return test_name(param_info.param); });

TEST(RasterDecode, AnInterlacedGifHasItsRowsInPlace) {
  // The same picture written interlaced and plain decodes to the same pixels.
  std::string error;
  auto interlaced = svgps::decode_raster(raster_fixture("logo-interlaced.gif"), svgps::Limits{}, error);
  auto plain = svgps::decode_raster(raster_fixture("logo-plain.gif"), svgps::Limits{}, error);
  ASSERT_TRUE(interlaced && plain) << error;
  EXPECT_EQ(interlaced->rgba, plain->rgba);
}

struct Broken {
  const char* name;
  const char* says;
};

class BrokenBitmaps : public ::testing::TestWithParam<Broken> {};

TEST_P(BrokenBitmaps, AreOneClearError) {
  std::string error;
  auto image = svgps::decode_raster(raster_fixture(GetParam().name), svgps::Limits{}, error);
  EXPECT_FALSE(image);
  EXPECT_NE(error.find(GetParam().says), std::string::npos) << error;
  EXPECT_EQ(error.find('\n'), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, BrokenBitmaps,
                         ::testing::Values(Broken{"broken-truncated.png", "unreadable PNG"},
                                           Broken{"broken-crc.png", "unreadable PNG"},
                                           Broken{"broken-zero-width.png", "unreadable PNG"},
                                           Broken{"broken-bomb.png", "30000×30000 pixels, over the limit"},
                                           Broken{"broken-truncated.jpg", "truncated JPEG"},
                                           Broken{"broken-truncated.gif", "unreadable GIF"},
                                           Broken{"broken-bomb.gif", "30000×30000 pixels, over the limit"},
                                           Broken{"broken-truncated.webp", "unreadable WebP"},
                                           Broken{"broken-animated.webp", "WebP is an animation"},
                                           Broken{"broken-not-an-image.png", "not a PNG, JPEG, WebP or GIF"}));

TEST(RasterDecode, PixelLimitComesFromTheLimits) {
  svgps::Limits limits;
  limits.max_pixels = 160 * 160 - 1;
  std::string error;
  EXPECT_FALSE(svgps::decode_raster(raster_fixture("logo-rgba.png"), limits, error));
  EXPECT_NE(error.find("over the limit of 25599 pixels"), std::string::npos) << error;
  limits.max_pixels = 160 * 160;
  EXPECT_TRUE(svgps::decode_raster(raster_fixture("logo-rgba.png"), limits, error)) << error;
}

TEST(RasterDecode, RecognisedByContentOnly) {
  EXPECT_EQ(svgps::sniff_raster("\x89PNG\r\n\x1a\n"), svgps::RasterFormat::png);
  EXPECT_EQ(svgps::sniff_raster("\xff\xd8\xff\xe0"), svgps::RasterFormat::jpeg);
  EXPECT_EQ(svgps::sniff_raster(std::string("RIFF\x10\0\0\0WEBPVP8L", 16)), svgps::RasterFormat::webp);
  EXPECT_EQ(svgps::sniff_raster("GIF89a"), svgps::RasterFormat::gif);
  EXPECT_EQ(svgps::sniff_raster("GIF87a"), svgps::RasterFormat::gif);
  EXPECT_EQ(svgps::sniff_raster("<svg/>"), svgps::RasterFormat::none);
  EXPECT_EQ(svgps::sniff_raster(""), svgps::RasterFormat::none);
  EXPECT_EQ(svgps::sniff_raster("\x89PNG"), svgps::RasterFormat::none);
}

TEST(RasterResample, FitsCentredOnTransparency) {
  Image wide;
  wide.width = 2;
  wide.height = 1;
  wide.rgba = {255, 0, 0, 255, 0, 0, 255, 255};
  Image square = svgps::fit_into_square(wide, 4);
  ASSERT_EQ(square.width, 4);
  EXPECT_EQ(square.pixel(0, 0)[3], 0);
  EXPECT_EQ(square.pixel(3, 3)[3], 0);
  EXPECT_EQ(square.pixel(0, 1)[3], 255);
  EXPECT_EQ(square.pixel(0, 2)[0], 255);
  EXPECT_EQ(square.pixel(3, 2)[2], 255);
}

TEST(RasterResample, ShrinksByAveraging) {
  Image checker;
  checker.width = checker.height = 2;
  checker.rgba = {0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0, 0, 0, 255};
  Image one = svgps::fit_into_square(checker, 1);
  EXPECT_NEAR(one.pixel(0, 0)[0], 128, 1);
  EXPECT_EQ(one.pixel(0, 0)[3], 255);
}

TEST(DataUri, DecodesBase64AndPercent) {
  auto png = svgps::raster::decode_data_uri("data:image/PNG;base64,iVBO\n Rw==", 100);
  ASSERT_TRUE(png);
  EXPECT_EQ(png->media_type, "image/png");
  EXPECT_EQ(png->bytes, "\x89PNG");
  auto text = svgps::raster::decode_data_uri("data:text/plain,a%20b", 100);
  ASSERT_TRUE(text);
  EXPECT_EQ(text->bytes, "a b");
}

TEST(DataUri, RefusesWhatIsNotOne) {
  EXPECT_FALSE(svgps::raster::decode_data_uri("https://example.com/logo.png", 100));
  EXPECT_FALSE(svgps::raster::decode_data_uri("data:image/png;base64", 100));
  EXPECT_FALSE(svgps::raster::decode_data_uri("data:image/png;base64,@@@@", 100));
  EXPECT_FALSE(svgps::raster::decode_data_uri("data:,%4", 100));
  EXPECT_FALSE(svgps::raster::decode_data_uri("data:image/png;base64,AAAAAAAA", 5));  // over the cap
}

}  // namespace
}  // namespace bimi::test
