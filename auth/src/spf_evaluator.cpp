#include "bimi/auth/spf_evaluator.hpp"

#include <optional>

#include "ascii.hpp"
#include "bimi/auth/spf_limits.hpp"
#include "bimi/auth/spf_macro.hpp"
#include "bimi/auth/spf_record.hpp"

namespace bimi::auth {
namespace {

struct Verdict {
  SpfResult result = SpfResult::neutral;
  std::string reason;
};

std::string without_trailing_dot(std::string name) {
  if (!name.empty() && name.back() == '.') name.pop_back();
  return name;
}

bool is_subdomain_or_same(std::string_view name, std::string_view target) {
  if (iequals(name, target)) return true;
  return name.size() > target.size() && name[name.size() - target.size() - 1] == '.' &&
         iequals(name.substr(name.size() - target.size()), target);
}

SpfResult result_of(SpfQualifier qualifier) {
  switch (qualifier) {
    case SpfQualifier::pass: return SpfResult::pass;
    case SpfQualifier::fail: return SpfResult::fail;
    case SpfQualifier::softfail: return SpfResult::softfail;
    case SpfQualifier::neutral: return SpfResult::neutral;
  }
  return SpfResult::neutral;
}

std::string describe(const DnsAnswer& answer) {
  switch (answer.outcome) {
    case DnsOutcome::found: return std::to_string(answer.records.size()) + " record(s)";
    case DnsOutcome::no_data: return "no data";
    case DnsOutcome::no_name: return "NXDOMAIN";
    case DnsOutcome::temporary_failure: return "temporary failure" + (answer.detail.empty() ? "" : " (" + answer.detail + ")");
  }
  return {};
}

// One check_host() run: the budget and trace are shared by every include and redirect.
class Evaluation {
 public:
  Evaluation(DnsResolver& resolver, const SpfRequest& request, SpfOutcome& outcome)
      : resolver_(resolver), request_(request), outcome_(outcome) {}

  Verdict run(const std::string& domain, const std::string& local_part, const std::string& sender_domain) {
    context_.local_part = local_part;
    context_.sender_domain = sender_domain;
    context_.ip = request_.ip;
    context_.helo = request_.helo;
    context_.receiver = request_.receiver;
    context_.timestamp = request_.timestamp;
    return evaluate(domain, 0, false);
  }

  const LookupBudget& budget() const { return budget_; }

 private:
  DnsResolver& resolver_;
  const SpfRequest& request_;
  SpfOutcome& outcome_;
  LookupBudget budget_;
  MacroContext context_;

  void note(int depth, const std::string& domain, std::string text) {
    outcome_.trace.push_back({depth, domain, std::move(text)});
  }

  DnsAnswer query(DnsType type, const std::string& name, int depth, const std::string& domain) {
    DnsAnswer answer = resolver_.lookup(type, name);
    note(depth, domain, "query " + std::string(to_string(type)) + " " + name + ": " + describe(answer));
    return answer;
  }

  // Address records of `name` in the client's family; the records parse as addresses.
  DnsAnswer addresses(const std::string& name, int depth, const std::string& domain) {
    return query(request_.ip.v6 ? DnsType::aaaa : DnsType::a, name, depth, domain);
  }

  // The validated names of §5.5: PTR names of <ip> whose addresses include <ip>; at most
  // max_ptr_names are checked, DNS errors skip a name.
  std::vector<std::string> validated_names(int depth, const std::string& domain) {
    std::vector<std::string> names;
    DnsAnswer ptr = query(DnsType::ptr, reverse_name(request_.ip), depth, domain);
    if (ptr.outcome != DnsOutcome::found) return names;
    for (std::size_t i = 0; i < ptr.records.size() && i < static_cast<std::size_t>(max_ptr_names); ++i) {
      std::string name = without_trailing_dot(ptr.records[i]);
      if (!is_valid_spf_domain(name)) continue;
      DnsAnswer answer = addresses(name, depth, domain);
      if (answer.outcome != DnsOutcome::found) continue;
      for (const auto& text : answer.records) {
        if (auto address = IpAddress::parse(text); address && *address == request_.ip) {
          names.push_back(name);
          break;
        }
      }
    }
    return names;
  }

  MacroContext context_for(const std::string& domain, int depth) {
    MacroContext context = context_;
    context.domain = domain;
    context.validated_name = [this, domain, depth] {
      auto names = validated_names(depth, domain);
      for (const auto& name : names) {
        if (is_subdomain_or_same(name, domain)) return name;
      }
      return names.empty() ? std::string("unknown") : names.front();
    };
    return context;
  }

  // The <target-name> of a term: its expanded domain-spec, or <domain>.
  std::optional<std::string> target_of(const std::string& spec, const std::string& domain, int depth, std::string& error) {
    if (spec.empty()) return domain;
    MacroExpansion expansion = expand_macros(spec, context_for(domain, depth), MacroUse::domain_spec);
    if (expansion.error) {
      error = expansion.error->message;
      return std::nullopt;
    }
    return without_trailing_dot(expansion.text);
  }

  // The record at `domain` (§4.4, §4.5): nullopt with the verdict set when there is none to use.
  std::optional<SpfRecord> fetch_record(const std::string& domain, int depth, Verdict& verdict) {
    DnsAnswer answer = query(DnsType::txt, domain, depth, domain);
    if (answer.outcome == DnsOutcome::temporary_failure) {
      verdict = {SpfResult::temperror, "the TXT look-up of " + domain + " failed: " + describe(answer)};
      return std::nullopt;
    }
    std::vector<const std::string*> spf;
    for (const auto& text : answer.records) {
      if (is_spf_record(text)) spf.push_back(&text);
    }
    if (spf.empty()) {
      verdict = {SpfResult::none, domain + " publishes no SPF record"};
      return std::nullopt;
    }
    if (spf.size() > 1) {
      verdict = {SpfResult::permerror, domain + " publishes " + std::to_string(spf.size()) + " SPF records (RFC 7208 §4.5)"};
      return std::nullopt;
    }
    note(depth, domain, "record: " + *spf.front());
    auto parsed = parse_spf_record(*spf.front());
    if (auto* error = std::get_if<SpfSyntaxError>(&parsed)) {
      verdict = {SpfResult::permerror, "syntax error in the record of " + domain + " at column " + std::to_string(error->column) + ": " + error->message};
      return std::nullopt;
    }
    return std::get<SpfRecord>(std::move(parsed));
  }

  // Charges one DNS-querying term; a verdict when the limit of §4.6.4 is passed.
  std::optional<Verdict> charge_term(const std::string& text) {
    if (budget_.charge_term()) return std::nullopt;
    return Verdict{SpfResult::permerror, "'" + text + "' is DNS-querying term " + std::to_string(budget_.terms()) +
                                             "; at most " + std::to_string(max_dns_terms) + " are evaluated (RFC 7208 §4.6.4)"};
  }

  std::optional<Verdict> charge_void(const DnsAnswer& answer, const std::string& text) {
    if (!is_void(answer) || budget_.charge_void()) return std::nullopt;
    return Verdict{SpfResult::permerror, "'" + text + "' is void look-up " + std::to_string(budget_.voids()) + "; at most " +
                                             std::to_string(max_void_lookups) + " are allowed (RFC 7208 §4.6.4)"};
  }

  static bool any_address_matches(const DnsAnswer& answer, const IpAddress& ip, int prefix) {
    for (const auto& text : answer.records) {
      if (auto address = IpAddress::parse(text); address && ip.matches(*address, prefix)) return true;
    }
    return false;
  }

  // A mechanism: nullopt when it does not match, the verdict when it matches or errs.
  std::optional<Verdict> evaluate_mechanism(const SpfMechanism& m, const std::string& domain, int depth) {
    const IpAddress& ip = request_.ip;
    int prefix = ip.v6 ? m.cidr6 : m.cidr4;
    Verdict match{result_of(m.qualifier), "'" + m.text + "' matched in the record of " + domain};
    if (queries_dns(m.kind)) {
      if (auto exceeded = charge_term(m.text)) return exceeded;
    }
    std::string error;
    std::optional<std::string> target;
    if (queries_dns(m.kind)) {
      target = target_of(m.domain_spec, domain, depth, error);
      if (!target) return Verdict{SpfResult::permerror, "'" + m.text + "': " + error};
    }
    switch (m.kind) {
      case SpfMechanismKind::all: return match;
      case SpfMechanismKind::ip4:
      case SpfMechanismKind::ip6:
        if (ip.matches(m.network, prefix)) return match;
        return std::nullopt;
      case SpfMechanismKind::a: {
        if (!is_valid_spf_domain(*target)) return std::nullopt;
        DnsAnswer answer = addresses(*target, depth, domain);
        if (answer.outcome == DnsOutcome::temporary_failure) return Verdict{SpfResult::temperror, "'" + m.text + "': " + describe(answer)};
        if (auto exceeded = charge_void(answer, m.text)) return exceeded;
        if (any_address_matches(answer, ip, prefix)) return match;
        return std::nullopt;
      }
      case SpfMechanismKind::mx: {
        if (!is_valid_spf_domain(*target)) return std::nullopt;
        DnsAnswer mx = query(DnsType::mx, *target, depth, domain);
        if (mx.outcome == DnsOutcome::temporary_failure) return Verdict{SpfResult::temperror, "'" + m.text + "': " + describe(mx)};
        if (auto exceeded = charge_void(mx, m.text)) return exceeded;
        if (mx.records.size() > static_cast<std::size_t>(max_mx_names)) {
          return Verdict{SpfResult::permerror, "'" + m.text + "': " + *target + " has " + std::to_string(mx.records.size()) +
                                                   " MX names; at most " + std::to_string(max_mx_names) + " are looked up (RFC 7208 §4.6.4)"};
        }
        for (const auto& exchange : mx.records) {
          std::string name = without_trailing_dot(exchange);
          if (!is_valid_spf_domain(name)) continue;
          DnsAnswer answer = addresses(name, depth, domain);
          if (answer.outcome == DnsOutcome::temporary_failure) return Verdict{SpfResult::temperror, "'" + m.text + "': " + describe(answer)};
          if (any_address_matches(answer, ip, prefix)) return match;
        }
        return std::nullopt;
      }
      case SpfMechanismKind::ptr: {
        for (const auto& name : validated_names(depth, domain)) {
          if (is_subdomain_or_same(name, *target)) return match;
        }
        return std::nullopt;
      }
      case SpfMechanismKind::exists: {
        if (!is_valid_spf_domain(*target)) return std::nullopt;
        // exists always asks for A records, whatever the client's family (§5.7).
        DnsAnswer answer = query(DnsType::a, *target, depth, domain);
        if (answer.outcome == DnsOutcome::temporary_failure) return Verdict{SpfResult::temperror, "'" + m.text + "': " + describe(answer)};
        if (auto exceeded = charge_void(answer, m.text)) return exceeded;
        if (answer.outcome == DnsOutcome::found && !answer.records.empty()) return match;
        return std::nullopt;
      }
      case SpfMechanismKind::include: {
        note(depth, domain, "include " + *target);
        Verdict inner = evaluate(*target, depth + 1, true);
        switch (inner.result) {
          case SpfResult::pass: return match;
          case SpfResult::fail:
          case SpfResult::softfail:
          case SpfResult::neutral: return std::nullopt;
          case SpfResult::temperror: return inner;
          case SpfResult::none:
            return Verdict{SpfResult::permerror, "'" + m.text + "': " + inner.reason + " (an include without a record is permerror, RFC 7208 §5.2)"};
          case SpfResult::permerror: return inner;
        }
        return std::nullopt;
      }
    }
    return std::nullopt;
  }

  // §6.2: the explanation of a fail, or empty when there is none to give.
  std::string explanation(const SpfModifier& exp, const std::string& domain, int depth) {
    std::string error;
    auto target = target_of(exp.value, domain, depth, error);
    if (!target || !is_valid_spf_domain(*target)) return {};
    DnsAnswer answer = query(DnsType::txt, *target, depth, domain);
    if (answer.outcome != DnsOutcome::found || answer.records.size() != 1) return {};
    MacroExpansion text = expand_macros(answer.records.front(), context_for(domain, depth), MacroUse::explanation);
    if (text.error) return {};
    // Only printable ASCII is shown (§6.2: the explanation string is US-ASCII).
    for (char c : text.text) {
      if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7e) return {};
    }
    return text.text;
  }

  Verdict evaluate(const std::string& domain, int depth, bool in_include) {
    Verdict verdict;
    auto record = fetch_record(domain, depth, verdict);
    if (!record) return verdict;
    for (const auto& mechanism : record->mechanisms) {
      auto result = evaluate_mechanism(mechanism, domain, depth);
      if (!result) {
        note(depth, domain, "'" + mechanism.text + "' did not match");
        continue;
      }
      note(depth, domain, "'" + mechanism.text + "': " + std::string(to_string(result->result)));
      if (result->result == SpfResult::fail && !in_include && record->explanation && outcome_.explanation.empty()) {
        outcome_.explanation = explanation(*record->explanation, domain, depth);
      }
      return *result;
    }
    // §6.1: redirect applies when no mechanism matched and the record has no "all".
    if (record->redirect && !record->has_all()) {
      const SpfModifier& redirect = *record->redirect;
      if (auto exceeded = charge_term(redirect.text)) return *exceeded;
      std::string error;
      auto target = target_of(redirect.value, domain, depth, error);
      if (!target) return {SpfResult::permerror, "'" + redirect.text + "': " + error};
      note(depth, domain, "redirect to " + *target);
      if (!is_valid_spf_domain(*target)) {
        return {SpfResult::permerror, "'" + redirect.text + "' names no valid domain (RFC 7208 §6.1)"};
      }
      Verdict inner = evaluate(*target, depth + 1, in_include);
      if (inner.result == SpfResult::none) {
        return {SpfResult::permerror, "'" + redirect.text + "': " + inner.reason + " (RFC 7208 §6.1)"};
      }
      return inner;
    }
    return {SpfResult::neutral, "no term matched in the record of " + domain + ": neutral (RFC 7208 §4.7)"};
  }
};

SpfOutcome run_check(DnsResolver& resolver, const SpfRequest& request, const std::string& domain, const std::string& sender) {
  SpfOutcome outcome;
  outcome.domain = domain;
  std::string name = without_trailing_dot(domain);
  std::size_t at = sender.rfind('@');
  std::string local_part = at == std::string::npos ? std::string() : sender.substr(0, at);
  std::string sender_domain = at == std::string::npos ? sender : sender.substr(at + 1);
  if (local_part.empty()) local_part = "postmaster";
  if (!is_valid_spf_domain(name)) {
    outcome.result = SpfResult::none;
    outcome.reason = "'" + domain + "' is not a domain name SPF can check (RFC 7208 §4.3)";
    return outcome;
  }
  Evaluation evaluation(resolver, request, outcome);
  Verdict verdict = evaluation.run(name, local_part, sender_domain);
  outcome.result = verdict.result;
  outcome.reason = verdict.reason;
  outcome.dns_terms = evaluation.budget().terms();
  outcome.void_lookups = evaluation.budget().voids();
  if (outcome.result != SpfResult::fail) outcome.explanation.clear();
  return outcome;
}

}  // namespace

std::string_view to_string(SpfResult result) {
  switch (result) {
    case SpfResult::none: return "none";
    case SpfResult::neutral: return "neutral";
    case SpfResult::pass: return "pass";
    case SpfResult::fail: return "fail";
    case SpfResult::softfail: return "softfail";
    case SpfResult::temperror: return "temperror";
    case SpfResult::permerror: return "permerror";
  }
  return "none";
}

std::string_view to_string(DnsType type) {
  switch (type) {
    case DnsType::txt: return "TXT";
    case DnsType::a: return "A";
    case DnsType::aaaa: return "AAAA";
    case DnsType::mx: return "MX";
    case DnsType::ptr: return "PTR";
  }
  return "?";
}

bool is_void(const DnsAnswer& answer) {
  return answer.outcome == DnsOutcome::no_name || answer.outcome == DnsOutcome::no_data ||
         (answer.outcome == DnsOutcome::found && answer.records.empty());
}

bool is_valid_spf_domain(std::string_view domain) {
  if (!domain.empty() && domain.back() == '.') domain.remove_suffix(1);
  if (domain.empty() || domain.size() > 253 || domain.front() == '[') return false;
  std::size_t labels = 0;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = domain.find('.', start);
    std::size_t length = (dot == std::string_view::npos ? domain.size() : dot) - start;
    if (length == 0 || length > 63) return false;
    ++labels;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return labels >= 2;
}

SpfOutcome check_host(DnsResolver& resolver, const SpfRequest& request, const std::string& domain, const std::string& sender) {
  return run_check(resolver, request, domain, sender);
}

SpfOutcome check_mail_from(DnsResolver& resolver, const SpfRequest& request) {
  if (request.mail_from.empty()) return check_helo(resolver, request);
  std::size_t at = request.mail_from.rfind('@');
  std::string domain = at == std::string::npos ? request.mail_from : request.mail_from.substr(at + 1);
  return run_check(resolver, request, domain, request.mail_from);
}

SpfOutcome check_helo(DnsResolver& resolver, const SpfRequest& request) {
  return run_check(resolver, request, request.helo, "postmaster@" + request.helo);
}

}  // namespace bimi::auth
