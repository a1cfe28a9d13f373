// StreamCopy (non-temporal stores into O_DIRECT chunks): every length and every alignment of source and
// destination copies exactly the bytes asked for and touches nothing around them.
#include "stream_copy.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace ringdump {
namespace {

TEST(StreamCopy, EveryLengthAndAlignmentCopiesExactly) {
  std::vector<uint8_t> src(4096 + 128);
  for (size_t i = 0; i < src.size(); ++i) src[i] = static_cast<uint8_t>(i * 7 + 3);
  alignas(64) static uint8_t dst[4096 + 256];
  for (size_t n : {0, 1, 63, 64, 65, 255, 256, 257, 1500, 1514, 4000}) {
    for (size_t dst_off = 0; dst_off < 64; dst_off += 5) {
      for (size_t src_off = 0; src_off < 64; src_off += 13) {
        std::memset(dst, 0xee, sizeof dst);
        StreamCopy(dst + 64 + dst_off, src.data() + src_off, n);
        StreamFence();
        for (size_t i = 0; i < 64 + dst_off; ++i) ASSERT_EQ(dst[i], 0xee) << "before, n=" << n;
        for (size_t i = 0; i < n; ++i)
          ASSERT_EQ(dst[64 + dst_off + i], src[src_off + i]) << "n=" << n << " dst_off=" << dst_off << " i=" << i;
        for (size_t i = 64 + dst_off + n; i < sizeof dst; ++i) ASSERT_EQ(dst[i], 0xee) << "after, n=" << n;
      }
    }
  }
}

}  // namespace
}  // namespace ringdump
