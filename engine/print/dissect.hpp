// The dissector context shared by every protocol printer: bounds-checked big-endian reads over the
// captured bytes (a read past the end throws Truncated, which the Printer turns into tcpdump's " [|proto]"),
// and an append-only line buffer with the few formatters the printers need (no printf on the common path).
// Internal to engine/print; not a public API.
#pragma once

#include <cstdarg>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "names.hpp"
#include "printer.hpp"
#include "tcp_seq.hpp"

namespace ringdump::print {

// The one truncation mechanism, with tcpdump's two outcomes (its longjmp and its "goto trunc"):
// Truncated: a read past the captured bytes (GET_* and nd_trunc_longjmp). Caught once per packet in
//   Printer::Print, which prints " [|proto]"; the -x/-X dumps then show the whole packet.
// TcheckFailed: an explicit ND_TCHECK_* in a printer that has a "trunc:" label (Nd::TCheck). Caught by
//   that printer (TruncLabel below, or its own catch when it must also undo output), which prints the
//   marker and returns normally, so the link header length still applies to the dumps.
struct Truncated {};
struct TcheckFailed {};

class Names;
class TcpSeqTable;

// The per-packet output line. Capacity is kept between packets, so appending does not allocate.
class Out {
 public:
  Out() { s_.reserve(1 << 16); }
  void Clear() { s_.clear(); }
  const std::string& str() const { return s_; }
  size_t size() const { return s_.size(); }
  void Resize(size_t n) { s_.resize(n); }

  void S(std::string_view v) { s_.append(v); }
  void C(char c) { s_.push_back(c); }
  void U(uint64_t v) {
    char b[24];
    char* e = b + sizeof b;
    char* p = e;
    do {
      *--p = char('0' + v % 10);
      v /= 10;
    } while (v);
    s_.append(p, e - p);
  }
  void I(int64_t v) {
    if (v < 0) {
      C('-');
      U(uint64_t(-v));
    } else {
      U(uint64_t(v));
    }
  }
  // Zero-padded to width digits (printf "%0*u").
  void UPad(uint64_t v, int width) {
    char b[24];
    int n = 0;
    do {
      b[n++] = char('0' + v % 10);
      v /= 10;
    } while (v);
    for (int i = n; i < width; i++) C('0');
    while (n) C(b[--n]);
  }
  // Lower-case hex, zero-padded to width (printf "%0*x"; width 0 for "%x").
  void X(uint64_t v, int width = 0) {
    static const char kHex[] = "0123456789abcdef";
    char b[20];
    int n = 0;
    do {
      b[n++] = kHex[v & 15];
      v >>= 4;
    } while (v);
    for (int i = n; i < width; i++) C('0');
    while (n) C(b[--n]);
  }
  void F(const char* fmt, ...) __attribute__((format(printf, 2, 3))) {
    char b[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b, sizeof b, fmt, ap);
    va_end(ap);
    if (n > 0) s_.append(b, size_t(n) < sizeof b ? size_t(n) : sizeof b - 1);
  }

 private:
  std::string s_;
};

// Named wire layouts, as netdissect's nd_uint16_t & co: fields are byte arrays (alignment 1, no padding),
// so a header is described as a struct laid over the packet (Layout<T>(p)) and each field is read only
// through Nd::Get, which checks it was captured.
struct NdU8 {
  uint8_t b[1];
};
struct NdU16 {
  uint8_t b[2];
};
struct NdU24 {
  uint8_t b[3];
};
struct NdU32 {
  uint8_t b[4];
};
struct NdU64 {
  uint8_t b[8];
};
struct NdIpv4 {
  uint8_t b[4];
};
struct NdIpv6 {
  uint8_t b[16];
};
struct NdMac {
  uint8_t b[6];
};
template <typename T>
const T* Layout(const uint8_t* p) {
  static_assert(alignof(T) == 1, "a wire layout is made of byte arrays");
  return reinterpret_cast<const T*>(p);
}
template <typename T>
const uint8_t* Bytes(const T& field) {
  return field.b;
}

// netdissect_options, in short: the options, the output, the bounds of the captured packet.
struct Nd {
  const PrintOptions& o;
  Out& out;
  Names& names;
  TcpSeqTable& tcp;
  const uint8_t* packetp = nullptr;
  const uint8_t* snapend = nullptr;
  const char* protocol = "";
  uint32_t ll_hdr_len = 0;
  bool suppress_default_print = false;

  // ND_TTEST_LEN: are n bytes at p captured?
  bool TTest(const uint8_t* p, size_t n) const {
    return p >= packetp && p <= snapend && size_t(snapend - p) >= n;
  }
  void Check(const uint8_t* p, size_t n) const {
    if (!TTest(p, n)) throw Truncated{};
  }
  size_t Avail(const uint8_t* p) const { return p >= packetp && p <= snapend ? size_t(snapend - p) : 0; }
  uint8_t U8(const uint8_t* p) const {
    Check(p, 1);
    return p[0];
  }
  uint16_t Be16(const uint8_t* p) const {
    Check(p, 2);
    return uint16_t(p[0] << 8 | p[1]);
  }
  uint32_t Be24(const uint8_t* p) const {
    Check(p, 3);
    return uint32_t(p[0]) << 16 | uint32_t(p[1]) << 8 | p[2];
  }
  uint32_t Be32(const uint8_t* p) const {
    Check(p, 4);
    return uint32_t(p[0]) << 24 | uint32_t(p[1]) << 16 | uint32_t(p[2]) << 8 | p[3];
  }
  uint64_t Be64(const uint8_t* p) const { return uint64_t(Be32(p)) << 32 | Be32(p + 4); }
  uint16_t Le16(const uint8_t* p) const {
    Check(p, 2);
    return uint16_t(p[1] << 8 | p[0]);
  }
  uint32_t Le32(const uint8_t* p) const {
    Check(p, 4);
    return uint32_t(p[3]) << 24 | uint32_t(p[2]) << 16 | uint32_t(p[1]) << 8 | p[0];
  }

  // GET_U_1 / GET_BE_U_2 / ... on a named field.
  uint8_t Get(const NdU8& f) const { return U8(f.b); }
  uint16_t Get(const NdU16& f) const { return Be16(f.b); }
  uint32_t Get(const NdU24& f) const { return Be24(f.b); }
  uint32_t Get(const NdU32& f) const { return Be32(f.b); }
  uint64_t Get(const NdU64& f) const { return Be64(f.b); }
  // ND_TCHECK_SIZE on a field or a whole layout.
  template <typename T>
  void CheckField(const T& f) const {
    Check(reinterpret_cast<const uint8_t*>(&f), sizeof f);
  }

  // nd_print_trunc / nd_print_invalid.
  void PrintTrunc() {
    out.S(" [|");
    out.S(protocol);
    out.C(']');
  }
  void PrintInvalid() { out.S(" (invalid)"); }
  [[noreturn]] void Trunc() const { throw Truncated{}; }
  // ND_TCHECK_LEN with a "goto trunc": throws TcheckFailed when n bytes at p are not captured.
  void TCheck(const uint8_t* p, size_t n) const {
    if (!TTest(p, n)) throw TcheckFailed{};
  }
  [[noreturn]] void TcheckTrunc() const { throw TcheckFailed{}; }
};

// A printer body with tcpdump's "trunc: nd_print_trunc(ndo); return;": a failed Nd::TCheck inside prints
// the marker and returns false; a Truncated read still goes to the top.
template <typename F>
bool TruncLabel(Nd& nd, F&& body) {
  try {
    body();
    return true;
  } catch (const TcheckFailed&) {
    nd.PrintTrunc();
    return false;
  }
}

// Restores snapend when a printer narrows it to a header's declared length (nd_push_snaplen).
class SnapGuard {
 public:
  SnapGuard(Nd& nd, const uint8_t* bp, size_t len) : nd_(nd), saved_(nd.snapend) {
    if (bp >= nd.packetp && bp <= nd.snapend && size_t(nd.snapend - bp) > len) nd.snapend = bp + len;
  }
  ~SnapGuard() { nd_.snapend = saved_; }
  SnapGuard(const SnapGuard&) = delete;
  SnapGuard& operator=(const SnapGuard&) = delete;

 private:
  Nd& nd_;
  const uint8_t* saved_;
};

// Address and port text (numeric or resolved, as -n asks). Implemented in names.cpp.
void PrintIpAddr(Nd& nd, const uint8_t* a);   // 4 bytes, already bounds-checked by the caller or not
void PrintIp6Addr(Nd& nd, const uint8_t* a);  // 16 bytes
void PrintIp6Text(Nd& nd, const uint8_t* a);  // the same for 16 bytes not in the packet (no bounds check)
void PrintIpText(Nd& nd, const uint8_t* a);   // 4 bytes not in the packet (no bounds check)
void PrintEtherAddr(Nd& nd, const uint8_t* a);
void PrintTcpPort(Nd& nd, uint16_t port);
void PrintUdpPort(Nd& nd, uint16_t port);
void FormatIp6(const uint8_t* a, char* buf);  // inet_ntop, buf >= 46 bytes

// Hex/ascii dumps (print-ascii.c). Each stops at snapend and then prints the truncation marker.
void HexAndAsciiPrint(Nd& nd, const char* ident, const uint8_t* cp, uint32_t length, uint32_t offset = 0);
void HexPrint(Nd& nd, const char* ident, const uint8_t* cp, uint32_t length, uint32_t offset = 0);
void AsciiPrint(Nd& nd, const uint8_t* cp, uint32_t length);
void DefaultPrint(Nd& nd, const uint8_t* cp, uint32_t length);  // ndo_default_print

// The vocabulary of util-print.c (util_print.cpp). Every dissector uses these rather than a copy.
// ND_ASCII_ISPRINT.
inline bool IsPrint(uint8_t c) { return c >= 0x20 && c <= 0x7e; }
// fn_print_char: printable ASCII as is, others as M-x / ^x.
void PrintChar(Nd& nd, uint8_t c);
// nd_printjnp and friends: print up to n bytes as text, stopping at NUL.
void PrintStringN(Nd& nd, const uint8_t* cp, uint32_t n);
// nd_printjn / nd_printn: n bytes as text (NULs included), as PrintChar does.
void PrintCharsN(Nd& nd, const uint8_t* cp, uint32_t n);
// print_unknown_data: hex of up to len bytes at cp, cut silently at snapend.
void PrintUnknownData(Nd& nd, const uint8_t* cp, const char* ident, uint32_t len);
// unsigned_relts_print / signed_relts_print: seconds as "1y2w3d4h5m6s" ("0s" for none).
void UnsignedReltsPrint(Nd& nd, uint32_t secs);
void SignedReltsPrint(Nd& nd, int32_t secs);
// tcpdump's struct tok: a value and its name. TokName finds a value's name, nullptr if it has none.
struct Tok {
  uint32_t value;
  const char* name;
};
const char* TokName(const Tok* table, size_t n, uint32_t value);
template <size_t N>
const char* TokName(const Tok (&table)[N], uint32_t value) {
  return TokName(table, N, value);
}
// tok2strbuf: the name, else fmt (default "#%d") formatted with v into buf.
const char* Tok2StrBuf(const Tok* table, size_t n, const char* fmt, uint32_t v, char* buf, size_t bufsize);
// tok2str, appended to the line: the name, else fmt (default "#%d") formatted with v.
void Tok2Str(Nd& nd, const Tok* table, size_t n, const char* fmt, uint32_t v);
template <size_t N>
void Tok2Str(Nd& nd, const Tok (&table)[N], const char* fmt, uint32_t v) {
  Tok2Str(nd, table, N, fmt, v);
}
// bittok2str (sep ", ") and bittok2str_nosep (sep ""): the names of every token whose bits are all set
// in v, else fmt (default "#%08x") formatted with v.
void BitTok2Str(Nd& nd, const Tok* table, size_t n, const char* fmt, uint32_t v, const char* sep = ", ");
template <size_t N>
void BitTok2Str(Nd& nd, const Tok (&table)[N], const char* fmt, uint32_t v, const char* sep = ", ") {
  BitTok2Str(nd, table, N, fmt, v, sep);
}
// fqdn_print (dns.cpp): the name at cp, compression relative to bp; the end of the name, or nullptr.
const uint8_t* FqdnPrint(Nd& nd, const uint8_t* cp, const uint8_t* bp);

// Internet checksum over a span (in_cksum), and the value the header field should have had.
uint16_t InCksum(const uint8_t* p, size_t len, uint32_t initial = 0);
uint16_t InCksumShouldBe(uint16_t sum, uint16_t computed);
uint16_t NextProto4Cksum(const uint8_t* ip, const uint8_t* data, uint32_t len, uint32_t covlen,
                         uint8_t proto);
uint16_t NextProto6Cksum(Nd& nd, const uint8_t* ip6, const uint8_t* data, uint32_t len, uint32_t covlen,
                         uint8_t proto);

// Protocol printers, tcpdump's names. Each returns nothing; link printers return the header length.
// top_level: called for the capture's link type (ether_if_print), not for a frame inside a tunnel.
uint32_t EtherPrint(Nd& nd, const uint8_t* p, uint32_t length, uint32_t caplen, bool top_level = false);
uint32_t SllPrint(Nd& nd, const uint8_t* p, uint32_t length, uint32_t caplen);
uint32_t Sll2Print(Nd& nd, const uint8_t* p, uint32_t length, uint32_t caplen);
uint32_t NullPrint(Nd& nd, const uint8_t* p, uint32_t length, uint32_t caplen);
uint32_t RawPrint(Nd& nd, const uint8_t* p, uint32_t length, uint32_t caplen);
// "vlan N, p P[, DEI]" of an 802.1Q tag (print-ether.c and print-sll.c).
void VlanTciPrint(Nd& nd, uint16_t tci);
// Dispatches on an ethertype; returns false if it is not one we dissect.
bool EthertypePrint(Nd& nd, uint16_t type, const uint8_t* p, uint32_t length, uint32_t caplen,
                    const uint8_t* src, const uint8_t* dst);
// llc_print: the LLC header length if the payload was printed, its negative if not (hex it).
int LlcPrint(Nd& nd, const uint8_t* p, uint32_t length, uint32_t caplen, const uint8_t* src,
             const uint8_t* dst);
void StpPrint(Nd& nd, const uint8_t* p, uint32_t length);
void ArpPrint(Nd& nd, const uint8_t* p, uint32_t length, uint32_t caplen);
void IpPrint(Nd& nd, const uint8_t* p, uint32_t length);
void Ip6Print(Nd& nd, const uint8_t* p, uint32_t length);
void IpOrIp6Print(Nd& nd, const uint8_t* p, uint32_t length);  // by the version nibble
// " NAME" (/etc/protocols' name; none with -n) or " ip-proto-N": a payload tcpdump does not dissect.
void PrintIpProtoName(Nd& nd, unsigned proto);
// Transport dispatch shared by IPv4 and IPv6 (ip_demux_print; ip_demux.cpp).
void IpDemuxPrint(Nd& nd, const uint8_t* bp, uint32_t length, int ver, bool fragmented, uint8_t ttl_hl,
                  uint8_t nh, const uint8_t* iph);
void TcpPrint(Nd& nd, const uint8_t* bp, uint32_t length, const uint8_t* iph, bool fragmented);
void UdpPrint(Nd& nd, const uint8_t* bp, uint32_t length, const uint8_t* iph, bool fragmented,
              uint8_t ttl_hl);
void IcmpPrint(Nd& nd, const uint8_t* bp, uint32_t length, const uint8_t* iph, bool fragmented);
void Icmp6Print(Nd& nd, const uint8_t* bp, uint32_t length, const uint8_t* iph, bool fragmented);
void IgmpPrint(Nd& nd, const uint8_t* bp, uint32_t length);
void OspfPrint(Nd& nd, const uint8_t* bp, uint32_t length);  // OSPFv2
void VrrpPrint(Nd& nd, const uint8_t* bp, uint32_t length, const uint8_t* iph, uint8_t ttl, int ver);
void GrePrint(Nd& nd, const uint8_t* bp, uint32_t length);
void VxlanPrint(Nd& nd, const uint8_t* bp, uint32_t length);
void GenevePrint(Nd& nd, const uint8_t* bp, uint32_t length);
void DomainPrint(Nd& nd, const uint8_t* bp, uint32_t length, bool over_tcp, bool is_mdns);
void NtpPrint(Nd& nd, const uint8_t* bp, uint32_t length);
void SnmpPrint(Nd& nd, const uint8_t* bp, uint32_t length);  // snmp.cpp
void BfdPrint(Nd& nd, const uint8_t* bp, uint32_t length, uint16_t port);  // bfd.cpp; port: the UDP dport
void L2tpPrint(Nd& nd, const uint8_t* bp, uint32_t length);  // l2tp.cpp
void LdpPrint(Nd& nd, const uint8_t* bp, uint32_t length);   // ldp.cpp (UDP and TCP)
void OtvPrint(Nd& nd, const uint8_t* bp, uint32_t length);
void VxlanGpePrint(Nd& nd, const uint8_t* bp, uint32_t length);
void HsrpPrint(Nd& nd, const uint8_t* bp, uint32_t length);
void TimedPrint(Nd& nd, const uint8_t* bp);  // reads up to the capture's end, as tcpdump
void KrbPrint(Nd& nd, const uint8_t* bp);  // Kerberos: reads up to the capture's end, as tcpdump
void BootpPrint(Nd& nd, const uint8_t* bp, uint32_t length);
void Dhcp6Print(Nd& nd, const uint8_t* bp, uint32_t length);
void TftpPrint(Nd& nd, const uint8_t* bp, uint32_t length);
void RipPrint(Nd& nd, const uint8_t* bp, uint32_t length);
void RadiusPrint(Nd& nd, const uint8_t* bp, uint32_t length);
void EapPrint(Nd& nd, const uint8_t* bp, uint32_t length);  // an EAP packet (RADIUS EAP-Message)
void TelnetPrint(Nd& nd, const uint8_t* bp, uint32_t length);
void BgpPrint(Nd& nd, const uint8_t* bp, uint32_t length);
// mptcp_print: the MPTCP option at cp (kind and length included) of len bytes; false for "[bad opt]".
bool MptcpPrint(Nd& nd, const uint8_t* cp, uint32_t len, uint8_t tcp_flags);
void HttpPrint(Nd& nd, const uint8_t* bp, uint32_t length);
enum class TextProto { kSmtp, kFtp, kWhois, kRtsp, kSip };
void TextProtocolPrint(Nd& nd, const uint8_t* bp, uint32_t length, TextProto which);
void SshPrint(Nd& nd, const uint8_t* bp, uint32_t length);
void SyslogPrint(Nd& nd, const uint8_t* bp, uint32_t length);
void EspPrint(Nd& nd, const uint8_t* bp, uint32_t length);

// Shared tables.
const char* IpProtoName(uint8_t proto);  // "TCP", "UDP", ... or nullptr
const char* EthertypeName(uint16_t type);

}  // namespace ringdump::print
