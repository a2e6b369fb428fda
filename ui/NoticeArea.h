// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QMap>
#include <QString>
#include <QWidget>

#include "ui/NoticeBar.h"

class QVBoxLayout;

namespace edgefuse::ui {

/// A stack of NoticeBars above the views, one per key ("alignment",
/// "engine", "load", "fusion", …), so that independent notices do not
/// replace each other. GUI thread only.
class NoticeArea : public QWidget {
  Q_OBJECT
 public:
  explicit NoticeArea(QWidget* parent = nullptr);

  void showNotice(const QString& key, NoticeBar::Level level, const QString& text);
  void clearNotice(const QString& key);
  /// The text shown for `key`, empty when none.
  QString noticeText(const QString& key) const;
  /// Keys of the notices shown.
  QStringList keys() const;

 private:
  QVBoxLayout* m_layout = nullptr;
  QMap<QString, NoticeBar*> m_bars;
};

}  // namespace edgefuse::ui
