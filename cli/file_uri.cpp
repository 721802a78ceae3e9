#include "file_uri.hpp"

#include <cctype>

namespace bimi::cli {
namespace {

bool is_unreserved(unsigned char c) {
  return std::isalnum(c) != 0 || c == '-' || c == '.' || c == '_' || c == '~';
}

}  // namespace

std::string percent_encode_path(std::string_view path) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(path.size());
  for (char ch : path) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x80 && (is_unreserved(c) || c == '/')) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 0xF]);
    }
  }
  return out;
}

std::string file_uri(const std::filesystem::path& absolute) {
  // An absolute POSIX path starts with '/', which makes the empty authority of "file://".
  return "file://" + percent_encode_path(absolute.generic_string());
}

}  // namespace bimi::cli
