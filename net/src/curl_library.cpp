#include "curl_library.hpp"

#include "bimi/shared_library.hpp"

namespace bimi::net::detail {
namespace {

LoadedTable<CurlLibrary> load() {
  // The soname of Debian's libcurl4 (OpenSSL flavour), the ABI these headers describe.
  SharedLibrary so("libcurl.so.4", "HTTPS fetches need libcurl");
  LoadedTable<CurlLibrary> loaded;
  CurlLibrary& l = loaded.table;
  so.bind("curl_global_init", l.global_init);
  so.bind("curl_easy_init", l.easy_init);
  so.bind("curl_easy_cleanup", l.easy_cleanup);
  so.bind("curl_easy_setopt", l.easy_setopt);
  so.bind("curl_easy_perform", l.easy_perform);
  so.bind("curl_easy_getinfo", l.easy_getinfo);
  so.bind("curl_easy_strerror", l.easy_strerror);
  so.bind("curl_slist_append", l.slist_append);
  so.bind("curl_slist_free_all", l.slist_free_all);
  so.bind("curl_url", l.url);
  so.bind("curl_url_cleanup", l.url_cleanup);
  so.bind("curl_url_set", l.url_set);
  so.bind("curl_url_get", l.url_get);
  so.bind("curl_free", l.free);
  loaded.error = so.error();
  if (!loaded.error.empty()) return loaded;
  // Global state is set up once per process, before any handle exists.
  if (CURLcode code = l.global_init(CURL_GLOBAL_DEFAULT); code != CURLE_OK)
    loaded.error = std::string("libcurl could not start: ") + l.easy_strerror(code);
  return loaded;
}

}  // namespace

const CurlLibrary* curl_library(std::string& error) {
  static const LoadedTable<CurlLibrary> loaded = load();  // once, whichever thread fetches first
  return loaded.get(error);
}

}  // namespace bimi::net::detail
