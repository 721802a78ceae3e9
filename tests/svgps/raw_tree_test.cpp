// The raw tree's id index: built once by parse_xml, read by the reference checks and the converter.
#include "svg/raw_tree.hpp"

#include <gtest/gtest.h>

namespace bimi::svgps::detail {
namespace {

RawDocument parse(const std::string& svg) {
  Diagnostics diagnostics;
  auto document = parse_xml(svg, Limits{}, diagnostics);
  EXPECT_TRUE(document);
  return document ? std::move(*document) : RawDocument{};
}

TEST(RawTreeIds, MapsEachIdToTheFirstElementThatHasIt) {
  auto document = parse(
      "<svg xmlns=\"http://www.w3.org/2000/svg\">\n"
      "<g id=\" a \"/>\n"
      "<rect xml:id=\"b\" id=\"c\"/>\n"
      "<circle id=\"a\"/>\n"
      "</svg>");
  ASSERT_EQ(document.ids.size(), 3u);
  EXPECT_EQ(document.ids.at("a"), 1u);  // XML white space trimmed; the first <g>, not the <circle>
  EXPECT_EQ(document.ids.at("b"), 2u);
  EXPECT_EQ(document.ids.at("c"), 2u);
  ASSERT_EQ(document.repeated_ids.size(), 1u);
  EXPECT_EQ(document.repeated_ids[0].element, 3u);
  EXPECT_EQ(document.repeated_ids[0].attribute, 0u);
  EXPECT_EQ(document.repeated_ids[0].first, 1u);
}

TEST(RawTreeIds, TheSameIdTwiceOnOneElementIsNoRepeat) {
  auto document = parse("<svg xmlns=\"http://www.w3.org/2000/svg\"><g id=\"a\" xml:id=\"a\"/></svg>");
  EXPECT_EQ(document.ids.at("a"), 1u);
  EXPECT_TRUE(document.repeated_ids.empty());
}

}  // namespace
}  // namespace bimi::svgps::detail
