#include "bimi/auth/spf_record.hpp"

#include <algorithm>
#include <array>

#include "ascii.hpp"
#include "bimi/auth/spf_macro.hpp"

namespace bimi::auth {
namespace {

constexpr std::array<std::pair<std::string_view, SpfMechanismKind>, 8> mechanism_names{{
    {"all", SpfMechanismKind::all},
    {"include", SpfMechanismKind::include},
    {"a", SpfMechanismKind::a},
    {"mx", SpfMechanismKind::mx},
    {"ptr", SpfMechanismKind::ptr},
    {"ip4", SpfMechanismKind::ip4},
    {"ip6", SpfMechanismKind::ip6},
    {"exists", SpfMechanismKind::exists},
}};

struct TermError {
  std::string message;
  std::size_t offset = 0;  // within the term
};

// toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
bool is_toplabel(std::string_view label) {
  if (label.empty() || label.front() == '-' || label.back() == '-') return false;
  bool has_alpha = false, has_dash = false;
  for (char c : label) {
    if (c == '-') {
      has_dash = true;
    } else if (!is_alnum(c)) {
      return false;
    } else if (is_alpha(c)) {
      has_alpha = true;
    }
  }
  return has_alpha || has_dash;
}

// domain-spec = macro-string domain-end; domain-end = ( "." toplabel [ "." ] ) / macro-expand
std::optional<TermError> check_domain_spec(std::string_view spec, std::size_t offset) {
  if (spec.empty()) return TermError{"a domain is required after ':' or '='", offset};
  if (auto error = check_macro_string(spec, MacroUse::domain_spec)) {
    return TermError{error->message, offset + error->offset};
  }
  // Ends with a macro-expand: "}" of %{..}, or %%, %_, %- (a trailing '%' pair).
  if (spec.back() == '}') return std::nullopt;
  if (spec.size() >= 2 && spec[spec.size() - 2] == '%') {
    char last = spec.back();
    if (last == '%' || last == '_' || last == '-') {
      // Only a macro-expand if that '%' is not itself the second half of "%%".
      std::size_t percents = 0;
      for (std::size_t i = spec.size() - 1; i-- > 0 && spec[i] == '%';) ++percents;
      if (percents % 2 == 1) return std::nullopt;
    }
  }
  std::string_view name = spec;
  if (name.back() == '.') name.remove_suffix(1);
  std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || !is_toplabel(name.substr(dot + 1)) || name.find('%', dot) != std::string_view::npos) {
    return TermError{"the domain must end with '.' and a top-level label (letters, digits, inner '-'; not all digits) or a macro",
                     offset};
  }
  return std::nullopt;
}

// "/" followed by 0 or a number without a leading zero, at most `max`.
std::optional<int> parse_cidr(std::string_view digits, int max) {
  if (digits.empty() || digits.size() > 3) return std::nullopt;
  if (digits.size() > 1 && digits.front() == '0') return std::nullopt;
  int value = 0;
  for (char c : digits) {
    if (!is_digit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value > max) return std::nullopt;
  return value;
}

// Where the dual-cidr-length (§5.3: [ "/" ip4-length ] [ "//" ip6-length ]) at the end of an a or mx
// argument begins: the domain-spec may itself hold '/' ("a:foo:bar/baz.example.com").
std::size_t dual_cidr_start(std::string_view argument) {
  auto digits_before = [&](std::size_t end) {
    std::size_t start = end;
    while (start > 0 && is_digit(argument[start - 1])) --start;
    return start;
  };
  std::size_t end = argument.size();
  std::size_t start = digits_before(end);
  if (start == end || start == 0 || argument[start - 1] != '/') return argument.size();
  std::size_t slash = start - 1;
  if (slash > 0 && argument[slash - 1] == '/') {
    // "//ip6"; an ip4 length may stand before it.
    std::size_t v6_start = slash - 1;
    std::size_t v4_digits = digits_before(v6_start);
    if (v4_digits != v6_start && v4_digits > 0 && argument[v4_digits - 1] == '/') return v4_digits - 1;
    return v6_start;
  }
  return slash;
}

std::optional<TermError> parse_dual_cidr(std::string_view cidr, std::size_t offset, SpfMechanism& mechanism) {
  std::size_t v6_at = cidr.find("//");
  std::string_view v4 = cidr.substr(0, v6_at);
  if (!v4.empty()) {
    auto length = parse_cidr(v4.substr(1), 32);
    if (!length) return TermError{"'" + std::string(v4.substr(1)) + "' is not an IPv4 prefix length (0 to 32)", offset + 1};
    mechanism.cidr4 = *length;
  }
  if (v6_at != std::string_view::npos) {
    std::string_view v6 = cidr.substr(v6_at + 2);
    auto length = parse_cidr(v6, 128);
    if (!length) return TermError{"'" + std::string(v6) + "' is not an IPv6 prefix length (0 to 128)", offset + v6_at + 2};
    mechanism.cidr6 = *length;
  }
  return std::nullopt;
}

std::optional<TermError> parse_mechanism(std::string_view term, std::size_t name_start, SpfMechanism& mechanism) {
  std::size_t name_end = name_start;
  while (name_end < term.size() && is_alnum(term[name_end])) ++name_end;
  std::string name = ascii_lower(term.substr(name_start, name_end - name_start));
  const auto* known = std::find_if(mechanism_names.begin(), mechanism_names.end(), [&](const auto& entry) { return entry.first == name; });
  if (known == mechanism_names.end()) {
    return TermError{"'" + std::string(term.substr(name_start, name_end - name_start)) +
                         "' is not a mechanism (all, include, a, mx, ptr, ip4, ip6, exists) nor a modifier (name=value)",
                     name_start};
  }
  mechanism.kind = known->second;
  std::string_view rest = term.substr(name_end);
  std::size_t rest_offset = name_end;
  bool has_argument = !rest.empty() && rest.front() == ':';
  switch (mechanism.kind) {
    case SpfMechanismKind::all:
      if (!rest.empty()) return TermError{"'all' takes no argument", rest_offset};
      return std::nullopt;
    case SpfMechanismKind::include:
    case SpfMechanismKind::exists:
      if (!has_argument) return TermError{"'" + name + "' needs ':' and a domain", rest_offset};
      mechanism.domain_spec = std::string(rest.substr(1));
      return check_domain_spec(rest.substr(1), rest_offset + 1);
    case SpfMechanismKind::ptr:
      if (rest.empty()) return std::nullopt;
      if (!has_argument) return TermError{"'ptr' takes ':' and a domain, nothing else", rest_offset};
      mechanism.domain_spec = std::string(rest.substr(1));
      return check_domain_spec(rest.substr(1), rest_offset + 1);
    case SpfMechanismKind::a:
    case SpfMechanismKind::mx: {
      if (rest.empty()) return std::nullopt;
      if (rest.front() != ':' && rest.front() != '/') return TermError{"'" + name + "' takes ':' and a domain or '/' and a prefix length", rest_offset};
      std::string_view argument = rest.substr(has_argument ? 1 : 0);
      std::size_t argument_offset = rest_offset + (has_argument ? 1 : 0);
      std::size_t cidr = dual_cidr_start(argument);
      if (has_argument) {
        std::string_view spec = argument.substr(0, cidr);
        mechanism.domain_spec = std::string(spec);
        if (auto error = check_domain_spec(spec, argument_offset)) return error;
      } else if (cidr != 0) {
        return TermError{"'" + std::string(argument) + "' is not a prefix length ('/24', '//64' or '/24//64')", argument_offset};
      }
      if (cidr == argument.size()) return std::nullopt;
      return parse_dual_cidr(argument.substr(cidr), argument_offset + cidr, mechanism);
    }
    case SpfMechanismKind::ip4:
    case SpfMechanismKind::ip6: {
      if (!has_argument) return TermError{"'" + name + "' needs ':' and an address", rest_offset};
      std::string_view argument = rest.substr(1);
      std::size_t slash = argument.find('/');
      std::string_view address = argument.substr(0, slash);
      auto parsed = IpAddress::parse(address);
      bool v6 = mechanism.kind == SpfMechanismKind::ip6;
      // An IPv4-mapped address written in ip6 stays an IPv6 network (it never matches IPv4).
      if (v6 && parsed && !parsed->v6 && address.find(':') != std::string_view::npos) {
        IpAddress mapped;
        mapped.v6 = true;
        mapped.bytes[10] = mapped.bytes[11] = 0xff;
        std::copy_n(parsed->bytes.begin(), 4, mapped.bytes.begin() + 12);
        parsed = mapped;
      }
      if (!parsed || parsed->v6 != v6) {
        return TermError{"'" + std::string(address) + "' is not an " + (v6 ? "IPv6" : "IPv4") + " address", rest_offset + 1};
      }
      mechanism.network = *parsed;
      if (slash == std::string_view::npos) return std::nullopt;
      std::string_view digits = argument.substr(slash + 1);
      auto length = parse_cidr(digits, v6 ? 128 : 32);
      if (!length) {
        return TermError{"'" + std::string(digits) + "' is not a prefix length (0 to " + (v6 ? "128" : "32") + ")", rest_offset + 2 + slash};
      }
      (v6 ? mechanism.cidr6 : mechanism.cidr4) = *length;
      return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace

bool SpfRecord::has_all() const {
  return std::any_of(mechanisms.begin(), mechanisms.end(), [](const SpfMechanism& m) { return m.kind == SpfMechanismKind::all; });
}

bool is_spf_record(std::string_view text) {
  return text.size() >= 6 && iequals(text.substr(0, 6), "v=spf1") && (text.size() == 6 || text[6] == ' ');
}

std::variant<SpfRecord, SpfSyntaxError> parse_spf_record(std::string_view text) {
  if (text.size() > max_spf_record_bytes) {
    return SpfSyntaxError{"the record is longer than " + std::to_string(max_spf_record_bytes) + " bytes", 1};
  }
  if (!is_spf_record(text)) return SpfSyntaxError{"the record does not start with 'v=spf1' and a space", 1};
  SpfRecord record;
  std::size_t at = 6;
  while (at < text.size()) {
    if (text[at] == ' ') {
      ++at;
      continue;
    }
    std::size_t end = text.find(' ', at);
    if (end == std::string_view::npos) end = text.size();
    std::string_view term = text.substr(at, end - at);
    auto column = [&](std::size_t offset) { return static_cast<int>(at + offset + 1); };
    for (std::size_t i = 0; i < term.size(); ++i) {
      auto byte = static_cast<unsigned char>(term[i]);
      if (byte < 0x21 || byte > 0x7e) {
        return SpfSyntaxError{"character " + describe_byte(term[i]) + " is not allowed in a record (terms are separated by spaces)", column(i)};
      }
    }
    // A modifier is name "=" macro-string, name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ).
    std::size_t name_end = 0;
    if (is_alpha(term[0])) {
      name_end = 1;
      while (name_end < term.size() && (is_alnum(term[name_end]) || term[name_end] == '-' || term[name_end] == '_' || term[name_end] == '.')) ++name_end;
    }
    if (name_end > 0 && name_end < term.size() && term[name_end] == '=') {
      SpfModifier modifier{std::string(term.substr(0, name_end)), std::string(term.substr(name_end + 1)), std::string(term), column(0)};
      std::string lower = ascii_lower(modifier.name);
      if (lower == "redirect" || lower == "exp") {
        modifier.name = lower;
        auto& slot = lower == "redirect" ? record.redirect : record.explanation;
        if (slot) return SpfSyntaxError{"'" + lower + "=' appears twice (RFC 7208 §6)", column(0)};
        if (auto error = check_domain_spec(modifier.value, name_end + 1)) return SpfSyntaxError{error->message, column(error->offset)};
        slot = std::move(modifier);
      } else {
        if (auto error = check_macro_string(modifier.value, MacroUse::domain_spec)) {
          return SpfSyntaxError{error->message, column(name_end + 1 + error->offset)};
        }
        record.unknown_modifiers.push_back(std::move(modifier));
      }
    } else {
      SpfMechanism mechanism;
      mechanism.text = std::string(term);
      mechanism.column = column(0);
      std::size_t name_start = 0;
      switch (term[0]) {
        case '+': mechanism.qualifier = SpfQualifier::pass; name_start = 1; break;
        case '-': mechanism.qualifier = SpfQualifier::fail; name_start = 1; break;
        case '~': mechanism.qualifier = SpfQualifier::softfail; name_start = 1; break;
        case '?': mechanism.qualifier = SpfQualifier::neutral; name_start = 1; break;
        default: break;
      }
      if (auto error = parse_mechanism(term, name_start, mechanism)) return SpfSyntaxError{error->message, column(error->offset)};
      record.mechanisms.push_back(std::move(mechanism));
    }
    at = end;
  }
  return record;
}

std::string_view to_string(SpfMechanismKind kind) {
  for (const auto& [name, value] : mechanism_names) {
    if (value == kind) return name;
  }
  return "?";
}

char to_char(SpfQualifier qualifier) {
  switch (qualifier) {
    case SpfQualifier::pass: return '+';
    case SpfQualifier::fail: return '-';
    case SpfQualifier::softfail: return '~';
    case SpfQualifier::neutral: return '?';
  }
  return '?';
}

bool queries_dns(SpfMechanismKind kind) {
  return kind == SpfMechanismKind::include || kind == SpfMechanismKind::a || kind == SpfMechanismKind::mx ||
         kind == SpfMechanismKind::ptr || kind == SpfMechanismKind::exists;
}

}  // namespace bimi::auth
