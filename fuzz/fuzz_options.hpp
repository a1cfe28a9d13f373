// Shared by the harnesses: PrintOptions drawn from the first input bytes, so one corpus entry explores every
// display flag combination. Name resolution stays off (numeric >= 1): a fuzzer must not wait on DNS.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>

#include "printer.hpp"

namespace ringdump::fuzz {

inline constexpr size_t kOptionBytes = 3;

inline print::PrintOptions OptionsFrom(const uint8_t* b) {
  print::PrintOptions o;
  o.verbose = b[0] & 3;
  o.numeric = 1 + ((b[0] >> 2) & 1);
  o.no_domain = (b[0] >> 3) & 1;
  o.quiet = (b[0] >> 4) & 1;
  o.timestamp_style = (b[0] >> 5) % 6;
  o.nano = b[1] & 1;
  o.absolute_seq = (b[1] >> 1) & 1;
  o.link_header = (b[1] >> 2) & 1;
  o.hex = (b[1] >> 3) % 3;
  o.hex_ascii = (b[1] >> 5) % 3;
  o.ascii = (b[2] & 1);
  o.number = (b[2] >> 1) & 1;
  o.no_checksum = (b[2] >> 2) & 1;
  o.utc = true;  // local-time conversion would only add tzdata I/O
  o.packet_type = (b[2] >> 3) & 1 ? print::kPacketTypeDomain : 0;
  return o;
}

// Printer output goes here: written (so formatting runs to the end) but discarded.
inline FILE* NullOut() {
  static FILE* f = std::fopen("/dev/null", "w");
  return f;
}

}  // namespace ringdump::fuzz
