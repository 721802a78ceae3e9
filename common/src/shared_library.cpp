#include "bimi/shared_library.hpp"

#include <dlfcn.h>

namespace bimi {

SharedLibrary::SharedLibrary(const char* soname, const std::string& purpose) : soname_(soname) {
  handle_ = ::dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (handle_ == nullptr) {
    const char* why = ::dlerror();
    error_ = purpose + " (" + soname_ + "): " + (why != nullptr ? why : "cannot load it");
  }
}

void* SharedLibrary::find(const char* name) {
  if (handle_ == nullptr) return nullptr;
  void* symbol = ::dlsym(handle_, name);
  if (symbol == nullptr && error_.empty()) error_ = soname_ + " has no " + name;
  return symbol;
}

}  // namespace bimi
