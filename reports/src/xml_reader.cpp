#include "bimi/reports/xml_reader.hpp"

#include <expat.h>

#include <algorithm>
#include <charconv>
#include <memory>
#include <string>
#include <vector>

#include "bimi/reports/rules.hpp"

namespace bimi::reports {
namespace {

// 9999-12-31T23:59:59Z: later dates are a broken reporter, not a report.
constexpr std::int64_t max_timestamp = 253402300799;

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t' || text.front() == '\r' ||
                           text.front() == '\n'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' ||
                           text.back() == '\n'))
    text.remove_suffix(1);
  return text;
}

// Length of the valid UTF-8 sequence at `i`, or 0 when the byte there does not start one.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t n = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  unsigned char c1 = byte(i + 1);
  if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) ||
      (c == 0xF4 && c1 > 0x8F))
    return 0;
  return n;
}

// Reporters put invalid UTF-8 in comments and names; expat would reject the whole report. Each bad
// byte becomes U+FFFD when the document declares no other encoding. nullopt when all is valid.
std::optional<std::string> repair_utf8(std::string_view xml) {
  std::string_view head = xml.substr(0, std::min<std::size_t>(xml.size(), 200));
  auto declaration_end = head.find("?>");
  if (head.starts_with("<?xml") && declaration_end != std::string_view::npos) {
    std::string declaration = lower(head.substr(0, declaration_end));
    auto at = declaration.find("encoding");
    if (at != std::string::npos && declaration.find("utf-8", at) == std::string::npos) return std::nullopt;
  }
  std::size_t i = 0;
  while (i < xml.size()) {
    std::size_t n = utf8_sequence(xml, i);
    if (n == 0) break;
    i += n;
  }
  if (i == xml.size()) return std::nullopt;
  std::string out(xml.substr(0, i));
  while (i < xml.size()) {
    std::size_t n = utf8_sequence(xml, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(xml.substr(i, n));
      i += n;
    }
  }
  return out;
}

struct ParserDeleter {
  void operator()(XML_Parser parser) const { XML_ParserFree(parser); }
};

class ReportBuilder {
 public:
  ReportBuilder(const Limits& limits, Diagnostics& out) : limits_(limits), out_(out) {}

  void start(XML_Parser parser, std::string_view qualified, const XML_Char** attributes) {
    if (failed()) return;
    std::string_view name = local_name(qualified);
    if (path_.size() >= limits_.max_xml_depth) {
      fail(parser, "report-too-deep", "elements nest deeper than " + std::to_string(limits_.max_xml_depth) + " levels");
      return;
    }
    if (path_.empty()) {
      if (name != "feedback") {
        fail(parser, "report-not-aggregate",
             "not a DMARC aggregate report: the root element is <" + std::string(name) + ">, not <feedback>");
        return;
      }
      for (const XML_Char** a = attributes; a && *a; a += 2) {
        std::string_view key = a[0];
        if ((key == "xmlns" || key.starts_with("xmlns:")) && std::string_view(a[1]).find("dmarc-2.0") != std::string_view::npos)
          report_.schema = Schema::rfc9990;
      }
      seen_root_ = true;
    }
    // The draft schema called <identifiers> <identities>.
    if (name == "identities") {
      name = "identifiers";
      saw_identities_ = true;
    }
    path_.push_back(where_.size());
    if (!where_.empty()) where_ += '/';
    where_ += name;
    text_.clear();
    const std::string& where = where_;
    if (where == "feedback/record") {
      if (report_.records.size() >= limits_.max_records) {
        fail(parser, "report-too-large", "more than " + std::to_string(limits_.max_records) + " records");
        return;
      }
      report_.records.emplace_back();
    } else if (where == "feedback/record/row/policy_evaluated/reason") {
      record().overrides.emplace_back();
    } else if (where == "feedback/record/auth_results/dkim") {
      record().dkim.emplace_back();
    } else if (where == "feedback/record/auth_results/spf") {
      record().spf.emplace_back();
    }
  }

  void text(XML_Parser parser, std::string_view chunk) {
    if (failed() || path_.empty()) return;
    if (text_.size() + chunk.size() > limits_.max_text_bytes) {
      fail(parser, "report-too-large",
           "the text of <" + where_.substr(where_.rfind('/') + 1) + "> is longer than " + std::to_string(limits_.max_text_bytes) + " bytes");
      return;
    }
    text_.append(chunk);
  }

  void end(XML_Parser parser) {
    if (failed() || path_.empty()) return;
    std::string_view value = trim(text_);
    if (!leaf(parser, where_, value)) return;
    if (where_ == "feedback/record") check_record(parser);
    where_.resize(path_.back());
    path_.pop_back();
    text_.clear();
  }

  std::optional<AggregateReport> finish() {
    if (failed()) return std::nullopt;
    if (!seen_root_) {
      report(out_, "report-not-aggregate", "not a DMARC aggregate report: no <feedback> element");
      return std::nullopt;
    }
    if (report_.schema != Schema::rfc9990 && (saw_identities_ || !saw_version_)) report_.schema = Schema::draft;
    const char* missing = report_.org_name.empty()               ? "report_metadata/org_name"
                          : report_.report_id.empty()            ? "report_metadata/report_id"
                          : !saw_begin_ || !saw_end_             ? "report_metadata/date_range"
                          : report_.policy.domain.empty()        ? "policy_published/domain"
                                                                 : nullptr;
    if (missing != nullptr) {
      report(out_, "report-missing-field", std::string("the report has no ") + missing);
      return std::nullopt;
    }
    if (report_.begin > report_.end) {
      report(out_, "report-date-range", "date_range begins after it ends");
      return std::nullopt;
    }
    return std::move(report_);
  }

  bool failed() const { return failed_; }

 private:
  static std::string_view local_name(std::string_view qualified) {
    auto colon = qualified.rfind(':');
    return colon == std::string_view::npos ? qualified : qualified.substr(colon + 1);
  }

  ReportRecord& record() { return report_.records.back(); }

  void fail(XML_Parser parser, std::string_view rule, std::string message) {
    report(out_, rule, std::move(message),
           {static_cast<int>(XML_GetCurrentLineNumber(parser)), static_cast<int>(XML_GetCurrentColumnNumber(parser)) + 1});
    failed_ = true;
    XML_StopParser(parser, XML_FALSE);
  }

  void quirk(XML_Parser parser, std::string message) {
    if (quirks_++ < 20)
      report(out_, "report-quirk", std::move(message), {static_cast<int>(XML_GetCurrentLineNumber(parser)), 0});
  }

  // A lower-case enumeration value; another case is a quirk read leniently.
  std::string enumeration(XML_Parser parser, std::string_view value, std::string_view element) {
    std::string folded = lower(value);
    if (folded != value) quirk(parser, "<" + std::string(element) + "> is \"" + std::string(value) + "\"; read as \"" + folded + "\"");
    return folded;
  }

  bool aligned_result(XML_Parser parser, std::string_view value, std::string_view element) {
    std::string folded = enumeration(parser, value, element);
    if (folded != "pass" && folded != "fail")
      quirk(parser, "policy_evaluated <" + std::string(element) + "> is \"" + std::string(value) + "\", not pass or fail; read as fail");
    return folded == "pass";
  }

  bool timestamp(XML_Parser parser, std::string_view value, std::int64_t& into) {
    std::int64_t number = 0;
    auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
    if (value.empty() || error != std::errc() || end != value.data() + value.size() || number < 0 ||
        number > max_timestamp) {
      fail(parser, "report-date-range", "date_range value \"" + std::string(value.substr(0, 40)) + "\" is not seconds between 1970 and 9999");
      return false;
    }
    into = number;
    return true;
  }

  // Stores the text of a leaf element; false when the value ends the report.
  bool leaf(XML_Parser parser, const std::string& where, std::string_view value) {
    constexpr std::string_view meta = "feedback/report_metadata/";
    constexpr std::string_view policy = "feedback/policy_published/";
    constexpr std::string_view rec = "feedback/record/";
    std::string_view w = where;
    if (w == "feedback/version") {
      saw_version_ = true;
    } else if (w.starts_with(meta)) {
      w.remove_prefix(meta.size());
      if (w == "org_name") report_.org_name = value;
      else if (w == "email") report_.email = value;
      else if (w == "report_id") report_.report_id = value;
      else if (w == "date_range/begin") return saw_begin_ = timestamp(parser, value, report_.begin);
      else if (w == "date_range/end") return saw_end_ = timestamp(parser, value, report_.end);
    } else if (w.starts_with(policy)) {
      w.remove_prefix(policy.size());
      PolicyPublished& p = report_.policy;
      if (w == "domain") p.domain = lower(value);
      else if (w == "adkim") p.adkim = lower(value);
      else if (w == "aspf") p.aspf = lower(value);
      else if (w == "p") p.p = enumeration(parser, value, "p");
      else if (w == "sp") p.sp = enumeration(parser, value, "sp");
      else if (w == "np") p.np = enumeration(parser, value, "np");
      else if (w == "pct") p.pct = value;
      else if (w == "testing") p.testing = lower(value);
    } else if (w.starts_with(rec)) {
      w.remove_prefix(rec.size());
      ReportRecord& r = record();
      if (w == "row/source_ip") r.source_ip = value;
      else if (w == "row/count") return count(parser, value, r.count);
      else if (w == "row/policy_evaluated/disposition") r.disposition = enumeration(parser, value, "disposition");
      else if (w == "row/policy_evaluated/dkim") r.dkim_aligned_pass = aligned_result(parser, value, "dkim");
      else if (w == "row/policy_evaluated/spf") r.spf_aligned_pass = aligned_result(parser, value, "spf");
      else if (w == "row/policy_evaluated/reason/type") r.overrides.back().type = enumeration(parser, value, "type");
      else if (w == "row/policy_evaluated/reason/comment") r.overrides.back().comment = value;
      else if (w == "row/policy_evaluated/reason") {
        if (r.overrides.back().type.empty()) {
          quirk(parser, "an empty <reason> is ignored");
          r.overrides.pop_back();
        }
      } else if (w == "identifiers/header_from") r.header_from = lower(value);
      else if (w == "identifiers/envelope_from") r.envelope_from = lower(value);
      else if (w == "identifiers/envelope_to") r.envelope_to = lower(value);
      else if (w == "auth_results/dkim/domain") r.dkim.back().domain = lower(value);
      else if (w == "auth_results/dkim/selector") r.dkim.back().selector = value;
      else if (w == "auth_results/dkim/result") r.dkim.back().result = enumeration(parser, value, "result");
      else if (w == "auth_results/spf/domain") r.spf.back().domain = lower(value);
      else if (w == "auth_results/spf/result") r.spf.back().result = enumeration(parser, value, "result");
    }
    return true;
  }

  bool count(XML_Parser parser, std::string_view value, std::uint64_t& into) {
    auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), into);
    if (value.empty() || error != std::errc() || end != value.data() + value.size()) {
      fail(parser, "report-count-range", "<count> \"" + std::string(value.substr(0, 40)) + "\" is not a whole number within 64 bits");
      return false;
    }
    return true;
  }

  void check_record(XML_Parser parser) {
    const ReportRecord& r = record();
    const char* missing = r.source_ip.empty() ? "row/source_ip" : r.header_from.empty() ? "identifiers/header_from" : nullptr;
    if (missing != nullptr) fail(parser, "report-missing-field", std::string("a record has no ") + missing);
  }

  const Limits& limits_;
  Diagnostics& out_;
  AggregateReport report_;
  std::string where_;               // the open elements' local names joined by '/'
  std::vector<std::size_t> path_;  // where_'s length before each open element
  std::string text_;
  bool failed_ = false, seen_root_ = false, saw_version_ = false, saw_identities_ = false;
  bool saw_begin_ = false, saw_end_ = false;
  int quirks_ = 0;
};

struct Context {
  ReportBuilder* builder;
  XML_Parser parser;
  Diagnostics* out;
  bool refused = false;
};

void refuse(Context& context, std::string message) {
  if (context.refused || context.builder->failed()) return;
  context.refused = true;
  report(*context.out, "report-doctype", std::move(message),
         {static_cast<int>(XML_GetCurrentLineNumber(context.parser)), 0});
  XML_StopParser(context.parser, XML_FALSE);
}

}  // namespace

std::optional<AggregateReport> read_aggregate_report(std::string_view xml, const Limits& limits,
                                                     Diagnostics& out) {
  if (xml.size() > limits.max_xml_bytes) {
    report(out, "report-too-large", "the report's XML is " + std::to_string(xml.size()) + " bytes; bimi reads at most " +
                                        std::to_string(limits.max_xml_bytes));
    return std::nullopt;
  }
  Diagnostics quirks;
  std::optional<std::string> repaired = repair_utf8(xml);
  if (repaired) {
    report(quirks, "report-quirk", "invalid UTF-8 bytes replaced by U+FFFD");
    xml = *repaired;
  }
  std::unique_ptr<XML_ParserStruct, ParserDeleter> parser(XML_ParserCreate(nullptr));
  if (!parser) throw std::bad_alloc();
  ReportBuilder builder(limits, out);
  for (const auto& item : quirks.items()) out.add(item);
  Context context{&builder, parser.get(), &out};
  XML_SetUserData(parser.get(), &context);
  XML_SetParamEntityParsing(parser.get(), XML_PARAM_ENTITY_PARSING_NEVER);
  XML_SetStartDoctypeDeclHandler(parser.get(), [](void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    refuse(*static_cast<Context*>(data), "the report has a DOCTYPE; reports declare none and bimi expands no entities");
  });
  XML_SetEntityDeclHandler(parser.get(), [](void* data, const XML_Char*, int, const XML_Char*, int, const XML_Char*,
                                            const XML_Char*, const XML_Char*, const XML_Char*) {
    refuse(*static_cast<Context*>(data), "the report declares an entity; bimi expands none");
  });
  XML_SetElementHandler(
      parser.get(),
      [](void* data, const XML_Char* name, const XML_Char** attributes) {
        auto& c = *static_cast<Context*>(data);
        c.builder->start(c.parser, name, attributes);
      },
      [](void* data, const XML_Char*) {
        auto& c = *static_cast<Context*>(data);
        c.builder->end(c.parser);
      });
  XML_SetCharacterDataHandler(parser.get(), [](void* data, const XML_Char* s, int length) {
    auto& c = *static_cast<Context*>(data);
    c.builder->text(c.parser, std::string_view(s, static_cast<std::size_t>(length)));
  });
  // Fed in slices: expat takes an int length.
  constexpr std::size_t slice = 1u << 20;
  std::size_t offset = 0;
  do {
    std::size_t n = std::min(slice, xml.size() - offset);
    bool last = offset + n == xml.size();
    if (XML_Parse(parser.get(), xml.data() + offset, static_cast<int>(n), last) != XML_STATUS_OK) {
      if (context.refused || builder.failed()) return std::nullopt;
      report(out, "report-not-xml",
             std::string("not well-formed XML: ") + XML_ErrorString(XML_GetErrorCode(parser.get())),
             {static_cast<int>(XML_GetCurrentLineNumber(parser.get())),
              static_cast<int>(XML_GetCurrentColumnNumber(parser.get())) + 1});
      return std::nullopt;
    }
    offset += n;
  } while (offset < xml.size());
  return builder.finish();
}

}  // namespace bimi::reports
