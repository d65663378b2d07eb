#pragma once

// What the benchmark generators give each synthetic role and company, so that a
// generated catalog has every role family and every company stage.

#include "core/guide_record.hpp"
#include "core/policy.hpp"

namespace negotiateup::bench {

inline core::RoleFamily bench_role_family(int role) {
  switch (role % 7) {
    case 6:
      return core::RoleFamily::management;
    case 5:
      return core::RoleFamily::product;
    case 4:
      return core::RoleFamily::machine_learning;
    default:
      return core::RoleFamily::engineering;
  }
}

inline core::CompanyStage bench_company_stage(int company) {
  if (company % 6 == 0) return core::CompanyStage::late_stage;
  if (company % 6 == 3) return core::CompanyStage::early_stage;
  return core::CompanyStage::public_company;
}

}  // namespace negotiateup::bench
