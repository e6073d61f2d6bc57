/// @file
/// @brief The forms one entity's name takes in news text, and how they meet: titles before a
///        person's name, legal suffixes after a company's, acronyms, a country qualifier before
///        a government body, and German transliteration (ö = oe).
///
/// Pure string rules, no tagger or gazetteer: EntityExtractor applies them to the names it
/// found, so that "Mr Blair", "Apple Inc", "S&P" and "U.S. Treasury" are the same facet value
/// as the plain names their article gives.
#pragma once
#include <string>
#include <string_view>

namespace newsdex::analysis {

/// Whether a word is an honorific or title that may precede a person's name: "Mr", "Mrs.",
/// "Dr", "Sir", "Lord", "President", "Chancellor", "Prime", "Minister", "Senator", "Gov." …
/// Royal and religious titles ("King", "Pope", "Sheikh") are not: they are part of how such
/// people are named. Case-sensitive (a title is capitalised before a name).
bool is_person_title(std::string_view word);

/// A company name without its legal-form suffixes: "Apple Inc" → "Apple", "Microsoft Corp." →
/// "Microsoft", "JPMorgan Chase & Co" → "JPMorgan Chase", "Siemens AG" → "Siemens", "Banco
/// Santander, S.A." → "Banco Santander"; a "Group", "Holdings" or "Cos" before such a suffix
/// goes too ("Goldman Sachs Group Inc" → "Goldman Sachs"). At least one word always stays.
std::string without_company_suffix(std::string_view org);

/// Whether a capitalised word that starts a sentence is a function word, not the start of a
/// name the tagger glued it to ("But Volcker", "Until Greenspan", "Although Reagan"): an
/// English stop word, or a one-letter slip of one of six letters or more ("Athough").
bool is_sentence_opener(std::string_view word);

/// Whether a name is a thing news capitalises that is never a person or organisation: a
/// generic acronym of technology or finance ("PC", "DVD", "MP3", "GDP", "IPO", "CEO") or an
/// award ("Oscar", "Baftas", "Golden Globe"). Case-sensitive, the whole name.
bool is_never_an_actor(std::string_view name);

/// Whether a word is a given name ("David", "Li", "Jean-Pierre"), as person names use it: more
/// often their first word than their last or the whole name (so not "Martin" or "Ronaldo"),
/// and more often capitalised than not (so not "Bill" or "Will"). The list is learned by
/// scripts/build-given-names (given_names.inc). Any case.
bool is_given_name(std::string_view word);

/// Whether the last word of a name is a legal-form suffix ("Inc", "plc", "AG" …).
bool ends_with_company_suffix(std::string_view name);

/// A government body without the "U.S." before it: "U.S. Treasury" → "Treasury", "U.S.
/// Securities and Exchange Commission" → "Securities and Exchange Commission". Only when the
/// rest names a public body (ends in "Treasury", "Department", "Commission", "Congress",
/// "Senate", "Agency" …), so "U.S. Steel" and "US Airways" keep their names. Unchanged
/// otherwise.
std::string without_us_qualifier(std::string_view org);

/// The initials of a name of two capitalised words or more, lower-case function words and "&"
/// skipped: "American Petroleum Institute" → "API", "Standard & Poor" → "SP". Empty for a
/// single word.
std::string initials(std::string_view name);

/// The capitals of a name written as an acronym: "S&P" → "SP", "U.N." → "UN", "API" → "API";
/// empty when the name is not acronym-shaped (two to eight capitals, "&", "." and "-" only).
std::string acronym_letters(std::string_view name);

/// German umlauts and ß written out as German spells them without: "Schröder" → "Schroeder",
/// "SCHÄUBLE" → "SCHAEUBLE", "Straße" → "Strasse"; every other byte as it was.
std::string german_transliteration(std::string_view name);

/// The key under which name forms of one entity meet: name_key() after German
/// transliteration, so "Schröder", "Schroeder" and "SCHROEDER" share a key (é = e and the
/// like come from name_key() itself).
std::string name_form_key(std::string_view name);

} // namespace newsdex::analysis
