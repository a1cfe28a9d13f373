// FirstPacketTime: a bounded walk over the head of a capture file (see first_packet_time.hpp). Every length
// is checked against what was read; a malformed or unfinished head gives nothing rather than a guess.
#include "first_packet_time.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstring>
#include <vector>

#include "pcapng_format.hpp"
#include "sys/unique_fd.hpp"

namespace ringdump {
namespace {

constexpr uint32_t kPcapMicro = 0xA1B2C3D4, kPcapNano = 0xA1B23C4D;
constexpr uint32_t kObsoletePacketBlock = 2;
constexpr uint16_t kOptionEnd = 0, kIfTsresol = 9;

uint32_t Load32(const uint8_t* p, bool swap) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return swap ? __builtin_bswap32(v) : v;
}
uint16_t Load16(const uint8_t* p, bool swap) {
  uint16_t v;
  std::memcpy(&v, p, 2);
  return swap ? __builtin_bswap16(v) : v;
}

using Kind = FirstPacket::Kind;
constexpr FirstPacket kUnknown{Kind::kUnknown, {}};

FirstPacket FromPcap(std::span<const uint8_t> head, bool whole, bool swap, bool nano) {
  if (whole && head.size() == 24) return {Kind::kNone, {}};
  if (head.size() < 24 + 8) return kUnknown;
  const uint32_t sec = Load32(head.data() + 24, swap), frac = Load32(head.data() + 28, swap);
  if (frac >= (nano ? 1000000000u : 1000000u)) return kUnknown;
  return {Kind::kPacket, FileTime{sec, nano ? frac : frac * 1000}};
}

// if_tsresol: 10^-v (high bit clear) or 2^-v (set) seconds per tick.
uint64_t TicksPerSecond(uint8_t v) {
  const bool binary = v & 0x80;
  const uint8_t e = v & 0x7f;
  if (binary) return e < 64 ? uint64_t{1} << e : 0;
  uint64_t t = 1;
  for (uint8_t i = 0; i < e; ++i) {
    if (t > UINT64_MAX / 10) return 0;
    t *= 10;
  }
  return t;
}

uint64_t InterfaceTicks(const uint8_t* body, const uint8_t* end, bool swap) {
  uint64_t ticks = 1000000;  // the default: microseconds
  for (const uint8_t* p = body + 8; end - p >= 4;) {
    const uint16_t code = Load16(p, swap), len = Load16(p + 2, swap);
    if (code == kOptionEnd || end - p - 4 < len) break;
    if (code == kIfTsresol && len >= 1) ticks = TicksPerSecond(p[4]);
    p += 4 + ((len + 3u) & ~3u);
  }
  return ticks;
}

FirstPacket FromPcapng(std::span<const uint8_t> head, bool whole) {
  if (head.size() < 12) return kUnknown;
  const uint8_t* const start = head.data();
  const bool swap = Load32(start + 8, false) != kPcapngByteOrderMagic;
  if (swap && Load32(start + 8, true) != kPcapngByteOrderMagic) return kUnknown;
  std::vector<uint64_t> ticks;  // per interface of the (first) section
  for (size_t off = 0; head.size() - off >= 12;) {
    const uint32_t type = Load32(start + off, swap), len = Load32(start + off + 4, swap);
    if (len < 12 || len % 4 != 0 || len > head.size() - off) return kUnknown;
    const uint8_t* body = start + off + 8;
    const uint8_t* end = start + off + len - 4;
    if (type == kPcapngInterfaceDescriptionBlock && end - body >= 8) {
      ticks.push_back(InterfaceTicks(body, end, swap));
    } else if ((type == kPcapngEnhancedPacketBlock || type == kObsoletePacketBlock) && end - body >= 12) {
      const uint32_t id = type == kObsoletePacketBlock ? Load16(body, swap) : Load32(body, swap);
      if (id >= ticks.size() || ticks[id] == 0) return kUnknown;
      const uint64_t t = (uint64_t{Load32(body + 4, swap)} << 32) | Load32(body + 8, swap);
      return {Kind::kPacket, FileTime{static_cast<int64_t>(t / ticks[id]),
                                      static_cast<uint32_t>((t % ticks[id]) * 1000000000 / ticks[id])}};
    }
    off += len;
    if (whole && off == head.size()) return {Kind::kNone, {}};  // every block read, none a packet
  }
  return kUnknown;
}

}  // namespace

FirstPacket FindFirstPacket(std::span<const uint8_t> head, bool whole) {
  if (head.size() < 4) return kUnknown;
  const uint32_t magic = Load32(head.data(), false);
  if (magic == kPcapngSectionHeaderBlock) return FromPcapng(head, whole);
  for (bool swap : {false, true}) {
    const uint32_t m = swap ? __builtin_bswap32(magic) : magic;
    if (m == kPcapMicro || m == kPcapNano) return FromPcap(head, whole, swap, m == kPcapNano);
  }
  return kUnknown;
}

FirstPacket ReadFirstPacket(const std::string& path) {
  const sys::UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (!fd.valid()) return kUnknown;
  std::vector<uint8_t> head(kFirstPacketHeadBytes);
  size_t got = 0;
  while (got < head.size()) {
    const ssize_t n = ::pread(fd.get(), head.data() + got, head.size() - got, static_cast<off_t>(got));
    if (n < 0) return kUnknown;
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  return FindFirstPacket(std::span<const uint8_t>(head.data(), got), got < head.size());
}

}  // namespace ringdump
