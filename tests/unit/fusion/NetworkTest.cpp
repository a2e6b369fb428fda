// SPDX-License-Identifier: GPL-3.0-or-later

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/base/AtomicFile.h"
#include "core/fusion/ModelStore.h"
#include "core/fusion/detail/Network.h"
#include "core/fusion/detail/Weights.h"

namespace fs = std::filesystem;
using namespace edgefuse;
using namespace edgefuse::detail;

namespace {

fs::path tempDir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("edgefuse-net-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

}  // namespace

TEST(Network, RequiredTensorsDifferOnlyByTheEdgeEnhancerAndDecoder) {
  const auto dilran = requiredTensors(Architecture::DilranV5);
  const auto edge = requiredTensors(Architecture::EhDran);
  EXPECT_EQ(dilran.size(), 22u);
  EXPECT_EQ(edge.size(), 32u);
}

TEST(Network, EncodeAndDecodeShapes) {
  for (auto arch : {Architecture::DilranV5, Architecture::EhDran}) {
    FusionNetwork net = FusionNetwork::initialise(arch, 1);
    at::NoGradGuard noGrad;
    const at::Tensor x = at::rand({2, 1, 24, 40});
    const at::Tensor f = net.encode(x, BnUse::PerImage);
    EXPECT_EQ(f.sizes(), (at::IntArrayRef{2, 64, 24, 40}));
    EXPECT_EQ(net.decode(f).sizes(), (at::IntArrayRef{2, 1, 24, 40}));
  }
}

TEST(Network, PerImageBatchNormEncodesEachImageOnItsOwnStatistics) {
  FusionNetwork net = FusionNetwork::initialise(Architecture::EhDran, 3);
  at::NoGradGuard noGrad;
  const at::Tensor a = at::rand({1, 1, 32, 32});
  const at::Tensor b = at::rand({1, 1, 32, 32}) * 0.3;
  const at::Tensor both = net.encode(at::cat({a, b}, 0), BnUse::PerImage);
  EXPECT_TRUE(at::allclose(both[0], net.encode(a, BnUse::PerImage)[0], 1e-5, 1e-5));
  EXPECT_TRUE(at::allclose(both[1], net.encode(b, BnUse::PerImage)[0], 1e-5, 1e-5));
  // Training-mode BatchNorm on a batch of one is the same computation.
  FusionNetwork copy = net;
  for (auto& [key, value] : copy.tensors()) value = value.clone();
  EXPECT_TRUE(at::allclose(copy.encode(a, BnUse::Train), net.encode(a, BnUse::PerImage), 1e-5, 1e-5));
}

// The fast inference path must compute the reference forward.
TEST(Network, InferencePathEqualsTheReferenceForward) {
  for (auto arch : {Architecture::DilranV5, Architecture::EhDran}) {
    FusionNetwork net = FusionNetwork::initialise(arch, 9);
    // Non-trivial BatchNorm statistics and affine parameters.
    at::manual_seed(3);
    net.tensors()["fe.fe.bnorm1.running_mean"] = at::randn({64}) * 0.3;
    net.tensors()["fe.fe.bnorm1.running_var"] = at::rand({64}) + 0.5;
    net.tensors()["fe.fe.bnorm1.weight"] = at::rand({64}) + 0.5;
    net.tensors()["fe.fe.bnorm1.bias"] = at::randn({64}) * 0.1;
    net.prepareInference();
    at::InferenceMode guard;
    const at::Tensor x = at::rand({2, 1, 40, 56});
    for (auto bn : {BnUse::Running, BnUse::PerImage}) {
      const at::Tensor reference = net.encode(x, bn);
      const at::Tensor fast = net.encodeInference(x, bn);
      const double scale = reference.abs().max().item<double>();
      EXPECT_LE((fast - reference).abs().max().item<double>(), 1e-5 * std::max(1.0, scale))
          << architectureName(arch) << (bn == BnUse::Running ? " running" : " batch");
    }
  }
}

TEST(Network, TrainModeUpdatesRunningStatisticsTwicePerForward) {
  FusionNetwork net = FusionNetwork::initialise(Architecture::DilranV5, 5);
  at::NoGradGuard noGrad;
  const at::Tensor before = net.tensors().at("fe.fe.bnorm1.running_var").clone();
  net.encode(at::rand({1, 1, 16, 16}), BnUse::Train);
  const at::Tensor after = net.tensors().at("fe.fe.bnorm1.running_var");
  EXPECT_FALSE(at::allclose(before, after));
  // Running mode must leave them alone.
  const at::Tensor snapshot = after.clone();
  net.encode(at::rand({1, 1, 16, 16}), BnUse::Running);
  EXPECT_TRUE(at::equal(snapshot, net.tensors().at("fe.fe.bnorm1.running_var")));
}

TEST(Network, FlopCountOfEhDranAt256) {
  const double encode = FusionNetwork::encodeFlops(Architecture::EhDran, 256, 256);
  const double decode = FusionNetwork::decodeFlops(Architecture::EhDran, 256, 256);
  // Eleven 64→64-equivalent 3×3 convolutions of 4.83 GFLOP plus the 1×1s.
  EXPECT_NEAR(encode / 1e9, 56.5, 1.0);
  EXPECT_NEAR((2 * encode + decode) / 1e9, 120.0, 2.0);
}

TEST(Network, DetectsArchitectureFromKeys) {
  EXPECT_EQ(*detectArchitecture(FusionNetwork::initialise(Architecture::EhDran, 1).tensors()), Architecture::EhDran);
  EXPECT_EQ(*detectArchitecture(FusionNetwork::initialise(Architecture::DilranV5, 1).tensors()),
            Architecture::DilranV5);
  std::map<std::string, at::Tensor> unrelated{{"conv.weight", at::zeros({1})}};
  EXPECT_FALSE(detectArchitecture(unrelated));
}

TEST(Network, ValidationNamesTheMissingOrMisshapedKey) {
  auto tensors = FusionNetwork::initialise(Architecture::EhDran, 1).tensors();
  auto missing = tensors;
  missing.erase("fe.edge_enhance.convup.conv.bias");
  auto r1 = validateTensors(Architecture::EhDran, missing, "x.pt");
  ASSERT_FALSE(r1);
  EXPECT_NE(r1.error().message.find("fe.edge_enhance.convup.conv.bias"), std::string::npos);
  auto misshaped = tensors;
  misshaped["fe.fe.reduce.weight"] = at::zeros({64, 128, 1, 1});
  auto r2 = validateTensors(Architecture::EhDran, misshaped, "x.pt");
  ASSERT_FALSE(r2);
  EXPECT_NE(r2.error().message.find("fe.fe.reduce.weight"), std::string::npos);
  EXPECT_NE(r2.error().message.find("[64,128,1,1]"), std::string::npos);
  auto nan = tensors;
  nan["fe.conv1.bias"] = at::full({64}, std::nanf(""));
  EXPECT_FALSE(validateTensors(Architecture::EhDran, nan, "x.pt"));
}

TEST(ModelStore, ModelFolderRoundTripAndChecksum) {
  const fs::path dir = tempDir("folder");
  FusionNetwork net = FusionNetwork::initialise(Architecture::EhDran, 11);
  ModelCard card;
  card.name = "test-model";
  card.version = "0.0.1";
  card.bnMode = BnMode::Batch;
  card.extraJson = R"({"training": {"note": "random weights for a test"}})";
  auto sha = saveModelFolder(dir.string(), net, card);
  ASSERT_TRUE(sha) << sha.error().describe();
  auto info = resolveModel(dir.string());
  ASSERT_TRUE(info) << info.error().describe();
  EXPECT_EQ(info->name, "test-model");
  EXPECT_EQ(info->architecture, "eh-dran");
  EXPECT_EQ(info->bnMode, BnMode::Batch);
  EXPECT_EQ(info->sha256, *sha);
  auto loaded = loadModel(dir.string());
  ASSERT_TRUE(loaded);
  for (const auto& [key, value] : net.tensors()) {
    EXPECT_TRUE(at::equal(value, loaded->second.tensors().at(key))) << key;
  }
  // Tamper with the weights: the checksum must catch it.
  {
    std::ofstream out(dir / "weights.pt", std::ios::binary | std::ios::app);
    out << "x";
  }
  auto tampered = resolveModel(dir.string());
  ASSERT_FALSE(tampered);
  EXPECT_EQ(tampered.error().code, ErrorCode::ChecksumMismatch);
  fs::remove_all(dir);
}

TEST(ModelStore, ClearErrorsForBadFiles) {
  const fs::path dir = tempDir("bad");
  ASSERT_TRUE(writeFileAtomically((dir / "text.pt").string(), "this is not a weights file"));
  auto text = resolveModel((dir / "text.pt").string());
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().code, ErrorCode::ModelInvalid);
  EXPECT_EQ(text.error().context, (dir / "text.pt").string());

  FusionNetwork net = FusionNetwork::initialise(Architecture::DilranV5, 2);
  ASSERT_TRUE(saveTensorDict((dir / "full.pt").string(), net.tensors()));
  auto bytes = readFile((dir / "full.pt").string());
  ASSERT_TRUE(writeFileAtomically((dir / "truncated.pt").string(), bytes->substr(0, bytes->size() / 2)));
  auto truncated = resolveModel((dir / "truncated.pt").string());
  ASSERT_FALSE(truncated);
  EXPECT_EQ(truncated.error().code, ErrorCode::ModelInvalid);

  auto imported = resolveModel((dir / "full.pt").string());
  ASSERT_TRUE(imported) << imported.error().describe();
  EXPECT_EQ(imported->architecture, "dilran-v5");
  EXPECT_EQ(imported->origin, "imported");

  auto missing = resolveModel((dir / "nope.pt").string());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::ModelNotFound);
  auto unknownName = resolveModel("no-such-model-name");
  ASSERT_FALSE(unknownName);
  EXPECT_EQ(unknownName.error().code, ErrorCode::ModelNotFound);
  fs::remove_all(dir);
}
