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

TEST(RawTreeProcessingInstructions, AreReadWhereverXmlAllowsThem) {
  // tinyxml2 accepts them only before the root; XML allows them inside elements too.
  auto document = parse(
      "<?xml version=\"1.0\"?>\n"
      "<!-- a comment first --><?xml-stylesheet href=\"a.css\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" title=\"a <?not one?>\">\n"
      "<metadata><?xpacket begin=\"\"\n  id=\"W5M\"?></metadata>\n"
      "<!-- <?not one either?> --><text>a<?pi?>b<![CDATA[<?nor this?>]]></text>\n"
      "<rect id=\"after\"/>\n"
      "</svg>");
  ASSERT_EQ(document.processing_instructions.size(), 3u);
  EXPECT_EQ(document.processing_instructions[0].line, 2);
  EXPECT_EQ(document.processing_instructions[0].column, 25);
  EXPECT_EQ(document.processing_instructions[1].line, 4);
  EXPECT_EQ(document.processing_instructions[2].line, 6);
  // Line numbers after a processing instruction that spans lines are still right.
  const RawElement& rect = document.elements.at(document.ids.at("after"));
  EXPECT_EQ(rect.location.line, 7);
  const RawElement& text = document.elements.at(2);
  EXPECT_EQ(text.local, "text");
  EXPECT_EQ(text.text, "ab<?nor this?>");
  EXPECT_EQ(document.root().attribute("title")->value, "a <?not one?>");
}

TEST(RawTreeProcessingInstructions, AnUnclosedOneIsStillMalformed) {
  Diagnostics diagnostics;
  EXPECT_FALSE(parse_xml("<svg xmlns=\"http://www.w3.org/2000/svg\"><?pi never closed</svg>", Limits{}, diagnostics));
  EXPECT_TRUE(diagnostics.has_errors());
}

}  // namespace
}  // namespace bimi::svgps::detail
