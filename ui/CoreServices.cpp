// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/CoreServices.h"

#include <memory>
#include <mutex>
#include <optional>

#include "core/classify/Classifier.h"
#include "core/classify/ClassifierModel.h"
#include "core/metrics/MetricCatalogue.h"
#include "core/metrics/MetricReport.h"
#include "core/pipeline/Export.h"

namespace edgefuse::ui {

namespace {

MetricsService metricsService() {
  MetricsService service;
  service.compute = [](const FusionResult& r) -> Expected<MetricValues> {
    auto report = computeMetrics(r.inputA, r.inputB, r.fusedLuma);
    if (!report) return tl::unexpected(report.error());
    return report->values;
  };
  for (const MetricInfo& info : metricCatalogue()) service.conventions[info.key] = info.convention;
  return service;
}

// The classifier is loaded once, by the first classification (on the fusion
// worker, which is the only caller); a failed load is kept and reported. The
// mutex covers loading and use: Classifier is not thread-safe.
struct LazyClassifier {
  std::string model;
  std::mutex mutex;
  std::optional<Expected<std::unique_ptr<Classifier>>> loaded;

  Expected<Classification> classify(const Image& image, ClassifiedImage which) {
    std::lock_guard<std::mutex> lock(mutex);
    if (!loaded) {
      ClassifierConfig config;
      config.model = model;
      loaded = Classifier::load(config);
    }
    if (!*loaded) return tl::unexpected(loaded->error());
    ClassifyOptions options;
    options.saliency = true;
    // A is the anatomical image (MRI unless the file says otherwise); B the
    // second modality unless the file says it is MR.
    const std::string& modality = image.meta.modality;
    switch (which) {
      case ClassifiedImage::SourceA:
        options.kind = (modality.empty() || modality == "MR") ? ImageKind::MriSource : ImageKind::OtherSource;
        break;
      case ClassifiedImage::SourceB:
        options.kind = modality == "MR" ? ImageKind::MriSource : ImageKind::OtherSource;
        break;
      case ClassifiedImage::Fused:
        options.kind = ImageKind::Fused;
        break;
    }
    auto result = (**loaded)->classify(image, options);
    if (!result) return tl::unexpected(result.error());
    Classification out;
    for (const auto& p : result->probabilities) out.classes.push_back({p.label, p.probability});
    out.model = result->model;
    out.note = result->note;
    out.outOfDistribution = result->outOfDistribution;
    out.noStructure = result->noStructure;
    out.saliency = std::move(result->saliency);
    out.saliencyMethod = result->saliencyMethod;
    return out;
  }
};

ClassifierService classifierService(const std::string& model) {
  ClassifierService service;
  auto state = std::make_shared<LazyClassifier>();
  state->model = model;
  service.classify = [state](const Image& image, ClassifiedImage which) { return state->classify(image, which); };
  if (auto info = resolveClassifierModel(model.empty() ? kDefaultClassifierName : model)) {
    service.modelCardPath = info->modelCardPath;
  }
  return service;
}

Expected<std::vector<std::string>> exportDicom(const DicomExportRequest& request) {
  OutputPolicy policy = request.policy;
  std::vector<ImageMeta> sources = request.sourcesA;
  sources.insert(sources.end(), request.sourcesB.begin(), request.sourcesB.end());
  for (const std::string& p : protectedSourcePaths(sources)) policy.protectedPaths.push_back(p);
  auto report = exportFusedDicom(request.results, request.sourcesA, request.sourcesB, request.outputPath,
                                 request.anonymize, policy);
  if (!report) return tl::unexpected(report.error());
  return report->files;
}

}  // namespace

Services makeCoreServices(const std::string& classifierModel) {
  Services services;
  services.metrics = metricsService();
  services.classifier = classifierService(classifierModel);
  services.dicomExport = exportDicom;
  return services;
}

}  // namespace edgefuse::ui
