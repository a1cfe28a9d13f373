// The running capture's GET /pcap (issue #13 item 4): `ringdump query` over the capture's own store, served
// on the --metrics-listen address and streamed as it is read. The seam: the route is RunQuery
// (capture_query.hpp) over the files of the -w set (the finished ones and the one being written, which the
// reader takes up to its last complete record), encoded by QueryOutput (the CLI's own pcap writer, so the
// answer equals `ringdump query -r DIR -w FILE` byte for byte) and handed to the listener's BodySink.
//
//   /pcap?after=TIME&before=TIME&filter=EXPR&max_bytes=N&format=pcap|pcapng
// TIME as `ringdump query --after` (query_time.hpp); the filter is compiled up front for the capture's link
// type; any other parameter, a bad time or filter, or a bad max_bytes is a 400 with a one-line reason. At
// max_bytes the body ends after the last whole record that fits (the header counts), as a complete answer.
// The query runs on the listener's producer thread and only reads files: the capture never waits for it.
#pragma once

#include <functional>
#include <string>

#include "http_server.hpp"

namespace ringdump::cli {

struct PcapStore {
  std::string write_path;  // the -w argument ("" or "-": no store; /pcap answers 404)
  // Whether a file NAME (no directory; the final name for a .NAME.part) in write_path's directory is one
  // of the set's. Unset: only write_path's own name.
  std::function<bool(const std::string& name)> member;
  int dlt = 1;  // the capture's link type, for compiling the filter
  uint32_t snaplen = 262144;
};

// The set's files now on disk (finished, compressed, and in progress), for RunQuery.
std::vector<std::string> PcapStoreFiles(const PcapStore& store);

// Registers /pcap on `http` (nothing when http is null).
void RegisterPcapEndpoint(HttpServer* http, PcapStore store);

}  // namespace ringdump::cli
