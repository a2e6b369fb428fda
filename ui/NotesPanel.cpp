// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/NotesPanel.h"

#include <QEvent>
#include <QLabel>
#include <QListWidget>
#include <QVBoxLayout>

#include "ui/Theme.h"

namespace edgefuse::ui {

NotesPanel::NotesPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  m_list = new QListWidget(this);
  m_list->setWordWrap(true);
  m_list->setSelectionMode(QAbstractItemView::NoSelection);
  m_list->setFocusPolicy(Qt::NoFocus);
  m_list->setTextElideMode(Qt::ElideNone);
  m_list->setSpacing(2);
  layout->addWidget(m_list, 1);
  m_empty = new QLabel(this);
  m_empty->setObjectName(QStringLiteral("caption"));
  m_empty->setWordWrap(true);
  layout->addWidget(m_empty);
  rebuild();
}

void NotesPanel::setNotes(const QVector<Note>& notes) {
  m_notes = notes;
  rebuild();
}

QString NotesPanel::originName(Note::Origin origin) const {
  switch (origin) {
    case Note::Origin::SourceA:
      return tr("Source A");
    case Note::Origin::SourceB:
      return tr("Source B");
    case Note::Origin::Alignment:
      return tr("Alignment");
    case Note::Origin::Fusion:
      return tr("Fusion");
    case Note::Origin::Device:
      return tr("Device");
  }
  return {};
}

void NotesPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) rebuild();
  QWidget::changeEvent(event);
}

void NotesPanel::rebuild() {
  m_list->clear();
  for (const Note& note : m_notes) {
    auto* item = new QListWidgetItem(tr("%1: %2").arg(originName(note.origin), note.text), m_list);
    item->setForeground(note.origin == Note::Origin::Alignment || note.origin == Note::Origin::Device ? Theme::warning()
                                                                                                      : Theme::text());
  }
  m_list->setVisible(!m_notes.isEmpty());
  m_empty->setVisible(m_notes.isEmpty());
  m_empty->setText(tr("Nothing was changed in the data: no notes."));
}

}  // namespace edgefuse::ui
