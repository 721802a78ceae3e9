#include <gtest/gtest.h>

#include "bimi/svgps/raster.hpp"
#include "raster/data_uri.hpp"
#include "test_support.hpp"

namespace bimi::test {
namespace {

using svgps::Image;

std::string raster_fixture(const std::string& name) { return read_bytes(fixtures() / "raster" / name); }

// The source logo: a blue disc with a white T and an orange dot (fixtures/raster/source.svg).
struct Expected {
  const char* name;
  svgps::RasterFormat format;
  bool grey;
};

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
                      Expected{"logo-grey.jpg", svgps::RasterFormat::jpeg, true}),
    [](const auto& param_info) {
      std::string name = param_info.param.name;
      for (char& c : name) {
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      }
      return name;
    });

TEST(RasterDecode, AlphaSurvives) {
  std::string error;
  auto image = svgps::decode_raster(raster_fixture("logo-interlaced-alpha.png"), svgps::Limits{}, error);
  ASSERT_TRUE(image) << error;
  EXPECT_EQ(image->pixel(0, 0)[3], 0);  // outside the disc
  EXPECT_EQ(image->pixel(80, 80)[3], 255);
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
                                           Broken{"broken-not-an-image.png", "not a PNG or JPEG"}));

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
