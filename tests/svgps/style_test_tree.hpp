// A small element tree implementing style::ElementView for the style stage's tests.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "style/selector.hpp"

namespace bimi::svgps::style::testing {

class TestElement : public ElementView {
 public:
  explicit TestElement(std::string name, std::map<std::string, std::string> attributes = {})
      : name_(std::move(name)), attributes_(std::move(attributes)) {}

  TestElement& add(std::string name, std::map<std::string, std::string> attributes = {}) {
    children_.push_back(std::make_unique<TestElement>(std::move(name), std::move(attributes)));
    children_.back()->parent_ = this;
    return *children_.back();
  }

  std::string_view local_name() const override { return name_; }
  std::optional<std::string_view> attribute(std::string_view name) const override {
    auto it = attributes_.find(std::string(name));
    if (it == attributes_.end()) return std::nullopt;
    return std::string_view(it->second);
  }
  const ElementView* parent() const override { return parent_; }
  bool is_first_child() const override {
    return parent_ != nullptr && parent_->children_.front().get() == this;
  }

 private:
  std::string name_;
  std::map<std::string, std::string> attributes_;
  TestElement* parent_ = nullptr;
  std::vector<std::unique_ptr<TestElement>> children_;
};

}  // namespace bimi::svgps::style::testing
