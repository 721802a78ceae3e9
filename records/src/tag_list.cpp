#include "bimi/records/tag_list.hpp"

#include <algorithm>

#include "bimi/records/rules.hpp"
#include "text.hpp"

namespace bimi::records {
namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_tag_name(std::string_view name) {
  if (name.empty() || !is_alpha(name.front())) return false;
  return std::all_of(name.begin(), name.end(), [](char c) { return is_alpha(c) || is_digit(c) || c == '_'; });
}

Location at(std::size_t offset) { return {0, static_cast<int>(offset + 1)}; }

// A value swallowed the next tag when a comma or white space is followed by `name=`: the
// record-writer used the wrong separator. Returns the offset of that name in the value.
std::optional<std::size_t> swallowed_tag(std::string_view value) {
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] != ',' && !is_space(value[i])) continue;
    std::size_t j = i + 1;
    while (j < value.size() && is_space(value[j])) ++j;
    std::size_t name_start = j;
    while (j < value.size() && (is_alpha(value[j]) || is_digit(value[j]) || value[j] == '_')) ++j;
    if (j == name_start || !is_alpha(value[name_start])) continue;
    while (j < value.size() && is_space(value[j])) ++j;
    if (j < value.size() && value[j] == '=') return name_start;
  }
  return std::nullopt;
}

}  // namespace

bool Tag::is(std::string_view tag_name) const { return equals_any_case(name, tag_name); }

const Tag* TagList::find(std::string_view name) const {
  for (const auto& tag : tags) {
    if (tag.is(name)) return &tag;
  }
  return nullptr;
}

int TagList::index_of(std::string_view name) const {
  for (std::size_t i = 0; i < tags.size(); ++i) {
    if (tags[i].is(name)) return static_cast<int>(i);
  }
  return -1;
}

TagList parse_tag_list(std::string_view record, Diagnostics& out) {
  TagList list;
  if (record.size() > max_record_bytes) {
    report(out, "record-too-long",
           "the record is " + std::to_string(record.size()) + " bytes; bimi reads at most " +
               std::to_string(max_record_bytes));
    list.well_formed = false;
    return list;
  }
  for (std::size_t i = 0; i < record.size(); ++i) {
    auto byte = static_cast<unsigned char>(record[i]);
    if ((byte < 0x20 && !is_space(record[i])) || byte >= 0x7f) {
      report(out, "record-characters", "byte 0x" + hex_byte(byte) + " is not printable ASCII", at(i));
      list.well_formed = false;
      return list;
    }
  }
  std::size_t start = 0;
  while (start <= record.size()) {
    std::size_t end = record.find(';', start);
    if (end == std::string_view::npos) end = record.size();
    std::string_view spec = record.substr(start, end - start);
    std::size_t lead = spec.find_first_not_of(" \t\r\n");
    bool last = end == record.size();
    if (lead == std::string_view::npos) {
      // tag-list = tag-spec *( ";" tag-spec ) [ ";" ]: only the text after the last ';' may be
      // empty. Any other empty tag is the same error, at the start, the middle or the end.
      if (!last) {
        report(out, "tag-syntax", start == 0 ? "nothing before the first ';'" : "nothing between two ';'", at(end));
        list.well_formed = false;
      }
    } else {
      std::size_t offset = start + lead;
      std::string_view body = trim(spec);
      std::size_t equals = body.find('=');
      if (equals == std::string_view::npos) {
        report(out, "tag-syntax", "\"" + std::string(body) + "\" is not name=value", at(offset));
        list.well_formed = false;
      } else {
        std::string_view name = trim(body.substr(0, equals));
        std::string_view raw_value = body.substr(equals + 1);
        std::string_view value = trim(raw_value);
        std::size_t value_offset = offset + equals + 1 + (raw_value.size() - ltrim(raw_value).size());
        if (!is_tag_name(name)) {
          report(out, "tag-syntax", "\"" + std::string(name) + "\" is not a tag name", at(offset));
          list.well_formed = false;
        } else if (list.find(name) != nullptr) {
          report(out, "tag-duplicate", "tag " + std::string(name) + "= appears more than once", at(offset));
          list.well_formed = false;
        } else {
          if (auto swallowed = swallowed_tag(value)) {
            report(out, "tag-separator",
                   "the value of " + std::string(name) + "= runs into \"" +
                       std::string(value.substr(*swallowed, value.find('=', *swallowed) - *swallowed + 1)) +
                       "\": separate tags with ';'",
                   at(value_offset + *swallowed));
            list.well_formed = false;
          }
          list.tags.push_back({std::string(name), std::string(value), static_cast<int>(offset + 1),
                               static_cast<int>(value_offset + 1)});
        }
      }
    }
    if (last) break;
    start = end + 1;
  }
  return list;
}

bool starts_with_version(std::string_view record, std::string_view version, LiteralCase version_case) {
  std::string_view rest = ltrim(record);
  if (rest.empty() || (rest.front() != 'v' && rest.front() != 'V')) return false;
  rest = ltrim(rest.substr(1));
  if (rest.empty() || rest.front() != '=') return false;
  rest = ltrim(rest.substr(1));
  std::string_view written = rest.substr(0, version.size());
  if (version_case == LiteralCase::exact ? written != version : !equals_any_case(written, version)) return false;
  rest = ltrim(rest.substr(written.size()));
  return rest.empty() || rest.front() == ';';
}

bool looks_like_version(std::string_view record, std::string_view protocol) {
  std::string start = lowercase(ltrim(record).substr(0, 16));
  return !start.empty() && start.front() == 'v' && start.find(lowercase(protocol)) != std::string::npos;
}

}  // namespace bimi::records
