// The one-line live status on stderr while writing to a file (like dumpcap's packet counter): rewritten in
// place with a carriage return about once a second, only when stderr is a terminal and -q is not given.
#pragma once

#include <cstdio>
#include <string>

#include "stats_rows.hpp"

namespace ringdump::cli {

class LiveStatus {
 public:
  // Whether a status line belongs on `stream` (a terminal) for these options.
  static bool Wanted(FILE* stream, bool quiet, bool writing_file);

  explicit LiveStatus(FILE* stream) : stream_(stream) {}
  LiveStatus(const LiveStatus&) = delete;
  LiveStatus& operator=(const LiveStatus&) = delete;

  // Replaces the line on the terminal with the status for the interval from `previous` to `current`.
  void Update(const StatsSnapshot& previous, const StatsSnapshot& current);

  // Erases the line, so tcpdump's summary lines that follow start on a clean line.
  void Clear();

 private:
  FILE* stream_;
  bool shown_ = false;
};

}  // namespace ringdump::cli
