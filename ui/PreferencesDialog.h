// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QDialog>

class QComboBox;
class QLineEdit;

namespace edgefuse::ui {

class Settings;

/// Edits the stored preferences: compute device, model, default method,
/// strategy and BatchNorm mode, colour map and language. Writes them to
/// Settings when accepted. GUI thread only.
class PreferencesDialog : public QDialog {
  Q_OBJECT
 public:
  PreferencesDialog(Settings& settings, QWidget* parent = nullptr);

  void accept() override;

 private:
  Settings& m_settings;
  QComboBox* m_device = nullptr;
  QLineEdit* m_model = nullptr;
  QComboBox* m_method = nullptr;
  QComboBox* m_strategy = nullptr;
  QComboBox* m_bnMode = nullptr;
  QComboBox* m_colorMap = nullptr;
  QComboBox* m_language = nullptr;
};

}  // namespace edgefuse::ui
