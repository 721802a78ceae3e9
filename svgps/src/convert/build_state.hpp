// What the builder's steps share: the input they read (the raw tree, the options, its computed
// styles), what flows down the tree (Context), and what they write (the output document, the
// change report, the clip regions and counters that bound the work).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "convert/builder.hpp"
#include "convert/element_style.hpp"
#include "geometry/path_ops.hpp"
#include "geometry/transform.hpp"
#include "style/computed_styles.hpp"
#include "svg/xml_space.hpp"

namespace bimi::svgps::convert {

namespace geo = geometry;
using detail::RawAttribute;
using detail::RawDocument;
using detail::RawElement;
using detail::trim_xml_space;

// A clip region in force for the shapes below an element.
struct Clip {
  geo::Path path;  // in root (document) coordinates
  geo::FillRule rule = geo::FillRule::nonzero;
  geo::Box box;  // bounds of path
  bool rectangle = false;
  // A cut no clip-path asked for: a viewport (nested svg, marker, pattern tile, filter region),
  // the area a pattern paints, or a mask's region. The feature that made it reports it; no
  // clip-path note is made.
  bool implied = false;
};

// A mask painted with a gradient over content of one flat colour: the mask's value along the
// gradient as stop opacities, in the gradient's own space, which `to_document` maps to the
// document (gradient_mask.hpp).
struct GradientMask {
  model::Gradient values;
  geo::Matrix to_document;
  // Content of several colours (or strokes, or overlapping translucent shapes) is drawn flat and
  // then cut into regions of one composited colour, each painted with the mask's fade; the group
  // opacity applies to those regions, not to the shapes within.
  bool per_region = false;
  double group_opacity = 1;
  std::string what;  // "mask #id (linear gradient)", for the note
};

// What flows down the tree while building.
struct Context {
  geo::Matrix ctm;              // current transformation matrix to document coordinates
  double opacity = 1;           // group opacities folded into shapes
  double isolated_opacity = 1;  // the opacity of the group being entered, applied once it is built
  std::vector<const Clip*> clips;
  const GradientMask* gradient_mask = nullptr;  // becomes the fill of the shapes below
  double viewport_width = 0;    // for percentage lengths
  double viewport_height = 0;
  double font_size = 12;        // the element's, for em and ex lengths (librsvg's initial size)
  int use_depth = 0;
};

struct BuildState {
  BuildState(const RawDocument& document, const BuildOptions& options, Diagnostics& changes);

  // ---- the input, never changed while building, and the report -----------------------------
  const RawDocument& document;
  const BuildOptions& options;
  Diagnostics& changes;  // written through note(), approximate(), refuse()
  const style::ComputedStyles styles;
  const std::vector<ElementStyle> element_styles;  // typed, resolved once per element
  const std::map<std::string, std::size_t, std::less<>>& ids = document.ids;  // built by parse_xml

  // ---- what is built -----------------------------------------------------------------------
  model::Document out;
  std::vector<std::unique_ptr<Clip>> clips;  // owned here, pointed to by Context::clips
  std::vector<std::unique_ptr<GradientMask>> gradient_masks;  // pointed to by Context::gradient_mask
  // While a <use> copy is built, its elements' computed values and typed styles (see use_expansion.hpp).
  struct InstanceStyle {
    style::ComputedStyles::Values computed;
    ElementStyle typed;
  };
  std::map<std::size_t, InstanceStyle> instance_styles;
  std::map<std::size_t, geo::Matrix> gradient_spaces;  // gradient index -> its stretching transform
  std::size_t use_instances = 0;
  bool refused = false;
  bool traced = false;  // an embedded bitmap was traced
  std::size_t elements_built = 0;
  std::size_t text_characters = 0;  // outlined so far, against Limits::max_text_characters
  std::size_t text_glyphs = 0;      // against Limits::max_text_glyphs
  std::set<std::tuple<std::string, std::string, int, int>> noted;
  bool inlined_use_noted = false;
  bool clip_noop_noted = false;
  std::optional<std::size_t> filter_applied;  // the element build_filtered is drawing (filter_effects.hpp)
  std::size_t filter_copies = 1;              // times the filters around the element draw it
  // The element whose own clip-path build_filtered applies to the filter's result as a whole
  // (apply_effects leaves it out of each copy, which it would move).
  std::optional<std::size_t> clip_applied;
  std::size_t effect_renders = 0;             // filter results rendered and traced (effect_trace.hpp)
  std::size_t flattened_groups = 0;           // groups traced as one picture (effect_group.hpp)
  // Why an element's filter result could not be rendered and traced, for its refusal.
  std::map<std::size_t, std::string> untraced_effects;
  bool effect_over_budget = false;  // a traced result alone took more bytes than a whole logo may
  bool filter_past_page = false;    // a filter spreads an element reaching past the page (padded_reference.hpp)
  // Masks no clip or gradient holds (mask_trace.hpp): the element whose mask apply_mask left to be
  // rendered and traced, with why; the element build_traced_mask is drawing without its mask; and
  // why a mask's render could not be traced, for its refusal.
  std::optional<std::pair<std::size_t, std::string>> mask_to_trace;
  std::optional<std::size_t> mask_applied;
  std::map<std::size_t, std::string> untraced_masks;
  // The masks whose content build_traced_mask is converting, innermost last: a reference back to
  // one of them is a cycle, which apply_mask ignores.
  std::vector<std::size_t> masks_drawn;
  // The markers whose content build_markers is drawing: one named again inside is not drawn there.
  std::vector<std::size_t> markers_drawn;
  // The patterns whose tiles draw_pattern is drawing: one painted again inside paints nothing.
  std::vector<std::size_t> patterns_drawn;
  std::string* mask_deferral = nullptr;  // while a mask is read: where a refusal is kept instead
  // The output groups being built, outermost first; a blended element sees what they hold, back to
  // the innermost isolated one (blending.hpp).
  struct OpenGroup {
    const model::Node* node;
    bool isolated;
  };
  std::vector<OpenGroup> open_groups;
  std::optional<std::size_t> blend_applied;  // the element build_blended is drawing
  struct BlendTally {
    std::string mode;
    std::size_t times = 0;    // copies of the element blended (through <use>)
    std::size_t regions = 0;  // flat regions they became, all together
    bool changed = false;     // some region paints another colour than the element's own
  };
  std::map<std::size_t, BlendTally> blends;  // element index -> what its blends became

  // ---- reporting ---------------------------------------------------------------------------
  // Each note once: an element drawn many times through <use> says the same thing each time.
  void note(std::string_view kind, const RawElement& e, std::string message);
  void approximate(const RawElement& e, std::string message);
  void refuse(const RawElement& e, std::string message);
  // Refuses by default; with --force drops the thing and says so. Returns true when dropped.
  bool refuse_or_drop(const RawElement& e, const std::string& what);
  const Deadline* deadline() const { return options.deadline; }

  // ---- values ------------------------------------------------------------------------------
  // The element an href (plain or xlink) refers to in this document.
  std::optional<std::size_t> href_target(const RawElement& e) const;
  // The element and those it inherits from through href (gradients, patterns), nearest first,
  // each at most once.
  std::vector<std::size_t> href_chain(std::size_t index) const;
  // The element's typed style, as the <use> copy being built sees it.
  const ElementStyle& style(std::size_t index) const;
  // A computed property not in ElementStyle (fonts), as the <use> copy being built sees it.
  std::optional<std::string_view> property(std::size_t index, std::string_view name) const;
  const style::ComputedStyles::Values& computed_values(std::size_t index) const;
  // A property specified on the element itself (the effects that refer to other elements).
  std::optional<std::string_view> own(std::size_t index, std::string_view name) const;
  // The element's transform attribute; an invalid one is noted and ignored.
  geo::Matrix element_transform(const RawElement& e);

  // The flattening tolerance in document units: BuildOptions::tolerance at 512 px.
  double tolerance() const;
  // The same for coordinates `m` maps to the document: divided by the most `m` stretches.
  double tolerance_under(const geo::Matrix& m) const;
};

// "<qname>", for messages.
std::string tag(const RawElement& e);
// The id in "url(#id)" (and, for href, "#id"); empty when the reference is not local.
std::string local_reference(std::string_view value, bool bare_allowed = false);

}  // namespace bimi::svgps::convert
