// IP protocol dispatch (print-ip-demux.c's ip_demux_print) for IPv4 and IPv6 alike, as a table: one row
// per case of tcpdump's switch, in its order. A protocol tcpdump dissects and ringdump does not has a row
// without a printer and prints the switch's default branch (" NAME LEN" or " ip-proto-N LEN"), which is
// also what a number without a row prints.
#include <array>

#include "dispatch.hpp"

namespace ringdump::print {
namespace {

// netdb_protoname: /etc/protocols' names for the numbers tcpdump's users meet (Debian's netbase).
const char* NetdbProtoName(unsigned proto) {
  switch (proto) {
    case 1:
      return "icmp";
    case 6:
      return "tcp";
    case 17:
      return "udp";
    case 47:
      return "gre";
    case 50:
      return "esp";
    case 51:
      return "ah";
    case 58:
      return "ipv6-icmp";
    case 89:
      return "ospf";
    case 103:
      return "pim";
    case 112:
      return "vrrp";
    case 132:
      return "sctp";
    default:
      return nullptr;
  }
}

void Requires(Nd& nd, const IpArgs& a, const char* ver) {
  const char* name = IpProtoName(a.nh);
  nd.out.F("[%s requires %s]", name ? name : "unknown", ver);
  nd.PrintInvalid();
}

void DefaultBranch(Nd& nd, const IpArgs& a) {
  PrintIpProtoName(nd, a.nh);
  nd.out.F(" %u", a.length);
}

constexpr IpProtoRow kIpProtos[] = {
    {"IPPROTO_AH", 51, IpVer::kAny, nullptr},
    {"IPPROTO_ESP", 50, IpVer::kAny, [](Nd& nd, const IpArgs& a) { EspPrint(nd, a.bp, a.length); }},
    {"IPPROTO_IPCOMP", 108, IpVer::kAny, nullptr},
    {"IPPROTO_SCTP", 132, IpVer::kAny, nullptr},
    {"IPPROTO_DCCP", 33, IpVer::kAny, nullptr},
    {"IPPROTO_TCP", 6, IpVer::kAny,
     [](Nd& nd, const IpArgs& a) { TcpPrint(nd, a.bp, a.length, a.iph, a.fragmented); }},
    {"IPPROTO_UDP", 17, IpVer::kAny,
     [](Nd& nd, const IpArgs& a) { UdpPrint(nd, a.bp, a.length, a.iph, a.fragmented, a.ttl_hl); }},
    {"IPPROTO_ICMP", 1, IpVer::k4,
     [](Nd& nd, const IpArgs& a) { IcmpPrint(nd, a.bp, a.length, a.iph, a.fragmented); }},
    {"IPPROTO_ICMPV6", 58, IpVer::k6,
     [](Nd& nd, const IpArgs& a) { Icmp6Print(nd, a.bp, a.length, a.iph, a.fragmented); }},
    {"IPPROTO_PIGP", 9, IpVer::kAny, nullptr},
    {"IPPROTO_EIGRP", 88, IpVer::kAny, nullptr},
    {"IPPROTO_ND", 77, IpVer::kAny, [](Nd& nd, const IpArgs& a) { nd.out.F(" nd %u", a.length); }},
    {"IPPROTO_EGP", 8, IpVer::kAny, nullptr},
    // OSPFv3 (ospf6_print) is not dissected: IPv6 takes the default branch.
    {"IPPROTO_OSPF", 89, IpVer::kAny,
     [](Nd& nd, const IpArgs& a) { a.ver == 6 ? DefaultBranch(nd, a) : OspfPrint(nd, a.bp, a.length); }},
    {"IPPROTO_IGMP", 2, IpVer::k4, [](Nd& nd, const IpArgs& a) { IgmpPrint(nd, a.bp, a.length); }},
    {"IPPROTO_IPV4", 4, IpVer::kAny, [](Nd& nd, const IpArgs& a) { IpPrint(nd, a.bp, a.length); }},
    {"IPPROTO_IPV6", 41, IpVer::kAny, [](Nd& nd, const IpArgs& a) { Ip6Print(nd, a.bp, a.length); }},
    {"IPPROTO_RSVP", 46, IpVer::kAny, nullptr},
    {"IPPROTO_GRE", 47, IpVer::kAny, [](Nd& nd, const IpArgs& a) { GrePrint(nd, a.bp, a.length); }},
    {"IPPROTO_MOBILE", 55, IpVer::kAny, nullptr},
    {"IPPROTO_PIM", 103, IpVer::kAny, nullptr},
    // -T carp (carp_print) is not supported: always VRRP.
    {"IPPROTO_VRRP", 112, IpVer::kAny,
     [](Nd& nd, const IpArgs& a) { VrrpPrint(nd, a.bp, a.length, a.iph, a.ttl_hl, a.ver); }},
    {"IPPROTO_PGM", 113, IpVer::kAny, nullptr},
    {"IPPROTO_ETHERNET", 143, IpVer::k6,
     [](Nd& nd, const IpArgs& a) { EtherPrint(nd, a.bp, a.length, uint32_t(nd.Avail(a.bp))); }},
    {"IPPROTO_NONE", 59, IpVer::kAny, [](Nd& nd, const IpArgs&) { nd.out.S("no next header"); }},
};

// Row + 1 by protocol number (0: the default branch), built from the table at compile time.
constexpr std::array<uint8_t, 256> kIndex = [] {
  std::array<uint8_t, 256> ix{};
  for (size_t i = 0; i < std::size(kIpProtos); i++) {
    if (ix[kIpProtos[i].proto] == 0) ix[kIpProtos[i].proto] = uint8_t(i + 1);
  }
  return ix;
}();

}  // namespace

// " NAME" (tcpdump's protocol names; none with -n) or " ip-proto-N", as tcpdump prints a payload it does not
// dissect, for IPv4 fragments and IPv6 next headers alike.
void PrintIpProtoName(Nd& nd, unsigned proto) {
  const char* name = nd.names.numeric() ? nullptr : NetdbProtoName(proto);
  if (name) {
    nd.out.C(' ');
    nd.out.S(name);
  } else {
    nd.out.F(" ip-proto-%u", proto);
  }
}

std::span<const IpProtoRow> IpProtoTable() { return kIpProtos; }

void IpDemuxPrint(Nd& nd, const uint8_t* bp, uint32_t length, int ver, bool fragmented, uint8_t ttl_hl,
                  uint8_t nh, const uint8_t* iph) {
  IpArgs a{bp, length, ver, fragmented, ttl_hl, nh, iph};
  unsigned ix = kIndex[nh];
  if (ix == 0 || kIpProtos[ix - 1].print == nullptr) {
    DefaultBranch(nd, a);
    return;
  }
  const IpProtoRow& r = kIpProtos[ix - 1];
  if (r.ver == IpVer::k4 && ver != 4) {
    Requires(nd, a, "IPv4");
  } else if (r.ver == IpVer::k6 && ver != 6) {
    Requires(nd, a, "IPv6");
  } else {
    r.print(nd, a);
  }
}

}  // namespace ringdump::print
