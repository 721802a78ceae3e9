#include "version_info.hpp"

#include <libxml/parser.h>
#include <openssl/crypto.h>
#include <potracelib.h>
#include <tinyxml2.h>

#include <string>

#include "bimi/svgps/render.hpp"
#include "version.hpp"

namespace bimi::cli {
namespace {

// libxml2 states its run-time version as digits: "20914" is 2.9.14.
std::string libxml2_version() {
  std::string digits = xmlParserVersion;
  if (digits.size() != 5) return digits;
  return digits.substr(0, 1) + "." + std::to_string(std::stoi(digits.substr(1, 2))) + "." +
         std::to_string(std::stoi(digits.substr(3, 2)));
}

// "potracelib 1.16" is 1.16.
std::string potrace_version_number() {
  std::string text = potrace_version();
  auto space = text.rfind(' ');
  return space == std::string::npos ? text : text.substr(space + 1);
}

}  // namespace

// The libraries loaded at run time, where they say which they are (a shared
// library can be upgraded under the binary); tinyxml2 only states the version
// of its headers.
std::string version_text() {
  return std::string("bimi ") + version + "\n" +                                                       //
         "OpenSSL " + OpenSSL_version(OPENSSL_VERSION_STRING) + "\n" +                                 //
         "librsvg " + svgps::renderer_version() + "\n" +                                               //
         "libxml2 " + libxml2_version() + "\n" +                                                       //
         "tinyxml2 " + std::to_string(TIXML2_MAJOR_VERSION) + "." + std::to_string(TIXML2_MINOR_VERSION) + "." +
         std::to_string(TIXML2_PATCH_VERSION) + "\n" +  //
         "Potrace " + potrace_version_number();
}

}  // namespace bimi::cli
