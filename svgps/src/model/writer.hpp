// Writes a model::Document as SVG Tiny P/S in one fixed form: the same document and precision
// always give the same bytes, because a mark certificate pins them.
#pragma once

#include <string>

#include "model/document.hpp"

namespace bimi::svgps::convert {

struct WriteOptions {
  int decimals = 2;  // fraction digits of every coordinate and length
  // Line vertices (and flat cubics) that lie within half a unit of the last digit of the line
  // replacing them are left out (geometry/thin_lines.hpp): the outline strays at most a unit.
  bool thin_lines = false;
};

std::string write_document(const model::Document& document, const WriteOptions& options);

// A number with at most `decimals` fraction digits, no trailing zeros, no "-0"; locale-independent.
std::string format_number(double value, int decimals);

// A colour as the writer writes it: #rgb when that says the same colour, else #rrggbb.
std::string hex_color(model::Rgb c);

// Text for an XML text node or attribute value.
std::string escape_xml(std::string_view text);

}  // namespace bimi::svgps::convert
