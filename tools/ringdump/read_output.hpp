// The -w output of -r when libpcap's dumper cannot do what was asked: a pcapng file (--pcapng or a .pcapng
// name) or a file set by size (-C, -W, -z, --max-files, --max-total-size, --max-age, --group). The records go
// through the engine's writers (FileSink, RotatingSink), one packet at a time on one queue, so a file set
// made from a file is named, numbered, rotated and cleaned up exactly as one made by a live capture.
// A plain `-r IN -w OUT.pcap` keeps libpcap's dumper (tcpdump's bytes: its header and mode).
#pragma once

#include <pcap/pcap.h>

#include <memory>

#include "file_sink.hpp"
#include "options.hpp"
#include "ringdump/result.hpp"
#include "rotating_sink.hpp"

namespace ringdump::cli {

class ReadOutput {
 public:
  // True when `options` ask -r for something only the engine's writers do.
  static bool Wanted(const CliOptions& options);
  // Opens the output (the first file of a set) for records of link type `dlt` and snapshot length `snaplen`.
  // The error names the flag or the file.
  static Result<std::unique_ptr<ReadOutput>> Open(const CliOptions& options, int dlt, uint32_t snaplen);

  // Appends one record; its timestamp is in nanoseconds when the file was opened at nanosecond precision.
  // Returns false once the output cannot take more (a write failed): the caller stops reading.
  bool Write(const pcap_pkthdr* header, const u_char* bytes, bool nano);
  // Completes every file; the first write error, naming its file.
  Status Finish();

 private:
  std::unique_ptr<FileSink> file_;
  std::unique_ptr<RotatingSink> rotating_;
  PacketSink* sink_ = nullptr;
  QueueStats stats_;
};

}  // namespace ringdump::cli
