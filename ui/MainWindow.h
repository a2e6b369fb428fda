// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QFuture>
#include <QMainWindow>
#include <QPointer>
#include <QPromise>
#include <QTimer>
#include <map>
#include <memory>
#include <optional>
#include <utility>

#include "core/fusion/Engine.h"
#include "core/pipeline/PairAlignment.h"
#include "ui/ColorMap.h"
#include "ui/CompareMode.h"
#include "ui/DisplayWindow.h"
#include "ui/FusionJob.h"
#include "ui/NotesPanel.h"
#include "ui/Services.h"

class QAction;
class QActionGroup;
class QComboBox;
class QDockWidget;
class QLabel;
class QMenu;
class QProgressBar;
class QSlider;
class QSplitter;
class QTabWidget;
class QToolBar;
class QToolButton;

namespace edgefuse::ui {

class ClassifierChart;
class FusedView;
class FusionController;
class HistogramChart;
class ImageView;
class LanguageManager;
class MethodComparisonChart;
class MetricsPanel;
class NoticeArea;
class NotesPanel;
class Settings;
class ViewPanel;
class ViewSync;

/// The workstation's main window: loads the pair, shows the three linked
/// views, drives the fusion worker, shows metrics, charts and notes, and
/// exports. Everything long runs off the GUI thread (the fusion worker for
/// fusions, the thread pool for reading, aligning and writing). GUI thread only.
class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  /// `settings` and `languages` must outlive the window.
  MainWindow(Settings& settings, LanguageManager& languages, Services services, QWidget* parent = nullptr);
  ~MainWindow() override;

  /// Creates the engine on the worker thread (model loaded once); with
  /// `warmUp`, the worker then warms it up while the user picks images.
  void startEngine(const EngineConfig& config, bool warmUp = false);
  /// The fusion options to start with (from settings or the command line).
  void setFusionOptions(const FusionOptions& options);

  enum class Source { A, B };
  /// Reads a file or DICOM folder in the background and shows it.
  void loadSource(Source which, const QString& path);
  void openPair(const QString& pathA, const QString& pathB);
  /// Opens the built-in digital head phantom (MRI-like A, CT-like B).
  void openDemo(int size = 256);

  FusionController* fusion() const { return m_fusion; }
  ImageView* viewA() const { return m_viewA; }
  ImageView* viewB() const { return m_viewB; }
  FusedView* fusedView() const { return m_viewF; }
  NoticeArea* notices() const { return m_notices; }
  MetricsPanel* metricsPanel() const { return m_metricsPanel; }
  HistogramChart* histogramChart() const { return m_histogram; }
  MethodComparisonChart* comparisonChart() const { return m_comparison; }
  ClassifierChart* classifierChart() const { return m_classifier; }
  NotesPanel* notesPanel() const { return m_notesPanel; }
  const std::optional<FusionOutcome>& currentOutcome() const { return m_outcome; }
  /// The fused view's rectangle in window coordinates.
  QRect fusedViewRect() const;
  /// The text of the status bar's pixel readout.
  QString readoutText() const;
  /// The About dialog's text (version, libraries, licence).
  QString aboutText() const;

  /// Exports without asking (the menu commands ask for the path and confirm
  /// an overwrite, then call these). Writes happen on the thread pool,
  /// atomically; an existing file is replaced only when `overwrite`; the
  /// sources are never written. The result is also shown in the window.
  QFuture<Expected<void>> exportFusedPngTo(const QString& path, bool overwrite);
  QFuture<Expected<void>> exportScreenshotTo(const QString& path, bool overwrite);
  QFuture<Expected<void>> exportMetricsTo(const QString& path, bool json, bool overwrite);
  /// A derived DICOM Secondary Capture image in the study of A (see
  /// docs/dicom.md); `anonymize` applies the basic confidentiality profile.
  QFuture<Expected<void>> exportDicomTo(const QString& path, bool overwrite, bool anonymize);
  /// Every slice of the pair, fused on the worker with the current options
  /// (progress in the status bar, Esc cancels), then written as one derived
  /// DICOM series into the new folder `folder` (see docs/dicom.md).
  QFuture<Expected<void>> exportDicomSeriesTo(const QString& folder, bool overwrite, bool anonymize);

 signals:
  /// A fusion result is on screen (views, overlay, panels, charts updated).
  void fusionDisplayed(quint64 id);
  /// Loading, aligning or fusing failed; `message` is translated.
  void failed(const QString& message, edgefuse::ErrorCode code);

 protected:
  void closeEvent(QCloseEvent* event) override;
  void showEvent(QShowEvent* event) override;
  void changeEvent(QEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  struct SourceState {
    QString path;
    QString displayName;
    ImageSeries series;
    QString chosenModality;
    bool loaded() const { return !series.empty(); }
  };

  // Construction.
  void createViews();
  void createDocks();
  void createActions();
  void createMenus();
  void createToolBar();
  void createStatusBar();
  void retranslateUi();
  void restoreSettings();

  // Loading and alignment.
  void setSource(Source which, SourceState state);
  void alignPair();
  void updateSourceHeader(Source which);
  void showSlice();
  void requestFusionForSlice();
  QVector<Note> collectNotes() const;
  void refreshNotes();
  Image sourceSlice(Source which) const;
  Image sourceSlice(Source which, int slice) const;

  // Fusion results.
  void onEngineReady(const EngineStatus& status);
  void onEngineFailed(const Error& error);
  void onFusionStarted(quint64 id);
  void onFusionProgressed(quint64 id, const QString& stage, double fraction);
  void onFusionFinished(const FusionOutcome& outcome);
  void onFusionFailed(quint64 id, const Error& error);
  void displayOutcome(const FusionOutcome& outcome);
  void updateMetricOverlay();
  /// Puts each classified image's saliency on its view (A, B, fused).
  void showSaliency(const std::optional<ClassifierOutcome>& classes);
  void updateHistograms();
  void updateBusyState();
  QString stageText(const QString& stage) const;

  // Options and view commands.
  FusionOptions optionsFromControls() const;
  void onOptionsChanged();
  void syncOptionControls();
  void setCompareMode(CompareMode mode);
  void setColorMap(ColorMapKind map);
  void updateColorMapping();
  void updateCompareLayers();
  static bool isFunctional(const Image& image);
  void applyWindowPreset(DisplayPreset preset);
  void stepMix(double delta);
  void updateMixControls();
  void setActiveView(ImageView* view);
  void updateReadout(QPointF imagePoint);
  void cycleStrategy(int step);

  // Export.
  QString chooseSavePath(const QString& title, const QString& filter, const QString& defaultName,
                         bool* confirmedOverwrite);
  void exportFusedPng();
  void exportDicom();
  void exportDicomSeries();
  /// Asks whether to keep the patient's identity: nullopt = cancelled,
  /// true = anonymise.
  std::optional<bool> askAnonymise();
  /// The start of suggested export names: A's file name without extension.
  QString exportStem() const;
  void exportScreenshot();
  void exportMetrics(bool json);
  QString metricsCsv() const;
  QString metricsJson() const;
  std::vector<std::string> sourcePaths() const;
  /// Exports replace an existing file only when `overwrite`, and never a source.
  OutputPolicy exportPolicy(bool overwrite) const;
  void reportExport(const QString& path, const Expected<void>& result);

  // Menus and dialogs.
  void rebuildRecentMenu();
  void openRecent(const QString& entry);
  void showPreferences();
  void showShortcuts();
  void showAbout();
  void updateActionStates();
  void updateWindowTitle();

  Settings& m_settings;
  LanguageManager& m_languages;
  Services m_services;
  FusionController* m_fusion = nullptr;
  EngineConfig m_engineConfig;
  std::optional<EngineStatus> m_engineStatus;

  SourceState m_a;
  SourceState m_b;
  std::optional<AlignedPair> m_aligned;
  quint64 m_loadGeneration[2] = {0, 0};
  quint64 m_alignGeneration = 0;
  std::optional<FusionOutcome> m_outcome;
  /// The series DICOM export under way: its series fusion id, where it goes
  /// and the sources' metadata; the promise behind exportDicomSeriesTo's future.
  struct SeriesExport {
    quint64 id = 0;
    QString folder;
    OutputPolicy policy;
    bool anonymize = false;
    std::vector<ImageMeta> sourcesA;
    std::vector<ImageMeta> sourcesB;
    std::shared_ptr<QPromise<Expected<void>>> promise;
  };
  std::optional<SeriesExport> m_seriesExport;
  void finishSeriesExport(const Expected<void>& result);
  int m_outcomeSlice = -1;
  int m_pairSlice = 0;
  /// Slice and options key of each fusion request, by id.
  std::map<quint64, std::pair<int, std::string>> m_requests;
  std::map<std::pair<int, std::string>, FusionOutcome> m_cache;
  QString m_progressStage;
  double m_progressFraction = 0.0;
  std::optional<Error> m_lastFusionError;
  std::optional<QPointF> m_cursor;
  bool m_updatingControls = false;
  ColorMapKind m_colorMap = ColorMapKind::Hot;
  bool m_docksSized = false;
  QTimer m_sliceDebounce;

  // Views.
  ViewSync* m_sync = nullptr;
  ImageView* m_viewA = nullptr;
  ImageView* m_viewB = nullptr;
  FusedView* m_viewF = nullptr;
  ViewPanel* m_panelA = nullptr;
  ViewPanel* m_panelB = nullptr;
  ViewPanel* m_panelF = nullptr;
  QSplitter* m_viewSplitter = nullptr;
  NoticeArea* m_notices = nullptr;
  QPointer<ImageView> m_activeView;

  // Docks.
  QDockWidget* m_metricsDock = nullptr;
  QDockWidget* m_analysisDock = nullptr;
  QTabWidget* m_analysisTabs = nullptr;
  MetricsPanel* m_metricsPanel = nullptr;
  HistogramChart* m_histogram = nullptr;
  MethodComparisonChart* m_comparison = nullptr;
  ClassifierChart* m_classifier = nullptr;
  NotesPanel* m_notesPanel = nullptr;

  // Tool bar controls.
  QToolBar* m_toolBar = nullptr;
  QComboBox* m_methodCombo = nullptr;
  QComboBox* m_strategyCombo = nullptr;
  QComboBox* m_bnCombo = nullptr;
  QToolButton* m_colorMapButton = nullptr;
  QSlider* m_mixSlider = nullptr;
  QLabel* m_mixLabel = nullptr;
  QLabel* m_methodLabel = nullptr;
  QLabel* m_strategyLabel = nullptr;

  // Status bar.
  QLabel* m_stageLabel = nullptr;
  QProgressBar* m_progress = nullptr;
  QToolButton* m_cancelButton = nullptr;
  QLabel* m_readout = nullptr;
  QToolButton* m_notesButton = nullptr;
  QLabel* m_deviceLabel = nullptr;
  QLabel* m_modelLabel = nullptr;
  QLabel* m_timeLabel = nullptr;
  QLabel* m_researchNotice = nullptr;

  // Menus.
  QMenu* m_fileMenu = nullptr;
  QMenu* m_recentMenu = nullptr;
  QMenu* m_exportMenu = nullptr;
  QMenu* m_viewMenu = nullptr;
  QMenu* m_compareMenu = nullptr;
  QMenu* m_colorMapMenu = nullptr;
  QMenu* m_windowMenu = nullptr;
  QMenu* m_navigateMenu = nullptr;
  QMenu* m_panelsMenu = nullptr;
  QMenu* m_fusionMenu = nullptr;
  QMenu* m_methodMenu = nullptr;
  QMenu* m_strategyMenu = nullptr;
  QMenu* m_bnMenu = nullptr;
  QMenu* m_settingsMenu = nullptr;
  QMenu* m_languageMenu = nullptr;
  QMenu* m_helpMenu = nullptr;

  // Actions.
  QAction* m_openA = nullptr;
  QAction* m_openB = nullptr;
  QAction* m_openFolderA = nullptr;
  QAction* m_openFolderB = nullptr;
  QAction* m_openDemo = nullptr;
  QAction* m_clearRecent = nullptr;
  QAction* m_exportPng = nullptr;
  QAction* m_exportDicom = nullptr;
  QAction* m_exportDicomSeries = nullptr;
  QAction* m_exportScreenshot = nullptr;
  QAction* m_exportCsv = nullptr;
  QAction* m_exportJson = nullptr;
  QAction* m_quit = nullptr;
  QAction* m_fuseNow = nullptr;
  QAction* m_cancel = nullptr;
  QAction* m_compareMethods = nullptr;
  QAction* m_nextStrategy = nullptr;
  QAction* m_previousStrategy = nullptr;
  QAction* m_cycleBn = nullptr;
  QActionGroup* m_methodGroup = nullptr;
  QActionGroup* m_strategyGroup = nullptr;
  QActionGroup* m_bnGroup = nullptr;
  QActionGroup* m_compareGroup = nullptr;
  QActionGroup* m_colorMapGroup = nullptr;
  QActionGroup* m_partnerGroup = nullptr;
  QActionGroup* m_languageGroup = nullptr;
  QAction* m_compareActions[4] = {};
  QAction* m_partnerA = nullptr;
  QAction* m_partnerB = nullptr;
  QAction* m_togglePartner = nullptr;
  QAction* m_mixDown = nullptr;
  QAction* m_mixUp = nullptr;
  QAction* m_fit = nullptr;
  QAction* m_actualSize = nullptr;
  QAction* m_zoomIn = nullptr;
  QAction* m_zoomOut = nullptr;
  QAction* m_panLeft = nullptr;
  QAction* m_panRight = nullptr;
  QAction* m_panUp = nullptr;
  QAction* m_panDown = nullptr;
  QAction* m_previousSlice = nullptr;
  QAction* m_nextSlice = nullptr;
  QAction* m_firstSlice = nullptr;
  QAction* m_lastSlice = nullptr;
  QAction* m_crosshair = nullptr;
  QAction* m_overlay = nullptr;
  QAction* m_saliency = nullptr;
  QAction* m_fullScreen = nullptr;
  std::map<DisplayPreset, QAction*> m_presetActions;
  QAction* m_preferences = nullptr;
  QAction* m_shortcuts = nullptr;
  QAction* m_about = nullptr;
};

}  // namespace edgefuse::ui
