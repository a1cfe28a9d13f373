// The command line: tcpdump 4.99's options (same getopt string, same long options) plus ringdump's own.
// argv -> CliOptions (ParseOptions) -> CaptureConfig / print options. Parsing never exits or prints;
// errors come back as an Error whose message is what tcpdump would print after "ringdump: ".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ringdump/config.hpp"
#include "ringdump/result.hpp"

namespace ringdump::cli {

struct CliOptions {
  // What to do.
  bool list_interfaces = false;        // -D
  bool list_data_link_types = false;   // -L
  bool show_version = false;           // --version
  bool show_help = false;              // -h, --help
  int dump_filter = 0;                 // -d (1), -dd (2), -ddd (3)

  // Capture.
  std::vector<std::string> interfaces;  // -i (repeatable)
  std::string read_file;               // -r (the last one)
  std::vector<std::string> read_paths;  // every -r, in order (ringdump query takes several)
  std::string write_file;              // -w
  std::string filter_file;             // -F
  std::string filter;                  // the expression: remaining arguments joined by spaces
  int64_t count = 0;                   // -c (0: no limit)
  std::optional<int64_t> snaplen;      // -s
  std::optional<int64_t> buffer_kib;   // -B
  bool no_promiscuous = false;         // -p
  std::string direction;               // -Q in|out|inout
  bool packet_buffered = false;        // -U
  bool immediate_mode = false;         // --immediate-mode
  bool line_buffered = false;          // -l
  std::string data_link_type;          // -y
  std::string time_stamp_type;         // -j
  bool list_time_stamp_types = false;  // -J
  TimestampPrecision precision = TimestampPrecision::kMicro;  // --time-stamp-precision, --micro, --nano
  bool precision_given = false;
  bool print_while_writing = false;    // --print
  bool monitor_mode = false;           // -I

  // Rotation (issue 3).
  int64_t rotate_seconds = 0;          // -G
  int64_t rotate_file_bytes = 0;       // -C in bytes (tcpdump: N million bytes, or Nk/Nm/Ng)
  int64_t file_limit = 0;              // -W
  std::string post_rotate_command;     // -z
  std::string user;                    // -Z
  bool align = false;                  // --align: -G on the wall clock
  std::string group;                   // --group NAME: files owned by this group, mode 0640
  std::string max_files;               // --max-files N
  std::string max_age;                 // --max-age DURATION
  std::string max_total_size;          // --max-total-size SIZE
  std::string stop_at;                 // --stop-at TIME

  // Printing (issue 4).
  int verbose = 0;                     // -v count
  int numeric = 0;                     // -n count
  bool quiet = false;                  // -q
  int timestamp_style = 0;             // -t count (tcpdump: 0 default, 1 none, 2 unix, 3 delta, 4 date, 5 since first)
  bool absolute_seq = false;           // -S
  bool link_header = false;            // -e
  int hex = 0;                         // -x count
  int hex_ascii = 0;                   // -X count
  int ascii = 0;                       // -A count
  bool number = false;                 // -#, --number
  bool no_checksum_hints = false;      // -K
  bool no_domain = false;              // -N
  bool dont_optimize = false;          // -O
  bool resolve_foreign = false;        // -f
  std::string packet_type;             // -T
  std::string esp_secret;              // -E
  std::string mib_file;                // -m
  std::string tcp_md5_secret;          // -M
  bool print_unix_time = false;        // -u (unused by 4.99 but accepted)
  bool count_only = false;             // --count: print only the number of packets

  // ringdump's own.
  uint32_t queues = 0;                 // --queues (0: default: one per core for -w, one when printing)
  std::string fanout;                  // --fanout MODE
  uint32_t queue_load = 50;            // --queue-load PCT: default queues past the first start at this load
  std::string cpus;                    // --cpus LIST
  double duration_seconds = 0;         // --duration
  uint32_t block_kib = 0;              // --block-size KiB
  uint32_t block_timeout_ms = 0;       // --block-timeout MS
  bool no_direct_io = false;           // --no-direct-io
  bool pcapng = false;                 // --pcapng
  std::vector<std::string> info_files;  // --info FILE... (the remaining arguments are files, not a filter)
  bool info = false;                   // --info
  double stats_interval = 0;           // --stats-interval SECONDS
  std::string stats_file;              // --stats-file PATH
  std::string stats_format = "csv";    // --stats-format csv|json
  std::string metrics_listen;          // --metrics-listen ADDR:PORT
  std::string api_token_file;          // --api-token-file FILE: bearer token for the HTTP endpoint
  std::string netns;                   // --netns PATH
  int netns_pid = 0;                   // --netns-pid PID
  std::string container;               // --container ID
  std::string decap;                   // --decap vxlan[@PORT][:ID,...] | geneve[...] | gre[:KEY,...]
  bool decap_keep = false;             // --decap-keep
  std::string outer_filter;            // --outer-filter EXPR
  bool quiet_status = false;           // set when -q: no live status line
  std::string query_after;             // query --after TIME
  std::string query_before;            // query --before TIME
  bool query_stats = false;            // query --query-stats: what the plan read, on stderr
  std::vector<std::string> remotes;    // query --remote URL (repeatable): ask these nodes' /pcap
  std::string remote_file;             // query --remote-file FILE: one URL per line
  int remote_timeout_ms = 30000;       // query --remote-timeout SECONDS: a node silent this long has failed

  std::vector<std::string> unsupported;  // options parsed but not implemented: the caller reports them
};

// Parses argv as tcpdump does. Numbers are checked as tcpdump checks them; the error message is tcpdump's.
Result<CliOptions> ParseOptions(int argc, char** argv);

// The usage text tcpdump prints for -h and after a bad option.
std::string UsageText();

}  // namespace ringdump::cli
