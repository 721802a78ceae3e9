// The preview sheet of `bimi preview`: a logo as inboxes present it — cropped to a circle and to a rounded
// square, at inbox sizes, on a light and a dark theme — with the figures measured on each view. Pure
// functions over renders the caller made; the pixels are composed here with exact coverage arithmetic (no
// rasterizer), so the same renders always give the same sheet.
#pragma once

#include <cstdint>
#include <map>
#include <string_view>
#include <vector>

#include "bimi/records/mailboxes.hpp"
#include "bimi/svgps/render.hpp"

namespace bimi::cli::preview {

enum class Crop { circle, rounded_square };
std::string_view crop_name(Crop crop);  // "circle", "rounded-square"

struct Theme {
  std::string_view name;
  std::uint8_t red, green, blue;  // the inbox background
};
// Gmail's light and dark list backgrounds are close to these; any light or dark inbox is.
inline constexpr Theme light_theme{"light", 0xff, 0xff, 0xff};
inline constexpr Theme dark_theme{"dark", 0x20, 0x21, 0x24};

// The rounded square's corner radius as a share of its side (a "squircle" is near it).
inline constexpr double rounded_square_radius = 0.2;

// The mailboxes a crop stands for: the circle for those that crop to one, the rounded square for the rest (a
// rounded square, or a shape they do not publish).
std::vector<const records::Mailbox *> mailboxes_shown_as(Crop crop);

// Share of the pixel at (x, y) of a size×size square that the crop keeps (4×4 samples).
double crop_coverage(Crop crop, int size, int x, int y);

// What a reader would notice in one view.
struct Figures {
  // Share of the logo's content that the crop removes. Content is what differs from the logo's own background
  // (the colour of its four corners when they are opaque and alike), or every non-transparent pixel when the
  // corners are transparent.
  double content_cut = 0;
  // WCAG 2 contrast ratio (1 to 21) between the theme's background and the mean luminance of the logo's
  // outermost ring inside the crop, composited on that background: near 1 the avatar's edge vanishes into the
  // inbox.
  double edge_contrast = 1;
};
Figures measure_view(const svgps::Image &render, Crop crop, const Theme &theme);

struct Rect {
  int x = 0, y = 0, width = 0, height = 0;
};

struct ViewSlot {
  Theme theme;
  Crop crop;
  int size = 0;
  Rect at;
};

// The mock inbox row in front of each crop row: an avatar at inbox_avatar_size and two bars standing for the
// sender name and the subject line.
inline constexpr int inbox_avatar_size = 40;
struct InboxRow {
  Theme theme;
  Crop crop;
  Rect avatar, sender, subject;
};

struct SheetLayout {
  int width = 0, height = 0;
  std::vector<Rect> panels;  // one per theme, filled with its background
  std::vector<InboxRow> inbox_rows;
  std::vector<ViewSlot> views;  // theme by theme, circle row then rounded-square
                                // row, sizes in order
};

// `sizes` in the order given (each at least 1), `themes` not empty.
SheetLayout layout_sheet(const std::vector<int> &sizes, const std::vector<Theme> &themes);

// Draws the sheet: `renders` holds one render per size in the layout (and inbox_avatar_size). Where a crop
// cuts content, the pixels just outside the crop's edge are drawn in cut_colour.
svgps::Image compose_sheet(const SheetLayout &layout, const std::map<int, svgps::Image> &renders);
inline constexpr std::uint8_t cut_colour[3] = {0xe5, 0x39, 0x35};

}  // namespace bimi::cli::preview
