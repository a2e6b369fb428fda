// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QDialog>
#include <QList>

class QAction;
class QLineEdit;
class QTableWidget;

namespace edgefuse::ui {

/// Lists every keyboard shortcut of the window, taken from its actions (so
/// the list cannot drift from what the keys do), with a filter. GUI thread only.
class ShortcutsDialog : public QDialog {
  Q_OBJECT
 public:
  ShortcutsDialog(const QList<QAction*>& actions, QWidget* parent = nullptr);

  int rowCount() const;

 private:
  void filter(const QString& text);

  QLineEdit* m_filter = nullptr;
  QTableWidget* m_table = nullptr;
};

}  // namespace edgefuse::ui
