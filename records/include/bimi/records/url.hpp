// The HTTPS URIs of BIMI's l= and a= tags: scheme https, a fully qualified host name, an optional
// port, and a path of plain URI characters (commas and semicolons percent-encoded).
#pragma once

#include <string>
#include <string_view>
#include <variant>

namespace bimi::records {

struct HttpsUrl {
  std::string host;  // lowercased
  int port = 443;
  std::string path;  // from the first '/' on, query included; "/" when empty
};

// The parsed URL, or why it is not one BIMI accepts (a sentence for a finding).
std::variant<HttpsUrl, std::string> parse_https_url(std::string_view url);

// The path without its query and fragment, lowercased: what file suffix checks look at.
std::string url_file_path(const HttpsUrl& url);

}  // namespace bimi::records
