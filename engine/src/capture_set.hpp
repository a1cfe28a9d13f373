// Which files a `ringdump query -r PATH` reads: PATH is a capture file, a directory (every capture file of
// ringdump's in it: rotated sets, the file being written, .gz files from -z gzip) or a glob.
//
// The one place that knows how ringdump names the files of a set (IsCaptureFileName): the live file is
// ".NAME.part" (or a rotation spare "..ringdump-next-PID-N.part"), a finished one NAME, a compressed one
// NAME.gz, and .NAME.ridx is NAME's index, not a capture. If the naming changes, change it here.
#pragma once

#include <string>
#include <vector>

#include "ringdump/result.hpp"

namespace ringdump {

// True if a file called `name` in a directory whose entries are `siblings` (sorted) belongs to a capture
// set by its name alone: not an index, not another hidden file, and not NAME.gz while NAME is still there
// (gzip is still writing NAME.gz). The content is checked afterwards (LooksLikeCaptureFile).
bool IsCaptureFileName(const std::string& name, const std::vector<std::string>& siblings);

// True if the file starts like a pcap, pcapng or gzip'd pcap/pcapng file.
bool LooksLikeCaptureFile(const std::string& path);

struct ExpandedPaths {
  std::vector<std::string> files;  // in the order found (each directory sorted by name), no duplicates
  std::vector<Error> errors;       // PATHs that name nothing readable (the caller reports them)
};

// Expands every PATH. A file named explicitly is taken as is (a bad one fails when it is read); files found
// in a directory or by a glob are kept only when IsCaptureFileName and LooksLikeCaptureFile say so.
ExpandedPaths ExpandCapturePaths(const std::vector<std::string>& paths);

}  // namespace ringdump
