#include "bimi/records/public_suffix.hpp"

#include <libpsl.h>

namespace bimi::records {

struct PublicSuffixList::Context {
  psl_ctx_t* psl = nullptr;
  ~Context() { psl_free(psl); }
};

std::variant<PublicSuffixList, std::string> PublicSuffixList::load(const std::string& path) {
  auto context = std::make_shared<Context>();
  context->psl = path.empty() ? psl_latest(nullptr) : psl_load_file(path.c_str());
  if (context->psl == nullptr) {
    return path.empty() ? std::string("no Public Suffix List: libpsl has none built in and none is installed")
                        : "cannot read the Public Suffix List " + path;
  }
  return PublicSuffixList(std::move(context));
}

std::string PublicSuffixList::organizational_domain(std::string_view domain) const {
  std::string name(domain);
  const char* registrable = psl_registrable_domain(context_->psl, name.c_str());
  return registrable != nullptr ? std::string(registrable) : name;
}

}  // namespace bimi::records
