#include "newsdex/cli/help_pages.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <sstream>

#include "newsdex/version.h"

namespace po = boost::program_options;

namespace newsdex::cli {
namespace {

struct OptionInfo {
    std::string short_name;    ///< "-n", or empty
    std::string long_name;     ///< "--limit"
    std::string value_name;    ///< "N", or empty when it takes no value
    std::string default_value; ///< "10", or empty
    bool optional_value = false;
    std::string description;
};

OptionInfo info(const po::option_description& d) {
    OptionInfo o;
    o.long_name = "--" + d.long_name();
    const std::string shown = d.format_name(); // "-n [ --limit ]" or "--limit"
    if (shown.size() > 1 && shown[0] == '-' && shown[1] != '-') {
        o.short_name = shown.substr(0, shown.find(' '));
    }
    o.description = d.description();
    if (d.semantic()->max_tokens() == 0) {
        return o;
    }
    // Boost's name is "N", "N (=10)" or, for an optional value, "[=NAME(=)]".
    std::string name = d.semantic()->name();
    if (name.rfind("[=", 0) == 0) {
        o.optional_value = true;
        name = name.substr(2);
        const std::size_t paren = name.find("(=");
        name = name.substr(0, paren == std::string::npos ? name.find(']') : paren);
    }
    const std::size_t def = name.find(" (=");
    if (def != std::string::npos) {
        o.default_value = name.substr(def + 3, name.size() - def - 4);
        name.resize(def);
    }
    o.value_name = name;
    if (o.value_name.size() > 2 && o.value_name.front() == '[' && o.value_name.back() == ']') {
        o.value_name = o.value_name.substr(1, o.value_name.size() - 2);
    }
    return o;
}

// Text for roff: backslashes and hyphens escaped, no line starting with a control character,
// and every non-ASCII character as a groff \[uXXXX] escape (troff reads bytes, not UTF-8,
// unless preconv runs first, which man-db does but plain groff does not).
std::string roff(const std::string& text) {
    std::string out;
    bool line_start = true;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (line_start && (c == '.' || c == '\'')) {
            out += "\\&";
        }
        line_start = c == '\n';
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x80) {
            const int length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1;
            unsigned long code = length == 1 ? 0xFFFDu : byte & (0x7Fu >> length);
            for (int k = 1; k < length && i + 1 < text.size(); ++k) {
                code = (code << 6) | (static_cast<unsigned char>(text[++i]) & 0x3Fu);
            }
            char escape[16];
            std::snprintf(escape, sizeof escape, "\\[u%04lX]", code);
            out += escape;
        } else if (c == '\\') {
            out += "\\e";
        } else if (c == '-') {
            out += "\\-";
        } else {
            out += c;
        }
    }
    return out;
}

std::string upper(std::string s) {
    for (char& c : s) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return s;
}

// The words a value name lists when it is a choice ("auto|always|never"; not "FILE|-").
std::vector<std::string> choices(const std::string& value_name) {
    std::vector<std::string> words;
    if (value_name.find('|') == std::string::npos ||
        std::any_of(value_name.begin(), value_name.end(),
                    [](char c) { return std::isupper(static_cast<unsigned char>(c)) != 0; })) {
        return words;
    }
    std::size_t from = 0;
    while (from <= value_name.size()) {
        const std::size_t to = std::min(value_name.find('|', from), value_name.size());
        words.push_back(value_name.substr(from, to - from));
        from = to + 1;
    }
    return words;
}

bool names_files(const std::string& value_name) {
    return value_name.find("FILE") != std::string::npos ||
           value_name.find("PATH") != std::string::npos ||
           value_name.find("DIR") != std::string::npos;
}

std::string joined(const std::vector<std::string>& words) {
    std::string out;
    for (const std::string& w : words) {
        out += (out.empty() ? "" : " ") + w;
    }
    return out;
}

} // namespace

po::options_description combined(const OptionGroups& groups) {
    po::options_description all;
    for (const OptionGroup& g : groups) {
        all.add(g.options);
    }
    return all;
}

std::string render_help(const HelpPage& page, const OptionGroups& options) {
    std::ostringstream s;
    s << "Usage: " << page.program << ' ' << page.arguments << '\n'
      << page.description << "\n\n"
      << combined(options);
    for (const auto& [title, text] : page.sections) {
        s << '\n' << title << ":\n" << text;
    }
    s << "\nExamples:\n";
    for (const std::string& e : page.examples) {
        s << "  " << e << '\n';
    }
    s << "\nExit codes: " << page.exit_codes << '\n';
    return s.str();
}

std::string render_man(const HelpPage& page, const OptionGroups& options) {
    std::ostringstream s;
    s << ".\\\" Generated by " << page.program << " --help-man from its option definitions.\n"
      << ".TH " << upper(page.program) << " 1 \"\" \"newsdex " << NEWSDEX_VERSION
      << "\" \"User Commands\"\n"
      << ".SH NAME\n"
      << roff(page.program) << " \\- " << roff(page.summary) << '\n'
      << ".SH SYNOPSIS\n.B " << roff(page.program) << '\n'
      << roff(page.arguments) << '\n'
      << ".SH DESCRIPTION\n"
      << roff(page.description) << '\n'
      << ".SH OPTIONS\n";
    for (const OptionGroup& group : options) {
        if (!group.caption.empty()) {
            s << ".SS " << roff(group.caption) << '\n';
        }
        for (const auto& d : group.options.options()) {
            const OptionInfo o = info(*d);
            s << ".TP\n";
            if (!o.short_name.empty()) {
                s << "\\fB" << roff(o.short_name) << "\\fR, ";
            }
            s << "\\fB" << roff(o.long_name) << "\\fR";
            if (!o.value_name.empty()) {
                s << (o.optional_value ? " [\\fI" : " \\fI") << roff(o.value_name)
                  << (o.optional_value ? "\\fR]" : "\\fR");
            }
            s << '\n' << roff(o.description);
            if (!o.default_value.empty()) {
                s << " (default: " << roff(o.default_value) << ")";
            }
            s << '\n';
        }
    }
    for (const auto& [title, text] : page.sections) {
        s << ".SH " << roff(upper(title)) << "\n.nf\n" << roff(text) << ".fi\n";
    }
    s << ".SH EXAMPLES\n.nf\n";
    for (const std::string& e : page.examples) {
        s << roff(e) << '\n';
    }
    s << ".fi\n.SH EXIT STATUS\n" << roff(page.exit_codes) << '\n';
    s << ".SH ENVIRONMENT\n.TP\n.B NEWSDEX_DB\nthe database when \\-\\-db is not given\n";
    // Only a program that colours (has --color) reads NO_COLOR.
    if (combined(options).find_nothrow("color", false) != nullptr) {
        s << ".TP\n.B NO_COLOR\nwhen set and not empty, no colour unless \\-\\-color always\n";
    }
    if (!page.see_also.empty()) {
        s << ".SH SEE ALSO\n" << roff(page.see_also) << '\n';
    }
    return s.str();
}

std::string render_bash_completion(const HelpPage& page, const OptionGroups& groups,
                                   const CompletionHints& hints) {
    const po::options_description options = combined(groups);
    std::string function = "_" + page.program;
    std::replace(function.begin(), function.end(), '-', '_');
    std::vector<std::string> all_options;
    std::ostringstream cases;
    std::vector<std::string> takes_value; // options whose value we cannot guess
    std::vector<std::string> file_options;
    for (const auto& d : options.options()) {
        const OptionInfo o = info(*d);
        all_options.push_back(o.long_name);
        if (!o.short_name.empty()) {
            all_options.push_back(o.short_name);
        }
        if (o.value_name.empty() || o.optional_value) {
            continue;
        }
        std::string pattern = o.long_name + (o.short_name.empty() ? "" : "|" + o.short_name);
        const std::string name = d->long_name();
        if (std::find(hints.facet_list_options.begin(), hints.facet_list_options.end(), name) !=
            hints.facet_list_options.end()) {
            cases << "    " << pattern << ")\n"
                  << "        local before=\"\"\n"
                  << "        [[ \"$cur\" == *,* ]] && before=\"${cur%,*},\"\n"
                  << "        COMPREPLY=($(compgen -P \"$before\" -W \""
                  << joined(hints.facet_names) << "\" -- \"${cur##*,}\"))\n"
                  << "        compopt -o nospace\n        return ;;\n";
        } else if (std::find(hints.facet_options.begin(), hints.facet_options.end(), name) !=
                   hints.facet_options.end()) {
            cases << "    " << pattern << ")\n        COMPREPLY=($(compgen -W \""
                  << joined(hints.facet_names) << "\" -- \"$cur\"))\n        return ;;\n";
        } else if (const std::vector<std::string> words = choices(o.value_name); !words.empty()) {
            cases << "    " << pattern << ")\n        COMPREPLY=($(compgen -W \"" << joined(words)
                  << "\" -- \"$cur\"))\n        return ;;\n";
        } else if (names_files(o.value_name)) {
            file_options.push_back(pattern);
        } else {
            takes_value.push_back(pattern);
        }
    }
    std::ostringstream s;
    s << "# bash completion for " << page.program << "; generated by `" << page.program
      << " --help-bash-completion` from its option definitions.\n"
      << function << "() {\n"
      << "    local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"\"\n"
      << "    [ \"$COMP_CWORD\" -gt 0 ] && prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
      << "    # --option=value arrives as three words: --option, =, value\n"
      << "    if [ \"$cur\" = \"=\" ]; then\n        prev=\"${COMP_WORDS[COMP_CWORD-1]}\"; "
         "cur=\"\"\n"
      << "    elif [ \"$prev\" = \"=\" ] && [ \"$COMP_CWORD\" -gt 1 ]; then\n"
      << "        prev=\"${COMP_WORDS[COMP_CWORD-2]}\"\n    fi\n"
      << "    COMPREPLY=()\n"
      << "    case \"$prev\" in\n"
      << cases.str();
    for (const std::string& p : file_options) {
        s << "    " << p << ")\n        compopt -o filenames\n"
          << "        COMPREPLY=($(compgen -f -- \"$cur\"))\n        return ;;\n";
    }
    for (const std::string& p : takes_value) {
        s << "    " << p << ")\n        return ;;\n";
    }
    s << "    esac\n"
      << "    if [[ \"$cur\" == -* ]]; then\n"
      << "        COMPREPLY=($(compgen -W \"" << joined(all_options) << "\" -- \"$cur\"))\n"
      << "        return\n    fi\n";
    if (hints.positional_files) {
        s << "    compopt -o filenames\n    COMPREPLY=($(compgen -f -- \"$cur\"))\n";
    } else if (!hints.word_prefixes.empty()) {
        s << "    COMPREPLY=($(compgen -W \"" << joined(hints.word_prefixes) << "\" -- \"$cur\"))\n"
          << "    [ \"${#COMPREPLY[@]}\" -gt 0 ] && compopt -o nospace\n";
    }
    s << "}\ncomplete -F " << function << ' ' << page.program << '\n';
    return s.str();
}

} // namespace newsdex::cli
