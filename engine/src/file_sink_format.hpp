// The record formats FileSink writes, behind a static interface (Size, Encode) so the hot path is compiled
// once per format, without a virtual call or a branch per packet; and the bytes that open a file of each.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "pcap_format.hpp"
#include "pcapng_format.hpp"
#include "ringdump/config.hpp"
#include "ringdump/packet.hpp"
#include "stream_copy.hpp"

namespace ringdump {

struct PcapRecords {
  static size_t Size(const PacketView& packet) { return PcapRecordSize(packet); }
  static uint8_t* Encode(uint8_t* out, const PacketView& packet, TimestampPrecision precision) {
    return EncodePcapRecord(out, packet, precision);
  }
};

// pcap records whose packet bytes go in with non-temporal stores (stream_copy.hpp): for chunks written with
// O_DIRECT, which the CPU does not read again.
struct PcapStreamRecords {
  static size_t Size(const PacketView& packet) { return PcapRecordSize(packet); }
  static uint8_t* Encode(uint8_t* out, const PacketView& packet, TimestampPrecision precision) {
    out = EncodePcapRecordHeader(out, packet, precision);
    StreamCopy(out, packet.data, packet.caplen);
    return out + packet.caplen;
  }
};

// Enhanced packet blocks on the packet's interface (PacketView::interface_id: 0 unless several interfaces
// deliver into one file).
struct PcapngRecords {
  static size_t Size(const PacketView& packet) { return PcapngEnhancedPacketSize(packet); }
  static uint8_t* Encode(uint8_t* out, const PacketView& packet, TimestampPrecision precision) {
    return EncodePcapngEnhancedPacket(out, packet, packet.interface_id, precision);
  }
};

// Of the records laid end to end from stream offset `from` in `data` (whose first byte is stream offset
// `base`), the end of the last one that ends at or before `limit`, and how many there are up to it. The
// records' own length fields are read: a pcap record is 16 bytes + caplen, a pcapng block says its length.
struct WholeRecords {
  uint64_t end = 0;
  uint64_t count = 0;
};
inline WholeRecords LastWholeRecord(FileFormat format, const uint8_t* data, uint64_t base, uint64_t from,
                                    uint64_t limit) {
  WholeRecords whole{from, 0};
  uint64_t at = from;
  while (at + 16 <= limit) {
    uint32_t field = 0;
    const size_t field_at = format == FileFormat::kPcapng ? 4 : 8;
    std::memcpy(&field, data + (at - base) + field_at, sizeof field);
    const uint64_t size = format == FileFormat::kPcapng ? field : uint64_t{field} + 16;
    if (size < 12 || at + size > limit) break;
    at += size;
    whole = {at, whole.count + 1};
  }
  return whole;
}

// Largest record of a packet with `snaplen` captured bytes (0: the default), in either format.
inline size_t MaxRecordSize(uint32_t snaplen) {
  PacketView packet;
  packet.caplen = snaplen == 0 ? kPcapDefaultSnaplen : snaplen;
  packet.direction = Direction::kInbound;  // with epb_flags: the larger pcapng block
  return std::max(PcapRecords::Size(packet), PcapngRecords::Size(packet));
}

// pcap: the global header (of the first interface; a pcap file has one). pcapng: a section header block
// (shb_userappl "ringdump") and an interface description block per interface, ids 0, 1, ... in order.
inline std::vector<uint8_t> FileHeader(FileFormat format, const std::vector<PcapngInterface>& interfaces) {
  std::vector<uint8_t> bytes;
  if (format == FileFormat::kPcap) {
    const PcapngInterface& interface = interfaces.front();
    bytes.resize(kPcapFileHeaderSize);
    EncodePcapFileHeader(bytes.data(), interface.link_type, interface.snaplen, interface.precision);
    return bytes;
  }
  PcapngSection section;
  section.application = "ringdump";
  size_t size = PcapngSectionHeaderSize(section);
  for (const auto& interface : interfaces) size += PcapngInterfaceDescriptionSize(interface);
  bytes.resize(size);
  uint8_t* out = EncodePcapngSectionHeader(bytes.data(), section);
  for (const auto& interface : interfaces) out = EncodePcapngInterfaceDescription(out, interface);
  return bytes;
}

inline std::vector<uint8_t> FileHeader(FileFormat format, const PcapngInterface& interface) {
  return FileHeader(format, std::vector<PcapngInterface>{interface});
}

}  // namespace ringdump
