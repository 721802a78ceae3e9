// HTTPS GET with libcurl for the l= logo and the a= certificate: TLS verified, HTTPS only (every
// redirect too), redirects followed one by one up to a bound, the body capped, time bounded. Every
// hop must name its host by a domain name, as l= and a= must, and every connection goes to a
// globally reachable address (address_range.hpp), checked on the address actually connected, so
// neither a redirect nor a DNS answer can point a fetch at the local machine or network.
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
  // Connect to loopback, private, link-local and other special-purpose addresses too (tests,
  // internal deployments). Host names are still required.
  bool allow_private = false;
};

enum class FetchStatus {
  ok,         // a response arrived (any HTTP status; see http_status)
  failure,    // name resolution, connection or transfer failed
  tls,        // TLS handshake or certificate verification failed
  timeout,
  redirect,   // too many redirects, a loop, or a redirect away from HTTPS
  too_large,  // the body exceeds max_bytes
  bad_host,         // a URL (the first or a redirect) names its host by IP address, carries user
                    // information, or has a host that is not a domain name
  private_address,  // the host's addresses are all special-purpose (loopback, private...)
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
