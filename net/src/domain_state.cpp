#include "bimi/net/domain_state.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "bimi/vmc/logo_hash.hpp"

namespace bimi::net {
namespace {

int strength(const std::string& policy) {
  if (policy == "reject") return 3;
  if (policy == "quarantine") return 2;
  if (policy == "none") return 1;
  return 0;
}

std::string or_none(const std::string& text) { return text.empty() ? "(none)" : text; }

}  // namespace

DomainState state_of(const DomainReport& report) {
  DomainState state;
  state.domain = report.domain;
  state.selector = report.selector;
  state.ready = report.ready();
  state.dmarc_policy = report.dmarc_policy;
  state.dmarc_record = report.dmarc_record;
  if (report.discovery && report.discovery->value) state.bimi_record = *report.discovery->value;
  if (report.logo) state.logo_sha256 = vmc::hex_digest(vmc::HashAlgorithm::sha256, *report.logo);
  state.certificate_sha256 = report.certificate_sha256;
  state.certificate_not_after = report.certificate_not_after;
  std::set<std::string> errors;
  for (const auto& step : report.steps) {
    for (const auto& finding : step.findings.items()) {
      if (finding.severity == Severity::error) errors.insert(finding.rule);
    }
  }
  state.errors.assign(errors.begin(), errors.end());
  return state;
}

std::vector<Drift> compare_states(const std::optional<DomainState>& before, const DomainState& after, long long now,
                                  int warn_days) {
  std::vector<Drift> out;
  auto add = [&](std::string what, std::string was, std::string is, bool worse) {
    out.push_back({after.domain, after.selector, std::move(what), std::move(was), std::move(is), worse});
  };
  if (!before) {
    add("domain-new", "", after.ready ? "ready" : "not ready", false);
  } else {
    const DomainState& b = *before;
    if (strength(after.dmarc_policy) < strength(b.dmarc_policy)) {
      add("dmarc-weakened", or_none(b.dmarc_policy), or_none(after.dmarc_policy), true);
    } else if (strength(after.dmarc_policy) > strength(b.dmarc_policy)) {
      add("dmarc-strengthened", or_none(b.dmarc_policy), or_none(after.dmarc_policy), false);
    } else if (after.dmarc_record != b.dmarc_record) {
      add("dmarc-record-changed", or_none(b.dmarc_record), or_none(after.dmarc_record), false);
    }
    if (after.bimi_record != b.bimi_record) {
      if (after.bimi_record.empty()) {
        add("bimi-record-gone", b.bimi_record, "(none)", true);
      } else if (b.bimi_record.empty()) {
        add("bimi-record-new", "(none)", after.bimi_record, false);
      } else {
        add("bimi-record-changed", b.bimi_record, after.bimi_record, false);
      }
    }
    if (after.logo_sha256 != b.logo_sha256) add("logo-changed", or_none(b.logo_sha256), or_none(after.logo_sha256), false);
    if (after.certificate_sha256 != b.certificate_sha256) {
      add("certificate-replaced", or_none(b.certificate_sha256), or_none(after.certificate_sha256), false);
    }
    if (b.ready && !after.ready) {
      std::string why;
      for (const auto& rule : after.errors) why += (why.empty() ? "" : ", ") + rule;
      add("verdict-broken", "ready", "not ready: " + why, true);
    } else if (!b.ready && after.ready) {
      add("verdict-fixed", "not ready", "ready", false);
    }
  }
  // A certificate entering the --warn-days window (or past its end) is news once: a baseline that
  // already had the same certificate in the window has nothing new to say about it.
  auto expiring = [&](const DomainState& state) {
    return state.certificate_not_after != 0 && state.certificate_not_after - now < static_cast<long long>(warn_days) * 86400;
  };
  bool known = before && expiring(*before) && before->certificate_sha256 == after.certificate_sha256;
  if (expiring(after) && !known) {
    long long left = after.certificate_not_after - now;
    add("certificate-expiring", "", left <= 0 ? "expired" : "ends in " + std::to_string(left / 86400) + " days", before.has_value());
  }
  return out;
}

std::string states_to_json(std::vector<DomainState> states) {
  std::sort(states.begin(), states.end(), [](const DomainState& a, const DomainState& b) {
    return std::tie(a.domain, a.selector) < std::tie(b.domain, b.selector);
  });
  nlohmann::ordered_json root;
  root["version"] = state_version;
  root["domains"] = nlohmann::ordered_json::array();
  for (const auto& s : states) {
    root["domains"].push_back({{"domain", s.domain},
                               {"selector", s.selector},
                               {"ready", s.ready},
                               {"dmarc_policy", s.dmarc_policy},
                               {"dmarc_record", s.dmarc_record},
                               {"bimi_record", s.bimi_record},
                               {"logo_sha256", s.logo_sha256},
                               {"certificate_sha256", s.certificate_sha256},
                               {"certificate_not_after", s.certificate_not_after},
                               {"errors", s.errors}});
  }
  return root.dump(2) + "\n";
}

std::optional<std::vector<DomainState>> states_from_json(std::string_view text, std::string& error) {
  if (text.size() > max_state_bytes) {
    error = "the state file is larger than " + std::to_string(max_state_bytes >> 20) + " MiB";
    return std::nullopt;
  }
  auto root = nlohmann::json::parse(text, nullptr, false);
  if (root.is_discarded() || !root.is_object()) {
    error = "not a state file (not a JSON object)";
    return std::nullopt;
  }
  if (!root.contains("version") || !root["version"].is_number_integer() || root["version"].get<int>() != state_version) {
    error = "a state file of another version (this one reads version " + std::to_string(state_version) + ")";
    return std::nullopt;
  }
  if (!root.contains("domains") || !root["domains"].is_array()) {
    error = "not a state file (no \"domains\" list)";
    return std::nullopt;
  }
  std::vector<DomainState> out;
  std::size_t index = 0;
  for (const auto& item : root["domains"]) {
    ++index;
    auto text_field = [&](const char* name, std::string& to) {
      if (!item.contains(name) || !item[name].is_string()) return false;
      to = item[name].get<std::string>();
      return true;
    };
    DomainState s;
    bool ok = item.is_object() && text_field("domain", s.domain) && text_field("selector", s.selector) &&
              item.contains("ready") && item["ready"].is_boolean() && text_field("dmarc_policy", s.dmarc_policy) &&
              text_field("dmarc_record", s.dmarc_record) && text_field("bimi_record", s.bimi_record) &&
              text_field("logo_sha256", s.logo_sha256) && text_field("certificate_sha256", s.certificate_sha256) &&
              item.contains("certificate_not_after") && item["certificate_not_after"].is_number_integer() &&
              item.contains("errors") && item["errors"].is_array();
    if (ok) {
      s.ready = item["ready"].get<bool>();
      s.certificate_not_after = item["certificate_not_after"].get<long long>();
      for (const auto& rule : item["errors"]) {
        ok = ok && rule.is_string();
        if (ok) s.errors.push_back(rule.get<std::string>());
      }
    }
    if (!ok) {
      error = "entry " + std::to_string(index) + " of \"domains\" is not a domain state";
      return std::nullopt;
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace bimi::net
