#include "command_tree.hpp"

namespace bimi::cli {
namespace {

// CLI::IsMember describes itself as "{a,b,c}" at the end of the type name
// ("TEXT:{a,b,c}").
std::vector<std::string> member_choices(const std::string& type_name) {
  std::vector<std::string> choices;
  auto open = type_name.find('{');
  auto close = type_name.rfind('}');
  if (open == std::string::npos || close == std::string::npos || close < open) return choices;
  std::string list = type_name.substr(open + 1, close - open - 1);
  std::size_t start = 0;
  while (start <= list.size()) {
    auto comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    if (comma > start) choices.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return choices;
}

std::string value_name(const std::string& type_name) {
  auto colon = type_name.find(':');
  return type_name.substr(0, colon);
}

}  // namespace

CommandDoc describe_command(const CLI::App& app) {
  CommandDoc doc;
  for (const CLI::App* parent = &app; parent != nullptr; parent = parent->get_parent()) {
    doc.path.insert(doc.path.begin(), parent->get_name());
  }
  doc.description = app.get_description();
  doc.footer = app.get_footer();
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_group().empty()) continue;
    if (!option->nonpositional()) {
      doc.positionals.push_back({option->get_name(), option->get_description(), option->get_required(),
                                 option->get_items_expected_max() > 1});
      continue;
    }
    OptionDoc item;
    item.long_names = option->get_lnames();
    item.short_names = option->get_snames();
    if (option->get_expected_max() > 0) {
      std::string type_name = option->get_type_name();
      item.value_name = value_name(type_name);
      if (item.value_name.empty()) item.value_name = "VALUE";
      item.choices = member_choices(type_name);
    }
    item.description = option->get_description();
    item.required = option->get_required();
    doc.options.push_back(std::move(item));
  }
  for (const CLI::App* sub : app.get_subcommands([](const CLI::App* sub) { return !sub->get_group().empty(); })) {
    doc.subcommands.push_back(describe_command(*sub));
  }
  return doc;
}

std::string joined(const std::vector<std::string>& path, const std::string& separator) {
  std::string out;
  for (const auto& part : path) out += (out.empty() ? "" : separator) + part;
  return out;
}

}  // namespace bimi::cli
