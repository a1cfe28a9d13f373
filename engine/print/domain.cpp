// DNS (print-domain.c): the one-line summary tcpdump prints for queries and responses over UDP and TCP
// (id, opcode, rcode with the EDNS extended bits, flags, counts, questions, answers) and, with -vv, the
// authority and additional sections; names with compression pointers that must point backwards.
#include "dissect.hpp"

namespace ringdump::print {
namespace {

constexpr uint8_t kTypeMask = 0xc0, kIndir = 0xc0, kReserved = 0x80, kEdns0 = 0x40;
constexpr uint32_t kMaxCdname = 255;

const char* const kOps[] = {"",         " inv_q",    " stat",     " op3",     " notify",  " update",
                            " op6",     " op7",      " op8",      " updateA", " updateD", " updateDA",
                            " updateM", " updateMA", " zoneInit", " zoneRef"};
const char* const kResp[] = {"",          " FormErr", " ServFail", " NXDomain", " NotImp",  " Refused",
                             " YXDomain", " YXRRSet", " NXRRSet",  " NotAuth",  " NotZone", " Resp11",
                             " Resp12",   " Resp13",  " Resp14",   " NoChange", " BadVers", "Resp17",
                             " Resp18",   " Resp19",  " Resp20",   "Resp21",    " Resp22",  " BadCookie"};

const char* TypeName(uint16_t t) {
  switch (t) {
    case 1:
      return "A";
    case 2:
      return "NS";
    case 3:
      return "MD";
    case 4:
      return "MF";
    case 5:
      return "CNAME";
    case 6:
      return "SOA";
    case 7:
      return "MB";
    case 8:
      return "MG";
    case 9:
      return "MR";
    case 10:
      return "NULL";
    case 11:
      return "WKS";
    case 12:
      return "PTR";
    case 13:
      return "HINFO";
    case 14:
      return "MINFO";
    case 15:
      return "MX";
    case 16:
      return "TXT";
    case 17:
      return "RP";
    case 18:
      return "AFSDB";
    case 19:
      return "X25";
    case 20:
      return "ISDN";
    case 21:
      return "RT";
    case 22:
      return "NSAP";
    case 23:
      return "NSAP_PTR";
    case 24:
      return "SIG";
    case 25:
      return "KEY";
    case 26:
      return "PX";
    case 27:
      return "GPOS";
    case 28:
      return "AAAA";
    case 29:
      return "LOC";
    case 30:
      return "NXT";
    case 31:
      return "EID";
    case 32:
      return "NIMLOC";
    case 33:
      return "SRV";
    case 34:
      return "ATMA";
    case 35:
      return "NAPTR";
    case 36:
      return "KX";
    case 37:
      return "CERT";
    case 38:
      return "A6";
    case 39:
      return "DNAME";
    case 40:
      return "SINK";
    case 41:
      return "OPT";
    case 42:
      return "APL";
    case 43:
      return "DS";
    case 44:
      return "SSHFP";
    case 45:
      return "IPSECKEY";
    case 46:
      return "RRSIG";
    case 47:
      return "NSEC";
    case 48:
      return "DNSKEY";
    case 99:
      return "SPF";
    case 100:
      return "UINFO";
    case 101:
      return "UID";
    case 102:
      return "GID";
    case 103:
      return "UNSPEC";
    case 104:
      return "UNSPECA";
    case 249:
      return "TKEY";
    case 250:
      return "TSIG";
    case 251:
      return "IXFR";
    case 252:
      return "AXFR";
    case 253:
      return "MAILB";
    case 254:
      return "MAILA";
    case 255:
      return "ANY";
    case 256:
      return "URI";
    default:
      return nullptr;
  }
}

void PrintType(Nd& nd, uint16_t t) {
  if (const char* n = TypeName(t)) {
    nd.out.S(n);
  } else {
    nd.out.F("Type%u", t);
  }
}

void PrintClass(Nd& nd, uint32_t c) {
  switch (c) {
    case 1:
      nd.out.S("IN");
      break;
    case 3:
      nd.out.S("CHAOS");
      break;
    case 4:
      nd.out.S("HS");
      break;
    case 255:
      nd.out.S("ANY");
      break;
    default:
      nd.out.F("(Class %u)", c);
      break;
  }
}

// nd_printn: true if the string ran past the captured bytes.
bool PrintN(Nd& nd, const uint8_t* s, uint32_t n) {
  while (n > 0 && s < nd.snapend) {
    n--;
    PrintChar(nd, nd.U8(s++));
  }
  return n != 0;
}

const uint8_t* NSkip(Nd& nd, const uint8_t* cp) {
  if (!nd.TTest(cp, 1)) return nullptr;
  uint8_t i = nd.U8(cp++);
  while (i) {
    switch (i & kTypeMask) {
      case kIndir:
        return cp + 1;
      case kEdns0: {
        if ((i & ~kTypeMask) != 1) return nullptr;
        if (!nd.TTest(cp, 1)) return nullptr;
        uint32_t bitlen = nd.U8(cp);
        if (bitlen == 0) bitlen = 256;
        cp++;
        cp += (bitlen + 7) / 8;
        break;
      }
      case kReserved:
        return nullptr;
      default:
        cp += i;
        break;
    }
    if (!nd.TTest(cp, 1)) return nullptr;
    i = nd.U8(cp++);
  }
  return cp;
}

const uint8_t* BlabelPrint(Nd& nd, const uint8_t* cp) {
  if (!nd.TTest(cp, 1)) return nullptr;
  uint32_t bitlen = nd.U8(cp);
  if (bitlen == 0) bitlen = 256;
  uint32_t slen = (bitlen + 3) / 4;
  const uint8_t* lim = cp + 1 + slen;
  nd.out.S("\\[x");
  const uint8_t* bitp = cp + 1;
  uint32_t b = bitlen;
  for (; bitp < lim && b > 7; b -= 8, bitp++) nd.out.X(nd.U8(bitp), 2);
  if (b > 4) {
    uint8_t tc = nd.U8(bitp++);
    nd.out.X(tc & (0xff << (8 - b)) & 0xff, 2);
  } else if (b > 0) {
    uint8_t tc = nd.U8(bitp++);
    nd.out.X(((tc >> 4) & 0x0f) & (0x0f << (4 - b)) & 0x0f, 1);
  }
  nd.out.F("/%u]", bitlen);
  return lim;
}

int LabelLen(Nd& nd, const uint8_t* cp) {
  if (!nd.TTest(cp, 1)) return -1;
  uint32_t i = nd.U8(cp);
  switch (i & kTypeMask) {
    case kEdns0: {
      uint32_t elt = i & ~kTypeMask;
      if (elt != 1) {
        nd.out.F("<ELT %d>", int(elt));
        return -1;
      }
      if (!nd.TTest(cp + 1, 1)) return -1;
      uint32_t bitlen = nd.U8(cp + 1);
      if (bitlen == 0) bitlen = 256;
      return int((bitlen + 7) / 8 + 1);
    }
    case kIndir:
    case 0:
      return int(i);
    default:
      nd.out.S("<BAD LABEL TYPE>");
      return -1;
  }
}

}  // namespace

// fqdn_print: the name at cp, compression relative to bp; returns the end of the name or nullptr.
const uint8_t* FqdnPrint(Nd& nd, const uint8_t* cp, const uint8_t* bp) {
  int l = LabelLen(nd, cp);
  if (l == -1) return nullptr;
  if (!nd.TTest(cp, 1)) return nullptr;
  uint32_t max_offset = uint32_t(cp - bp);
  uint32_t i = nd.U8(cp++);
  const uint8_t* rp = nullptr;
  bool compress = false;
  uint32_t name_chars = 0;
  if ((i & kTypeMask) != kIndir) rp = cp + l;
  if (i != 0) {
    while (i && cp < nd.snapend) {
      switch (i & kTypeMask) {
        case kIndir: {
          if (!compress) {
            rp = cp + 1;
            compress = true;
          }
          if (!nd.TTest(cp, 1)) return nullptr;
          uint32_t offset = ((i << 8) | nd.U8(cp)) & 0x3fff;
          if (offset >= max_offset) {
            nd.out.S("<BAD PTR>");
            return nullptr;
          }
          max_offset = offset;
          cp = bp + offset;
          if (!nd.TTest(cp, 1)) return nullptr;
          i = nd.U8(cp);
          if ((l = LabelLen(nd, cp)) == -1) return nullptr;
          cp++;
          continue;
        }
        case kEdns0: {
          uint32_t elt = i & ~kTypeMask;
          if (elt == 1) {
            if (BlabelPrint(nd, cp) == nullptr) return nullptr;
          } else {
            nd.out.F("<ELT %u>", elt);
            return nullptr;
          }
          break;
        }
        case kReserved:
          nd.out.S("<BAD LABEL TYPE>");
          return nullptr;
        default:
          if (name_chars + uint32_t(l) <= kMaxCdname) {
            if (PrintN(nd, cp, uint32_t(l))) return nullptr;
          } else if (name_chars < kMaxCdname) {
            if (PrintN(nd, cp, kMaxCdname - name_chars)) return nullptr;
          }
          name_chars += uint32_t(l);
          break;
      }
      cp += l;
      if (name_chars <= kMaxCdname) nd.out.C('.');
      name_chars++;
      if (!nd.TTest(cp, 1)) return nullptr;
      i = nd.U8(cp);
      if ((l = LabelLen(nd, cp)) == -1) return nullptr;
      cp++;
      if (!compress) rp += l + 1;
    }
    if (name_chars > kMaxCdname) nd.out.S("<DOMAIN NAME TOO LONG>");
  } else {
    nd.out.C('.');
  }
  return rp;
}

namespace {

const uint8_t* CPrint(Nd& nd, const uint8_t* cp) {
  if (!nd.TTest(cp, 1)) return nullptr;
  uint32_t i = nd.U8(cp++);
  if (PrintN(nd, cp, i)) return nullptr;
  return cp + i;
}

const char* AlgName(int table, uint8_t a) {
  if (table == 0) {
    switch (a) {
      case 0:
        return "DELETE";
      case 1:
        return "RSAMD5";
      case 2:
        return "DH";
      case 3:
        return "DS";
      case 5:
        return "RSASHA1";
      case 6:
        return "DSA-NSEC3-SHA1";
      case 7:
        return "RSASHA1-NSEC3-SHA1";
      case 8:
        return "RSASHA256";
      case 10:
        return "RSASHA512";
      case 12:
        return "ECC-GOST";
      case 13:
        return "ECDSAP256SHA256";
      case 14:
        return "ECDSAP384SHA384";
      case 15:
        return "ED25519";
      case 16:
        return "ED448";
      case 252:
        return "INDIRECT";
      case 253:
        return "PRIVATEDNS";
      case 254:
        return "PRIVATEOID";
      default:
        return nullptr;
    }
  }
  if (table == 1) {
    switch (a) {
      case 1:
        return "SHA-1";
      case 2:
        return "SHA-256";
      case 3:
        return "GOST_R_34.11-94";
      case 4:
        return "SHA-384";
      default:
        return nullptr;
    }
  }
  return a == 1 ? "SHA-1" : nullptr;
}

void EcsPrint(Nd& nd, const uint8_t* cp, uint32_t data_len) {
  if (data_len < 4) {
    nd.PrintInvalid();
    return;
  }
  uint32_t family = nd.Be16(cp), src_len = nd.U8(cp + 2), scope_len = nd.U8(cp + 3);
  cp += 4;
  uint32_t addr_bits;
  if (family == 1) {
    addr_bits = 32;
  } else if (family == 2) {
    addr_bits = 128;
  } else {
    nd.PrintInvalid();
    return;
  }
  if (data_len - 4 > addr_bits / 8 || src_len > addr_bits || scope_len > addr_bits ||
      (src_len + 7) / 8 != data_len - 4) {
    nd.PrintInvalid();
    return;
  }
  uint8_t padded[32] = {};
  for (uint32_t i = 0; i < data_len - 4; i++) padded[i] = nd.U8(cp + i);
  if (family == 1) {
    nd.out.F("%u.%u.%u.%u", padded[0], padded[1], padded[2], padded[3]);
  } else {
    char buf[64];
    FormatIp6(padded, buf);
    nd.out.S(buf);
  }
  nd.out.F("/%d/%d", int(src_len), int(scope_len));
}

const uint8_t* EoptPrint(Nd& nd, const uint8_t* cp) {
  if (!nd.TTest(cp, 2)) return nullptr;
  uint32_t opt = nd.Be16(cp);
  cp += 2;
  const char* name = nullptr;
  switch (opt) {
    case 1:
      name = "LLQ";
      break;
    case 2:
      name = "UL";
      break;
    case 3:
      name = "NSID";
      break;
    case 5:
      name = "DAU";
      break;
    case 6:
      name = "DHU";
      break;
    case 7:
      name = "N3U";
      break;
    case 8:
      name = "ECS";
      break;
    case 9:
      name = "EXPIRE";
      break;
    case 10:
      name = "COOKIE";
      break;
    case 11:
      name = "KEEPALIVE";
      break;
    case 12:
      name = "PADDING";
      break;
    case 13:
      name = "CHAIN";
      break;
    case 14:
      name = "KEY-TAG";
      break;
    case 16:
      name = "CLIENT-TAG";
      break;
    case 17:
      name = "SERVER-TAG";
      break;
    default:
      break;
  }
  if (name) {
    nd.out.S(name);
  } else {
    nd.out.F("Opt%u", opt);
  }
  if (!nd.TTest(cp, 2)) return nullptr;
  uint32_t data_len = nd.Be16(cp);
  cp += 2;
  if (!nd.TTest(cp, data_len)) return nullptr;
  if (data_len > 0) {
    nd.out.C(' ');
    switch (opt) {
      case 8:
        EcsPrint(nd, cp, data_len);
        break;
      case 10:
        if (data_len < 8 || (data_len > 8 && data_len < 16) || data_len > 40) {
          nd.PrintInvalid();
        } else {
          for (uint32_t i = 0; i < data_len; ++i) {
            if (i == 8) nd.out.C(' ');
            nd.out.X(nd.U8(cp + i), 2);
          }
        }
        break;
      case 11:
        if (data_len != 2) {
          nd.PrintInvalid();
        } else {
          nd.out.F("%0.1f sec", nd.Be16(cp) / 10.0);
        }
        break;
      case 9:
        if (data_len != 4) {
          nd.PrintInvalid();
        } else {
          nd.out.F("%u sec", nd.Be32(cp));
        }
        break;
      case 12:
        nd.out.F("(%u)", data_len);
        break;
      case 14:
        if (data_len % 2 != 0) {
          nd.PrintInvalid();
        } else {
          for (uint32_t i = 0; i < data_len; i += 2) {
            if (i > 0) nd.out.C(' ');
            nd.out.U(nd.Be16(cp + i));
          }
        }
        break;
      case 5:
      case 6:
      case 7:
        for (uint32_t i = 0; i < data_len; ++i) {
          if (i > 0) nd.out.C(' ');
          const char* a = AlgName(int(opt - 5), nd.U8(cp + i));
          if (a) {
            nd.out.S(a);
          } else {
            nd.out.F("Alg_%u", nd.U8(cp + i));
          }
        }
        break;
      case 13:
        FqdnPrint(nd, cp, cp + data_len);
        break;
      default:
        for (uint32_t i = 0; i < data_len; ++i) nd.out.X(nd.U8(cp + i), 2);
        break;
    }
  }
  return cp + data_len;
}

const uint8_t* QPrint(Nd& nd, const uint8_t* cp, const uint8_t* bp, bool is_mdns) {
  const uint8_t* np = cp;
  cp = NSkip(nd, cp);
  if (cp == nullptr || !nd.TTest(cp, 4)) return nullptr;
  uint32_t i = nd.Be16(cp);
  cp += 2;
  nd.out.C(' ');
  PrintType(nd, uint16_t(i));
  i = nd.Be16(cp);
  cp += 2;
  uint32_t cls = is_mdns ? (i & ~0x8000u) : i;
  if (cls != 1) {
    nd.out.C(' ');
    PrintClass(nd, cls);
  }
  if (is_mdns) nd.out.S((i & 0x8000) ? " (QU)" : " (QM)");
  nd.out.S("? ");
  cp = FqdnPrint(nd, np, bp);
  return cp ? cp + 4 : nullptr;
}

const uint8_t* RPrint(Nd& nd, const uint8_t* cp, const uint8_t* bp, bool is_mdns) {
  uint32_t opt_flags = 0;
  if (nd.o.verbose) {
    nd.out.C(' ');
    if ((cp = FqdnPrint(nd, cp, bp)) == nullptr) return nullptr;
  } else {
    cp = NSkip(nd, cp);
  }
  if (cp == nullptr || !nd.TTest(cp, 10)) return nd.snapend;
  uint16_t typ = nd.Be16(cp);
  cp += 2;
  uint32_t i = nd.Be16(cp);
  cp += 2;
  uint32_t cls = is_mdns ? (i & ~0x8000u) : i;
  if (cls != 1 && typ != 41) {
    nd.out.C(' ');
    PrintClass(nd, cls);
  }
  if (is_mdns && (i & 0x8000)) nd.out.S(" (Cache flush)");
  if (typ == 41) {
    cp += 2;
    opt_flags = nd.Be16(cp);
    cp += 2;
  } else if (nd.o.verbose > 2) {
    nd.out.S(" [");
    UnsignedReltsPrint(nd, nd.Be32(cp));
    nd.out.C(']');
    cp += 4;
  } else {
    cp += 4;
  }
  uint16_t len = nd.Be16(cp);
  cp += 2;
  const uint8_t* rp = cp + len;
  nd.out.C(' ');
  PrintType(nd, typ);
  if (rp > nd.snapend) return nullptr;
  switch (typ) {
    case 1:
      if (!nd.TTest(cp, 4)) return nullptr;
      nd.out.F(" %u.%u.%u.%u", nd.U8(cp), nd.U8(cp + 1), nd.U8(cp + 2), nd.U8(cp + 3));
      break;
    case 2:
    case 5:
    case 12:
    case 39:
      nd.out.C(' ');
      if (FqdnPrint(nd, cp, bp) == nullptr) return nullptr;
      break;
    case 6:
      if (!nd.o.verbose) break;
      nd.out.C(' ');
      if ((cp = FqdnPrint(nd, cp, bp)) == nullptr) return nullptr;
      nd.out.C(' ');
      if ((cp = FqdnPrint(nd, cp, bp)) == nullptr) return nullptr;
      if (!nd.TTest(cp, 20)) return nullptr;
      for (int k = 0; k < 5; k++) nd.out.F(" %u", nd.Be32(cp + 4 * k));
      break;
    case 15:
      nd.out.C(' ');
      if (!nd.TTest(cp, 2)) return nullptr;
      if (FqdnPrint(nd, cp + 2, bp) == nullptr) return nullptr;
      nd.out.F(" %u", nd.Be16(cp));
      break;
    case 16:
      while (cp < rp) {
        nd.out.S(" \"");
        cp = CPrint(nd, cp);
        if (cp == nullptr) return nullptr;
        nd.out.C('"');
      }
      break;
    case 33:
      nd.out.C(' ');
      if (!nd.TTest(cp, 6)) return nullptr;
      if (FqdnPrint(nd, cp + 6, bp) == nullptr) return nullptr;
      nd.out.F(":%u %u %u", nd.Be16(cp + 4), nd.Be16(cp), nd.Be16(cp + 2));
      break;
    case 28: {
      if (!nd.TTest(cp, 16)) return nullptr;
      char buf[64];
      FormatIp6(cp, buf);
      nd.out.C(' ');
      nd.out.S(buf);
      break;
    }
    case 38: {
      if (!nd.TTest(cp, 1)) return nullptr;
      uint32_t pbit = nd.U8(cp);
      uint32_t pbyte = (pbit & ~7u) / 8;
      if (pbit > 128) {
        nd.out.F(" %u(bad plen)", pbit);
        break;
      } else if (pbit < 128) {
        uint8_t a[16] = {};
        nd.Check(cp + 1, 16 - pbyte);
        memcpy(a + pbyte, cp + 1, 16 - pbyte);
        char buf[64];
        FormatIp6(a, buf);
        nd.out.F(" %u %s", pbit, buf);
      }
      if (pbit > 0) {
        nd.out.C(' ');
        if (FqdnPrint(nd, cp + 1 + 16 - pbyte, bp) == nullptr) return nullptr;
      }
      break;
    }
    case 256:
      if (!nd.TTest(cp, len)) return nullptr;
      nd.out.F(" %u %u ", nd.Be16(cp), nd.Be16(cp + 2));
      if (PrintN(nd, cp + 4, uint32_t(len) - 4)) return nullptr;
      break;
    case 41:
      nd.out.F(" UDPsize=%u", cls);
      if (opt_flags & 0x8000) nd.out.S(" DO");
      if (cp < rp) {
        nd.out.S(" [");
        while (cp < rp) {
          cp = EoptPrint(nd, cp);
          if (cp == nullptr) return nullptr;
          if (cp < rp) nd.out.C(',');
        }
        nd.out.C(']');
      }
      break;
    case 250: {
      if (cp + len > nd.snapend) return nullptr;
      if (!nd.o.verbose) break;
      nd.out.C(' ');
      if ((cp = FqdnPrint(nd, cp, bp)) == nullptr) return nullptr;
      cp += 6;
      if (!nd.TTest(cp, 2)) return nullptr;
      nd.out.F(" fudge=%u", nd.Be16(cp));
      cp += 2;
      if (!nd.TTest(cp, 2)) return nullptr;
      nd.out.F(" maclen=%u", nd.Be16(cp));
      cp += 2 + nd.Be16(cp);
      if (!nd.TTest(cp, 2)) return nullptr;
      nd.out.F(" origid=%u", nd.Be16(cp));
      cp += 2;
      if (!nd.TTest(cp, 2)) return nullptr;
      nd.out.F(" error=%u", nd.Be16(cp));
      cp += 2;
      if (!nd.TTest(cp, 2)) return nullptr;
      nd.out.F(" otherlen=%u", nd.Be16(cp));
      break;
    }
    default:
      break;
  }
  return rp;
}

// Prints count records after label (" ns:", " ar:" or nothing); false when truncated.
bool Section(Nd& nd, const uint8_t*& cp, const uint8_t* bp, uint32_t& count, const char* label, bool mdns,
             bool check_first) {
  if ((!check_first || cp < nd.snapend) && count) {
    nd.out.S(label);
    if ((cp = RPrint(nd, cp, bp, mdns)) == nullptr) return false;
    count--;
    while (cp < nd.snapend && count) {
      nd.out.C(',');
      if ((cp = RPrint(nd, cp, bp, mdns)) == nullptr) return false;
      count--;
    }
  }
  return count == 0;
}

}  // namespace

void DomainPrint(Nd& nd, const uint8_t* bp, uint32_t length, bool over_tcp, bool is_mdns) {
  nd.protocol = "domain";
  if (over_tcp) {
    if (length < 2) {
      nd.out.F(" [DNS over TCP: length %u < 2]", length);
      nd.PrintInvalid();
      return;
    }
    length -= 2;
    if (nd.Be16(bp) != length) {
      nd.out.F(" [prefix length(%u) != length(%u)]", nd.Be16(bp), length);
      nd.PrintInvalid();
      return;
    }
    bp += 2;
    nd.out.C(' ');
  }
  const uint8_t* np = bp;
  if (length < 12) {
    nd.out.F("domain [length %u < 12]", length);
    nd.PrintInvalid();
    return;
  }
  if (!nd.TTest(np, 12)) {  // ND_TCHECK_SIZE: marker, normal return
    nd.PrintTrunc();
    return;
  }
  uint16_t flags = nd.Be16(np + 2);
  uint32_t qdcount = nd.Be16(np + 4), ancount = nd.Be16(np + 6), nscount = nd.Be16(np + 8),
           arcount = nd.Be16(np + 10);
  const uint8_t* cp = np + 12;
  uint32_t rcode = flags & 0xf;
  // Find the OPT record for the extended rcode.
  [&] {
    for (uint32_t i = 0; i < qdcount; i++) {
      if ((cp = NSkip(nd, cp)) == nullptr) return;
      cp += 4;
      if (cp >= nd.snapend) return;
    }
    for (uint32_t i = 0; i < ancount + nscount; i++) {
      if ((cp = NSkip(nd, cp)) == nullptr) return;
      cp += 8;
      if (cp + 2 > nd.snapend) return;
      uint32_t rdlen = nd.Be16(cp);
      cp += 2 + rdlen;
      if (cp >= nd.snapend) return;
    }
    for (uint32_t i = 0; i < arcount; i++) {
      if ((cp = NSkip(nd, cp)) == nullptr) return;
      if (cp + 2 > nd.snapend) return;
      uint16_t type = nd.Be16(cp);
      cp += 4;
      if (cp + 1 > nd.snapend) return;
      if (type == 41) {
        rcode |= uint32_t(nd.U8(cp)) << 4;
        return;
      }
      cp += 4;
      if (cp + 2 > nd.snapend) return;
      uint32_t rdlen = nd.Be16(cp);
      cp += 2 + rdlen;
      if (cp >= nd.snapend) return;
    }
  }();
  uint32_t opcode = (flags >> 11) & 0xf;
  bool ok = true;
  if (flags & 0x8000) {
    nd.out.U(nd.Be16(np));
    nd.out.S(kOps[opcode]);
    if (rcode < sizeof kResp / sizeof kResp[0]) {
      nd.out.S(kResp[rcode]);
    } else {
      nd.out.F(" Resp%u", rcode & 0xfff);
    }
    if (flags & 0x0400) nd.out.C('*');
    if (!(flags & 0x0080)) nd.out.C('-');
    if (flags & 0x0200) nd.out.C('|');
    if (flags & 0x0020) nd.out.C('$');
    if (qdcount != 1) nd.out.F(" [%uq]", qdcount);
    cp = np + 12;
    for (uint32_t i = 0; i < qdcount && ok; i++) {
      if (i != 0) nd.out.C(',');
      if (nd.o.verbose > 1) {
        nd.out.S(" q:");
        if ((cp = QPrint(nd, cp, bp, is_mdns)) == nullptr) ok = false;
      } else {
        if ((cp = NSkip(nd, cp)) == nullptr) {
          ok = false;
        } else {
          cp += 4;
        }
      }
    }
    if (ok) {
      nd.out.F(" %u/%u/%u", ancount, nscount, arcount);
      ok = Section(nd, cp, bp, ancount, "", is_mdns, false);
    }
    if (ok && nd.o.verbose > 1) {
      ok = Section(nd, cp, bp, nscount, " ns:", is_mdns, true) &&
           Section(nd, cp, bp, arcount, " ar:", is_mdns, true);
    }
  } else {
    nd.out.U(nd.Be16(np));
    nd.out.S(kOps[opcode]);
    if (flags & 0x0100) nd.out.C('+');
    if (flags & 0x0010) nd.out.C('%');
    uint16_t b2 = nd.Be16(np + 2);
    if (b2 & 0x6cf) nd.out.F(" [b2&3=0x%x]", b2);
    if (opcode == 1) {
      if (qdcount) nd.out.F(" [%uq]", qdcount);
      if (ancount != 1) nd.out.F(" [%ua]", ancount);
    } else {
      if (ancount) nd.out.F(" [%ua]", ancount);
      if (qdcount != 1) nd.out.F(" [%uq]", qdcount);
    }
    if (nscount) nd.out.F(" [%un]", nscount);
    if (arcount) nd.out.F(" [%uau]", arcount);
    cp = np + 12;
    if (qdcount) {
      cp = QPrint(nd, cp, np, is_mdns);
      if (!cp) {
        ok = false;
      } else {
        qdcount--;
        while (cp < nd.snapend && qdcount) {
          cp = QPrint(nd, cp, np, is_mdns);
          if (!cp) {
            ok = false;
            break;
          }
          qdcount--;
        }
      }
    }
    if (ok && qdcount) ok = false;
    if (ok && nd.o.verbose > 1) {
      ok = Section(nd, cp, bp, ancount, "", is_mdns, false) &&
           Section(nd, cp, bp, nscount, " ns:", is_mdns, true) &&
           Section(nd, cp, bp, arcount, " ar:", is_mdns, true);
    }
  }
  if (!ok) {
    nd.PrintTrunc();
    return;
  }
  nd.out.F(" (%u)", length);
}

}  // namespace ringdump::print
