// LDP (print-ldp.c), over UDP and TCP: the PDU header (LSR id, label space, length) and, with -v, every
// message and TLV tcpdump decodes (hello parameters, transport addresses, address lists, session
// parameters, FECs with IPv4/IPv6 prefixes and Martini VCs, labels, status, fault tolerance, MTU), the
// hex of the others, and with -vv the hex of every message.
#include <cstring>

#include "dissect.hpp"

namespace ringdump::print {
namespace {

struct CommonHeader {
  NdU16 version, pdu_length;
  NdIpv4 lsr_id;
  NdU16 label_space;
};
struct MsgHeader {
  NdU16 type, length;
  NdU32 id;
};
struct TlvHeader {
  NdU16 type, length;
};

const Tok kMessages[] = {{0x0001, "Notification"},
                         {0x0100, "Hello"},
                         {0x0200, "Initialization"},
                         {0x0201, "Keepalive"},
                         {0x0300, "Address"},
                         {0x0301, "Address Withdraw"},
                         {0x0400, "Label Mapping"},
                         {0x0401, "Label Request"},
                         {0x0402, "Label Withdraw"},
                         {0x0403, "Label Release"},
                         {0x0404, "Label Abort Request"}};
const Tok kTlvs[] = {{0x0100, "FEC"},
                     {0x0101, "Address List"},
                     {0x0103, "Hop Count"},
                     {0x0104, "Path Vector"},
                     {0x0200, "Generic Label"},
                     {0x0201, "ATM Label"},
                     {0x0202, "Frame-Relay Label"},
                     {0x0300, "Status"},
                     {0x0301, "Extended Status"},
                     {0x0302, "Returned PDU"},
                     {0x0303, "Returned Message"},
                     {0x0400, "Common Hello Parameters"},
                     {0x0401, "IPv4 Transport Address"},
                     {0x0402, "Configuration Sequence Number"},
                     {0x0403, "IPv6 Transport Address"},
                     {0x0500, "Common Session Parameters"},
                     {0x0501, "ATM Session Parameters"},
                     {0x0502, "Frame-Relay Session Parameters"},
                     {0x0503, "Fault-Tolerant Session Parameters"},
                     {0x0600, "Label Request Message ID"},
                     {0x0601, "MTU"}};
const Tok kFecs[] = {{0x01, "Wildcard"}, {0x02, "Prefix"}, {0x03, "Host address"}, {0x80, "Martini VC"}};
const Tok kIfParms[] = {{0x01, "MTU"}, {0x03, "Description"}, {0x0c, "VCCV"}};
const Tok kVccvCc[] = {
    {0x01, "PWE3 control word"}, {0x02, "MPLS Router Alert Label"}, {0x04, "MPLS inner label TTL = 1"}};
const Tok kVccvCv[] = {{0x01, "ICMP Ping"}, {0x02, "LSP Ping"}, {0x04, "BFD"}};
// af.c's af_values and l2vpn.c's mpls_pw_types_values.
const Tok kAf[] = {
    {0, "Reserved"},      {1, "IPv4"},       {2, "IPv6"},          {3, "NSAP"},
    {4, "HDLC"},          {5, "BBN 1822"},   {6, "802"},           {7, "E.163"},
    {8, "E.164"},         {9, "F.69"},       {10, "X.121"},        {11, "Novell IPX"},
    {12, "Appletalk"},    {13, "Decnet IV"}, {14, "Banyan Vines"}, {15, "E.164 with NSAP subaddress"},
    {196, "Layer-2 VPN"}, {25, "VPLS"}};
const Tok kPwTypes[] = {{0x0000, "Reserved"},
                        {0x0001, "Frame Relay DLCI (Martini Mode)"},
                        {0x0002, "ATM AAL5 SDU VCC transport"},
                        {0x0003, "ATM transparent cell transport"},
                        {0x0004, "Ethernet VLAN"},
                        {0x0005, "Ethernet"},
                        {0x0006, "Cisco-HDLC"},
                        {0x0007, "PPP"},
                        {0x0008, "SONET/SDH Circuit Emulation Service over MPLS"},
                        {0x0009, "ATM n-to-one VCC cell transport"},
                        {0x000a, "ATM n-to-one VPC cell transport"},
                        {0x000b, "IP Layer2 Transport"},
                        {0x000c, "ATM one-to-one VCC Cell Mode"},
                        {0x000d, "ATM one-to-one VPC Cell Mode"},
                        {0x000e, "ATM AAL5 PDU VCC transport"},
                        {0x000f, "Frame-Relay Port mode"},
                        {0x0010, "SONET/SDH Circuit Emulation over Packet"},
                        {0x0011, "Structure-agnostic E1 over Packet"},
                        {0x0012, "Structure-agnostic T1 (DS1) over Packet"},
                        {0x0013, "Structure-agnostic E3 over Packet"},
                        {0x0014, "Structure-agnostic T3 (DS3) over Packet"},
                        {0x0015, "CESoPSN basic mode"},
                        {0x0016, "TDMoIP basic mode"},
                        {0x0017, "CESoPSN TDM with CAS"},
                        {0x0018, "TDMoIP TDM with CAS"},
                        {0x0019, "Frame Relay DLCI"},
                        {0x0040, "IP-interworking"}};

// decode_prefix4 / decode_prefix6 (print-bgp.c): "ADDR/LEN", -1 for a length over the maximum; an item
// too short is a truncation (tcpdump's -2, which LDP turns into its longjmp).
bool Prefix(Nd& nd, const uint8_t* p, uint32_t itemlen, bool v6) {
  if (itemlen < 1) nd.Trunc();
  uint32_t plen = nd.U8(p), max = v6 ? 128 : 32;
  if (plen > max) return false;
  uint32_t bytes = (plen + 7) / 8;
  if (itemlen - 1 < bytes) nd.Trunc();
  nd.Check(p + 1, bytes);
  uint8_t prefix[16] = {};  // a copy: the address is zero-filled past the prefix
  memcpy(prefix, p + 1, bytes);
  if (plen % 8) prefix[bytes - 1] &= uint8_t((0xff00 >> (plen % 8)) & 0xff);
  nd.out.S(v6 ? ": IPv6 prefix " : ": IPv4 prefix ");
  if (v6) {
    PrintIp6Text(nd, prefix);
  } else {
    PrintIpText(nd, prefix);
  }
  nd.out.F("/%u", plen);
  return true;
}

void MartiniVc(Nd& nd, const uint8_t* p, uint16_t tlv_tlen, uint32_t tlv_len) {
  auto check = [&](uint32_t min) {
    if (tlv_tlen >= min) return true;
    nd.out.F(" [tlv length %u < %u]", tlv_tlen, min);
    nd.PrintInvalid();
    return false;
  };
  (void)tlv_len;
  if (!check(7)) return;
  uint32_t vc_info_len = nd.U8(p + 2);
  uint16_t pw = nd.Be16(p);
  if (vc_info_len == 0) {
    nd.Check(p, 7);  // the line's fields are read before any of it is printed
    nd.out.S(": ");
    Tok2Str(nd, kPwTypes, "Unknown", pw & 0x7fff);
    nd.out.F(", %scontrol word, group-ID %u, VC-info-length: %u", (pw & 0x8000) ? "" : "no ", nd.Be32(p + 3),
             vc_info_len);
    return;
  }
  if (!check(11)) return;
  nd.Check(p, 11);
  nd.out.S(": ");
  Tok2Str(nd, kPwTypes, "Unknown", pw & 0x7fff);
  nd.out.F(", %scontrol word, group-ID %u, VC-ID %u, VC-info-length: %u", (pw & 0x8000) ? "" : "no ",
           nd.Be32(p + 3), nd.Be32(p + 7), vc_info_len);
  if (vc_info_len < 4) {
    nd.out.S(" (invalid, < 4");
    return;
  }
  vc_info_len -= 4;
  p += 11;
  tlv_tlen = uint16_t(tlv_tlen - 11);
  if (!check(vc_info_len)) return;
  while (vc_info_len > 2) {
    uint32_t type = nd.U8(p), len = nd.U8(p + 1);
    if (len < 2 || vc_info_len < len) break;
    nd.out.S("\n\t\tInterface Parameter: ");
    Tok2Str(nd, kIfParms, "Unknown", type);
    nd.out.F(" (0x%02x), len %u", type, len);
    switch (type) {
      case 0x01:
        nd.out.F(": %u", nd.Be16(p + 2));
        break;
      case 0x03:
        nd.out.S(": ");
        for (uint32_t i = 2; i < len; i++) PrintChar(nd, nd.U8(p + i));
        break;
      case 0x0c:
        nd.out.F("\n\t\t  Control Channels (0x%02x) = [", nd.U8(p + 2));
        BitTok2Str(nd, kVccvCc, "none", nd.U8(p + 2));
        nd.out.F("]\n\t\t  CV Types (0x%02x) = [", nd.U8(p + 3));
        BitTok2Str(nd, kVccvCv, "none", nd.U8(p + 3));
        nd.out.C(']');
        break;
      default:
        PrintUnknownData(nd, p + 2, "\n\t\t  ", len - 2);
        break;
    }
    vc_info_len -= len;
    p += len;
  }
}

// ldp_tlv_print: the TLV's whole length, or 0 when it runs past the message.
uint32_t TlvPrint(Nd& nd, const uint8_t* p, uint32_t msg_tlen) {
  const auto* h = Layout<TlvHeader>(p);
  nd.CheckField(*h);
  uint16_t tlv_len = nd.Get(h->length);
  if (tlv_len + 4u > msg_tlen) {
    nd.out.S("\n\t\t TLV contents go past end of message");
    return 0;
  }
  uint16_t tlv_tlen = tlv_len;
  uint16_t raw_type = nd.Get(h->type), type = raw_type & 0x3fff;
  nd.out.S("\n\t    ");
  Tok2Str(nd, kTlvs, "Unknown", type);
  nd.out.F(" TLV (0x%04x), length: %u, Flags: [%s and %s forward if unknown]", type, tlv_len,
           (raw_type & 0x8000) ? "continue processing" : "ignore", (raw_type & 0x4000) ? "do" : "don't");
  p += 4;
  uint32_t done = tlv_len + 4u;
  // TLV_TCHECK: a TLV shorter than its type needs.
  auto check = [&](uint32_t min) {
    if (tlv_tlen >= min) return true;
    nd.out.F(" [tlv length %u < %u]", tlv_tlen, min);
    nd.PrintInvalid();
    return false;
  };
  switch (type) {
    case 0x0400:
      if (!check(4)) break;
      nd.out.F("\n\t      Hold Time: %us, Flags: [%s Hello%s]", nd.Be16(p),
               (nd.Be16(p + 2) & 0x8000) ? "Targeted" : "Link",
               (nd.Be16(p + 2) & 0x4000) ? ", Request for targeted Hellos" : "");
      break;
    case 0x0401:
      if (!check(4)) break;
      nd.Check(p, 4);  // tcpdump reads the address before printing the label
      nd.out.S("\n\t      IPv4 Transport Address: ");
      PrintIpAddr(nd, p);
      break;
    case 0x0403:
      if (!check(16)) break;
      nd.Check(p, 16);
      nd.out.S("\n\t      IPv6 Transport Address: ");
      PrintIp6Addr(nd, p);
      break;
    case 0x0402:
      if (check(4)) nd.out.F("\n\t      Sequence Number: %u", nd.Be32(p));
      break;
    case 0x0101: {
      if (!check(2)) break;
      uint16_t af = nd.Be16(p);
      p += 2;
      tlv_tlen = uint16_t(tlv_tlen - 2);
      nd.out.S("\n\t      Address Family: ");
      Tok2Str(nd, kAf, "Unknown (%u)", af);
      nd.out.S(", addresses");
      uint32_t step = af == 1 ? 4 : af == 2 ? 16 : 0;
      while (step && tlv_tlen >= step) {
        nd.Check(p, step);
        nd.out.C(' ');
        if (step == 4) {
          PrintIpAddr(nd, p);
        } else {
          PrintIp6Addr(nd, p);
        }
        tlv_tlen = uint16_t(tlv_tlen - step);
        p += step;
      }
      break;
    }
    case 0x0500:
      if (!check(8)) break;
      nd.out.F("\n\t      Version: %u, Keepalive: %us, Flags: [Downstream %s, Loop Detection %s]", nd.Be16(p),
               nd.Be16(p + 2), (nd.Be16(p + 6) & 0x8000) ? "On Demand" : "Unsolicited",
               (nd.Be16(p + 6) & 0x4000) ? "Enabled" : "Disabled");
      break;
    case 0x0100: {
      if (!check(1)) break;
      uint8_t fec = nd.U8(p);
      nd.out.S("\n\t      ");
      Tok2Str(nd, kFecs, "Unknown", fec);
      nd.out.F(" FEC (0x%02x)", fec);
      p += 1;
      tlv_tlen = uint16_t(tlv_tlen - 1);
      if (fec == 0x02) {
        if (!check(2)) break;
        uint16_t af = nd.Be16(p);
        p += 2;
        tlv_tlen = uint16_t(tlv_tlen - 2);
        if (af == 1 || af == 2) {
          if (!Prefix(nd, p, tlv_tlen, af == 2))
            nd.out.S(af == 2 ? ": IPv6 prefix (invalid length)" : ": IPv4 prefix (invalid length)");
        } else {
          nd.out.F(": Address family %u prefix", af);
        }
      } else if (fec == 0x80) {
        MartiniVc(nd, p, tlv_tlen, tlv_len);
      }
      break;
    }
    case 0x0200:
      if (check(4)) nd.out.F("\n\t      Label: %u", nd.Be32(p) & 0xfffff);
      break;
    case 0x0300: {
      if (!check(8)) break;
      uint32_t ui = nd.Be32(p);
      nd.out.F("\n\t      Status: 0x%02x, Flags: [%s and %s forward]", ui & 0x3fffffff,
               (ui & 0x80000000) ? "Fatal error" : "Advisory Notification",
               (ui & 0x40000000) ? "do" : "don't");
      if (uint32_t id = nd.Be32(p + 4)) nd.out.F(", causing Message ID: 0x%08x", id);
      break;
    }
    case 0x0503: {
      if (!check(12)) break;
      uint16_t ft = nd.Be16(p);
      nd.out.F(
          "\n\t      Flags: [%sReconnect, %sSave State, %sAll-Label Protection, %s Checkpoint, %sRe-Learn "
          "State]",
          (ft & 0x8000) ? "" : "No ", (ft & 0x8) ? "" : "Don't ", (ft & 0x4) ? "" : "No ",
          (ft & 0x2) ? "Sequence Numbered Label" : "All Labels", (ft & 0x1) ? "" : "Don't ");
      if (uint32_t t = nd.Be32(p + 4)) nd.out.F(", Reconnect Timeout: %ums", t);
      if (uint32_t t = nd.Be32(p + 8)) nd.out.F(", Recovery Time: %ums", t);
      break;
    }
    case 0x0601:
      if (check(2)) nd.out.F("\n\t      MTU: %u", nd.Be16(p));
      break;
    default:
      if (nd.o.verbose <= 1) PrintUnknownData(nd, p, "\n\t      ", tlv_tlen);
      break;
  }
  return done;
}

// ldp_pdu_print: the PDU's length, or 0 to stop (not verbose, or a header that does not parse).
uint32_t PduPrint(Nd& nd, const uint8_t* p) {
  const auto* h = Layout<CommonHeader>(p);
  nd.CheckField(*h);
  const char* lead = nd.o.verbose < 1 ? "" : "\n\t";
  if (nd.Get(h->version) != 1) {
    nd.out.F("%sLDP version %u packet not supported", lead, nd.Get(h->version));
    return 0;
  }
  uint16_t pdu_len = nd.Get(h->pdu_length);
  if (pdu_len < 6) {
    nd.out.F("%sLDP, pdu-length: %u (too short, < 6)", lead, pdu_len);
    return 0;
  }
  nd.out.F("%sLDP, Label-Space-ID: ", lead);
  PrintIpAddr(nd, Bytes(h->lsr_id));
  nd.out.F(":%u, pdu-length: %u", nd.Get(h->label_space), pdu_len);
  if (nd.o.verbose < 1) return 0;
  const uint8_t* tp = p + sizeof(CommonHeader);
  uint16_t tlen = uint16_t(pdu_len - 6);
  while (tlen > 0) {
    nd.Check(tp, sizeof(MsgHeader));
    const auto* m = Layout<MsgHeader>(tp);
    uint16_t msg_len = nd.Get(m->length), raw_type = nd.Get(m->type), type = raw_type & 0x7fff;
    nd.out.S("\n\t  ");
    Tok2Str(nd, kMessages, "Unknown", type);
    if (msg_len < 4) {
      nd.out.F(" Message (0x%04x), length: %u (too short, < 4)", type, msg_len);
      return 0;
    }
    nd.out.F(" Message (0x%04x), length: %u, Message ID: 0x%08x, Flags: [%s if unknown]", type, msg_len,
             nd.Get(m->id), (raw_type & 0x8000) ? "continue processing" : "ignore");
    const uint8_t* msg_tp = tp + sizeof(MsgHeader);
    uint32_t msg_tlen = msg_len - 4u;
    nd.Check(tp, msg_len);
    switch (type) {
      case 0x0001:
      case 0x0100:
      case 0x0200:
      case 0x0201:
      case 0x0300:
      case 0x0400:
      case 0x0301:
      case 0x0402:
        while (msg_tlen >= 4) {
          uint32_t n = TlvPrint(nd, msg_tp, msg_tlen);
          if (n == 0) break;
          msg_tlen -= n;
          msg_tp += n;
        }
        break;
      default:
        if (nd.o.verbose <= 1) PrintUnknownData(nd, msg_tp, "\n\t  ", msg_tlen);
        break;
    }
    if (nd.o.verbose > 1) PrintUnknownData(nd, tp + sizeof(MsgHeader), "\n\t  ", msg_len);
    tp += msg_len + 4u;
    tlen = uint16_t(tlen - (msg_len + 4u));
  }
  return pdu_len + 4u;
}

}  // namespace

void LdpPrint(Nd& nd, const uint8_t* p, uint32_t len) {
  nd.protocol = "ldp";
  while (len > sizeof(CommonHeader) + sizeof(MsgHeader)) {
    uint32_t processed = PduPrint(nd, p);
    if (processed == 0) return;
    if (len < processed) {
      nd.out.F(" [remaining length %u < %u]", len, processed);
      nd.PrintInvalid();
      break;
    }
    len -= processed;
    p += processed;
  }
}

}  // namespace ringdump::print
