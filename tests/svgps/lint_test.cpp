#include "bimi/svgps/lint.hpp"
#include <gtest/gtest.h>
TEST(Lint, Placeholder) {}
