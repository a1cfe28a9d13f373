// Encoding of pcapng blocks (see pcapng_format.hpp). Every block is: type, total length, body, options,
// total length again; options are (code, length, value padded to 4) and end with opt_endofopt. Sizes are
// computed by the same option walk that writes, so Size and Encode cannot disagree.
#include "pcapng_format.hpp"

#include <cstring>
#include <string_view>

namespace ringdump {
namespace {

constexpr uint16_t kOptEndOfOpt = 0;
constexpr uint16_t kShbHardware = 2;
constexpr uint16_t kShbOs = 3;
constexpr uint16_t kShbUserAppl = 4;
constexpr uint16_t kIfName = 2;
constexpr uint16_t kIfDescription = 3;
constexpr uint16_t kIfTsresol = 9;
constexpr uint16_t kIfFilter = 11;
constexpr uint16_t kEpbFlags = 2;
constexpr uint16_t kIsbStartTime = 2;
constexpr uint16_t kIsbEndTime = 3;
constexpr uint16_t kIsbIfRecv = 4;
constexpr uint16_t kIsbIfDrop = 5;
constexpr uint16_t kIsbFilterAccept = 6;
constexpr uint16_t kIsbOsDrop = 7;
constexpr uint16_t kIsbUsrDeliv = 8;
constexpr uint32_t kDefaultSnaplen = 262144;

constexpr size_t Pad4(size_t n) { return (n + 3) & ~size_t{3}; }

template <typename T>
uint8_t* Put(uint8_t* out, T value) {
  std::memcpy(out, &value, sizeof(value));
  return out + sizeof(value);
}

// Writes `n` bytes and zero padding up to a multiple of 4.
uint8_t* PutPadded(uint8_t* out, const void* data, size_t n) {
  if (n != 0) std::memcpy(out, data, n);
  std::memset(out + n, 0, Pad4(n) - n);
  return out + Pad4(n);
}

// Walks the options of a block twice: once with out == nullptr to count bytes, once to write them.
class OptionWriter {
 public:
  explicit OptionWriter(uint8_t* out) : out_(out) {}

  void Bytes(uint16_t code, const void* data, size_t n) {
    size_ += 4 + Pad4(n);
    if (out_ == nullptr) return;
    out_ = Put<uint16_t>(out_, code);
    out_ = Put<uint16_t>(out_, static_cast<uint16_t>(n));
    out_ = PutPadded(out_, data, n);
  }
  void Text(uint16_t code, std::string_view text) {
    if (!text.empty()) Bytes(code, text.data(), text.size());
  }
  template <typename T>
  void Value(uint16_t code, T value) {
    Bytes(code, &value, sizeof(value));
  }
  // opt_endofopt: a code and a zero length, no value.
  void EndOfOptions() {
    size_ += 4;
    if (out_ == nullptr) return;
    out_ = Put<uint16_t>(out_, kOptEndOfOpt);
    out_ = Put<uint16_t>(out_, 0);
  }

  size_t size() const { return size_; }

 private:
  uint8_t* out_;
  size_t size_ = 0;
};

uint64_t Ticks(int64_t sec, uint32_t nsec, TimestampPrecision precision) {
  if (precision == TimestampPrecision::kNano) return static_cast<uint64_t>(sec) * 1000000000u + nsec;
  return static_cast<uint64_t>(sec) * 1000000u + nsec / 1000;
}

uint8_t* PutTicks(uint8_t* out, uint64_t ticks) {
  out = Put<uint32_t>(out, static_cast<uint32_t>(ticks >> 32));
  return Put<uint32_t>(out, static_cast<uint32_t>(ticks));
}

// The options of each block type, written (or counted) through one function each.
size_t SectionOptions(uint8_t* out, const PcapngSection& s) {
  OptionWriter w(out);
  w.Text(kShbHardware, s.hardware);
  w.Text(kShbOs, s.os);
  w.Text(kShbUserAppl, s.application);
  if (w.size() != 0) w.EndOfOptions();  // a block without options may leave it out
  return w.size();
}

size_t InterfaceOptions(uint8_t* out, const PcapngInterface& i) {
  OptionWriter w(out);
  w.Text(kIfName, i.name);
  w.Text(kIfDescription, i.description);
  if (!i.filter.empty()) {
    // if_filter: one byte of filter type (0: a libpcap filter string), then the string.
    std::string value(1, '\0');
    value += i.filter;
    w.Bytes(kIfFilter, value.data(), value.size());
  }
  // if_tsresol: the default is microseconds (6); written anyway, so readers need not assume.
  w.Value<uint8_t>(kIfTsresol, i.precision == TimestampPrecision::kNano ? 9 : 6);
  w.EndOfOptions();
  return w.size();
}

size_t StatisticsOptions(uint8_t* out, const PcapngInterfaceStats& s, TimestampPrecision precision) {
  OptionWriter w(out);
  if (s.start_sec) {
    // isb_starttime: high 32 bits first, like the block's own timestamp.
    const uint64_t t = Ticks(*s.start_sec, s.start_nsec, precision);
    const uint32_t parts[2] = {static_cast<uint32_t>(t >> 32), static_cast<uint32_t>(t)};
    w.Bytes(kIsbStartTime, parts, sizeof(parts));
    // isb_endtime: the counters cover [start, when they were read]; the block's timestamp is that end.
    const uint64_t end = Ticks(s.sec, s.nsec, precision);
    const uint32_t end_parts[2] = {static_cast<uint32_t>(end >> 32), static_cast<uint32_t>(end)};
    w.Bytes(kIsbEndTime, end_parts, sizeof(end_parts));
  }
  if (s.received) w.Value<uint64_t>(kIsbIfRecv, *s.received);
  if (s.if_dropped) w.Value<uint64_t>(kIsbIfDrop, *s.if_dropped);
  if (s.filter_accepted) w.Value<uint64_t>(kIsbFilterAccept, *s.filter_accepted);
  if (s.os_dropped) w.Value<uint64_t>(kIsbOsDrop, *s.os_dropped);
  if (s.delivered) w.Value<uint64_t>(kIsbUsrDeliv, *s.delivered);
  if (w.size() != 0) w.EndOfOptions();  // a block without options may leave it out
  return w.size();
}

uint8_t* BlockStart(uint8_t* out, uint32_t type, size_t total) {
  out = Put<uint32_t>(out, type);
  return Put<uint32_t>(out, static_cast<uint32_t>(total));
}

}  // namespace

size_t PcapngSectionHeaderSize(const PcapngSection& section) {
  return 12 + 16 + SectionOptions(nullptr, section);  // type, length, magic, version, section length
}

uint8_t* EncodePcapngSectionHeader(uint8_t* out, const PcapngSection& section) {
  const size_t total = PcapngSectionHeaderSize(section);
  out = BlockStart(out, kPcapngSectionHeaderBlock, total);
  out = Put<uint32_t>(out, kPcapngByteOrderMagic);
  out = Put<uint16_t>(out, 1);  // major version
  out = Put<uint16_t>(out, 0);  // minor version
  out = Put<int64_t>(out, -1);  // section length unknown: the file is written as a stream
  out += SectionOptions(out, section);
  return Put<uint32_t>(out, static_cast<uint32_t>(total));
}

size_t PcapngInterfaceDescriptionSize(const PcapngInterface& interface) {
  return 12 + 8 + InterfaceOptions(nullptr, interface);
}

uint8_t* EncodePcapngInterfaceDescription(uint8_t* out, const PcapngInterface& interface) {
  const size_t total = PcapngInterfaceDescriptionSize(interface);
  out = BlockStart(out, kPcapngInterfaceDescriptionBlock, total);
  out = Put<uint16_t>(out, static_cast<uint16_t>(interface.link_type));
  out = Put<uint16_t>(out, 0);  // reserved
  out = Put<uint32_t>(out, interface.snaplen == 0 ? kDefaultSnaplen : interface.snaplen);
  out += InterfaceOptions(out, interface);
  return Put<uint32_t>(out, static_cast<uint32_t>(total));
}

size_t PcapngInterfaceStatisticsSize(const PcapngInterfaceStats& stats) {
  return 12 + 12 + StatisticsOptions(nullptr, stats, TimestampPrecision::kMicro);
}

uint8_t* EncodePcapngInterfaceStatistics(uint8_t* out, const PcapngInterfaceStats& stats,
                                         TimestampPrecision precision) {
  const size_t total = PcapngInterfaceStatisticsSize(stats);
  out = BlockStart(out, kPcapngInterfaceStatisticsBlock, total);
  out = Put<uint32_t>(out, stats.interface_id);
  out = PutTicks(out, Ticks(stats.sec, stats.nsec, precision));
  out += StatisticsOptions(out, stats, precision);
  return Put<uint32_t>(out, static_cast<uint32_t>(total));
}

PcapngInterfaceStats PcapngStatsFromCapture(const QueueStats& total, bool kernel_filter, int64_t start_sec,
                                            uint32_t start_nsec, int64_t now_sec, uint32_t now_nsec,
                                            uint32_t interface_id) {
  PcapngInterfaceStats s;
  s.interface_id = interface_id;
  s.sec = now_sec;
  s.nsec = now_nsec;
  s.start_sec = start_sec;
  s.start_nsec = start_nsec;
  s.received = total.kernel_received;
  s.if_dropped = total.kernel_dropped;
  s.os_dropped = total.sink_dropped;
  s.delivered = total.packets_written;
  if (kernel_filter) s.filter_accepted = total.kernel_received;
  return s;
}

uint32_t PcapngEpbFlags(const PacketView& packet) {
  switch (packet.direction) {
    case Direction::kUnknown:
      return 0;
    case Direction::kOutbound:
      return kEpbFlagOutbound;
    case Direction::kInbound:
      break;
  }
  // Reception type (bits 2-4): 1 unicast, 2 multicast, 3 broadcast, 4 promiscuous. sll_pkttype values:
  // PACKET_HOST 0, PACKET_BROADCAST 1, PACKET_MULTICAST 2, PACKET_OTHERHOST 3.
  uint32_t reception = 0;
  switch (packet.pkttype) {
    case 0:
      reception = 1;
      break;
    case 1:
      reception = 3;
      break;
    case 2:
      reception = 2;
      break;
    case 3:
      reception = 4;
      break;
    default:
      break;
  }
  return kEpbFlagInbound | (reception << 2);
}

uint8_t* EncodePcapngEnhancedPacket(uint8_t* out, const PacketView& packet, uint32_t interface_id,
                                    TimestampPrecision precision) {
  const size_t total = PcapngEnhancedPacketSize(packet);
  out = BlockStart(out, kPcapngEnhancedPacketBlock, total);
  out = Put<uint32_t>(out, interface_id);
  out = PutTicks(out, Ticks(packet.sec, packet.nsec, precision));
  out = Put<uint32_t>(out, packet.caplen);
  out = Put<uint32_t>(out, packet.len);
  out = PutPadded(out, packet.data, packet.caplen);
  if (packet.direction != Direction::kUnknown) {
    out = Put<uint16_t>(out, kEpbFlags);
    out = Put<uint16_t>(out, 4);
    out = Put<uint32_t>(out, PcapngEpbFlags(packet));
    out = Put<uint16_t>(out, kOptEndOfOpt);
    out = Put<uint16_t>(out, 0);
  }
  return Put<uint32_t>(out, static_cast<uint32_t>(total));
}

}  // namespace ringdump
