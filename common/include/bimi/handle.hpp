// One owning handle for every C library object the project holds (OpenSSL, libcurl, libxml2,
// librsvg and cairo, fontconfig, FreeType, HarfBuzz, libimagequant, Potrace): a std::unique_ptr
// whose deleter is the library's own release function, so every early return releases what was
// acquired and no file writes its own deleter struct.
#pragma once

#include <memory>

namespace bimi {

// Calls the release function given as a template argument. `auto` accepts release functions
// whatever they return (FT_Done_FreeType returns an error code) and whatever pointer type they take
// (g_object_unref and curl_free take void*). unique_ptr never calls it on null.
template <auto Release>
struct ReleaseWith {
  template <typename T>
  void operator()(T* object) const {
    Release(object);
  }
};

// Handle<X509, X509_free>, Handle<CURL, curl_easy_cleanup>, ...
template <typename T, auto Release>
using Handle = std::unique_ptr<T, ReleaseWith<Release>>;

}  // namespace bimi
