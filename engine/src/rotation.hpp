// The rotation plan: which file is current, when the next one is due, and what it is called — tcpdump's
// -G/-C/-W semantics (MakeFilename in tcpdump.c) without its drift: -G deadlines advance by exactly -G from
// the first (optionally aligned to the wall clock), whether packets arrive or not. Pure: time comes in as an
// argument, so every combination is unit-tested.
#pragma once

#include <cstdint>
#include <ctime>
#include <regex>
#include <string>
#include <vector>

#include "ringdump/config.hpp"
#include "ringdump/result.hpp"

namespace ringdump {

class RotationPlan {
 public:
  // `pattern` is the -w argument; `now` the start of the capture (seconds since the epoch).
  RotationPlan(std::string pattern, const RotationConfig& config, int64_t now);

  // The name of the current file.
  std::string CurrentName() const;
  // Wall-clock second at which the time rotation is due (INT64_MAX without -G).
  int64_t deadline() const { return deadline_; }
  // tcpdump rotates by size when a file already holds more than -C bytes.
  bool SizeExceeded(uint64_t file_bytes) const { return config_.file_bytes != 0 && file_bytes > config_.file_bytes; }
  // The -G interval ended: next file. Returns false when -W files are done (with -G alone): time to stop.
  bool AdvanceTime();
  // The -C limit was passed: next file (wrapping at -W).
  void AdvanceSize();
  // A rotation asked for by a signal: by size if -C is set (numbering continues), else by time.
  void AdvanceNow(int64_t now);
  uint32_t files_started() const { return files_started_; }

 private:
  std::string TimeName(int64_t when) const;

  std::string pattern_;
  RotationConfig config_;
  int width_ = 0;             // digits of the -W suffix (tcpdump's WflagChars)
  int64_t interval_start_ = 0;
  int64_t deadline_ = INT64_MAX;
  uint32_t size_count_ = 0;   // tcpdump's Cflag_count
  uint32_t time_count_ = 0;   // tcpdump's Gflag_count
  uint32_t files_started_ = 1;
};

// Where a file goes when its name is taken by a file this run must not replace (an earlier run's file of the
// same -G interval, a crashed run's data): "dir/stem-N.ext" ("a-17:00:00-1.pcap"; "cap-2" without an
// extension), for the first N from 1 at which nothing exists. The retention sweeper counts these as the set's.
std::string ContinuationName(const std::string& path, int n);
std::string FreeContinuationName(const std::string& path);
// Whether anything (a file, a link, a directory) exists at `path` (links are not followed).
bool PathExists(const std::string& path);

// tcpdump's MakeFilename: `name` followed by `count` zero-padded to `width` digits, unless both are 0.
std::string NumberedName(const std::string& name, uint32_t count, int width);
// tcpdump's getWflagChars: the digits of W - 1.
int SuffixWidth(uint32_t file_limit);

// Recognises the files of one capture set (names the plan can produce) in the -w directory, and deletes the
// oldest while the set is over the retention limits. Only files matching the pattern are ever touched.
class RetentionSweeper {
 public:
  RetentionSweeper(const std::string& pattern, const RotationConfig& config);

  struct SetFile {
    std::string path;
    int64_t mtime = 0;
    uint64_t bytes = 0;
  };
  // The files of the set now on disk, oldest first.
  std::vector<SetFile> List() const;
  // Deletes what is over the limits (never `keep`); returns the paths deleted.
  std::vector<std::string> Sweep(int64_t now, const std::string& keep = "") const;
  // Deletes the oldest file of the set (not `keep`), for when the disk is full; false if there is none.
  bool DeleteOldest(const std::string& keep, std::string* deleted) const;
  bool Matches(const std::string& file_name) const { return std::regex_match(file_name, name_regex_); }

 private:
  std::string directory_;
  std::regex name_regex_;
  RotationConfig config_;
};

// "15d", "12h", "30m", "45s", "90" -> seconds; "300G", "10M", "512k", "1T", "1000" -> bytes.
Result<int64_t> ParseAge(const std::string& text);
Result<uint64_t> ParseSize(const std::string& text);

}  // namespace ringdump
