#include <cmath>
#include <optional>
#include <string>

#include "lint/checks.hpp"
#include "svg/numbers.hpp"

namespace bimi::svgps::detail {
namespace {

std::string format(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

struct Size {
  double width;
  double height;
};

}  // namespace

void check_geometry(const RawDocument& document, Diagnostics& diagnostics) {
  const RawElement& root = document.root();
  if (!root.is_svg("svg")) return;
  auto report = [&](std::string_view rule, std::string message, Location location) {
    diagnostics.add(std::string(rule), Severity::error, std::move(message), location);
  };

  std::optional<Size> view_box;
  const RawAttribute* view_box_attribute = root.attribute("viewBox");
  if (view_box_attribute) {
    auto numbers = parse_number_list(view_box_attribute->value);
    if (!numbers || numbers->size() != 4 || (*numbers)[2] <= 0 || (*numbers)[3] <= 0) {
      report("viewbox-invalid",
             "viewBox \"" + view_box_attribute->value + "\" must be four numbers: min-x min-y width height, with a positive width and height",
             view_box_attribute->location);
    } else {
      view_box = Size{(*numbers)[2], (*numbers)[3]};
    }
  }

  // width and height: absolute lengths only; their pixel size when they have one.
  std::optional<double> pixels[2];
  bool dimension_given[2] = {false, false};
  const char* names[2] = {"width", "height"};
  for (int i = 0; i < 2; ++i) {
    const RawAttribute* a = root.attribute(names[i]);
    if (!a) continue;
    dimension_given[i] = true;
    auto length = parse_length(a->value);
    if (!length) {
      report("absolute-dimensions", std::string(names[i]) + " \"" + a->value + "\" is not a length", a->location);
    } else if (!length->is_absolute()) {
      report("absolute-dimensions",
             std::string(names[i]) + " \"" + a->value +
                 "\" is relative; give an absolute size (for example width=\"512\" height=\"512\") or omit it and keep the viewBox",
             a->location);
    } else if (length->value <= 0) {
      report("absolute-dimensions", std::string(names[i]) + " must be positive", a->location);
    } else {
      pixels[i] = length->to_pixels();
    }
  }

  for (int i = 0; i < 2; ++i) {
    if (pixels[i] && *pixels[i] < 96.0) {
      report("min-size", std::string(names[i]) + " is " + format(*pixels[i]) +
                             " px; mailboxes ask for at least 96×96 (remove width and height to let the logo scale)",
             root.attribute(names[i])->location);
    }
  }

  // The shape a mailbox sees: the viewBox when there is one, else width × height.
  std::optional<Size> shape = view_box;
  Location shape_location = view_box_attribute ? view_box_attribute->location : root.location;
  if (!shape && pixels[0] && pixels[1]) shape = Size{*pixels[0], *pixels[1]};
  if (!shape) {
    if (!view_box_attribute && !(dimension_given[0] && dimension_given[1])) {
      report("viewbox-missing", "root <svg> has no viewBox; add viewBox=\"0 0 N N\" with equal width and height",
             root.location);
    }
    return;
  }
  double larger = std::max(shape->width, shape->height);
  if (std::fabs(shape->width - shape->height) > larger * 1e-6) {
    report("square", "the logo is " + format(shape->width) + "×" + format(shape->height) +
                         ", not square; mailboxes show logos in a square (pad the shorter side)",
           shape_location);
  }
  if (view_box && pixels[0] && pixels[1]) {
    double aspect_box = view_box->width / view_box->height;
    double aspect_size = *pixels[0] / *pixels[1];
    if (std::fabs(aspect_box - aspect_size) > 1e-6 * std::max(aspect_box, aspect_size)) {
      report("square", "width × height (" + format(*pixels[0]) + "×" + format(*pixels[1]) +
                           ") has another shape than the viewBox",
             root.location);
    }
  }
}

}  // namespace bimi::svgps::detail
