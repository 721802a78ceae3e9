#include "raster/data_uri.hpp"

#include <algorithm>
#include <cctype>

#include "bimi/base64.hpp"

namespace bimi::svgps::raster {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::optional<std::string> decode_percent(std::string_view text, std::size_t max_bytes) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (out.size() >= max_bytes) return std::nullopt;
    if (text[i] != '%') {
      out.push_back(text[i]);
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

}  // namespace

std::optional<DataUri> decode_data_uri(std::string_view uri, std::size_t max_bytes) {
  while (!uri.empty() && is_space(uri.front())) uri.remove_prefix(1);
  if (uri.size() < 5) return std::nullopt;
  std::string scheme(uri.substr(0, 5));
  std::transform(scheme.begin(), scheme.end(), scheme.begin(), [](unsigned char c) { return std::tolower(c); });
  if (scheme != "data:") return std::nullopt;
  uri.remove_prefix(5);
  std::size_t comma = uri.find(',');
  if (comma == std::string_view::npos) return std::nullopt;
  std::string header(uri.substr(0, comma));
  std::transform(header.begin(), header.end(), header.begin(), [](unsigned char c) { return std::tolower(c); });
  std::string_view payload = uri.substr(comma + 1);
  DataUri result;
  result.media_type = header.substr(0, header.find(';'));
  result.media_type.erase(std::remove_if(result.media_type.begin(), result.media_type.end(), is_space),
                          result.media_type.end());
  bool base64 = header.size() >= 7 && header.compare(header.size() - 7, 7, ";base64") == 0;
  auto bytes = base64 ? base64_decode(payload, Base64Mode::lenient, max_bytes) : decode_percent(payload, max_bytes);
  if (!bytes) return std::nullopt;
  result.bytes = std::move(*bytes);
  return result;
}

}  // namespace bimi::svgps::raster
