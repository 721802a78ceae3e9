#include "bimi/net/https.hpp"

#include <arpa/inet.h>
#include <sys/socket.h>

#include <chrono>
#include <memory>
#include <set>

#include "bimi/net/address_range.hpp"
#include "bimi/records/domain_name.hpp"
#include "curl_library.hpp"

namespace bimi::net {
namespace {

using detail::CurlEasy;
using detail::CurlLibrary;
using detail::CurlList;
using detail::CurlText;
using detail::CurlUrl;

struct Sink {
  std::string body;
  std::size_t max_bytes = 0;
  bool overflowed = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  std::size_t bytes = size * count;
  if (sink->body.size() + bytes > sink->max_bytes) {
    sink->overflowed = true;
    return 0;  // aborts the transfer
  }
  sink->body.append(data, bytes);
  return bytes;
}

std::string url_part(const CurlLibrary& curl, CURLU* url, CURLUPart part) {
  char* text = nullptr;
  if (curl.url_get(url, part, &text, CURLU_DEFAULT_PORT) != CURLUE_OK) return {};
  CurlText owned(text, {&curl});
  return text;
}

FetchStatus status_of(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT: return FetchStatus::timeout;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH: return FetchStatus::tls;
    case CURLE_FILESIZE_EXCEEDED: return FetchStatus::too_large;
    default: return FetchStatus::failure;
  }
}

// Why a hop's URL is refused, or empty: the host rules of l= and a= (parse_https_url), judged on
// libcurl's own reading of the URL so that the two parsers cannot disagree about the host.
std::string host_problem(const CurlLibrary& curl, const std::string& url_text) {
  CurlUrl url(curl.url(), {&curl});
  if (!url || curl.url_set(url.get(), CURLUPART_URL, url_text.c_str(), 0) != CURLUE_OK) return "cannot parse " + url_text;
  char* user = nullptr;
  if (curl.url_get(url.get(), CURLUPART_USER, &user, 0) == CURLUE_OK) {
    CurlText owned(user, {&curl});
    return url_text + " carries user information before the host";
  }
  std::string host = url_part(curl, url.get(), CURLUPART_HOST);
  in_addr v4{};
  bool numeric = host.find_first_not_of("0123456789.") == std::string::npos;
  if ((!host.empty() && host.front() == '[') || numeric || ::inet_pton(AF_INET, host.c_str(), &v4) == 1) {
    return "the host of " + url_text + " is an IP address, not a fully qualified domain name";
  }
  if (!records::normalize_domain(host)) return "the host of " + url_text + " is not a fully qualified domain name";
  return {};
}

// Every socket libcurl opens goes through here, after name resolution and before connect: the
// address checked is the address connected, whoever resolved it.
struct ConnectGuard {
  bool allow_private = false;
  std::string refused;  // the last address refused, and why
};

curl_socket_t open_guarded_socket(void* user, curlsocktype, curl_sockaddr* address) {
  auto* guard = static_cast<ConnectGuard*>(user);
  if (!guard->allow_private) {
    if (const SpecialRange* range = special_purpose_range(&address->addr, address->addrlen)) {
      guard->refused = address_text(&address->addr, address->addrlen) + " is " + std::string(range->name) + " (" +
                       std::string(range->prefix) + ", " + std::string(range->source) + ")";
      return CURL_SOCKET_BAD;
    }
  }
  return ::socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
}

// Pins the host of one hop to the addresses the caller's resolver gives. An empty string is ok.
std::string pin_host(const CurlLibrary& curl, const std::string& url_text, const FetchOptions& options, CurlList& pins) {
  if (!options.resolve) return {};
  CurlUrl url(curl.url(), {&curl});
  if (!url || curl.url_set(url.get(), CURLUPART_URL, url_text.c_str(), 0) != CURLUE_OK) return "cannot parse " + url_text;
  std::string host = url_part(curl, url.get(), CURLUPART_HOST);
  std::string port = url_part(curl, url.get(), CURLUPART_PORT);
  std::vector<std::string> addresses = options.resolve(host);
  if (addresses.empty()) return "the host " + host + " has no address in the DNS";
  std::string entry = host + ":" + port + ":";
  for (std::size_t i = 0; i < addresses.size(); ++i) {
    bool v6 = addresses[i].find(':') != std::string::npos;
    entry += (i ? "," : "") + (v6 ? "[" + addresses[i] + "]" : addresses[i]);
  }
  pins.reset(curl.slist_append(pins.release(), entry.c_str()));
  return {};
}

}  // namespace

std::string media_type(const std::string& content_type) {
  std::string type = content_type.substr(0, content_type.find(';'));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.erase(type.begin());
  for (char& c : type) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return type;
}

FetchResult fetch_https(const std::string& url, const FetchOptions& options) {
  FetchResult result;
  const CurlLibrary* library = detail::curl_library(result.detail);
  if (library == nullptr) return result;
  const CurlLibrary& curl = *library;
  CurlEasy easy(curl.easy_init(), {&curl});
  if (!easy) {
    result.detail = "cannot create a libcurl handle";
    return result;
  }
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(options.timeout_ms);
  std::string current = url;
  std::set<std::string> seen{current};
  CurlList pins(nullptr, {&curl});
  for (int hop = 0;; ++hop) {
    long left = static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now()).count());
    if (left <= 0) {
      result.status = FetchStatus::timeout;
      result.detail = "no time left after " + std::to_string(hop) + " redirects";
      return result;
    }
    if (std::string problem = host_problem(curl, current); !problem.empty()) {
      result.status = FetchStatus::bad_host;
      result.final_url = current;
      result.redirects = hop;
      result.detail = hop == 0 ? problem : "redirected: " + problem;
      return result;
    }
    if (std::string problem = pin_host(curl, current, options, pins); !problem.empty()) {
      result.status = FetchStatus::failure;
      result.detail = problem;
      return result;
    }
    Sink sink;
    sink.max_bytes = options.max_bytes;
    ConnectGuard guard{options.allow_private, {}};
    char error[CURL_ERROR_SIZE] = "";
    CURL* h = easy.get();
    curl.easy_setopt(h, CURLOPT_URL, current.c_str());
    curl.easy_setopt(h, CURLOPT_PROTOCOLS_STR, "https");
    curl.easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);  // each hop is checked here
    curl.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl.easy_setopt(h, CURLOPT_TIMEOUT_MS, left);
    curl.easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, std::min(left, options.connect_timeout_ms));
    curl.easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl.easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!options.ca_file.empty()) curl.easy_setopt(h, CURLOPT_CAINFO, options.ca_file.c_str());
    curl.easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(options.max_bytes));
    curl.easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl.easy_setopt(h, CURLOPT_WRITEDATA, &sink);
    curl.easy_setopt(h, CURLOPT_ERRORBUFFER, error);
    curl.easy_setopt(h, CURLOPT_USERAGENT, "bimi");
    curl.easy_setopt(h, CURLOPT_RESOLVE, pins.get());
    curl.easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, open_guarded_socket);
    curl.easy_setopt(h, CURLOPT_OPENSOCKETDATA, &guard);
    // Through a proxy the connected address would be the proxy's, not the host's: go direct.
    curl.easy_setopt(h, CURLOPT_PROXY, "");
    CURLcode code = curl.easy_perform(h);
    result.final_url = current;
    result.redirects = hop;
    if (code != CURLE_OK && !guard.refused.empty()) {
      result.status = FetchStatus::private_address;
      result.detail = (hop == 0 ? "" : "redirected: ") + std::string("the host of ") + current + " resolves to " +
                      guard.refused + "; only globally reachable addresses are fetched";
      return result;
    }
    if (code != CURLE_OK) {
      result.status = sink.overflowed ? FetchStatus::too_large : status_of(code);
      result.detail = sink.overflowed ? "more than " + std::to_string(options.max_bytes) + " bytes"
                                      : std::string(error[0] != '\0' ? error : curl.easy_strerror(code));
      return result;
    }
    curl.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &result.http_status);
    char* location = nullptr;
    curl.easy_getinfo(h, CURLINFO_REDIRECT_URL, &location);
    if (result.http_status >= 300 && result.http_status < 400 && location != nullptr) {
      std::string next = location;
      if (next.rfind("https://", 0) != 0) {
        result.status = FetchStatus::redirect;
        result.detail = "redirected away from https to " + next;
        return result;
      }
      if (!seen.insert(next).second) {
        result.status = FetchStatus::redirect;
        result.detail = "redirect loop back to " + next;
        return result;
      }
      if (hop + 1 > options.max_redirects) {
        result.status = FetchStatus::redirect;
        result.detail = "more than " + std::to_string(options.max_redirects) + " redirects";
        return result;
      }
      current = std::move(next);
      continue;
    }
    char* type = nullptr;
    curl.easy_getinfo(h, CURLINFO_CONTENT_TYPE, &type);
    result.content_type = type != nullptr ? type : "";
    result.status = FetchStatus::ok;
    if (result.http_status == 200) result.body = std::move(sink.body);
    return result;
  }
}

}  // namespace bimi::net
