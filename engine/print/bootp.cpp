// BOOTP and DHCPv4 (print-bootp.c): "BOOTP/DHCP, Request from MAC, length N"; with -v the header
// fields, addresses, server name and file, and the RFC 1048 options, each printed by its format
// (address, number, string, bytes, boolean) or by its own code for the special ones.
#include "dissect.hpp"

namespace ringdump::print {
namespace {

struct Tag {
  uint8_t tag;
  const char* fmt_name;  // first char: format; the rest: name
};

const Tag kTags[] = {
    {0, " PAD"},
    {1, "iSubnet-Mask"},
    {2, "LTime-Zone"},
    {3, "iDefault-Gateway"},
    {4, "iTime-Server"},
    {5, "iIEN-Name-Server"},
    {6, "iDomain-Name-Server"},
    {7, "iLOG"},
    {8, "iCS"},
    {9, "iLPR-Server"},
    {10, "iIM"},
    {11, "iRL"},
    {12, "aHostname"},
    {13, "sBS"},
    {255, " END"},
    {14, "aDP"},
    {15, "aDomain-Name"},
    {16, "iSS"},
    {17, "aRP"},
    {18, "aEP"},
    {19, "BIPF"},
    {20, "BSRT"},
    {21, "pPF"},
    {22, "sRSZ"},
    {23, "bTTL"},
    {24, "lMTU-Timeout"},
    {25, "sMTU-Table"},
    {26, "sMTU"},
    {27, "BLSN"},
    {28, "iBR"},
    {29, "BMD"},
    {30, "BMS"},
    {31, "BRouter-Discovery"},
    {32, "iRSA"},
    {33, "pStatic-Route"},
    {34, "BUT"},
    {35, "lAT"},
    {36, "BIE"},
    {37, "bTT"},
    {38, "lKI"},
    {39, "BKG"},
    {40, "aYD"},
    {41, "iYS"},
    {42, "iNTP"},
    {43, "bVendor-Option"},
    {44, "iNetbios-Name-Server"},
    {45, "iWDD"},
    {46, "$Netbios-Node"},
    {47, "aNetbios-Scope"},
    {48, "iXFS"},
    {49, "iXDM"},
    {64, "sN+D"},
    {65, "iN+S"},
    {68, "iMH"},
    {69, "iSMTP"},
    {70, "iPOP3"},
    {71, "iNNTP"},
    {72, "iWWW"},
    {73, "iFG"},
    {74, "iIRC"},
    {75, "iSTS"},
    {76, "iSTDA"},
    {50, "iRequested-IP"},
    {51, "lLease-Time"},
    {52, "$OO"},
    {66, "aTFTP"},
    {67, "aBF"},
    {53, " DHCP-Message"},
    {54, "iServer-ID"},
    {55, "bParameter-Request"},
    {56, "aMSG"},
    {57, "sMSZ"},
    {58, "lRN"},
    {59, "lRB"},
    {60, "aVendor-Class"},
    {61, "$Client-ID"},
    {98, "aUAP"},
    {116, "BNOAUTO"},
    {78, "bSLP-DA"},
    {79, "bSLP-SCOPE"},
    {117, "sNSSEARCH"},
    {77, "$User-Class"},
    {118, "iSUBNET"},
    {121, "$Classless-Static-Route"},
    {249, "$Classless-Static-Route-Microsoft"},
    {150, "iTFTP-Server-Address"},
    {80, "aSLP-NA"},
    {81, "$FQDN"},
    {82, "$Agent-Information"},
    {83, "bARMT"},
    {88, "aTZSTR"},
    {89, "bFQDNS"},
    {90, "bAUTH"},
    {91, "LLast-Transaction-Time"},
    {92, "iAssociated-IP"},
    {93, "sARCH"},
    {94, "bNDI"},
    {97, "bGUID"},
    {95, "aLDAP"},
    {100, "aPOSIX-TZ"},
    {101, "aTZ-Name"},
    {112, "iNI"},
    {113, "aNITAG"},
    {114, "aURL"},
};

const char* TagStr(uint8_t tag) {
  for (const Tag& t : kTags) {
    if (t.tag == tag) return t.fmt_name;
  }
  return "?Unknown";
}

// nd_printn: true if truncated.
bool PrintN(Nd& nd, const uint8_t* s, uint32_t n) {
  while (n > 0 && s < nd.snapend) {
    n--;
    PrintChar(nd, nd.U8(s++));
  }
  return n != 0;
}

// nd_printztn: up to n bytes, stopping at NUL; 0 when truncated.
uint32_t PrintZtn(Nd& nd, const uint8_t* s, uint32_t n) {
  uint32_t bytes = 0;
  for (;;) {
    if (n == 0 || s >= nd.snapend) return n == 0 ? bytes : 0;
    uint8_t c = nd.U8(s++);
    bytes++;
    n--;
    if (c == 0) return bytes;
    PrintChar(nd, c);
  }
}

void Rfc1048(Nd& nd, const uint8_t* bp) {
  nd.out.S("\n\t  Vendor-rfc1048 Extensions");
  nd.out.F("\n\t    Magic Cookie 0x%08x", nd.Be32(bp));
  bp += 4;
  while (nd.TTest(bp, 1)) {
    uint8_t tag = nd.U8(bp++);
    if (tag == 0 && nd.o.verbose < 3) continue;
    if (tag == 255 && nd.o.verbose < 3) return;
    const char* name = TagStr(tag);  // a format letter, then the name
    char c = *name++;
    uint32_t len = 0;
    if (tag != 0 && tag != 255) len = nd.U8(bp++);
    nd.out.F("\n\t    %s (%u), length %u%s", name, tag, len, len > 0 ? ": " : "");
    if (tag == 0 && nd.o.verbose > 2) {
      uint32_t ntag = 1;
      while (nd.TTest(bp, 1) && nd.U8(bp) == 0) {
        bp++;
        ntag++;
      }
      if (ntag > 1) nd.out.F(", occurs %u", ntag);
    }
    nd.TCheck(bp, len);
    if (tag == 53 && len == 1) {
      static const char* kMsg[] = {
          nullptr,   "Discover", "Offer", "Request",    "Decline",         "ACK",          "NACK",
          "Release", "Inform",   nullptr, "LeaseQuery", "LeaseUnassigned", "LeaseUnknown", "LeaseActive"};
      uint8_t m = nd.U8(bp++);
      if (m < 14 && kMsg[m]) {
        nd.out.S(kMsg[m]);
      } else {
        nd.out.F("Unknown (%u)", m);
      }
      continue;
    }
    if (tag == 55) {
      int idx = 0;
      while (len > 0) {
        uint8_t inner = nd.U8(bp++);
        len--;
        nd.out.S(idx % 4 == 0 ? "\n\t      " : ", ");
        nd.out.F("%s (%u)", TagStr(inner) + 1, inner);
        idx++;
      }
      continue;
    }
    if (c == '?') c = (len & 1) ? 'b' : (len & 2) ? 's' : 'l';
    bool first = true;
    switch (c) {
      case 'a':
        nd.out.C('"');
        if (PrintN(nd, bp, len)) {
          nd.out.C('"');
          nd.TcheckTrunc();
        }
        nd.out.C('"');
        bp += len;
        len = 0;
        break;
      case 'i':
      case 'l':
      case 'L':
        while (len >= 4) {
          if (!first) nd.out.C(',');
          if (c == 'i') {
            PrintIpAddr(nd, bp);
          } else if (c == 'L') {
            nd.out.I(int32_t(nd.Be32(bp)));
          } else {
            nd.out.U(nd.Be32(bp));
          }
          bp += 4;
          len -= 4;
          first = false;
        }
        break;
      case 'p':
        while (len >= 8) {
          if (!first) nd.out.C(',');
          nd.out.C('(');
          PrintIpAddr(nd, bp);
          nd.out.C(':');
          PrintIpAddr(nd, bp + 4);
          nd.out.C(')');
          bp += 8;
          len -= 8;
          first = false;
        }
        break;
      case 's':
        while (len >= 2) {
          if (!first) nd.out.C(',');
          nd.out.U(nd.Be16(bp));
          bp += 2;
          len -= 2;
          first = false;
        }
        break;
      case 'B':
        while (len > 0) {
          if (!first) nd.out.C(',');
          uint8_t v = nd.U8(bp);
          if (v == 0) {
            nd.out.C('N');
          } else if (v == 1) {
            nd.out.C('Y');
          } else {
            nd.out.F("%u?", v);
          }
          ++bp;
          --len;
          first = false;
        }
        break;
      case '$':
        switch (tag) {
          case 46:
          case 52: {
            if (len < 1) {
              nd.out.S("[ERROR: length < 1 bytes]");
              break;
            }
            uint8_t v = nd.U8(bp++);
            --len;
            const char* s = nullptr;
            if (tag == 46) {
              s = v == 1 ? "b-node" : v == 2 ? "p-node" : v == 4 ? "m-node" : v == 8 ? "h-node" : nullptr;
            } else {
              s = v == 1 ? "file" : v == 2 ? "sname" : v == 3 ? "file+sname" : nullptr;
            }
            nd.out.S(s ? s : "#");
            if (!s) nd.out.U(v);
            break;
          }
          case 61: {
            if (len < 1) {
              nd.out.S("[ERROR: length < 1 bytes]");
              break;
            }
            uint8_t type = nd.U8(bp++);
            len--;
            if (type == 0) {
              nd.out.C('"');
              if (PrintN(nd, bp, len)) {
                nd.out.C('"');
                nd.TcheckTrunc();
              }
              nd.out.C('"');
              bp += len;
              len = 0;
            } else {
              const char* s = type == 1    ? "ether"
                              : type == 6  ? "ieee802"
                              : type == 7  ? "arcnet"
                              : type == 15 ? "frelay"
                              : type == 23 ? "strip"
                              : type == 24 ? "ieee1394"
                                           : nullptr;
              if (s) {
                nd.out.F("%s ", s);
              } else {
                nd.out.F("hardware-type %u, ", type);
              }
              while (len > 0) {
                if (!first) nd.out.C(':');
                nd.out.X(nd.U8(bp), 2);
                ++bp;
                --len;
                first = false;
              }
            }
            break;
          }
          case 121:
          case 249: {
            if (len < 5) {
              nd.out.S("[ERROR: length < 5 bytes]");
              bp += len;
              len = 0;
              break;
            }
            while (len > 0) {
              if (!first) nd.out.C(',');
              uint32_t mask_width = nd.U8(bp++);
              len--;
              if (mask_width > 32) {
                nd.out.F("[ERROR: Mask width (%u) > 32]", mask_width);
                bp += len;
                len = 0;
                break;
              }
              uint32_t sig = (mask_width + 7) / 8;
              if (len < sig + 4) {
                nd.out.F("[ERROR: Remaining length (%u) < %u bytes]", len, sig + 4);
                bp += len;
                len = 0;
                break;
              }
              nd.out.C('(');
              if (mask_width == 0) {
                nd.out.S("default");
              } else {
                for (uint32_t i = 0; i < sig; i++) {
                  if (i > 0) nd.out.C('.');
                  nd.out.U(nd.U8(bp++));
                }
                for (uint32_t i = sig; i < 4; i++) nd.out.S(".0");
                nd.out.F("/%u", mask_width);
              }
              nd.out.C(':');
              PrintIpAddr(nd, bp);
              nd.out.C(')');
              bp += 4;
              len -= sig + 4;
              first = false;
            }
            break;
          }
          default:
            nd.out.F("[unknown special tag %u, size %u]", tag, len);
            bp += len;
            len = 0;
            break;
        }
        break;
      default:  // 'b', 'x'
        while (len > 0) {
          if (!first) nd.out.C(c == 'x' ? ':' : '.');
          if (c == 'x') {
            nd.out.X(nd.U8(bp), 2);
          } else {
            nd.out.U(nd.U8(bp));
          }
          ++bp;
          --len;
          first = false;
        }
        break;
    }
    if (len) {
      nd.out.F("\n\t  trailing data length %u", len);
      bp += len;
    }
  }
}

}  // namespace

void BootpPrint(Nd& nd, const uint8_t* bp, uint32_t length) {
  nd.protocol = "bootp";
  uint8_t op = nd.U8(bp);
  nd.out.S("BOOTP/DHCP, ");
  if (op == 1) {
    nd.out.S("Request");
  } else if (op == 2) {
    nd.out.S("Reply");
  } else {
    nd.out.F("unknown (0x%02x)", op);
  }
  uint8_t htype = nd.U8(bp + 1), hlen = nd.U8(bp + 2);
  if (htype == 1 && hlen == 6 && op == 1) {
    nd.Check(bp + 28, 6);  // tcpdump reads the address before printing " from "
    nd.out.S(" from ");
    PrintEtherAddr(nd, bp + 28);
  }
  nd.out.F(", length %u", length);
  if (!nd.o.verbose) return;
  TruncLabel(nd, [&] {
    nd.TCheck(bp + 8, 2);
    if (htype != 1) nd.out.F(", htype %u", htype);
    if (htype != 1 || hlen != 6) nd.out.F(", hlen %u", hlen);
    if (nd.U8(bp + 3)) nd.out.F(", hops %u", nd.U8(bp + 3));
    if (nd.Be32(bp + 4)) nd.out.F(", xid 0x%x", nd.Be32(bp + 4));
    if (nd.Be16(bp + 8)) nd.out.F(", secs %u", nd.Be16(bp + 8));
    uint16_t flags = nd.Be16(bp + 10);
    nd.out.S((flags & 0x8000) ? ", Flags [Broadcast]" : ", Flags [none]");
    if (nd.o.verbose > 1) nd.out.F(" (0x%04x)", flags);
    static const char* kAddr[] = {"\n\t  Client-IP ", "\n\t  Your-IP ", "\n\t  Server-IP ",
                                  "\n\t  Gateway-IP "};
    for (int k = 0; k < 4; k++) {
      if (nd.Be32(bp + 12 + 4 * k)) {
        nd.out.S(kAddr[k]);  // Be32 above already read the address
        PrintIpAddr(nd, bp + 12 + 4 * k);
      }
    }
    if (htype == 1 && hlen == 6) {
      nd.Check(bp + 28, 6);
      nd.out.S("\n\t  Client-Ethernet-Address ");
      PrintEtherAddr(nd, bp + 28);
    }
    const uint8_t* sname = bp + 44;
    const uint8_t* file = bp + 108;
    if (nd.U8(sname)) {
      nd.out.S("\n\t  sname \"");
      if (PrintZtn(nd, sname, 64) == 0) {
        nd.out.C('"');
        nd.PrintTrunc();
        return;
      }
      nd.out.C('"');
    }
    if (nd.U8(file)) {
      nd.out.S("\n\t  file \"");
      if (PrintZtn(nd, file, 128) == 0) {
        nd.out.C('"');
        nd.PrintTrunc();
        return;
      }
      nd.out.C('"');
    }
    const uint8_t* vend = bp + 236;
    nd.TCheck(vend, 4);
    if (nd.U8(vend) == 99 && nd.U8(vend + 1) == 130 && nd.U8(vend + 2) == 83 && nd.U8(vend + 3) == 99) {
      Rfc1048(nd, vend);
    } else if (nd.U8(vend) == 'C' && nd.U8(vend + 1) == 'M' && nd.U8(vend + 2) == 'U' && nd.U8(vend + 3) == 0) {
      nd.out.S(" vend-cmu");  // CMU vendor area: the addresses are not printed
    } else if (uint32_t ul = nd.Be32(vend)) {
      nd.out.F("\n\t  Vendor-#0x%x", ul);
    }
  });
}

}  // namespace ringdump::print
