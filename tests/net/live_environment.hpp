// Starts the loopback servers once for this test binary.
#pragma once

#include "loopback.hpp"

namespace bimi::test {
inline const bool loopback_registered = (add_loopback_environment(BIMI_TEST_PKI_DIR), true);
}  // namespace bimi::test
