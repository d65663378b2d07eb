#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "audit/finding.hpp"
#include "core/policy.hpp"

namespace negotiateup::audit {

struct ArithmeticCounts {
  std::size_t checked = 0;    // statements recomputed
  std::size_t ambiguous = 0;  // readable two ways, and right under one of them: not reported
};

// multi-year-arithmetic: every statement of a multi-year total, a guaranteed total
// or a sum in one line of prose, recomputed from the parts stated beside it:
// "€105K base with €90K/year RSUs. That's €780K over four years" is 4 x (105 + 90).
// A part whose unit is unclear ("€360K RSUs": a grant or a year?) is read both
// ways, and the statement is reported only when neither reading gives its total.
void check_arithmetic(std::string_view text, std::size_t line, const std::string& file,
                      const core::Policy& policy, std::vector<Finding>& findings,
                      ArithmeticCounts& counts);

}  // namespace negotiateup::audit
