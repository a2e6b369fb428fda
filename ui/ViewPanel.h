// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QFrame>
#include <QString>

class QComboBox;
class QLabel;

namespace edgefuse::ui {

class ImageView;

/// A view with its header: a title ("A · Anatomical"), a line about what
/// is shown (file, size, spacing, units) and, for the sources, the modality
/// (read from DICOM, or chosen by the reader). GUI thread only.
class ViewPanel : public QFrame {
  Q_OBJECT
 public:
  /// Takes ownership of `view`. `withModality` adds the modality chooser.
  ViewPanel(ImageView* view, bool withModality, QWidget* parent = nullptr);

  ImageView* view() const { return m_view; }
  void setTitle(const QString& title);
  void setSubtitle(const QString& subtitle, const QString& toolTip = {});
  QString subtitle() const;
  QString title() const { return m_fullTitle; }

  /// The modality code ("MR", "CT", "PT", "NM", "OT"); "" = not known.
  QString modality() const;
  /// Sets the modality; `fromFile` locks the chooser (DICOM says what it is).
  void setModality(const QString& code, bool fromFile);

 signals:
  /// The reader chose another modality.
  void modalityChosen(const QString& code);

 protected:
  void changeEvent(QEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  void retranslate();
  void elideSubtitle();

  ImageView* m_view = nullptr;
  QLabel* m_title = nullptr;
  QLabel* m_subtitle = nullptr;
  QString m_fullSubtitle;
  QString m_fullTitle;
  QComboBox* m_modality = nullptr;
  bool m_modalityFromFile = false;
};

}  // namespace edgefuse::ui
