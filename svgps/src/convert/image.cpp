#include "convert/image.hpp"

#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "bimi/svgps/raster.hpp"
#include "raster/data_uri.hpp"
#include "raster/prepare.hpp"
#include "raster/trace.hpp"
#include "convert/shapes.hpp"
#include "convert/tree.hpp"
#include "convert/units_viewport.hpp"

namespace bimi::svgps::convert {

namespace {

// The format of a traced data: URI, for the note.
std::string format_name(std::string_view media_type) {
  if (media_type == "image/png") return "PNG";
  if (media_type == "image/webp") return "WebP";
  if (media_type == "image/gif") return "GIF";
  return "JPEG";
}

}  // namespace

void build_image(BuildState& state, std::size_t index, model::Node& parent, const Context& outer) {
  const RawElement& e = state.document.elements[index];
  const RawAttribute* href = e.href();
  if (!href) {
    state.note("convert-removed", e, "<image> without href removed");
    return;
  }
  auto uri = raster::decode_data_uri(href->value, state.options.limits.max_input_bytes);
  static const std::set<std::string, std::less<>> traced_types = {"image/png", "image/jpeg", "image/jpg", "image/webp",
                                                                   "image/gif"};
  if (!uri || !traced_types.count(uri->media_type)) {
    state.refuse_or_drop(e, "an <image> that is not an embedded PNG, JPEG, WebP or GIF");
    return;
  }
  std::string error;
  auto bitmap = decode_raster(uri->bytes, state.options.limits, error);
  if (!bitmap) {
    state.refuse_or_drop(e, "an embedded <image> that cannot be decoded (" + error + ")");
    return;
  }
  auto entered = leaf_context(state, index, outer, "");
  if (!entered || !state.style(index).visible) return;
  const Context& context = *entered;
  double x = length(e, "x", 0, context, 'w'), y = length(e, "y", 0, context, 'h');
  // Without width and height the image shows at its own size (SVG 2's auto).
  double width = length(e, "width", bitmap->width, context, 'w');
  double height = length(e, "height", bitmap->height, context, 'h');
  if (!(width > 0) || !(height > 0)) return;
  if (aspect_mode(e).find("slice") != std::string::npos) {
    state.refuse_or_drop(e, "an <image> cropped by preserveAspectRatio=\"slice\"");
    return;
  }
  Image working = raster::tracing_image(*bitmap);
  auto indexed = raster::reduce_colors(working, 0, raster::edge_band(*bitmap, working), raster::Detail::flat, error);
  auto traced = indexed ? raster::trace_layers(*indexed, {}, error, state.deadline()) : std::nullopt;
  if (!traced) {
    state.refuse(e, "the embedded image could not be traced: " + error);
    return;
  }
  if (context.opacity < 1 && traced->group.children.size() > 1) {
    state.approximate(e, "opacity on a traced image folded into each colour layer; where layers overlap they show through");
  }
  Context placed = context;
  placed.ctm = context.ctm * geo::Matrix::translate(x, y) *
               aspect_transform(e, {0, 0, static_cast<double>(working.width), static_cast<double>(working.height)},
                                width, height);
  model::Node group;
  group.traced = true;
  for (auto& layer : traced->group.children) {
    model::Shape shape = std::move(*layer.shape);
    shape.fill.opacity = context.opacity;
    place_shape(state, e, std::move(shape), placed, group);
  }
  state.traced = true;
  state.note("convert-traced", e,
       "embedded " + std::to_string(bitmap->width) + "×" + std::to_string(bitmap->height) + " " +
           format_name(uri->media_type) + " traced into " +
           std::to_string(traced->group.children.size()) + " colour shape" +
           (traced->group.children.size() == 1 ? "" : "s"));
  if (!group.children.empty()) parent.children.push_back(std::move(group));
}

}  // namespace bimi::svgps::convert
