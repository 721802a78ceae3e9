#include "curl_library.hpp"

#include <dlfcn.h>

namespace bimi::net::detail {
namespace {

struct Loaded {
  CurlLibrary library;
  std::string error;  // empty when loaded
};

template <typename Function>
bool bind(void* handle, const char* name, Function& function, std::string& error) {
  function = reinterpret_cast<Function>(::dlsym(handle, name));
  if (function == nullptr && error.empty()) error = std::string("libcurl has no ") + name;
  return function != nullptr;
}

Loaded load() {
  Loaded loaded;
  // The soname of Debian's libcurl4 (OpenSSL flavour), the ABI these headers describe. Never
  // closed: handles and global state live until the process ends.
  void* handle = ::dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* why = ::dlerror();
    loaded.error = std::string("HTTPS fetches need libcurl (libcurl.so.4): ") + (why != nullptr ? why : "cannot load it");
    return loaded;
  }
  CurlLibrary& l = loaded.library;
  std::string& e = loaded.error;
  bool all = bind(handle, "curl_global_init", l.global_init, e) & bind(handle, "curl_easy_init", l.easy_init, e) &
             bind(handle, "curl_easy_cleanup", l.easy_cleanup, e) & bind(handle, "curl_easy_setopt", l.easy_setopt, e) &
             bind(handle, "curl_easy_perform", l.easy_perform, e) & bind(handle, "curl_easy_getinfo", l.easy_getinfo, e) &
             bind(handle, "curl_easy_strerror", l.easy_strerror, e) &
             bind(handle, "curl_slist_append", l.slist_append, e) &
             bind(handle, "curl_slist_free_all", l.slist_free_all, e) & bind(handle, "curl_url", l.url, e) &
             bind(handle, "curl_url_cleanup", l.url_cleanup, e) & bind(handle, "curl_url_set", l.url_set, e) &
             bind(handle, "curl_url_get", l.url_get, e) & bind(handle, "curl_free", l.free, e);
  if (!all) return loaded;
  // Global state is set up once per process, before any handle exists.
  if (CURLcode code = l.global_init(CURL_GLOBAL_DEFAULT); code != CURLE_OK)
    e = std::string("libcurl could not start: ") + l.easy_strerror(code);
  return loaded;
}

}  // namespace

const CurlLibrary* curl_library(std::string& error) {
  static const Loaded loaded = load();  // once, whichever thread fetches first
  if (!loaded.error.empty()) {
    error = loaded.error;
    return nullptr;
  }
  return &loaded.library;
}

}  // namespace bimi::net::detail
