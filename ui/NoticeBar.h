// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QFrame>
#include <QString>

class QLabel;
class QToolButton;

namespace edgefuse::ui {

/// An in-window message strip (instead of a modal box) for things the
/// reader must see: B was resampled, a load or fusion failed, no model.
/// GUI thread only.
class NoticeBar : public QFrame {
  Q_OBJECT
 public:
  enum class Level { Info, Warning, Error };

  explicit NoticeBar(QWidget* parent = nullptr);

  /// Shows the strip with `text`; `key` identifies the notice so that it can
  /// be replaced or cleared by whoever raised it.
  void showNotice(Level level, const QString& text, const QString& key = {});
  /// Hides it when it currently shows notice `key` (any when empty).
  void clearNotice(const QString& key = {});
  QString text() const;
  QString key() const { return m_key; }
  Level level() const { return m_level; }

 signals:
  void closed();

 private:
  QLabel* m_icon = nullptr;
  QLabel* m_text = nullptr;
  QToolButton* m_close = nullptr;
  QString m_key;
  Level m_level = Level::Info;
};

}  // namespace edgefuse::ui
