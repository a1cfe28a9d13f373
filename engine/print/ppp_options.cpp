// PPP control protocols' configuration options (print-ppp.c): LCP (MRU, ACCM, authentication and
// quality protocols, magic number, callback, multilink MRRU and endpoint discriminator, ...), IPCP
// (addresses, DNS/NBNS servers, IP header compression with its suboptions), IP6CP (interface id), CCP
// (BSD-Comp, MVRCA, Deflate) and BACP (favored peer). Unknown options are dumped in hex.
#include "ppp.hpp"

namespace ringdump::print {
namespace {

constexpr const char* kLcpOpts[] = {
    "Vend-Ext",       "MRU",           "ACCM",           "Auth-Prot",      "Qual-Prot",
    "Magic-Num",      "deprecated(6)", "PFC",            "ACFC",           "FCS-Alt",
    "SDP",            "Num-Mode",      "deprecated(12)", "Call-Back",      "deprecated(14)",
    "deprecated(15)", "deprecated(16)", "MRRU",          "12-Bit seq #",   "End-Disc",
    "Proprietary",    "DCE-Id",        "MP+",            "Link-Disc",      "LCP-Auth-Opt",
    "COBS",           "Prefix-elision", "Multilink-header-Form", "I18N",   "SDL-over-SONET/SDH",
    "PPP-Muxing"};
constexpr Tok kAuthAlgs[] = {{5, "MD5"}, {128, "MS-CHAPv1"}, {129, "MS-CHAPv2"}};
constexpr Tok kCallbacks[] = {{0, "UserAuth"}, {1, "DialString"}, {2, "LocalID"},
                              {3, "E.164"},    {4, "X.500"},      {6, "CBCP"}};
constexpr Tok kIpcpOpts[] = {{1, "IP-Addrs"}, {2, "IP-Comp"},   {3, "IP-Addr"},  {4, "Home-Addr"},
                             {129, "Pri-DNS"}, {130, "Pri-NBNS"}, {131, "Sec-DNS"}, {132, "Sec-NBNS"}};
constexpr Tok kCompProtos[] = {{0x002d, "VJ-Comp"}, {0x61, "IP Header Compression"}};
constexpr Tok kCompSubopts[] = {{1, "RTP-Compression"}, {2, "Enhanced RTP-Compression"}};
constexpr Tok kIp6cpOpts[] = {{1, "Interface-ID"}};
constexpr Tok kCcpOpts[] = {{0, "OUI"},        {1, "Pred-1"},   {2, "Pred-2"},    {3, "Puddle"},
                            {16, "HP-PPC"},    {17, "Stac-LZS"}, {18, "MPPC"},     {19, "Gand-FZA"},
                            {20, "V.42bis"},   {21, "BSD-Comp"}, {23, "LZS-DCP"},  {24, "MVRCA"},
                            {25, "DEC"},       {26, "Deflate"},  {255, "Reserved"}};
constexpr Tok kBacpOpts[] = {{1, "Favored-Peer"}};

// The option's header line; false if the option ends the loop (too long or bogus length), with the
// message printed. ND_TCHECK_2 failing prints "[|name]" and also ends it.
bool OptionHeader(Nd& nd, const uint8_t* p, uint32_t length, const Tok* names, size_t n, const char* unknown,
                  const char* trunc_name, uint32_t& opt, uint32_t& len) {
  if (length < 2) return false;
  if (!nd.TTest(p, 2)) {
    nd.out.F("[|%s]", trunc_name);
    return false;
  }
  opt = nd.U8(p);
  len = nd.U8(p + 1);
  if (length < len) return false;
  nd.out.S("\n\t  ");
  Tok2Str(nd, names, n, unknown, opt);
  nd.out.F(" Option (0x%02x), length %u", opt, len);
  if (len < 2) {
    nd.out.S(" (length bogus, should be >= 2)");
    return false;
  }
  return true;
}

// The dumps after an option: the value if unknown (below -vv), every value at -vv.
uint32_t OptionTail(Nd& nd, const uint8_t* p, uint32_t len, bool unknown) {
  if (unknown && nd.o.verbose < 2) PrintUnknownData(nd, p + 2, "\n\t    ", len - 2);
  if (nd.o.verbose > 1) PrintUnknownData(nd, p + 2, "\n\t    ", len - 2);
  return len;
}

}  // namespace

uint32_t LcpOptionPrint(Nd& nd, const uint8_t* p, uint32_t length) {
  if (length < 2) return 0;
  if (!nd.TTest(p, 2)) {
    nd.out.S("[|lcp]");
    return 0;
  }
  uint32_t opt = nd.U8(p), len = nd.U8(p + 1);
  if (length < len) return 0;
  const bool known = opt < std::size(kLcpOpts);
  if (len < 2) {
    if (known) {
      nd.out.F("\n\t  %s Option (0x%02x), length %u (length bogus, should be >= 2)", kLcpOpts[opt], opt, len);
    } else {
      nd.out.F("\n\tunknown LCP option 0x%02x", opt);
    }
    return 0;
  }
  if (!known) {
    nd.out.F("\n\tunknown LCP option 0x%02x", opt);
    return len;
  }
  nd.out.F("\n\t  %s Option (0x%02x), length %u", kLcpOpts[opt], opt, len);
  auto bogus = [&](const char* what, uint32_t ret) {
    nd.out.F(" (length bogus, should be %s)", what);
    return ret;
  };
  bool unknown = false;
  switch (opt) {
    case 0: {
      if (len < 6) return bogus(">= 6", len);
      uint32_t oui = nd.Be24(p + 2);
      const char* name = OuiName(oui);
      nd.out.F(": Vendor: %s (%u)", name ? name : "Unknown", oui);
      break;
    }
    case 1:
    case 17:
      if (len != 4) return bogus("= 4", opt == 1 ? len : 0);
      nd.out.F(": %u", nd.Be16(p + 2));
      break;
    case 2:
      if (len != 6) return bogus("= 6", len);
      nd.out.F(": 0x%08x", nd.Be32(p + 2));
      break;
    case 3: {
      if (len < 4) return bogus(">= 4", len);
      uint16_t proto = nd.Be16(p + 2);
      const char* name = PppProtoName(proto);
      nd.out.F(": %s", name ? name : "Unknown Auth Proto (0x04x)");
      switch (proto) {
        case 0xc223: {
          uint8_t alg = nd.U8(p + 4);  // read before ", " is printed, as ND_PRINT's argument
          nd.out.S(", ");
          Tok2Str(nd, kAuthAlgs, "Unknown Auth Alg %u", alg);
          break;
        }
        case 0xc023:
        case 0xc227:
        case 0xc027:
        case 0xc123:
          break;
        default:
          PrintUnknownData(nd, p, "\n\t", len);
          break;
      }
      break;
    }
    case 4:
      if (len < 4) return bogus(">= 4", 0);
      nd.out.S(nd.Be16(p + 2) == 0xc025 ? ": LQR" : ": unknown");
      break;
    case 5:
      if (len != 6) return bogus("= 6", 0);
      nd.out.F(": 0x%08x", nd.Be32(p + 2));
      break;
    case 7:
    case 8:
      break;
    case 23:
      if (len != 4) return bogus("= 4", 0);
      nd.out.F(": 0x%04x", nd.Be16(p + 2));
      break;
    case 13: {
      if (len < 3) return bogus(">= 3", 0);
      nd.out.S(": ");
      uint8_t op = nd.U8(p + 2);
      nd.out.S(": Callback Operation ");
      Tok2Str(nd, kCallbacks, "Unknown", op);
      nd.out.F(" (%u)", op);
      break;
    }
    case 19:
      if (len < 3) return bogus(">= 3", 0);
      switch (nd.U8(p + 2)) {
        case 0:
          nd.out.S(": Null");
          break;
        case 1:
          nd.out.S(": Local");
          break;
        case 2:
          if (len != 7) return bogus("= 7", 0);
          nd.Check(p + 3, 4);
          nd.out.S(": IPv4 ");
          PrintIpAddr(nd, p + 3);
          break;
        case 3:
          if (len != 9) return bogus("= 9", 0);
          nd.Check(p + 3, 6);
          nd.out.S(": MAC ");
          PrintEtherAddr(nd, p + 3);
          break;
        case 4:
          nd.out.S(": Magic-Num-Block");
          break;
        case 5:
          nd.out.S(": PSNDN");
          break;
        default:
          nd.out.F(": Unknown class %u", nd.U8(p + 2));
          break;
      }
      break;
    default:
      unknown = true;
      break;
  }
  return OptionTail(nd, p, len, unknown);
}

uint32_t IpcpOptionPrint(Nd& nd, const uint8_t* p, uint32_t length) {
  uint32_t opt, len;
  if (!OptionHeader(nd, p, length, kIpcpOpts, std::size(kIpcpOpts), "unknown", "ipcp", opt, len)) return 0;
  bool unknown = false;
  switch (opt) {
    case 1:
      if (len != 10) {
        nd.out.S(" (length bogus, should be = 10)");
        return len;
      }
      nd.Check(p + 2, 8);
      nd.out.S(": src ");
      PrintIpAddr(nd, p + 2);
      nd.out.S(", dst ");
      PrintIpAddr(nd, p + 6);
      break;
    case 2: {
      if (len < 4) {
        nd.out.S(" (length bogus, should be >= 4)");
        return 0;
      }
      uint16_t comp = nd.Be16(p + 2);
      nd.out.S(": ");
      Tok2Str(nd, kCompProtos, "Unknown", comp);
      nd.out.F(" (0x%02x):", comp);
      if (comp != 0x61) break;
      if (len < 14) {
        nd.out.F(" (length bogus, should be >= %u)", 14u);
        return 0;
      }
      if (!nd.TTest(p + 2, 14)) {
        nd.out.S("[|ipcp]");
        return 0;
      }
      nd.out.F("\n\t    TCP Space %u, non-TCP Space %u, maxPeriod %u, maxTime %u, maxHdr %u", nd.Be16(p + 4),
               nd.Be16(p + 6), nd.Be16(p + 8), nd.Be16(p + 10), nd.Be16(p + 12));
      if (len > 14) {
        // tcpdump walks p itself through the suboptions, so the -vv dump below starts past them.
        uint32_t total = len - 14;
        p += 14;
        const uint8_t*& s = p;
        nd.out.F("\n\t      Suboptions, length %u", total);
        while (total >= 2) {
          if (!nd.TTest(s, 2)) {
            nd.out.S("[|ipcp]");
            return 0;
          }
          uint32_t sub = nd.U8(s), sublen = nd.U8(s + 1);
          if (sub == 0 || sublen == 0) break;
          nd.out.S("\n\t\t");
          Tok2Str(nd, kCompSubopts, "Unknown", sub);
          nd.out.F(" Suboption #%u, length %u", sub, sublen);
          if (total < sublen) {
            nd.out.F(" [remaining suboptions length %u < %u]", total, sublen);
            nd.PrintInvalid();
            break;
          }
          total -= sublen;
          s += sublen;
        }
      }
      break;
    }
    case 3:
    case 4:
    case 129:
    case 130:
    case 131:
    case 132:
      if (len != 6) {
        nd.out.S(" (length bogus, should be = 6)");
        return 0;
      }
      nd.Check(p + 2, 4);
      nd.out.S(": ");
      PrintIpAddr(nd, p + 2);
      break;
    default:
      unknown = true;
      break;
  }
  return OptionTail(nd, p, len, unknown);
}

uint32_t Ip6cpOptionPrint(Nd& nd, const uint8_t* p, uint32_t length) {
  uint32_t opt, len;
  if (!OptionHeader(nd, p, length, kIp6cpOpts, std::size(kIp6cpOpts), "unknown", "ip6cp", opt, len)) return 0;
  if (opt == 1) {
    if (len != 10) {
      nd.out.S(" (length bogus, should be = 10)");
      return len;
    }
    if (!nd.TTest(p + 2, 8)) {
      nd.out.S("[|ip6cp]");
      return 0;
    }
    nd.out.F(": %04x:%04x:%04x:%04x", nd.Be16(p + 2), nd.Be16(p + 4), nd.Be16(p + 6), nd.Be16(p + 8));
  }
  return OptionTail(nd, p, len, opt != 1);
}

uint32_t CcpOptionPrint(Nd& nd, const uint8_t* p, uint32_t length) {
  uint32_t opt, len;
  if (!OptionHeader(nd, p, length, kCcpOpts, std::size(kCcpOpts), "Unknown", "ccp", opt, len)) return 0;
  bool unknown = false;
  switch (opt) {
    case 21: {
      if (len < 3) {
        nd.out.S(" (length bogus, should be >= 3)");
        return len;
      }
      uint8_t b = nd.U8(p + 2);
      nd.out.F(": Version: %u, Dictionary Bits: %u", b >> 5, b & 0x1f);
      break;
    }
    case 24: {
      if (len < 4) {
        nd.out.S(" (length bogus, should be >= 4)");
        return len;
      }
      nd.Check(p + 2, 2);
      uint8_t b = nd.U8(p + 2);
      nd.out.F(": Features: %u, PxP: %s, History: %u, #CTX-ID: %u", (b & 0xc0) >> 6,
               (b & 0x20) ? "Enabled" : "Disabled", b & 0x1f, nd.U8(p + 3));
      break;
    }
    case 26: {
      if (len < 4) {
        nd.out.S(" (length bogus, should be >= 4)");
        return len;
      }
      nd.Check(p + 2, 2);
      uint8_t a = nd.U8(p + 2), b = nd.U8(p + 3);
      nd.out.F(": Window: %uK, Method: %s (0x%x), MBZ: %u, CHK: %u", (a & 0xf0) >> 4,
               ((a & 0x0f) == 8) ? "zlib" : "unknown", a & 0x0f, (b & 0xfc) >> 2, b & 0x03);
      break;
    }
    default:
      unknown = true;
      break;
  }
  return OptionTail(nd, p, len, unknown);
}

uint32_t BacpOptionPrint(Nd& nd, const uint8_t* p, uint32_t length) {
  uint32_t opt, len;
  if (!OptionHeader(nd, p, length, kBacpOpts, std::size(kBacpOpts), "Unknown", "bacp", opt, len)) return 0;
  if (opt == 1) {
    if (len != 6) {
      nd.out.S(" (length bogus, should be = 6)");
      return len;
    }
    nd.out.F(": Magic-Num 0x%08x", nd.Be32(p + 2));
  }
  return OptionTail(nd, p, len, opt != 1);
}

}  // namespace ringdump::print
