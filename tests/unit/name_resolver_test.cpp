#include "catalog/name_resolver.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "catalog/catalog_files.hpp"
#include "catalog/lookup.hpp"

namespace negotiateup::catalog {
namespace {

const core::Currency kUsd = *core::Currency::from_code("USD");
const core::Currency kEur = *core::Currency::from_code("EUR");

Company company(std::string slug, std::string name, std::vector<std::string> aliases = {}) {
  Company c;
  c.slug = std::move(slug);
  c.name = std::move(name);
  c.aliases = std::move(aliases);
  c.source = {"companies/" + c.slug + ".yaml", 1};
  return c;
}

Region region(std::string slug, std::string name, std::vector<std::string> aliases = {}) {
  return Region{std::move(slug), std::move(name), kUsd, std::move(aliases), std::nullopt, {}};
}

Catalog sample() {
  Catalog catalog;
  catalog.companies = {company("hugging-face", "Hugging Face", {"HF", "Hugging Face Inc."}),
                       company("google", "Google"),
                       company("societe-generale", "Société Générale")};
  catalog.roles = {Role{"software-engineer", "Software Engineer", {}, {}},
                   Role{"senior-software-engineer", "Senior Software Engineer", {}, {}},
                   Role{"staff-software-engineer", "Staff Software Engineer", {}, {}},
                   Role{"principal-software-engineer", "Principal Software Engineer", {}, {}}};
  catalog.regions = {region("new-york", "New York", {"NYC"}),
                     region("san-francisco", "San Francisco Bay Area", {"SF"}),
                     region("santa-fe", "Santa Fe"),
                     region("los-angeles", "Los Angeles"),
                     region("remote-global", "Remote Global"),
                     region("rio-grande", "Rio Grande"),
                     Region{"zurich", "Zürich", kEur, {}, std::nullopt, {}}};
  return catalog;
}

std::string slug_of(const auto* entry) {
  return entry ? entry->slug : "(none)";
}

TEST(NameResolver, FindsAnEntryBySlugNameOrAliasInAnyCase) {
  const auto catalog = sample();
  const NameResolver names(catalog);
  for (const char* name : {"hugging-face", "Hugging Face", "HF", "hf", "HUGGING FACE",
                           "Hugging Face Inc.", "hugging face inc"}) {
    EXPECT_EQ(slug_of(names.company(name)), "hugging-face") << name;
  }
  EXPECT_EQ(slug_of(names.role("Senior Software Engineer")), "senior-software-engineer");
  EXPECT_EQ(slug_of(names.role("software-engineer")), "software-engineer");
  EXPECT_EQ(names.company("Hugging"), nullptr);
  EXPECT_EQ(names.role("Senior"), nullptr);
}

TEST(NameResolver, IgnoresAccentsSpacesAndPunctuation) {
  const auto catalog = sample();
  const NameResolver names(catalog);
  for (const char* name : {"Societe Generale", "société générale", "SOCIÉTÉ GÉNÉRALE",
                           "Socie\u0301te\u0301 Ge\u0301ne\u0301rale",  // decomposed accents
                           "  Société   Générale ", "Société-Générale", "societe_generale"}) {
    EXPECT_EQ(slug_of(names.company(name)), "societe-generale") << name;
  }
  EXPECT_EQ(slug_of(names.company("\tHugging\u00a0 Face ")), "hugging-face");
  EXPECT_EQ(slug_of(names.role("Sénior  Software-Engineer")), "senior-software-engineer");
  EXPECT_EQ(slug_of(names.region("Zurich")), "zurich");
  EXPECT_EQ(slug_of(names.region("ZÜRICH")), "zurich");
}

TEST(NameResolver, FindsRegionsByAbbreviationAndInitials) {
  const auto catalog = sample();
  const NameResolver names(catalog);
  EXPECT_EQ(slug_of(names.region("NYC")), "new-york");
  EXPECT_EQ(slug_of(names.region("ny")), "new-york");
  EXPECT_EQ(slug_of(names.region("new york")), "new-york");
  EXPECT_EQ(slug_of(names.region("SFBA")), "san-francisco");      // initials
  EXPECT_EQ(slug_of(names.region("Bay Area")), "san-francisco");  // abbreviation
  EXPECT_EQ(slug_of(names.region("LA")), "los-angeles");
  // A name a region writes wins over the initials of another: Santa Fe's are "sf".
  EXPECT_EQ(slug_of(names.region("SF")), "san-francisco");
  EXPECT_EQ(slug_of(names.region("Santa Fe")), "santa-fe");
}

TEST(NameResolver, InitialsOfTwoRegionsAreAmbiguous) {
  const auto catalog = sample();
  const NameResolver names(catalog);
  EXPECT_EQ(names.region("RG"), nullptr);
  const auto resolved = names.resolve_region("RG", "region");
  ASSERT_FALSE(resolved.has_value());
  EXPECT_EQ(resolved.error().kind, core::ErrorKind::bad_input);
  EXPECT_EQ(resolved.error().to_string(),
            "region: region 'RG' is ambiguous: it may mean remote-global (Remote Global) or "
            "rio-grande (Rio Grande); expected the slug of one");
  EXPECT_TRUE(names.clashes().empty());  // not a catalog error: nobody wrote "RG"
  EXPECT_EQ(slug_of(names.region("Rio Grande")), "rio-grande");
}

TEST(NameResolver, ANameOfTwoEntriesIsACatalogError) {
  auto catalog = sample();
  catalog.companies.push_back(company("hf", "HF Capital"));  // "hf": Hugging Face's alias
  const NameResolver names(catalog);
  ASSERT_EQ(names.clashes().size(), 1u);
  EXPECT_EQ(names.clashes()[0].first, "hugging-face");
  EXPECT_EQ(names.clashes()[0].second, "hf");
  EXPECT_EQ(names.company("HF"), nullptr);
  const auto resolved = names.resolve_company("HF", "company");
  ASSERT_FALSE(resolved.has_value());
  EXPECT_NE(resolved.error().message.find("ambiguous: it may mean hugging-face (Hugging Face) or "
                                          "hf (HF Capital)"),
            std::string::npos)
      << resolved.error().message;
  EXPECT_EQ(slug_of(names.company("HF Capital")), "hf");

  const auto valid = validate_catalog(catalog);
  ASSERT_FALSE(valid.has_value());
  EXPECT_EQ(valid.error().file, "companies/hf.yaml");
  EXPECT_NE(valid.error().message.find("company 'hf' is named 'hf', and so is company "
                                       "'hugging-face'"),
            std::string::npos)
      << valid.error().message;
  EXPECT_TRUE(validate_catalog(sample()).has_value());
}

TEST(NameResolver, SuggestsTheNearestSlugsForATypo) {
  const auto catalog = sample();
  const NameResolver names(catalog);
  const auto resolved = names.resolve_company("Hugingface", "company");
  ASSERT_FALSE(resolved.has_value());
  EXPECT_EQ(resolved.error().kind, core::ErrorKind::bad_input);
  EXPECT_EQ(resolved.error().where, "company");
  EXPECT_EQ(resolved.error().to_string(),
            "company: unknown company 'Hugingface'; did you mean: hugging-face?");
  // Four roles are near "softwar engineer"; three are suggested, nearest first.
  const auto role = names.resolve_role("softwar engineer", "competing[0].role");
  ASSERT_FALSE(role.has_value());
  EXPECT_EQ(role.error().to_string(),
            "competing[0].role: unknown role 'softwar engineer'; did you mean: "
            "software-engineer, staff-software-engineer, senior-software-engineer?");
}

TEST(NameResolver, SuggestsNothingForANameFarFromAll) {
  const auto catalog = sample();
  const NameResolver names(catalog);
  const auto resolved = names.resolve_company("Zyxwvut Systems", "company");
  ASSERT_FALSE(resolved.has_value());
  EXPECT_EQ(resolved.error().message, "unknown company 'Zyxwvut Systems'");
  const auto empty = names.resolve_region("", "region");
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().message, "unknown region ''");
}

TEST(NameResolver, IsTheLookupsNamesAndKeepsIndexesWhileTheCatalogGrows) {
  auto catalog = sample();
  const Lookup lookup(catalog);
  EXPECT_EQ(slug_of(lookup.names().company("HF")), "hugging-face");
  EXPECT_EQ(lookup.company("HF"), nullptr);  // slugs only

  const NameResolver names(catalog);
  catalog.regions.push_back(region("berlin", "Berlin"));  // may move every region
  EXPECT_EQ(names.region("NYC"), &catalog.regions[0]);
  EXPECT_EQ(names.region("Berlin"), nullptr);  // built before it
  EXPECT_EQ(slug_of(NameResolver(catalog).region("Berlin")), "berlin");
}

}  // namespace
}  // namespace negotiateup::catalog
