// ParseOptions: tcpdump 4.99.3's getopt string and long options, its number checks and its messages,
// plus ringdump's long options. Nothing here prints or exits.
#include "options.hpp"

#include <getopt.h>
#include <pcap/pcap.h>
#include <strings.h>

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>

namespace ringdump::cli {
namespace {

// tcpdump 4.99.3 (Linux build with every libpcap feature).
constexpr const char* kShortOptions = "aAbB:c:C:dDeE:fF:G:hHi:Ij:JKlLm:M:nNOpqQ:r:s:StT:uUvV:w:W:xXy:Yz:Z:#";
constexpr int kMaximumSnaplen = 262144;

enum LongOnly {
  kOptVersion = 128,
  kOptPrecision,
  kOptImmediate,
  kOptPrint,
  kOptMicro = 133,
  kOptNano,
  kOptFpType,
  kOptCount,
  // ringdump's own.
  kOptQueues = 200,
  kOptFanout,
  kOptCpus,
  kOptDuration,
  kOptBlockSize,
  kOptBlockTimeout,
  kOptNoDirectIo,
  kOptPcapng,
  kOptInfo,
  kOptStatsInterval,
  kOptStatsFile,
  kOptStatsFormat,
  kOptMetricsListen,
  kOptNetns,
  kOptNetnsPid,
  kOptContainer,
  kOptDecap,
  kOptDecapKeep,
  kOptOuterFilter,
  kOptAlign,
  kOptMaxFiles,
  kOptMaxAge,
  kOptMaxTotalSize,
  kOptStopAt,
  kOptGroup,
  kOptApiTokenFile,
  kOptAfter,
  kOptBefore,
  kOptQueryStats,
  kOptQueueLoad,
  kOptRemote,
  kOptRemoteFile,
  kOptRemoteTimeout,
};

const option kLongOptions[] = {
    {"buffer-size", required_argument, nullptr, 'B'},
    {"list-interfaces", no_argument, nullptr, 'D'},
    {"help", no_argument, nullptr, 'h'},
    {"interface", required_argument, nullptr, 'i'},
    {"monitor-mode", no_argument, nullptr, 'I'},
    {"time-stamp-type", required_argument, nullptr, 'j'},
    {"list-time-stamp-types", no_argument, nullptr, 'J'},
    {"micro", no_argument, nullptr, kOptMicro},
    {"nano", no_argument, nullptr, kOptNano},
    {"time-stamp-precision", required_argument, nullptr, kOptPrecision},
    {"dont-verify-checksums", no_argument, nullptr, 'K'},
    {"list-data-link-types", no_argument, nullptr, 'L'},
    {"no-optimize", no_argument, nullptr, 'O'},
    {"no-promiscuous-mode", no_argument, nullptr, 'p'},
    {"direction", required_argument, nullptr, 'Q'},
    {"snapshot-length", required_argument, nullptr, 's'},
    {"absolute-tcp-sequence-numbers", no_argument, nullptr, 'S'},
    {"packet-buffered", no_argument, nullptr, 'U'},
    {"linktype", required_argument, nullptr, 'y'},
    {"immediate-mode", no_argument, nullptr, kOptImmediate},
    {"debug-filter-parser", no_argument, nullptr, 'Y'},
    {"relinquish-privileges", required_argument, nullptr, 'Z'},
    {"count", no_argument, nullptr, kOptCount},
    {"fp-type", no_argument, nullptr, kOptFpType},
    {"number", no_argument, nullptr, '#'},
    {"print", no_argument, nullptr, kOptPrint},
    {"version", no_argument, nullptr, kOptVersion},
    {"queues", required_argument, nullptr, kOptQueues},
    {"fanout", required_argument, nullptr, kOptFanout},
    {"queue-load", required_argument, nullptr, kOptQueueLoad},
    {"cpus", required_argument, nullptr, kOptCpus},
    {"duration", required_argument, nullptr, kOptDuration},
    {"block-size", required_argument, nullptr, kOptBlockSize},
    {"block-timeout", required_argument, nullptr, kOptBlockTimeout},
    {"no-direct-io", no_argument, nullptr, kOptNoDirectIo},
    {"pcapng", no_argument, nullptr, kOptPcapng},
    {"info", no_argument, nullptr, kOptInfo},
    {"stats-interval", required_argument, nullptr, kOptStatsInterval},
    {"stats-file", required_argument, nullptr, kOptStatsFile},
    {"stats-format", required_argument, nullptr, kOptStatsFormat},
    {"metrics-listen", required_argument, nullptr, kOptMetricsListen},
    {"netns", required_argument, nullptr, kOptNetns},
    {"netns-pid", required_argument, nullptr, kOptNetnsPid},
    {"container", required_argument, nullptr, kOptContainer},
    {"decap", required_argument, nullptr, kOptDecap},
    {"decap-keep", no_argument, nullptr, kOptDecapKeep},
    {"outer-filter", required_argument, nullptr, kOptOuterFilter},
    {"align", no_argument, nullptr, kOptAlign},
    {"max-files", required_argument, nullptr, kOptMaxFiles},
    {"max-age", required_argument, nullptr, kOptMaxAge},
    {"max-total-size", required_argument, nullptr, kOptMaxTotalSize},
    {"stop-at", required_argument, nullptr, kOptStopAt},
    {"group", required_argument, nullptr, kOptGroup},
    {"api-token-file", required_argument, nullptr, kOptApiTokenFile},
    {"after", required_argument, nullptr, kOptAfter},
    {"before", required_argument, nullptr, kOptBefore},
    {"query-stats", no_argument, nullptr, kOptQueryStats},
    {"remote", required_argument, nullptr, kOptRemote},
    {"remote-file", required_argument, nullptr, kOptRemoteFile},
    {"remote-timeout", required_argument, nullptr, kOptRemoteTimeout},
    {nullptr, 0, nullptr, 0},
};

Error ValueError(const std::string& message) { return Error(message, Error::Kind::kGeneric); }
Error UsageError(const std::string& message) { return Error(message, Error::Kind::kBadArgument); }

// A whole decimal number, nothing after it.
bool ParseInt64(const char* text, int64_t* out, int base = 10) {
  char* end = nullptr;
  errno = 0;
  long long v = std::strtoll(text, &end, base);
  if (end == text || *end != '\0' || errno != 0) return false;
  *out = v;
  return true;
}

// "90", "90s", "15m", "2h", "1d", "1.5" -> seconds.
bool ParseDuration(const char* text, double* out) {
  char* end = nullptr;
  errno = 0;
  double v = std::strtod(text, &end);
  if (end == text || errno != 0 || v < 0) return false;
  double mult = 1;
  std::string unit(end);
  if (unit.empty() || unit == "s") mult = 1;
  else if (unit == "m") mult = 60;
  else if (unit == "h") mult = 3600;
  else if (unit == "d") mult = 86400;
  else return false;
  *out = v * mult;
  return true;
}

// tcpdump -C: a number of million bytes, or with a k/m/g suffix KiB/MiB/GiB.
Result<int64_t> ParseFileSize(std::string arg) {
  int64_t mult = 1000000;
  if (!arg.empty() && arg.back() == 'k') { mult = 1024; arg.pop_back(); }
  else if (!arg.empty() && arg.back() == 'm') { mult = 1024 * 1024; arg.pop_back(); }
  else if (!arg.empty() && arg.back() == 'g') { mult = 1024LL * 1024 * 1024; arg.pop_back(); }
  int64_t v = 0;
  if (!ParseInt64(arg.c_str(), &v) || v <= 0) return ValueError("invalid file size " + arg);
  if (v > INT64_MAX / mult) return ValueError("file size " + arg + " is too large");
  return v * mult;
}

std::string JoinArguments(int first, int argc, char** argv) {
  std::string joined;
  for (int i = first; i < argc; ++i) {
    if (!joined.empty()) joined += ' ';
    joined += argv[i];
  }
  return joined;
}

// "-w" or "--stats-file": how the user names the option whose getopt value is op.
std::string OptionName(int op) {
  if (op < 128) return std::string("-") + char(op);
  for (const option& o : kLongOptions)
    if (o.name != nullptr && o.val == op) return std::string("--") + o.name;
  return "an option";
}

// getopt's own diagnostics, worded as glibc's (tcpdump lets getopt print them).
Error GetoptError(int argc, char** argv, int failed_index, int opt) {
  const char* arg = (failed_index > 0 && failed_index <= argc) ? argv[failed_index - 1] : "";
  if (std::strncmp(arg, "--", 2) == 0) {
    std::string name(arg);
    if (opt == ':') return UsageError("option '" + name + "' requires an argument");
    return UsageError("unrecognized option '" + name + "'");
  }
  if (opt == ':') return UsageError(std::string("option requires an argument -- '") + char(optopt) + "'");
  return UsageError(std::string("invalid option -- '") + char(optopt) + "'");
}

}  // namespace

Result<CliOptions> ParseOptions(int argc, char** argv) {
  CliOptions o;
  opterr = 0;
  optind = 0;  // glibc: 0 re-initialises getopt completely, so ParseOptions can run more than once
  int op;
  while ((op = getopt_long(argc, argv, std::string(":").append(kShortOptions).c_str(), kLongOptions,
                           nullptr)) != -1) {
    int64_t n = 0;
    // An empty argument is an unset variable in a script or a unit: refused for every option, because for
    // most of them "" would mean "not given" (-w '' would print to stdout, -Z '' would keep root).
    if (optarg != nullptr && *optarg == '\0' && op != ':' && op != '?')
      return ValueError("empty argument to " + OptionName(op) + " (an unset variable?)");
    switch (op) {
      case 'a': break;  // compatibility, as tcpdump
      case 'A': ++o.ascii; break;
      case 'b': o.unsupported.push_back("-b"); break;
      case 'B': {
        // tcpdump: atoi(optarg) * 1024 must be positive.
        n = std::atoll(optarg);
        if (n <= 0 || n > INT_MAX / 1024) return ValueError(std::string("invalid packet buffer size ") + optarg);
        o.buffer_kib = n;
        break;
      }
      case 'c':
        n = std::atoll(optarg);
        if (n <= 0 || n > INT_MAX) return ValueError(std::string("invalid packet count ") + optarg);
        o.count = n;
        break;
      case 'C': {
        auto size = ParseFileSize(optarg);
        if (!size.ok()) return std::move(size).error();
        o.rotate_file_bytes = size.value();
        break;
      }
      case 'd': ++o.dump_filter; break;
      case 'D': o.list_interfaces = true; break;
      case 'e': o.link_header = true; break;
      case 'E': o.esp_secret = optarg; o.unsupported.push_back("-E"); break;
      case 'f': o.resolve_foreign = true; break;
      case 'F': o.filter_file = optarg; break;
      case 'G':
        n = std::atoll(optarg);
        if (n < 0) return ValueError(std::string("invalid number of seconds ") + optarg);
        o.rotate_seconds = n;
        break;
      case 'h': o.show_help = true; break;
      case 'H': o.unsupported.push_back("-H"); break;
      case 'i': o.interfaces.emplace_back(optarg); break;
      case 'I': o.monitor_mode = true; break;
      case 'j':
        if (pcap_tstamp_type_name_to_val(optarg) < 0)
          return ValueError(std::string("invalid time stamp type ") + optarg);
        o.time_stamp_type = optarg;
        break;
      case 'J': o.list_time_stamp_types = true; break;
      case 'K': o.no_checksum_hints = true; break;
      case 'l': o.line_buffered = true; break;
      case 'L': o.list_data_link_types = true; break;
      case 'm': o.mib_file = optarg; break;  // tcpdump without libsmi ignores it with a warning
      case 'M': o.tcp_md5_secret = optarg; o.unsupported.push_back("-M"); break;
      case 'n': ++o.numeric; break;
      case 'N': o.no_domain = true; break;
      case 'O': o.dont_optimize = true; break;
      case 'p': o.no_promiscuous = true; break;
      case 'q': o.quiet = true; break;
      case 'Q':
        if (strcasecmp(optarg, "in") != 0 && strcasecmp(optarg, "out") != 0 && strcasecmp(optarg, "inout") != 0)
          return ValueError(std::string("unknown capture direction `") + optarg + "'");
        o.direction = optarg;
        for (auto& c : o.direction) c = static_cast<char>(std::tolower(c));
        break;
      case 'r': o.read_file = optarg; o.read_paths.emplace_back(optarg); break;
      case 's':
        if (!ParseInt64(optarg, &n, 0) || n < 0 || n > kMaximumSnaplen)
          return ValueError(std::string("invalid snaplen ") + optarg + " (must be >= 0 and <= 262144)");
        o.snaplen = n;
        break;
      case 'S': o.absolute_seq = true; break;
      case 't': ++o.timestamp_style; break;
      case 'T': {
        // tcpdump's -T types; the printer interprets "domain", the others are not dissected by ringdump.
        static const char* const kTypes[] = {"vat", "wb", "rpc", "rtp", "rtcp", "snmp", "cnfp", "tftp", "aodv",
                                              "carp", "radius", "zmtp1", "vxlan", "pgm", "pgm_zmtp1", "lmp",
                                              "resp", "ptp", "someip", "domain"};
        bool known = false;
        for (const char* t : kTypes) known = known || strcasecmp(optarg, t) == 0;
        if (!known) return ValueError(std::string("unknown packet type `") + optarg + "'");
        o.packet_type = optarg;
        for (auto& c : o.packet_type) c = static_cast<char>(std::tolower(c));
        if (o.packet_type != "domain") o.unsupported.push_back("-T " + o.packet_type);
        break;
      }
      case 'u': o.print_unix_time = true; break;
      case 'U': o.packet_buffered = true; break;
      case 'v': ++o.verbose; break;
      case 'V': o.unsupported.push_back("-V"); break;
      case 'w': o.write_file = optarg; break;
      case 'W':
        n = std::atoll(optarg);
        if (n <= 0) return ValueError(std::string("invalid number of output files ") + optarg);
        o.file_limit = n;
        break;
      case 'x': ++o.hex; break;
      case 'X': ++o.hex_ascii; break;
      case 'y':
        if (pcap_datalink_name_to_val(optarg) < 0) return ValueError(std::string("invalid data link type ") + optarg);
        o.data_link_type = optarg;
        break;
      case 'Y':  // Debian's tcpdump has no -Y either (libpcap is built without parser debugging): usage
        return UsageError("-Y (filter parser debugging) is not supported: libpcap is built without it");
      case 'z': o.post_rotate_command = optarg; break;
      case 'Z': o.user = optarg; break;
      case '#': o.number = true; break;
      case kOptVersion: o.show_version = true; break;
      case kOptPrecision:
        if (std::strncmp(optarg, "nano", 4) == 0) o.precision = TimestampPrecision::kNano;
        else if (std::strncmp(optarg, "micro", 5) == 0) o.precision = TimestampPrecision::kMicro;
        else return ValueError("unsupported time stamp precision");
        o.precision_given = true;
        break;
      case kOptMicro: o.precision = TimestampPrecision::kMicro; o.precision_given = true; break;
      case kOptNano: o.precision = TimestampPrecision::kNano; o.precision_given = true; break;
      case kOptImmediate: o.immediate_mode = true; break;
      case kOptPrint: o.print_while_writing = true; break;
      case kOptFpType: o.unsupported.push_back("--fp-type"); break;
      case kOptCount: o.count_only = true; break;
      case kOptQueues:
        if (!ParseInt64(optarg, &n) || n < 1 || n > 1024)
          return ValueError(std::string("invalid number of queues ") + optarg + " (--queues: 1 to 1024)");
        o.queues = static_cast<uint32_t>(n);
        break;
      case kOptFanout: o.fanout = optarg; break;
      case kOptQueueLoad:
        if (!ParseInt64(optarg, &n) || n < 0 || n > 100)
          return ValueError(std::string("invalid load ") + optarg + " (--queue-load: a percentage, 0 to 100)");
        o.queue_load = static_cast<uint32_t>(n);
        break;
      case kOptCpus: o.cpus = optarg; break;
      case kOptDuration:
        if (!ParseDuration(optarg, &o.duration_seconds) || o.duration_seconds <= 0)
          return ValueError(std::string("invalid duration ") + optarg + " (--duration: e.g. 30, 90s, 15m, 2h, 1d)");
        break;
      case kOptBlockSize:
        if (!ParseInt64(optarg, &n) || n < 4 || n > 1024 * 1024 || (n & (n - 1)) != 0)
          return ValueError(std::string("invalid block size ") + optarg +
                            " (--block-size: KiB, a power of two from 4 to 1048576)");
        o.block_kib = static_cast<uint32_t>(n);
        break;
      case kOptBlockTimeout:
        if (!ParseInt64(optarg, &n) || n < 1 || n > 60000)
          return ValueError(std::string("invalid block timeout ") + optarg + " (--block-timeout: 1 to 60000 ms)");
        o.block_timeout_ms = static_cast<uint32_t>(n);
        break;
      case kOptNoDirectIo: o.no_direct_io = true; break;
      case kOptPcapng: o.pcapng = true; break;
      case kOptInfo: o.info = true; break;
      case kOptStatsInterval:
        if (!ParseDuration(optarg, &o.stats_interval) || o.stats_interval <= 0)
          return ValueError(std::string("invalid statistics interval ") + optarg + " (--stats-interval: e.g. 1, 10s, 1m)");
        break;
      case kOptStatsFile: o.stats_file = optarg; break;
      case kOptStatsFormat:
        if (std::strcmp(optarg, "csv") != 0 && std::strcmp(optarg, "json") != 0)
          return ValueError(std::string("unknown statistics format ") + optarg + " (--stats-format: csv or json)");
        o.stats_format = optarg;
        break;
      case kOptMetricsListen: o.metrics_listen = optarg; break;
      case kOptNetns: o.netns = optarg; break;
      case kOptNetnsPid:
        if (!ParseInt64(optarg, &n) || n <= 0 || n > INT_MAX)
          return ValueError(std::string("invalid process id ") + optarg + " (--netns-pid)");
        o.netns_pid = static_cast<int>(n);
        break;
      case kOptContainer: o.container = optarg; break;
      case kOptDecap: o.decap = optarg; break;
      case kOptDecapKeep: o.decap_keep = true; break;
      case kOptOuterFilter: o.outer_filter = optarg; break;
      case kOptAlign: o.align = true; break;
      case kOptMaxFiles: o.max_files = optarg; break;
      case kOptMaxAge: o.max_age = optarg; break;
      case kOptMaxTotalSize: o.max_total_size = optarg; break;
      case kOptStopAt: o.stop_at = optarg; break;
      case kOptGroup: o.group = optarg; break;
      case kOptApiTokenFile: o.api_token_file = optarg; break;
      case kOptAfter: o.query_after = optarg; break;
      case kOptBefore: o.query_before = optarg; break;
      case kOptQueryStats: o.query_stats = true; break;
      case kOptRemote: o.remotes.emplace_back(optarg); break;
      case kOptRemoteFile: o.remote_file = optarg; break;
      case kOptRemoteTimeout: {
        char* end = nullptr;
        const double seconds = std::strtod(optarg, &end);
        if (*end != '\0' || !(seconds > 0) || seconds > 86400)
          return UsageError(std::string("--remote-timeout: not a number of seconds: ") + optarg);
        o.remote_timeout_ms = int(seconds * 1000);
        break;
      }
      default:
        return GetoptError(argc, argv, optind, op);
    }
  }
  if (o.timestamp_style > 5) return ValueError("only -t, -tt, -ttt, -tttt and -ttttt are supported");
  if (o.resolve_foreign && !o.read_file.empty()) return ValueError("-f can not be used with -V or -r");
  if (!o.netns.empty() + (o.netns_pid != 0) + !o.container.empty() > 1)
    return ValueError("--netns, --netns-pid and --container are mutually exclusive");
  if (!o.api_token_file.empty() && o.metrics_listen.empty() && o.remotes.empty() && o.remote_file.empty())
    return ValueError("--api-token-file needs --metrics-listen (the token guards that endpoint)");
  if (o.info) {
    for (int i = optind; i < argc; ++i) o.info_files.emplace_back(argv[i]);
    if (o.info_files.empty()) return UsageError("--info needs at least one file");
    return o;
  }
  o.filter = JoinArguments(optind, argc, argv);
  o.quiet_status = o.quiet;
  return o;
}

std::string UsageText() {
  return std::string("ringdump version ") + RINGDUMP_VERSION_STRING + " (tcpdump 4.99 command line)\n" +
         pcap_lib_version() +
         "\n"
         "Usage: ringdump [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ] [ -c count ] [--count]\n"
         "\t\t[ -C file_size ] [ -E algo:secret ] [ -F file ] [ -G seconds ]\n"
         "\t\t[ -i interface ] [ --immediate-mode ] [ -j tstamptype ]\n"
         "\t\t[ -M secret ] [ --number ] [ --print ] [ -Q in|out|inout ]\n"
         "\t\t[ -r file ] [ -s snaplen ] [ -T type ] [ --version ]\n"
         "\t\t[ -V file ] [ -w file ] [ -W filecount ] [ -y datalinktype ]\n"
         "\t\t[ --time-stamp-precision precision ] [ --micro ] [ --nano ]\n"
         "\t\t[ -z postrotate-command ] [ -Z user ] [ expression ]\n"
         "ringdump options:\n"
         "\t\t[ --queues N ] [ --fanout hash|lb|cpu|qm|rollover|random ] [ --cpus LIST ] [ --queue-load PCT ]\n"
         "\t\t[ --duration SECONDS ] [ --block-size KiB ] [ --block-timeout MS ]\n"
         "\t\t[ --no-direct-io ] [ --pcapng ]\n"
         "\t\t[ --stats-interval SECONDS ] [ --stats-file PATH ] [ --stats-format csv|json ]\n"
         "\t\t[ --metrics-listen ADDR:PORT ] [ --api-token-file FILE ]\n"
         "\t\t[ --netns PATH | --netns-pid PID | --container ID ]\n"
         "\t\t[ --decap vxlan[@PORT][:VNI,...]|geneve[@PORT][:VNI,...]|gre[:KEY,...] ]\n"
         "\t\t[ --decap-keep ] [ --outer-filter EXPR ]\n"
         "\t\t[ --align ] [ --max-files N ] [ --max-age 15d ] [ --max-total-size 300G ] [ --stop-at TIME ]\n"
         "\t\t[ --group NAME ]\n"
         "       ringdump --info FILE...\n"
         "       ringdump query -r PATH [-r PATH ...] [--after TIME] [--before TIME] [-w FILE] [expression]\n"
         "       ringdump stats plot STATS.csv -o REPORT.html\n";
}

}  // namespace ringdump::cli
