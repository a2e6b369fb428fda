// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/NoticeArea.h"

#include <QVBoxLayout>

namespace edgefuse::ui {

NoticeArea::NoticeArea(QWidget* parent) : QWidget(parent) {
  m_layout = new QVBoxLayout(this);
  m_layout->setContentsMargins(0, 0, 0, 0);
  m_layout->setSpacing(4);
  setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
}

void NoticeArea::showNotice(const QString& key, NoticeBar::Level level, const QString& text) {
  NoticeBar* bar = m_bars.value(key);
  if (!bar) {
    bar = new NoticeBar(this);
    m_layout->addWidget(bar);
    m_bars.insert(key, bar);
    connect(bar, &NoticeBar::closed, this, [this, key] {
      if (NoticeBar* closed = m_bars.take(key)) closed->deleteLater();
    });
  }
  bar->showNotice(level, text, key);
}

void NoticeArea::clearNotice(const QString& key) {
  if (NoticeBar* bar = m_bars.take(key)) {
    bar->hide();
    bar->deleteLater();
  }
}

QString NoticeArea::noticeText(const QString& key) const {
  const NoticeBar* bar = m_bars.value(key);
  return bar ? bar->text() : QString();
}

QStringList NoticeArea::keys() const {
  return m_bars.keys();
}

}  // namespace edgefuse::ui
