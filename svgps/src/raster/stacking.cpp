#include "raster/stacking.hpp"

#include <algorithm>
#include <numeric>

namespace bimi::svgps::raster {
namespace {

// Pixel edges between colours: between[c][d] for c ≠ d, and open[c] between c and transparency
// or the bitmap's edge.
struct Boundaries {
  std::vector<std::vector<std::uint64_t>> between;
  std::vector<std::uint64_t> open;
  bool transparent = false;
};

Boundaries boundaries_of(const Indexed& indexed) {
  const std::size_t n = indexed.colors.size();
  Boundaries b;
  b.between.assign(n, std::vector<std::uint64_t>(n, 0));
  b.open.assign(n, 0);
  const int w = indexed.width, h = indexed.height;
  auto at = [&](int x, int y) { return indexed.index[static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + x]; };
  auto pair = [&](std::uint8_t u, std::uint8_t v) {
    if (u == v) return;
    if (u == Indexed::transparent) std::swap(u, v);
    if (u == Indexed::transparent) return;
    if (v == Indexed::transparent) {
      ++b.open[u];
    } else {
      ++b.between[u][v];
      ++b.between[v][u];
    }
  };
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      const std::uint8_t u = at(x, y);
      if (u == Indexed::transparent) {
        b.transparent = true;
        continue;
      }
      // Each inner pair once (right and down); the bitmap's edge on every side.
      pair(u, x + 1 < w ? at(x + 1, y) : Indexed::transparent);
      pair(u, y + 1 < h ? at(x, y + 1) : Indexed::transparent);
      if (x == 0) ++b.open[u];
      if (y == 0) ++b.open[u];
    }
  }
  // The inner pairs met from the transparent side were skipped above: count them from there.
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      if (at(x, y) != Indexed::transparent) continue;
      if (x + 1 < w && at(x + 1, y) != Indexed::transparent) ++b.open[at(x + 1, y)];
      if (y + 1 < h && at(x, y + 1) != Indexed::transparent) ++b.open[at(x, y + 1)];
    }
  }
  return b;
}

// Traced pixel edges of `order` (colour indices, bottom first).
std::uint64_t traced_edges(const Boundaries& b, const std::vector<std::uint8_t>& order) {
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < order.size(); ++i) {
    total += b.open[order[i]] * (i + 1);
    for (std::size_t j = i + 1; j < order.size(); ++j) total += b.between[order[i]][order[j]] * (j - i);
  }
  return total;
}

constexpr std::size_t exact_colors = 8;

}  // namespace

std::vector<std::uint8_t> stacking_order(const Indexed& indexed) {
  const std::size_t n = indexed.colors.size();
  std::vector<std::uint8_t> order(n);
  std::iota(order.begin(), order.end(), std::uint8_t{0});
  if (n < 2) return order;
  const Boundaries b = boundaries_of(indexed);
  // The first position that may move.
  const std::size_t free_from = b.transparent ? 0 : 1;
  std::uint64_t best = traced_edges(b, order);
  if (n - free_from <= exact_colors) {
    // Every order, in lexicographic order: the first of the shortest is kept, so ties keep the
    // palette's order where they can.
    std::vector<std::uint8_t> trial = order;
    while (std::next_permutation(trial.begin() + static_cast<std::ptrdiff_t>(free_from), trial.end())) {
      const std::uint64_t edges = traced_edges(b, trial);
      if (edges < best) best = edges, order = trial;
    }
    return order;
  }
  // Swapping neighbours at positions i and i+1 changes only their distances to the others and
  // their own count of layers from the bottom.
  for (bool improved = true; improved;) {
    improved = false;
    for (std::size_t i = free_from; i + 1 < n; ++i) {
      const std::uint8_t a = order[i], c = order[i + 1];
      std::int64_t delta = static_cast<std::int64_t>(b.open[a]) - static_cast<std::int64_t>(b.open[c]);
      for (std::size_t k = 0; k < n; ++k) {
        if (k == i || k == i + 1) continue;
        const std::int64_t toward = static_cast<std::int64_t>(b.between[a][order[k]]) - static_cast<std::int64_t>(b.between[c][order[k]]);
        delta += k < i ? toward : -toward;
      }
      if (delta < 0) {
        std::swap(order[i], order[i + 1]);
        improved = true;
      }
    }
  }
  return order;
}

}  // namespace bimi::svgps::raster
