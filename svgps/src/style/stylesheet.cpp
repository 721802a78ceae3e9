#include "style/stylesheet.hpp"

#include "style/css_text.hpp"

namespace bimi::svgps::style {
namespace {

bool starts_with(std::string_view text, std::size_t pos, std::string_view prefix) {
  return text.substr(pos, prefix.size()) == prefix;
}

// Skips whitespace, comments and the markup tokens that may wrap CSS in SVG between statements.
std::size_t skip_between_statements(std::string_view css, std::size_t pos) {
  while (pos < css.size()) {
    if (is_css_whitespace(css[pos])) {
      ++pos;
    } else if (starts_with(css, pos, "/*")) {
      pos = skip_comment(css, pos);
    } else if (starts_with(css, pos, "<!--")) {
      pos += 4;
    } else if (starts_with(css, pos, "-->")) {
      pos += 3;
    } else if (starts_with(css, pos, "<![CDATA[")) {
      pos += 9;
    } else if (starts_with(css, pos, "]]>")) {
      pos += 3;
    } else {
      break;
    }
  }
  return pos;
}

std::string at_rule_reason(std::string_view lowered_name) {
  if (lowered_name == "media")
    return "@media rules depend on the viewer; their rules are not applied";
  if (lowered_name == "import") return "@import would load another style sheet; it is not fetched";
  if (lowered_name == "font-face") return "@font-face web fonts are not allowed in SVG Tiny P/S";
  if (lowered_name == "charset" || lowered_name == "namespace") {
    return "@" + std::string(lowered_name) + " has no effect on the converted output";
  }
  return "@" + std::string(lowered_name) + " rules are not supported";
}

class SheetParser {
 public:
  explicit SheetParser(std::string_view css) : css_(css) {}

  StyleSheet run() {
    std::size_t pos = 0;
    while (true) {
      pos = skip_between_statements(css_, pos);
      if (pos >= css_.size() || stopped_) break;
      if (sheet_.rules.size() >= kMaxRules || selector_count_ >= kMaxSelectors) {
        report(SkippedCss::Kind::limit_reached, pos, css_.substr(pos),
               "more than " + std::to_string(kMaxRules) + " rules or " +
                   std::to_string(kMaxSelectors) + " selectors; the rest of the sheet is ignored");
        break;
      }
      pos = css_[pos] == '@' ? at_rule(pos) : qualified_rule(pos);
    }
    return std::move(sheet_);
  }

 private:
  void report(SkippedCss::Kind kind, std::size_t offset, std::string_view text,
              std::string reason) {
    sheet_.skipped.push_back({kind, offset, excerpt_of(text), std::move(reason)});
  }

  // The '}' closing the block whose '{' is at `open`, or the end of the text if it stays open.
  std::size_t block_close(std::size_t open) const { return scan_until(css_, open + 1, "}"); }
  std::size_t after(std::size_t close) const { return close < css_.size() ? close + 1 : close; }

  std::size_t at_rule(std::size_t start) {
    std::size_t name_end = start + 1;
    while (name_end < css_.size() && !is_css_whitespace(css_[name_end]) &&
           std::string_view(";{}()[]\"'/").find(css_[name_end]) == std::string_view::npos) {
      ++name_end;
    }
    std::string name = to_lower_ascii(css_.substr(start + 1, name_end - start - 1));
    // A statement at-rule ends at ';', a block at-rule after its block (CSS Syntax 3, 5.4.2).
    std::size_t stop = scan_until(css_, name_end, ";{");
    std::size_t end = stop >= css_.size() ? css_.size()
                      : css_[stop] == ';' ? stop + 1
                                          : after(block_close(stop));
    report(SkippedCss::Kind::at_rule, start, css_.substr(start, std::min(end, stop) - start),
           at_rule_reason(name));
    return end;
  }

  std::size_t qualified_rule(std::size_t start) {
    std::size_t open = scan_until(css_, start, "{");
    if (open >= css_.size()) {
      report(SkippedCss::Kind::invalid_rule, start, css_.substr(start),
             "a selector without a { } declaration block");
      return css_.size();
    }
    std::size_t close = block_close(open);
    std::size_t end = after(close);
    Rule rule;
    rule.offset = start;
    if (!parse_selector_list(start, open, rule)) return end;
    if (rule.selectors.empty()) return end;  // every selector was unsupported, each reported
    rule.declarations =
        parse_declarations(css_.substr(open + 1, close - open - 1), &sheet_.skipped, open + 1);
    selector_count_ += rule.selectors.size();
    sheet_.rules.push_back(std::move(rule));
    return end;
  }

  // The prelude css_[start, open) as a comma-separated selector list. False when the rule must be
  // dropped; unsupported selectors are reported and left out.
  bool parse_selector_list(std::size_t start, std::size_t open, Rule& rule) {
    std::string_view prelude = css_.substr(start, open - start);
    std::vector<SkippedCss> unsupported;
    std::size_t pos = 0;
    while (true) {
      std::size_t comma = scan_until(prelude, pos, ",");
      std::string_view piece = prelude.substr(pos, comma - pos);
      SelectorParse parsed = parse_selector(piece);
      std::size_t lead = piece.find_first_not_of(" \t\r\n\f");
      std::size_t piece_offset = start + pos + (lead == std::string_view::npos ? 0 : lead);
      if (parsed.status == SelectorParse::Status::invalid) {
        report(SkippedCss::Kind::invalid_selector, start, prelude,
               "invalid selector '" + excerpt_of(piece) + "': " + parsed.reason +
                   "; the whole rule is dropped");
        return false;
      }
      if (parsed.status == SelectorParse::Status::unsupported) {
        unsupported.push_back({SkippedCss::Kind::unsupported_selector, piece_offset,
                               excerpt_of(piece), "unsupported: " + parsed.reason});
      } else if (selector_count_ + rule.selectors.size() >= kMaxSelectors) {
        report(SkippedCss::Kind::limit_reached, piece_offset, css_.substr(piece_offset),
               "more than " + std::to_string(kMaxSelectors) +
                   " selectors; the rest of the sheet is ignored");
        stopped_ = true;
        break;
      } else {
        rule.selectors.push_back(std::move(parsed.selector));
      }
      if (comma >= prelude.size()) break;
      pos = comma + 1;
    }
    for (SkippedCss& entry : unsupported) sheet_.skipped.push_back(std::move(entry));
    return true;
  }

  std::string_view css_;
  StyleSheet sheet_;
  std::size_t selector_count_ = 0;
  bool stopped_ = false;  // a limit was reported; the rest of the sheet is ignored
};

}  // namespace

StyleSheet parse_stylesheet(std::string_view css) { return SheetParser(css).run(); }

}  // namespace bimi::svgps::style
