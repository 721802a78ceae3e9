#include "bimi/records/url.hpp"

#include <cstring>

#include "bimi/records/domain_name.hpp"
#include "text.hpp"

namespace bimi::records {
namespace {

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// RFC 3986 unreserved, sub-delims (less ',' and ';', which the record syntax reserves), ':', '@',
// '/', '?', '#' and percent-escapes.
std::string path_problem(std::string_view path) {
  for (std::size_t i = 0; i < path.size(); ++i) {
    char c = path[i];
    if (c == '%') {
      if (i + 2 >= path.size() || !is_hex(path[i + 1]) || !is_hex(path[i + 2])) {
        return "a '%' is not followed by two hex digits";
      }
      i += 2;
      continue;
    }
    if (c == ',') return "it holds a comma (write %2C; a comma would separate several URIs)";
    if (c == ';') return "it holds a ';' (write %3B; a ';' ends the tag)";
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              std::strchr("-._~!$&'()*+=:@/?#", c) != nullptr;
    if (!ok) return std::string("it holds the character '") + c + "', which a URI must percent-encode";
  }
  return {};
}

}  // namespace

std::variant<HttpsUrl, std::string> parse_https_url(std::string_view url) {
  std::string lower_start = lowercase(url.substr(0, 8));
  if (lower_start.rfind("https://", 0) != 0) {
    if (lower_start.rfind("http://", 0) == 0) return std::string("it uses http: BIMI accepts only https");
    return std::string("it is not an https:// URI");
  }
  std::string_view rest = url.substr(8);
  std::size_t authority_end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authority_end);
  std::string_view path = authority_end == std::string_view::npos ? std::string_view() : rest.substr(authority_end);
  if (authority.find('@') != std::string_view::npos) return std::string("it carries user information before the host");
  HttpsUrl out;
  std::string_view host = authority;
  std::size_t colon = authority.rfind(':');
  if (colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    std::string_view port = authority.substr(colon + 1);
    if (port.empty() || port.size() > 5) return std::string("its port is not a number from 1 to 65535");
    int value = 0;
    for (char c : port) {
      if (c < '0' || c > '9') return std::string("its port is not a number from 1 to 65535");
      value = value * 10 + (c - '0');
    }
    if (value < 1 || value > 65535) return std::string("its port is not a number from 1 to 65535");
    out.port = value;
  }
  if (!host.empty() && host.front() == '[') return std::string("its host is an IP address, not a fully qualified domain name");
  auto normalized = normalize_domain(host);
  if (!normalized) return "its host \"" + std::string(host) + "\" is not a fully qualified domain name";
  bool numeric = true;
  for (char c : *normalized) numeric = numeric && ((c >= '0' && c <= '9') || c == '.');
  if (numeric) return std::string("its host is an IP address, not a fully qualified domain name");
  if (auto problem = path_problem(path); !problem.empty()) return "its path is not a plain URI: " + problem;
  out.host = *normalized;
  out.path = path.empty() ? std::string("/") : std::string(path);
  return out;
}

std::string url_file_path(const HttpsUrl& url) {
  std::string path = url.path.substr(0, url.path.find_first_of("?#"));
  return lowercase(path);
}

}  // namespace bimi::records
