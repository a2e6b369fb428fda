// SPDX-License-Identifier: GPL-3.0-or-later

#include "ArgParser.h"

#include <sstream>

namespace edgefuse::cli {

ArgParser::ArgParser(std::string usage, std::string summary)
    : m_usage(std::move(usage)), m_summary(std::move(summary)) {}

void ArgParser::option(const std::string& name, const std::string& valueName, const std::string& help,
                       const std::string& defaultValue) {
  m_specs.push_back({name, valueName, help, defaultValue, false});
}

void ArgParser::flag(const std::string& name, const std::string& help) {
  m_specs.push_back({name, "", help, "", true});
}

void ArgParser::positional(const std::string& name, const std::string& help, bool repeated) {
  m_positionalSpecs.emplace_back(name, help);
  m_repeatedPositional = repeated;
}

Expected<void> ArgParser::parse(int argc, char** argv, int first) {
  for (int i = first; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      m_help = true;
      return {};
    }
    if (arg.rfind("--", 0) == 0 && arg.size() > 2) {
      std::string name = arg.substr(2), inlineValue;
      bool hasInline = false;
      if (const auto eq = name.find('='); eq != std::string::npos) {
        inlineValue = name.substr(eq + 1);
        name = name.substr(0, eq);
        hasInline = true;
      }
      const Spec* spec = nullptr;
      for (const auto& s : m_specs) {
        if (s.name == name) spec = &s;
      }
      if (!spec) return fail(ErrorCode::InvalidArgument, "unknown option --" + name + " (see --help)");
      if (spec->isFlag) {
        if (hasInline) return fail(ErrorCode::InvalidArgument, "--" + name + " takes no value");
        m_values[name] = "1";
      } else if (hasInline) {
        m_values[name] = inlineValue;
      } else {
        if (i + 1 >= argc) return fail(ErrorCode::InvalidArgument, "--" + name + " needs a value");
        m_values[name] = argv[++i];
      }
      continue;
    }
    m_positionalValues.push_back(arg);
  }
  if (m_positionalValues.size() < m_positionalSpecs.size()) {
    return fail(ErrorCode::InvalidArgument,
                "missing argument " + m_positionalSpecs[m_positionalValues.size()].first + " (see --help)");
  }
  if (!m_repeatedPositional && m_positionalValues.size() > m_positionalSpecs.size()) {
    return fail(ErrorCode::InvalidArgument, "unexpected argument '" + m_positionalValues.back() + "' (see --help)");
  }
  return {};
}

bool ArgParser::has(const std::string& name) const {
  return m_values.count(name) > 0;
}

std::string ArgParser::value(const std::string& name) const {
  if (auto it = m_values.find(name); it != m_values.end()) return it->second;
  for (const auto& s : m_specs) {
    if (s.name == name) return s.defaultValue;
  }
  return {};
}

std::string ArgParser::helpText() const {
  std::ostringstream out;
  out << "Usage: " << m_usage << "\n\n" << m_summary << "\n";
  if (!m_positionalSpecs.empty()) {
    out << "\nArguments:\n";
    for (const auto& [name, help] : m_positionalSpecs) out << "  " << name << "\n      " << help << "\n";
  }
  out << "\nOptions:\n";
  for (const auto& s : m_specs) {
    out << "  --" << s.name << (s.isFlag ? "" : " " + s.valueName) << "\n      " << s.help;
    if (!s.defaultValue.empty()) out << " (default: " << s.defaultValue << ")";
    out << "\n";
  }
  out << "  --help\n      Show this help and exit.\n";
  return out.str();
}

}  // namespace edgefuse::cli
