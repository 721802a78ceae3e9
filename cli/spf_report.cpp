#include "spf_report.hpp"

#include <string>

#include "terminal.hpp"

namespace bimi::cli {
namespace {

std::string cost(const auth::SpfTermCost& node) {
  std::string text = std::to_string(node.lookups) + (node.lookups == 1 ? " lookup" : " lookups");
  if (node.void_lookups > 0) text += ", " + std::to_string(node.void_lookups) + " void";
  return text;
}

void print_node(const auth::SpfTermCost& node, std::ostream& out, const std::string& indent) {
  out << indent << printable(node.term) << "  [" << cost(node) << "]";
  if (!node.note.empty()) out << "  " << printable(node.note);
  out << "\n";
  for (const auto& child : node.children) print_node(child, out, indent + "  ");
}

nlohmann::ordered_json node_json(const auth::SpfTermCost& node) {
  nlohmann::ordered_json json;
  json["term"] = node.term;
  json["domain"] = node.domain;
  if (!node.record.empty()) json["record"] = node.record;
  json["lookups"] = node.lookups;
  json["void_lookups"] = node.void_lookups;
  if (!node.note.empty()) json["note"] = node.note;
  json["terms"] = nlohmann::ordered_json::array();
  for (const auto& child : node.children) json["terms"].push_back(node_json(child));
  return json;
}

}  // namespace

void print_spf_tree_text(const auth::SpfRecordCheck& check, std::ostream& out, std::string_view indent) {
  if (!check.record) return;
  out << indent << "DNS look-ups per term (limit 10, void limit 2; RFC 7208 §4.6.4):\n";
  for (const auto& child : check.tree.children) print_node(child, out, std::string(indent) + "  ");
}

nlohmann::ordered_json spf_json(const auth::SpfRecordCheck& check) {
  nlohmann::ordered_json json;
  json["record"] = check.record ? nlohmann::ordered_json(*check.record) : nlohmann::ordered_json(nullptr);
  json["lookups"] = check.lookups;
  json["void_lookups"] = check.void_lookups;
  json["dmarc_through_spf"] = check.usable;
  json["tree"] = node_json(check.tree);
  return json;
}

}  // namespace bimi::cli
