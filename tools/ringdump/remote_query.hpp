// `ringdump query --remote URL [--remote URL ...] [--remote-file FILE]` (issue #17 item 4): the same window
// and filter sent to each node's /pcap at once, the answers merged by timestamp into one output (pcapng by
// default with -w: one interface per node and interface, named `host:port/iface`).
//
// How: each node's answer (asked for as pcapng, so its interface names come along) is fetched in parallel
// into a private temporary directory, then the fetched files are merged by RunQuery into QueryOutput, the
// same merge and encoder as a local query. A node that fails or goes silent for --remote-timeout (30 s) is
// named on stderr and left out; the others' packets are still written, and the exit status is 1.
#pragma once

#include <string>
#include <vector>

#include "capture_query.hpp"
#include "options.hpp"

namespace ringdump::cli {

// The URLs of --remote and --remote-file (one per line; blank lines and '#' comments skipped).
Result<std::vector<std::string>> RemoteUrls(const CliOptions& options);

// Runs the query over the nodes; returns the exit status (messages already on stderr).
int RunRemoteQuery(const CliOptions& options, const QueryOptions& query, const std::vector<std::string>& urls);

}  // namespace ringdump::cli
