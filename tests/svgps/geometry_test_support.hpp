// Shared matchers for the geometry stage's tests.
#pragma once

#include <gtest/gtest.h>

#include <cmath>

#include "geometry/path.hpp"

namespace bimi::svgps::geometry::testing {

inline ::testing::AssertionResult near(Point actual, Point expected, double tolerance = 1e-9) {
  if (std::fabs(actual.x - expected.x) <= tolerance &&
      std::fabs(actual.y - expected.y) <= tolerance)
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure()
         << "(" << actual.x << ", " << actual.y << ") is not within " << tolerance << " of ("
         << expected.x << ", " << expected.y << ")";
}

inline ::testing::AssertionResult near(const Matrix& actual, const Matrix& expected,
                                       double tolerance = 1e-9) {
  const double a[] = {actual.a, actual.b, actual.c, actual.d, actual.e, actual.f};
  const double e[] = {expected.a, expected.b, expected.c, expected.d, expected.e, expected.f};
  for (int i = 0; i < 6; ++i) {
    if (!(std::fabs(a[i] - e[i]) <= tolerance)) {
      return ::testing::AssertionFailure()
             << "matrix(" << actual.a << " " << actual.b << " " << actual.c << " " << actual.d
             << " " << actual.e << " " << actual.f << ") differs from matrix(" << expected.a << " "
             << expected.b << " " << expected.c << " " << expected.d << " " << expected.e << " "
             << expected.f << ")";
    }
  }
  return ::testing::AssertionSuccess();
}

// The point of a cubic segment starting at `from` at parameter t.
inline Point cubic_point(Point from, const Segment& cubic, double t) {
  double u = 1 - t;
  double w0 = u * u * u, w1 = 3 * u * u * t, w2 = 3 * u * t * t, w3 = t * t * t;
  return {w0 * from.x + w1 * cubic.p[0].x + w2 * cubic.p[1].x + w3 * cubic.p[2].x,
          w0 * from.y + w1 * cubic.p[0].y + w2 * cubic.p[1].y + w3 * cubic.p[2].y};
}

}  // namespace bimi::svgps::geometry::testing
