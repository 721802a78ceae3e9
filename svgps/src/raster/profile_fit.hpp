// Fitting pixels whose values (alpha, or colour) are a smooth function of one distance: along a
// line (a linear gradient) or from a centre (a radial one). Shared by translucent fades and by
// opaque shading in a bitmap, which differ in what a value is and how far it may stray.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <optional>
#include <vector>

#include "model/document.hpp"

namespace bimi::svgps::raster::fit {

inline constexpr double bin_width = 0.5;  // pixels of distance per sample of a profile
inline constexpr std::size_t max_bins = 8192;

// A pixel's centre and its values (the first `channels` of them are used).
struct Sample {
  double x, y;
  std::array<double, 3> v;
};

// Values as a function of one distance t(x, y), sampled every bin_width from `start`.
struct Profile {
  double start = 0;
  std::size_t channels = 1;
  std::vector<double> values;  // bin-major: values[bin * channels + channel]

  std::size_t bins() const { return values.size() / channels; }
  double at(double t, std::size_t channel) const;
  double end() const { return start + bin_width * static_cast<double>(bins() - 1); }
};

// How far a profile may stray from the samples: on average, and for all but one sample in
// `strays_per` of them.
struct Tolerance {
  double mean;
  double pixel;
  std::size_t strays_per;
};

// Accumulates, over the samples, what the direction of a linear fit and the centre of a radial
// one are solved from: the structure tensor of the value gradients and the least-squares system
// of lines through each pixel along its gradient.
struct Structure {
  std::array<double, 3> tensor{};  // Σ gx², Σ gx gy, Σ gy²
  std::array<double, 5> centre{};
  void add(double px, double py, double gx, double gy);
};

struct Fit {
  Profile profile;
  bool radial = false;
  double cx = 0, cy = 0;  // radial
  double dx = 0, dy = 0;  // linear: the unit direction
  // radial around an ellipse: distances across the axis (ux, uy), the longer one, count
  // `stretch` times (a blurred ellipse's glow); 1 for a circle.
  double stretch = 1;
  double ux = 1, uy = 0;
  double distance(double x, double y) const;
};

// The better of a radial fit (its centre within four times the `width` × `height` area's size of
// it) and a linear one, if either stays within `tolerance`. `refined`: the structure's centre and
// direction are searched around for a smaller error first.
std::optional<Fit> best_fit(const std::vector<Sample>& samples, std::size_t channels, const Structure& structure,
                            int width, int height, const Tolerance& tolerance, bool refined = false);

// A radial fit around an ellipse, for values that fall off from a peak as a blurred ellipse's do:
// the ellipse is that of a quadratic fitted to -log(value / peak) (a Gaussian's logarithm), its
// profile taken along its longer axis. Nullopt when no such ellipse (longer axis at least 5 %
// longer, at most 8 times) stays within `tolerance`.
std::optional<Fit> elliptical_fit(const std::vector<Sample>& samples, int width, int height,
                                  const Tolerance& tolerance);

// The fit as an SVG gradient in the samples' coordinates, with at most `max_stops` stops that
// keep the profile within 1/255 where they can; `stop` makes a stop from the profile's values at
// a bin.
using StopOf = std::function<model::GradientStop(const Profile&, std::size_t bin)>;
// An elliptical fit's gradient is a circle around the origin of its own space: `gradient_space`
// maps that space into the samples' coordinates (nullopt for any other fit).
model::Gradient gradient_of(const Fit& fit, std::size_t max_stops, const StopOf& stop);
std::optional<geometry::Matrix> gradient_space(const Fit& fit);

}  // namespace bimi::svgps::raster::fit
