// Copying packet bytes into a chunk that the disk will read by DMA (O_DIRECT) and the CPU never reads again:
// non-temporal stores skip reading each destination cache line before overwriting it (the "read for
// ownership" a normal store costs) and keep the ring's next packets in the cache instead of the chunk. Short
// copies and the unaligned head and tail use memcpy. Stores made this way are weakly ordered: StreamFence()
// must run before another thread or the kernel may read the bytes (FileSink fences before publishing a
// segment). Other targets than x86-64 use memcpy.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace ringdump {

// Below this, the head/tail handling costs more than the stores save.
inline constexpr size_t kStreamCopyMin = 256;

inline void StreamCopy(uint8_t* dst, const uint8_t* src, size_t n) {
#if defined(__x86_64__)
  if (n >= kStreamCopyMin) {
    const size_t head = (64 - (reinterpret_cast<uintptr_t>(dst) & 63)) & 63;
    std::memcpy(dst, src, head);
    dst += head;
    src += head;
    n -= head;
    for (; n >= 64; n -= 64, dst += 64, src += 64) {
      const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src));
      const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + 16));
      const __m128i c = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + 32));
      const __m128i d = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + 48));
      _mm_stream_si128(reinterpret_cast<__m128i*>(dst), a);
      _mm_stream_si128(reinterpret_cast<__m128i*>(dst + 16), b);
      _mm_stream_si128(reinterpret_cast<__m128i*>(dst + 32), c);
      _mm_stream_si128(reinterpret_cast<__m128i*>(dst + 48), d);
    }
  }
#endif
  std::memcpy(dst, src, n);
}

inline void StreamFence() {
#if defined(__x86_64__)
  _mm_sfence();
#endif
}

}  // namespace ringdump
