// PPP protocol dispatch (print-ppp.c's handle_ppp switch) as a table: one row per case, in tcpdump's order,
// named by tcpdump's constants. The PPP printers themselves (handle_ctrl_proto, CHAP, PAP, BAP, MLPPP)
// belong to ppp.cpp, which fills these rows in; until then a row's printer is one of the network layer
// printers below or nullptr, and handle_ppp's default branch (the protocol's name and the hex) stands in.
#include "dispatch.hpp"

namespace ringdump::print {
namespace {

void Ip(Nd& nd, const PppArgs& a) { IpPrint(nd, a.p, a.length); }
void Ip6(Nd& nd, const PppArgs& a) { Ip6Print(nd, a.p, a.length); }

constexpr PppProtoRow kPppProtos[] = {
    {"PPP_LCP", 0xc021, nullptr},
    {"PPP_IPCP", 0x8021, nullptr},
    {"PPP_OSICP", 0x8023, nullptr},
    {"PPP_MPLSCP", 0x8281, nullptr},
    {"PPP_IPV6CP", 0x8057, nullptr},
    {"PPP_CCP", 0x80fd, nullptr},
    {"PPP_BACP", 0xc02b, nullptr},
    {"PPP_ML", 0x003d, nullptr},
    {"PPP_CHAP", 0xc223, nullptr},
    {"PPP_PAP", 0xc023, nullptr},
    {"PPP_BAP", 0xc02d, nullptr},
    {"ETHERTYPE_IP", 0x0800, Ip},
    {"PPP_VJNC", 0x002f, Ip},
    {"PPP_IP", 0x0021, Ip},
    {"ETHERTYPE_IPV6", 0x86dd, Ip6},
    {"PPP_IPV6", 0x0057, Ip6},
    {"ETHERTYPE_IPX", 0x8137, nullptr},
    {"PPP_IPX", 0x002b, nullptr},
    {"PPP_OSI", 0x0023, nullptr},
    {"PPP_MPLS_UCAST", 0x0281, nullptr},
    {"PPP_MPLS_MCAST", 0x0283, nullptr},
    {"PPP_COMP", 0x00fd, [](Nd& nd, const PppArgs&) { nd.out.S("compressed PPP data"); }},
};

}  // namespace

std::span<const PppProtoRow> PppProtoTable() { return kPppProtos; }

const PppProtoRow* FindPppProto(uint32_t proto) {
  for (const PppProtoRow& r : kPppProtos) {
    if (r.proto == proto) return &r;
  }
  return nullptr;
}

}  // namespace ringdump::print
