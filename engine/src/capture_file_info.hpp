// What `ringdump --info FILE` reports: one pass over a pcap or pcapng file collecting its format, link types,
// snaplen, timestamp precision, packet count, sizes, first and last packet times, and the interface
// statistics blocks a pcapng file carries. The figures follow capinfos's definitions (data size is the sum of
// the packets' lengths on the wire; first and last are the earliest and latest timestamps), so the two agree.
//
// The file is read sequentially through a buffer and packet bytes are skipped, so multi-gigabyte files cost
// one read and no memory proportional to their size.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ringdump/result.hpp"

namespace ringdump {

// A timestamp as seconds and nanoseconds since the epoch.
struct FileTime {
  int64_t sec = 0;
  uint32_t nsec = 0;
  friend bool operator<(const FileTime& a, const FileTime& b) {
    return a.sec != b.sec ? a.sec < b.sec : a.nsec < b.nsec;
  }
};

struct FileInterfaceInfo {
  uint32_t link_type = 0;  // LINKTYPE_ value
  uint32_t snaplen = 0;    // 0: not set (pcapng allows it)
  uint64_t ticks_per_second = 1000000;
  int precision_digits = 6;  // decimal digits of the timestamps (6: microseconds, 9: nanoseconds)
  std::string name;          // pcapng if_name
  std::string filter;        // pcapng if_filter (string filters only)
  uint64_t packets = 0;
  // The last interface statistics block of the interface (counters are cumulative), when there is one.
  uint32_t statistics_blocks = 0;
  FileTime statistics_time;
  std::optional<uint64_t> received, if_dropped, filter_accepted, os_dropped, delivered;
};

struct CaptureFileInfo {
  std::string format;        // "pcap" or "pcapng"
  bool big_endian = false;   // written on a big-endian host (byte-swapped here)
  int precision_digits = 6;  // of the file (pcap: from the magic; pcapng: the finest of its interfaces)
  std::vector<FileInterfaceInfo> interfaces;  // pcap: exactly one
  uint64_t packets = 0;
  uint64_t data_bytes = 0;      // sum of wire lengths (capinfos "Data size")
  uint64_t captured_bytes = 0;  // sum of captured lengths
  uint64_t file_bytes = 0;
  std::optional<FileTime> first, last;    // earliest and latest packet timestamps
  bool time_ordered = true;               // every packet not earlier than the one before
  bool truncated = false;                 // the file ends inside a record (a capture still being written?)
  std::string application, os, hardware;  // pcapng section header options

  // Seconds between first and last (0 with fewer than two packets).
  double duration() const;
};

// Reads `path` once. Errors name the file and, for malformed content, the offset.
Result<CaptureFileInfo> ReadCaptureFileInfo(const std::string& path);

// The report `ringdump --info` prints for one file, capinfos-style "Label: value" lines ending in '\n'.
std::string FormatCaptureFileInfo(const std::string& path, const CaptureFileInfo& info);

}  // namespace ringdump
