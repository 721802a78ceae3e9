#include "bimi/auth/dkim_canonical.hpp"

namespace bimi::auth {
namespace {

bool is_wsp(char c) { return c == ' ' || c == '\t'; }

// Drops every trailing CRLF: both body forms ignore empty lines at the end.
void strip_trailing_crlf(std::string& text) {
  while (text.size() >= 2 && text[text.size() - 2] == '\r' && text.back() == '\n') text.resize(text.size() - 2);
}

}  // namespace

std::string canonical_header(std::string_view raw_field, Canonicalization mode) {
  if (mode == Canonicalization::simple) return std::string(raw_field) + "\r\n";
  std::size_t colon = raw_field.find(':');
  std::string_view name = raw_field.substr(0, colon == std::string_view::npos ? raw_field.size() : colon);
  std::string_view value = colon == std::string_view::npos ? std::string_view() : raw_field.substr(colon + 1);
  std::string out;
  out.reserve(raw_field.size() + 2);
  // The name in lower case, without the white space before the colon.
  while (!name.empty() && is_wsp(name.back())) name.remove_suffix(1);
  for (char c : name) out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  out += ':';
  // The value unfolded, each run of white space one space, none at either end.
  bool pending_space = false;
  bool started = false;
  for (std::size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (c == '\r' && i + 1 < value.size() && value[i + 1] == '\n') {
      ++i;
      continue;
    }
    if (is_wsp(c)) {
      pending_space = started;
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    started = true;
    out += c;
  }
  out += "\r\n";
  return out;
}

std::string canonical_body(std::string_view body, Canonicalization mode) {
  std::string out;
  if (mode == Canonicalization::simple) {
    out.assign(body);
  } else {
    out.reserve(body.size());
    std::size_t pos = 0;
    while (pos < body.size()) {
      std::size_t eol = body.find("\r\n", pos);
      std::size_t line_end = eol == std::string_view::npos ? body.size() : eol;
      std::string_view line = body.substr(pos, line_end - pos);
      // White space is dropped at the end of lines (step a); a last fragment without CRLF only
      // becomes a line when step b adds one, so its white space is reduced but kept, as dkimpy does.
      if (eol != std::string_view::npos)
        while (!line.empty() && is_wsp(line.back())) line.remove_suffix(1);
      // Each run of white space becomes one space (step b); the text between runs is copied whole.
      bool in_space = false;
      for (std::size_t i = 0; i < line.size();) {
        if (is_wsp(line[i])) {
          in_space = true;
          ++i;
          continue;
        }
        std::size_t word_end = i;
        while (word_end < line.size() && !is_wsp(line[word_end])) ++word_end;
        if (in_space) out += ' ';
        in_space = false;
        out.append(line, i, word_end - i);
        i = word_end;
      }
      if (eol == std::string_view::npos) {
        if (in_space) out += ' ';
        break;
      }
      out += "\r\n";
      pos = eol + 2;
    }
  }
  strip_trailing_crlf(out);
  if (!out.empty() || mode == Canonicalization::simple) out += "\r\n";
  return out;
}

}  // namespace bimi::auth
