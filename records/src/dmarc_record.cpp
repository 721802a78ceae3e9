#include "bimi/records/dmarc_record.hpp"

#include <array>
#include <cstdint>
#include <initializer_list>

#include "bimi/records/rules.hpp"
#include "text.hpp"

namespace bimi::records {
namespace {

constexpr std::array<std::string_view, 14> known_tags{"v",   "p",  "sp", "np", "pct", "adkim", "aspf",
                                                      "rua", "ruf", "fo", "rf", "ri",  "t",     "psd"};
// The tags RFC 9989 §9 moved to "historic" in the DMARC tag registry (its §4.7 no longer defines them).
constexpr std::array<std::string_view, 3> obsolete_tags{"pct", "rf", "ri"};

bool is_obsolete(const Tag& tag) {
  for (auto name : obsolete_tags) {
    if (tag.is(name)) return true;
  }
  return false;
}

Location column_of(const Tag& tag) { return {0, tag.value_column}; }

// ( "none" / "quarantine" / "reject" ): quoted literals, so any case (RFC 5234 §2.3).
std::optional<DmarcPolicy> policy_of(std::string_view value) {
  if (equals_any_case(value, "none")) return DmarcPolicy::none;
  if (equals_any_case(value, "quarantine")) return DmarcPolicy::quarantine;
  if (equals_any_case(value, "reject")) return DmarcPolicy::reject;
  return std::nullopt;
}

bool is_number(std::string_view text, std::size_t max_digits) {
  if (text.empty() || text.size() > max_digits) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// 1*DIGIT whose value is at most `max` (leading zeros allowed).
bool is_number_up_to(std::string_view text, std::uint64_t max) {
  if (text.empty()) return false;
  std::uint64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    auto digit = static_cast<std::uint64_t>(c - '0');
    if (value > (max - digit) / 10) return false;
    value = value * 10 + digit;
  }
  return true;
}

bool is_one_of_any_case(std::string_view value, std::initializer_list<std::string_view> literals) {
  for (auto literal : literals) {
    if (equals_any_case(value, literal)) return true;
  }
  return false;
}

// Keyword = Ldh-str = *( ALPHA / DIGIT / "-" ) Let-dig (RFC 5321 §4.1.2).
bool is_keyword(std::string_view text) {
  if (text.empty() || text.back() == '-') return false;
  for (char c : text) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

// dmarc-uri = URI [ "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] ] (RFC 7489 §6.4): the unit in any
// case, the number within 64 bits. RFC 9989 §4.8 dropped the size: dmarc-uri = URI, with '!'
// encoded. Returns why not.
std::string report_uri_problem(std::string_view uri, DmarcStandard standard) {
  std::size_t bang = uri.rfind('!');
  if (bang != std::string_view::npos && standard == DmarcStandard::rfc9989) {
    return "a '!' must be written %21: RFC 9989 has no !size suffix (RFC 7489 had one)";
  }
  if (bang != std::string_view::npos) {
    std::string_view size = uri.substr(bang + 1);
    if (!size.empty() && std::string_view("kmgtKMGT").find(size.back()) != std::string_view::npos) size.remove_suffix(1);
    if (!is_number_up_to(size, UINT64_MAX)) {
      return "its size limit after '!' is not a number (up to 64 bits) with an optional k, m, g or t";
    }
    uri = uri.substr(0, bang);
  }
  std::size_t colon = uri.find(':');
  if (colon == std::string_view::npos || colon == 0) return "it has no scheme (write mailto:address)";
  for (std::size_t i = 0; i < colon; ++i) {
    char c = uri[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.'));
    if (!ok) return "its scheme is not a URI scheme";
  }
  std::string_view rest = uri.substr(colon + 1);
  if (rest.empty()) return "nothing follows the scheme";
  for (char c : rest) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == '"' || c == '<' || c == '>' || c == '\\') {
      return "it holds a character a URI must percent-encode";
    }
  }
  if (lowercase(uri.substr(0, colon)) == "mailto") {
    std::size_t at = rest.find('@');
    if (at == std::string_view::npos || at == 0 || at + 1 == rest.size()) return "mailto: needs an address like dmarc@example.com";
  }
  return {};
}

void check_policy_tag(const Tag& tag, std::optional<DmarcPolicy>& slot, Diagnostics& out) {
  slot = policy_of(tag.value);
  if (!slot) {
    report(out, "dmarc-policy-value", tag.name + "=" + tag.value + " is not none, quarantine or reject", column_of(tag));
  }
}

// Returns true when at least one entry is a valid URI.
bool check_report_uris(const Tag& tag, DmarcStandard standard, Diagnostics& out) {
  bool any_valid = false;
  std::string_view list = tag.value;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    std::string_view raw = list.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start);
    std::string_view item = trim(raw);
    std::size_t item_offset = start + (raw.size() - ltrim(raw).size());
    std::string problem = item.empty() ? std::string("an entry is empty") : report_uri_problem(item, standard);
    any_valid = any_valid || problem.empty();
    if (!problem.empty()) {
      report(out, "dmarc-report-uri", tag.name + "= entry \"" + std::string(item) + "\": " + problem,
             {0, tag.value_column + static_cast<int>(item_offset)});
    }
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return any_valid;
}

// True when `check` holds for every ':'-separated item. White space may stand around each item,
// or with `space_after_colon` false only before a ':'.
template <typename Check>
bool each_colon_item(std::string_view list, bool space_after_colon, Check check) {
  std::size_t start = 0;
  while (true) {
    std::size_t colon = list.find(':', start);
    std::string_view raw = list.substr(start, colon == std::string_view::npos ? std::string_view::npos : colon - start);
    std::string_view item = space_after_colon ? trim(raw) : raw;
    if (!space_after_colon) {
      while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    }
    if (!check(item)) return false;
    if (colon == std::string_view::npos) return true;
    start = colon + 1;
  }
}

// fo=, rf=, ri= (RFC 7489 §6.4), t= and psd= (RFC 9989 §4.8): what receivers would misread.
void check_other_value(const Tag& tag, DmarcStandard standard, Diagnostics& out) {
  std::string_view value = tag.value;
  std::string why;
  if (tag.is("fo") && standard == DmarcStandard::rfc9989) {
    // dmarc-fo = "0" / "1" / "d" / "s" / "d:s" / "s:d" (RFC 9989 §4.8): one option, or d and s.
    if (!is_one_of_any_case(value, {"0", "1", "d", "s", "d:s", "s:d"})) why = "is not 0, 1, d, s, d:s or s:d";
  } else if (tag.is("fo")) {
    // dmarc-fo = "fo" *WSP "=" *WSP ( "0" / "1" / "d" / "s" ) *(*WSP ":" *WSP ( "0" / "1" / "d" / "s" ))
    if (!each_colon_item(value, true, [](std::string_view item) { return is_one_of_any_case(item, {"0", "1", "d", "s"}); })) {
      why = "is not a ':'-separated list of 0, 1, d and s";
    }
  } else if (tag.is("rf")) {
    // dmarc-rfmt = "rf" *WSP "=" *WSP Keyword *(*WSP ":" Keyword); registered formats only (afrf).
    if (!each_colon_item(value, false, is_keyword)) {
      why = "is not a ':'-separated list of format names";
    } else if (!each_colon_item(value, false, [](std::string_view item) { return equals_any_case(item, "afrf"); })) {
      why = "names a format that is not registered (the only one is afrf)";
    }
  } else if (tag.is("ri")) {
    // dmarc-ainterval = "ri" *WSP "=" *WSP 1*DIGIT; a 32-bit unsigned integer (§6.3).
    if (!is_number_up_to(value, UINT32_MAX)) why = "is not a whole number of seconds up to 4294967295";
  } else if (tag.is("t")) {
    if (!is_one_of_any_case(value, {"y", "n"})) why = "is not y or n";
  } else if (tag.is("psd")) {
    if (!is_one_of_any_case(value, {"y", "n", "u"})) why = "is not y, n or u";
  }
  if (!why.empty()) report(out, "dmarc-tag-value", tag.name + "=" + tag.value + " " + why, column_of(tag));
}

}  // namespace

std::string_view to_string(DmarcPolicy policy) {
  switch (policy) {
    case DmarcPolicy::none: return "none";
    case DmarcPolicy::quarantine: return "quarantine";
    case DmarcPolicy::reject: return "reject";
  }
  return "none";
}

bool DmarcRecord::usable() const {
  bool sp_broken = tags.find("sp") != nullptr && !sp;
  bool np_broken = tags.find("np") != nullptr && !np;
  return version_ok && tags.well_formed && ((p.has_value() && !sp_broken && !np_broken) || implies_none());
}

bool DmarcRecord::implies_none() const {
  bool sp_broken = tags.find("sp") != nullptr && !sp;
  bool np_broken = tags.find("np") != nullptr && !np;
  bool policy_broken = !p.has_value() || sp_broken || np_broken;
  return standard == DmarcStandard::rfc9989 && version_ok && tags.well_formed && policy_broken && valid_rua;
}

DmarcRecord parse_dmarc_record(std::string_view record, Diagnostics& out, DmarcStandard standard) {
  DmarcRecord result;
  result.standard = standard;
  result.tags = parse_tag_list(record, out);
  const TagList& list = result.tags;
  if (list.tags.empty() && !list.well_formed) return result;
  int v = list.index_of("v");
  if (v < 0) {
    report(out, "dmarc-version", "the record has no v= tag; it must start with v=DMARC1", {0, 1});
  } else {
    const Tag& tag = list.tags[static_cast<std::size_t>(v)];
    if (v != 0) report(out, "dmarc-version", "v= must be the first tag", {0, tag.column});
    if (tag.value != "DMARC1") report(out, "dmarc-version", "v=" + tag.value + " must be exactly v=DMARC1", column_of(tag));
    result.version_ok = v == 0 && tag.value == "DMARC1";
  }
  int p = list.index_of("p");
  bool rfc9989 = standard == DmarcStandard::rfc9989;
  if (p < 0 && !rfc9989) {
    report(out, "dmarc-policy-missing", "the record has no p= tag (none, quarantine or reject)", {0, 1});
  } else if (p > 0 && p != 1 && !rfc9989) {
    report(out, "dmarc-policy-order", "p= should follow v= directly", {0, list.tags[static_cast<std::size_t>(p)].column});
  }
  for (const auto& tag : list.tags) {
    bool known = false;
    for (auto name : known_tags) known = known || tag.is(name);
    if (!known) {
      report(out, "tag-unknown", "tag " + tag.name + "= is not a DMARC tag; receivers ignore it", {0, tag.column});
    } else if (rfc9989 && is_obsolete(tag)) {
      if (tag.is("pct") && is_number(tag.value, 3) && std::stoi(tag.value) <= 100) {
        result.pct = std::stoi(tag.value);
        result.pct_given = true;
      }
      report(out, "dmarc-tag-obsolete",
             tag.name + "=" + tag.value + " is obsolete: RFC 9989 removed it and its receivers ignore it" +
                 (tag.is("pct") ? " (the policy covers all mail); RFC 7489 receivers still read it" : std::string()),
             {0, tag.column});
    } else if (tag.is("p")) {
      check_policy_tag(tag, result.p, out);
    } else if (tag.is("sp")) {
      check_policy_tag(tag, result.sp, out);
    } else if (tag.is("np")) {
      check_policy_tag(tag, result.np, out);
    } else if (tag.is("pct")) {
      if (is_number(tag.value, 3) && std::stoi(tag.value) <= 100) {
        result.pct = std::stoi(tag.value);
        result.pct_given = true;
      } else {
        report(out, "dmarc-pct-value", "pct=" + tag.value + " is not a whole number from 0 to 100", column_of(tag));
      }
    } else if (tag.is("adkim") || tag.is("aspf")) {
      if (!is_one_of_any_case(tag.value, {"r", "s"})) {
        report(out, "dmarc-alignment-value", tag.name + "=" + tag.value + " is not r (relaxed) or s (strict)", column_of(tag));
      }
    } else if (tag.is("rua") || tag.is("ruf")) {
      bool valid = check_report_uris(tag, standard, out);
      if (tag.is("rua")) result.valid_rua = valid;
    } else if (!tag.is("v")) {
      check_other_value(tag, standard, out);
      if (tag.is("t") && rfc9989) result.test_mode = equals_any_case(tag.value, "y");
      if (tag.is("psd") && is_one_of_any_case(tag.value, {"y", "n", "u"})) {
        result.psd = static_cast<char>(lowercase(tag.value).front());
      }
    }
  }
  // RFC 9989 §4.10.1: without p= the record is read as p=none when rua= holds a valid URI
  // (check_record_for_bimi says so), and not applied at all otherwise.
  if (p < 0 && rfc9989 && !result.valid_rua) {
    report(out, "dmarc-policy-missing", "the record has no p= tag and no valid rua=: RFC 9989 receivers do not apply it",
           {0, 1});
  }
  return result;
}

}  // namespace bimi::records
