// Microsoft Network Load Balancing heartbeats (print-msnlb.c, ethertype 0x886f): the host priority and
// the cluster and host addresses; the rest of the frame is undocumented and ignored, as tcpdump does.
#include "l2_printers.hpp"

namespace ringdump::print {

void MsnlbPrint(Nd& nd, const uint8_t* bp) {
  nd.protocol = "msnlb";
  nd.out.S("MS NLB heartbeat");
  nd.out.F(", host priority: %u", nd.Le32(bp + 8));
  nd.Check(bp + 12, 4);
  nd.out.S(", cluster IP: ");
  PrintIpAddr(nd, bp + 12);
  nd.Check(bp + 16, 4);
  nd.out.S(", host IP: ");
  PrintIpAddr(nd, bp + 16);
}

}  // namespace ringdump::print
