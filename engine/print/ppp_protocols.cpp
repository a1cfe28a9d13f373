// PPP protocol dispatch (print-ppp.c's handle_ppp switch) as a table: one row per case, in tcpdump's order,
// named by tcpdump's constants. The PPP printers themselves (handle_ctrl_proto, CHAP, PAP, BAP, MLPPP) are
// ppp.cpp's; the rows without a printer (IPX, OSI) print handle_ppp's default branch (the protocol's name
// and the hex) instead of tcpdump's IPX and OSI decodes.
#include "ppp.hpp"

namespace ringdump::print {
namespace {

void Ip(Nd& nd, const PppArgs& a) { IpPrint(nd, a.p, a.length); }
void Ip6(Nd& nd, const PppArgs& a) { Ip6Print(nd, a.p, a.length); }

constexpr PppProtoRow kPppProtos[] = {
    {"PPP_LCP", 0xc021, PppCtrlProtoPrint},
    {"PPP_IPCP", 0x8021, PppCtrlProtoPrint},
    {"PPP_OSICP", 0x8023, PppCtrlProtoPrint},
    {"PPP_MPLSCP", 0x8281, PppCtrlProtoPrint},
    {"PPP_IPV6CP", 0x8057, PppCtrlProtoPrint},
    {"PPP_CCP", 0x80fd, PppCtrlProtoPrint},
    {"PPP_BACP", 0xc02b, PppCtrlProtoPrint},
    {"PPP_ML", 0x003d, PppMlPrint},
    {"PPP_CHAP", 0xc223, PppChapPrint},
    {"PPP_PAP", 0xc023, PppPapPrint},
    {"PPP_BAP", 0xc02d, PppBapPrint},
    {"ETHERTYPE_IP", 0x0800, Ip},
    {"PPP_VJNC", 0x002f, Ip},
    {"PPP_IP", 0x0021, Ip},
    {"ETHERTYPE_IPV6", 0x86dd, Ip6},
    {"PPP_IPV6", 0x0057, Ip6},
    {"ETHERTYPE_IPX", 0x8137, nullptr},
    {"PPP_IPX", 0x002b, nullptr},
    {"PPP_OSI", 0x0023, nullptr},
    {"PPP_MPLS_UCAST", 0x0281, PppMplsPrint},
    {"PPP_MPLS_MCAST", 0x0283, PppMplsPrint},
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
