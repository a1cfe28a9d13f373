// The timestamp of the first record of a pcap or pcapng file, read from its first bytes only (one pread of
// at most kFirstPacketHeadBytes): what the store's oldest packet is, for /metrics, without reading a file of
// gigabytes. capture_file_info.hpp reads a whole file; this reads its head.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "capture_file_info.hpp"

namespace ringdump {

inline constexpr size_t kFirstPacketHeadBytes = 64 * 1024;

// What the head of a file says about its first packet.
struct FirstPacket {
  enum class Kind {
    kPacket,   // `time` is the first packet's timestamp
    kNone,     // a whole, well-formed file without any packet (headers only)
    kUnknown,  // not a capture file, malformed, or no packet within the head
  };
  Kind kind = Kind::kUnknown;
  FileTime time;
};

// The first packet in `head` (the first bytes of a file; `whole`: they are the entire file): pcap
// (microsecond or nanosecond magic, either byte order) or pcapng (the first enhanced or obsolete packet
// block, in the resolution its interface's if_tsresol gives).
FirstPacket FindFirstPacket(std::span<const uint8_t> head, bool whole);

// The same from the file at `path` (kUnknown if it cannot be opened or read).
FirstPacket ReadFirstPacket(const std::string& path);

// The first packet's timestamp, when there is one.
inline std::optional<FileTime> FirstPacketTime(std::span<const uint8_t> head) {
  const FirstPacket p = FindFirstPacket(head, false);
  return p.kind == FirstPacket::Kind::kPacket ? std::optional<FileTime>(p.time) : std::nullopt;
}
inline std::optional<FileTime> ReadFirstPacketTime(const std::string& path) {
  const FirstPacket p = ReadFirstPacket(path);
  return p.kind == FirstPacket::Kind::kPacket ? std::optional<FileTime>(p.time) : std::nullopt;
}

}  // namespace ringdump
