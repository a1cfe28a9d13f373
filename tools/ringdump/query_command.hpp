// `ringdump query -r PATH [-r PATH ...] [--after TIME] [--before TIME] [-w FILE [--pcapng] | print options]
// [expression]`: the packets of a capture store in a time window, merged in timestamp order (see
// engine/src/capture_query.hpp), written as pcap/pcapng or printed as `ringdump -r` prints them.
#pragma once

namespace ringdump::cli {

// argv[0] is "query" (main passes argc - 1, argv + 1). Returns 0, or 1 after an error (a bad time or filter,
// an unreadable file: named on stderr, the other files still read).
int RunQueryCommand(int argc, char** argv);

}  // namespace ringdump::cli
