// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/ShortcutsDialog.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QTableWidget>
#include <QVBoxLayout>

namespace edgefuse::ui {

ShortcutsDialog::ShortcutsDialog(const QList<QAction*>& actions, QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Keyboard shortcuts"));
  resize(560, 620);
  auto* layout = new QVBoxLayout(this);
  m_filter = new QLineEdit(this);
  m_filter->setPlaceholderText(tr("Filter…"));
  m_filter->setClearButtonEnabled(true);
  layout->addWidget(m_filter);
  m_table = new QTableWidget(0, 2, this);
  m_table->setHorizontalHeaderLabels({tr("Command"), tr("Keys")});
  m_table->verticalHeader()->setVisible(false);
  m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
  m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
  m_table->setSelectionMode(QAbstractItemView::NoSelection);
  m_table->setAlternatingRowColors(true);
  for (const QAction* action : actions) {
    if (action->shortcuts().isEmpty()) continue;
    QStringList keys;
    for (const QKeySequence& key : action->shortcuts()) keys << key.toString(QKeySequence::NativeText);
    QString text = action->text();
    text.remove(QLatin1Char('&'));
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(text));
    m_table->setItem(row, 1, new QTableWidgetItem(keys.join(QStringLiteral(", "))));
  }
  layout->addWidget(m_table, 1);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);
  connect(m_filter, &QLineEdit::textChanged, this, &ShortcutsDialog::filter);
}

int ShortcutsDialog::rowCount() const {
  return m_table->rowCount();
}

void ShortcutsDialog::filter(const QString& text) {
  for (int row = 0; row < m_table->rowCount(); ++row) {
    const bool match = text.isEmpty() || m_table->item(row, 0)->text().contains(text, Qt::CaseInsensitive) ||
                       m_table->item(row, 1)->text().contains(text, Qt::CaseInsensitive);
    m_table->setRowHidden(row, !match);
  }
}

}  // namespace edgefuse::ui
