// Recovering a capture file left behind by a crash (kill -9, power loss): find the longest prefix that ends
// at a whole record, so the torn tail (a record cut mid-way) and the zero-filled holes an O_DIRECT writer can
// leave past its last completed chunk are cut off, and a file still under its hidden in-progress name
// (".NAME.part") gets its final name. ScanCapture is pure (bytes in, verdict out) and unit-tested; RepairFile
// applies the verdict to a file (ftruncate, fsync, rename). Used by `ringdump --repair FILE`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <functional>
#include <string>
#include <vector>

#include "ringdump/result.hpp"

namespace ringdump {

enum class CaptureFormat { kPcap, kPcapng };

struct CaptureScan {
  CaptureFormat format = CaptureFormat::kPcap;
  uint64_t valid_bytes = 0;  // length of the prefix that ends at a record (block) boundary
  uint64_t records = 0;      // pcap records, or pcapng blocks after the first section header
  bool hole = false;         // the scan stopped at zero bytes where a record should start
  // Why the scan stopped before the end ("" when the whole file is valid).
  std::string stop_reason;
};

// Scans a whole file's bytes. An error only when the bytes are not a pcap or pcapng file at all (or the file
// header itself is incomplete): then there is nothing a truncation could save.
Result<CaptureScan> ScanCapture(std::span<const uint8_t> bytes);

// "dir/NAME" for "dir/.NAME.part"; "" when `path` is not an in-progress name, or is a rotation spare
// ("..ringdump-next-PID-N.part", repaired in place: the name it was meant to get is not recorded).
std::string FinalNameOfPart(const std::string& path);

// True for RotatingSink's spare files ("..ringdump-next-PID-N.part").
bool IsSpare(const std::string& path);

struct RepairOutcome {
  CaptureScan scan;
  uint64_t original_bytes = 0;
  bool truncated = false;  // the file was cut to scan.valid_bytes
  std::string final_path;  // where the file is now (renamed from .NAME.part, or unchanged); "" if removed
  bool removed = false;    // an empty .NAME.part or spare (killed before any byte reached the disk)
};

// Truncates `path` to its valid prefix and, for ".NAME.part", renames it to NAME (refusing to replace an
// existing NAME); an empty .NAME.part (or spare) is removed. With dry_run nothing is changed; the outcome
// says what would be.
// With continue_if_taken, an existing NAME is still never replaced, but the file goes to NAME's free
// continuation name (NAME-1.pcap, see rotation.hpp) instead of failing.
Result<RepairOutcome> RepairFile(const std::string& path, bool dry_run = false, bool continue_if_taken = false);

// A capture about to write `temp_path` (".NAME.part") found a file there: a crashed run's data, which must
// never be destroyed. A capture file is repaired and given a visible name it takes from no existing file (NAME
// or its continuation); a file that is not a capture is moved aside; links, empty and header-only files are
// removed (nothing is lost). Returns what was done, for the caller to say ("" when nothing worth saying).
Result<std::string> KeepLeftover(const std::string& temp_path);

// Every hidden file in `directory` that a capture which no longer runs left behind: ".NAME.part" where
// `in_set(NAME)`, and file-set spares ("..ringdump-next-PID-N.part") of processes that are gone. Each goes
// through KeepLeftover (a spare with records is kept as "recovered-PID-N.pcap"). Returns what was done.
std::vector<std::string> KeepLeftovers(const std::string& directory,
                                       const std::function<bool(const std::string& name)>& in_set);

}  // namespace ringdump
