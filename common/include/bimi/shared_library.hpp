// A system library opened at run time instead of linked, for the few whose dependencies are too
// heavy to load in every process (libcurl, librsvg). Opened once and never closed: what it hands
// out lives until the process ends.
#pragma once

#include <string>

namespace bimi {

class SharedLibrary {
 public:
  // `purpose` starts the error when the library is missing: "HTTPS fetches need libcurl".
  SharedLibrary(const char* soname, const std::string& purpose);

  // Looks `name` up (in the library and the libraries it depends on); a missing one is an error.
  template <typename Symbol>
  void bind(const char* name, Symbol& symbol) {
    symbol = reinterpret_cast<Symbol>(find(name));
  }

  // Empty while the library and every symbol bound so far are there; else the first problem.
  const std::string& error() const { return error_; }

 private:
  void* find(const char* name);

  void* handle_ = nullptr;
  std::string soname_;
  std::string error_;
};

// A library's table of functions as loaded, or why it could not be: kept in a function-local
// static so that it is loaded once per process, by whichever thread needs it first.
template <typename Table>
struct LoadedTable {
  Table table;
  std::string error;  // empty when loaded

  // The table, or nullptr with `why` set to the error.
  const Table* get(std::string& why) const {
    if (error.empty()) return &table;
    why = error;
    return nullptr;
  }
};

}  // namespace bimi
