// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/NoticeBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace edgefuse::ui {

NoticeBar::NoticeBar(QWidget* parent) : QFrame(parent) {
  setObjectName(QStringLiteral("noticeBar"));
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(10, 6, 6, 6);
  layout->setSpacing(10);
  m_icon = new QLabel(this);
  m_text = new QLabel(this);
  m_text->setWordWrap(true);
  m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
  m_close = new QToolButton(this);
  m_close->setAutoRaise(true);
  m_close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
  m_close->setToolTip(tr("Dismiss"));
  layout->addWidget(m_icon, 0, Qt::AlignTop);
  layout->addWidget(m_text, 1);
  layout->addWidget(m_close, 0, Qt::AlignTop);
  connect(m_close, &QToolButton::clicked, this, [this] {
    hide();
    m_key.clear();
    emit closed();
  });
  hide();
}

void NoticeBar::showNotice(Level level, const QString& text, const QString& key) {
  m_level = level;
  m_key = key;
  m_text->setText(text);
  const QStyle::StandardPixmap icon = level == Level::Error     ? QStyle::SP_MessageBoxCritical
                                      : level == Level::Warning ? QStyle::SP_MessageBoxWarning
                                                                : QStyle::SP_MessageBoxInformation;
  m_icon->setPixmap(style()->standardIcon(icon).pixmap(18, 18));
  setProperty("level", level == Level::Error     ? QStringLiteral("error")
                       : level == Level::Warning ? QStringLiteral("warning")
                                                 : QStringLiteral("info"));
  style()->unpolish(this);
  style()->polish(this);
  show();
}

void NoticeBar::clearNotice(const QString& key) {
  if (!key.isEmpty() && key != m_key) return;
  m_key.clear();
  hide();
}

QString NoticeBar::text() const {
  return isVisible() || !m_key.isEmpty() ? m_text->text() : QString();
}

}  // namespace edgefuse::ui
