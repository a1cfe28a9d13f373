// ringdump-gen's command line: argv -> GenOptions. Parsing never exits or prints; a bad option comes back
// as a message that names the flag, and main() prints it and exits 2.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "frame.hpp"

namespace ringdump::gen {

enum class SendMethod { kTxRing, kSendmmsg };

struct GenOptions {
  std::string interface;                     // -i (required)
  uint64_t count = 0;                        // --count (required, > 0)
  std::vector<size_t> sizes{kMinFrameSize};  // --size N | N,N,... | mix: frame i has sizes[i % n]
  FrameSpec spec;                            // addresses, ports, tag
  bool src_mac_given = false;                // else the interface's own address
  double rate_pps = 0;                       // --rate (0: as fast as possible)
  double seconds = 60;                       // --seconds: hard bound on the run
  uint64_t seq_start = 0;                    // --seq-start
  uint32_t flows = 1;                        // --flows N: frame i comes from src_port + i % N
  // --method sendmmsg|ring: sendmmsg measured 10-20% faster than PACKET_TX_RING on a veth pair (6.18).
  SendMethod method = SendMethod::kSendmmsg;
  bool qdisc_bypass = true;  // --no-qdisc-bypass turns it off
  bool quiet = false;        // -q: no report
  bool help = false;         // -h, --help
};

// An error message naming the flag, e.g. "--size: 59 is not in 60..9018".
struct OptionError {
  std::string message;
};

std::variant<GenOptions, OptionError> ParseGenOptions(int argc, char** argv);

std::string GenUsage();

}  // namespace ringdump::gen
