// `ringdump --info FILE...`: what a capture file holds (format, link type, snaplen, precision, packets,
// sizes, times, rates, recorded drop statistics), capinfos-style, one block per file.
#pragma once

#include "options.hpp"

namespace ringdump::cli {

// Prints the report of every file in options.info_files on stdout (a blank line between files); a file that
// cannot be read is reported on stderr and the others are still read. Returns 0, or 1 if any file failed.
int RunInfoCommand(const CliOptions& options);

}  // namespace ringdump::cli
