// Parses ringdump-gen's options with getopt_long and checks every value, so the sender never sees a frame
// it cannot build: sizes against the tag-dependent minimum, VLAN ids, ports, addresses, rates.
#include "gen_options.hpp"

#include <arpa/inet.h>
#include <getopt.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace ringdump::gen {
namespace {

enum LongOnly {
  kCount = 256,
  kSize,
  kVlan,
  kTpid,
  kSrcIp,
  kDstIp,
  kSrcPort,
  kDstPort,
  kSrcMac,
  kDstMac,
  kRate,
  kSeconds,
  kSeqStart,
  kMethod,
  kNoQdiscBypass,
  kFlows,
};

// The size cycle used by --size mix: the classic simple IMIX (7 x 60, 4 x 594, 1 x 1514) interleaved.
const std::vector<size_t> kMix = {60, 594, 60, 60, 594, 60, 1514, 60, 594, 60, 60, 594};

std::optional<uint64_t> ParseUnsigned(const char* text, uint64_t max) {
  if (text == nullptr || *text == '\0' || *text == '-') return std::nullopt;
  errno = 0;
  char* end = nullptr;
  unsigned long long v = std::strtoull(text, &end, 0);
  if (errno != 0 || *end != '\0' || v > max) return std::nullopt;
  return v;
}

std::optional<double> ParseNonNegative(const char* text) {
  if (text == nullptr || *text == '\0') return std::nullopt;
  errno = 0;
  char* end = nullptr;
  double v = std::strtod(text, &end);
  if (errno != 0 || *end != '\0' || !std::isfinite(v) || v < 0) return std::nullopt;
  return v;
}

std::optional<MacAddress> ParseMac(const std::string& text) {
  MacAddress mac{};
  unsigned int b[6];
  char tail;
  if (std::sscanf(text.c_str(), "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5],
                  &tail) != 6) {
    return std::nullopt;
  }
  for (int i = 0; i < 6; ++i) mac[i] = static_cast<uint8_t>(b[i]);
  return mac;
}

std::optional<uint32_t> ParseIpv4(const char* text) {
  in_addr addr{};
  if (inet_pton(AF_INET, text, &addr) != 1) return std::nullopt;
  return ntohl(addr.s_addr);
}

std::optional<std::vector<size_t>> ParseSizes(const std::string& text) {
  if (text == "mix") return kMix;
  std::vector<size_t> sizes;
  std::stringstream in(text);
  std::string item;
  while (std::getline(in, item, ',')) {
    auto v = ParseUnsigned(item.c_str(), kMaxFrameSize);
    if (!v || *v < kMinFrameSize) return std::nullopt;
    sizes.push_back(*v);
  }
  if (sizes.empty()) return std::nullopt;
  return sizes;
}

// "ID" or "ID:PRIO".
std::optional<VlanTag> ParseVlan(const std::string& text) {
  VlanTag tag;
  auto colon = text.find(':');
  auto id = ParseUnsigned(text.substr(0, colon).c_str(), 4095);
  if (!id) return std::nullopt;
  tag.id = static_cast<uint16_t>(*id);
  if (colon != std::string::npos) {
    auto prio = ParseUnsigned(text.substr(colon + 1).c_str(), 7);
    if (!prio) return std::nullopt;
    tag.priority = static_cast<uint8_t>(*prio);
  }
  return tag;
}

OptionError Bad(const char* flag, const std::string& what) { return {std::string(flag) + ": " + what}; }

}  // namespace

std::string GenUsage() {
  return R"(usage: ringdump-gen -i IF --count N [options]
  --size N|N,N,...|mix   frame sizes incl. Ethernet header and tag, no FCS: 60..9018 (default 60);
                         a list cycles per frame; mix = simple IMIX (60/594/1514, 7:4:1)
  --vlan ID[:PRIO]       one tag (ID 0..4095, PRIO 0..7); --tpid 0x8100 (default) or 0x88a8
  --src-ip/--dst-ip A    default 198.18.0.1 -> 198.18.0.2
  --src-port/--dst-port  default 9 -> 9; --flows N: source port src-port + i % N (spreads fanout hashing)
  --src-mac/--dst-mac M  default: the interface's address -> ff:ff:ff:ff:ff:ff (a unicast address that
                         is not the peer's makes the receiver drop frames early: faster for benchmarks)
  --rate PPS             0 = as fast as possible (default)
  --seconds S            hard bound on the run (default 60)
  --seq-start N          first sequence number (default 0)
  --method sendmmsg|ring sendmmsg (default) or PACKET_TX_RING; --no-qdisc-bypass; -q: no report
Each frame is UDP/IPv4 whose payload starts with "RDSEQ" + a 64-bit big-endian sequence number.
)";
}

std::variant<GenOptions, OptionError> ParseGenOptions(int argc, char** argv) {
  static const option kLong[] = {
      {"interface", required_argument, nullptr, 'i'},
      {"count", required_argument, nullptr, kCount},
      {"size", required_argument, nullptr, kSize},
      {"vlan", required_argument, nullptr, kVlan},
      {"tpid", required_argument, nullptr, kTpid},
      {"src-ip", required_argument, nullptr, kSrcIp},
      {"dst-ip", required_argument, nullptr, kDstIp},
      {"src-port", required_argument, nullptr, kSrcPort},
      {"dst-port", required_argument, nullptr, kDstPort},
      {"src-mac", required_argument, nullptr, kSrcMac},
      {"dst-mac", required_argument, nullptr, kDstMac},
      {"rate", required_argument, nullptr, kRate},
      {"seconds", required_argument, nullptr, kSeconds},
      {"seq-start", required_argument, nullptr, kSeqStart},
      {"method", required_argument, nullptr, kMethod},
      {"no-qdisc-bypass", no_argument, nullptr, kNoQdiscBypass},
      {"flows", required_argument, nullptr, kFlows},
      {"quiet", no_argument, nullptr, 'q'},
      {"help", no_argument, nullptr, 'h'},
      {nullptr, 0, nullptr, 0},
  };
  GenOptions o;
  bool count_given = false;
  std::optional<uint16_t> tpid;
  optind = 1;
  opterr = 0;
  int c;
  while ((c = getopt_long(argc, argv, ":i:qh", kLong, nullptr)) != -1) {
    const char* arg = optarg;
    switch (c) {
      case 'i':
        o.interface = arg;
        if (o.interface.empty()) return Bad("-i", "empty interface name");
        break;
      case 'q':
        o.quiet = true;
        break;
      case 'h':
        o.help = true;
        return o;
      case kCount: {
        auto v = ParseUnsigned(arg, UINT64_MAX);
        if (!v || *v == 0) return Bad("--count", std::string("'") + arg + "' is not a positive integer");
        o.count = *v;
        count_given = true;
        break;
      }
      case kSize: {
        auto v = ParseSizes(arg);
        if (!v)
          return Bad("--size", std::string("'") + arg + "': want 60..9018, a comma list of those, or mix");
        o.sizes = *v;
        break;
      }
      case kVlan: {
        auto v = ParseVlan(arg);
        if (!v) return Bad("--vlan", std::string("'") + arg + "': want ID[:PRIO] with ID 0..4095, PRIO 0..7");
        o.spec.vlan = *v;
        break;
      }
      case kTpid: {
        auto v = ParseUnsigned(arg, 0xffff);
        if (!v || (*v != kTpid8021Q && *v != kTpid8021AD)) {
          return Bad("--tpid", std::string("'") + arg + "': want 0x8100 or 0x88a8");
        }
        tpid = static_cast<uint16_t>(*v);
        break;
      }
      case kSrcIp:
      case kDstIp: {
        auto v = ParseIpv4(arg);
        const char* flag = c == kSrcIp ? "--src-ip" : "--dst-ip";
        if (!v) return Bad(flag, std::string("'") + arg + "' is not an IPv4 address");
        (c == kSrcIp ? o.spec.src_ip : o.spec.dst_ip) = *v;
        break;
      }
      case kSrcPort:
      case kDstPort: {
        auto v = ParseUnsigned(arg, 65535);
        const char* flag = c == kSrcPort ? "--src-port" : "--dst-port";
        if (!v) return Bad(flag, std::string("'") + arg + "' is not a port (0..65535)");
        (c == kSrcPort ? o.spec.src_port : o.spec.dst_port) = static_cast<uint16_t>(*v);
        break;
      }
      case kSrcMac:
      case kDstMac: {
        auto v = ParseMac(arg);
        const char* flag = c == kSrcMac ? "--src-mac" : "--dst-mac";
        if (!v) return Bad(flag, std::string("'") + arg + "' is not a MAC address (aa:bb:cc:dd:ee:ff)");
        (c == kSrcMac ? o.spec.src_mac : o.spec.dst_mac) = *v;
        if (c == kSrcMac) o.src_mac_given = true;
        break;
      }
      case kRate: {
        auto v = ParseNonNegative(arg);
        if (!v) return Bad("--rate", std::string("'") + arg + "' is not a rate in frames per second (>= 0)");
        o.rate_pps = *v;
        break;
      }
      case kSeconds: {
        auto v = ParseNonNegative(arg);
        if (!v || *v == 0)
          return Bad("--seconds", std::string("'") + arg + "' is not a positive number of seconds");
        o.seconds = *v;
        break;
      }
      case kSeqStart: {
        auto v = ParseUnsigned(arg, UINT64_MAX);
        if (!v) return Bad("--seq-start", std::string("'") + arg + "' is not an unsigned integer");
        o.seq_start = *v;
        break;
      }
      case kFlows: {
        auto v = ParseUnsigned(arg, 65536);
        if (!v || *v == 0) return Bad("--flows", std::string("'") + arg + "' is not a flow count (1..65536)");
        o.flows = static_cast<uint32_t>(*v);
        break;
      }
      case kMethod:
        if (std::string(arg) == "ring") {
          o.method = SendMethod::kTxRing;
        } else if (std::string(arg) == "sendmmsg") {
          o.method = SendMethod::kSendmmsg;
        } else {
          return Bad("--method", std::string("'") + arg + "': want ring or sendmmsg");
        }
        break;
      case kNoQdiscBypass:
        o.qdisc_bypass = false;
        break;
      case ':':
        return OptionError{std::string(argv[optind - 1]) + ": missing argument"};
      default:
        return OptionError{std::string(argv[optind - 1]) + ": unknown option"};
    }
  }
  if (optind < argc) return OptionError{std::string(argv[optind]) + ": unexpected argument"};
  if (o.interface.empty()) return Bad("-i", "an interface is required");
  if (!count_given) return Bad("--count", "a frame count is required (the generator is always bounded)");
  if (tpid) {
    if (!o.spec.vlan) return Bad("--tpid", "needs --vlan");
    o.spec.vlan->tpid = *tpid;
  }
  for (size_t size : o.sizes) {
    if (size < MinimumSize(o.spec)) {
      return Bad("--size", std::to_string(size) + " is too small for these headers (minimum " +
                               std::to_string(MinimumSize(o.spec)) + ")");
    }
  }
  return o;
}

}  // namespace ringdump::gen
