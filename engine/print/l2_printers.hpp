// Entry points of the link-layer protocol printers beside Ethernet, LLC and SNAP: LLDP, CDP, DTP, UDLD,
// VTP, the slow protocols (LACP, Marker, OAM), EAPOL, CFM, MPLS, PPP, PPPoE, PPTP's GRE, loopback, PTP,
// MS NLB and Realtek (tcpdump's print-lldp.c, print-cdp.c, ...). The dispatch tables (ether.cpp, llc.cpp,
// ppp_protocols.cpp) and gre.cpp call these; each prints what tcpdump 4.99.3 prints, reads through Nd
// (a read past the capture throws Truncated) and sets nd.protocol for the " [|proto]" marker. Internal
// to engine/print.
#pragma once

#include "dissect.hpp"

namespace ringdump::print {

// tcpdump's oui_values: the organisation's name, or nullptr.
const char* OuiName(uint32_t oui);

// Printers (tcpdump's names: stp_print, lldp_print, ...). length is the protocol's length on the wire.
void LldpPrint(Nd& nd, const uint8_t* p, uint32_t length);
void CdpPrint(Nd& nd, const uint8_t* p, uint32_t length);
void SlowPrint(Nd& nd, const uint8_t* p, uint32_t length);
void EapolPrint(Nd& nd, const uint8_t* p);
void CfmPrint(Nd& nd, const uint8_t* p, uint32_t length);
void MplsPrint(Nd& nd, const uint8_t* p, uint32_t length);
void PppPrint(Nd& nd, const uint8_t* p, uint32_t length);  // a PPP frame (address/control optional)
void PppoePrint(Nd& nd, const uint8_t* p, uint32_t length);
void DtpPrint(Nd& nd, const uint8_t* p, uint32_t length);
void UdldPrint(Nd& nd, const uint8_t* p, uint32_t length);
void VtpPrint(Nd& nd, const uint8_t* p, uint32_t length);
void LoopbackPrint(Nd& nd, const uint8_t* p, uint32_t length);
void RtlPrint(Nd& nd, const uint8_t* p, const uint8_t* src, const uint8_t* dst);  // addresses or nullptr
void GreV1Print(Nd& nd, const uint8_t* p, uint32_t length);  // p at the GRE flags, "GREv1" printed
void PtpPrint(Nd& nd, const uint8_t* p, uint32_t length);  // ptp.cpp; also UDP 319/320 (udp.cpp)
void MsnlbPrint(Nd& nd, const uint8_t* p);                  // MS NLB heartbeats (0x886f)
void AarpPrint(Nd& nd, const uint8_t* p, uint32_t length);  // atalk.cpp: AppleTalk ARP (0x80f3)
// macsec_print: after the SecTAG (and, unencrypted, without the ICV) updates the pointer, lengths and
// header length. 0: encrypted (the caller dumps it); > 0: a header problem, return that as the header
// length; -1: go on with the ethertype at *bp.
int MacsecPrint(Nd& nd, const uint8_t** pos, uint32_t* lengthp, uint32_t* caplenp, uint32_t* hdrlenp,
                const uint8_t* src, const uint8_t* dst);

// The names snap_print gives a SNAP pid under an OUI (Cisco's and RFC 2684's), nullptr if unknown.
const char* SnapPidName(uint32_t oui, uint16_t pid);

}  // namespace ringdump::print
