#include "bimi/records/bimi_record.hpp"

#include <array>
#include <optional>
#include <vector>

#include "bimi/records/rules.hpp"
#include "bimi/records/url.hpp"
#include "text.hpp"

namespace bimi::records {
namespace {

constexpr std::array<std::string_view, 5> known_tags{"v", "l", "a", "lps", "avp"};
// Suffixes of image formats receivers meet instead of SVG (BIMI draft §5.3.2 makes them errors).
constexpr std::array<std::string_view, 9> other_image_suffixes{".png", ".jpg", ".jpeg", ".gif", ".webp",
                                                               ".bmp", ".ico", ".tif", ".tiff"};

Location column_of(const Tag& tag) { return {0, tag.value_column}; }

// bimi-version = "v" *WSP "=" *WSP "BIMI1": a quoted literal, so any case (RFC 5234 §2.3). The
// prose asks for a precise match, so another spelling is a warning.
void check_version(const TagList& list, Diagnostics& out) {
  int index = list.index_of("v");
  if (index < 0) {
    report(out, "bimi-version", "the record has no v= tag; it must start with v=BIMI1", {0, 1});
    return;
  }
  const Tag& tag = list.tags[static_cast<std::size_t>(index)];
  if (index != 0) report(out, "bimi-version", "v= must be the first tag", {0, tag.column});
  if (!equals_any_case(tag.value, "BIMI1")) {
    report(out, "bimi-version", "v=" + tag.value + " must be v=BIMI1", column_of(tag));
  } else if (tag.value != "BIMI1") {
    report(out, "bimi-version-case",
           "v=" + tag.value + " matches the grammar, but the draft asks for BIMI1 exactly: some receivers may ignore it",
           column_of(tag));
  }
}

// local-part-selector = "lps" *WSP "=" *WSP *1local-part-prefix-list, prefixes of 1*63
// (ALPHA / DIGIT / "-") separated by *WSP "," *WSP. Empty is valid (every local-part matches).
// Nullopt when the value does not match; else the prefixes.
std::optional<std::vector<std::string>> prefix_list(std::string_view value) {
  std::vector<std::string> prefixes;
  if (value.empty()) return prefixes;
  std::size_t start = 0;
  while (true) {
    std::size_t comma = value.find(',', start);
    std::string_view item = trim(value.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
    if (item.empty() || item.size() > 63) return std::nullopt;
    for (char c : item) {
      bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
      if (!ok) return std::nullopt;
    }
    prefixes.emplace_back(item);
    if (comma == std::string_view::npos) return prefixes;
    start = comma + 1;
  }
}

void check_logo(const Tag& tag, Diagnostics& out) {
  auto parsed = parse_https_url(tag.value);
  if (auto* why = std::get_if<std::string>(&parsed)) {
    report(out, "bimi-logo-url", "l=" + tag.value + ": " + *why, column_of(tag));
    return;
  }
  std::string path = url_file_path(std::get<HttpsUrl>(parsed));
  if (path.ends_with(".svg") || path.ends_with(".svgz")) return;
  for (auto suffix : other_image_suffixes) {
    if (path.ends_with(suffix)) {
      report(out, "bimi-logo-format",
             "l= points to a " + std::string(suffix.substr(1)) + " file; BIMI logos are SVG Tiny P/S (.svg or .svgz)",
             column_of(tag));
      return;
    }
  }
  report(out, "bimi-logo-extension", "l= does not end with .svg or .svgz", column_of(tag));
}

void check_evidence(const Tag& tag, Diagnostics& out) {
  auto parsed = parse_https_url(tag.value);
  if (auto* why = std::get_if<std::string>(&parsed)) {
    report(out, "bimi-evidence-url", "a=" + tag.value + ": " + *why, column_of(tag));
    return;
  }
  if (!url_file_path(std::get<HttpsUrl>(parsed)).ends_with(".pem")) {
    report(out, "bimi-evidence-extension", "a= does not end with .pem", column_of(tag));
  }
}

}  // namespace

BimiRecord parse_bimi_record(std::string_view record, Diagnostics& out) {
  BimiRecord result;
  result.tags = parse_tag_list(record, out);
  const TagList& list = result.tags;
  if (list.tags.empty() && !list.well_formed) return result;
  check_version(list, out);
  for (const auto& tag : list.tags) {
    bool known = false;
    for (auto name : known_tags) known = known || tag.is(name);
    if (!known) report(out, "tag-unknown", "tag " + tag.name + "= is not a BIMI tag; receivers ignore it", {0, tag.column});
  }
  const Tag* logo = list.find("l");
  const Tag* evidence = list.find("a");
  if (logo != nullptr) result.logo_url = logo->value;
  if (evidence != nullptr) result.evidence_url = evidence->value;
  if (logo == nullptr) {
    report(out, "bimi-logo-missing", "the record has no l= tag (write l=; to decline BIMI)", {0, 1});
  } else if (!logo->value.empty()) {
    check_logo(*logo, out);
  }
  if (evidence != nullptr && !evidence->value.empty()) {
    check_evidence(*evidence, out);
    if (logo == nullptr || logo->value.empty()) {
      report(out, "bimi-evidence-without-logo", "a= is set but l= is empty: receivers find no logo",
             column_of(*evidence));
    }
  }
  if (logo != nullptr && logo->value.empty() && (evidence == nullptr || evidence->value.empty())) {
    result.declination = true;
    report(out, "bimi-declination", "this record declines BIMI: no logo is shown for this selector", {0, 1});
  }
  if (const Tag* lps = list.find("lps"); lps != nullptr) {
    if (auto prefixes = prefix_list(lps->value)) {
      result.local_part_selector = true;
      result.local_part_prefixes = std::move(*prefixes);
    } else {
      report(out, "bimi-tag-value",
             "lps=" + lps->value + " is not a comma-separated list of local-part prefixes (letters, digits and '-', at most 63 each)",
             column_of(*lps));
    }
  }
  // bimi-logo-preference = "avp" *WSP "=" *WSP %s "personal"/"brand": %s binds to the string
  // right after it (RFC 7405 §2.1), so "personal" is case-sensitive while the quoted "brand"
  // matches in any case (RFC 5234 §2.3). Other values are ignored: the default, brand, applies.
  if (const Tag* avp = list.find("avp"); avp != nullptr) {
    if (avp->value == "personal") {
      result.avatar_preference = "personal";
    } else if (!equals_any_case(avp->value, "brand")) {
      report(out, "bimi-tag-value",
             "avp=" + avp->value + " is neither personal (lower case) nor brand: receivers ignore it and show the brand logo",
             column_of(*avp));
    }
  }
  return result;
}

ComposedRecord compose_bimi_record(const ComposeRequest& request, Diagnostics& out) {
  ComposedRecord record;
  record.name = request.selector + "._bimi." + request.domain;
  record.value = "v=BIMI1; l=" + request.logo_url + ";";
  if (!request.evidence_url.empty()) record.value += " a=" + request.evidence_url + ";";
  // A URL with ';' or spaces would split the value into other tags: report it as given.
  bool splits = false;
  for (const auto& [tag, url] : {std::pair{"l", &request.logo_url}, std::pair{"a", &request.evidence_url}}) {
    if (url->find_first_of("; \t") == std::string::npos) continue;
    auto parsed = parse_https_url(*url);
    std::string why = std::holds_alternative<std::string>(parsed) ? std::get<std::string>(parsed) : std::string("it holds a space");
    report(out, std::string(tag) == "l" ? "bimi-logo-url" : "bimi-evidence-url", std::string(tag) + "=" + *url + ": " + why);
    splits = true;
  }
  if (!splits) parse_bimi_record(record.value, out);
  return record;
}

}  // namespace bimi::records
