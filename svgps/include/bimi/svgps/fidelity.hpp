// How alike two renders are: the share of pixels that differ visibly and a structural similarity
// index (SSIM). Used to prove that a converted logo looks like the original.
#pragma once

#include <cstdint>
#include <vector>

#include "bimi/svgps/render.hpp"

namespace bimi::svgps {

// Where the two renders differ, pixel by pixel, as the comparison measured it (for a heat map).
// Empty when the renders are identical.
struct DifferenceMap {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> magnitude;  // largest difference of alpha or of a channel over white, 0..255
  std::vector<std::uint8_t> counted;    // 1 where the pixel is one of differing_share's pixels
};

struct Fidelity {
  double differing_share = 0;  // pixels whose colour (over white) or alpha differs by more than 1/16
                               // (from every pixel within the comparison's shift, and not as an
                               // edge in another phase: see EdgeSlack)
  double ssim = 1;             // mean SSIM over 8×8 windows, the lower of colour-over-white luma and alpha
  DifferenceMap difference;
};

// Whether a straight edge that falls differently in the two renders, by at most a pixel, counts.
enum class EdgeSlack {
  // It does not: both renders run constant along the same axis there and each render's pixel is a
  // mix of the other render's neighbours. Renderers snap filter regions to whole pixels and
  // resample pattern tiles, so the same edge lands on different pixels. A missing line or dot, a
  // changed colour, and curves, corners and glyphs still count.
  phase,
  // It does: for choices that move every edge a little (rounding coordinates, tracing a bitmap),
  // where that slack would let the error grow unseen.
  none,
};

// Both images must have the same size; returns nullopt otherwise. With `shift` > 0 a pixel of
// `b` only counts as differing when no pixel of `a` within that many pixels looks like it: an
// outline placed a pixel off (a traced bitmap's soft or ringing edge) is not a visible change.
std::optional<Fidelity> compare_images(const Image& a, const Image& b, int shift = 0,
                                       EdgeSlack edges = EdgeSlack::phase);

}  // namespace bimi::svgps
