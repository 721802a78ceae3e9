#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "lint/checks.hpp"
#include "svg/iri.hpp"
#include "svg/xml_space.hpp"

namespace bimi::svgps::detail {
namespace {

struct Reference {
  std::size_t element;
  const RawAttribute* attribute;
  std::string target;  // without '#'; empty for external
  bool external;
  std::string uri;
};

void add_reference(std::vector<Reference>& out, std::size_t element, const RawAttribute& attribute,
                   std::string uri) {
  uri = trim_xml_space(uri);
  if (!uri.empty() && uri.front() == '#') {
    out.push_back({element, &attribute, uri.substr(1), false, uri});
  } else {
    out.push_back({element, &attribute, {}, true, uri});
  }
}

// Every url(…) in a value: fill="url(#g)", stroke="url('https://…') red".
void collect_urls(std::vector<Reference>& out, std::size_t element, const RawAttribute& attribute) {
  std::string_view value = attribute.value;
  for (std::size_t at = value.find("url("); at != std::string_view::npos; at = value.find("url(", at + 4)) {
    add_reference(out, element, attribute, url_inner(value.substr(at)));
  }
}

class ReferenceChecker {
 public:
  ReferenceChecker(const RawDocument& document, const Limits& limits, Diagnostics& diagnostics)
      : document_(document), limits_(limits), diagnostics_(diagnostics) {}

  bool run() {
    report_repeated_ids();
    std::vector<Reference> references;
    for (std::size_t i = 0; i < document_.elements.size(); ++i) {
      for (const RawAttribute& a : document_.elements[i].attributes) {
        if (a.local == "href" && (a.ns.empty() || a.ns == xlink_namespace)) {
          add_reference(references, i, a, a.value);
        } else if (a.value.find("url(") != std::string::npos) {
          collect_urls(references, i, a);
        }
      }
    }
    std::vector<std::size_t> use_target(document_.elements.size(), none);
    for (const Reference& r : references) {
      if (r.external) {
        bool data = r.uri.compare(0, 5, "data:") == 0;
        report("reference-external",
               "'" + r.attribute->qname + "' " +
                   (data ? std::string("embeds a data: URI") : "points outside the document (\"" + shorten(r.uri) + "\")") +
                   "; only references to an id in the same file (\"#id\") are allowed",
               r.attribute->location);
        continue;
      }
      auto it = ids_.find(r.target);
      if (it == ids_.end()) {
        report("reference-dangling", "'" + r.attribute->qname + "' refers to \"#" + r.target + "\", but no element has that id",
               r.attribute->location);
        continue;
      }
      if (r.attribute->local == "href" && document_.elements[r.element].local == "use") {
        use_target[r.element] = it->second;
      }
    }
    return check_use_graph(use_target);
  }

 private:
  static constexpr std::size_t none = static_cast<std::size_t>(-1);

  void report(std::string_view rule, std::string message, Location location) {
    diagnostics_.add(std::string(rule), Severity::error, std::move(message), location);
  }

  static std::string shorten(std::string_view uri) {
    return uri.size() > 60 ? std::string(uri.substr(0, 57)) + "..." : std::string(uri);
  }

  void report_repeated_ids() {
    for (const RepeatedId& repeated : document_.repeated_ids) {
      const RawAttribute& a = document_.elements[repeated.element].attributes[repeated.attribute];
      report("duplicate-id", "id \"" + trim_xml_space(a.value) + "\" is already used at line " +
                                 std::to_string(document_.elements[repeated.first].location.line),
             a.location);
    }
  }

  // Counts the elements drawn once every <use> is expanded (children plus the use's target),
  // with an iterative depth-first search that also finds cycles. Counts saturate at the limit.
  bool check_use_graph(const std::vector<std::size_t>& use_target) {
    const std::size_t n = document_.elements.size();
    const std::size_t cap = limits_.max_use_instances + 1;
    enum class State : unsigned char { unvisited, active, done };
    std::vector<State> state(n, State::unvisited);
    std::vector<std::size_t> cost(n, 0);
    auto successors = [&](std::size_t i) {
      std::vector<std::size_t> next = document_.elements[i].children;
      if (use_target[i] != none) next.push_back(use_target[i]);
      return next;
    };
    bool safe = true;
    struct Frame {
      std::size_t node;
      std::vector<std::size_t> next;
      std::size_t position;
    };
    std::vector<Frame> stack;
    stack.push_back({0, successors(0), 0});
    state[0] = State::active;
    while (!stack.empty()) {
      Frame& frame = stack.back();
      if (frame.position < frame.next.size()) {
        std::size_t child = frame.next[frame.position++];
        if (state[child] == State::active) {
          // Only a use edge can close a cycle: the tree itself has none.
          report("reference-cycle", "<use> refers to \"#" + id_of(child) + "\", which contains this <use>",
                 document_.elements[frame.node].location);
          safe = false;
        } else if (state[child] == State::unvisited) {
          state[child] = State::active;
          stack.push_back({child, successors(child), 0});
        }
        continue;
      }
      std::size_t total = 1;
      for (std::size_t child : frame.next) {
        if (state[child] == State::done) total = std::min(cap, total + cost[child]);
      }
      cost[frame.node] = total;
      state[frame.node] = State::done;
      stack.pop_back();
    }
    if (cost[0] >= cap) {
      report("use-expansion",
             "<use> references expand to more than " + std::to_string(limits_.max_use_instances) +
                 " drawn elements; nest fewer copies",
             document_.root().location);
      safe = false;
    }
    return safe;
  }

  std::string id_of(std::size_t index) const {
    for (const auto& [id, i] : ids_) {
      if (i == index) return id;
    }
    return {};
  }

  const RawDocument& document_;
  const Limits& limits_;
  Diagnostics& diagnostics_;
  const std::map<std::string, std::size_t, std::less<>>& ids_ = document_.ids;
};

}  // namespace

bool check_references(const RawDocument& document, const Limits& limits, Diagnostics& diagnostics) {
  return ReferenceChecker(document, limits, diagnostics).run();
}

}  // namespace bimi::svgps::detail
