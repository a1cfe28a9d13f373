#include "print_options.hpp"

namespace ringdump::cli {

print::PrintOptions MakePrintOptions(const CliOptions& o, int /*dlt*/) {
  print::PrintOptions p;
  p.verbose = o.verbose;
  p.numeric = o.numeric;
  p.quiet = o.quiet;
  p.timestamp_style = o.timestamp_style;
  p.nano = o.precision == TimestampPrecision::kNano;
  p.absolute_seq = o.absolute_seq;
  p.link_header = o.link_header;
  p.hex = o.hex;
  p.hex_ascii = o.hex_ascii;
  p.ascii = o.ascii;
  p.number = o.number;
  p.no_checksum = o.no_checksum_hints;
  p.no_domain = o.no_domain;
  if (o.packet_type == "domain") p.packet_type = print::kPacketTypeDomain;
  return p;
}

}  // namespace ringdump::cli
