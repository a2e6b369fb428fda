// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/ViewPanel.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QResizeEvent>
#include <QVBoxLayout>

#include "ui/ImageView.h"

namespace edgefuse::ui {
namespace {

const char* const kModalities[] = {"", "MR", "CT", "PT", "NM", "OT"};

}  // namespace

ViewPanel::ViewPanel(ImageView* view, bool withModality, QWidget* parent) : QFrame(parent), m_view(view) {
  setObjectName(QStringLiteral("viewPanel"));
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->setSpacing(0);
  auto* header = new QWidget(this);
  header->setObjectName(QStringLiteral("viewHeader"));
  auto* headerLayout = new QHBoxLayout(header);
  headerLayout->setContentsMargins(10, 5, 6, 5);
  headerLayout->setSpacing(8);
  auto* texts = new QVBoxLayout;
  texts->setSpacing(0);
  m_title = new QLabel(header);
  m_title->setObjectName(QStringLiteral("viewTitle"));
  m_subtitle = new QLabel(header);
  m_subtitle->setObjectName(QStringLiteral("viewSubtitle"));
  m_subtitle->setMinimumWidth(10);
  m_title->setMinimumWidth(10);
  m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  m_subtitle->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  texts->addWidget(m_title);
  texts->addWidget(m_subtitle);
  headerLayout->addLayout(texts, 1);
  if (withModality) {
    m_modality = new QComboBox(header);
    m_modality->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    for (const char* code : kModalities) m_modality->addItem(QString(), QString::fromLatin1(code));
    headerLayout->addWidget(m_modality, 0, Qt::AlignVCenter);
    connect(m_modality, &QComboBox::activated, this,
            [this](int index) { emit modalityChosen(m_modality->itemData(index).toString()); });
  }
  layout->addWidget(header);
  view->setParent(this);
  layout->addWidget(view, 1);
  retranslate();
}

void ViewPanel::setTitle(const QString& title) {
  m_fullTitle = title;
  elideSubtitle();
}

void ViewPanel::setSubtitle(const QString& subtitle, const QString& toolTip) {
  m_fullSubtitle = subtitle;
  m_subtitle->setToolTip(toolTip.isEmpty() ? subtitle : toolTip);
  elideSubtitle();
}

QString ViewPanel::subtitle() const {
  return m_fullSubtitle;
}

void ViewPanel::elideSubtitle() {
  // Long file names end in "…" rather than being cut mid-letter.
  m_title->setText(m_title->fontMetrics().elidedText(m_fullTitle, Qt::ElideRight, m_title->width()));
  m_subtitle->setText(m_subtitle->fontMetrics().elidedText(m_fullSubtitle, Qt::ElideRight, m_subtitle->width()));
}

void ViewPanel::resizeEvent(QResizeEvent* event) {
  QFrame::resizeEvent(event);
  elideSubtitle();
}

QString ViewPanel::modality() const {
  return m_modality ? m_modality->currentData().toString() : QString();
}

void ViewPanel::setModality(const QString& code, bool fromFile) {
  if (!m_modality) return;
  int index = m_modality->findData(code);
  if (index < 0) {
    m_modality->addItem(QString(), code);
    index = m_modality->count() - 1;
  }
  m_modality->setCurrentIndex(index);
  m_modalityFromFile = fromFile;
  m_modality->setEnabled(!fromFile);
  retranslate();
}

void ViewPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QFrame::changeEvent(event);
}

void ViewPanel::retranslate() {
  if (!m_modality) return;
  for (int i = 0; i < m_modality->count(); ++i) {
    const QString code = m_modality->itemData(i).toString();
    QString name;
    if (code.isEmpty()) {
      name = tr("Modality?");
    } else if (code == QLatin1String("MR")) {
      name = tr("MR");
    } else if (code == QLatin1String("CT")) {
      name = tr("CT");
    } else if (code == QLatin1String("PT")) {
      name = tr("PET");
    } else if (code == QLatin1String("NM")) {
      name = tr("SPECT / NM");
    } else if (code == QLatin1String("OT")) {
      name = tr("Other");
    } else {
      name = code;
    }
    m_modality->setItemText(i, name);
  }
  m_modality->setToolTip(m_modalityFromFile ? tr("Modality read from the DICOM header")
                                            : tr("The file does not say its modality: choose it"));
}

}  // namespace edgefuse::ui
