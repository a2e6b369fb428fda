// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>
#include <QVector>
#include <QWidget>

class QLabel;
class QListWidget;

namespace edgefuse::ui {

/// One note about what was done to the data (read, aligned, fused).
struct Note {
  enum class Origin { SourceA, SourceB, Alignment, Fusion, Device };
  Origin origin;
  QString text;  ///< as core reported it (English)
};

/// Lists every note of the current pair and fusion, so that nothing done
/// to the data is hidden (colour handling, padding, resampling, device
/// fallback, …). GUI thread only.
class NotesPanel : public QWidget {
  Q_OBJECT
 public:
  explicit NotesPanel(QWidget* parent = nullptr);

  void setNotes(const QVector<Note>& notes);
  const QVector<Note>& notes() const { return m_notes; }

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void rebuild();
  QString originName(Note::Origin origin) const;

  QVector<Note> m_notes;
  QListWidget* m_list = nullptr;
  QLabel* m_empty = nullptr;
};

}  // namespace edgefuse::ui
