#include "preview_sheet.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace bimi::cli::preview {
namespace {

constexpr int margin = 16;       // left and right of the sheet
constexpr int gap = 16;          // between views
constexpr int row_padding = 12;  // above and below the largest view of a row
constexpr int sender_width = 120, sender_height = 10;
constexpr int subject_width = 200, subject_height = 8;
constexpr int inbox_text_offset = inbox_avatar_size + 12;
constexpr int inbox_width = inbox_text_offset + subject_width;

// Signed distance from (px, py) to a rectangle centred on (cx, cy) with half sides hx, hy and corners of
// radius r: negative inside.
double rounded_rect_distance(double px, double py, double cx, double cy, double hx, double hy, double r) {
  double qx = std::abs(px - cx) - (hx - r), qy = std::abs(py - cy) - (hy - r);
  double outside = std::hypot(std::max(qx, 0.0), std::max(qy, 0.0));
  return outside + std::min(std::max(qx, qy), 0.0) - r;
}

double crop_distance(Crop crop, int size, double px, double py) {
  double half = size / 2.0;
  double radius = crop == Crop::circle ? half : rounded_square_radius * size;
  return rounded_rect_distance(px, py, half, half, half, half, radius);
}

// Share of the pixel (x, y) inside the shape whose signed distance `distance` gives, on 4×4 samples.
template <typename Distance>
double coverage(int x, int y, Distance distance) {
  int inside = 0;
  for (int j = 0; j < 4; ++j) {
    for (int i = 0; i < 4; ++i) inside += distance(x + (i + 0.5) / 4, y + (j + 0.5) / 4) < 0 ? 1 : 0;
  }
  return inside / 16.0;
}

// The logo's own background: the colour of its four corners when they are opaque and alike.
struct Background {
  bool opaque = false;
  std::array<int, 3> colour{};
};

Background background_of(const svgps::Image &image) {
  Background background;
  if (image.width == 0 || image.height == 0) return background;
  const std::uint8_t *corners[] = {image.pixel(0, 0), image.pixel(image.width - 1, 0), image.pixel(0, image.height - 1),
                                   image.pixel(image.width - 1, image.height - 1)};
  for (const auto *corner : corners) {
    if (corner[3] < 250) return background;
    for (int c = 0; c < 3; ++c) {
      if (std::abs(corner[c] - corners[0][c]) > 24) return background;
    }
  }
  background.opaque = true;
  for (int c = 0; c < 3; ++c) {
    int sum = 0;
    for (const auto *corner : corners) sum += corner[c];
    background.colour[static_cast<std::size_t>(c)] = sum / 4;
  }
  return background;
}

// How much of a pixel is content (0 to 1): its opacity, and on an opaque background how far its colour is
// from it (a difference of 48 in a channel counts in full).
double content_weight(const std::uint8_t *pixel, const Background &background) {
  double alpha = pixel[3] / 255.0;
  if (!background.opaque) return alpha;
  int distance = 0;
  for (int c = 0; c < 3; ++c) distance = std::max(distance, std::abs(pixel[c] - background.colour[static_cast<std::size_t>(c)]));
  return alpha * std::min(1.0, distance / 48.0);
}

double linear(double channel) {  // sRGB to linear light (WCAG 2 relative luminance)
  double c = channel / 255.0;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(double r, double g, double b) { return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b); }

std::uint8_t *mutable_pixel(svgps::Image &image, int x, int y) {
  return image.rgba.data() +
         (static_cast<std::size_t>(y) * static_cast<std::size_t>(image.width) + static_cast<std::size_t>(x)) * 4;
}

void blend(std::uint8_t *into, const std::uint8_t *colour, double alpha) {
  for (int c = 0; c < 3; ++c) into[c] = static_cast<std::uint8_t>(std::lround(colour[c] * alpha + into[c] * (1 - alpha)));
  into[3] = 255;
}

void fill_rect(svgps::Image &image, const Rect &rect, const Theme &theme) {
  const std::uint8_t colour[3] = {theme.red, theme.green, theme.blue};
  for (int y = rect.y; y < rect.y + rect.height; ++y) {
    for (int x = rect.x; x < rect.x + rect.width; ++x) blend(mutable_pixel(image, x, y), colour, 1);
  }
}

// A bar with round ends standing for a line of text.
void draw_bar(svgps::Image &image, const Rect &rect, const std::uint8_t *colour) {
  double r = rect.height / 2.0;
  for (int y = rect.y; y < rect.y + rect.height; ++y) {
    for (int x = rect.x; x < rect.x + rect.width; ++x) {
      double share = coverage(x, y, [&](double px, double py) {
        return rounded_rect_distance(px, py, rect.x + rect.width / 2.0, rect.y + r, rect.width / 2.0, r, r);
      });
      if (share > 0) blend(mutable_pixel(image, x, y), colour, share);
    }
  }
}

void draw_view(svgps::Image &sheet, const svgps::Image &render, Crop crop, const Rect &at) {
  const int size = at.width;
  const Background background = background_of(render);
  const double mark_band = std::max(1.5, size / 32.0);
  for (int y = 0; y < size; ++y) {
    for (int x = 0; x < size; ++x) {
      auto *out = mutable_pixel(sheet, at.x + x, at.y + y);
      const std::uint8_t *in = render.pixel(x, y);
      double distance = crop_distance(crop, size, x + 0.5, y + 0.5);
      // Content the crop cuts away: its edge is drawn there.
      if (distance >= 0 && distance < mark_band && content_weight(in, background) > 0.5) {
        blend(out, cut_colour, 1);
        continue;
      }
      double share = crop_coverage(crop, size, x, y) * in[3] / 255.0;
      if (share > 0) blend(out, in, share);
    }
  }
}

}  // namespace

std::vector<const records::Mailbox *> mailboxes_shown_as(Crop crop) {
  std::vector<const records::Mailbox *> out;
  for (const auto &mailbox : records::mailboxes()) {
    if ((mailbox.shape == records::AvatarShape::circle) == (crop == Crop::circle)) out.push_back(&mailbox);
  }
  return out;
}

std::string_view crop_name(Crop crop) { return crop == Crop::circle ? "circle" : "rounded-square"; }

double crop_coverage(Crop crop, int size, int x, int y) {
  return coverage(x, y, [&](double px, double py) { return crop_distance(crop, size, px, py); });
}

Figures measure_view(const svgps::Image &render, Crop crop, const Theme &theme) {
  Figures figures;
  const int size = render.width;
  const Background background = background_of(render);
  const double band = std::max(1.0, size / 32.0);
  double content = 0, cut = 0, ring_luminance = 0;
  int ring_pixels = 0;
  for (int y = 0; y < render.height; ++y) {
    for (int x = 0; x < render.width; ++x) {
      const std::uint8_t *pixel = render.pixel(x, y);
      double weight = content_weight(pixel, background);
      double kept = crop_coverage(crop, size, x, y);
      content += weight;
      cut += weight * (1 - kept);
      double distance = crop_distance(crop, size, x + 0.5, y + 0.5);
      if (distance < 0 && distance >= -band) {
        double a = pixel[3] / 255.0;
        ring_luminance += luminance(pixel[0] * a + theme.red * (1 - a), pixel[1] * a + theme.green * (1 - a),
                                    pixel[2] * a + theme.blue * (1 - a));
        ++ring_pixels;
      }
    }
  }
  figures.content_cut = content > 0 ? cut / content : 0;
  if (ring_pixels > 0) {
    double edge = ring_luminance / ring_pixels, inbox = luminance(theme.red, theme.green, theme.blue);
    figures.edge_contrast = (std::max(edge, inbox) + 0.05) / (std::min(edge, inbox) + 0.05);
  }
  return figures;
}

SheetLayout layout_sheet(const std::vector<int> &sizes, const std::vector<Theme> &themes) {
  SheetLayout layout;
  int largest = inbox_avatar_size;
  int row_width = 0;
  for (int size : sizes) {
    largest = std::max(largest, size);
    row_width += gap + size;
  }
  const int row_height = largest + 2 * row_padding;
  layout.width = margin + inbox_width + row_width + margin;
  layout.height = static_cast<int>(themes.size()) * 2 * row_height;
  int y = 0;
  for (const Theme &theme : themes) {
    layout.panels.push_back({0, y, layout.width, 2 * row_height});
    for (Crop crop : {Crop::circle, Crop::rounded_square}) {
      const int middle = y + row_padding + largest / 2;
      InboxRow inbox{theme,
                     crop,
                     {margin, middle - inbox_avatar_size / 2, inbox_avatar_size, inbox_avatar_size},
                     {margin + inbox_text_offset, middle - sender_height - 2, sender_width, sender_height},
                     {margin + inbox_text_offset, middle + 4, subject_width, subject_height}};
      layout.inbox_rows.push_back(inbox);
      int x = margin + inbox_width;
      for (int size : sizes) {
        x += gap;
        layout.views.push_back({theme, crop, size, {x, middle - size / 2, size, size}});
        x += size;
      }
      y += row_height;
    }
  }
  return layout;
}

svgps::Image compose_sheet(const SheetLayout &layout, const std::map<int, svgps::Image> &renders) {
  svgps::Image sheet;
  sheet.width = layout.width;
  sheet.height = layout.height;
  sheet.rgba.assign(static_cast<std::size_t>(layout.width) * static_cast<std::size_t>(layout.height) * 4, 0);
  for (std::size_t i = 0; i < layout.panels.size(); ++i) fill_rect(sheet, layout.panels[i], layout.inbox_rows[2 * i].theme);
  for (const auto &row : layout.inbox_rows) {
    const bool dark = row.theme.name == dark_theme.name;
    const std::uint8_t sender[3] = {static_cast<std::uint8_t>(dark ? 0xe8 : 0x3c), static_cast<std::uint8_t>(dark ? 0xea : 0x40),
                                    static_cast<std::uint8_t>(dark ? 0xed : 0x43)};
    const std::uint8_t subject[3] = {static_cast<std::uint8_t>(dark ? 0x9a : 0x80), static_cast<std::uint8_t>(dark ? 0xa0 : 0x86),
                                     static_cast<std::uint8_t>(dark ? 0xa6 : 0x8b)};
    draw_view(sheet, renders.at(inbox_avatar_size), row.crop, row.avatar);
    draw_bar(sheet, row.sender, sender);
    draw_bar(sheet, row.subject, subject);
  }
  for (const auto &view : layout.views) draw_view(sheet, renders.at(view.size), view.crop, view.at);
  return sheet;
}

}  // namespace bimi::cli::preview
