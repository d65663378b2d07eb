#pragma once

#include <cstddef>
#include <expected>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace negotiateup::yaml {

class Document;

// A node of a parsed YAML document: a light handle, valid while its Document
// lives. A missing map key gives an undefined node rather than an error, so that
// readers can tell "absent" from "null".
class Node {
 public:
  Node() = default;

  bool IsDefined() const { return document_ != nullptr; }
  bool IsNull() const;
  bool IsScalar() const;
  bool IsSequence() const;
  bool IsMap() const;

  // The scalar's text ("" for other kinds).
  const std::string& Scalar() const;
  std::size_t size() const;
  // Map lookup by key; an undefined node when the key is absent.
  Node operator[](std::string_view key) const;
  // Sequence item; an undefined node past the end.
  Node operator[](std::size_t index) const;
  std::vector<Node> items() const;                     // a sequence's items
  std::vector<std::pair<Node, Node>> entries() const;  // a map's keys and values
  std::size_t line() const;                            // 0-based, in the document

 private:
  friend class Document;
  Node(const Document* document, std::size_t index) : document_(document), index_(index) {}

  const Document* document_ = nullptr;
  std::size_t index_ = 0;
};

struct ParseError {
  std::size_t line = 0;  // 0-based
  std::string message;
};

// One YAML document parsed with libyaml (fast, and exact about where it failed).
// Anchors, aliases and tags are refused: our files never need them.
class Document {
 public:
  static std::expected<Document, ParseError> parse(std::string_view text);
  Node root() const;

 private:
  friend class Node;
  enum class Kind { null, scalar, sequence, map };
  struct Data {
    Kind kind = Kind::null;
    std::string scalar;
    std::size_t line = 0;
    std::vector<std::size_t> children;  // items, or key, value, key, value...
  };
  std::vector<Data> nodes_;
};

}  // namespace negotiateup::yaml
