// bimi rules: the rule tables (logo rules, certificate checks, DNS findings), for people (text),
// for docs (markdown) and for tools (json).
#include <iostream>
#include <nlohmann/json.hpp>
#include <span>
#include <string>

#include "bimi/auth/rules.hpp"
#include "bimi/records/rules.hpp"
#include "bimi/svgps/rules.hpp"
#include "bimi/vmc/checks.hpp"
#include "commands.hpp"

namespace bimi::cli {
namespace {

void print_logo_rules(const std::string& format) {
  if (format == "markdown") {
    std::cout << svgps::rules_markdown();
  } else if (format == "json") {
    nlohmann::ordered_json rules = nlohmann::ordered_json::array();
    for (const auto& rule : svgps::rules()) {
      rules.push_back({{"id", rule.id},
                       {"kind", to_string(rule.kind)},
                       {"strict", to_string(rule.strict)},
                       {"spec", to_string(rule.spec)},
                       {"summary", rule.summary},
                       {"source", rule.citation}});
    }
    std::cout << rules.dump(2) << "\n";
  } else {
    for (const auto& rule : svgps::rules()) {
      std::cout << rule.id << "  [" << to_string(rule.kind) << "; strict " << to_string(rule.strict) << ", spec "
                << to_string(rule.spec) << "]\n    " << rule.summary << "\n    source: " << rule.citation << "\n";
    }
  }
}

void print_certificate_checks(const std::string& format) {
  if (format == "markdown") {
    std::cout << vmc::checks_markdown();
  } else if (format == "json") {
    nlohmann::ordered_json checks = nlohmann::ordered_json::array();
    for (const auto& check : vmc::check_table()) {
      checks.push_back({{"id", check.id}, {"summary", check.summary}, {"source", check.citation}});
    }
    std::cout << checks.dump(2) << "\n";
  } else {
    for (const auto& check : vmc::check_table()) {
      std::cout << check.id << "\n    " << check.summary << "\n    source: " << check.citation << "\n";
    }
  }
}

// The DNS set and the message set share one table shape (bimi/rule_table.hpp).
void print_rule_rows(std::span<const RuleInfo> table, const std::string& markdown, const std::string& format) {
  if (format == "markdown") {
    std::cout << markdown;
  } else if (format == "json") {
    nlohmann::ordered_json rules = nlohmann::ordered_json::array();
    for (const auto& rule : table) {
      rules.push_back({{"id", rule.id},
                       {"severity", to_string(rule.severity)},
                       {"summary", rule.summary},
                       {"source", rule.citation}});
    }
    std::cout << rules.dump(2) << "\n";
  } else {
    for (const auto& rule : table) {
      std::cout << rule.id << "  [" << to_string(rule.severity) << "]\n    " << rule.summary
                << "\n    source: " << rule.citation << "\n";
    }
  }
}

}  // namespace

void setup_rules(CLI::App& app, ExitCode& result) {
  auto format = std::make_shared<std::string>("text");
  auto set = std::make_shared<std::string>("logo");
  CLI::App* command = app.add_subcommand("rules", "List every rule with its severity and its source: logo rules, certificate checks, DNS findings or message findings");
  command->add_option("--format", *format, "text (default), markdown or json")
      ->check(CLI::IsMember({"text", "markdown", "json"}));
  command->add_option("--set", *set,
                      "logo (default): the rules of bimi check; certificate: the checks of bimi verify; "
                      "dns: the findings of bimi record, dmarc and domain; message: the findings of bimi message about the message, "
                      "SPF, DKIM, ARC and DMARC")
      ->check(CLI::IsMember({"logo", "certificate", "dns", "message"}));
  command->footer(exit_status_help({ExitCode::ok, ExitCode::usage}));
  command->callback([format, set, &result] {
    if (*set == "certificate") {
      print_certificate_checks(*format);
    } else if (*set == "dns") {
      print_rule_rows(records::rule_table(), records::rules_markdown(), *format);
    } else if (*set == "message") {
      print_rule_rows(auth::rule_table(), auth::rules_markdown(), *format);
    } else {
      print_logo_rules(*format);
    }
    result = ExitCode::ok;
  });
}

}  // namespace bimi::cli
