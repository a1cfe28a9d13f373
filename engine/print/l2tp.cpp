// L2TP (print-l2tp.c): the header (flags, tunnel and session ids, Ns/Nr, offset padding, the length
// checks) and, for control messages, every AVP tcpdump names (message type, result code, protocol
// version, capabilities, ids, names, challenges, call errors, ACCM, PPP disconnect cause...), hidden and
// vendor AVPs, ZLB acknowledgements. A data message's PPP frame (ppp.cpp) goes between braces.
#include <initializer_list>

#include "l2_printers.hpp"

namespace ringdump::print {
namespace {

constexpr uint16_t kFlagType = 0x8000, kFlagLength = 0x4000, kFlagSequence = 0x0800, kFlagOffset = 0x0200,
                   kFlagPriority = 0x0100;

const Tok kMsgTypes[] = {{1, "SCCRQ"}, {2, "SCCRP"}, {3, "SCCCN"}, {4, "StopCCN"}, {6, "HELLO"},
                         {7, "OCRQ"},  {8, "OCRP"},  {9, "OCCN"},  {10, "ICRQ"},   {11, "ICRP"},
                         {12, "ICCN"}, {14, "CDN"},  {15, "WEN"},  {16, "SLI"}};
const Tok kAvps[] = {{0, "MSGTYPE"},          {1, "RESULT_CODE"},      {2, "PROTO_VER"},
                     {3, "FRAMING_CAP"},      {4, "BEARER_CAP"},       {5, "TIE_BREAKER"},
                     {6, "FIRM_VER"},         {7, "HOST_NAME"},        {8, "VENDOR_NAME"},
                     {9, "ASSND_TUN_ID"},     {10, "RECV_WIN_SIZE"},   {11, "CHALLENGE"},
                     {12, "Q931_CC"},         {13, "CHALLENGE_RESP"},  {14, "ASSND_SESS_ID"},
                     {15, "CALL_SER_NUM"},    {16, "MINIMUM_BPS"},     {17, "MAXIMUM_BPS"},
                     {18, "BEARER_TYPE"},     {19, "FRAMING_TYPE"},    {20, "PACKET_PROC_DELAY"},
                     {21, "CALLED_NUMBER"},   {22, "CALLING_NUMBER"},  {23, "SUB_ADDRESS"},
                     {24, "TX_CONN_SPEED"},   {25, "PHY_CHANNEL_ID"},  {26, "INI_RECV_LCP"},
                     {27, "LAST_SENT_LCP"},   {28, "LAST_RECV_LCP"},   {29, "PROXY_AUTH_TYPE"},
                     {30, "PROXY_AUTH_NAME"}, {31, "PROXY_AUTH_CHAL"}, {32, "PROXY_AUTH_ID"},
                     {33, "PROXY_AUTH_RESP"}, {34, "CALL_ERRORS"},     {35, "ACCM"},
                     {36, "RANDOM_VECTOR"},   {37, "PRIVATE_GRP_ID"},  {38, "RX_CONN_SPEED"},
                     {39, "SEQ_REQUIRED"},    {46, "PPP_DISCON_CC"}};
const Tok kAuthTypes[] = {{0, "Reserved"}, {1, "Textual"}, {2, "CHAP"},
                          {3, "PAP"},      {4, "No Auth"}, {5, "MS-CHAPv1"}};
const Tok kCcDirections[] = {{0, "global error"}, {1, "at peer"}, {2, "at local"}};

void Octets(Nd& nd, const uint8_t* p, uint32_t n) {
  for (uint32_t i = 0; i < n; i++) nd.out.X(nd.U8(p + i), 2);
}

// "AVP too short" unless n bytes are there.
bool Need(Nd& nd, uint32_t length, uint32_t n, const char* lead = "") {
  if (length >= n) return true;
  nd.out.S(lead);
  nd.out.S("AVP too short");
  return false;
}

// Two capability bits of a 32-bit value: its letters in order.
void Bits(Nd& nd, const uint8_t* p, uint32_t length, uint32_t first, char a, uint32_t second, char b) {
  if (!Need(nd, length, 4)) return;
  uint32_t v = nd.Be32(p);
  if (v & first) nd.out.C(a);
  if (v & second) nd.out.C(b);
}

void ResultCode(Nd& nd, const uint8_t* p, uint32_t length) {
  if (!Need(nd, length, 2)) return;
  nd.out.U(nd.Be16(p));
  if ((length -= 2) == 0) return;
  if (!Need(nd, length, 2, " ")) return;
  nd.out.F("/%u", nd.Be16(p + 2));
  if ((length -= 2) == 0) return;
  nd.out.C(' ');
  PrintCharsN(nd, p + 4, length);
}

// Call errors and ACCM: a reserved 16 bits, then 32-bit counters with their labels.
void Counters(Nd& nd, const uint8_t* p, uint32_t length, std::initializer_list<const char*> labels,
              bool hex) {
  if (!Need(nd, length, 2)) return;
  p += 2;
  length -= 2;
  for (const char* label : labels) {
    if (!Need(nd, length, 4)) return;
    nd.out.F(hex ? "%s=%08x " : "%s=%u ", label, nd.Be32(p));
    p += 4;
    length -= 4;
  }
}

void Value(Nd& nd, uint16_t type, const uint8_t* p, uint32_t n) {
  switch (type) {
    case 0:
      if (Need(nd, n, 2)) Tok2Str(nd, kMsgTypes, "MSGTYPE-#%u", nd.Be16(p));
      break;
    case 1:
      ResultCode(nd, p, n);
      break;
    case 2:
      if (Need(nd, n, 2)) nd.out.F("%u.%u", nd.Be16(p) >> 8, nd.Be16(p) & 0xff);
      break;
    case 3:
    case 19:
      Bits(nd, p, n, 2, 'A', 1, 'S');
      break;
    case 4:
    case 18:
      Bits(nd, p, n, 2, 'A', 1, 'D');
      break;
    case 5:
      if (Need(nd, n, 8)) Octets(nd, p, 8);
      break;
    case 6:
    case 9:
    case 10:
    case 14:
      if (Need(nd, n, 2)) nd.out.U(nd.Be16(p));
      break;
    case 7:
    case 8:
    case 21:
    case 22:
    case 23:
    case 30:
    case 37:
      PrintCharsN(nd, p, n);
      break;
    case 11:
    case 26:
    case 27:
    case 28:
    case 31:
    case 33:
    case 36:
      Octets(nd, p, n);
      break;
    case 12:
      if (!Need(nd, n, 3)) break;
      nd.out.U(nd.Be16(p));
      nd.out.F(", %02x", nd.U8(p + 2));
      if (n > 3) {
        nd.out.C(' ');
        PrintCharsN(nd, p + 3, n - 3);
      }
      break;
    case 13:
      if (Need(nd, n, 16)) Octets(nd, p, 16);
      break;
    case 15:
    case 16:
    case 17:
    case 24:
    case 25:
    case 38:
      if (Need(nd, n, 4)) nd.out.U(nd.Be32(p));
      break;
    case 20:
      nd.out.S("obsolete");
      break;
    case 29:
      if (Need(nd, n, 2)) Tok2Str(nd, kAuthTypes, "AuthType-#%u", nd.Be16(p));
      break;
    case 32:
      if (Need(nd, n, 2)) nd.out.U(nd.Be16(p) & 0xff);
      break;
    case 34:
      Counters(nd, p, n, {"CRCErr", "FrameErr", "HardOver", "BufOver", "Timeout", "AlignErr"}, false);
      break;
    case 35:
      Counters(nd, p, n, {"send", "recv"}, true);
      break;
    case 46:
      if (!Need(nd, n, 5)) break;
      nd.out.F("%04x, %04x ", nd.Be16(p), nd.Be16(p + 2));
      Tok2Str(nd, kCcDirections, "Direction-#%u", nd.U8(p + 4));
      if (n > 5) {
        nd.out.C(' ');
        PrintCharsN(nd, p + 5, n - 5);
      }
      break;
    default:  // 39, SEQ_REQUIRED, has no value; others print nothing
      break;
  }
}

// l2tp_avp_print: the AVP's length, or 0 (after the truncation marker) when it cannot be walked.
uint32_t AvpPrint(Nd& nd, const uint8_t* p, uint32_t length) {
  nd.out.C(' ');
  uint16_t head = nd.Be16(p);
  uint32_t len = head & 0x03ff;
  if (len < 6 || len > length || !nd.TTest(p, len)) {
    nd.PrintTrunc();
    return 0;
  }
  if (head & 0x8000) nd.out.C('*');
  bool hidden = head & 0x4000;
  if (hidden) nd.out.C('?');
  uint16_t vendor = nd.Be16(p + 2), type = nd.Be16(p + 4);
  if (vendor) {
    nd.out.F("VENDOR%04x:ATTR%04x(", vendor, type);
    Octets(nd, p + 6, len - 6);
  } else {
    Tok2Str(nd, kAvps, "AVP-#%u", type);
    nd.out.C('(');
    if (hidden) {
      nd.out.S("???");
    } else {
      Value(nd, type, p + 6, len - 6);
    }
  }
  nd.out.C(')');
  return len;
}

}  // namespace

void L2tpPrint(Nd& nd, const uint8_t* p, uint32_t length) {
  nd.protocol = "l2tp";
  uint16_t flags = nd.Be16(p);
  if ((flags & 0xf) == 1) {
    nd.out.S(" l2f:");
    return;
  }
  if ((flags & 0xf) != 2) {
    nd.out.S(" Unknown Version, neither L2F(1) nor L2TP(2)");
    return;
  }
  nd.out.S(" l2tp:[");
  if (flags & kFlagType) nd.out.C('T');
  if (flags & kFlagLength) nd.out.C('L');
  if (flags & kFlagSequence) nd.out.C('S');
  if (flags & kFlagOffset) nd.out.C('O');
  if (flags & kFlagPriority) nd.out.C('P');
  nd.out.C(']');
  uint32_t cnt = 2;
  uint16_t l2tp_len = 0;
  if (flags & kFlagLength) {
    l2tp_len = nd.Be16(p + cnt);
    cnt += 2;
  }
  nd.out.F("(%u/", nd.Be16(p + cnt));
  nd.out.F("%u)", nd.Be16(p + cnt + 2));
  cnt += 4;
  if (flags & kFlagSequence) {
    nd.out.F("Ns=%u,", nd.Be16(p + cnt));
    nd.out.F("Nr=%u", nd.Be16(p + cnt + 2));
    cnt += 4;
  }
  if (flags & kFlagOffset) {
    uint16_t pad = nd.Be16(p + cnt);
    if (!nd.TTest(p + cnt + 2, pad)) {
      nd.PrintTrunc();
      return;
    }
    cnt += 2u + pad;
  }
  if (flags & kFlagLength) {
    if (length < l2tp_len) {
      nd.out.F(" Length %u larger than packet", l2tp_len);
      return;
    }
    length = l2tp_len;
  }
  if (length < cnt) {
    nd.out.F(" Length %u smaller than header length", length);
    return;
  }
  if (!(flags & kFlagType)) {
    nd.out.S(" {");
    PppPrint(nd, p + cnt, length - cnt);
    nd.out.C('}');
    return;
  }
  if (!(flags & kFlagLength)) {
    nd.out.S(" No length");
    return;
  }
  if (length == cnt) {
    nd.out.S(" ZLB");
    return;
  }
  while (length - cnt != 0) {
    uint32_t n = AvpPrint(nd, p + cnt, length - cnt);
    if (n == 0) break;
    cnt += n;
  }
}

}  // namespace ringdump::print
