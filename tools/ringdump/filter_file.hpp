// The filter expression of a command: the arguments after the options, or the file named by -F. One reader
// for every path (-r, -d, live capture, query), so a filter file means the same everywhere, as in tcpdump.
#pragma once

#include <string>

#include "options.hpp"
#include "ringdump/result.hpp"

namespace ringdump::cli {

// tcpdump's read_infile: the whole file, each '#' comment blanked to the end of its line (newlines are
// spaces to libpcap). Errors are tcpdump's ("can't open F: No such file or directory", ...).
Result<std::string> ReadFilterFile(const std::string& path);

// -F's file if given, else the expression from the command line.
Result<std::string> FilterExpression(const CliOptions& options);

}  // namespace ringdump::cli
