// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/PreferencesDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "core/fusion/FusionTypes.h"
#include "ui/ColorMap.h"
#include "ui/LanguageManager.h"
#include "ui/Settings.h"

namespace edgefuse::ui {
namespace {

void select(QComboBox* combo, const QVariant& data) {
  const int index = combo->findData(data);
  if (index >= 0) combo->setCurrentIndex(index);
}

}  // namespace

PreferencesDialog::PreferencesDialog(Settings& settings, QWidget* parent) : QDialog(parent), m_settings(settings) {
  setWindowTitle(tr("Preferences"));
  setMinimumWidth(460);
  auto* layout = new QVBoxLayout(this);
  auto* form = new QFormLayout;
  form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);

  m_device = new QComboBox(this);
  m_device->addItem(tr("Automatic (GPU when available)"), QStringLiteral("auto"));
  m_device->addItem(tr("CPU"), QStringLiteral("cpu"));
  m_device->addItem(tr("CUDA GPU"), QStringLiteral("cuda"));
  select(m_device, QString::fromLatin1(devicePreferenceName(settings.devicePreference())));
  form->addRow(tr("Compute device:"), m_device);

  auto* modelRow = new QHBoxLayout;
  m_model = new QLineEdit(settings.model(), this);
  m_model->setPlaceholderText(tr("Shipped default (eh-dran)"));
  m_model->setClearButtonEnabled(true);
  auto* browse = new QPushButton(tr("Browse…"), this);
  connect(browse, &QPushButton::clicked, this, [this] {
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Model folder (with model.json)"));
    if (!dir.isEmpty()) m_model->setText(dir);
  });
  modelRow->addWidget(m_model, 1);
  modelRow->addWidget(browse);
  form->addRow(tr("Fusion model:"), modelRow);

  m_method = new QComboBox(this);
  m_method->addItem(tr("Network (EH-DRAN)"), QStringLiteral("network"));
  m_method->addItem(tr("Average (baseline)"), QStringLiteral("average"));
  m_method->addItem(tr("Maximum (baseline)"), QStringLiteral("max"));
  m_method->addItem(tr("Laplacian pyramid (baseline)"), QStringLiteral("laplacian"));
  select(m_method, QString::fromLatin1(methodName(settings.defaultMethod())));
  form->addRow(tr("Default method:"), m_method);

  m_strategy = new QComboBox(this);
  for (Strategy s : allStrategies()) {
    m_strategy->addItem(QString::fromLatin1(strategyName(s)).toUpper(), QString::fromLatin1(strategyName(s)));
  }
  select(m_strategy, QString::fromLatin1(strategyName(settings.defaultStrategy())));
  form->addRow(tr("Default strategy:"), m_strategy);

  m_bnMode = new QComboBox(this);
  m_bnMode->addItem(tr("Model default"), QString());
  m_bnMode->addItem(tr("Running statistics"), QStringLiteral("running"));
  m_bnMode->addItem(tr("Per-image statistics"), QStringLiteral("batch"));
  select(m_bnMode, settings.bnMode() ? QString::fromLatin1(bnModeName(*settings.bnMode())) : QString());
  form->addRow(tr("BatchNorm mode:"), m_bnMode);

  m_colorMap = new QComboBox(this);
  for (ColorMapKind map : allColorMaps()) m_colorMap->addItem(colorMapDisplayName(map), colorMapId(map));
  select(m_colorMap, colorMapId(settings.colorMap()));
  form->addRow(tr("Colour map:"), m_colorMap);

  m_language = new QComboBox(this);
  m_language->addItem(tr("System language"), QString());
  for (const QString& code : LanguageManager::availableLanguages()) {
    m_language->addItem(LanguageManager::nativeName(code), code);
  }
  select(m_language, settings.language());
  form->addRow(tr("Language:"), m_language);
  layout->addLayout(form);

  auto* note = new QLabel(tr("A new device or model restarts the fusion engine; the model is loaded once."), this);
  note->setWordWrap(true);
  note->setObjectName(QStringLiteral("caption"));
  layout->addWidget(note);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);
}

void PreferencesDialog::accept() {
  if (auto d = parseDevicePreference(m_device->currentData().toString().toStdString())) {
    m_settings.setDevicePreference(*d);
  }
  m_settings.setModel(m_model->text().trimmed());
  if (auto m = parseMethod(m_method->currentData().toString().toStdString())) m_settings.setDefaultMethod(*m);
  if (auto s = parseStrategy(m_strategy->currentData().toString().toStdString())) m_settings.setDefaultStrategy(*s);
  const QString bn = m_bnMode->currentData().toString();
  if (bn.isEmpty()) {
    m_settings.setBnMode(std::nullopt);
  } else if (auto b = parseBnMode(bn.toStdString())) {
    m_settings.setBnMode(*b);
  }
  if (auto map = colorMapFromId(m_colorMap->currentData().toString())) m_settings.setColorMap(*map);
  m_settings.setLanguage(m_language->currentData().toString());
  m_settings.sync();
  QDialog::accept();
}

}  // namespace edgefuse::ui
