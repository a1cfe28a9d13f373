// Kerberos (print-krb.c): the protocol version after the UDP ports (" v5" for an ASN.1 message, whose
// contents tcpdump does not decode); Kerberos 4 messages also print their byte order, type and the
// principal names, lifetimes, lengths or error codes of the common types.
#include "dissect.hpp"

namespace ringdump::print {
namespace {

constexpr uint8_t kKdcRequest = 1 << 1, kKdcReply = 2 << 1, kApplRequest = 3 << 1, kErrReply = 5 << 1;

constexpr Tok kTypes[] = {
    {1 << 1, "KDC_REQUEST"}, {2 << 1, "KDC_REPLY"}, {3 << 1, "APPL_REQUEST"}, {4 << 1, "APPL_REQUEST_MUTUAL"},
    {5 << 1, "ERR_REPLY"},   {6 << 1, "PRIVATE"},   {7 << 1, "SAFE"},         {8 << 1, "APPL_ERR"},
    {63 << 1, "DIE"}};
constexpr Tok kErrors[] = {{0, "OK"},
                           {1, "NAME_EXP"},
                           {2, "SERVICE_EXP"},
                           {3, "AUTH_EXP"},
                           {4, "PKT_VER"},
                           {5, "NAME_MAST_KEY_VER"},
                           {6, "SERV_MAST_KEY_VER"},
                           {7, "BYTE_ORDER"},
                           {8, "PRINCIPAL_UNKNOWN"},
                           {9, "PRINCIPAL_NOT_UNIQUE"},
                           {10, "NULL_KEY"}};

// tok2str with a NULL format: the name, or "#n".
template <size_t N>
void PrintTok(Nd& nd, const Tok (&table)[N], uint32_t v) {
  if (const char* n = TokName(table, v)) {
    nd.out.S(n);
  } else {
    nd.out.F("#%u", v);
  }
}

// c_print: a NUL-terminated string; the byte after the NUL, or nullptr if the capture ends first.
const uint8_t* CPrint(Nd& nd, const uint8_t* s) {
  while (s < nd.snapend) {
    uint8_t c = nd.U8(s++);
    if (c == 0) return s;
    PrintChar(nd, c);
  }
  return nullptr;
}

// krb4_print_hdr: name.instance@realm; nullptr (after the marker) when cut.
const uint8_t* Krb4Header(Nd& nd, const uint8_t* cp) {
  cp += 2;
  if ((cp = CPrint(nd, cp)) == nullptr) return nullptr;
  nd.out.C('.');
  if ((cp = CPrint(nd, cp)) == nullptr) return nullptr;
  nd.out.C('@');
  return CPrint(nd, cp);
}

void Krb4Print(Nd& nd, const uint8_t* cp) {
  const uint8_t* kp = cp;
  uint8_t type_byte = nd.U8(kp + 1);
  bool le = (type_byte & 1) != 0;
  auto short_at = [&](const uint8_t* p) { return le ? nd.Le16(p) : nd.Be16(p); };
  uint8_t type = type_byte & 0xfe;
  nd.out.S(le ? " le " : " be ");
  PrintTok(nd, kTypes, type);
  nd.out.S(": ");
  switch (type) {
    case kKdcRequest:
      if ((cp = Krb4Header(nd, cp)) == nullptr) return nd.PrintTrunc();
      cp += 4;  // ctime
      nd.out.F(" %umin ", nd.U8(cp) * 5u);
      cp++;
      if ((cp = CPrint(nd, cp)) == nullptr) return nd.PrintTrunc();
      nd.out.C('.');
      if (CPrint(nd, cp) == nullptr) return nd.PrintTrunc();
      break;
    case kApplRequest:
      cp += 2;
      nd.out.F("v%u ", nd.U8(cp));
      cp++;
      if ((cp = CPrint(nd, cp)) == nullptr) return nd.PrintTrunc();
      nd.out.F(" (%u)", nd.U8(cp));
      cp++;
      nd.out.F(" (%u)", nd.U8(cp));
      break;
    case kKdcReply:
      if ((cp = Krb4Header(nd, cp)) == nullptr) return nd.PrintTrunc();
      cp += 10;  // timestamp, n, exp, kvno
      nd.out.F(" (%u)", short_at(cp));
      break;
    case kErrReply: {
      if ((cp = Krb4Header(nd, cp)) == nullptr) return nd.PrintTrunc();
      cp += 4;  // timestamp
      uint16_t code = short_at(cp);
      nd.out.C(' ');
      PrintTok(nd, kErrors, code);
      nd.out.C(' ');
      cp += 4;
      if (CPrint(nd, cp) == nullptr) return nd.PrintTrunc();
      break;
    }
    default:
      nd.out.S("(unknown)");
      break;
  }
}

}  // namespace

void KrbPrint(Nd& nd, const uint8_t* dat) {
  nd.protocol = "krb";
  if (dat >= nd.snapend) return nd.PrintTrunc();
  uint8_t pvno = nd.U8(dat);
  switch (pvno) {
    case 1:
    case 2:
    case 3:
      nd.out.F(" v%u", pvno);
      break;
    case 4:
      nd.out.F(" v%u", pvno);
      Krb4Print(nd, dat);
      break;
    case 106:
    case 107:
      nd.out.S(" v5");  // ASN.1, not decoded (as tcpdump)
      break;
  }
}

}  // namespace ringdump::print
