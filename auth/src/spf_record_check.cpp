#include "bimi/auth/spf_record_check.hpp"

#include <algorithm>

#include "ascii.hpp"
#include "bimi/auth/spf_evaluator.hpp"
#include "bimi/auth/spf_limits.hpp"
#include "bimi/auth/spf_record.hpp"
#include "bimi/records/rules.hpp"

namespace bimi::auth {
namespace {

// Past this many DNS-querying terms the check stops following includes and querying: far enough
// past the limit of 10 to show what an over-limit record really costs, bounded for include loops.
constexpr int max_followed_terms = 50;

std::string without_trailing_dot(std::string name) {
  if (!name.empty() && name.back() == '.') name.pop_back();
  return ascii_lower(name);
}

class RecordWalk {
 public:
  RecordWalk(DnsResolver& resolver, Diagnostics& out) : resolver_(resolver), out_(out) {}

  // The record at `domain` into `node`, its terms as children; false when there is none to use.
  bool walk(const std::string& domain, SpfTermCost& node, std::vector<std::string>& path, bool top) {
    node.domain = domain;
    DnsAnswer answer = resolver_.lookup(DnsType::txt, domain);
    if (answer.outcome == DnsOutcome::temporary_failure) {
      records::report(out_, "dns-failure", "TXT " + domain + ": the look-up failed" + (answer.detail.empty() ? "" : " (" + answer.detail + ")"));
      node.note = "look-up failed";
      broken_ = true;
      return false;
    }
    std::vector<std::string> spf;
    for (const auto& text : answer.records) {
      if (is_spf_record(text)) spf.push_back(text);
    }
    if (!top) {
      if (is_void(answer) && !budget_.charge_void()) too_many_voids(node.term, domain);
      if (is_void(answer)) ++node.void_lookups;
    }
    if (spf.empty()) {
      node.note = "no SPF record";
      if (top) {
        records::report(out_, "spf-missing", domain + " publishes no SPF record (no TXT record starting with \"v=spf1\")");
      } else {
        records::report(out_, "spf-include-missing", "'" + node.term + "' in the record of " + parent_of(path) + ": " + domain +
                                                          " publishes no SPF record, which is permerror");
        broken_ = true;
      }
      return false;
    }
    if (spf.size() > 1) {
      records::report(out_, "spf-multiple", domain + " publishes " + std::to_string(spf.size()) + " SPF records; receivers use none");
      node.note = std::to_string(spf.size()) + " SPF records";
      broken_ = true;
      return false;
    }
    node.record = spf.front();
    auto parsed = parse_spf_record(spf.front());
    if (auto* error = std::get_if<SpfSyntaxError>(&parsed)) {
      records::report(out_, "spf-syntax", "the record of " + domain + ", column " + std::to_string(error->column) + ": " + error->message,
                      top ? Location{1, error->column} : Location{});
      node.note = "syntax error";
      broken_ = true;
      return false;
    }
    const SpfRecord& record = std::get<SpfRecord>(parsed);
    path.push_back(domain);
    for (const auto& mechanism : record.mechanisms) node.children.push_back(term(mechanism, domain, path));
    if (record.redirect && !record.has_all()) {
      node.children.push_back(follow(record.redirect->text, record.redirect->value, domain, path));
    }
    path.pop_back();
    for (const auto& child : node.children) {
      node.lookups += child.lookups;
      node.void_lookups += child.void_lookups;
    }
    return true;
  }

  const LookupBudget& budget() const { return budget_; }
  bool broken() const { return broken_; }
  const std::string& loop() const { return loop_; }

 private:
  DnsResolver& resolver_;
  Diagnostics& out_;
  LookupBudget budget_;
  bool broken_ = false;
  bool reported_voids_ = false;
  std::string loop_;  // the first include or redirect that leads back to a record being evaluated

  static std::string parent_of(const std::vector<std::string>& path) { return path.empty() ? std::string("?") : path.back(); }

  bool following() const { return budget_.terms() <= max_followed_terms; }

  void too_many_voids(const std::string& text, const std::string& domain) {
    if (reported_voids_) return;
    reported_voids_ = true;
    broken_ = true;
    records::report(out_, "spf-too-many-void-lookups", "'" + text + "' in the record of " + domain + " is void look-up " +
                                                            std::to_string(budget_.voids()) + "; at most " +
                                                            std::to_string(max_void_lookups) + " are allowed");
  }

  // A term whose domain-spec is a literal name can be looked up; one with macros depends on the message.
  static std::optional<std::string> literal_target(const std::string& spec, const std::string& domain) {
    if (spec.empty()) return domain;
    if (spec.find('%') != std::string::npos) return std::nullopt;
    return without_trailing_dot(spec);
  }

  // Counts a void answer for the term.
  void count_void(SpfTermCost& node, const DnsAnswer& answer, const std::string& domain) {
    if (answer.outcome == DnsOutcome::temporary_failure) {
      node.note = "look-up failed: " + answer.detail;
      records::report(out_, "dns-failure", "'" + node.term + "' in the record of " + domain + ": the look-up failed" +
                                               (answer.detail.empty() ? "" : " (" + answer.detail + ")") + ", which is temperror");
      broken_ = true;
      return;
    }
    if (!is_void(answer)) return;
    ++node.void_lookups;
    node.note = answer.outcome == DnsOutcome::no_name ? "void: NXDOMAIN" : "void: no records";
    if (!budget_.charge_void()) too_many_voids(node.term, domain);
  }

  SpfTermCost term(const SpfMechanism& mechanism, const std::string& domain, std::vector<std::string>& path) {
    SpfTermCost node{mechanism.text, domain, {}, 0, 0, {}, {}};
    if (mechanism.kind == SpfMechanismKind::all) {
      if (mechanism.qualifier == SpfQualifier::pass) {
        records::report(out_, "spf-pass-all", "'" + mechanism.text + "' in the record of " + domain + " lets every host on the Internet pass SPF");
      } else if (mechanism.qualifier == SpfQualifier::neutral) {
        records::report(out_, "spf-neutral-all", "'" + mechanism.text + "' in the record of " + domain + " gives every other host neutral");
      }
      return node;
    }
    if (!queries_dns(mechanism.kind)) return node;
    if (mechanism.kind == SpfMechanismKind::include) return follow(mechanism.text, mechanism.domain_spec, domain, path);
    charge(node);
    if (mechanism.kind == SpfMechanismKind::ptr) {
      records::report(out_, "spf-ptr", "'" + mechanism.text + "' in the record of " + domain + ": use ip4, ip6, a or mx instead");
      node.note = "depends on the message (the client's address)";
      return node;
    }
    auto target = literal_target(mechanism.domain_spec, domain);
    if (!target) {
      node.note = "depends on the message (macros)";
      return node;
    }
    if (!following()) return node;
    if (mechanism.kind == SpfMechanismKind::mx) {
      DnsAnswer mx = resolver_.lookup(DnsType::mx, *target);
      count_void(node, mx, domain);
      if (mx.records.size() > static_cast<std::size_t>(max_mx_names)) {
        records::report(out_, "spf-mx-too-many", "'" + mechanism.text + "' in the record of " + domain + ": " + *target + " has " +
                                                     std::to_string(mx.records.size()) + " MX records; at most " +
                                                     std::to_string(max_mx_names) + " are looked up");
        broken_ = true;
      }
      return node;
    }
    // a: the client's family decides between A and AAAA; the term is void only when both are empty.
    // exists always asks for A (§5.7).
    DnsAnswer answer = resolver_.lookup(DnsType::a, *target);
    if (mechanism.kind == SpfMechanismKind::a && is_void(answer)) {
      DnsAnswer v6 = resolver_.lookup(DnsType::aaaa, *target);
      if (!is_void(v6)) answer = v6;
    }
    count_void(node, answer, domain);
    return node;
  }

  void charge(SpfTermCost& node) {
    node.lookups = 1;
    budget_.charge_term();
  }

  // include and redirect: one term here, and everything the target's record costs.
  SpfTermCost follow(const std::string& text, const std::string& spec, const std::string& domain, std::vector<std::string>& path) {
    SpfTermCost node{text, domain, {}, 0, 0, {}, {}};
    charge(node);
    auto target = literal_target(spec, domain);
    if (!target) {
      node.note = "depends on the message (macros)";
      return node;
    }
    if (std::find(path.begin(), path.end(), *target) != path.end()) {
      node.note = "loop: " + *target + " is already being evaluated; receivers reach the limit";
      loop_ = "'" + text + "' in the record of " + domain + " loops back to " + *target;
      broken_ = true;
      return node;
    }
    if (!following()) {
      node.note = "not followed: far past the limit";
      return node;
    }
    SpfTermCost inner;
    inner.term = text;
    walk(*target, inner, path, false);
    node.domain = *target;
    node.record = inner.record;
    node.note = inner.note;
    node.children = std::move(inner.children);
    node.lookups += inner.lookups;
    node.void_lookups += inner.void_lookups;
    return node;
  }
};

}  // namespace

SpfRecordCheck check_spf_record(DnsResolver& resolver, const std::string& domain, Diagnostics& out) {
  SpfRecordCheck check;
  RecordWalk walk(resolver, out);
  std::vector<std::string> path;
  std::string name = without_trailing_dot(domain);
  check.tree.term = name;
  bool found = walk.walk(name, check.tree, path, true);
  if (!check.tree.record.empty()) check.record = check.tree.record;
  check.lookups = walk.budget().terms();
  check.void_lookups = walk.budget().voids();
  if (!walk.loop().empty()) {
    // A loop never ends below the limit: check_host() runs out of terms.
    records::report(out, "spf-too-many-lookups", walk.loop() + ": check_host() follows it until the " +
                                                     std::to_string(max_dns_terms + 1) + "th DNS-querying term, permerror");
  } else if (check.lookups > max_dns_terms) {
    records::report(out, "spf-too-many-lookups", "the SPF record of " + name + " costs " + std::to_string(check.lookups) +
                                                     " DNS-querying terms through its includes and redirects; receivers stop at " +
                                                     std::to_string(max_dns_terms) + " with permerror");
  }
  check.usable = found && !walk.broken() && check.lookups <= max_dns_terms;
  if (check.record && !check.usable) {
    records::report(out, "spf-dmarc-unusable", name + "'s SPF ends in permerror or temperror: its mail can pass DMARC only through aligned DKIM");
  }
  return check;
}

}  // namespace bimi::auth
