// `ringdump -r FILE [-w OUT] [expression]`: what tcpdump does with a saved file. Reads pcap or pcapng
// (libpcap's offline reader, "-" for stdin), applies the filter (expression or -F file), and prints each
// matching packet with the tcpdump-compatible Printer, or writes it to -w (or both with --print).
#pragma once

#include "options.hpp"

namespace ringdump::cli {

// Runs the read command; returns the process exit code (0, or 1 after printing tcpdump's message).
int RunReadCommand(const CliOptions& options);

}  // namespace ringdump::cli
