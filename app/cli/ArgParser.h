// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/base/Error.h"

namespace edgefuse::cli {

/// Options of one subcommand: `--name value` options and `--flag` switches,
/// plus positional arguments. Every option carries its help text.
class ArgParser {
 public:
  ArgParser(std::string usage, std::string summary);

  void option(const std::string& name, const std::string& valueName, const std::string& help,
              const std::string& defaultValue = {});
  void flag(const std::string& name, const std::string& help);
  void positional(const std::string& name, const std::string& help, bool repeated = false);

  /// Parses argv[first..]; `--help` sets helpRequested(). Unknown options,
  /// missing values and missing positionals are InvalidArgument errors.
  Expected<void> parse(int argc, char** argv, int first);

  bool helpRequested() const { return m_help; }
  bool has(const std::string& name) const;
  std::string value(const std::string& name) const;
  const std::vector<std::string>& positionals() const { return m_positionalValues; }
  std::string helpText() const;

 private:
  struct Spec {
    std::string name, valueName, help, defaultValue;
    bool isFlag = false;
  };
  std::string m_usage, m_summary;
  std::vector<Spec> m_specs;
  std::vector<std::pair<std::string, std::string>> m_positionalSpecs;
  bool m_repeatedPositional = false;
  std::map<std::string, std::string> m_values;
  std::vector<std::string> m_positionalValues;
  bool m_help = false;
};

}  // namespace edgefuse::cli
