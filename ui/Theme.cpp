// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/Theme.h"

#include <QApplication>
#include <QPalette>
#include <QStyleFactory>

namespace edgefuse::ui {

void Theme::apply(QApplication& app) {
  app.setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
  QPalette p;
  p.setColor(QPalette::Window, window());
  p.setColor(QPalette::WindowText, text());
  p.setColor(QPalette::Base, QColor(0x16, 0x18, 0x1b));
  p.setColor(QPalette::AlternateBase, panel());
  p.setColor(QPalette::ToolTipBase, QColor(0x2c, 0x30, 0x36));
  p.setColor(QPalette::ToolTipText, text());
  p.setColor(QPalette::PlaceholderText, mutedText());
  p.setColor(QPalette::Text, text());
  p.setColor(QPalette::Button, panel());
  p.setColor(QPalette::ButtonText, text());
  p.setColor(QPalette::BrightText, QColor(0xff, 0xff, 0xff));
  p.setColor(QPalette::Highlight, accent());
  p.setColor(QPalette::HighlightedText, QColor(0xff, 0xff, 0xff));
  p.setColor(QPalette::Link, accent());
  p.setColor(QPalette::Light, QColor(0x3a, 0x3e, 0x45));
  p.setColor(QPalette::Midlight, QColor(0x30, 0x34, 0x3a));
  p.setColor(QPalette::Mid, border());
  p.setColor(QPalette::Dark, QColor(0x12, 0x13, 0x15));
  p.setColor(QPalette::Shadow, QColor(0, 0, 0));
  for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
    p.setColor(QPalette::Disabled, role, QColor(0x66, 0x6b, 0x73));
  }
  p.setColor(QPalette::Disabled, QPalette::Highlight, border());
  app.setPalette(p);
  app.setStyleSheet(QStringLiteral(R"(
QMainWindow::separator { background: #1c1e22; width: 4px; height: 4px; }
QToolBar { background: #22252a; border: none; border-bottom: 1px solid #34383f; spacing: 4px; padding: 3px 6px; }
QToolBar::separator { background: #34383f; width: 1px; margin: 4px 6px; }
QToolButton { border: 1px solid transparent; border-radius: 4px; padding: 3px; color: #dcdfe4; }
QToolButton:hover { background: #30343b; border-color: #3c4148; }
QToolButton:checked { background: #1f3b57; border-color: #3d9be9; }
QToolButton:pressed { background: #2a5d8a; }
QToolButton:disabled { color: #666b73; }
QDockWidget { titlebar-close-icon: none; color: #aeb4bd; }
QDockWidget::title { background: #22252a; padding: 5px 8px; border-bottom: 1px solid #34383f; }
QTabWidget::pane { border: none; border-top: 1px solid #34383f; }
QTabBar::tab { background: transparent; color: #8d939c; padding: 5px 8px; border: none;
  border-bottom: 2px solid transparent; }
QTabBar::tab:selected { color: #dcdfe4; border-bottom: 2px solid #3d9be9; }
QTabBar::tab:hover { color: #dcdfe4; }
QStatusBar { background: #17191c; border-top: 1px solid #34383f; color: #aeb4bd; }
QStatusBar::item { border: none; }
QStatusBar QLabel { padding: 0 6px; }
QLabel#statusDevice, QLabel#statusModel, QLabel#statusTime { color: #aeb4bd; border-left: 1px solid #34383f; }
QLabel#researchNotice { color: #1c1e22; background: #f2b33d; font-weight: 600; padding: 2px 10px;
  border-radius: 3px; }
QFrame#viewPanel { background: #000000; border: 1px solid #2c3036; }
QWidget#viewHeader { background: #1f2226; border-bottom: 1px solid #2c3036; }
QLabel#viewTitle { color: #e4e7eb; font-weight: 600; }
QLabel#viewSubtitle { color: #8d939c; }
QLabel#caption { color: #8d939c; }
QLabel#unavailable { color: #8d939c; padding: 24px; }
QFrame#noticeBar { border-radius: 4px; border: 1px solid #34383f; background: #23272d; }
QFrame#noticeBar[level="warning"] { border-color: #8a6a22; background: #2e2818; }
QFrame#noticeBar[level="error"] { border-color: #8a3232; background: #301c1c; }
QFrame#noticeBar[level="info"] { border-color: #2a5d8a; background: #18242f; }
QComboBox { background: #25282d; border: 1px solid #3a3f46; border-radius: 4px; padding: 2px 8px; min-height: 20px; }
QComboBox:hover { border-color: #4a5058; }
QComboBox:disabled { color: #8d939c; }
QComboBox QAbstractItemView { background: #25282d; border: 1px solid #3a3f46; selection-background-color: #3d9be9; }
QPushButton { background: #2c3036; border: 1px solid #3a3f46; border-radius: 4px; padding: 4px 12px; }
QPushButton:hover { background: #343940; }
QPushButton:pressed { background: #2a5d8a; }
QPushButton:disabled { color: #666b73; }
QProgressBar { background: #25282d; border: none; border-radius: 3px; }
QProgressBar::chunk { background: #3d9be9; border-radius: 3px; }
QSlider::groove:horizontal { height: 4px; background: #3a3f46; border-radius: 2px; }
QSlider::sub-page:horizontal { background: #3d9be9; border-radius: 2px; }
QSlider::handle:horizontal { background: #dcdfe4; width: 12px; margin: -5px 0; border-radius: 6px; }
QSlider::handle:horizontal:disabled { background: #666b73; }
QHeaderView::section { background: #22252a; color: #aeb4bd; border: none; border-right: 1px solid #34383f;
  border-bottom: 1px solid #34383f; padding: 4px 6px; }
QTreeWidget, QTableWidget, QListWidget { border: none; background: #1a1c20; alternate-background-color: #202328; }
QMenu { background: #25282d; border: 1px solid #3a3f46; padding: 4px; }
QMenu::item { padding: 5px 28px 5px 24px; border-radius: 3px; }
QMenu::item:selected { background: #2a5d8a; }
QMenu::item:disabled { color: #666b73; }
QMenu::separator { height: 1px; background: #3a3f46; margin: 4px 8px; }
QMenuBar { background: #1c1e22; }
QMenuBar::item { padding: 4px 10px; background: transparent; }
QMenuBar::item:selected { background: #30343b; border-radius: 3px; }
QToolTip { background: #2c3036; color: #dcdfe4; border: 1px solid #3a3f46; padding: 4px; }
QScrollBar:vertical { background: transparent; width: 10px; }
QScrollBar::handle:vertical { background: #3a3f46; border-radius: 4px; min-height: 24px; }
QScrollBar:horizontal { background: transparent; height: 10px; }
QScrollBar::handle:horizontal { background: #3a3f46; border-radius: 4px; min-width: 24px; }
QScrollBar::add-line, QScrollBar::sub-line { width: 0; height: 0; }
)"));
}

}  // namespace edgefuse::ui
