// A library opened at run time: a missing library or symbol is one clear error, never a crash.
#include <gtest/gtest.h>

#include "bimi/shared_library.hpp"

namespace bimi {
namespace {

TEST(SharedLibrary, BindsTheSymbolsOfALibraryThatIsThere) {
  SharedLibrary zlib("libz.so.1", "compression needs zlib");
  const char* (*version)() = nullptr;
  zlib.bind("zlibVersion", version);
  ASSERT_TRUE(zlib.error().empty()) << zlib.error();
  ASSERT_NE(version, nullptr);
  EXPECT_EQ(std::string(version()).substr(0, 2), "1.");
}

TEST(SharedLibrary, AMissingLibraryIsAnErrorThatSaysWhatNeedsIt) {
  SharedLibrary missing("libbimi-not-installed.so.9", "this step needs libbimi-not-installed");
  int (*function)() = nullptr;
  missing.bind("anything", function);
  EXPECT_EQ(function, nullptr);
  EXPECT_EQ(missing.error().rfind("this step needs libbimi-not-installed (libbimi-not-installed.so.9): ", 0), 0u)
      << missing.error();
}

TEST(SharedLibrary, TheFirstMissingSymbolIsNamed) {
  SharedLibrary zlib("libz.so.1", "compression needs zlib");
  int (*first)() = nullptr;
  int (*second)() = nullptr;
  zlib.bind("bimi_no_such_symbol", first);
  zlib.bind("bimi_nor_this_one", second);
  EXPECT_EQ(zlib.error(), "libz.so.1 has no bimi_no_such_symbol");
}

}  // namespace
}  // namespace bimi
