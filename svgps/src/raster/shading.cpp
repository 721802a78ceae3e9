#include "raster/shading.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <map>
#include <numeric>

#include "raster/profile_fit.hpp"

namespace bimi::svgps::raster {

namespace {

constexpr std::int32_t unlabelled = -1;

std::uint8_t channel(double value) { return static_cast<std::uint8_t>(std::lround(std::clamp(value, 0.0, 1.0) * 255)); }

struct Grid {
  int w, h;
  std::size_t at(int x, int y) const { return static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x); }
};

// Connected opaque pixels with no step over shading_step between 4-neighbours and no slope over
// shading_slope; labels per pixel.
std::vector<std::vector<std::uint32_t>> smooth_regions(const Image& image, std::vector<std::int32_t>& label,
                                                       const convert::Deadline* deadline) {
  const Grid g{image.width, image.height};
  const std::size_t n = g.at(0, g.h);
  const auto& p = image.rgba;
  auto opaque = [&](std::size_t i) { return p[i * 4 + 3] >= 128; };
  auto smooth = [&](std::size_t i, std::size_t j) {
    for (std::size_t c = 0; c < 3; ++c) {
      if (std::abs(int(p[i * 4 + c]) - int(p[j * 4 + c])) > shading_step) return false;
    }
    return true;
  };
  // A pixel on a slope steeper than shading_slope (a blurred edge, which steps little from
  // pixel to pixel but keeps stepping) belongs to no region: the regions on each side stay apart.
  std::vector<bool> steep(n, false);
  for (int y = 0; y < g.h; ++y) {
    for (int x = 0; x < g.w; ++x) {
      const std::size_t left = g.at(std::max(x - 1, 0), y), right = g.at(std::min(x + 1, g.w - 1), y);
      const std::size_t up = g.at(x, std::max(y - 1, 0)), down = g.at(x, std::min(y + 1, g.h - 1));
      for (std::size_t c = 0; c < 3; ++c) {
        const int across = std::abs(int(p[right * 4 + c]) - int(p[left * 4 + c]));
        const int along = std::abs(int(p[down * 4 + c]) - int(p[up * 4 + c]));
        if (std::max(across, along) > 2 * shading_slope) steep[g.at(x, y)] = true;
      }
    }
  }
  auto member = [&](std::size_t i) { return opaque(i) && !steep[i]; };
  label.assign(n, unlabelled);
  std::vector<std::vector<std::uint32_t>> regions;
  for (std::size_t seed = 0; seed < n; ++seed) {
    if (label[seed] != unlabelled || !member(seed)) continue;
    const auto id = static_cast<std::int32_t>(regions.size());
    std::vector<std::uint32_t> members{static_cast<std::uint32_t>(seed)};
    label[seed] = id;
    for (std::size_t k = 0; k < members.size(); ++k) {
      convert::check(deadline);
      const std::size_t i = members[k];
      const int x = static_cast<int>(i % static_cast<std::size_t>(g.w)), y = static_cast<int>(i / static_cast<std::size_t>(g.w));
      const std::array<std::pair<int, int>, 4> next{{{x - 1, y}, {x + 1, y}, {x, y - 1}, {x, y + 1}}};
      for (auto [u, v] : next) {
        if (u < 0 || v < 0 || u >= g.w || v >= g.h) continue;
        const std::size_t j = g.at(u, v);
        if (label[j] != unlabelled || !member(j) || !smooth(i, j)) continue;
        label[j] = id;
        members.push_back(static_cast<std::uint32_t>(j));
      }
    }
    regions.push_back(std::move(members));
  }
  return regions;
}

// The gradient that explains the region's colours, if one does. `shaded` says whether the region
// is shading at all (spans enough colours, mostly away from its mean), fitted or not.
std::optional<ShadedRegion> fitted(const Image& image, std::vector<std::uint32_t> pixels,
                                   const std::vector<std::int32_t>& label, bool& shaded) {
  shaded = false;
  const Grid g{image.width, image.height};
  const auto& p = image.rgba;
  const std::int32_t id = label[pixels.front()];
  auto value = [&](std::size_t i, std::size_t c) { return p[i * 4 + c] / 255.0; };
  auto inside = [&](int x, int y) { return x >= 0 && y >= 0 && x < g.w && y < g.h && label[g.at(x, y)] == id; };

  // Steps in from the region's rim (up to 3): anti-aliasing mixes the neighbour's colour into
  // the rim, and a mixed pixel's steep difference would outweigh the shading's slow one.
  std::vector<std::uint8_t> depth(pixels.size(), 0);
  {
    std::vector<std::uint8_t> at(static_cast<std::size_t>(g.w) * static_cast<std::size_t>(g.h), 0);
    for (std::uint32_t i : pixels) at[i] = 1;
    for (std::uint8_t level = 1; level < 3; ++level) {
      for (std::uint32_t i : pixels) {
        const int x = static_cast<int>(i % static_cast<std::size_t>(g.w)), y = static_cast<int>(i / static_cast<std::size_t>(g.w));
        auto deep = [&](int u, int v) { return inside(u, v) && at[g.at(u, v)] >= level; };
        if (at[i] == level && deep(x - 1, y) && deep(x + 1, y) && deep(x, y - 1) && deep(x, y + 1)) at[i] = level + 1;
      }
    }
    for (std::size_t k = 0; k < pixels.size(); ++k) depth[k] = at[pixels[k]];
  }

  // A flat colour (its rim aside) is left to the palette; so is a web of thin lines.
  std::array<int, 3> low{255, 255, 255}, high{0, 0, 0};
  std::size_t inner = 0;
  for (std::size_t k = 0; k < pixels.size(); ++k) {
    if (depth[k] < 2) continue;
    ++inner;
    for (std::size_t c = 0; c < 3; ++c) {
      low[c] = std::min<int>(low[c], p[pixels[k] * 4 + c]);
      high[c] = std::max<int>(high[c], p[pixels[k] * 4 + c]);
    }
  }
  bool spans = false;
  for (std::size_t c = 0; c < 3; ++c) spans = spans || high[c] - low[c] >= shading_min_span;
  if (!spans || inner < pixels.size() / 2) return std::nullopt;

  // Samples a step in from the rim; the direction and centre from those two steps in, where
  // central differences only read the region's own colours.
  std::array<double, 3> sum{};
  std::vector<fit::Sample> samples;
  samples.reserve(inner);
  fit::Structure structure;
  for (std::size_t k = 0; k < pixels.size(); ++k) {
    const std::uint32_t i = pixels[k];
    for (std::size_t c = 0; c < 3; ++c) sum[c] += p[i * 4 + c];
    if (depth[k] < 2) continue;
    const int x = static_cast<int>(i % static_cast<std::size_t>(g.w)), y = static_cast<int>(i / static_cast<std::size_t>(g.w));
    const double px = x + 0.5, py = y + 0.5;
    samples.push_back({px, py, {value(i, 0), value(i, 1), value(i, 2)}});
    if (depth[k] < 3) continue;
    // Central differences per channel, each channel's gradient weighing in the direction.
    for (std::size_t c = 0; c < 3; ++c) {
      const double gx = (value(g.at(x + 1, y), c) - value(g.at(x - 1, y), c)) / 2;
      const double gy = (value(g.at(x, y + 1), c) - value(g.at(x, y - 1), c)) / 2;
      structure.add(px, py, gx, gy);
    }
  }
  // Nor is one colour with a few mixed pixels: most of a shading is away from its mean colour.
  std::array<double, 3> mean{};
  for (const fit::Sample& s : samples) {
    for (std::size_t c = 0; c < 3; ++c) mean[c] += s.v[c] / static_cast<double>(samples.size());
  }
  std::size_t near_mean = 0;
  for (const fit::Sample& s : samples) {
    double d = 0;
    for (std::size_t c = 0; c < 3; ++c) d = std::max(d, std::abs(s.v[c] - mean[c]));
    if (d <= shading_flat_reach) ++near_mean;
  }
  if (near_mean * 5 >= samples.size() * 3) return std::nullopt;
  shaded = true;
  const auto fit = fit::best_fit(samples, 3, structure, g.w, g.h,
                                 {shading_mean_error, shading_pixel_error, 100}, true);
  if (!fit) return std::nullopt;
  ShadedRegion region;
  region.gradient = fit::gradient_of(*fit, max_shading_stops, [](const fit::Profile& profile, std::size_t k) {
    const double* v = &profile.values[k * profile.channels];
    return model::GradientStop{0, {channel(v[0]), channel(v[1]), channel(v[2])}, 1};
  });
  const double count = static_cast<double>(pixels.size());
  region.mean = {channel(sum[0] / count / 255), channel(sum[1] / count / 255), channel(sum[2] / count / 255)};
  region.pixels = std::move(pixels);
  return region;
}

// The region's pixels in two halves, cut across the longer side of its bounding box at the median.
std::pair<std::vector<std::uint32_t>, std::vector<std::uint32_t>> cut_in_two(const std::vector<std::uint32_t>& pixels,
                                                                              int width) {
  const auto w = static_cast<std::uint32_t>(width);
  std::uint32_t x0 = UINT32_MAX, y0 = UINT32_MAX, x1 = 0, y1 = 0;
  for (std::uint32_t i : pixels) {
    x0 = std::min(x0, i % w), x1 = std::max(x1, i % w);
    y0 = std::min(y0, i / w), y1 = std::max(y1, i / w);
  }
  const bool across_x = x1 - x0 >= y1 - y0;
  std::vector<std::uint32_t> along;
  along.reserve(pixels.size());
  for (std::uint32_t i : pixels) along.push_back(across_x ? i % w : i / w);
  std::nth_element(along.begin(), along.begin() + static_cast<std::ptrdiff_t>(along.size() / 2), along.end());
  const std::uint32_t middle = along[along.size() / 2];
  std::pair<std::vector<std::uint32_t>, std::vector<std::uint32_t>> halves;
  for (std::uint32_t i : pixels) ((across_x ? i % w : i / w) < middle ? halves.first : halves.second).push_back(i);
  return halves;
}

}  // namespace

// The gradient's colour at a point, as a renderer pads and interpolates its stops.
model::Rgb colour_at(const model::Gradient& g, double x, double y) {
  double t;
  if (g.kind == model::Gradient::Kind::radial) {
    t = g.r > 0 ? std::hypot(x - g.cx, y - g.cy) / g.r : 1;
  } else {
    const double dx = g.x2 - g.x1, dy = g.y2 - g.y1, length = dx * dx + dy * dy;
    t = length > 0 ? ((x - g.x1) * dx + (y - g.y1) * dy) / length : 1;
  }
  if (t <= g.stops.front().offset) return g.stops.front().color;
  for (std::size_t k = 1; k < g.stops.size(); ++k) {
    const model::GradientStop &a = g.stops[k - 1], &b = g.stops[k];
    if (t > b.offset) continue;
    const double f = b.offset > a.offset ? (t - a.offset) / (b.offset - a.offset) : 1;
    auto mix = [f](std::uint8_t p, std::uint8_t q) { return static_cast<std::uint8_t>(std::lround(p + (q - p) * f)); };
    return {mix(a.color.r, b.color.r), mix(a.color.g, b.color.g), mix(a.color.b, b.color.b)};
  }
  return g.stops.back().color;
}

namespace {

// Pieces cut from one region meet where their gradients may disagree: where they do by more than
// shading_seam levels on average along the cuts, the region's pieces are all dropped and it is
// left to flat colours.
void drop_visible_seams(int width, std::size_t pixels, std::vector<ShadedRegion>& regions,
                        const std::vector<std::size_t>& origin_of) {
  const auto w = static_cast<std::uint32_t>(width);
  std::vector<std::int32_t> piece(pixels, -1);
  for (std::size_t r = 0; r < regions.size(); ++r) {
    if (origin_of[r] == SIZE_MAX) continue;
    for (std::uint32_t i : regions[r].pixels) piece[i] = static_cast<std::int32_t>(r);
  }
  std::map<std::size_t, std::pair<double, std::size_t>> seams;  // per origin: summed step, count
  for (std::size_t r = 0; r < regions.size(); ++r) {
    if (origin_of[r] == SIZE_MAX) continue;
    for (std::uint32_t i : regions[r].pixels) {
      for (std::uint32_t j : {i + 1, i + w}) {
        if (j >= pixels || (j == i + 1 && j % w == 0) || piece[j] < 0 || piece[j] == static_cast<std::int32_t>(r)) continue;
        const ShadedRegion& other = regions[static_cast<std::size_t>(piece[j])];
        // Where the two pixels meet.
        const double x = i % w + (j == i + 1 ? 1.0 : 0.5), y = i / w + (j == i + 1 ? 0.5 : 1.0);
        const model::Rgb a = colour_at(regions[r].gradient, x, y), b = colour_at(other.gradient, x, y);
        const int step = std::max({std::abs(a.r - b.r), std::abs(a.g - b.g), std::abs(a.b - b.b)});
        auto& seam = seams[origin_of[r]];
        seam.first += step;
        ++seam.second;
      }
    }
  }
  std::vector<ShadedRegion> kept;
  for (std::size_t r = 0; r < regions.size(); ++r) {
    if (origin_of[r] != SIZE_MAX) {
      auto seam = seams.find(origin_of[r]);
      if (seam != seams.end() && seam->second.first > shading_seam * static_cast<double>(seam->second.second)) continue;
    }
    kept.push_back(std::move(regions[r]));
  }
  regions = std::move(kept);
}

}  // namespace

std::vector<ShadedRegion> shaded_regions(const Image& image, const convert::Deadline* deadline) {
  const std::size_t n = static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height);
  if (n == 0 || image.rgba.size() < n * 4) return {};
  std::vector<std::int32_t> label;
  auto regions = smooth_regions(image, label, deadline);
  const std::size_t least = std::max<std::size_t>(256, n / shading_min_share);
  std::vector<ShadedRegion> out;
  auto next_label = static_cast<std::int32_t>(regions.size());
  // Shading no one gradient explains (two gradients laid over each other, as in Instagram's
  // mark) is cut in two across its longer side, and each half tried again, down to
  // max_shading_cuts cuts.
  struct Piece {
    std::vector<std::uint32_t> pixels;
    int cuts;
    std::size_t origin;
  };
  std::vector<Piece> pending;
  for (std::size_t r = 0; r < regions.size(); ++r) {
    if (regions[r].size() >= least) pending.push_back({std::move(regions[r]), 0, r});
  }
  std::vector<std::size_t> origin_of;  // per fitted region, the region it was cut from, if cut
  std::size_t pieces_tried = 0;
  for (std::size_t k = 0; k < pending.size(); ++k) {
    convert::check_now(deadline);
    Piece piece = std::move(pending[k]);
    bool shaded = false;
    if (auto region = fitted(image, piece.pixels, label, shaded)) {
      region->piece = piece.cuts > 0;
      out.push_back(std::move(*region));
      origin_of.push_back(piece.cuts > 0 ? piece.origin : SIZE_MAX);
      continue;
    }
    if (!shaded || piece.cuts >= max_shading_cuts || piece.pixels.size() < 2 * least) continue;
    if (pieces_tried + 2 > max_shading_pieces) continue;  // the fits one image may cost
    pieces_tried += 2;
    auto halves = cut_in_two(piece.pixels, image.width);
    for (auto* half : {&halves.first, &halves.second}) {
      if (half->size() < least) continue;
      for (std::uint32_t i : *half) label[i] = next_label;
      ++next_label;
      pending.push_back({std::move(*half), piece.cuts + 1, piece.origin});
    }
  }
  drop_visible_seams(image.width, n, out, origin_of);
  std::stable_sort(out.begin(), out.end(), [](const ShadedRegion& a, const ShadedRegion& b) { return a.pixels.size() > b.pixels.size(); });
  return out;
}

Shaded with_shading(const Indexed& flat, const Image& image, const std::vector<ShadedRegion>& regions, int band) {
  const std::size_t n = flat.index.size();
  const std::size_t colours = flat.colors.size();
  // Owner per pixel: a flat colour (< colours), a region (colours + r), or transparent.
  constexpr std::size_t none = SIZE_MAX;
  std::vector<std::size_t> owner(n, none);
  for (std::size_t i = 0; i < n; ++i) {
    if (flat.index[i] != Indexed::transparent) owner[i] = flat.index[i];
  }
  const std::size_t kept = std::min(regions.size(), std::size_t{254} > colours ? 254 - colours : 0);
  for (std::size_t r = 0; r < kept; ++r) {
    for (std::uint32_t i : regions[r].pixels) owner[i] = colours + r;
  }
  // The rim around a region (its anti-aliased edge, JPEG ringing, pixels too steep to grow
  // into) joins it, band + 2 pixels out: where its flat colour is one the shading was cut into
  // or that only rims regions (most of its pixels are in or next to them), or where its colour
  // is nearer the region's gradient there than the flat colour it was given.
  const Grid g{flat.width, flat.height};
  const int reach = band + 2;
  std::vector<int> away(n, reach + 1);  // steps to the nearest region pixel, up to reach + 1
  std::vector<std::size_t> frontier;
  for (std::size_t i = 0; i < n; ++i) {
    if (owner[i] != none && owner[i] >= colours) {
      away[i] = 0;
      frontier.push_back(i);
    }
  }
  for (int d = 1; d <= reach && !frontier.empty(); ++d) {
    std::vector<std::size_t> next_frontier;
    for (std::size_t i : frontier) {
      const int x = static_cast<int>(i % static_cast<std::size_t>(g.w)), y = static_cast<int>(i / static_cast<std::size_t>(g.w));
      const std::array<std::pair<int, int>, 4> next{{{x - 1, y}, {x + 1, y}, {x, y - 1}, {x, y + 1}}};
      for (auto [u, v] : next) {
        if (u < 0 || v < 0 || u >= g.w || v >= g.h || away[g.at(u, v)] <= d) continue;
        away[g.at(u, v)] = d;
        next_frontier.push_back(g.at(u, v));
      }
    }
    frontier = std::move(next_frontier);
  }
  std::vector<std::size_t> inside(colours, 0), total(colours, 0);
  for (std::size_t i = 0; i < n; ++i) {
    if (flat.index[i] == Indexed::transparent) continue;
    ++total[flat.index[i]];
    if (away[i] <= reach) ++inside[flat.index[i]];
  }
  auto banded = [&](std::size_t colour) { return inside[colour] * 2 >= total[colour]; };
  auto distance = [&](std::size_t i, const model::Rgb& colour) {
    const std::uint8_t* px = &image.rgba[i * 4];
    return std::max({std::abs(px[0] - colour.r), std::abs(px[1] - colour.g), std::abs(px[2] - colour.b)});
  };
  // Pixels the gradient explains (noise the region's growth stopped at) join however far in.
  constexpr int explained = 16;
  for (int step = 0, changed = 1; changed > 0 && step < 64; ++step) {
    changed = 0;
    std::vector<std::size_t> grown = owner;
    for (int y = 0; y < g.h; ++y) {
      for (int x = 0; x < g.w; ++x) {
        const std::size_t i = g.at(x, y);
        if (owner[i] >= colours) continue;  // a region's, or transparent
        const std::array<std::pair<int, int>, 4> next{{{x - 1, y}, {x + 1, y}, {x, y - 1}, {x, y + 1}}};
        for (auto [u, v] : next) {
          if (u < 0 || v < 0 || u >= g.w || v >= g.h) continue;
          const std::size_t o = owner[g.at(u, v)];
          if (o == none || o < colours) continue;
          const model::Rgb there = colour_at(regions[o - colours].gradient, x + 0.5, y + 0.5);
          const int off = distance(i, there);
          const bool rim = step < reach && (banded(owner[i]) || off <= distance(i, flat.colors[owner[i]]));
          if (rim || off <= explained) {
            grown[i] = o;
            ++changed;
            break;
          }
        }
      }
    }
    owner = std::move(grown);
  }
  // Colours by pixel count, largest first (ties: flat colours first, then in their order).
  std::vector<std::size_t> count(colours + kept, 0);
  for (std::size_t o : owner) {
    if (o != none) ++count[o];
  }
  std::vector<std::size_t> order(count.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return count[a] > count[b]; });
  while (!order.empty() && count[order.back()] == 0) order.pop_back();
  std::vector<std::uint8_t> new_index(count.size(), Indexed::transparent);
  Shaded out;
  out.indexed.width = flat.width;
  out.indexed.height = flat.height;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::size_t o = order[k];
    new_index[o] = static_cast<std::uint8_t>(k);
    out.indexed.colors.push_back(o < colours ? flat.colors[o] : regions[o - colours].mean);
    out.region.push_back(o < colours ? std::nullopt : std::optional<std::size_t>(o - colours));
  }
  out.indexed.index.resize(n, Indexed::transparent);
  for (std::size_t i = 0; i < n; ++i) {
    if (owner[i] != none) out.indexed.index[i] = new_index[owner[i]];
  }
  return out;
}

void paint_shading(TracedLayers& traced, const Shaded& shaded, const std::vector<ShadedRegion>& regions,
                   std::vector<model::Gradient>& gradients) {
  std::vector<std::optional<std::size_t>> written(regions.size());
  for (std::size_t s = 0; s < traced.group.children.size(); ++s) {
    const auto region = shaded.region.at(traced.layers.at(s));
    if (!region) continue;
    if (!written[*region]) {
      written[*region] = gradients.size();
      gradients.push_back(regions[*region].gradient);
    }
    model::Paint& fill = traced.group.children[s].shape->fill;
    fill.kind = model::Paint::Kind::gradient;
    fill.gradient = *written[*region];
    if (s == 0) traced.bottom_covers_canvas = false;
  }
}

}  // namespace bimi::svgps::raster
