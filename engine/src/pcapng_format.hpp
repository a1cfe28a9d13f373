// The pcapng file format (draft-ietf-opsawg-pcapng): section header, interface description, enhanced packet
// and interface statistics blocks. Pure functions over caller-owned memory, like pcap_format.hpp, so the
// writer can encode into its chunk buffers and the tests can compare bytes. Blocks are written in host byte
// order (the section header's byte-order magic tells readers which), every block and option padded to 32
// bits.
//
// Each Encode* function has a matching *Size function; the caller reserves that many bytes at `out` and gets
// back the byte after the block. Enhanced packet blocks have a size that depends only on caplen and on
// whether the direction is known, so the hot path can reserve without building anything.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "ringdump/config.hpp"
#include "ringdump/packet.hpp"
#include "ringdump/stats.hpp"

namespace ringdump {

inline constexpr uint32_t kPcapngSectionHeaderBlock = 0x0A0D0D0A;
inline constexpr uint32_t kPcapngInterfaceDescriptionBlock = 0x00000001;
inline constexpr uint32_t kPcapngInterfaceStatisticsBlock = 0x00000005;
inline constexpr uint32_t kPcapngEnhancedPacketBlock = 0x00000006;
inline constexpr uint32_t kPcapngByteOrderMagic = 0x1A2B3C4D;

// epb_flags bits (pcapng section 4.3.1): direction in bits 0-1, reception type in bits 2-4.
inline constexpr uint32_t kEpbFlagInbound = 1;
inline constexpr uint32_t kEpbFlagOutbound = 2;

// Options of the section header. Empty strings are left out.
struct PcapngSection {
  std::string hardware;     // shb_hardware
  std::string os;           // shb_os
  std::string application;  // shb_userappl
};

// One capture interface; its position in the file (0, 1, ...) is the interface id packets refer to.
struct PcapngInterface {
  LinkType link_type = LinkType::kEthernet;
  uint32_t snaplen = 0;  // 0 is written as pcap's default (262144), as tcpdump does
  TimestampPrecision precision = TimestampPrecision::kMicro;  // written as if_tsresol (6 or 9)
  std::string name;                                           // if_name ("eth0"); empty: left out
  std::string description;                                    // if_description; empty: left out
  std::string filter;  // if_filter, a libpcap filter string; empty: left out
};

// Counters of one interface at one moment (an interface statistics block). Absent counters are left out,
// so a reader does not mistake "unknown" for 0. How ringdump fills them: docs/statistics.md.
struct PcapngInterfaceStats {
  uint32_t interface_id = 0;
  int64_t sec = 0;  // when the counters were read
  uint32_t nsec = 0;
  std::optional<int64_t> start_sec;  // isb_starttime (with start_nsec)
  uint32_t start_nsec = 0;
  std::optional<uint64_t> received;         // isb_ifrecv: packets that reached the capture (kernel count)
  std::optional<uint64_t> if_dropped;       // isb_ifdrop: dropped for lack of resources (the ring was full)
  std::optional<uint64_t> filter_accepted;  // isb_filteraccept
  std::optional<uint64_t> os_dropped;       // isb_osdrop: dropped by the operating system
  std::optional<uint64_t> delivered;        // isb_usrdeliv: packets handed to the writer
};

// The statistics block a writer appends when it closes a file, from the capture's counters (the total over
// queues of one interface): ifrecv = kernel_received (packets the kernel filter accepted), ifdrop =
// kernel_dropped (ring full: where dumpcap puts them, and what Wireshark shows as "dropped"), osdrop =
// sink_dropped (packets the writer could not write), usrdeliv = packets_written, filteraccept =
// kernel_received when a kernel filter was set.
PcapngInterfaceStats PcapngStatsFromCapture(const QueueStats& total, bool kernel_filter, int64_t start_sec,
                                            uint32_t start_nsec, int64_t now_sec, uint32_t now_nsec,
                                            uint32_t interface_id = 0);

size_t PcapngSectionHeaderSize(const PcapngSection& section);
uint8_t* EncodePcapngSectionHeader(uint8_t* out, const PcapngSection& section);

size_t PcapngInterfaceDescriptionSize(const PcapngInterface& interface);
uint8_t* EncodePcapngInterfaceDescription(uint8_t* out, const PcapngInterface& interface);

// `precision` must be the one of the interface the block refers to (timestamps are in its units).
size_t PcapngInterfaceStatisticsSize(const PcapngInterfaceStats& stats);
uint8_t* EncodePcapngInterfaceStatistics(uint8_t* out, const PcapngInterfaceStats& stats,
                                         TimestampPrecision precision);

// epb_flags of a packet: its direction and, for inbound packets, the reception type from sll_pkttype.
// 0 when the direction is unknown (then no flags option is written).
uint32_t PcapngEpbFlags(const PacketView& packet);

// Bytes of the enhanced packet block of `packet`: 32 + caplen padded to 4, + 12 when it carries epb_flags.
inline size_t PcapngEnhancedPacketSize(const PacketView& packet) {
  const size_t padded = (static_cast<size_t>(packet.caplen) + 3) & ~size_t{3};
  return 32 + padded + (packet.direction == Direction::kUnknown ? 0 : 12);
}

// Writes the enhanced packet block of `packet` (timestamp in the interface's units, caplen, len, data,
// padding, epb_flags). Returns the byte after it.
uint8_t* EncodePcapngEnhancedPacket(uint8_t* out, const PacketView& packet, uint32_t interface_id,
                                    TimestampPrecision precision);

}  // namespace ringdump
