// Dispatch as data: the ordered tables that choose a printer by UDP/TCP port, ethertype, IP protocol,
// link type, LLC SAP, SNAP OUI/PID and PPP protocol, one row per branch of tcpdump 4.99.3's if-chains
// and switches (print-udp.c, print-tcp.c, print-ether.c, print-ip-demux.c, print.c, print-llc.c,
// print-ppp.c), in tcpdump's order, each row named by tcpdump's constant. The first matching row wins;
// nothing registers itself. A row without a printer still matches (so a later row cannot win where
// tcpdump's earlier branch would) and prints the table's fallback, documented at each table.
// tests/unit/print_dispatch_test.cpp holds every table against tcpdump's list of constants.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "dissect.hpp"

namespace ringdump::print {

// Rows guarded by #ifdef ENABLE_SMB in tcpdump: Debian builds without it, so its tcpdump (the reference)
// has no such branch. They stay in the tables (the order is tcpdump's source) but never match.
enum class RowGate : uint8_t { kOn, kEnableSmb };

// ---- UDP and TCP ports (IS_SRC_OR_DST_PORT, sport ==, dport ==, a range).
enum class PortMatch : uint8_t {
  kEither,  // IS_SRC_OR_DST_PORT(lo)
  kSrc,     // sport == lo
  kDst,     // dport == lo
  kRange,   // either port in [lo, hi]
  kAtalk,   // either port in atalk_port()'s ranges, and a DDP LAP header first (print-udp.c's kip rule)
};

struct UdpArgs {
  const uint8_t* cp;  // the UDP payload
  uint32_t length;    // its length
  uint32_t ulen;      // the UDP length field minus the header (for "UDP, length N")
  uint16_t sport, dport;
  const uint8_t* iph;
  int ver;
  bool fragmented;
  uint8_t ttl_hl;
};
struct TcpArgs {
  const uint8_t* bp;  // the TCP payload
  uint32_t length;
  uint16_t sport, dport;
  const uint8_t* iph;
};

template <typename Args>
struct PortRow {
  const char* name;  // tcpdump's constant, e.g. "SNMP_PORT"
  PortMatch match;
  uint16_t lo, hi;
  void (*print)(Nd&, const Args&);  // nullptr: matched, printed by the table's fallback
  RowGate gate = RowGate::kOn;
};
using UdpPortRow = PortRow<UdpArgs>;
using TcpPortRow = PortRow<TcpArgs>;

std::span<const UdpPortRow> UdpPortTable();  // udp.cpp; fallback "UDP, length N" (tcpdump's unknown port)
std::span<const TcpPortRow> TcpPortTable();  // tcp.cpp; fallback nothing (the line ends at "length N")

// The first row matching (sport, dport, payload), or -1. A per-port index built once from the table keeps
// the lookup at two array reads however long the table grows.
int FindUdpPort(Nd& nd, const UdpArgs& a);
int FindTcpPort(Nd& nd, const TcpArgs& a);
// The same by a linear walk of the rows: the reference the index is tested against.
int FindUdpPortLinear(Nd& nd, const UdpArgs& a);
int FindTcpPortLinear(Nd& nd, const TcpArgs& a);

// ---- IP protocols (ip_demux_print's switch).
enum class IpVer : uint8_t { kAny, k4, k6 };  // "[%s requires IPv4]" / "[%s requires IPv6]" otherwise
struct IpArgs {
  const uint8_t* bp;
  uint32_t length;
  int ver;
  bool fragmented;
  uint8_t ttl_hl;
  uint8_t nh;
  const uint8_t* iph;
};
struct IpProtoRow {
  const char* name;  // "IPPROTO_TCP"
  uint8_t proto;
  IpVer ver;
  void (*print)(Nd&, const IpArgs&);  // nullptr: the default branch (" ip-proto-N LEN" or the name)
};
std::span<const IpProtoRow> IpProtoTable();  // ip_demux.cpp

// ---- Ethertypes (ethertype_print's switch). Printed: true; false sends the frame to the caller's
// unknown-ethertype output (the MAC header, the type, the hex), which is also the fallback of a row
// without a printer.
struct EtherArgs {
  const uint8_t* p;
  uint32_t length, caplen;
  const uint8_t* src;
  const uint8_t* dst;
};
struct EthertypeRow {
  const char* name;  // "ETHERTYPE_IP"
  uint16_t type;
  bool (*print)(Nd&, const EtherArgs&);
};
std::span<const EthertypeRow> EthertypeTable();  // ether.cpp

// ---- Link types (print.c's printers[]). A DLT whose row has no printer prints as unsupported_if_print.
struct LinkArgs {
  const uint8_t* p;
  uint32_t length, caplen;
};
struct LinkRow {
  const char* name;                         // "DLT_EN10MB"
  int dlt;                                  // Linux's DLT_ value (pcap/dlt.h)
  uint32_t (*print)(Nd&, const LinkArgs&);  // returns the link header length
};
std::span<const LinkRow> LinkTable();  // printer.cpp
// The printer's row for a pcap LINKTYPE_ value (mapped to its DLT_ as libpcap does), or nullptr.
const LinkRow* FindLink(int linktype);

// ---- LLC SAPs (llc_print's dsap == ssap == X checks) and SNAP (snap_print's OUI / PID switch).
enum class LlcControl : uint8_t { kUi, kIOrUi };  // control == LLC_UI; NetBEUI's I or UI frames
struct LlcArgs {
  const uint8_t* p;
  uint32_t length, caplen;
  const uint8_t* src;
  const uint8_t* dst;
};
struct LlcSapRow {
  const char* name;  // "LLCSAP_8021D"
  uint8_t sap;
  LlcControl control;
  void (*print)(Nd&, const LlcArgs&);  // nullptr: the LLC summary tcpdump prints for other SAPs
  RowGate gate = RowGate::kOn;
};
std::span<const LlcSapRow> LlcSapTable();  // llc.cpp

constexpr uint32_t kAnyPid = 0x10000;  // the OUI's every PID (the protocol ID is an ethertype)
struct SnapRow {
  const char* name;  // "OUI_CISCO/PID_CISCO_CDP"
  uint32_t oui;
  uint32_t pid;                        // or kAnyPid
  uint32_t pad;                        // bytes skipped before the payload (RFC 2684 bridged frames)
  bool (*print)(Nd&, const LlcArgs&);  // true if printed; nullptr: the "SNAP, oui ..." line and hex
};
std::span<const SnapRow> SnapTable();  // llc.cpp

// ---- PPP protocols (print-ppp.c's handle_ppp switch). The PPP printers belong to ppp.cpp; this table
// is the order and the names, and a row without a printer prints handle_ppp's default branch.
struct PppArgs {
  const uint8_t* p;
  uint32_t length;
  uint32_t proto;
};
struct PppProtoRow {
  const char* name;  // "PPP_LCP"
  uint16_t proto;
  void (*print)(Nd&, const PppArgs&);
};
std::span<const PppProtoRow> PppProtoTable();  // ppp_protocols.cpp
const PppProtoRow* FindPppProto(uint32_t proto);

}  // namespace ringdump::print
