// The rendered rules (colours, transparent background, circle crop) decided from the document alone
// when it proves that none of them can fire, so that `check` renders only logos it must measure.
#pragma once

#include <vector>

#include "render/plain_scene.hpp"

namespace bimi::svgps::detail {

// True only when the plain scene (plain_scene.hpp: what a document outside it would draw is not
// modelled) proves that a render of `size` px would show at least two colours, no transparency in
// the circle and nothing outside it: `colors`, `transparent-background` and `circle-crop` would all
// stay silent. Conservative: anything closer to a threshold than the margins in
// visual_proof.cpp answers false.
bool visual_rules_proved_silent(std::vector<SceneLayer> layers, int size);

}  // namespace bimi::svgps::detail
