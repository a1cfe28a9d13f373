// Where `ringdump query` puts the merged packets: a pcap or pcapng file (-w FILE, written under a hidden
// temporary name and renamed only when the query succeeded, so an error never leaves half a file; -w - is
// standard output), and/or tcpdump's printed lines (the Printer `ringdump -r` uses, one per link type).
// The same encoding also goes to any byte writer (the HTTP /pcap endpoint streams it: pcap_endpoint.hpp).
#pragma once

#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "capture_query.hpp"
#include "options.hpp"
#include "printer.hpp"

namespace ringdump::cli {

class QueryOutput final : public QuerySink {
 public:
  explicit QueryOutput(const CliOptions& options);
  // Writes the file's bytes through `writer` instead of -w (no printing, nothing on stderr): `options`
  // chooses the format as for -w (pcapng, precision). Commit writes the header of an empty answer.
  using ByteWriter = std::function<Status(const void* bytes, size_t n)>;
  QueryOutput(const CliOptions& options, ByteWriter writer);
  ~QueryOutput() override;  // removes an uncommitted temporary file

  // Creates the -w file (temporary name). Errors name it.
  Status OpenFile();
  Status Begin(const std::vector<QueryInput>& inputs) override;
  Status OnOpen(size_t input, const std::vector<CaptureInterface>& interfaces) override;
  Result<bool> OnPacket(const QueryPacket& packet) override;
  // Flushes and gives the -w file its name (or, for an empty query that never began, writes the header).
  Status Commit();
  // Removes the temporary file.
  void Discard();
  // The hidden name the -w file is written under until Commit ("" for standard output or no -w).
  const std::string& temp_path() const { return temp_path_; }

 private:
  Status Write(const void* bytes, size_t n);
  Status WritePcapHeader();
  Status WritePcapngInterface(size_t input, uint32_t interface);
  void PrintPacket(const QueryPacket& packet);

  const CliOptions& options_;
  bool writing_ = false;
  bool printing_ = false;
  bool pcapng_ = false;
  bool nano_ = false;  // pcap output in nanoseconds
  uint32_t link_type_ = 1;
  uint32_t snaplen_ = 262144;
  bool began_ = false;
  FILE* file_ = nullptr;
  ByteWriter writer_;  // set: the bytes go here, not to file_
  std::string temp_path_;
  std::vector<char> file_buffer_;
  std::vector<QueryInput> inputs_;
  std::vector<std::vector<CaptureInterface>> interfaces_;  // per input, once opened
  std::vector<std::vector<int64_t>> output_id_;            // pcapng interface id per (input, interface); -1
  uint32_t next_output_id_ = 0;
  std::map<int, std::unique_ptr<print::Printer>> printers_;  // per DLT
  uint64_t packets_ = 0;
  std::vector<uint8_t> scratch_;
};

// The end of every query command: RunQuery into `sink` (QueryOutput, or a sink in front of it), each file
// that could not be read reported, the output committed (or discarded on a fatal error). Returns the exit
// status (0, or 1 with the messages on stderr, prefixed by `context`); *committed says whether the output
// was given its name; *report gets the plan's figures.
int RunQueryToOutput(const std::vector<std::string>& files, const QueryOptions& query, QuerySink& sink,
                     QueryOutput& output, const std::string& context, QueryReport* report, bool* committed);

}  // namespace ringdump::cli
