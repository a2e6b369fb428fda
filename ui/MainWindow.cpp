// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/MainWindow.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QBuffer>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFuture>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QShowEvent>
#include <QSlider>
#include <QSplitter>
#include <QStandardItemModel>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "core/base/AtomicFile.h"
#include "core/base/Version.h"
#include "core/image/Color.h"
#include "core/image/Normalize.h"
#include "core/image/Phantom.h"
#include "core/io/ImageReader.h"
#include "core/pipeline/Export.h"
#include "ui/Background.h"
#include "ui/ClassifierChart.h"
#include "ui/ErrorText.h"
#include "ui/FusedView.h"
#include "ui/FusionController.h"
#include "ui/HistogramChart.h"
#include "ui/ImageAdapter.h"
#include "ui/ImageView.h"
#include "ui/LanguageManager.h"
#include "ui/MethodComparisonChart.h"
#include "ui/MetricText.h"
#include "ui/MetricsPanel.h"
#include "ui/NoticeArea.h"
#include "ui/PreferencesDialog.h"
#include "ui/Settings.h"
#include "ui/ShortcutsDialog.h"
#include "ui/Theme.h"
#include "ui/ViewPanel.h"
#include "ui/ViewSync.h"

namespace edgefuse::ui {
namespace {

// The DICOM exporter as background work; the caller reports the files.
std::function<Expected<void>()> dicomExportTask(DicomExportFunction exporter, DicomExportRequest request) {
  return [exporter = std::move(exporter), request = std::move(request)]() -> Expected<void> {
    auto written = exporter(request);
    if (!written) return tl::unexpected(written.error());
    return {};
  };
}

const QString kNoticeEngine = QStringLiteral("engine");
const QString kNoticeModel = QStringLiteral("model");
const QString kNoticeLoadA = QStringLiteral("loadA");
const QString kNoticeLoadB = QStringLiteral("loadB");
const QString kNoticeAlign = QStringLiteral("align");
const QString kNoticeFusion = QStringLiteral("fusion");
const QString kNoticeExport = QStringLiteral("export");
constexpr int kMaxCachedResults = 48;

QIcon icon(const char* name) {
  return QIcon(QStringLiteral(":/icons/") + QString::fromLatin1(name) + QStringLiteral(".svg"));
}

std::string optionsKey(const FusionOptions& o) {
  std::string key = methodName(o.method);
  key += '|';
  key += strategyName(o.strategy);
  key += '|';
  key += o.bnMode ? bnModeName(*o.bnMode) : "model";
  key += '|';
  key += o.normalization ? normalizationName(*o.normalization) : "model";
  return key;
}

// The label the comparison uses for the method in use.
std::string comparisonLabel(const FusionOptions& o) {
  if (o.method == Method::Network) return std::string("network · ") + strategyName(o.strategy);
  return methodName(o.method);
}

Image greyUnit(const Image& image) {
  if (image.empty()) return {};
  Image grey = image.channels == 3 ? lumaOf(image) : image;
  return normalizeToUnit(grey, Normalization::MinMax);
}

QString sizeText(const Image& image) {
  QString text = QStringLiteral("%1×%2").arg(image.width).arg(image.height);
  if (image.meta.pixelSpacingMm) {
    const auto& s = *image.meta.pixelSpacingMm;
    const QLocale locale;
    if (s[0] == s[1]) {
      text += QStringLiteral(" · %1 mm").arg(locale.toString(s[0], 'g', 3));
    } else {
      text += QStringLiteral(" · %1×%2 mm").arg(locale.toString(s[1], 'g', 3), locale.toString(s[0], 'g', 3));
    }
  }
  return text;
}

}  // namespace

MainWindow::MainWindow(Settings& settings, LanguageManager& languages, Services services, QWidget* parent)
    : QMainWindow(parent), m_settings(settings), m_languages(languages), m_services(std::move(services)) {
  setObjectName(QStringLiteral("mainWindow"));
  setAcceptDrops(true);
  setWindowIcon(QIcon(QStringLiteral(":/icons/edgefuse.svg")));
  setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks);
  m_fusion = new FusionController(m_services, this);
  m_sliceDebounce.setSingleShot(true);
  m_sliceDebounce.setInterval(120);
  connect(&m_sliceDebounce, &QTimer::timeout, this, &MainWindow::requestFusionForSlice);

  createViews();
  createDocks();
  createActions();
  createMenus();
  createToolBar();
  createStatusBar();

  connect(m_fusion, &FusionController::engineReady, this, &MainWindow::onEngineReady);
  connect(m_fusion, &FusionController::engineFailed, this, &MainWindow::onEngineFailed);
  connect(m_fusion, &FusionController::fusionStarted, this, &MainWindow::onFusionStarted);
  connect(m_fusion, &FusionController::fusionProgressed, this, &MainWindow::onFusionProgressed);
  connect(m_fusion, &FusionController::fusionFinished, this, &MainWindow::onFusionFinished);
  connect(m_fusion, &FusionController::fusionFailed, this, &MainWindow::onFusionFailed);
  connect(m_fusion, &FusionController::busyChanged, this, [this] { updateBusyState(); });
  connect(m_fusion, &FusionController::seriesProgressed, this, [this](quint64 id, double fraction) {
    if (m_seriesExport && m_seriesExport->id == id) {
      statusBar()->showMessage(tr("Fusing the series for the DICOM export: %1 % (Esc cancels)")
                                   .arg(static_cast<int>(std::lround(100.0 * fraction))));
    }
  });
  connect(m_fusion, &FusionController::seriesFailed, this, [this](quint64 id, const Error& error) {
    if (m_seriesExport && m_seriesExport->id == id) finishSeriesExport(tl::unexpected(error));
  });
  connect(m_fusion, &FusionController::seriesFinished, this, [this](const SeriesOutcome& outcome) {
    if (!m_seriesExport || m_seriesExport->id != outcome.id) return;
    statusBar()->showMessage(tr("Writing the DICOM series…"));
    DicomExportRequest request;
    request.results = outcome.results;
    request.sourcesA = m_seriesExport->sourcesA;
    request.sourcesB = m_seriesExport->sourcesB;
    request.outputPath = m_seriesExport->folder.toStdString();
    request.anonymize = m_seriesExport->anonymize;
    request.policy = m_seriesExport->policy;
    runInBackground(this, dicomExportTask(m_services.dicomExport, std::move(request)),
                    [this](const Expected<void>& written) {
                      finishSeriesExport(written);
                      return written;
                    });
  });
  connect(m_fusion, &FusionController::comparisonStarted, this, [this] {
    m_comparison->setRunning(true, 0.0);
    updateBusyState();
  });
  connect(m_fusion, &FusionController::comparisonProgressed, this, [this](quint64, double fraction) {
    m_comparison->setRunning(true, fraction);
    updateBusyState();
  });
  connect(m_fusion, &FusionController::comparisonFinished, this, [this](const ComparisonOutcome& outcome) {
    m_comparison->setRunning(false);
    m_comparison->setOutcome(outcome, comparisonLabel(m_fusion->options()));
    updateBusyState();
  });
  connect(m_fusion, &FusionController::comparisonFailed, this, [this](quint64, const Error& error) {
    m_comparison->setRunning(false);
    if (error.code != ErrorCode::Cancelled) {
      m_notices->showNotice(kNoticeFusion, NoticeBar::Level::Error,
                            tr("The method comparison failed: %1").arg(describeError(error)));
    }
    updateBusyState();
  });
  connect(&m_languages, &LanguageManager::languageChanged, this, [this](const QString& code) {
    m_settings.setLanguage(code);
    for (QAction* action : m_languageGroup->actions()) action->setChecked(action->data().toString() == code);
  });

  restoreSettings();
  retranslateUi();
  updateActionStates();
  updateBusyState();
}

MainWindow::~MainWindow() = default;

// ---------------------------------------------------------------------------
// Construction
// ---------------------------------------------------------------------------

void MainWindow::createViews() {
  m_sync = new ViewSync(this);
  m_viewA = new ImageView;
  m_viewB = new ImageView;
  m_viewF = new FusedView;
  for (ImageView* view : {m_viewA, m_viewB, static_cast<ImageView*>(m_viewF)}) {
    view->setSync(m_sync);
    connect(view, &ImageView::activated, this, [this, view] { setActiveView(view); });
    connect(view, &ImageView::cursorMoved, this, &MainWindow::updateReadout);
    connect(view, &ImageView::cursorLeft, this, [this] {
      m_cursor.reset();
      m_readout->clear();
    });
  }
  m_panelA = new ViewPanel(m_viewA, true);
  m_panelB = new ViewPanel(m_viewB, true);
  m_panelF = new ViewPanel(m_viewF, false);
  connect(m_viewA, &ImageView::filesDropped, this, [this](const QStringList& paths) {
    loadSource(Source::A, paths.first());
    if (paths.size() > 1) loadSource(Source::B, paths.at(1));
  });
  connect(m_viewB, &ImageView::filesDropped, this,
          [this](const QStringList& paths) { loadSource(Source::B, paths.first()); });
  connect(m_viewF, &ImageView::filesDropped, this, [this](const QStringList& paths) {
    if (paths.size() > 1) {
      openPair(paths.at(0), paths.at(1));
    } else {
      loadSource(m_a.loaded() ? Source::B : Source::A, paths.first());
    }
  });
  connect(m_viewA, &ImageView::renderedChanged, this, &MainWindow::updateCompareLayers);
  connect(m_viewB, &ImageView::renderedChanged, this, &MainWindow::updateCompareLayers);
  for (ImageView* view : {m_viewA, m_viewB}) {
    connect(view, &ImageView::displayWindowChanged, this, [this] {
      updateSourceHeader(Source::A);
      updateSourceHeader(Source::B);
    });
  }
  connect(m_panelA, &ViewPanel::modalityChosen, this, [this](const QString& code) {
    m_a.chosenModality = code;
    showSlice();
  });
  connect(m_panelB, &ViewPanel::modalityChosen, this, [this](const QString& code) {
    m_b.chosenModality = code;
    showSlice();
  });
  connect(m_sync, &ViewSync::sliceChanged, this, [this] {
    showSlice();
    m_sliceDebounce.start();
  });

  m_viewSplitter = new QSplitter(Qt::Horizontal);
  m_viewSplitter->setChildrenCollapsible(false);
  m_viewSplitter->setHandleWidth(4);
  m_viewSplitter->addWidget(m_panelA);
  m_viewSplitter->addWidget(m_panelB);
  m_viewSplitter->addWidget(m_panelF);
  for (int i = 0; i < 3; ++i) m_viewSplitter->setStretchFactor(i, 1);

  auto* central = new QWidget;
  central->setObjectName(QStringLiteral("centralArea"));
  auto* layout = new QVBoxLayout(central);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->setSpacing(6);
  m_notices = new NoticeArea(central);
  layout->addWidget(m_notices);
  layout->addWidget(m_viewSplitter, 1);
  setCentralWidget(central);
  setActiveView(m_viewF);
}

void MainWindow::createDocks() {
  m_metricsPanel = new MetricsPanel;
  m_metricsPanel->setMetricsService(m_services.metrics.available(), m_services.metrics.conventions);
  m_metricsDock = new QDockWidget(this);
  m_metricsDock->setObjectName(QStringLiteral("metricsDock"));
  m_metricsDock->setWidget(m_metricsPanel);
  m_metricsDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                             QDockWidget::DockWidgetClosable);
  addDockWidget(Qt::RightDockWidgetArea, m_metricsDock);

  m_analysisTabs = new QTabWidget;
  m_analysisTabs->setDocumentMode(true);
  m_histogram = new HistogramChart;
  m_comparison = new MethodComparisonChart;
  m_comparison->setMetricsService(m_services.metrics.available(), m_services.metrics.conventions);
  m_classifier = new ClassifierChart;
  m_classifier->setServiceAvailable(m_services.classifier.available());
  m_classifier->setModelCardPath(QString::fromStdString(m_services.classifier.modelCardPath));
  m_notesPanel = new NotesPanel;
  for (QWidget* page : {static_cast<QWidget*>(m_histogram), static_cast<QWidget*>(m_comparison),
                        static_cast<QWidget*>(m_classifier), static_cast<QWidget*>(m_notesPanel)}) {
    auto* holder = new QWidget;
    auto* l = new QVBoxLayout(holder);
    l->setContentsMargins(6, 6, 6, 6);
    l->addWidget(page);
    m_analysisTabs->addTab(holder, QString());
  }
  connect(m_comparison, &MethodComparisonChart::runRequested, this, [this] { m_fusion->compareMethods(); });
  connect(m_comparison, &MethodComparisonChart::cancelRequested, this, [this] { m_fusion->cancelComparison(); });
  m_analysisDock = new QDockWidget(this);
  m_analysisDock->setObjectName(QStringLiteral("analysisDock"));
  m_analysisDock->setWidget(m_analysisTabs);
  m_analysisDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                              QDockWidget::DockWidgetClosable);
  addDockWidget(Qt::RightDockWidgetArea, m_analysisDock);
  splitDockWidget(m_metricsDock, m_analysisDock, Qt::Vertical);
  resizeDocks({m_metricsDock, m_analysisDock}, {2, 3}, Qt::Vertical);
}

void MainWindow::createActions() {
  auto make = [this](const char* iconName, QKeySequence shortcut = {}) {
    auto* action = new QAction(this);
    if (iconName) action->setIcon(icon(iconName));
    if (!shortcut.isEmpty()) action->setShortcut(shortcut);
    action->setShortcutContext(Qt::WindowShortcut);
    addAction(action);
    return action;
  };
  m_openA = make("open-a", QKeySequence(Qt::CTRL | Qt::Key_O));
  m_openB = make("open-b", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
  m_openFolderA = make(nullptr, QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_O));
  m_openFolderB = make(nullptr, QKeySequence(Qt::CTRL | Qt::ALT | Qt::SHIFT | Qt::Key_O));
  m_openDemo = make("demo", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D));
  m_clearRecent = make(nullptr);
  m_exportPng = make("export", QKeySequence(Qt::CTRL | Qt::Key_E));
  m_exportDicom = make(nullptr, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
  m_exportDicomSeries = make(nullptr);
  m_exportScreenshot = make("screenshot", QKeySequence(Qt::Key_F12));
  m_exportCsv = make(nullptr, QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C));
  m_exportJson = make(nullptr, QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_J));
  m_quit = make(nullptr, QKeySequence(Qt::CTRL | Qt::Key_Q));
  m_quit->setMenuRole(QAction::QuitRole);
  connect(m_openA, &QAction::triggered, this, [this] {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open source A (anatomical, MRI)"), m_settings.lastOpenFolder(),
                                     tr("Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.dcm);;All files (*)"));
    if (!path.isEmpty()) loadSource(Source::A, path);
  });
  connect(m_openB, &QAction::triggered, this, [this] {
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open source B (CT, SPECT, PET or MRI)"), m_settings.lastOpenFolder(),
                                     tr("Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.dcm);;All files (*)"));
    if (!path.isEmpty()) loadSource(Source::B, path);
  });
  connect(m_openFolderA, &QAction::triggered, this, [this] {
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("Open a DICOM series as A"), m_settings.lastOpenFolder());
    if (!dir.isEmpty()) loadSource(Source::A, dir);
  });
  connect(m_openFolderB, &QAction::triggered, this, [this] {
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("Open a DICOM series as B"), m_settings.lastOpenFolder());
    if (!dir.isEmpty()) loadSource(Source::B, dir);
  });
  connect(m_openDemo, &QAction::triggered, this, [this] { openDemo(); });
  connect(m_clearRecent, &QAction::triggered, this, [this] {
    m_settings.clearRecentFiles();
    rebuildRecentMenu();
  });
  connect(m_exportPng, &QAction::triggered, this, &MainWindow::exportFusedPng);
  connect(m_exportDicom, &QAction::triggered, this, &MainWindow::exportDicom);
  connect(m_exportDicomSeries, &QAction::triggered, this, &MainWindow::exportDicomSeries);
  connect(m_exportScreenshot, &QAction::triggered, this, &MainWindow::exportScreenshot);
  connect(m_exportCsv, &QAction::triggered, this, [this] { exportMetrics(false); });
  connect(m_exportJson, &QAction::triggered, this, [this] { exportMetrics(true); });
  connect(m_quit, &QAction::triggered, this, &QWidget::close);

  m_fuseNow = make("fuse", QKeySequence(Qt::Key_F5));
  m_cancel = make("cancel", QKeySequence(Qt::Key_Escape));
  m_compareMethods = make("compare", QKeySequence(Qt::CTRL | Qt::Key_M));
  m_nextStrategy = make(nullptr, QKeySequence(Qt::Key_S));
  m_previousStrategy = make(nullptr, QKeySequence(Qt::SHIFT | Qt::Key_S));
  m_cycleBn = make(nullptr, QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_B));
  connect(m_fuseNow, &QAction::triggered, this, [this] {
    m_cache.clear();
    requestFusionForSlice();
  });
  connect(m_cancel, &QAction::triggered, this, [this] {
    m_fusion->cancel();
    m_fusion->cancelSeries();
  });
  connect(m_compareMethods, &QAction::triggered, this, [this] {
    m_analysisDock->show();
    m_analysisTabs->setCurrentIndex(1);
    m_fusion->compareMethods();
  });
  connect(m_nextStrategy, &QAction::triggered, this, [this] { cycleStrategy(1); });
  connect(m_previousStrategy, &QAction::triggered, this, [this] { cycleStrategy(-1); });
  connect(m_cycleBn, &QAction::triggered, this,
          [this] { m_bnCombo->setCurrentIndex((m_bnCombo->currentIndex() + 1) % m_bnCombo->count()); });

  m_methodGroup = new QActionGroup(this);
  const std::pair<Method, QKeySequence> methods[] = {{Method::Network, QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_N)},
                                                     {Method::Average, QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_A)},
                                                     {Method::Max, QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_X)},
                                                     {Method::Laplacian, QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_L)}};
  for (const auto& [method, key] : methods) {
    QAction* action = make(nullptr, key);
    action->setCheckable(true);
    action->setData(QString::fromLatin1(methodName(method)));
    m_methodGroup->addAction(action);
    connect(action, &QAction::triggered, this, [this, method = method] {
      m_methodCombo->setCurrentIndex(m_methodCombo->findData(QString::fromLatin1(methodName(method))));
    });
  }
  m_strategyGroup = new QActionGroup(this);
  for (Strategy s : allStrategies()) {
    QAction* action = make(nullptr);
    action->setCheckable(true);
    action->setData(QString::fromLatin1(strategyName(s)));
    m_strategyGroup->addAction(action);
    connect(action, &QAction::triggered, this, [this, s] {
      m_strategyCombo->setCurrentIndex(m_strategyCombo->findData(QString::fromLatin1(strategyName(s))));
    });
  }
  m_bnGroup = new QActionGroup(this);
  for (const char* mode : {"", "running", "batch"}) {
    QAction* action = make(nullptr);
    action->setCheckable(true);
    action->setData(QString::fromLatin1(mode));
    m_bnGroup->addAction(action);
    connect(action, &QAction::triggered, this,
            [this, action] { m_bnCombo->setCurrentIndex(m_bnCombo->findData(action->data())); });
  }

  m_compareGroup = new QActionGroup(this);
  const std::pair<CompareMode, std::pair<const char*, Qt::Key>> modes[] = {
      {CompareMode::Fused, {"mode-fused", Qt::Key_1}},
      {CompareMode::Blend, {"mode-blend", Qt::Key_2}},
      {CompareMode::Checkerboard, {"mode-checker", Qt::Key_3}},
      {CompareMode::Wipe, {"mode-wipe", Qt::Key_4}}};
  for (const auto& [mode, spec] : modes) {
    QAction* action = make(spec.first, QKeySequence(spec.second));
    action->setCheckable(true);
    m_compareGroup->addAction(action);
    m_compareActions[static_cast<int>(mode)] = action;
    connect(action, &QAction::triggered, this, [this, mode = mode] { setCompareMode(mode); });
  }
  m_partnerGroup = new QActionGroup(this);
  m_partnerA = make(nullptr);
  m_partnerB = make(nullptr);
  for (QAction* a : {m_partnerA, m_partnerB}) {
    a->setCheckable(true);
    m_partnerGroup->addAction(a);
  }
  m_partnerA->setChecked(true);
  connect(m_partnerA, &QAction::triggered, this, [this] { m_viewF->setPartner(ComparePartner::SourceA); });
  connect(m_partnerB, &QAction::triggered, this, [this] { m_viewF->setPartner(ComparePartner::SourceB); });
  m_togglePartner = make(nullptr, QKeySequence(Qt::Key_P));
  connect(m_togglePartner, &QAction::triggered, this,
          [this] { (m_partnerA->isChecked() ? m_partnerB : m_partnerA)->trigger(); });
  m_mixDown = make(nullptr, QKeySequence(Qt::Key_BracketLeft));
  m_mixUp = make(nullptr, QKeySequence(Qt::Key_BracketRight));
  connect(m_mixDown, &QAction::triggered, this, [this] { stepMix(-0.1); });
  connect(m_mixUp, &QAction::triggered, this, [this] { stepMix(0.1); });

  m_colorMapGroup = new QActionGroup(this);
  const std::pair<ColorMapKind, Qt::Key> maps[] = {{ColorMapKind::Grey, Qt::Key_G},
                                                   {ColorMapKind::Hot, Qt::Key_H},
                                                   {ColorMapKind::PetRainbow, Qt::Key_R},
                                                   {ColorMapKind::Viridis, Qt::Key_V}};
  for (const auto& [map, key] : maps) {
    QAction* action = make(nullptr, QKeySequence(key));
    action->setCheckable(true);
    action->setData(colorMapId(map));
    m_colorMapGroup->addAction(action);
    connect(action, &QAction::triggered, this, [this, map = map] { setColorMap(map); });
  }

  m_fit = make("fit", QKeySequence(Qt::CTRL | Qt::Key_0));
  m_fit->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_0), QKeySequence(Qt::Key_F)});
  m_actualSize = make("actual-size", QKeySequence(Qt::CTRL | Qt::Key_1));
  m_zoomIn = make("zoom-in");
  m_zoomIn->setShortcuts({QKeySequence(QKeySequence::ZoomIn), QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal)});
  m_zoomOut = make("zoom-out");
  m_zoomOut->setShortcuts({QKeySequence(QKeySequence::ZoomOut), QKeySequence(Qt::Key_Minus)});
  connect(m_fit, &QAction::triggered, this, [this] {
    const QSize s = m_viewA->hasImage() ? QSize(m_viewA->image().width, m_viewA->image().height)
                                        : QSize(m_viewB->image().width, m_viewB->image().height);
    m_sync->fit(QSizeF(s));
  });
  connect(m_actualSize, &QAction::triggered, this, [this] { m_viewF->setZoom(1.0); });
  connect(m_zoomIn, &QAction::triggered, this, [this] { m_viewF->zoomBy(1.25); });
  connect(m_zoomOut, &QAction::triggered, this, [this] { m_viewF->zoomBy(0.8); });
  m_panLeft = make(nullptr, QKeySequence(Qt::Key_Left));
  m_panRight = make(nullptr, QKeySequence(Qt::Key_Right));
  m_panUp = make(nullptr, QKeySequence(Qt::Key_Up));
  m_panDown = make(nullptr, QKeySequence(Qt::Key_Down));
  const std::pair<QAction*, QPointF> pans[] = {
      {m_panLeft, {1, 0}}, {m_panRight, {-1, 0}}, {m_panUp, {0, 1}}, {m_panDown, {0, -1}}};
  for (const auto& [action, direction] : pans) {
    connect(action, &QAction::triggered, this, [this, direction = direction] {
      m_viewF->panBy(direction * 0.1 * std::min(m_viewF->width(), m_viewF->height()));
    });
  }
  m_previousSlice = make(nullptr, QKeySequence(Qt::Key_PageUp));
  m_nextSlice = make(nullptr, QKeySequence(Qt::Key_PageDown));
  m_firstSlice = make(nullptr, QKeySequence(Qt::Key_Home));
  m_lastSlice = make(nullptr, QKeySequence(Qt::Key_End));
  connect(m_previousSlice, &QAction::triggered, this, [this] { m_sync->setSlice(m_sync->slice() - 1); });
  connect(m_nextSlice, &QAction::triggered, this, [this] { m_sync->setSlice(m_sync->slice() + 1); });
  connect(m_firstSlice, &QAction::triggered, this, [this] { m_sync->setSlice(0); });
  connect(m_lastSlice, &QAction::triggered, this, [this] { m_sync->setSlice(m_sync->sliceCount() - 1); });
  m_crosshair = make("crosshair", QKeySequence(Qt::Key_C));
  m_crosshair->setCheckable(true);
  connect(m_crosshair, &QAction::toggled, this, [this](bool on) {
    m_sync->setCrosshairVisible(on);
    m_settings.setCrosshairVisible(on);
  });
  m_overlay = make("overlay", QKeySequence(Qt::Key_M));
  m_overlay->setCheckable(true);
  connect(m_overlay, &QAction::toggled, this, [this](bool on) {
    m_viewF->setMetricOverlayVisible(on);
    m_settings.setMetricOverlayVisible(on);
  });
  m_saliency = make(nullptr, QKeySequence(Qt::SHIFT | Qt::Key_G));
  m_saliency->setCheckable(true);
  connect(m_saliency, &QAction::toggled, this, [this](bool on) {
    for (ImageView* view :
         {static_cast<ImageView*>(m_viewA), static_cast<ImageView*>(m_viewB), static_cast<ImageView*>(m_viewF)}) {
      view->setHeatOverlayVisible(on);
    }
  });
  m_classifier->setSaliencyAction(m_saliency);
  m_fullScreen = make(nullptr, QKeySequence(Qt::Key_F11));
  m_fullScreen->setCheckable(true);
  connect(m_fullScreen, &QAction::toggled, this, [this](bool on) { on ? showFullScreen() : showNormal(); });
  const std::pair<DisplayPreset, Qt::Key> presets[] = {{DisplayPreset::Auto, Qt::Key_5},
                                                       {DisplayPreset::FullRange, Qt::Key_6},
                                                       {DisplayPreset::Brain, Qt::Key_7},
                                                       {DisplayPreset::Subdural, Qt::Key_8},
                                                       {DisplayPreset::Bone, Qt::Key_9}};
  for (const auto& [preset, key] : presets) {
    QAction* action = make(nullptr, QKeySequence(key));
    m_presetActions[preset] = action;
    connect(action, &QAction::triggered, this, [this, preset = preset] { applyWindowPreset(preset); });
  }
  m_preferences = make(nullptr, QKeySequence(Qt::CTRL | Qt::Key_Comma));
  m_preferences->setMenuRole(QAction::PreferencesRole);
  connect(m_preferences, &QAction::triggered, this, &MainWindow::showPreferences);
  m_languageGroup = new QActionGroup(this);
  for (const QString& code : LanguageManager::availableLanguages()) {
    QAction* action = make(nullptr);
    action->setCheckable(true);
    action->setData(code);
    // Each language is named in itself, so that a reader lost in a foreign
    // UI finds their own.
    action->setText(LanguageManager::nativeName(code));
    m_languageGroup->addAction(action);
    connect(action, &QAction::triggered, this, [this, code] { m_languages.setLanguage(code); });
  }
  m_shortcuts = make(nullptr, QKeySequence(Qt::Key_F1));
  connect(m_shortcuts, &QAction::triggered, this, &MainWindow::showShortcuts);
  m_about = make(nullptr);
  m_about->setMenuRole(QAction::AboutRole);
  connect(m_about, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createMenus() {
  m_fileMenu = menuBar()->addMenu(QString());
  m_fileMenu->addAction(m_openA);
  m_fileMenu->addAction(m_openB);
  m_fileMenu->addAction(m_openFolderA);
  m_fileMenu->addAction(m_openFolderB);
  m_recentMenu = m_fileMenu->addMenu(QString());
  m_fileMenu->addAction(m_openDemo);
  m_fileMenu->addSeparator();
  m_exportMenu = m_fileMenu->addMenu(icon("export"), QString());
  m_exportMenu->setToolTipsVisible(true);
  m_exportMenu->addAction(m_exportPng);
  m_exportMenu->addAction(m_exportDicom);
  m_exportMenu->addAction(m_exportDicomSeries);
  m_exportMenu->addAction(m_exportScreenshot);
  m_exportMenu->addSeparator();
  m_exportMenu->addAction(m_exportCsv);
  m_exportMenu->addAction(m_exportJson);
  m_fileMenu->addSeparator();
  m_fileMenu->addAction(m_quit);

  m_viewMenu = menuBar()->addMenu(QString());
  m_compareMenu = m_viewMenu->addMenu(QString());
  for (QAction* a : m_compareActions) m_compareMenu->addAction(a);
  m_compareMenu->addSeparator();
  m_compareMenu->addAction(m_partnerA);
  m_compareMenu->addAction(m_partnerB);
  m_compareMenu->addAction(m_togglePartner);
  m_compareMenu->addSeparator();
  m_compareMenu->addAction(m_mixDown);
  m_compareMenu->addAction(m_mixUp);
  m_colorMapMenu = m_viewMenu->addMenu(QString());
  m_colorMapMenu->addActions(m_colorMapGroup->actions());
  m_windowMenu = m_viewMenu->addMenu(QString());
  m_windowMenu->setToolTipsVisible(true);
  for (const auto& [preset, action] : m_presetActions) {
    if (preset == DisplayPreset::Brain) m_windowMenu->addSeparator();
    m_windowMenu->addAction(action);
  }
  m_viewMenu->addSeparator();
  m_viewMenu->addAction(m_fit);
  m_viewMenu->addAction(m_actualSize);
  m_viewMenu->addAction(m_zoomIn);
  m_viewMenu->addAction(m_zoomOut);
  m_navigateMenu = m_viewMenu->addMenu(QString());
  m_navigateMenu->addActions({m_panLeft, m_panRight, m_panUp, m_panDown});
  m_navigateMenu->addSeparator();
  m_navigateMenu->addActions({m_previousSlice, m_nextSlice, m_firstSlice, m_lastSlice});
  m_viewMenu->addSeparator();
  m_viewMenu->addAction(m_crosshair);
  m_viewMenu->addAction(m_overlay);
  m_viewMenu->addAction(m_saliency);
  m_panelsMenu = m_viewMenu->addMenu(QString());
  QAction* metricsToggle = m_metricsDock->toggleViewAction();
  metricsToggle->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
  QAction* analysisToggle = m_analysisDock->toggleViewAction();
  analysisToggle->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
  addAction(metricsToggle);
  addAction(analysisToggle);
  m_panelsMenu->addAction(metricsToggle);
  m_panelsMenu->addAction(analysisToggle);
  m_viewMenu->addAction(m_fullScreen);

  m_fusionMenu = menuBar()->addMenu(QString());
  m_fusionMenu->addAction(m_fuseNow);
  m_fusionMenu->addAction(m_cancel);
  m_fusionMenu->addSeparator();
  m_methodMenu = m_fusionMenu->addMenu(QString());
  m_methodMenu->setToolTipsVisible(true);
  m_methodMenu->addActions(m_methodGroup->actions());
  m_strategyMenu = m_fusionMenu->addMenu(QString());
  m_strategyMenu->addActions(m_strategyGroup->actions());
  m_strategyMenu->addSeparator();
  m_strategyMenu->addAction(m_nextStrategy);
  m_strategyMenu->addAction(m_previousStrategy);
  m_bnMenu = m_fusionMenu->addMenu(QString());
  m_bnMenu->addActions(m_bnGroup->actions());
  m_bnMenu->addSeparator();
  m_bnMenu->addAction(m_cycleBn);
  m_fusionMenu->addSeparator();
  m_fusionMenu->addAction(m_compareMethods);

  m_settingsMenu = menuBar()->addMenu(QString());
  m_settingsMenu->addAction(m_preferences);
  m_languageMenu = m_settingsMenu->addMenu(QString());
  m_languageMenu->addActions(m_languageGroup->actions());

  m_helpMenu = menuBar()->addMenu(QString());
  m_helpMenu->addAction(m_shortcuts);
  m_helpMenu->addAction(m_about);
}

void MainWindow::createToolBar() {
  m_toolBar = addToolBar(QString());
  m_toolBar->setObjectName(QStringLiteral("mainToolBar"));
  m_toolBar->setMovable(false);
  m_toolBar->setIconSize(QSize(20, 20));
  m_toolBar->setToolButtonStyle(Qt::ToolButtonIconOnly);
  m_toolBar->addAction(m_openA);
  m_toolBar->addAction(m_openB);
  m_toolBar->addAction(m_openDemo);
  m_toolBar->addSeparator();

  m_methodLabel = new QLabel(m_toolBar);
  m_toolBar->addWidget(m_methodLabel);
  m_methodCombo = new QComboBox(m_toolBar);
  for (Method m : {Method::Network, Method::Average, Method::Max, Method::Laplacian}) {
    m_methodCombo->addItem(QString(), QString::fromLatin1(methodName(m)));
  }
  m_toolBar->addWidget(m_methodCombo);
  m_strategyLabel = new QLabel(m_toolBar);
  m_toolBar->addWidget(m_strategyLabel);
  m_strategyCombo = new QComboBox(m_toolBar);
  for (Strategy s : allStrategies()) m_strategyCombo->addItem(QString(), QString::fromLatin1(strategyName(s)));
  m_toolBar->addWidget(m_strategyCombo);
  m_bnCombo = new QComboBox(m_toolBar);
  for (const char* mode : {"", "running", "batch"}) m_bnCombo->addItem(QString(), QString::fromLatin1(mode));
  m_toolBar->addWidget(m_bnCombo);
  for (QComboBox* combo : {m_methodCombo, m_strategyCombo, m_bnCombo}) {
    combo->setFocusPolicy(Qt::ClickFocus);
    connect(combo, &QComboBox::currentIndexChanged, this, &MainWindow::onOptionsChanged);
  }
  m_toolBar->addAction(m_fuseNow);
  m_toolBar->addAction(m_cancel);
  m_toolBar->addAction(m_compareMethods);
  m_toolBar->addSeparator();

  for (QAction* a : m_compareActions) m_toolBar->addAction(a);
  m_mixLabel = new QLabel(m_toolBar);
  m_toolBar->addWidget(m_mixLabel);
  m_mixSlider = new QSlider(Qt::Horizontal, m_toolBar);
  m_mixSlider->setRange(0, 100);
  m_mixSlider->setValue(50);
  m_mixSlider->setFixedWidth(90);
  m_mixSlider->setFocusPolicy(Qt::NoFocus);
  connect(m_mixSlider, &QSlider::valueChanged, this, [this](int value) { m_viewF->setMix(value / 100.0); });
  m_toolBar->addWidget(m_mixSlider);
  m_colorMapButton = new QToolButton(m_toolBar);
  m_colorMapButton->setIcon(icon("palette"));
  m_colorMapButton->setMenu(m_colorMapMenu);
  m_colorMapButton->setPopupMode(QToolButton::InstantPopup);
  m_toolBar->addWidget(m_colorMapButton);
  m_toolBar->addSeparator();
  m_toolBar->addAction(m_fit);
  m_toolBar->addAction(m_actualSize);
  m_toolBar->addAction(m_zoomIn);
  m_toolBar->addAction(m_zoomOut);
  m_toolBar->addAction(m_crosshair);
  m_toolBar->addAction(m_overlay);
  m_toolBar->addSeparator();
  m_toolBar->addAction(m_exportPng);
  m_toolBar->addAction(m_exportScreenshot);
}

void MainWindow::createStatusBar() {
  QStatusBar* bar = statusBar();
  bar->setSizeGripEnabled(false);
  m_stageLabel = new QLabel(bar);
  m_progress = new QProgressBar(bar);
  m_progress->setRange(0, 100);
  m_progress->setFixedWidth(140);
  m_progress->setFixedHeight(8);
  m_progress->setTextVisible(false);
  m_cancelButton = new QToolButton(bar);
  m_cancelButton->setDefaultAction(m_cancel);
  m_cancelButton->setAutoRaise(true);
  m_cancelButton->setIconSize(QSize(16, 16));
  m_readout = new QLabel(bar);
  m_readout->setObjectName(QStringLiteral("readout"));
  m_readout->setMinimumWidth(120);
  m_readout->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
  bar->addWidget(m_stageLabel);
  bar->addWidget(m_progress);
  bar->addWidget(m_cancelButton);
  bar->addWidget(m_readout, 1);
  m_notesButton = new QToolButton(bar);
  m_notesButton->setAutoRaise(true);
  m_notesButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  m_notesButton->setIcon(icon("notes"));
  connect(m_notesButton, &QToolButton::clicked, this, [this] {
    m_analysisDock->show();
    m_analysisDock->raise();
    m_analysisTabs->setCurrentWidget(m_notesPanel->parentWidget());
  });
  m_deviceLabel = new QLabel(bar);
  m_deviceLabel->setObjectName(QStringLiteral("statusDevice"));
  m_modelLabel = new QLabel(bar);
  m_modelLabel->setObjectName(QStringLiteral("statusModel"));
  m_timeLabel = new QLabel(bar);
  m_timeLabel->setObjectName(QStringLiteral("statusTime"));
  m_researchNotice = new QLabel(bar);
  m_researchNotice->setObjectName(QStringLiteral("researchNotice"));
  bar->addPermanentWidget(m_notesButton);
  bar->addPermanentWidget(m_deviceLabel);
  bar->addPermanentWidget(m_modelLabel);
  bar->addPermanentWidget(m_timeLabel);
  bar->addPermanentWidget(m_researchNotice);
}

void MainWindow::restoreSettings() {
  m_updatingControls = true;
  FusionOptions options;
  options.method = m_settings.defaultMethod();
  options.strategy = m_settings.defaultStrategy();
  options.bnMode = m_settings.bnMode();
  m_methodCombo->setCurrentIndex(m_methodCombo->findData(QString::fromLatin1(methodName(options.method))));
  m_strategyCombo->setCurrentIndex(m_strategyCombo->findData(QString::fromLatin1(strategyName(options.strategy))));
  m_bnCombo->setCurrentIndex(
      m_bnCombo->findData(options.bnMode ? QString::fromLatin1(bnModeName(*options.bnMode)) : QString()));
  m_updatingControls = false;
  m_fusion->setOptions(optionsFromControls());
  syncOptionControls();
  setColorMap(m_settings.colorMap());
  setCompareMode(m_settings.compareMode());
  m_crosshair->setChecked(m_settings.crosshairVisible());
  m_sync->setCrosshairVisible(m_settings.crosshairVisible());
  m_overlay->setChecked(m_settings.metricOverlayVisible());
  m_viewF->setMetricOverlayVisible(m_settings.metricOverlayVisible());
  for (QAction* action : m_languageGroup->actions()) {
    action->setChecked(action->data().toString() == m_languages.language());
  }
  const QByteArray geometry = m_settings.windowGeometry();
  if (!geometry.isEmpty()) restoreGeometry(geometry);
  const QByteArray state = m_settings.windowState();
  if (!state.isEmpty()) restoreState(state);
  rebuildRecentMenu();
}

void MainWindow::retranslateUi() {
  m_fileMenu->setTitle(tr("&File"));
  m_recentMenu->setTitle(tr("Open &recent"));
  m_exportMenu->setTitle(tr("&Export"));
  m_viewMenu->setTitle(tr("&View"));
  m_compareMenu->setTitle(tr("&Compare"));
  m_colorMapMenu->setTitle(tr("Colour &map"));
  m_windowMenu->setTitle(tr("&Window/level"));
  m_navigateMenu->setTitle(tr("&Navigate"));
  m_panelsMenu->setTitle(tr("&Panels"));
  m_fusionMenu->setTitle(tr("F&usion"));
  m_methodMenu->setTitle(tr("&Method"));
  m_strategyMenu->setTitle(tr("&Strategy"));
  m_bnMenu->setTitle(tr("&BatchNorm mode"));
  m_settingsMenu->setTitle(tr("&Settings"));
  m_languageMenu->setTitle(tr("&Language"));
  m_helpMenu->setTitle(tr("&Help"));
  m_toolBar->setWindowTitle(tr("Main tool bar"));

  m_openA->setText(tr("Open source &A (MRI)…"));
  m_openA->setToolTip(
      tr("Open the anatomical image A (MRI) — %1").arg(m_openA->shortcut().toString(QKeySequence::NativeText)));
  m_openB->setText(tr("Open source &B (CT, SPECT, PET)…"));
  m_openB->setToolTip(tr("Open the second image B (CT, SPECT, PET or another MRI sequence) — %1")
                          .arg(m_openB->shortcut().toString(QKeySequence::NativeText)));
  m_openFolderA->setText(tr("Open DICOM series as A…"));
  m_openFolderB->setText(tr("Open DICOM series as B…"));
  m_openDemo->setText(tr("Open the &demo pair"));
  m_openDemo->setToolTip(tr("Open the built-in digital head phantom (MRI-like A, CT-like B)"));
  m_clearRecent->setText(tr("Clear the list"));
  m_exportPng->setText(tr("Fused image as &PNG…"));
  m_exportPng->setToolTip(tr("Export the fused image as PNG with provenance"));
  m_exportDicom->setText(tr("Fused image as &DICOM…"));
  m_exportDicomSeries->setText(tr("Fused &series as DICOM…"));
  m_exportScreenshot->setText(tr("&Screenshot of the views…"));
  m_exportScreenshot->setToolTip(tr("Save what the three views show as PNG"));
  m_exportCsv->setText(tr("Metrics as &CSV…"));
  m_exportJson->setText(tr("Metrics as &JSON…"));
  m_quit->setText(tr("&Quit"));

  m_fuseNow->setText(tr("&Fuse now"));
  m_fuseNow->setToolTip(tr("Fuse the current pair again (F5)"));
  m_cancel->setText(tr("&Cancel"));
  m_cancel->setToolTip(tr("Cancel the running fusion or comparison (Esc)"));
  m_compareMethods->setText(tr("Compare &methods"));
  m_compareMethods->setToolTip(
      m_services.metrics.available()
          ? tr("Fuse the pair with every strategy and baseline and compare their metrics (Ctrl+M)")
          : tr("Not available in this build: it has no metrics library"));
  m_nextStrategy->setText(tr("Next strategy"));
  m_previousStrategy->setText(tr("Previous strategy"));
  m_cycleBn->setText(tr("Next BatchNorm mode"));
  const QString methodNames[] = {tr("Network (EH-DRAN)"), tr("Average (baseline)"), tr("Maximum (baseline)"),
                                 tr("Laplacian pyramid (baseline)")};
  const QString methodShort[] = {tr("EH-DRAN network"), tr("Average"), tr("Maximum"), tr("Laplacian pyramid")};
  for (int i = 0; i < 4; ++i) {
    m_methodGroup->actions().at(i)->setText(methodNames[i]);
    m_methodCombo->setItemText(i, methodShort[i]);
    m_methodCombo->setItemData(i, methodNames[i], Qt::ToolTipRole);
  }
  const auto strategies = allStrategies();
  for (int i = 0; i < static_cast<int>(strategies.size()); ++i) {
    const QString code = QString::fromLatin1(strategyName(strategies[static_cast<std::size_t>(i)])).toUpper();
    QString name = code;
    if (strategies[static_cast<std::size_t>(i)] == Strategy::Sfnn) name = tr("SFNN (softmax nuclear norm)");
    m_strategyGroup->actions().at(i)->setText(name);
    m_strategyCombo->setItemText(i, code);
    m_strategyCombo->setItemData(i, name, Qt::ToolTipRole);
  }
  const QString bnNames[] = {tr("Model default"), tr("Running statistics"), tr("Per-image statistics")};
  const QString bnShort[] = {tr("BN model"), tr("BN running"), tr("BN per-image")};
  for (int i = 0; i < 3; ++i) {
    m_bnGroup->actions().at(i)->setText(bnNames[i]);
    m_bnCombo->setItemText(i, bnShort[i]);
    m_bnCombo->setItemData(i, bnNames[i], Qt::ToolTipRole);
  }
  m_methodLabel->setText(tr("Method"));
  m_strategyLabel->setText(tr("Strategy"));
  m_methodCombo->setToolTip(tr("Fusion method (Ctrl+Alt+N/A/X/L)"));
  m_strategyCombo->setToolTip(tr("Fusion strategy of the network (S / Shift+S)"));
  m_bnCombo->setToolTip(tr("BatchNorm statistics at inference (Ctrl+Alt+B)"));

  const QString compareTips[] = {tr("Show the fused image (1)"),
                                 tr("Blend: A in grey with B in colour on top; the slider sets B's opacity (2)"),
                                 tr("Checkerboard of the fused image and a source (3)"),
                                 tr("Wipe: fused image left of the divider, a source right of it (4)")};
  for (int i = 0; i < 4; ++i) {
    m_compareActions[i]->setText(compareModeDisplayName(static_cast<CompareMode>(i)));
    m_compareActions[i]->setToolTip(compareTips[i]);
  }
  m_partnerA->setText(tr("Compare with source &A"));
  m_partnerB->setText(tr("Compare with source &B"));
  m_togglePartner->setText(tr("Switch the compared source"));
  m_mixDown->setText(tr("Less B / divider left"));
  m_mixUp->setText(tr("More B / divider right"));
  for (QAction* action : m_colorMapGroup->actions()) {
    if (auto map = colorMapFromId(action->data().toString())) action->setText(colorMapDisplayName(*map));
  }
  m_colorMapButton->setToolTip(tr("Colour map of functional images (PET, SPECT) and of B in the blend (G, H, R, V)"));
  for (const auto& [preset, action] : m_presetActions) action->setText(displayPresetName(preset));
  m_fit->setText(tr("&Fit to window"));
  m_fit->setToolTip(tr("Fit the images into the views (Ctrl+0, F)"));
  m_actualSize->setText(tr("&Actual size (1:1)"));
  m_actualSize->setToolTip(tr("One screen pixel per image pixel (Ctrl+1)"));
  m_zoomIn->setText(tr("Zoom &in"));
  m_zoomIn->setToolTip(tr("Zoom in (+)"));
  m_zoomOut->setText(tr("Zoom &out"));
  m_zoomOut->setToolTip(tr("Zoom out (−)"));
  m_panLeft->setText(tr("Pan left"));
  m_panRight->setText(tr("Pan right"));
  m_panUp->setText(tr("Pan up"));
  m_panDown->setText(tr("Pan down"));
  m_previousSlice->setText(tr("Previous slice"));
  m_nextSlice->setText(tr("Next slice"));
  m_firstSlice->setText(tr("First slice"));
  m_lastSlice->setText(tr("Last slice"));
  m_crosshair->setText(tr("&Crosshair"));
  m_crosshair->setToolTip(tr("Show the linked crosshair; click into a view to place it (C)"));
  m_overlay->setText(tr("&Metric overlay"));
  m_overlay->setToolTip(tr("Show the key metrics on the fused view (M)"));
  m_saliency->setText(tr("&Saliency overlay"));
  m_saliency->setToolTip(
      tr("Show on each view where the tumour classifier looked for its predicted class (Grad-CAM) (Shift+G)"));
  m_fullScreen->setText(tr("F&ull screen"));
  m_metricsDock->setWindowTitle(tr("Metrics"));
  m_analysisDock->setWindowTitle(tr("Analysis"));
  m_analysisTabs->setTabText(0, tr("Histograms"));
  m_analysisTabs->setTabText(1, tr("Methods"));
  m_analysisTabs->setTabText(2, tr("Classifier"));
  m_analysisTabs->setTabText(3, tr("Notes"));
  m_preferences->setText(tr("&Preferences…"));
  m_shortcuts->setText(tr("&Keyboard shortcuts"));
  m_about->setText(tr("&About EdgeFuse"));

  m_panelF->setTitle(tr("Fused"));
  m_viewA->setPlaceholderText(tr("Drop the anatomical image (MRI) here\nor press Ctrl+O"));
  m_viewB->setPlaceholderText(tr("Drop the second image (CT, SPECT, PET) here\nor press Ctrl+Shift+O"));
  m_viewF->setPlaceholderText(tr("The fused image appears here.\nCtrl+Shift+D opens the demo pair."));
  m_researchNotice->setText(tr("Research use only — not for primary diagnosis"));
  m_researchNotice->setToolTip(
      tr("EdgeFuse is a research tool. Its images and numbers must not be used for primary diagnosis."));
  m_cancelButton->setToolTip(m_cancel->toolTip());
  updateSourceHeader(Source::A);
  updateSourceHeader(Source::B);
  updateMixControls();
  updateMetricOverlay();
  updateActionStates();
  updateBusyState();
  refreshNotes();
  rebuildRecentMenu();
  if (m_engineStatus) onEngineReady(*m_engineStatus);
  if (m_outcome) displayOutcome(*m_outcome);
  updateWindowTitle();
}

void MainWindow::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslateUi();
  QMainWindow::changeEvent(event);
}

// ---------------------------------------------------------------------------
// Engine
// ---------------------------------------------------------------------------

void MainWindow::startEngine(const EngineConfig& config, bool warmUp) {
  m_engineConfig = config;
  m_engineStatus.reset();
  m_deviceLabel->setText(tr("Starting the engine…"));
  m_fusion->start(config, warmUp);
}

void MainWindow::setFusionOptions(const FusionOptions& options) {
  m_updatingControls = true;
  m_methodCombo->setCurrentIndex(m_methodCombo->findData(QString::fromLatin1(methodName(options.method))));
  m_strategyCombo->setCurrentIndex(m_strategyCombo->findData(QString::fromLatin1(strategyName(options.strategy))));
  m_bnCombo->setCurrentIndex(
      m_bnCombo->findData(options.bnMode ? QString::fromLatin1(bnModeName(*options.bnMode)) : QString()));
  m_updatingControls = false;
  onOptionsChanged();
}

void MainWindow::onEngineReady(const EngineStatus& status) {
  m_engineStatus = status;
  m_notices->clearNotice(kNoticeEngine);
  QString device = QString::fromStdString(status.device);
  if (status.deviceType == "cpu") {
    device = tr("CPU · %1").arg(device.mid(device.indexOf(QLatin1Char('(')) + 1).chopped(1));
  }
  m_deviceLabel->setText(device);
  m_deviceLabel->setToolTip(
      status.deviceReason.empty()
          ? tr("Compute device: %1").arg(QString::fromStdString(status.device))
          : tr("Compute device: %1\n%2")
                .arg(QString::fromStdString(status.device), QString::fromStdString(status.deviceReason)));
  if (status.hasModel) {
    m_modelLabel->setText(tr("Model %1").arg(QString::fromStdString(status.modelDisplay)));
    m_modelLabel->setToolTip(QString::fromStdString(status.modelDescription));
    m_notices->clearNotice(kNoticeModel);
  } else {
    m_modelLabel->setText(tr("No fusion model"));
    const QString why = status.modelError ? describeError(*status.modelError) : errorSentence(ErrorCode::ModelNotFound);
    m_modelLabel->setToolTip(why);
    m_notices->showNotice(kNoticeModel, NoticeBar::Level::Warning,
                          tr("No fusion model could be loaded, so network fusion is unavailable. Choose a classical "
                             "method (average, maximum, Laplacian pyramid) in the tool bar. %1")
                              .arg(why));
  }
  if (auto* item = qobject_cast<QStandardItemModel*>(m_methodCombo->model())) {
    item->item(0)->setEnabled(status.hasModel);
  }
  m_methodGroup->actions().at(0)->setEnabled(status.hasModel);
  refreshNotes();
  updateActionStates();
}

void MainWindow::onEngineFailed(const Error& error) {
  m_engineStatus.reset();
  m_deviceLabel->setText(tr("Engine unavailable"));
  m_deviceLabel->setToolTip(describeError(error));
  m_notices->showNotice(kNoticeEngine, NoticeBar::Level::Error,
                        tr("The fusion engine could not start: %1").arg(describeError(error)));
  emit failed(describeError(error), error.code);
}

// ---------------------------------------------------------------------------
// Loading and alignment
// ---------------------------------------------------------------------------

void MainWindow::loadSource(Source which, const QString& path) {
  const int index = which == Source::A ? 0 : 1;
  const quint64 generation = ++m_loadGeneration[index];
  const QString name = QFileInfo(path).fileName();
  m_stageLabel->setText(tr("Reading %1…").arg(name));
  m_notices->clearNotice(which == Source::A ? kNoticeLoadA : kNoticeLoadB);
  const std::string file = QFileInfo(path).absoluteFilePath().toStdString();
  runInBackground(
      this, [file] { return readImageSeries(file); },
      [this, which, index, generation, path, name](const Expected<ImageSeries>& series) {
        if (generation != m_loadGeneration[index]) return;  // a newer load superseded this one
        m_stageLabel->clear();
        if (!series) {
          const QString message = tr("%1 could not be opened: %2").arg(name, describeLoadError(series.error()));
          m_notices->showNotice(which == Source::A ? kNoticeLoadA : kNoticeLoadB, NoticeBar::Level::Error, message);
          emit failed(message, series.error().code);
          return;
        }
        SourceState state;
        state.path = QFileInfo(path).absoluteFilePath();
        state.displayName = name;
        state.series = *series;
        m_settings.addRecentFile((which == Source::A ? QStringLiteral("A|") : QStringLiteral("B|")) + state.path);
        m_settings.setLastOpenFolder(QFileInfo(path).absolutePath());
        rebuildRecentMenu();
        setSource(which, std::move(state));
      });
}

void MainWindow::openPair(const QString& pathA, const QString& pathB) {
  loadSource(Source::A, pathA);
  loadSource(Source::B, pathB);
}

void MainWindow::openDemo(int size) {
  const quint64 generationA = ++m_loadGeneration[0];
  const quint64 generationB = ++m_loadGeneration[1];
  m_stageLabel->setText(tr("Making the digital head phantom…"));
  runInBackground(
      this, [size] { return makeHeadPhantom(size); },
      [this, generationA, generationB](const PhantomPair& phantom) {
        if (generationA != m_loadGeneration[0] || generationB != m_loadGeneration[1]) return;
        m_stageLabel->clear();
        SourceState a, b;
        a.displayName = tr("Digital head phantom, MRI-like");
        a.series.slices.push_back(phantom.mri);
        b.displayName = tr("Digital head phantom, CT-like");
        b.series.slices.push_back(phantom.ct);
        m_a = std::move(a);
        setSource(Source::B, std::move(b));
      });
}

void MainWindow::setSource(Source which, SourceState state) {
  (which == Source::A ? m_a : m_b) = std::move(state);
  for (const auto& [source, panel] : {std::pair{&m_a, m_panelA}, std::pair{&m_b, m_panelB}}) {
    if (!source->loaded()) continue;
    const std::string& modality = source->series.slices.front().meta.modality;
    panel->setModality(modality.empty() ? source->chosenModality : QString::fromStdString(modality), !modality.empty());
  }
  m_aligned.reset();
  m_cache.clear();
  m_outcome.reset();
  m_outcomeSlice = -1;
  m_viewF->clearImage();
  m_comparison->clear();
  m_classifier->setOutcome(std::nullopt);
  for (ImageView* view : {static_cast<ImageView*>(m_viewA), static_cast<ImageView*>(m_viewB)}) {
    view->setHeatOverlay({});
  }
  m_metricsPanel->setOutcome(std::nullopt);
  m_notices->clearNotice(kNoticeAlign);
  m_notices->clearNotice(kNoticeFusion);
  m_fusion->clearPair();
  const int slices = static_cast<int>(m_a.loaded() ? m_a.series.size() : m_b.series.size());
  m_sync->setSliceCount(slices);
  if (m_a.loaded() && m_b.loaded()) {
    alignPair();
  } else {
    showSlice();
    const Image& shown = m_a.loaded() ? m_a.series.slices.front() : m_b.series.slices.front();
    m_sync->fit(QSizeF(shown.width, shown.height));
  }
  refreshNotes();
  updateActionStates();
  updateWindowTitle();
}

void MainWindow::alignPair() {
  const quint64 generation = ++m_alignGeneration;
  m_stageLabel->setText(tr("Aligning B to A…"));
  const ImageSeries a = m_a.series;
  const ImageSeries b = m_b.series;
  runInBackground(
      this, [a, b] { return alignToAnatomical(a, b); },
      [this, generation](const Expected<AlignedPair>& aligned) {
        if (generation != m_alignGeneration) return;
        m_stageLabel->clear();
        if (!aligned) {
          const QString message = tr("A and B cannot be fused: %1").arg(describeError(aligned.error()));
          m_notices->showNotice(kNoticeAlign, NoticeBar::Level::Error, message);
          showSlice();
          emit failed(message, aligned.error().code);
          return;
        }
        m_aligned = *aligned;
        if (m_aligned->resampled) {
          const Image& a0 = m_a.series.slices.front();
          const Image& b0 = m_b.series.slices.at(m_aligned->sourceSlice.front());
          m_notices->showNotice(kNoticeAlign, NoticeBar::Level::Warning,
                                tr("B (%1) differs from A (%2) in size or pixel spacing: B was resampled to A's grid "
                                   "for display and fusion. Details are in the notes.")
                                    .arg(sizeText(b0), sizeText(a0)));
        } else if (!m_aligned->notes.empty()) {
          m_notices->showNotice(kNoticeAlign, NoticeBar::Level::Info,
                                tr("A and B have different numbers of slices; see the notes for how they are paired."));
        }
        const Image& first = m_a.series.slices.front();
        m_sync->fit(QSizeF(first.width, first.height));
        showSlice();
        refreshNotes();
        requestFusionForSlice();
      });
}

Image MainWindow::sourceSlice(Source which) const {
  return sourceSlice(which, m_sync->slice());
}

Image MainWindow::sourceSlice(Source which, int slice) const {
  Image image;
  if (which == Source::A) {
    if (!m_a.loaded()) return {};
    image =
        m_a.series.slices.at(static_cast<std::size_t>(std::min<int>(slice, static_cast<int>(m_a.series.size()) - 1)));
    if (!m_a.chosenModality.isEmpty()) image.meta.modality = m_a.chosenModality.toStdString();
  } else {
    if (!m_b.loaded()) return {};
    if (m_aligned && slice < static_cast<int>(m_aligned->b.size())) {
      image = m_aligned->b.at(static_cast<std::size_t>(slice));
    } else {
      image =
          m_b.series.slices.at(static_cast<std::size_t>(std::min<int>(slice, static_cast<int>(m_b.series.size()) - 1)));
    }
    if (!m_b.chosenModality.isEmpty()) image.meta.modality = m_b.chosenModality.toStdString();
  }
  return image;
}

void MainWindow::showSlice() {
  const bool keepA = m_viewA->hasImage();
  const bool keepB = m_viewB->hasImage();
  const Image a = sourceSlice(Source::A);
  const Image b = sourceSlice(Source::B);
  if (a.empty()) {
    m_viewA->clearImage();
  } else {
    m_viewA->setImage(a, keepA && m_viewA->image().meta.units == a.meta.units);
  }
  if (b.empty()) {
    m_viewB->clearImage();
  } else {
    m_viewB->setImage(b, keepB && m_viewB->image().meta.units == b.meta.units);
  }
  updateColorMapping();
  const int slice = m_sync->slice();
  const auto cached = m_cache.find({slice, optionsKey(m_fusion->options())});
  if (cached != m_cache.end()) {
    displayOutcome(cached->second);
  } else if (m_outcome && m_outcomeSlice != slice) {
    // The shown result belongs to another slice: do not pretend otherwise.
    m_viewF->clearImage();
  }
  updateSourceHeader(Source::A);
  updateSourceHeader(Source::B);
  updateHistograms();
}

void MainWindow::requestFusionForSlice() {
  if (!m_a.loaded() || !m_b.loaded() || !m_aligned) return;
  const int slice = m_sync->slice();
  const std::string key = optionsKey(m_fusion->options());
  const auto cached = m_cache.find({slice, key});
  if (cached != m_cache.end()) {
    displayOutcome(cached->second);
    return;
  }
  m_pairSlice = slice;
  m_fusion->setPair(sourceSlice(Source::A), sourceSlice(Source::B));
}

void MainWindow::updateSourceHeader(Source which) {
  const SourceState& s = which == Source::A ? m_a : m_b;
  ViewPanel* panel = which == Source::A ? m_panelA : m_panelB;
  ImageView* view = which == Source::A ? m_viewA : m_viewB;
  const QString role = which == Source::A ? tr("A · Anatomical") : tr("B · Second image");
  if (!s.loaded() || !view->hasImage()) {
    panel->setTitle(role);
    panel->setSubtitle(tr("No image loaded"));
    return;
  }
  panel->setTitle(tr("%1 · %2").arg(which == Source::A ? tr("A") : tr("B"), s.displayName));
  const Image& image = view->image();
  QStringList parts;
  parts << sizeText(image);
  if (s.series.size() > 1) parts << tr("%1 slices").arg(s.series.size());
  const QString units = unitsDisplayName(image.meta.units);
  if (!units.isEmpty()) parts << units;
  if (image.isColour()) parts << tr("colour");
  if (which == Source::B && m_aligned && m_aligned->resampled) parts << tr("resampled to A");
  panel->setSubtitle(parts.join(QStringLiteral(" · ")),
                     QStringLiteral("%1\n%2").arg(s.path.isEmpty() ? s.displayName : QDir::toNativeSeparators(s.path),
                                                  parts.join(QStringLiteral(" · "))));
}

QVector<Note> MainWindow::collectNotes() const {
  QVector<Note> notes;
  auto add = [&notes](Note::Origin origin, const std::vector<std::string>& texts) {
    for (const auto& t : texts) notes.push_back({origin, QString::fromStdString(t)});
  };
  if (m_a.loaded()) {
    add(Note::Origin::SourceA, m_a.series.notes);
    add(Note::Origin::SourceA, m_a.series.slices.front().meta.notes);
  }
  if (m_b.loaded()) {
    add(Note::Origin::SourceB, m_b.series.notes);
    add(Note::Origin::SourceB, m_b.series.slices.front().meta.notes);
  }
  if (m_aligned) add(Note::Origin::Alignment, m_aligned->notes);
  if (m_outcome) add(Note::Origin::Fusion, m_outcome->result.notes);
  if (m_engineStatus && !m_engineStatus->deviceReason.empty() && !m_outcome) {
    add(Note::Origin::Device, {m_engineStatus->deviceReason});
  }
  return notes;
}

void MainWindow::refreshNotes() {
  const QVector<Note> notes = collectNotes();
  m_notesPanel->setNotes(notes);
  m_notesButton->setText(tr("Notes: %1").arg(notes.size()));
  m_notesButton->setToolTip(notes.isEmpty() ? tr("Nothing was changed in the data")
                                            : tr("What was done to the data — click to see every note"));
  m_notesButton->setVisible(true);
}

// ---------------------------------------------------------------------------
// Fusion
// ---------------------------------------------------------------------------

void MainWindow::onFusionStarted(quint64 id) {
  // What this request fuses: the pair last handed to the controller, with
  // the options in force now.
  m_requests[id] = {m_pairSlice, optionsKey(m_fusion->options())};
  m_progressStage = QStringLiteral("prepare");
  m_progressFraction = 0.0;
  m_lastFusionError.reset();
  m_notices->clearNotice(kNoticeFusion);
  updateBusyState();
}

void MainWindow::onFusionProgressed(quint64, const QString& stage, double fraction) {
  m_progressStage = stage;
  m_progressFraction = fraction;
  updateBusyState();
}

void MainWindow::onFusionFinished(const FusionOutcome& outcome) {
  const auto it = m_requests.find(outcome.id);
  if (it == m_requests.end()) return;
  const auto [slice, key] = it->second;
  m_requests.erase(m_requests.begin(), std::next(it));
  if (m_cache.size() >= kMaxCachedResults) m_cache.clear();
  m_cache[{slice, key}] = outcome;
  if (slice == m_sync->slice() && key == optionsKey(m_fusion->options())) displayOutcome(outcome);
  updateBusyState();
}

void MainWindow::onFusionFailed(quint64, const Error& error) {
  updateBusyState();
  if (error.code == ErrorCode::Cancelled) {
    m_stageLabel->setText(tr("Fusion cancelled"));
    m_viewF->setBusyText(QString());
    return;
  }
  m_lastFusionError = error;
  const QString message = tr("The fusion failed: %1").arg(describeError(error));
  m_notices->showNotice(kNoticeFusion, NoticeBar::Level::Error, message);
  m_viewF->setBusyText(QString());
  emit failed(message, error.code);
}

void MainWindow::displayOutcome(const FusionOutcome& outcome) {
  const bool first = !m_viewF->hasImage();
  m_outcome = outcome;
  m_outcomeSlice = m_sync->slice();
  m_viewF->setImage(outcome.result.fused, true);
  if (first) m_viewF->setDisplayWindow(DisplayWindow{0.5, 1.0});
  const FusionResult& r = outcome.result;
  QString how = QString::fromStdString(r.method);
  if (!r.strategy.empty()) how = tr("%1 · %2").arg(how, QString::fromStdString(r.strategy));
  m_panelF->setSubtitle(tr("%1 · %2 · %3 ms").arg(how, QString::fromStdString(r.model)).arg(std::lround(r.totalMs)));
  m_timeLabel->setText(tr("Fusion %1 ms").arg(std::lround(r.totalMs)));
  m_timeLabel->setToolTip(tr("Fusion alone; with metrics and classifier %1 ms").arg(std::lround(outcome.jobMs)));
  m_metricsPanel->setOutcome(outcome);
  if (outcome.classifier) m_classifier->setOutcome(outcome.classifier);
  showSaliency(outcome.classifier);
  updateMetricOverlay();
  updateHistograms();
  refreshNotes();
  updateActionStates();
  m_stageLabel->setText(tr("Fused in %1 ms").arg(std::lround(r.totalMs)));
  emit fusionDisplayed(outcome.id);
}

void MainWindow::showSaliency(const std::optional<ClassifierOutcome>& classes) {
  const std::pair<ImageView*, const std::optional<Classification>*> views[] = {
      {m_viewA, classes ? &classes->a : nullptr},
      {m_viewB, classes ? &classes->b : nullptr},
      {m_viewF, classes ? &classes->fused : nullptr}};
  bool any = false;
  for (const auto& [view, result] : views) {
    QImage heat;
    if (result && *result && (*result)->saliency) heat = renderSaliency(*(*result)->saliency);
    view->setHeatOverlay(heat);
    any |= !heat.isNull();
  }
  m_saliency->setEnabled(any);
}

void MainWindow::updateMetricOverlay() {
  QVector<std::pair<QString, QString>> lines;
  QString footnote;
  if (!m_services.metrics.available()) {
    footnote = tr("Metrics: not available in this build");
  } else if (m_outcome && m_outcome->metricsError) {
    footnote = tr("Metrics failed — see the Metrics panel");
  } else if (m_outcome) {
    for (const auto& key : overlayMetricKeys()) {
      const auto it = m_outcome->metrics.find(key);
      if (it != m_outcome->metrics.end()) lines.push_back({metricDisplayName(key), formatMetricValue(key, it->second)});
    }
  }
  m_viewF->setMetricOverlay(lines, m_viewF->hasImage() ? footnote : QString());
}

void MainWindow::updateHistograms() {
  if (m_outcome && m_outcomeSlice == m_sync->slice()) {
    m_histogram->setImages(m_outcome->result.inputA, m_outcome->result.inputB, m_outcome->result.fusedLuma);
  } else {
    m_histogram->setImages(greyUnit(m_viewA->image()), greyUnit(m_viewB->image()), Image());
  }
}

QString MainWindow::stageText(const QString& stage) const {
  if (stage == QLatin1String("prepare")) return tr("Preparing");
  if (stage == QLatin1String("encode")) return tr("Encoding");
  if (stage == QLatin1String("fuse")) return tr("Fusing features");
  if (stage == QLatin1String("decode")) return tr("Decoding");
  if (stage == QLatin1String("metrics")) return tr("Computing metrics");
  if (stage == QLatin1String("classify")) return tr("Classifying");
  return tr("Finishing");
}

void MainWindow::updateBusyState() {
  const bool fusing = m_fusion->isFusing();
  const bool comparing = m_fusion->isComparing();
  m_progress->setVisible(fusing || comparing);
  m_cancelButton->setVisible(fusing || comparing || m_fusion->isFusingSeries());
  m_cancel->setEnabled(fusing || comparing || m_fusion->isFusingSeries());
  if (fusing) {
    const int percent = static_cast<int>(m_progressFraction * 100.0);
    m_progress->setValue(percent);
    const QString text = tr("%1… %2 %").arg(stageText(m_progressStage)).arg(percent);
    m_stageLabel->setText(text);
    m_viewF->setBusyText(text);
  } else {
    m_viewF->setBusyText(QString());
    if (comparing) {
      m_progress->setValue(0);
      m_stageLabel->setText(tr("Comparing methods…"));
    }
  }
  updateActionStates();
}

// ---------------------------------------------------------------------------
// Options and view commands
// ---------------------------------------------------------------------------

FusionOptions MainWindow::optionsFromControls() const {
  FusionOptions o;
  if (auto m = parseMethod(m_methodCombo->currentData().toString().toStdString())) o.method = *m;
  if (auto s = parseStrategy(m_strategyCombo->currentData().toString().toStdString())) o.strategy = *s;
  const QString bn = m_bnCombo->currentData().toString();
  if (!bn.isEmpty()) {
    if (auto b = parseBnMode(bn.toStdString())) o.bnMode = *b;
  }
  return o;
}

void MainWindow::onOptionsChanged() {
  if (m_updatingControls) return;
  const FusionOptions options = optionsFromControls();
  m_settings.setDefaultMethod(options.method);
  m_settings.setDefaultStrategy(options.strategy);
  m_settings.setBnMode(options.bnMode);
  syncOptionControls();
  m_fusion->setOptions(options);
  // A cached result for these options shows at once; otherwise the
  // controller re-runs the fusion after its debounce.
  const auto cached = m_cache.find({m_sync->slice(), optionsKey(options)});
  if (cached != m_cache.end()) {
    m_fusion->cancel();
    displayOutcome(cached->second);
  }
}

void MainWindow::syncOptionControls() {
  const FusionOptions o = optionsFromControls();
  const bool network = o.method == Method::Network;
  m_strategyCombo->setEnabled(network);
  m_bnCombo->setEnabled(network);
  m_strategyMenu->setEnabled(network);
  m_bnMenu->setEnabled(network);
  for (QAction* a : m_methodGroup->actions()) {
    a->setChecked(a->data().toString() == QString::fromLatin1(methodName(o.method)));
  }
  for (QAction* a : m_strategyGroup->actions()) {
    a->setChecked(a->data().toString() == QString::fromLatin1(strategyName(o.strategy)));
  }
  const QString bn = o.bnMode ? QString::fromLatin1(bnModeName(*o.bnMode)) : QString();
  for (QAction* a : m_bnGroup->actions()) a->setChecked(a->data().toString() == bn);
}

void MainWindow::cycleStrategy(int step) {
  const int n = m_strategyCombo->count();
  m_strategyCombo->setCurrentIndex((m_strategyCombo->currentIndex() + step + n) % n);
}

void MainWindow::setCompareMode(CompareMode mode) {
  m_viewF->setCompareMode(mode);
  m_compareActions[static_cast<int>(mode)]->setChecked(true);
  m_settings.setCompareMode(mode);
  updateMixControls();
}

void MainWindow::setColorMap(ColorMapKind map) {
  m_colorMap = map;
  updateColorMapping();
  for (QAction* a : m_colorMapGroup->actions()) a->setChecked(a->data().toString() == colorMapId(map));
  m_settings.setColorMap(map);
}

bool MainWindow::isFunctional(const Image& image) {
  return image.meta.modality == "PT" || image.meta.modality == "NM";
}

void MainWindow::updateColorMapping() {
  // Functional images (PET, SPECT) show through the colour map in their own
  // view; anatomical ones stay grey there and take the map only as the blend
  // overlay, where it separates B from A.
  m_viewB->setColorMap(isFunctional(m_viewB->image()) ? m_colorMap : ColorMapKind::Grey);
  updateCompareLayers();
}

void MainWindow::updateCompareLayers() {
  QImage overlay = m_viewB->rendered();
  if (m_viewB->hasImage() && m_viewB->colorMap() != m_colorMap && !m_viewB->image().isColour()) {
    overlay = renderImage(m_viewB->image(), m_viewB->displayWindow(), m_colorMap);
  }
  m_viewF->setSourceLayers(m_viewA->rendered(), overlay);
}

void MainWindow::applyWindowPreset(DisplayPreset preset) {
  if (isCtPreset(preset)) {
    // CT presets go to the view that holds the CT (A or B), the active one first.
    ImageView* candidates[] = {m_activeView, m_viewB, m_viewA};
    for (ImageView* view : candidates) {
      if (view && view != m_viewF && hasHounsfieldUnits(view->image())) {
        view->applyPreset(preset);
        return;
      }
    }
    statusBar()->showMessage(tr("No CT image in Hounsfield units is loaded: CT presets do not apply."), 4000);
    return;
  }
  if (m_activeView) m_activeView->applyPreset(preset);
}

void MainWindow::stepMix(double delta) {
  m_mixSlider->setValue(m_mixSlider->value() + static_cast<int>(std::lround(delta * 100.0)));
}

void MainWindow::updateMixControls() {
  const CompareMode mode = m_viewF->compareMode();
  const bool used = mode == CompareMode::Blend || mode == CompareMode::Wipe;
  m_mixSlider->setEnabled(used);
  m_mixLabel->setEnabled(used);
  m_mixLabel->setText(mode == CompareMode::Wipe ? tr("Divider") : tr("Opacity"));
  m_mixSlider->setToolTip(mode == CompareMode::Wipe ? tr("Position of the wipe divider ([ and ])")
                                                    : tr("Opacity of B over A in the blend ([ and ])"));
  m_mixDown->setEnabled(used);
  m_mixUp->setEnabled(used);
}

void MainWindow::setActiveView(ImageView* view) {
  if (m_activeView == view) return;
  if (m_activeView) m_activeView->setActive(false);
  m_activeView = view;
  if (m_activeView) m_activeView->setActive(true);
}

void MainWindow::updateReadout(QPointF imagePoint) {
  m_cursor = imagePoint;
  const int x = static_cast<int>(std::floor(imagePoint.x()));
  const int y = static_cast<int>(std::floor(imagePoint.y()));
  const QLocale locale;
  auto valueText = [&locale, x, y](const Image& image, bool unit) -> QString {
    if (image.empty() || x < 0 || y < 0 || x >= image.width || y >= image.height) return QStringLiteral("–");
    const int decimals = unit ? 3 : (std::abs(image.at(x, y)) >= 100 ? 0 : 1);
    if (image.isColour()) {
      return QStringLiteral("%1, %2, %3")
          .arg(locale.toString(image.at(x, y, 0), 'f', decimals), locale.toString(image.at(x, y, 1), 'f', decimals),
               locale.toString(image.at(x, y, 2), 'f', decimals));
    }
    QString text = locale.toString(image.at(x, y), 'f', decimals);
    const QString units = unitsDisplayName(image.meta.units);
    if (!units.isEmpty()) text += QStringLiteral(" ") + units;
    return text;
  };
  m_readout->setText(tr("x %1  y %2   A %3   B %4   Fused %5")
                         .arg(x)
                         .arg(y)
                         .arg(valueText(m_viewA->image(), false), valueText(m_viewB->image(), false),
                              valueText(m_viewF->image(), true)));
}

QString MainWindow::readoutText() const {
  return m_readout->text();
}

QRect MainWindow::fusedViewRect() const {
  return QRect(m_viewF->mapTo(this, QPoint(0, 0)), m_viewF->size());
}

// ---------------------------------------------------------------------------
// Export
// ---------------------------------------------------------------------------

QString MainWindow::chooseSavePath(const QString& title, const QString& filter, const QString& defaultName,
                                   bool* confirmedOverwrite) {
  QString path = QFileDialog::getSaveFileName(this, title, QDir(m_settings.lastExportFolder()).filePath(defaultName),
                                              filter, nullptr, QFileDialog::DontConfirmOverwrite);
  *confirmedOverwrite = false;
  if (path.isEmpty()) return {};
  const QString suffix = QFileInfo(defaultName).suffix();
  if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".") + suffix;
  if (QFileInfo::exists(path)) {
    const auto answer =
        QMessageBox::question(this, tr("Replace the file?"),
                              tr("%1 exists already. Do you want to replace it?").arg(QDir::toNativeSeparators(path)),
                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes) return {};
    *confirmedOverwrite = true;
  }
  m_settings.setLastExportFolder(QFileInfo(path).absolutePath());
  return path;
}

OutputPolicy MainWindow::exportPolicy(bool overwrite) const {
  OutputPolicy policy;
  policy.overwrite = overwrite;
  for (const SourceState* s : {&m_a, &m_b}) {
    if (!s->path.isEmpty()) policy.protectedPaths.push_back(s->path.toStdString());
  }
  return policy;
}

std::vector<std::string> MainWindow::sourcePaths() const {
  std::vector<std::string> paths;
  for (const SourceState* s : {&m_a, &m_b}) {
    paths.push_back(s->path.isEmpty() ? s->displayName.toStdString() : s->path.toStdString());
  }
  return paths;
}

void MainWindow::reportExport(const QString& path, const Expected<void>& result) {
  if (result) {
    m_notices->clearNotice(kNoticeExport);
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 6000);
  } else {
    m_notices->showNotice(kNoticeExport, NoticeBar::Level::Error,
                          tr("%1 was not saved: %2").arg(QFileInfo(path).fileName(), describeError(result.error())));
  }
}

void MainWindow::exportFusedPng() {
  if (!m_outcome) return;
  bool overwrite = false;
  const QString stem = exportStem();
  const QString path = chooseSavePath(tr("Export the fused image"), tr("PNG images (*.png)"),
                                      stem + QStringLiteral("_fused.png"), &overwrite);
  if (!path.isEmpty()) exportFusedPngTo(path, overwrite);
}

QFuture<Expected<void>> MainWindow::exportFusedPngTo(const QString& path, bool overwrite) {
  if (!m_outcome) {
    return QtFuture::makeReadyFuture(
        Expected<void>(tl::unexpected(Error{ErrorCode::InvalidArgument, "nothing fused yet", ""})));
  }
  const FusionResult result = m_outcome->result;
  const std::vector<std::string> sources = sourcePaths();
  const OutputPolicy policy = exportPolicy(overwrite);
  const std::string target = path.toStdString();
  return runInBackground(
      this, [result, target, sources, policy] { return edgefuse::exportFusedPng(result, target, sources, policy); },
      [this, path](const Expected<void>& written) {
        reportExport(path, written);
        return written;
      });
}

void MainWindow::exportDicom() {
  if (!m_outcome || !m_services.dicomExport) return;
  // Asked first: an anonymised export's suggested name must not repeat the
  // source's file name, which often carries the patient's name.
  const auto anonymise = askAnonymise();
  if (!anonymise) return;
  bool overwrite = false;
  const QString stem = *anonymise ? QString() : exportStem() + QStringLiteral("_");
  const QString path = chooseSavePath(tr("Export the fused image as DICOM"), tr("DICOM files (*.dcm)"),
                                      stem + QStringLiteral("fused.dcm"), &overwrite);
  if (!path.isEmpty()) exportDicomTo(path, overwrite, *anonymise);
}

QString MainWindow::exportStem() const {
  return m_a.path.isEmpty() ? QStringLiteral("phantom") : QFileInfo(m_a.path).completeBaseName();
}

std::optional<bool> MainWindow::askAnonymise() {
  QMessageBox box(QMessageBox::Question, tr("Patient identity"),
                  tr("Keep the patient's identity, so that the fused image joins the patient's study, or remove it "
                     "(DICOM basic confidentiality profile) for research use outside the hospital?"),
                  QMessageBox::Cancel, this);
  QPushButton* keep = box.addButton(tr("Keep identity"), QMessageBox::AcceptRole);
  QPushButton* anonymise = box.addButton(tr("Anonymise"), QMessageBox::AcceptRole);
  box.setDefaultButton(keep);
  box.exec();
  if (box.clickedButton() != keep && box.clickedButton() != anonymise) return std::nullopt;
  return box.clickedButton() == anonymise;
}

void MainWindow::exportDicomSeries() {
  if (m_sync->sliceCount() < 2 || !m_services.dicomExport) return;
  const auto anonymise = askAnonymise();  // first, as in exportDicom
  if (!anonymise) return;
  bool overwrite = false;
  const QString stem = *anonymise ? QString() : exportStem() + QStringLiteral("_");
  const QString folder = chooseSavePath(tr("Export the fused series as DICOM (a new folder)"), tr("Folders (*)"),
                                        stem + QStringLiteral("fused"), &overwrite);
  if (!folder.isEmpty()) exportDicomSeriesTo(folder, overwrite, *anonymise);
}

QFuture<Expected<void>> MainWindow::exportDicomSeriesTo(const QString& folder, bool overwrite, bool anonymize) {
  auto refuse = [](const std::string& why) {
    return QtFuture::makeReadyFuture(Expected<void>(tl::unexpected(Error{ErrorCode::InvalidArgument, why, ""})));
  };
  if (!m_services.dicomExport) return refuse("no DICOM exporter in this build");
  if (!(m_a.loaded() && m_b.loaded() && m_aligned.has_value())) return refuse("no pair of images is open");
  if (m_seriesExport) return refuse("a series export is already under way");
  SeriesExport job;
  job.folder = folder;
  job.policy = exportPolicy(overwrite);
  job.anonymize = anonymize;
  std::vector<std::pair<Image, Image>> slices;
  for (int i = 0; i < m_sync->sliceCount(); ++i) {
    Image a = sourceSlice(Source::A, i);
    Image b = sourceSlice(Source::B, i);
    job.sourcesA.push_back(a.meta);
    job.sourcesB.push_back(b.meta);
    slices.emplace_back(std::move(a), std::move(b));
  }
  job.promise = std::make_shared<QPromise<Expected<void>>>();
  job.promise->start();
  QFuture<Expected<void>> future = job.promise->future();
  m_seriesExport = std::move(job);
  m_seriesExport->id = m_fusion->fuseSeries(std::move(slices));
  statusBar()->showMessage(tr("Fusing the series for the DICOM export: %1 % (Esc cancels)").arg(0));
  updateActionStates();
  updateBusyState();
  return future;
}

void MainWindow::finishSeriesExport(const Expected<void>& result) {
  if (!m_seriesExport) return;
  const SeriesExport job = std::move(*m_seriesExport);
  m_seriesExport.reset();
  reportExport(job.folder, result);
  job.promise->addResult(result);
  job.promise->finish();
  updateActionStates();
  updateBusyState();
}

QFuture<Expected<void>> MainWindow::exportDicomTo(const QString& path, bool overwrite, bool anonymize) {
  if (!m_outcome || !m_services.dicomExport) {
    return QtFuture::makeReadyFuture(Expected<void>(
        tl::unexpected(Error{ErrorCode::InvalidArgument, "nothing fused yet or no DICOM exporter in this build", ""})));
  }
  DicomExportRequest request;
  request.results = {m_outcome->result};
  request.sourcesA = {sourceSlice(Source::A).meta};
  request.sourcesB = {sourceSlice(Source::B).meta};
  request.outputPath = path.toStdString();
  request.anonymize = anonymize;
  request.policy = exportPolicy(overwrite);
  return runInBackground(this, dicomExportTask(m_services.dicomExport, std::move(request)),
                         [this, path](const Expected<void>& written) {
                           reportExport(path, written);
                           return written;
                         });
}

void MainWindow::exportScreenshot() {
  bool overwrite = false;
  const QString path = chooseSavePath(tr("Save a screenshot of the views"), tr("PNG images (*.png)"),
                                      QStringLiteral("edgefuse-views.png"), &overwrite);
  if (!path.isEmpty()) exportScreenshotTo(path, overwrite);
}

QFuture<Expected<void>> MainWindow::exportScreenshotTo(const QString& path, bool overwrite) {
  const QImage image = m_viewSplitter->grab().toImage();
  OutputPolicy policy;
  policy.overwrite = overwrite;
  const std::string target = path.toStdString();
  // PNG encoding of a full-screen image takes tens of milliseconds: off the GUI thread.
  return runInBackground(
      this,
      [image, target, policy]() -> Expected<void> {
        QByteArray bytes;
        QBuffer buffer(&bytes);
        buffer.open(QIODevice::WriteOnly);
        if (!image.save(&buffer, "PNG")) return fail(ErrorCode::WriteFailed, "PNG encoding failed", target);
        return writeFileAtomically(target, std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())),
                                   policy);
      },
      [this, path](const Expected<void>& written) {
        reportExport(path, written);
        return written;
      });
}

QString MainWindow::metricsCsv() const {
  QString csv = QStringLiteral("source_a,source_b,method,strategy,bn_mode,model,device,metric,value\n");
  const FusionResult& r = m_outcome->result;
  auto quote = [](QString s) -> QString {
    s.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QStringLiteral("\"") + s + QStringLiteral("\"");
  };
  const auto sources = sourcePaths();
  const QString prefix =
      QStringList{quote(QString::fromStdString(sources[0])), quote(QString::fromStdString(sources[1])),
                  QString::fromStdString(r.method),          QString::fromStdString(r.strategy),
                  QString::fromStdString(r.bnMode),          quote(QString::fromStdString(r.model)),
                  quote(QString::fromStdString(r.device))}
          .join(QLatin1Char(','));
  for (const auto& key : orderedMetricKeys(m_outcome->metrics)) {
    csv += prefix + QStringLiteral(",") + QString::fromStdString(key) + QStringLiteral(",") +
           QString::number(m_outcome->metrics.at(key), 'g', 10) + QStringLiteral("\n");
  }
  return csv;
}

QString MainWindow::metricsJson() const {
  const FusionResult& r = m_outcome->result;
  QJsonObject metrics, conventions;
  for (const auto& [key, value] : m_outcome->metrics) metrics.insert(QString::fromStdString(key), value);
  for (const auto& [key, text] : m_services.metrics.conventions) {
    if (m_outcome->metrics.count(key)) conventions.insert(QString::fromStdString(key), QString::fromStdString(text));
  }
  QJsonArray sources, notes;
  for (const auto& s : sourcePaths()) sources.append(QString::fromStdString(s));
  for (const auto& n : r.notes) notes.append(QString::fromStdString(n));
  QJsonObject root{{QStringLiteral("software"), QString(QStringLiteral("EdgeFuse ") + QString::fromLatin1(kVersion))},
                   {QStringLiteral("created_utc"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                   {QStringLiteral("sources"), sources},
                   {QStringLiteral("method"), QString::fromStdString(r.method)},
                   {QStringLiteral("strategy"), QString::fromStdString(r.strategy)},
                   {QStringLiteral("bn_mode"), QString::fromStdString(r.bnMode)},
                   {QStringLiteral("normalization"), QString::fromStdString(r.normalization)},
                   {QStringLiteral("model"), QString::fromStdString(r.model)},
                   {QStringLiteral("model_sha256"), QString::fromStdString(r.modelSha256)},
                   {QStringLiteral("device"), QString::fromStdString(r.device)},
                   {QStringLiteral("fusion_ms"), r.totalMs},
                   {QStringLiteral("metrics"), metrics},
                   {QStringLiteral("conventions"), conventions},
                   {QStringLiteral("notes"), notes}};
  if (r.weightA && r.weightB) {
    root.insert(QStringLiteral("weights"),
                QJsonObject{{QStringLiteral("a"), *r.weightA}, {QStringLiteral("b"), *r.weightB}});
  }
  return QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented));
}

void MainWindow::exportMetrics(bool json) {
  if (!m_outcome || m_outcome->metrics.empty()) return;
  bool overwrite = false;
  const QString path = chooseSavePath(
      json ? tr("Export the metrics as JSON") : tr("Export the metrics as CSV"),
      json ? tr("JSON files (*.json)") : tr("CSV files (*.csv)"),
      json ? QStringLiteral("edgefuse-metrics.json") : QStringLiteral("edgefuse-metrics.csv"), &overwrite);
  if (!path.isEmpty()) exportMetricsTo(path, json, overwrite);
}

QFuture<Expected<void>> MainWindow::exportMetricsTo(const QString& path, bool json, bool overwrite) {
  if (!m_outcome || m_outcome->metrics.empty()) {
    return QtFuture::makeReadyFuture(
        Expected<void>(tl::unexpected(Error{ErrorCode::InvalidArgument, "no metrics to export", ""})));
  }
  const QByteArray bytes = (json ? metricsJson() : metricsCsv()).toUtf8();
  OutputPolicy policy;
  policy.overwrite = overwrite;
  const std::string target = path.toStdString();
  return runInBackground(
      this,
      [bytes, target, policy] {
        return writeFileAtomically(target, std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())),
                                   policy);
      },
      [this, path](const Expected<void>& written) {
        reportExport(path, written);
        return written;
      });
}

// ---------------------------------------------------------------------------
// Menus, dialogs, window
// ---------------------------------------------------------------------------

void MainWindow::rebuildRecentMenu() {
  m_recentMenu->clear();
  const QStringList entries = m_settings.recentFiles();
  for (const QString& entry : entries) {
    const QString role = entry.section(QLatin1Char('|'), 0, 0);
    const QString path = entry.section(QLatin1Char('|'), 1);
    QAction* action = m_recentMenu->addAction(tr("%1 · %2").arg(role, QFileInfo(path).fileName()));
    action->setToolTip(QDir::toNativeSeparators(path));
    connect(action, &QAction::triggered, this, [this, entry] { openRecent(entry); });
  }
  if (entries.isEmpty()) {
    QAction* none = m_recentMenu->addAction(tr("No recent files"));
    none->setEnabled(false);
  } else {
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(m_clearRecent);
  }
  m_recentMenu->setToolTipsVisible(true);
}

void MainWindow::openRecent(const QString& entry) {
  const QString role = entry.section(QLatin1Char('|'), 0, 0);
  const QString path = entry.section(QLatin1Char('|'), 1);
  loadSource(role == QLatin1String("B") ? Source::B : Source::A, path);
}

void MainWindow::showPreferences() {
  PreferencesDialog dialog(m_settings, this);
  if (dialog.exec() != QDialog::Accepted) return;
  setColorMap(m_settings.colorMap());
  if (m_settings.language() != m_languages.language()) m_languages.setLanguage(m_settings.language());
  EngineConfig config = m_engineConfig;
  config.device = m_settings.devicePreference();
  config.model = m_settings.model().toStdString();
  if (config.device != m_engineConfig.device || config.model != m_engineConfig.model) {
    m_cache.clear();
    startEngine(config);
    requestFusionForSlice();
  }
}

void MainWindow::showShortcuts() {
  ShortcutsDialog dialog(actions(), this);
  dialog.exec();
}

QString MainWindow::aboutText() const {
  const QString torch = QString::fromStdString(libtorchVersion());
  return tr("<h3>EdgeFuse %1</h3><p>Multimodal medical image fusion with the edge-enhanced dilated residual attention "
            "network (EH-DRAN) and its softmax nuclear-norm fusion strategy.</p><p><b>Research use only — not for "
            "primary diagnosis.</b></p><p>Qt %2 · LibTorch %3</p><p>Licence: GNU General Public License, version 3 or "
            "later (%4). There is no warranty. The licences of the libraries, data and models EdgeFuse uses are listed "
            "in THIRD_PARTY.md.</p>")
      .arg(QString::fromLatin1(kVersion), QString::fromLatin1(qVersion()), torch, QString::fromLatin1(kLicenseSpdx));
}

void MainWindow::showAbout() {
  QMessageBox::about(this, tr("About EdgeFuse"), aboutText());
}

void MainWindow::updateActionStates() {
  const bool pair = m_a.loaded() && m_b.loaded() && m_aligned.has_value();
  const bool result = m_outcome.has_value();
  const bool metrics = m_services.metrics.available();
  m_fuseNow->setEnabled(pair);
  m_compareMethods->setEnabled(pair && metrics && !m_fusion->isComparing());
  m_comparison->setPairAvailable(pair);
  m_exportPng->setEnabled(result);
  m_exportScreenshot->setEnabled(m_a.loaded() || m_b.loaded());
  m_exportDicom->setEnabled(result && static_cast<bool>(m_services.dicomExport));
  m_exportDicom->setToolTip(m_services.dicomExport
                                ? tr("Export the fused image as a derived DICOM image in the study of A")
                                : tr("Not available in this build: it has no DICOM exporter"));
  m_exportDicom->setStatusTip(m_exportDicom->toolTip());
  m_exportDicomSeries->setEnabled(pair && m_sync->sliceCount() > 1 && static_cast<bool>(m_services.dicomExport) &&
                                  !m_seriesExport);
  m_exportDicomSeries->setToolTip(
      !m_services.dicomExport ? tr("Not available in this build: it has no DICOM exporter")
      : m_sync->sliceCount() > 1
          ? tr("Fuse every slice with the current options and export them as one derived DICOM series")
          : tr("Needs a pair of image series (several slices)"));
  m_exportDicomSeries->setStatusTip(m_exportDicomSeries->toolTip());
  const bool haveMetrics = result && !m_outcome->metrics.empty();
  m_exportCsv->setEnabled(haveMetrics);
  m_exportJson->setEnabled(haveMetrics);
  const QString metricsTip = metrics ? tr("Export the metrics of the current fusion")
                                     : tr("Not available in this build: it has no metrics library");
  m_exportCsv->setToolTip(metricsTip);
  m_exportJson->setToolTip(metricsTip);
  const bool slices = m_sync->sliceCount() > 1;
  for (QAction* a : {m_previousSlice, m_nextSlice, m_firstSlice, m_lastSlice}) a->setEnabled(slices);
  const bool anyCt = hasHounsfieldUnits(m_viewA->image()) || hasHounsfieldUnits(m_viewB->image());
  for (const auto& [preset, action] : m_presetActions) {
    if (isCtPreset(preset)) {
      action->setEnabled(anyCt);
      action->setToolTip(anyCt ? QString() : tr("Needs a CT image in Hounsfield units"));
    }
  }
}

void MainWindow::updateWindowTitle() {
  QString title = tr("EdgeFuse");
  if (m_a.loaded() || m_b.loaded()) {
    const QString a = m_a.loaded() ? m_a.displayName : tr("no A");
    const QString b = m_b.loaded() ? m_b.displayName : tr("no B");
    title = tr("%1 + %2 — EdgeFuse").arg(a, b);
  }
  setWindowTitle(title);
}

void MainWindow::closeEvent(QCloseEvent* event) {
  m_settings.setWindowGeometry(saveGeometry());
  m_settings.setWindowState(saveState());
  m_settings.sync();
  m_fusion->cancel();
  m_fusion->cancelSeries();
  QMainWindow::closeEvent(event);
}

void MainWindow::showEvent(QShowEvent* event) {
  QMainWindow::showEvent(event);
  if (!m_docksSized && m_settings.windowState().isEmpty()) {
    // First start: give the panels about a fifth of the width.
    const int dockWidth = std::clamp(width() / 5, 300, 460);
    resizeDocks({m_metricsDock, m_analysisDock}, {dockWidth, dockWidth}, Qt::Horizontal);
    resizeDocks({m_metricsDock, m_analysisDock}, {height() * 2 / 5, height() * 3 / 5}, Qt::Vertical);
  }
  m_docksSized = true;
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  QStringList paths;
  for (const QUrl& url : event->mimeData()->urls()) {
    if (url.isLocalFile()) paths << url.toLocalFile();
  }
  if (paths.size() >= 2) {
    openPair(paths.at(0), paths.at(1));
  } else if (paths.size() == 1) {
    loadSource(m_a.loaded() ? Source::B : Source::A, paths.first());
  }
}

}  // namespace edgefuse::ui
