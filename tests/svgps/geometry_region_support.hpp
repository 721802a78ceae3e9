// Checks of filled regions for the geometry stage's tests: parsing, winding, distances to outlines,
// areas, and whether the result of a boolean operation fills what both operands fill.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string_view>
#include <vector>

#include "geometry/path.hpp"
#include "geometry/path_data.hpp"
#include "geometry/path_ops.hpp"

namespace bimi::svgps::geometry::testing {

inline Path parse(std::string_view d) {
  PathParse parsed = parse_path_data(d, 100'000);
  EXPECT_TRUE(parsed.complete) << d;
  return parsed.path;
}

inline bool only_lines(const Path& path) {
  for (const Segment& s : path.segments) {
    if (s.kind == Segment::Kind::cubic) return false;
  }
  return true;
}

// Winding number of `p` around the polygons (edges closed implicitly).
inline int winding(const std::vector<std::vector<Point>>& polygons, Point p) {
  int w = 0;
  for (const auto& polygon : polygons) {
    for (std::size_t i = 0; i < polygon.size(); ++i) {
      Point a = polygon[i], b = polygon[(i + 1) % polygon.size()];
      double cross = (b.x - a.x) * (p.y - a.y) - (p.x - a.x) * (b.y - a.y);
      if (a.y <= p.y && b.y > p.y && cross > 0) ++w;
      if (a.y > p.y && b.y <= p.y && cross < 0) --w;
    }
  }
  return w;
}

inline bool filled(const std::vector<std::vector<Point>>& polygons, FillRule rule, Point p) {
  int w = winding(polygons, p);
  return rule == FillRule::nonzero ? w != 0 : (w % 2) != 0;
}

inline double distance_to_edges(const std::vector<std::vector<Point>>& polygons, Point p) {
  double best = INFINITY;
  for (const auto& polygon : polygons) {
    for (std::size_t i = 0; i < polygon.size(); ++i) {
      Point a = polygon[i], b = polygon[(i + 1) % polygon.size()];
      double dx = b.x - a.x, dy = b.y - a.y, length2 = dx * dx + dy * dy;
      double t = length2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / length2, 0.0, 1.0) : 0;
      best = std::fmin(best, std::hypot(p.x - a.x - t * dx, p.y - a.y - t * dy));
    }
  }
  return best;
}

inline double area(const Path& path) {
  double total = 0;
  for (const auto& polygon : flatten(path, 1e-4)) {
    for (std::size_t i = 0; i < polygon.size(); ++i) {
      Point a = polygon[i], b = polygon[(i + 1) % polygon.size()];
      total += a.x * b.y - b.x * a.y;
    }
  }
  return std::fabs(total / 2);
}

// Every sample point farther than `margin` from both boundaries is filled in `result` (under
// result_rule) exactly when it is filled by both operands.
inline void expect_same_region(const Path& result, FillRule result_rule, const Path& subject, FillRule subject_rule,
                               const Path& clip, FillRule clip_rule, double margin) {
  auto result_polygons = flatten(result, 1e-4);
  auto subject_polygons = flatten(subject, 1e-4);
  auto clip_polygons = flatten(clip, 1e-4);
  Box extent = bounds(subject);
  int checked = 0;
  for (int i = 0; i <= 80; ++i) {
    for (int j = 0; j <= 80; ++j) {
      Point p{extent.x0 + extent.width() * (i + 0.37) / 81, extent.y0 + extent.height() * (j + 0.61) / 81};
      if (distance_to_edges(subject_polygons, p) <= margin || distance_to_edges(clip_polygons, p) <= margin) {
        continue;
      }
      bool expected = filled(subject_polygons, subject_rule, p) && filled(clip_polygons, clip_rule, p);
      ASSERT_EQ(filled(result_polygons, result_rule, p), expected) << p.x << "," << p.y;
      ++checked;
    }
  }
  EXPECT_GT(checked, 3000);
}

}  // namespace bimi::svgps::geometry::testing
