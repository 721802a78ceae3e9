#include "geometry/path_data.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "svg/numbers.hpp"

namespace bimi::svgps::geometry {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

bool starts_number(char c) { return (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+'; }

// How many numbers (flags count as numbers) each command takes; 0 for Z.
int argument_count(char command) {
  switch (command) {
    case 'M':
    case 'm':
    case 'L':
    case 'l':
    case 'T':
    case 't':
      return 2;
    case 'H':
    case 'h':
    case 'V':
    case 'v':
      return 1;
    case 'C':
    case 'c':
      return 6;
    case 'S':
    case 's':
    case 'Q':
    case 'q':
      return 4;
    case 'A':
    case 'a':
      return 7;
    case 'Z':
    case 'z':
      return 0;
    default:
      return -1;
  }
}

bool finite(Point p) { return std::isfinite(p.x) && std::isfinite(p.y); }

Point lerp(Point a, Point b, double t) { return {a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t}; }
Point reflect(Point control, Point about) {
  return {2 * about.x - control.x, 2 * about.y - control.y};
}

// The cubic with the same curve as the quadratic from p0 with control q to p2 (degree elevation).
Segment quadratic_as_cubic(Point p0, Point q, Point p2) {
  return Segment::cubic_to(lerp(p0, q, 2.0 / 3.0), lerp(p2, q, 2.0 / 3.0), p2);
}

// Reads the path data one token at a time, remembering where it is for error offsets.
class Reader {
 public:
  explicit Reader(std::string_view text) : all_(text), rest_(text) {}

  std::size_t offset() const { return all_.size() - rest_.size(); }
  bool at_end() const { return rest_.empty(); }
  char peek() const { return rest_.front(); }
  void skip_whitespace() {
    while (!rest_.empty() && is_space(rest_.front())) rest_.remove_prefix(1);
  }
  char take() {
    char c = rest_.front();
    rest_.remove_prefix(1);
    return c;
  }
  std::optional<double> number() { return detail::parse_number(rest_); }
  // An arc flag is exactly one "0" or "1", so "00" is two flags.
  std::optional<double> flag() {
    if (rest_.empty() || (rest_.front() != '0' && rest_.front() != '1')) return std::nullopt;
    return take() == '1' ? 1.0 : 0.0;
  }
  // comma-wsp between arguments: optional; a comma must be followed by another argument.
  void skip_argument_separator() {
    skip_whitespace();
    if (!rest_.empty() && rest_.front() == ',') {
      rest_.remove_prefix(1);
      skip_whitespace();
    }
  }

 private:
  std::string_view all_;
  std::string_view rest_;
};

class Builder {
 public:
  Builder(PathParse& result, std::size_t max_segments, CurveForm form)
      : result_(result), max_segments_(max_segments), form_(form) {}

  enum class Outcome { applied, too_many_segments, not_finite };

  // Applies one argument set of `command`.
  Outcome apply(char command, const std::array<double, 7>& v) {
    bool relative = command >= 'a' && command <= 'z';
    char upper = relative ? static_cast<char>(command - 'a' + 'A') : command;
    Point base = relative ? current_ : Point{};
    auto at = [&](double x, double y) { return Point{base.x + x, base.y + y}; };
    Path pending;
    // The second control point of a C/S (for the next S) and the control point of a Q/T (for
    // the next T); plain flags rather than optionals keep GCC's -Wmaybe-uninitialized quiet.
    bool has_cubic_control = false, has_quad_control = false;
    Point cubic_control, quad_control;
    Point end = current_;
    bool is_move = false;
    switch (upper) {
      case 'M':
        end = at(v[0], v[1]);
        pending.segments.push_back(Segment::move_to(end));
        is_move = true;
        break;
      case 'L':
        end = at(v[0], v[1]);
        pending.segments.push_back(Segment::line_to(end));
        break;
      case 'H':
        end = {relative ? current_.x + v[0] : v[0], current_.y};
        pending.segments.push_back(Segment::line_to(end));
        break;
      case 'V':
        end = {current_.x, relative ? current_.y + v[0] : v[0]};
        pending.segments.push_back(Segment::line_to(end));
        break;
      case 'C': {
        Point c1 = at(v[0], v[1]), c2 = at(v[2], v[3]);
        end = at(v[4], v[5]);
        pending.segments.push_back(Segment::cubic_to(c1, c2, end));
        has_cubic_control = true;
        cubic_control = c2;
        break;
      }
      case 'S': {
        Point c1 = has_cubic_control_ ? reflect(last_cubic_control_, current_) : current_;
        Point c2 = at(v[0], v[1]);
        end = at(v[2], v[3]);
        pending.segments.push_back(Segment::cubic_to(c1, c2, end));
        has_cubic_control = true;
        cubic_control = c2;
        break;
      }
      case 'Q': {
        Point q = at(v[0], v[1]);
        end = at(v[2], v[3]);
        pending.segments.push_back(quadratic(q, end));
        has_quad_control = true;
        quad_control = q;
        break;
      }
      case 'T': {
        Point q = has_quad_control_ ? reflect(last_quad_control_, current_) : current_;
        end = at(v[0], v[1]);
        pending.segments.push_back(quadratic(q, end));
        has_quad_control = true;
        quad_control = q;
        break;
      }
      case 'A':
        end = at(v[5], v[6]);
        if (form_ == CurveForm::librsvg) {
          append_librsvg_arc(pending, current_, v[0], v[1], v[2], v[3] != 0, v[4] != 0, end);
        } else {
          append_arc(pending, current_, v[0], v[1], v[2], v[3] != 0, v[4] != 0, end);
        }
        break;
      case 'Z':
        if (closed_) return Outcome::applied;  // "ZZ": nothing more to close
        pending.segments.push_back(Segment::close());
        end = subpath_start_;
        break;
      default:
        return Outcome::applied;
    }
    // Finite numbers can still add up to infinity ("M1e308 0 l1e308 0").
    if (!finite(end) || !finite(cubic_control) || !finite(quad_control)) return Outcome::not_finite;
    for (const Segment& segment : pending.segments) {
      if (!finite(segment.p[0]) || !finite(segment.p[1]) || !finite(segment.p[2])) {
        return Outcome::not_finite;
      }
    }
    // A drawing command straight after Z starts a new subpath at the closed one's start.
    bool needs_move = closed_ && upper != 'M' && upper != 'Z';
    std::size_t needed = pending.segments.size() + (needs_move ? 1 : 0);
    if (needed > max_segments_ - std::min(max_segments_, result_.path.segments.size())) {
      return Outcome::too_many_segments;
    }
    if (needs_move) result_.path.segments.push_back(Segment::move_to(current_));
    const std::size_t first = result_.path.segments.size();
    result_.path.segments.insert(result_.path.segments.end(), pending.segments.begin(),
                                 pending.segments.end());
    if (upper == 'A') {
      for (std::size_t k = first + 1; k < result_.path.segments.size(); ++k) result_.arc_continuations.push_back(k);
    }
    current_ = end;
    if (is_move) subpath_start_ = end;
    closed_ = upper == 'Z';
    has_cubic_control_ = has_cubic_control;
    last_cubic_control_ = cubic_control;
    has_quad_control_ = has_quad_control;
    last_quad_control_ = quad_control;
    return Outcome::applied;
  }

 private:
  Segment quadratic(Point q, Point end) const {
    return form_ == CurveForm::librsvg ? librsvg_quadratic(current_, q, end) : quadratic_as_cubic(current_, q, end);
  }

  PathParse& result_;
  std::size_t max_segments_;
  CurveForm form_;
  Point current_;
  Point subpath_start_;
  bool closed_ = false;
  bool has_cubic_control_ = false;
  Point last_cubic_control_;
  bool has_quad_control_ = false;
  Point last_quad_control_;
};

void fail(PathParse& result, std::size_t offset, std::string message) {
  result.complete = false;
  result.error_offset = offset;
  result.error = std::move(message);
}

// Maps a point of the unit circle onto the arc's ellipse.
struct EllipseFrame {
  Point centre;
  double rx, ry, cos_phi, sin_phi;
  Point map(double x, double y) const {
    return {centre.x + rx * cos_phi * x - ry * sin_phi * y,
            centre.y + rx * sin_phi * x + ry * cos_phi * y};
  }
};

}  // namespace

void append_arc(Path& out, Point from, double rx, double ry, double x_axis_rotation_degrees,
                bool large_arc, bool sweep, Point to) {
  // F.6.2: equal end points omit the arc; a zero radius makes it a straight line.
  if (from == to) return;
  rx = std::fabs(rx);
  ry = std::fabs(ry);
  if (rx == 0 || ry == 0) {
    out.segments.push_back(Segment::line_to(to));
    return;
  }
  double phi = std::fmod(x_axis_rotation_degrees, 360.0) * M_PI / 180.0;
  double cos_phi = std::cos(phi), sin_phi = std::sin(phi);
  // F.6.5 step 1: the end points in the ellipse's own axes, relative to the chord's midpoint.
  double dx = (from.x - to.x) / 2, dy = (from.y - to.y) / 2;
  double x1 = cos_phi * dx + sin_phi * dy;
  double y1 = -sin_phi * dx + cos_phi * dy;
  // F.6.6: radii too small to reach are scaled up uniformly until the ellipse just fits. `reach`
  // is sqrt(Λ); hypot and ratios keep radii near the limits of a double from overflowing.
  double reach = std::hypot(x1 / rx, y1 / ry);
  if (!(reach <= 1)) {
    double fitted_rx = std::hypot(x1, y1 * (rx / ry));
    double fitted_ry = std::hypot(x1 * (ry / rx), y1);
    rx = fitted_rx;
    ry = fitted_ry;
    reach = 1;
  }
  // An ellipse more than 10^8 times the chord: the short arc departs from its chord by under
  // 10^-8 of the chord's length, while its computation from a far-away centre would cancel
  // catastrophically. Draw the chord.
  if (reach < 1e-8 && !large_arc) {
    out.segments.push_back(Segment::line_to(to));
    return;
  }
  // F.6.5 step 2, divided through by rx² ry²: the coefficient is sqrt((1 - Λ) / Λ), clamped at 0
  // since rounding after the scale-up can leave a tiny negative.
  double coefficient =
      std::sqrt(std::max(0.0, (1 - reach) * (1 + reach))) / reach * (large_arc == sweep ? -1 : 1);
  double cx1 = coefficient * (rx / ry) * y1;
  double cy1 = -coefficient * (ry / rx) * x1;
  // Step 3: the centre in user space.
  Point centre{cos_phi * cx1 - sin_phi * cy1 + (from.x + to.x) / 2,
               sin_phi * cx1 + cos_phi * cy1 + (from.y + to.y) / 2};
  // Step 4: start angle and sweep on the unit circle.
  double ux = (x1 - cx1) / rx, uy = (y1 - cy1) / ry;
  double vx = (-x1 - cx1) / rx, vy = (-y1 - cy1) / ry;
  double theta = std::atan2(uy, ux);
  double delta = std::atan2(ux * vy - uy * vx, ux * vx + uy * vy);
  if (!sweep && delta > 0) delta -= 2 * M_PI;
  if (sweep && delta < 0) delta += 2 * M_PI;
  // Radii so extreme that the arithmetic left the doubles: the arc is indistinguishable from
  // its chord (or unrepresentably large), so draw the chord.
  if (!std::isfinite(centre.x) || !std::isfinite(centre.y) || !std::isfinite(theta) ||
      !std::isfinite(delta) || !std::isfinite(rx) || !std::isfinite(ry)) {
    out.segments.push_back(Segment::line_to(to));
    return;
  }
  // At most 90° per cubic; the small slack keeps an exact quarter from becoming two pieces.
  int pieces = std::clamp(static_cast<int>(std::ceil(std::fabs(delta) / (M_PI / 2) - 1e-9)), 1, 4);
  double step = delta / pieces;
  double handle = 4.0 / 3.0 * std::tan(step / 4);
  EllipseFrame frame{centre, rx, ry, cos_phi, sin_phi};
  Path arc;
  for (int i = 0; i < pieces; ++i) {
    double a0 = theta + step * i, a1 = theta + step * (i + 1);
    double c0 = std::cos(a0), s0 = std::sin(a0), c1 = std::cos(a1), s1 = std::sin(a1);
    Point control1 = frame.map(c0 - handle * s0, s0 + handle * c0);
    Point control2 = frame.map(c1 + handle * s1, s1 - handle * c1);
    // The last piece ends exactly where the path data says, not at a rounded recomputation.
    Point end = i + 1 == pieces ? to : frame.map(c1, s1);
    if (!std::isfinite(control1.x) || !std::isfinite(control1.y) || !std::isfinite(control2.x) ||
        !std::isfinite(control2.y) || !std::isfinite(end.x) || !std::isfinite(end.y)) {
      out.segments.push_back(Segment::line_to(to));
      return;
    }
    arc.segments.push_back(Segment::cubic_to(control1, control2, end));
  }
  out.segments.insert(out.segments.end(), arc.segments.begin(), arc.segments.end());
}

PathParse parse_path_data(std::string_view d, std::size_t max_segments, CurveForm form) {
  PathParse result;
  Reader reader(d);
  Builder builder(result, max_segments, form);
  reader.skip_whitespace();
  if (reader.at_end()) return result;  // empty path data: nothing to render, not an error
  char command = 0;
  bool first = true;
  while (true) {
    reader.skip_whitespace();
    if (reader.at_end()) break;
    std::size_t command_offset = reader.offset();
    char next = reader.peek();
    if (argument_count(next) >= 0) {
      command = reader.take();
      if (first && command != 'M' && command != 'm') {
        fail(result, command_offset, "path data must begin with a moveto");
        return result;
      }
    } else if (command != 0 && command != 'Z' && command != 'z' && starts_number(next)) {
      // An implicit repeat: after a moveto the extra pairs are linetos.
      if (command == 'M') command = 'L';
      if (command == 'm') command = 'l';
    } else {
      fail(result, command_offset,
           first ? "path data must begin with a moveto"
                 : std::string("unexpected character '") + next + "' in path data");
      return result;
    }
    first = false;
    int count = argument_count(command);
    std::array<double, 7> values{};
    for (int i = 0; i < count; ++i) {
      if (i == 0) {
        reader.skip_whitespace();
      } else {
        reader.skip_argument_separator();
      }
      std::size_t argument_offset = reader.offset();
      bool is_flag = (command == 'A' || command == 'a') && (i == 3 || i == 4);
      auto value = is_flag ? reader.flag() : reader.number();
      if (!value) {
        fail(result, argument_offset,
             std::string(is_flag ? "expected an arc flag (0 or 1)" : "expected a number") +
                 " for '" + command + "'");
        return result;
      }
      values[static_cast<std::size_t>(i)] = *value;
    }
    switch (builder.apply(command, values)) {
      case Builder::Outcome::applied:
        break;
      case Builder::Outcome::too_many_segments:
        fail(result, command_offset,
             "path data has more than " + std::to_string(max_segments) + " segments");
        return result;
      case Builder::Outcome::not_finite:
        fail(result, command_offset, std::string("coordinates of '") + command + "' overflow");
        return result;
    }
    // Between argument sets a comma may appear, and then another set must follow.
    reader.skip_whitespace();
    if (count > 0 && !reader.at_end() && reader.peek() == ',') {
      std::size_t comma_offset = reader.offset();
      reader.take();
      reader.skip_whitespace();
      if (reader.at_end() || !starts_number(reader.peek())) {
        fail(result, comma_offset, "a comma must be followed by more arguments");
        return result;
      }
    }
  }
  return result;
}

}  // namespace bimi::svgps::geometry
