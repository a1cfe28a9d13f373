// The tcpdump-compatible line printer: one call per packet, output byte-identical to tcpdump 4.99.3 for
// the protocols ringdump dissects. Used by `ringdump -r` and by live capture without -w (or with --print).
// The Printer keeps per-run state (packet number, previous timestamp, TCP sequence bases, name caches),
// so one Printer must see the packets of one stream in order.
#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>

#include "reverse_resolver.hpp"
#include "ringdump/packet.hpp"

namespace ringdump::print {

// What tcpdump's display flags ask for. Counts are as on the command line (-vv is verbose = 2).
struct PrintOptions {
  int verbose = 0;            // -v count
  int numeric = 0;            // -n count: 0 resolves hosts and ports, 1 (-n) resolves nothing
  bool no_domain = false;     // -N: host names without their domain
  bool quiet = false;         // -q
  int timestamp_style = 0;    // -t count: 0 default, 1 none, 2 unix, 3 delta, 4 date, 5 since first
  bool nano = false;          // timestamps carry nanoseconds (--nano, or a nanosecond file)
  bool absolute_seq = false;  // -S
  bool link_header = false;   // -e
  int hex = 0;                // -x count (2: include the link header)
  int hex_ascii = 0;          // -X count (2: include the link header)
  int ascii = 0;              // -A count
  bool number = false;        // -#
  bool no_checksum = false;   // -K
  bool utc = false;           // timestamps in UTC instead of local time
  int packet_type = 0;        // -T: 0 none, kPacketTypeDomain ...
  // Without -n: reverse lookups on a resolver thread, so a slow DNS server never stalls printing (live
  // capture; a new address prints numerically until its name is known). False: synchronous, as tcpdump
  // (reading a file, where output must match tcpdump's).
  bool background_names = false;
  HostLookup host_lookup;  // the reverse lookup; empty: getnameinfo (tests inject a fake)
};

inline constexpr int kPacketTypeDomain = 1;

class Printer {
 public:
  // dlt is the pcap LINKTYPE/DLT of the packets. out must stay open while the Printer is used.
  Printer(const PrintOptions& options, int dlt, FILE* out);
  ~Printer();
  Printer(const Printer&) = delete;
  Printer& operator=(const Printer&) = delete;

  // Prints one packet (one line or more, ending in a newline). Never reads past p.caplen.
  void Print(const ringdump::PacketView& p);
  // The same, with the sub-second part given in the unit the options ask for (microseconds, or
  // nanoseconds with nano) exactly as the file stored it; tcpdump prints it unnormalised.
  void PrintWithFraction(const ringdump::PacketView& p, uint32_t fraction);

  // True if the link type is one the printer dissects (otherwise packets print as "UNSUPPORTED" and hex,
  // as tcpdump does for link types it has no printer for).
  static bool SupportsDlt(int dlt);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ringdump::print
