// A stand-in for `ringdump -r` until the CLI dispatches to RunReadCommand: parses the tcpdump flags the
// printer needs (getopt, tcpdump's option letters) into CliOptions and runs the read command. Used by
// the conformance suite and the differential test.
#include <getopt.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "read_command.hpp"

int main(int argc, char** argv) {
  ringdump::cli::CliOptions o;
  static const struct option kLong[] = {{"number", no_argument, nullptr, '#'},
                                        {"nano", no_argument, nullptr, 1},
                                        {"micro", no_argument, nullptr, 2},
                                        {"time-stamp-precision", required_argument, nullptr, 3},
                                        {"print", no_argument, nullptr, 4},
                                        {"version", no_argument, nullptr, 5},
                                        {nullptr, 0, nullptr, 0}};
  int c;
  while (
      (c = getopt_long(argc, argv, "aAb:B:c:C:dDeE:fF:G:hHi:I:j:JKlLm:M:nNOpqQ:r:s:StT:uUvV:w:W:xXy:Yz:Z:#",
                       kLong, nullptr)) != -1) {
    switch (c) {
      case '#':
        o.number = true;
        break;
      case 1:
        o.precision = ringdump::TimestampPrecision::kNano;
        break;
      case 2:
        o.precision = ringdump::TimestampPrecision::kMicro;
        break;
      case 3:
        o.precision = strcmp(optarg, "nano") == 0 ? ringdump::TimestampPrecision::kNano
                                                  : ringdump::TimestampPrecision::kMicro;
        break;
      case 4:
        o.print_while_writing = true;
        break;
      case 5:
        printf("ringdump print_driver\n");
        return 0;
      case 'A':
        o.ascii = true;
        break;
      case 'c':
        o.count = atoll(optarg);
        break;
      case 'e':
        o.link_header = true;
        break;
      case 'F':
        o.filter_file = optarg;
        break;
      case 'K':
        o.no_checksum_hints = true;
        break;
      case 'l':
        o.line_buffered = true;
        break;
      case 'n':
        o.numeric++;
        break;
      case 'N':
        o.no_domain = true;
        break;
      case 'O':
        o.dont_optimize = true;
        break;
      case 'q':
        o.quiet = true;
        break;
      case 'r':
        o.read_file = optarg;
        break;
      case 's':
        o.snaplen = atoll(optarg);
        break;
      case 'S':
        o.absolute_seq = true;
        break;
      case 't':
        o.timestamp_style++;
        break;
      case 'T':
        o.packet_type = optarg;
        break;
      case 'U':
        o.packet_buffered = true;
        break;
      case 'v':
        o.verbose++;
        break;
      case 'w':
        o.write_file = optarg;
        break;
      case 'x':
        o.hex++;
        break;
      case 'X':
        o.hex_ascii++;
        break;
      default:
        break;
    }
  }
  for (int i = optind; i < argc; i++) {
    if (!o.filter.empty()) o.filter += ' ';
    o.filter += argv[i];
  }
  if (o.read_file.empty()) {
    fprintf(stderr, "print_driver: -r FILE is required\n");
    return 1;
  }
  return ringdump::cli::RunReadCommand(o);
}
