#include "lint/schema_model.hpp"

#include <gtest/gtest.h>

namespace bimi::svgps::detail {
namespace {

TEST(SchemaModel, ReadsEveryElementOfTheSchema) {
  const SchemaModel& schema = builtin_schema();
  EXPECT_EQ(schema.elements.size(), 24u);
  for (const char* name : {"svg", "title", "desc", "g", "path", "rect", "circle", "ellipse", "line", "polyline",
                           "polygon", "linearGradient", "radialGradient", "stop", "use", "defs", "text", "solidColor"}) {
    EXPECT_NE(schema.element(name), nullptr) << name;
  }
  for (const char* name : {"clipPath", "mask", "image", "script", "style", "tspan", "symbol", "filter"}) {
    EXPECT_EQ(schema.element(name), nullptr) << name;
  }
}

TEST(SchemaModel, RootRequiresVersionAndBaseProfile) {
  const ElementSpec* svg = builtin_schema().element("svg");
  ASSERT_NE(svg, nullptr);
  EXPECT_TRUE(svg->attributes.at("version").required);
  EXPECT_TRUE(svg->attributes.at("baseProfile").required);
  EXPECT_FALSE(svg->attributes.at("viewBox").required);
  EXPECT_EQ(svg->attributes.count("x"), 0u);
  EXPECT_TRUE(svg->children.count("title"));
  EXPECT_TRUE(svg->children.count("g"));
}

TEST(SchemaModel, OnlyUseTakesHref) {
  const SchemaModel& schema = builtin_schema();
  EXPECT_TRUE(schema.element("use")->attributes.count("href"));
  EXPECT_FALSE(schema.element("linearGradient")->attributes.count("href"));
  EXPECT_FALSE(schema.element("linearGradient")->attributes.count("gradientTransform"));
  EXPECT_FALSE(schema.element("rect")->attributes.count("opacity"));
  EXPECT_TRUE(schema.element("rect")->attributes.count("fill-opacity"));
}

TEST(SchemaModel, TextAndChildren) {
  const SchemaModel& schema = builtin_schema();
  EXPECT_TRUE(schema.element("title")->text);
  EXPECT_FALSE(schema.element("rect")->text);
  EXPECT_TRUE(schema.element("linearGradient")->children.count("stop"));
  EXPECT_FALSE(schema.element("g")->children.count("stop"));
  auto parents = schema.parents_of("stop");
  EXPECT_NE(std::find(parents.begin(), parents.end(), "radialGradient"), parents.end());
}

TEST(SchemaModel, AttributeValues) {
  const SchemaModel& schema = builtin_schema();
  const auto& fill_rule = schema.element("path")->attributes.at("fill-rule");
  EXPECT_EQ(check_attribute_value(fill_rule, "evenodd"), "");
  EXPECT_EQ(check_attribute_value(fill_rule, " nonzero "), "");
  EXPECT_NE(check_attribute_value(fill_rule, "odd"), "");
  const auto& par = schema.element("svg")->attributes.at("preserveAspectRatio");
  EXPECT_EQ(check_attribute_value(par, "xMidYMid meet"), "");
  EXPECT_EQ(check_attribute_value(par, "none"), "");
  EXPECT_NE(check_attribute_value(par, "xMinYMin"), "");
  const auto& id = schema.element("rect")->attributes.at("id");
  EXPECT_EQ(check_attribute_value(id, "logo-1"), "");
  EXPECT_NE(check_attribute_value(id, "1logo"), "");
  EXPECT_NE(check_attribute_value(id, "a b"), "");
  const auto& lang = schema.element("svg")->attributes.at("xml:lang");
  EXPECT_EQ(check_attribute_value(lang, "en-US"), "");
  EXPECT_EQ(check_attribute_value(lang, ""), "");
  EXPECT_NE(check_attribute_value(lang, "english please"), "");
  const auto& fill = schema.element("rect")->attributes.at("fill");
  EXPECT_EQ(check_attribute_value(fill, "anything at all"), "");
}

}  // namespace
}  // namespace bimi::svgps::detail
