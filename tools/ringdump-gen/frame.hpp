// The frames ringdump-gen sends, as pure functions over memory: Ethernet [+ one 802.1Q/802.1ad tag] + IPv4 +
// UDP whose payload starts with the magic "RDSEQ" and a 64-bit big-endian sequence number, then a fixed
// byte pattern up to the requested frame size. Header-only on purpose: the namespace tests include it to
// rebuild the exact bytes they expect in a capture file and to pull the sequence number out of a frame.
// A FrameTemplate is built once per (spec, size); Write() then costs one memcpy plus a few patched words,
// which keeps the generator's fast path cheap.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <vector>

namespace ringdump::gen {

inline constexpr size_t kMinFrameSize = 60;  // Ethernet minimum without FCS
inline constexpr size_t kMaxFrameSize =
    9018;  // MTU 9000 + Ethernet header + one tag (the link must allow it)
inline constexpr char kMagic[] = {'R', 'D', 'S', 'E', 'Q'};
inline constexpr size_t kMagicSize = sizeof(kMagic);
inline constexpr size_t kMarkerSize = kMagicSize + 8;  // magic + sequence number
inline constexpr uint16_t kTpid8021Q = 0x8100;
inline constexpr uint16_t kTpid8021AD = 0x88a8;

using MacAddress = std::array<uint8_t, 6>;

struct VlanTag {
  uint16_t tpid = kTpid8021Q;
  uint16_t id = 0;       // 0..4095
  uint8_t priority = 0;  // PCP, 0..7
  uint16_t Tci() const { return static_cast<uint16_t>((priority << 13) | (id & 0x0fff)); }
};

struct FrameSpec {
  MacAddress dst_mac{0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
  MacAddress src_mac{0x02, 0x00, 0x00, 0x00, 0x00, 0x01};
  std::optional<VlanTag> vlan;
  uint32_t src_ip = 0xc6120001;  // 198.18.0.1 (host order)
  uint32_t dst_ip = 0xc6120002;  // 198.18.0.2
  uint16_t src_port = 9;
  uint16_t dst_port = 9;
};

// Bytes before the UDP payload.
inline size_t HeaderSize(const FrameSpec& spec) { return 14 + (spec.vlan ? 4 : 0) + 20 + 8; }
// The smallest frame that still holds the marker.
inline size_t MinimumSize(const FrameSpec& spec) {
  size_t min = HeaderSize(spec) + kMarkerSize;
  return min < kMinFrameSize ? kMinFrameSize : min;
}

namespace detail {
inline void Put16(uint8_t* p, uint16_t v) {
  p[0] = static_cast<uint8_t>(v >> 8);
  p[1] = static_cast<uint8_t>(v);
}
inline void Put32(uint8_t* p, uint32_t v) {
  Put16(p, static_cast<uint16_t>(v >> 16));
  Put16(p + 2, static_cast<uint16_t>(v));
}
inline void Put64(uint8_t* p, uint64_t v) {
  Put32(p, static_cast<uint32_t>(v >> 32));
  Put32(p + 4, static_cast<uint32_t>(v));
}
inline uint16_t Get16(const uint8_t* p) { return static_cast<uint16_t>((p[0] << 8) | p[1]); }
// One's complement sum of big-endian 16-bit words (odd tail padded with zero), not yet folded.
inline uint64_t SumWords(const uint8_t* p, size_t len) {
  uint64_t sum = 0;
  for (size_t i = 0; i + 1 < len; i += 2) sum += Get16(p + i);
  if (len & 1) sum += static_cast<uint64_t>(p[len - 1]) << 8;
  return sum;
}
inline uint16_t Fold(uint64_t sum) {
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<uint16_t>(sum);
}
}  // namespace detail

// The bytes of every frame of one size for one spec; only the sequence number, the IPv4 id (low 16 bits of
// the sequence) and the two checksums change from frame to frame.
class FrameTemplate {
 public:
  // size must be in [MinimumSize(spec), kMaxFrameSize]; otherwise the template is empty (valid() is false).
  FrameTemplate(const FrameSpec& spec, size_t size) {
    if (size < MinimumSize(spec) || size > kMaxFrameSize) return;
    bytes_.assign(size, 0);
    uint8_t* p = bytes_.data();
    std::memcpy(p, spec.dst_mac.data(), 6);
    std::memcpy(p + 6, spec.src_mac.data(), 6);
    size_t off = 12;
    if (spec.vlan) {
      detail::Put16(p + off, spec.vlan->tpid);
      detail::Put16(p + off + 2, spec.vlan->Tci());
      off += 4;
    }
    detail::Put16(p + off, 0x0800);
    ip_ = off + 2;
    udp_ = ip_ + 20;
    payload_ = udp_ + 8;
    uint8_t* ip = p + ip_;
    ip[0] = 0x45;
    detail::Put16(ip + 2, static_cast<uint16_t>(size - ip_));
    detail::Put16(ip + 6, 0x4000);  // don't fragment
    ip[8] = 64;
    ip[9] = 17;
    detail::Put32(ip + 12, spec.src_ip);
    detail::Put32(ip + 16, spec.dst_ip);
    uint8_t* udp = p + udp_;
    uint16_t udp_len = static_cast<uint16_t>(size - udp_);
    detail::Put16(udp, spec.src_port);
    detail::Put16(udp + 2, spec.dst_port);
    detail::Put16(udp + 4, udp_len);
    std::memcpy(p + payload_, kMagic, kMagicSize);
    for (size_t i = payload_ + kMarkerSize; i < size; ++i) {
      bytes_[i] = static_cast<uint8_t>((i * 7 + size) & 0xff);
    }
    // Pseudo header + UDP datagram except the 16-bit words that hold the sequence number (payload bytes
    // 4..13: the magic is 5 bytes, so the sequence starts at an odd offset); Write() adds those words.
    // The source port is left out too: Write() may vary it per frame (--flows).
    src_port_ = spec.src_port;
    udp_sum_ = detail::SumWords(ip + 12, 8) + 17 + udp_len + detail::SumWords(udp + 2, 6 + kSeqWordsOffset) +
               detail::SumWords(udp + 8 + kSeqWordsOffset + kSeqWordsSize,
                                udp_len - 8 - kSeqWordsOffset - kSeqWordsSize);
  }

  bool valid() const { return !bytes_.empty(); }
  size_t size() const { return bytes_.size(); }

  // Writes the frame for sequence number seq into out (size() bytes), from src_port (default: the spec's).
  void Write(uint64_t seq, uint8_t* out) const { Write(seq, src_port_, out); }
  void Write(uint64_t seq, uint16_t src_port, uint8_t* out) const {
    std::memcpy(out, bytes_.data(), bytes_.size());
    uint8_t* ip = out + ip_;
    detail::Put16(ip + 4, static_cast<uint16_t>(seq));
    detail::Put16(ip + 10, static_cast<uint16_t>(~detail::Fold(detail::SumWords(ip, 20))));
    detail::Put64(out + payload_ + kMagicSize, seq);
    detail::Put16(out + udp_, src_port);
    uint64_t sum = udp_sum_ + src_port + detail::SumWords(out + payload_ + kSeqWordsOffset, kSeqWordsSize);
    uint16_t udp_csum = static_cast<uint16_t>(~detail::Fold(sum));
    detail::Put16(out + udp_ + 6, udp_csum == 0 ? 0xffff : udp_csum);
  }

  std::vector<uint8_t> Build(uint64_t seq) const { return Build(seq, src_port_); }
  std::vector<uint8_t> Build(uint64_t seq, uint16_t src_port) const {
    std::vector<uint8_t> out(bytes_.size());
    if (valid()) Write(seq, src_port, out.data());
    return out;
  }

 private:
  static constexpr size_t kSeqWordsOffset = 4;  // even offset in the payload, covers the sequence number
  static constexpr size_t kSeqWordsSize = 10;

  std::vector<uint8_t> bytes_;
  size_t ip_ = 0, udp_ = 0, payload_ = 0;
  uint64_t udp_sum_ = 0;
  uint16_t src_port_ = 0;
};

// What a receiver can learn from a frame: its sequence number and the tag it carries (as on the wire).
struct ParsedFrame {
  uint64_t seq = 0;
  std::optional<VlanTag> vlan;
  uint16_t src_port = 0, dst_port = 0;
};

// Parses a frame built by FrameTemplate (with at most one tag); nothing if it is not one.
inline std::optional<ParsedFrame> ParseFrame(const uint8_t* p, size_t len) {
  ParsedFrame out;
  size_t off = 12;
  if (len < off + 2) return std::nullopt;
  uint16_t type = detail::Get16(p + off);
  if (type == kTpid8021Q || type == kTpid8021AD) {
    if (len < off + 6) return std::nullopt;
    uint16_t tci = detail::Get16(p + off + 2);
    out.vlan = VlanTag{type, static_cast<uint16_t>(tci & 0x0fff), static_cast<uint8_t>(tci >> 13)};
    off += 4;
    type = detail::Get16(p + off);
  }
  off += 2;
  if (type != 0x0800 || len < off + 28 + kMarkerSize || p[off] != 0x45 || p[off + 9] != 17)
    return std::nullopt;
  const uint8_t* udp = p + off + 20;
  out.src_port = detail::Get16(udp);
  out.dst_port = detail::Get16(udp + 2);
  const uint8_t* payload = udp + 8;
  if (std::memcmp(payload, kMagic, kMagicSize) != 0) return std::nullopt;
  for (size_t i = 0; i < 8; ++i) out.seq = (out.seq << 8) | payload[kMagicSize + i];
  return out;
}

}  // namespace ringdump::gen
