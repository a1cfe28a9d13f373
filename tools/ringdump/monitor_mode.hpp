// -I (monitor mode). ringdump captures through its own packet sockets, not through libpcap's, so it cannot
// put a wireless device in monitor mode (libpcap does that by creating a mac80211 monitor interface). Rather
// than ignore -I, the capture and -L refuse it: with tcpdump's own message for a device that has no monitor
// mode (every wired device, lo, any), and with a "not supported yet" message for one that has.
#pragma once

#include "options.hpp"
#include "ringdump/result.hpp"

namespace ringdump::cli {

// Ok when -I is not given; otherwise the error for the first interface named (or the default one), e.g.
// "eth0: That device doesn't support monitor mode".
Status CheckMonitorMode(const CliOptions& options);

}  // namespace ringdump::cli
