// HTTPS GET with libcurl for the l= logo and the a= certificate: TLS verified, HTTPS only (every
// redirect too), redirects followed one by one up to a bound, the body capped, time bounded.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace bimi::net {

struct FetchOptions {
  std::string ca_file;         // PEM CA certificates; empty: the system's store
  long timeout_ms = 10000;     // the whole fetch, redirects included
  long connect_timeout_ms = 5000;
  int max_redirects = 5;
  std::size_t max_bytes = 1u << 20;
  // Addresses for a host name (e.g. from DnsResolver); empty function: libcurl resolves.
  std::function<std::vector<std::string>(const std::string& host)> resolve;
};

enum class FetchStatus {
  ok,         // a response arrived (any HTTP status; see http_status)
  failure,    // name resolution, connection or transfer failed
  tls,        // TLS handshake or certificate verification failed
  timeout,
  redirect,   // too many redirects, a loop, or a redirect away from HTTPS
  too_large,  // the body exceeds max_bytes
};

struct FetchResult {
  FetchStatus status = FetchStatus::failure;
  long http_status = 0;
  std::string content_type;  // as sent, parameters included
  std::string body;          // only with status ok and HTTP 200
  std::string final_url;     // after redirects
  int redirects = 0;
  std::string detail;        // why, for anything but ok
};

FetchResult fetch_https(const std::string& url, const FetchOptions& options);

// The media type without parameters, lowercased: "image/svg+xml; charset=utf-8" -> "image/svg+xml".
std::string media_type(const std::string& content_type);

}  // namespace bimi::net
