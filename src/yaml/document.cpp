#include "yaml/document.hpp"

#include <yaml.h>

#include <memory>

namespace negotiateup::yaml {
namespace {

const std::string kEmpty;

// In YAML 1.2's core schema these plain scalars mean null; quoted, they are text.
bool is_null_text(std::string_view text) {
  return text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL";
}

}  // namespace

bool Node::IsNull() const {
  return document_ && document_->nodes_[index_].kind == Document::Kind::null;
}
bool Node::IsScalar() const {
  return document_ && document_->nodes_[index_].kind != Document::Kind::sequence &&
         document_->nodes_[index_].kind != Document::Kind::map;
}
bool Node::IsSequence() const {
  return document_ && document_->nodes_[index_].kind == Document::Kind::sequence;
}
bool Node::IsMap() const {
  return document_ && document_->nodes_[index_].kind == Document::Kind::map;
}

const std::string& Node::Scalar() const {
  return document_ ? document_->nodes_[index_].scalar : kEmpty;
}

std::size_t Node::size() const {
  if (!document_) return 0;
  const auto& data = document_->nodes_[index_];
  return data.kind == Document::Kind::map ? data.children.size() / 2 : data.children.size();
}

Node Node::operator[](std::string_view key) const {
  if (!IsMap()) return {};
  const auto& children = document_->nodes_[index_].children;
  for (std::size_t i = 0; i + 1 < children.size(); i += 2) {
    const auto& key_data = document_->nodes_[children[i]];
    if (key_data.kind != Document::Kind::sequence && key_data.kind != Document::Kind::map &&
        key_data.scalar == key) {
      return Node(document_, children[i + 1]);
    }
  }
  return {};
}

Node Node::operator[](std::size_t index) const {
  if (!IsSequence()) return {};
  const auto& children = document_->nodes_[index_].children;
  return index < children.size() ? Node(document_, children[index]) : Node();
}

std::vector<Node> Node::items() const {
  std::vector<Node> result;
  if (!IsSequence()) return result;
  for (const auto child : document_->nodes_[index_].children)
    result.push_back(Node(document_, child));
  return result;
}

std::vector<std::pair<Node, Node>> Node::entries() const {
  std::vector<std::pair<Node, Node>> result;
  if (!IsMap()) return result;
  const auto& children = document_->nodes_[index_].children;
  for (std::size_t i = 0; i + 1 < children.size(); i += 2) {
    result.emplace_back(Node(document_, children[i]), Node(document_, children[i + 1]));
  }
  return result;
}

std::size_t Node::line() const {
  return document_ ? document_->nodes_[index_].line : 0;
}

Node Document::root() const {
  return nodes_.empty() ? Node() : Node(this, 0);
}

std::expected<Document, ParseError> Document::parse(std::string_view text) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) return std::unexpected(ParseError{0, "out of memory"});
  const std::unique_ptr<yaml_parser_t, decltype(&yaml_parser_delete)> guard(&parser,
                                                                            yaml_parser_delete);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());
  Document document;
  document.nodes_.reserve(text.size() / 8);  // about a node per 8 bytes in our files
  std::vector<std::size_t> open;             // sequences and maps being filled
  bool seen_document = false;
  const auto add = [&](Kind kind, std::string scalar, std::size_t line) {
    const std::size_t index = document.nodes_.size();
    document.nodes_.push_back(Data{kind, std::move(scalar), line, {}});
    if (!open.empty()) document.nodes_[open.back()].children.push_back(index);
    return index;
  };
  while (true) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) {
      std::string message = parser.problem ? parser.problem : "malformed YAML";
      if (parser.context) message = std::string(parser.context) + ", " + message;
      return std::unexpected(ParseError{parser.problem_mark.line, message});
    }
    const std::unique_ptr<yaml_event_t, decltype(&yaml_event_delete)> event_guard(
        &event, yaml_event_delete);
    const std::size_t line = event.start_mark.line;
    switch (event.type) {
      case YAML_STREAM_END_EVENT:
        if (document.nodes_.empty()) document.nodes_.push_back(Data{});  // an empty document
        return document;
      case YAML_DOCUMENT_START_EVENT:
        if (seen_document) {
          return std::unexpected(ParseError{line, "a second document ('---'); expected one"});
        }
        seen_document = true;
        break;
      case YAML_ALIAS_EVENT:
        return std::unexpected(
            ParseError{line, "an alias ('*'); anchors and aliases are not used"});
      case YAML_SCALAR_EVENT: {
        if (event.data.scalar.anchor ||
            (event.data.scalar.tag && !event.data.scalar.plain_implicit &&
             !event.data.scalar.quoted_implicit)) {
          return std::unexpected(ParseError{line, "an anchor or a tag; neither is used"});
        }
        std::string value(reinterpret_cast<const char*>(event.data.scalar.value),
                          event.data.scalar.length);
        const bool plain = event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        const Kind kind = plain && is_null_text(value) ? Kind::null : Kind::scalar;
        add(kind, std::move(value), line);
        break;
      }
      case YAML_SEQUENCE_START_EVENT:
      case YAML_MAPPING_START_EVENT: {
        const bool sequence = event.type == YAML_SEQUENCE_START_EVENT;
        if (sequence ? event.data.sequence_start.anchor != nullptr
                     : event.data.mapping_start.anchor != nullptr) {
          return std::unexpected(ParseError{line, "an anchor ('&'); anchors are not used"});
        }
        open.push_back(add(sequence ? Kind::sequence : Kind::map, {}, line));
        break;
      }
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        open.pop_back();
        break;
      default:
        break;
    }
  }
}

}  // namespace negotiateup::yaml
