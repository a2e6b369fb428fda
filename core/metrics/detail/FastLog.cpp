#include "core/metrics/detail/FastLog.h"

#include <cmath>

namespace edgefuse::metrics_detail {

Log2Table::Log2Table() {
  for (int i = 0; i < 128; ++i) {
    const double point = 1.0 + i / 128.0;
    log2Point[i] = std::log2(point);
    inversePoint[i] = 1.0 / point;
  }
}

const Log2Table kLog2Table;

}  // namespace edgefuse::metrics_detail
