// `ringdump query`'s engine (the HTTP /pcap endpoint is meant to be its second user): the packets of many
// capture files that fall in a time window and match a filter, merged into one stream in timestamp order.
//
// Plan: for each file, its index (capture_index.hpp) if it has a valid one, else a coarse look (the first
// record's time, the file's mtime) and, if that does not rule it out, a scan that builds the index in memory.
// Files wholly outside the window are left closed. Then a k-way merge over the files, each opened only when
// the merge reaches the earliest time it can contribute (so a rotated set keeps one or two files open), each
// giving its packets in order (query_source.hpp bounds the reorder within a file).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "capture_index.hpp"
#include "capture_reader.hpp"
#include "query_source.hpp"
#include "ringdump/result.hpp"

namespace ringdump {

struct QueryOptions {
  QueryWindow window;
  std::string filter;  // tcpdump's expression; "" matches everything
  bool optimize = true;
};

// A file the plan will read, as the output needs to know it before the first packet.
struct QueryInput {
  std::string path;
  std::vector<IndexedInterface> interfaces;  // from the file header (pcap: one)
};

struct QueryPacket {
  size_t input = 0;        // index into the inputs given to Begin
  uint32_t interface = 0;  // index into that file's CaptureReader::interfaces()
  int64_t ts_ns = 0;
  const uint8_t* data = nullptr;  // valid during OnPacket only
  uint32_t caplen = 0;
  uint32_t len = 0;
  uint32_t epb_flags = 0;
};

class QuerySink {
 public:
  virtual ~QuerySink() = default;
  // Once, after planning and before any packet: every file that will be read.
  virtual Status Begin(const std::vector<QueryInput>& inputs) = 0;
  // When a file is opened, before its first packet: its interfaces as the reader found them (names too).
  virtual Status OnOpen(size_t input, const std::vector<CaptureInterface>& interfaces) = 0;
  // A matching packet, in timestamp order. false: stop here (a packet count was reached).
  virtual Result<bool> OnPacket(const QueryPacket& packet) = 0;
};

struct QueryReport {
  size_t files = 0;                // files considered
  size_t skipped = 0;              // left unopened (outside the window, by the index or the coarse look)
  size_t scanned = 0;              // had no usable index: scanned to build one in memory
  size_t read = 0;                 // read for packets
  uint64_t planned_bytes = 0;      // bytes of the intervals read
  uint64_t packets = 0;            // given to the sink
  std::vector<Error> file_errors;  // files that could not be read, by name; the others were
};

// Runs the query over `files` (already expanded: capture_set.hpp). A bad filter is the one fatal error
// (kind kBadFilter), returned before the sink sees anything when every file's link type is known from its
// index; everything that concerns one file goes to the report and the other files are still read.
Result<QueryReport> RunQuery(const std::vector<std::string>& files, const QueryOptions& options,
                             QuerySink& sink);

}  // namespace ringdump
