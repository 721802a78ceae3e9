// libcurl, opened on the first HTTPS fetch instead of linked. Its dependencies (GnuTLS, OpenLDAP,
// Kerberos, libssh2, librtmp: about thirty shared objects) cost every bimi process some 8 ms to
// load and relocate, and most runs never fetch: check, convert, hash, a message judged from a
// snapshot, every render worker. The members keep libcurl's own signatures.
#pragma once

#include <curl/curl.h>

#include <memory>
#include <string>

namespace bimi::net::detail {

struct CurlLibrary {
  decltype(&curl_global_init) global_init = nullptr;
  decltype(&curl_easy_init) easy_init = nullptr;
  decltype(&curl_easy_cleanup) easy_cleanup = nullptr;
  decltype(&curl_easy_setopt) easy_setopt = nullptr;
  decltype(&curl_easy_perform) easy_perform = nullptr;
  decltype(&curl_easy_getinfo) easy_getinfo = nullptr;
  decltype(&curl_easy_strerror) easy_strerror = nullptr;
  decltype(&curl_slist_append) slist_append = nullptr;
  decltype(&curl_slist_free_all) slist_free_all = nullptr;
  decltype(&curl_url) url = nullptr;
  decltype(&curl_url_cleanup) url_cleanup = nullptr;
  decltype(&curl_url_set) url_set = nullptr;
  decltype(&curl_url_get) url_get = nullptr;
  decltype(&curl_free) free = nullptr;
};

// libcurl opened and set up (curl_global_init) once per process, on first use; nullptr when it
// cannot be loaded, with why in `error`.
const CurlLibrary* curl_library(std::string& error);

// Owning handles that free through the loaded library.
template <typename T, auto release>
struct CurlRelease {
  const CurlLibrary* library = nullptr;
  void operator()(T* object) const { (library->*release)(object); }
};
using CurlEasy = std::unique_ptr<CURL, CurlRelease<CURL, &CurlLibrary::easy_cleanup>>;
using CurlList = std::unique_ptr<curl_slist, CurlRelease<curl_slist, &CurlLibrary::slist_free_all>>;
using CurlUrl = std::unique_ptr<CURLU, CurlRelease<CURLU, &CurlLibrary::url_cleanup>>;
using CurlText = std::unique_ptr<char, CurlRelease<char, &CurlLibrary::free>>;

}  // namespace bimi::net::detail
