// SPDX-License-Identifier: GPL-3.0-or-later
// Calibration of the alignment gate on every AANLIB pair (label realdata):
// the scores of aligned pairs, of pairs misaligned by 5-10 mm or 5-10° and of
// pairs of two different patients, and the share the default threshold
// passes or refuses (the table in docs/registration.md, "The alignment
// gate"). The issue's target (aligned pass >= 98 %, misaligned and other
// patients refused >= 98 % and 100 %) is not reached by the score on single
// AANLIB slices: this test prints where it stands and guards the direction
// the score must keep (aligned above misaligned above other patients).

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <map>
#include <random>

#include "RegistrationSupport.h"
#include "core/image/CaseId.h"
#include "core/registration/AlignmentScore.h"
#include "core/registration/Resample.h"
#include "support/TestSupport.h"

namespace edgefuse {
namespace {

using test::kDegree;

// B moved by `move` (about A's centre) on A's own grid, scored against A.
double scoreMoved(const Volume& a, const Volume& b, const AffineTransform& move) {
  auto moved = resampleVolume(b, a.geometry, move);
  if (!moved) return -1.0;
  return scoreAlignment(a, *moved).score;
}

double quantile(std::vector<double> values, double q) {
  std::sort(values.begin(), values.end());
  return values[static_cast<std::size_t>(q * static_cast<double>(values.size() - 1) + 0.5)];
}

TEST(GateCalibrationTest, AlignedPassMisalignedAndOtherPatientsAreRefused) {
  EDGEFUSE_REQUIRE_SHARED(shared);
  std::mt19937 random(2612);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::vector<double> aligned, misaligned, otherPatient;
  std::size_t pairs = 0;
  for (const auto& [kind, other] :
       {std::pair{"CT-MRI", "CT"}, std::pair{"PET-MRI", "PET"}, std::pair{"SPECT-MRI", "SPECT"}}) {
    const std::string root = shared + "/data/aanlib/" + kind + "/";
    const auto names = test::pairNames(root + "MRI", root + other);
    ASSERT_FALSE(names.empty()) << root;
    // For the other-patient pairs: each MRI with the B of another case whose
    // slice number is closest (the same level of the head as far as the
    // data allow).
    std::map<int, std::vector<std::string>> byCase;
    for (const auto& name : names) byCase[caseIdOf(name)].push_back(name);
    auto sliceOf = [](const std::string& name) { return std::stoi(name.substr(0, name.size() - 4)) % 1000; };
    for (const auto& name : names) {
      const Volume a = test::readSliceVolume(root + "MRI/" + name);
      const Volume b = test::readSliceVolume(root + other + "/" + name);
      ASSERT_FALSE(a.empty() || b.empty()) << name;
      ++pairs;
      const Vec3 centre = a.geometry.centre();
      // Aligned, as a user's pair arrives after resampling: within half a
      // pixel, in a random direction.
      const double phi = 2 * 3.14159265358979 * unit(random);
      aligned.push_back(
          scoreMoved(a, b, AffineTransform::rigid({0, 0, 0}, {0.5 * std::cos(phi), 0.5 * std::sin(phi), 0}, centre)));
      // Misaligned: 5–10 mm in a random direction, or 5–10° either way,
      // alternately.
      const double size = 5.0 + 5.0 * unit(random);
      const double psi = 2 * 3.14159265358979 * unit(random);
      const auto move =
          pairs % 2 ? AffineTransform::rigid({0, 0, 0}, {size * std::cos(psi), size * std::sin(psi), 0})
                    : AffineTransform::rigid({0, 0, (unit(random) < 0.5 ? -1 : 1) * size * kDegree}, {0, 0, 0}, centre);
      misaligned.push_back(scoreMoved(a, b, move));
      // Another patient.
      std::string nearest;
      int gap = 1 << 30;
      for (const auto& [id, list] : byCase) {
        if (id == caseIdOf(name)) continue;
        for (const auto& candidate : list) {
          const int g = std::abs(sliceOf(candidate) - sliceOf(name));
          if (g < gap) {
            gap = g;
            nearest = candidate;
          }
        }
      }
      if (nearest.empty()) continue;
      const Volume stranger = test::readSliceVolume(root + other + "/" + nearest);
      otherPatient.push_back(scoreMoved(a, stranger, AffineTransform::identity()));
    }
  }
  const double threshold = kDefaultGateThreshold;
  auto share = [threshold](const std::vector<double>& scores, bool passing) {
    const auto n =
        std::count_if(scores.begin(), scores.end(), [&](double s) { return passing ? s >= threshold : s < threshold; });
    return static_cast<double>(n) / static_cast<double>(scores.size());
  };
  std::cout << std::fixed << std::setprecision(3) << pairs << " pairs\n";
  for (const auto& [label, scores] :
       {std::pair{"aligned (<= 0.5 mm)", &aligned}, std::pair{"misaligned (5-10 mm or 5-10 deg)", &misaligned},
        std::pair{"another patient", &otherPatient}}) {
    std::cout << label << ": n " << scores->size() << ", min " << quantile(*scores, 0.0) << ", 2% "
              << quantile(*scores, 0.02) << ", median " << quantile(*scores, 0.5) << ", 98% " << quantile(*scores, 0.98)
              << ", max " << quantile(*scores, 1.0) << "\n";
  }
  std::cout << "threshold " << threshold << ": aligned passed " << share(aligned, true) << ", misaligned refused "
            << share(misaligned, false) << ", other patients refused " << share(otherPatient, false) << "\n";
  EXPECT_GT(quantile(aligned, 0.5), quantile(misaligned, 0.5));
  EXPECT_GT(quantile(misaligned, 0.5), quantile(otherPatient, 0.5));
  EXPECT_GE(share(otherPatient, false), 0.99);
}

}  // namespace
}  // namespace edgefuse
