#include "raster/palette.hpp"

#include <libimagequant.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <numeric>

#include "bimi/handle.hpp"

// libimagequant sizes its k-means work by the calling thread's OpenMP thread count, and the sums
// it averages depend on that split. Pinning the count for this thread (OpenMP keeps it per
// thread) makes the palette the same on every machine.
extern "C" int omp_get_max_threads(void);
extern "C" void omp_set_num_threads(int);

namespace bimi::svgps::raster {
namespace {

class SingleThreadedOpenMp {
 public:
  SingleThreadedOpenMp() : previous_(omp_get_max_threads()) { omp_set_num_threads(1); }
  ~SingleThreadedOpenMp() { omp_set_num_threads(previous_); }
  SingleThreadedOpenMp(const SingleThreadedOpenMp&) = delete;
  SingleThreadedOpenMp& operator=(const SingleThreadedOpenMp&) = delete;

 private:
  int previous_;
};

int distance2(const model::Rgb& a, const model::Rgb& b) {
  int dr = a.r - b.r, dg = a.g - b.g, db = a.b - b.b;
  // Weighted towards how the eye separates colours (green most, blue least).
  return 3 * dr * dr + 4 * dg * dg + 2 * db * db;
}

// Renumbers colours by pixel count (largest first; ties by colour value) and drops unused ones.
void sort_by_count(Indexed& indexed) {
  auto counts = color_counts(indexed);
  std::vector<std::size_t> order(indexed.colors.size());
  std::iota(order.begin(), order.end(), 0);
  auto key = [&](std::size_t i) {
    const auto& c = indexed.colors[i];
    return (c.r << 16) | (c.g << 8) | c.b;
  };
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (counts[a] != counts[b]) return counts[a] > counts[b];
    return key(a) < key(b);
  });
  std::array<std::uint8_t, 256> renumber;
  renumber.fill(Indexed::transparent);
  std::vector<model::Rgb> colors;
  for (std::size_t i : order) {
    if (counts[i] == 0) continue;
    renumber[i] = static_cast<std::uint8_t>(colors.size());
    colors.push_back(indexed.colors[i]);
  }
  for (auto& v : indexed.index) {
    if (v != Indexed::transparent) v = renumber[v];
  }
  indexed.colors = std::move(colors);
}

}  // namespace

std::vector<std::size_t> color_counts(const Indexed& indexed) {
  std::vector<std::size_t> counts(indexed.colors.size(), 0);
  for (auto v : indexed.index) {
    if (v != Indexed::transparent && v < counts.size()) ++counts[v];
  }
  return counts;
}

std::optional<Indexed> quantize(const Image& image, int max_colors, int quality, std::string& error) {
  const std::size_t pixels = static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height);
  // Binary alpha: the tracer draws shapes that are there or not; anti-aliased edges come back
  // from the renderer.
  std::vector<std::uint8_t> rgba(image.rgba);
  for (std::size_t i = 0; i < pixels; ++i) {
    std::uint8_t* p = rgba.data() + i * 4;
    if (p[3] < 128) {
      p[0] = p[1] = p[2] = p[3] = 0;
    } else {
      p[3] = 255;
    }
  }
  SingleThreadedOpenMp single_thread;
  Handle<liq_attr, liq_attr_destroy> attr(liq_attr_create());
  if (!attr) {
    error = "colour reduction failed to start";
    return std::nullopt;
  }
  liq_set_max_colors(attr.get(), std::clamp(max_colors + 1, 2, 255));  // one entry may be transparency
  liq_set_quality(attr.get(), 0, std::clamp(quality, 0, 100));
  liq_set_speed(attr.get(), 4);
  Handle<liq_image, liq_image_destroy> input(
      liq_image_create_rgba(attr.get(), rgba.data(), image.width, image.height, 0));
  if (!input) {
    error = "colour reduction rejected the image";
    return std::nullopt;
  }
  liq_result* raw_result = nullptr;
  if (liq_image_quantize(input.get(), attr.get(), &raw_result) != LIQ_OK || !raw_result) {
    error = "colour reduction failed";
    return std::nullopt;
  }
  Handle<liq_result, liq_result_destroy> result(raw_result);
  liq_set_dithering_level(result.get(), 0);
  Indexed indexed;
  indexed.width = image.width;
  indexed.height = image.height;
  indexed.index.resize(pixels);
  if (liq_write_remapped_image(result.get(), input.get(), indexed.index.data(), indexed.index.size()) != LIQ_OK) {
    error = "colour reduction failed to map the image";
    return std::nullopt;
  }
  const liq_palette* palette = liq_get_palette(result.get());
  std::array<std::uint8_t, 256> renumber;
  renumber.fill(Indexed::transparent);
  for (unsigned i = 0; i < palette->count; ++i) {
    const liq_color& c = palette->entries[i];
    if (c.a < 128) continue;
    renumber[i] = static_cast<std::uint8_t>(indexed.colors.size());
    indexed.colors.push_back({c.r, c.g, c.b});
  }
  for (std::size_t i = 0; i < pixels; ++i) {
    indexed.index[i] = rgba[i * 4 + 3] < 128 ? Indexed::transparent : renumber[indexed.index[i]];
  }
  // A pixel libimagequant mapped to a transparent entry while it is opaque gets the nearest colour.
  for (std::size_t i = 0; i < pixels; ++i) {
    if (indexed.index[i] != Indexed::transparent || rgba[i * 4 + 3] < 128 || indexed.colors.empty()) continue;
    model::Rgb c{rgba[i * 4], rgba[i * 4 + 1], rgba[i * 4 + 2]};
    std::size_t best = 0;
    for (std::size_t k = 1; k < indexed.colors.size(); ++k) {
      if (distance2(c, indexed.colors[k]) < distance2(c, indexed.colors[best])) best = k;
    }
    indexed.index[i] = static_cast<std::uint8_t>(best);
  }
  sort_by_count(indexed);
  return indexed;
}

void merge_similar_colors(Indexed& indexed, double tolerance) {
  const std::size_t n = indexed.colors.size();
  std::array<std::uint8_t, 256> target;
  for (std::size_t k = 0; k < 256; ++k) target[k] = static_cast<std::uint8_t>(k);
  bool any = false;
  // The palette is ordered by pixel count, so every colour joins the most frequent one near it.
  for (std::size_t j = 1; j < n; ++j) {
    for (std::size_t k = 0; k < j; ++k) {
      if (target[k] != k) continue;
      const auto& a = indexed.colors[k];
      const auto& b = indexed.colors[j];
      double dr = a.r - b.r, dg = a.g - b.g, db = a.b - b.b;
      if (std::sqrt(dr * dr + dg * dg + db * db) < tolerance) {
        target[j] = static_cast<std::uint8_t>(k);
        any = true;
        break;
      }
    }
  }
  if (!any) return;
  for (auto& v : indexed.index) {
    if (v != Indexed::transparent) v = target[v];
  }
  sort_by_count(indexed);
}

void settle_colors(Indexed& indexed, const Image& source) {
  const std::size_t n = indexed.colors.size();
  std::vector<std::array<std::uint32_t, 256 * 3>> histograms(n);
  for (auto& h : histograms) h.fill(0);
  std::vector<std::size_t> counts(n, 0);
  for (std::size_t i = 0; i < indexed.index.size(); ++i) {
    auto v = indexed.index[i];
    if (v == Indexed::transparent) continue;
    const std::uint8_t* p = source.rgba.data() + i * 4;
    for (int c = 0; c < 3; ++c) ++histograms[v][static_cast<std::size_t>(c * 256 + p[c])];
    ++counts[v];
  }
  for (std::size_t k = 0; k < n; ++k) {
    if (counts[k] == 0) continue;
    std::uint8_t median[3];
    for (int c = 0; c < 3; ++c) {
      std::size_t seen = 0;
      int value = 0;
      while (value < 255 && (seen += histograms[k][static_cast<std::size_t>(c * 256 + value)]) * 2 < counts[k]) ++value;
      median[c] = static_cast<std::uint8_t>(value);
    }
    indexed.colors[k] = {median[0], median[1], median[2]};
  }
}

namespace {

// Where `c` lies on the segment from `a` to `b` (t: 0 at a, 1 at b) and how far from it, in RGB.
struct BlendFit {
  double t = 0;
  double distance = 0;
};

BlendFit fit_blend(const model::Rgb& c, const model::Rgb& a, const model::Rgb& b) {
  double ab[3] = {double(b.r - a.r), double(b.g - a.g), double(b.b - a.b)};
  double ac[3] = {double(c.r - a.r), double(c.g - a.g), double(c.b - a.b)};
  double length2 = ab[0] * ab[0] + ab[1] * ab[1] + ab[2] * ab[2];
  double t = length2 > 0 ? std::clamp((ab[0] * ac[0] + ab[1] * ac[1] + ab[2] * ac[2]) / length2, 0.0, 1.0) : 0.0;
  double d2 = 0;
  for (int i = 0; i < 3; ++i) d2 += (ac[i] - t * ab[i]) * (ac[i] - t * ab[i]);
  return {t, std::sqrt(d2)};
}

// Colour differences below this are a blend's rounding and noise, not a colour of its own.
constexpr double blend_tolerance = 40;

}  // namespace

void merge_seam_colors(Indexed& indexed, int band) {
  const int w = indexed.width, h = indexed.height;
  const std::size_t n = indexed.colors.size();
  if (n < 2 || w < 3 || h < 3) return;
  const std::size_t pixels = static_cast<std::size_t>(w) * static_cast<std::size_t>(h);
  auto offset = [&](int x, int y) { return static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + x; };
  const auto& index = indexed.index;
  auto for_neighbours = [&](int x, int y, auto&& visit) {
    if (x > 0) visit(offset(x - 1, y));
    if (x + 1 < w) visit(offset(x + 1, y));
    if (y > 0) visit(offset(x, y - 1));
    if (y + 1 < h) visit(offset(x, y + 1));
  };

  // Interior: everything within `band` steps shares the pixel's colour. Core: within `band`
  // steps of an interior pixel of the same colour — the body of a shape, its edge included.
  // What is neither is fringe: a seam, a hairline, or a speck.
  std::vector<std::uint8_t> core(pixels, 0);
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      auto v = index[offset(x, y)];
      if (v == Indexed::transparent) continue;
      bool same = x > 0 && y > 0 && x + 1 < w && y + 1 < h;
      if (same) for_neighbours(x, y, [&](std::size_t q) { same = same && index[q] == v; });
      core[offset(x, y)] = same;
    }
  }
  for (int step = 1; step < band; ++step) {
    std::vector<std::uint8_t> next(core);
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        if (!core[offset(x, y)]) continue;
        for_neighbours(x, y, [&](std::size_t q) { next[offset(x, y)] = next[offset(x, y)] && core[q]; });
      }
    }
    core = std::move(next);
  }
  std::vector<bool> solid(n, false);
  for (std::size_t i = 0; i < pixels; ++i) {
    if (core[i]) solid[index[i]] = true;
  }
  for (int step = 0; step < band; ++step) {
    std::vector<std::uint8_t> next(core);
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        std::size_t i = offset(x, y);
        if (core[i] || index[i] == Indexed::transparent) continue;
        for_neighbours(x, y, [&](std::size_t q) { next[i] = next[i] || (core[q] && index[q] == index[i]); });
      }
    }
    core = std::move(next);
  }

  // Grow the cores into the fringe one pixel ring at a time; a fringe pixel reached by several
  // takes the colour nearest its own.
  // Ring by ring from the cores (a breadth-first search, so the work is linear in pixels).
  std::vector<std::uint8_t> merged(index);
  std::vector<std::uint8_t> assigned(core);
  std::vector<std::size_t> ring;
  for (std::size_t i = 0; i < pixels; ++i) {
    if (assigned[i]) ring.push_back(i);
  }
  while (!ring.empty()) {
    std::vector<std::size_t> candidates;
    for (std::size_t i : ring) {
      int x = static_cast<int>(i % static_cast<std::size_t>(w)), y = static_cast<int>(i / static_cast<std::size_t>(w));
      for_neighbours(x, y, [&](std::size_t q) {
        if (!assigned[q] && index[q] != Indexed::transparent) candidates.push_back(q);
      });
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    for (std::size_t i : candidates) {
      int x = static_cast<int>(i % static_cast<std::size_t>(w)), y = static_cast<int>(i / static_cast<std::size_t>(w));
      int best = -1, best_distance = 0;
      for_neighbours(x, y, [&](std::size_t q) {
        if (!assigned[q]) return;
        int u = merged[q];
        int d = distance2(indexed.colors[index[i]], indexed.colors[static_cast<std::size_t>(u)]);
        if (best < 0 || d < best_distance || (d == best_distance && u < best)) best = u, best_distance = d;
      });
      merged[i] = static_cast<std::uint8_t>(best);
    }
    // Assigned only after the whole ring has chosen, so no pixel sees its ring-mates.
    for (std::size_t i : candidates) assigned[i] = 1;
    ring = std::move(candidates);
  }

  // A fringe pixel whose colour lies between the colour that reached it and another shape's
  // colour (give or take noise) is a seam: it joins the nearer of the two. A thin part of a
  // shape's own colour (a tick mark, a hairline) therefore stays, and so does a colour of its own.
  for (std::size_t i = 0; i < pixels; ++i) {
    if (core[i] || index[i] == Indexed::transparent || merged[i] == index[i]) continue;
    const model::Rgb& own = indexed.colors[index[i]];
    const model::Rgb& reached = indexed.colors[merged[i]];
    std::size_t best = n;
    BlendFit best_fit;
    for (std::size_t b = 0; b < n; ++b) {
      if (!solid[b]) continue;
      BlendFit fit = fit_blend(own, reached, indexed.colors[b]);
      if (fit.distance <= blend_tolerance && (best == n || fit.distance < best_fit.distance)) best = b, best_fit = fit;
    }
    if (best == n) {
      merged[i] = index[i];
    } else if (best_fit.t > 0.5) {
      merged[i] = static_cast<std::uint8_t>(best);
    }
  }
  indexed.index = std::move(merged);
  sort_by_count(indexed);
}

}  // namespace bimi::svgps::raster
