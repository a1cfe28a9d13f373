// The classic pcap file format (libpcap's savefile): the 24-byte global header and the 16-byte record header
// followed by the captured bytes. Pure functions over caller-owned memory, so the writer can encode straight
// into its chunk buffers and the tests can compare bytes. Fields are in host byte order, as libpcap writes
// them; readers detect the order from the magic number.
#pragma once

#include <cstddef>
#include <cstdint>

#include "ringdump/config.hpp"
#include "ringdump/packet.hpp"

namespace ringdump {

inline constexpr size_t kPcapFileHeaderSize = 24;
inline constexpr size_t kPcapRecordHeaderSize = 16;
inline constexpr uint32_t kPcapMagicMicro = 0xa1b2c3d4;  // timestamps in microseconds
inline constexpr uint32_t kPcapMagicNano = 0xa1b23c4d;   // timestamps in nanoseconds
inline constexpr uint16_t kPcapVersionMajor = 2;
inline constexpr uint16_t kPcapVersionMinor = 4;
inline constexpr uint32_t kPcapDefaultSnaplen = 262144;  // tcpdump's default, written when snaplen is 0

uint32_t PcapMagic(TimestampPrecision precision);

// Writes the global header (magic, version 2.4, thiszone 0, sigfigs 0, snaplen, linktype) at `out`, which
// must have room for kPcapFileHeaderSize bytes. Returns the byte after it.
uint8_t* EncodePcapFileHeader(uint8_t* out, LinkType link_type, uint32_t snaplen,
                              TimestampPrecision precision);

// Bytes the record of `packet` takes in a file: header plus captured bytes.
inline size_t PcapRecordSize(const PacketView& packet) { return kPcapRecordHeaderSize + packet.caplen; }

// Writes the record header of `packet` (ts_sec, ts_usec or ts_nsec, caplen, len). Microseconds are truncated
// from the kernel's nanoseconds, as libpcap does. Returns the byte after the header.
uint8_t* EncodePcapRecordHeader(uint8_t* out, const PacketView& packet, TimestampPrecision precision);

// Writes the whole record (header, then the caplen bytes at packet.data) at `out`, which must have room for
// PcapRecordSize(packet) bytes. Returns the byte after the record.
uint8_t* EncodePcapRecord(uint8_t* out, const PacketView& packet, TimestampPrecision precision);

}  // namespace ringdump
