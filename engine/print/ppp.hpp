// What ppp.cpp, ppp_options.cpp and ppp_protocols.cpp share: the PPP protocol names (tcpdump's
// ppptype2str), the printers of handle_ppp's cases and the configuration-option printers of the control
// protocols. Each option printer gets the option and the
// length the caller allows (tcpdump passes the whole encoded length), prints it and returns its length,
// or 0 to stop the option loop.
#pragma once

#include "dispatch.hpp"
#include "l2_printers.hpp"

namespace ringdump::print {

const char* PppProtoName(uint32_t proto);  // nullptr if unknown

// handle_ppp's cases, as ppp_protocols.cpp's table rows call them (a.proto is the protocol field).
void PppCtrlProtoPrint(Nd& nd, const PppArgs& a);  // LCP, IPCP, OSICP, MPLSCP, IP6CP, CCP, BACP
void PppMlPrint(Nd& nd, const PppArgs& a);
void PppChapPrint(Nd& nd, const PppArgs& a);
void PppPapPrint(Nd& nd, const PppArgs& a);
void PppBapPrint(Nd& nd, const PppArgs& a);  // prints nothing, as tcpdump's handle_bap
void PppMplsPrint(Nd& nd, const PppArgs& a);

uint32_t LcpOptionPrint(Nd& nd, const uint8_t* p, uint32_t length);
uint32_t IpcpOptionPrint(Nd& nd, const uint8_t* p, uint32_t length);
uint32_t Ip6cpOptionPrint(Nd& nd, const uint8_t* p, uint32_t length);
uint32_t CcpOptionPrint(Nd& nd, const uint8_t* p, uint32_t length);
uint32_t BacpOptionPrint(Nd& nd, const uint8_t* p, uint32_t length);

}  // namespace ringdump::print
