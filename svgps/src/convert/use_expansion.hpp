// <use>: its target built in place, as a copy whose elements inherit from the <use>.
#pragma once

#include <cstddef>
#include <map>

#include "convert/build_state.hpp"

namespace bimi::svgps::convert {

using InstanceStyles = std::map<std::size_t, BuildState::InstanceStyle>;

// While a <use> copy is built, its elements inherit from the <use>. Returns what it replaced,
// for leave_instance to restore.
InstanceStyles enter_instance(BuildState& state, std::size_t use, std::size_t target);
void leave_instance(BuildState& state, std::size_t target, InstanceStyles saved);

void build_use(BuildState& state, std::size_t index, model::Node& parent, const Context& context);

}  // namespace bimi::svgps::convert
