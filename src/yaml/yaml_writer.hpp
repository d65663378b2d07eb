#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace negotiateup::yaml {

// True when a string must be double-quoted to read back as the same string, or
// holds a character the house style always quotes (quotes, ':', '|', '#').
bool needs_double_quotes(std::string_view text);

// How a text scalar is written.
enum class Quoting {
  plain_when_valid,  // plain unless plain YAML cannot hold it
  house,             // plain only when needs_double_quotes says no, and plain YAML can hold it
  literal,           // a literal block (|), double-quoted inside a flow list
  // Guide front matter: double-quoted exactly when needs_double_quotes says so, and
  // inside the quotes only quotes, backslashes and C0 controls escaped; guides in
  // this style must print back byte for byte (../shared/spec/guide-format.md).
  front_matter,
};

// Writes the block-style YAML of the catalog files and guide front matter: maps and lists as
// indented blocks (lists under a key indented by two), short lists in flow style
// ("[a, b]"), no line wrapping. Calls nest like the document they write.
class Writer {
 public:
  void begin_map();
  void end_map();
  void begin_list();       // a "- " item per line
  void begin_flow_list();  // [a, b] on one line
  void end_list();
  void key(std::string_view key);
  void text(std::string_view text, Quoting quoting = Quoting::plain_when_valid);
  void null();
  void boolean(bool value);
  void number(long long value);

  // The document, ending with a line break.
  std::string document() const { return out_ + "\n"; }

 private:
  enum class Kind { map, list, flow_list };
  struct Level {
    Kind kind;
    int indent;         // of this level's keys or "- "
    bool first_inline;  // its first entry continues the current line ("- key:")
    int entries = 0;
  };
  void begin_node(bool block_collection);
  void begin_level(Kind kind);
  void end_level();
  void raw_scalar(std::string_view text);
  void new_line(int indent);

  std::string out_;
  std::vector<Level> levels_;
};

}  // namespace negotiateup::yaml
