#include "render/bounds.hpp"

#include <algorithm>
#include <iterator>
#include <cstdint>
#include <vector>

#include "raster/data_uri.hpp"
#include "svg/numbers.hpp"
#include "svg/raw_tree.hpp"

namespace bimi::svgps::detail {
namespace {

// Nested SVG images are measured too, but only so deep: librsvg draws them as
// documents of their own.
constexpr int max_nested_documents = 2;

std::size_t code_points(std::string_view utf8) {
  // Continuation bytes do not start a character.
  return static_cast<std::size_t>(
      std::count_if(utf8.begin(), utf8.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::size_t saturating_add(std::size_t a, std::size_t b) { return a > SIZE_MAX - b ? SIZE_MAX : a + b; }
std::size_t saturating_mul(std::size_t a, std::size_t b) { return b && a > SIZE_MAX / b ? SIZE_MAX : a * b; }

std::string with_commas(std::size_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

// A font size in pixels, from one length as CSS writes it. Relative units count
// against the 16 px default they would multiply (librsvg's medium), so "1e6em"
// is as large as it looks.
std::optional<double> font_size_pixels(std::string_view& text) {
  auto number = parse_number(text);
  if (!number) return std::nullopt;
  std::size_t unit_length = 0;
  while (unit_length < text.size() &&
         (std::isalpha(static_cast<unsigned char>(text[unit_length])) || text[unit_length] == '%')) {
    ++unit_length;
  }
  std::string unit(text.substr(0, unit_length));
  std::transform(unit.begin(), unit.end(), unit.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  text.remove_prefix(unit_length);
  double value = std::abs(*number);
  if (unit == "in") return value * 96;
  if (unit == "cm") return value * 96 / 2.54;
  if (unit == "mm") return value * 96 / 25.4;
  if (unit == "q") return value * 96 / 101.6;
  if (unit == "pt") return value * 96 / 72;
  if (unit == "pc") return value * 16;
  if (unit == "em" || unit == "rem" || unit == "ch") return value * 16;
  if (unit == "ex") return value * 8;
  if (unit == "%") return value * 0.16;
  return value;  // px, none, or a unit librsvg will refuse anyway
}

// The largest size any length in `value` (a font-size or a font shorthand) asks
// for.
double largest_size_in(std::string_view value) {
  double largest = 0;
  while (!value.empty()) {
    char c = value.front();
    if ((c >= '0' && c <= '9') || c == '.' || c == '+' || c == '-') {
      std::string_view rest = value;
      if (auto size = font_size_pixels(rest)) {
        largest = std::max(largest, *size);
        value = rest;
        continue;
      }
    }
    value.remove_prefix(1);
  }
  return largest;
}

// font-size and font declarations anywhere in a CSS text (a style attribute or
// a style sheet), whatever they apply to: librsvg will cascade them, bimi only
// needs the largest.
double largest_font_size_in_css(std::string_view css) {
  double largest = 0;
  for (std::size_t at = css.find("font"); at != std::string_view::npos; at = css.find("font", at + 4)) {
    std::string_view rest = css.substr(at + 4);
    if (starts_with_ci(rest, "-size")) rest.remove_prefix(5);
    std::size_t colon = rest.find_first_not_of(" \t\r\n");
    if (colon == std::string_view::npos || rest[colon] != ':') continue;
    rest.remove_prefix(colon + 1);
    rest = rest.substr(0, rest.find_first_of(";}"));
    largest = std::max(largest, largest_size_in(rest));
  }
  return largest;
}

struct ImageSize {
  std::size_t width = 0, height = 0;
  std::size_t scans = 1;  // JPEG only
};

std::uint32_t big_endian32(std::string_view b, std::size_t at) {
  return (std::uint32_t(std::uint8_t(b[at])) << 24) | (std::uint32_t(std::uint8_t(b[at + 1])) << 16) |
         (std::uint32_t(std::uint8_t(b[at + 2])) << 8) | std::uint32_t(std::uint8_t(b[at + 3]));
}
std::size_t big_endian16(std::string_view b, std::size_t at) {
  return (std::size_t(std::uint8_t(b[at])) << 8) | std::size_t(std::uint8_t(b[at + 1]));
}

// PNG: IHDR is the first chunk (PNG spec §11.2.2).
std::optional<ImageSize> png_size(std::string_view b) {
  if (b.size() < 24 || b.substr(12, 4) != "IHDR") return std::nullopt;
  return ImageSize{big_endian32(b, 16), big_endian32(b, 20), 1};
}

// JPEG: the frame header (SOFn) gives the size; every SOS starts a scan (ITU
// T.81 B.2). The entropy-coded data after an SOS is skipped to the next marker
// (0xFF not followed by 0 or RSTn).
std::optional<ImageSize> jpeg_size(std::string_view b) {
  ImageSize size;
  size.scans = 0;
  bool have_frame = false;
  std::size_t at = 2;
  while (at + 4 <= b.size()) {
    if (std::uint8_t(b[at]) != 0xFF) return std::nullopt;
    std::uint8_t marker = std::uint8_t(b[at + 1]);
    if (marker == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    if (marker == 0xD9) break;  // EOI
    std::size_t length = big_endian16(b, at + 2);
    if (length < 2 || at + 2 + length > b.size()) break;
    bool frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (frame && length >= 7) {
      size.height = big_endian16(b, at + 5);
      size.width = big_endian16(b, at + 7);
      have_frame = true;
    }
    at += 2 + length;
    if (marker == 0xDA) {
      ++size.scans;
      while (at + 1 < b.size()) {
        if (std::uint8_t(b[at]) == 0xFF) {
          std::uint8_t next = std::uint8_t(b[at + 1]);
          if (next != 0 && !(next >= 0xD0 && next <= 0xD7)) break;
        }
        ++at;
      }
    }
  }
  if (!have_frame) return std::nullopt;
  return size;
}

// GIF: the logical screen (GIF89a §18); frames drawn outside it are clipped to
// it.
std::optional<ImageSize> gif_size(std::string_view b) {
  if (b.size() < 10) return std::nullopt;
  return ImageSize{std::size_t(std::uint8_t(b[6])) | (std::size_t(std::uint8_t(b[7])) << 8),
                   std::size_t(std::uint8_t(b[8])) | (std::size_t(std::uint8_t(b[9])) << 8), 1};
}

class BoundsCheck {
 public:
  explicit BoundsCheck(const Limits& limits) : limits_(limits) {}

  BoundsVerdict run(std::string_view svg_text, int depth) {
    Diagnostics ignored;
    auto document = parse_xml(svg_text, limits_, ignored);
    if (!document) {
      // librsvg's parser would refuse it too; it is not a render limit.
      return {false, false, ignored.empty() ? "the document is not well-formed XML" : ignored.items().front().message, {}};
    }
    for (const RawElement& element : document->elements) {
      if (element.is_svg("text") && !check_text(*document, element)) return verdict_;
      if (element.is_svg("style") && !check_font_size(largest_font_size_in_css(element.text), element)) return verdict_;
      for (const RawAttribute& attribute : element.attributes) {
        if (attribute.local == "font-size" || attribute.local == "font") {
          if (!check_font_size(largest_size_in(attribute.value), element)) return verdict_;
        } else if (attribute.local == "style") {
          if (!check_font_size(largest_font_size_in_css(attribute.value), element)) return verdict_;
        } else if (attribute.local == "href") {
          if (!check_image(attribute.value, element, depth)) return verdict_;
        }
      }
    }
    return verdict_;
  }

 private:
  bool refuse(std::string message, const RawElement& element) {
    verdict_ = {false, true, std::move(message), element.location};
    return false;
  }

  // Characters of the element and of everything inside it (tspan, a, …), in
  // document order.
  bool check_text(const RawDocument& document, const RawElement& text) {
    std::size_t characters = 0;
    std::vector<const RawElement*> pending{&text};
    while (!pending.empty()) {
      const RawElement* element = pending.back();
      pending.pop_back();
      characters = saturating_add(characters, code_points(element->text));
      for (std::size_t child : element->children) pending.push_back(&document.elements[child]);
    }
    if (characters > limits_.max_render_text_run) {
      return refuse("<text> holds " + with_commas(characters) + " characters; the render limit is " +
                        with_commas(limits_.max_render_text_run) + " per text element",
                    text);
    }
    text_total_ = saturating_add(text_total_, characters);
    if (text_total_ > limits_.max_render_text_total) {
      return refuse("the text elements hold more than " + with_commas(limits_.max_render_text_total) +
                        " characters together, the render limit",
                    text);
    }
    return true;
  }

  bool check_font_size(double pixels, const RawElement& element) {
    if (pixels <= limits_.max_render_font_size) return true;
    return refuse("a font size of " + with_commas(static_cast<std::size_t>(std::min(pixels, 1e18))) +
                      " px is over the render limit of " +
                      with_commas(static_cast<std::size_t>(limits_.max_render_font_size)) + " px",
                  element);
  }

  bool check_image(std::string_view href, const RawElement& element, int depth) {
    std::string_view trimmed = href.substr(std::min(href.size(), href.find_first_not_of(" \t\r\n")));
    if (!starts_with_ci(trimmed, "data:")) return true;  // external: librsvg is given no base and loads nothing
    auto uri = raster::decode_data_uri(trimmed, limits_.max_inflated_bytes);
    if (!uri) return true;  // librsvg cannot decode it either
    const std::string& b = uri->bytes;
    std::optional<ImageSize> size;
    std::string_view format;
    if (b.size() >= 8 && b.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0) {
      size = png_size(b), format = "PNG";
    } else if (b.size() >= 3 && b.compare(0, 3, "\xFF\xD8\xFF") == 0) {
      size = jpeg_size(b), format = "JPEG";
    } else if (b.size() >= 6 && (b.compare(0, 6, "GIF87a") == 0 || b.compare(0, 6, "GIF89a") == 0)) {
      size = gif_size(b), format = "GIF";
    } else if (uri->media_type == "image/svg+xml") {
      if (depth + 1 >= max_nested_documents) return refuse("an embedded SVG image holds another one", element);
      BoundsVerdict nested = BoundsCheck(limits_).run(b, depth + 1);
      if (!nested.renderable && nested.limit) return refuse("in an embedded SVG image, " + nested.message, element);
      return true;
    } else {
      // gdk-pixbuf has more loaders (BMP, TIFF, WebP, ICO, …) whose sizes bimi
      // does not read.
      return refuse(
          "an embedded image is neither PNG, JPEG, GIF nor SVG; its "
          "size cannot be checked before rendering",
          element);
    }
    if (!size) return true;  // a header the decoder will reject before allocating
    std::size_t pixels = saturating_mul(size->width, size->height);
    image_pixels_ = saturating_add(image_pixels_, pixels);
    if (image_pixels_ > limits_.max_render_image_pixels) {
      return refuse("an embedded " + std::string(format) + " image of " + std::to_string(size->width) + " × " +
                        std::to_string(size->height) + " px brings the embedded images over the render limit of " +
                        with_commas(limits_.max_render_image_pixels) + " pixels",
                    element);
    }
    if (size->scans > limits_.max_render_jpeg_scans) {
      return refuse("an embedded JPEG image has " + with_commas(size->scans) + " scans; the render limit is " +
                        with_commas(limits_.max_render_jpeg_scans),
                    element);
    }
    return true;
  }

  const Limits& limits_;
  BoundsVerdict verdict_;
  std::size_t text_total_ = 0;
  std::size_t image_pixels_ = 0;
};

}  // namespace

BoundsVerdict check_render_bounds(std::string_view svg_text, const Limits& limits) {
  // Every bound is on something named by one of these words (text elements, font sizes, style
  // sheets and attributes, image references); a document without any of them, like most of what
  // the converter writes, needs no parse. Malformed XML is then librsvg's to refuse.
  constexpr std::string_view bounded[] = {"text", "font", "style", "href"};
  if (std::none_of(std::begin(bounded), std::end(bounded),
                   [&](std::string_view word) { return svg_text.find(word) != std::string_view::npos; })) {
    return {};
  }
  return BoundsCheck(limits).run(svg_text, 0);
}

}  // namespace bimi::svgps::detail
