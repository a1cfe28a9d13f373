// SNMP (print-snmp.c without libsmi, as Debian builds tcpdump 4.99.3): v1 and v2c messages (the community
// when it is not "public", the PDU: request id with -v, error status and index, GetBulk's N and M, the
// variable bindings with their values; v1 Trap's enterprise, agent, generic and specific trap and time)
// and v3 messages (flags, the USM user, boots and time with -v, the scoped PDU's engine and context),
// with tcpdump's bracketed complaints for anything that does not parse. The BER layer is snmp_asn1.cpp.
#include "snmp.hpp"

namespace ringdump::print {
namespace {

using namespace snmp;

const char* const kErrorStatus[] = {"noError",
                                    "tooBig",
                                    "noSuchName",
                                    "badValue",
                                    "readOnly",
                                    "genErr",
                                    "noAccess",
                                    "wrongType",
                                    "wrongLength",
                                    "wrongEncoding",
                                    "wrongValue",
                                    "noCreation",
                                    "inconsistentValue",
                                    "resourceUnavailable",
                                    "commitFailed",
                                    "undoFailed",
                                    "authorizationError",
                                    "notWritable",
                                    "inconsistentName"};
const char* const kGenericTrap[] = {
    "coldStart",       "warmStart",         "linkDown", "linkUp", "authenticationFailure",
    "egpNeighborLoss", "enterpriseSpecific"};
const char* const kVersion[] = {"SNMPv1", "SNMPv2c", "SNMPv2u", "SNMPv3"};

void ErrorStatus(Nd& nd, int32_t e) {
  if (e >= 0 && size_t(e) < std::size(kErrorStatus)) {
    nd.out.S(kErrorStatus[e]);
  } else {
    nd.out.F("err=%u", uint32_t(e));
  }
}

bool IsRead(uint16_t pdu) { return pdu == kGetReq || pdu == kGetNextReq || pdu == kGetBulkReq; }

// Parses the next element and checks its type; on a mismatch prints "[what]" and the element.
bool Expect(Nd& nd, const uint8_t*& np, uint32_t& length, Be& e, uint8_t type, const char* what,
            bool advance = true) {
  int count = Parse(nd, np, length, e);
  if (count < 0) return false;
  if (e.type != type) {
    nd.out.S(what);
    Print(nd, e);
    return false;
  }
  if (advance) {
    length -= uint32_t(count);
    np += count;
  }
  return true;
}

void VarbindPrint(Nd& nd, uint16_t pduid, const uint8_t* np, uint32_t length) {
  Be e;
  int count = Parse(nd, np, length, e);
  if (count < 0) return;
  if (e.type != kBeSeq) {
    nd.out.S("[!SEQ of varbind]");
    Print(nd, e);
    return;
  }
  if (uint32_t(count) < length) nd.out.F("[%d extra after SEQ of varbind]", length - count);
  length = e.asnlen;
  np = e.raw;
  while (length) {
    nd.out.C(' ');
    if ((count = Parse(nd, np, length, e)) < 0) return;
    if (e.type != kBeSeq) {
      nd.out.S("[!varbind]");
      Print(nd, e);
      return;
    }
    const uint8_t* vbend = np + count;
    uint32_t vblength = length - uint32_t(count);
    length = e.asnlen;
    np = e.raw;
    if (!Expect(nd, np, length, e, kBeOid, "[objName!=OID]")) return;
    if (Print(nd, e) < 0) return;
    if (!IsRead(pduid)) nd.out.C('=');
    if ((count = Parse(nd, np, length, e)) < 0) return;
    if (IsRead(pduid)) {
      if (e.type != kBeNull) {
        nd.out.S("[objVal!=NULL]");
        if (Print(nd, e) < 0) return;
      }
    } else if (e.type != kBeNull && Print(nd, e) < 0) {
      return;
    }
    length = vblength;
    np = vbend;
  }
}

void SnmpPduPrint(Nd& nd, uint16_t pduid, const uint8_t* np, uint32_t length) {
  Be e;
  if (!Expect(nd, np, length, e, kBeInt, "[reqId!=INT]")) return;
  if (nd.o.verbose) nd.out.F("R=%d ", e.integer);
  if (!Expect(nd, np, length, e, kBeInt, "[errorStatus!=INT]")) return;
  // Requests and notifications carry no error; a response names it.
  bool no_error_pdu = pduid == kGetReq || pduid == kGetNextReq || pduid == kSetReq || pduid == kInformReq ||
                      pduid == kV2Trap || pduid == kReport;
  int32_t error_status = 0;
  if (no_error_pdu && e.integer != 0) {
    nd.out.S("[errorStatus(");
    ErrorStatus(nd, e.integer);
    nd.out.S(")!=0]");
  } else if (pduid == kGetBulkReq) {
    nd.out.F(" N=%d", e.integer);
  } else if (e.integer != 0) {
    nd.out.C(' ');
    ErrorStatus(nd, e.integer);
    error_status = e.integer;
  }
  if (!Expect(nd, np, length, e, kBeInt, "[errorIndex!=INT]")) return;
  if (no_error_pdu && e.integer != 0) {
    nd.out.F("[errorIndex(%d)!=0]", e.integer);
  } else if (pduid == kGetBulkReq) {
    nd.out.F(" M=%d", e.integer);
  } else if (e.integer != 0) {
    if (!error_status) {
      nd.out.F("[errorIndex(%d) w/o errorStatus]", e.integer);
    } else {
      nd.out.F("@%d", e.integer);
    }
  } else if (error_status) {
    nd.out.S("[errorIndex==0]");
  }
  VarbindPrint(nd, pduid, np, length);
}

void TrapPduPrint(Nd& nd, const uint8_t* np, uint32_t length) {
  Be e;
  nd.out.C(' ');
  if (!Expect(nd, np, length, e, kBeOid, "[enterprise!=OID]")) return;
  if (Print(nd, e) < 0) return;
  nd.out.C(' ');
  if (!Expect(nd, np, length, e, kBeInetAddr, "[agent-addr!=INETADDR]")) return;
  if (Print(nd, e) < 0) return;
  if (!Expect(nd, np, length, e, kBeInt, "[generic-trap!=INT]")) return;
  int32_t generic = e.integer;
  if (generic >= 0 && size_t(generic) < std::size(kGenericTrap)) {
    nd.out.F(" %s", kGenericTrap[generic]);
  } else {
    nd.out.F(" gt=%d", generic);
  }
  if (!Expect(nd, np, length, e, kBeInt, "[specific-trap!=INT]")) return;
  if (generic != 6) {
    if (e.integer != 0) nd.out.F("[specific-trap(%d)!=0]", e.integer);
  } else {
    nd.out.F(" s=%d", e.integer);
  }
  nd.out.C(' ');
  if (!Expect(nd, np, length, e, kBeUns, "[time-stamp!=TIMETICKS]")) return;
  if (Print(nd, e) < 0) return;
  VarbindPrint(nd, kTrap, np, length);
}

void PduPrint(Nd& nd, const uint8_t* np, uint32_t length, int version) {
  Be pdu;
  int count = Parse(nd, np, length, pdu);
  if (count < 0) return;
  if (pdu.type != kBePdu) {
    nd.out.S("[no PDU]");
    return;
  }
  if (uint32_t(count) < length) nd.out.F("[%d extra after PDU]", length - count);
  if (nd.o.verbose) nd.out.S("{ ");
  if (Print(nd, pdu) < 0) return;
  nd.out.C(' ');
  length = pdu.asnlen;
  np = pdu.raw;
  if (version == 0 &&
      (pdu.id == kGetBulkReq || pdu.id == kInformReq || pdu.id == kV2Trap || pdu.id == kReport)) {
    nd.out.S("[v2 PDU in v1 message]");
    return;
  }
  if (version == 1 && pdu.id == kTrap) {
    nd.out.S("[v1 PDU in v2 message]");
    return;
  }
  if (pdu.id == kTrap) {
    TrapPduPrint(nd, np, length);
  } else {
    SnmpPduPrint(nd, pdu.id, np, length);
  }
  if (nd.o.verbose) nd.out.S(" } ");
}

void ScopedPduPrint(Nd& nd, const uint8_t* np, uint32_t length, int version) {
  Be e;
  if (!Expect(nd, np, length, e, kBeSeq, "[!scoped PDU]", false)) return;
  length = e.asnlen;
  np = e.raw;
  if (!Expect(nd, np, length, e, kBeStr, "[contextEngineID!=STR]")) return;
  nd.out.S("E=");
  if (PrintOctets(nd, e) == -1) return;
  nd.out.C(' ');
  if (!Expect(nd, np, length, e, kBeStr, "[contextName!=STR]")) return;
  nd.out.S("C=");
  if (PrintString(nd, e) == -1) return;
  nd.out.C(' ');
  PduPrint(nd, np, length, version);
}

void CommunityPrint(Nd& nd, const uint8_t* np, uint32_t length, int version) {
  Be e;
  if (!Expect(nd, np, length, e, kBeStr, "[comm!=STR]")) return;
  // The default community is not printed.
  static const uint8_t kPublic[] = {'p', 'u', 'b', 'l', 'i', 'c'};
  bool is_public = e.asnlen == 6;
  for (uint32_t i = 0; is_public && i < 6; i++) is_public = nd.U8(e.raw + i) == kPublic[i];
  if (!is_public) {
    nd.out.S("C=");
    if (PrintString(nd, e) == -1) return;
    nd.out.C(' ');
  }
  PduPrint(nd, np, length, version);
}

void UsmPrint(Nd& nd, const uint8_t* np, uint32_t length) {
  Be e;
  if (!Expect(nd, np, length, e, kBeSeq, "[!usm]", false)) return;
  length = e.asnlen;
  np = e.raw;
  if (!Expect(nd, np, length, e, kBeStr, "[msgAuthoritativeEngineID!=STR]")) return;
  if (!Expect(nd, np, length, e, kBeInt, "[msgAuthoritativeEngineBoots!=INT]")) return;
  if (nd.o.verbose) nd.out.F("B=%d ", e.integer);
  if (!Expect(nd, np, length, e, kBeInt, "[msgAuthoritativeEngineTime!=INT]")) return;
  if (nd.o.verbose) nd.out.F("T=%d ", e.integer);
  if (!Expect(nd, np, length, e, kBeStr, "[msgUserName!=STR]")) return;
  nd.out.S("U=");
  if (PrintString(nd, e) == -1) return;
  nd.out.C(' ');
  if (!Expect(nd, np, length, e, kBeStr, "[msgAuthenticationParameters!=STR]")) return;
  int count = Parse(nd, np, length, e);
  if (count < 0) return;
  if (e.type != kBeStr) {
    nd.out.S("[msgPrivacyParameters!=STR]");
    Print(nd, e);
    return;
  }
  length -= uint32_t(count);
  if (uint32_t(count) < length) nd.out.F("[%d extra after usm SEQ]", length - count);
}

void V3MsgPrint(Nd& nd, const uint8_t* np, uint32_t length) {
  const uint8_t* xnp = np;
  uint32_t xlength = length;
  Be e;
  if (!Expect(nd, np, length, e, kBeSeq, "[!message]", false)) return;
  length = e.asnlen;
  np = e.raw;
  if (nd.o.verbose) nd.out.S("{ ");
  if (!Expect(nd, np, length, e, kBeInt, "[msgID!=INT]")) return;
  if (!Expect(nd, np, length, e, kBeInt, "[msgMaxSize!=INT]")) return;
  int count = Parse(nd, np, length, e);
  if (count < 0) return;
  if (e.type != kBeStr) {
    nd.out.S("[msgFlags!=STR]");
    Print(nd, e);
    return;
  }
  if (e.asnlen != 1) {
    nd.out.F("[msgFlags size %d]", e.asnlen);
    return;
  }
  uint8_t flags = nd.U8(e.raw);
  if (flags != 0x00 && flags != 0x01 && flags != 0x03 && flags != 0x04 && flags != 0x05 && flags != 0x07) {
    nd.out.F("[msgFlags=0x%02X]", flags);
    return;
  }
  length -= uint32_t(count);
  np += count;
  nd.out.F("F=%s%s%s ", flags & 1 ? "a" : "", flags & 2 ? "p" : "", flags & 4 ? "r" : "");
  if ((count = Parse(nd, np, length, e)) < 0) return;
  if (e.type != kBeInt) {
    nd.out.S("[msgSecurityModel!=INT]");
    Print(nd, e);
    return;
  }
  int32_t model = e.integer;
  length -= uint32_t(count);
  np += count;
  if (uint32_t(count) < length) nd.out.F("[%d extra after message SEQ]", length - count);
  if (nd.o.verbose) nd.out.S("} ");
  if (model != 3) {
    nd.out.F("[security model %d]", model);
    return;
  }
  if (nd.o.verbose) nd.out.S("{ USM ");
  length = xlength - uint32_t(np - xnp);
  if (!Expect(nd, np, length, e, kBeStr, "[msgSecurityParameters!=STR]")) return;
  UsmPrint(nd, e.raw, e.asnlen);
  if (nd.o.verbose) nd.out.S("} ");
  if (nd.o.verbose) nd.out.S("{ ScopedPDU ");
  ScopedPduPrint(nd, np, length, 3);
  if (nd.o.verbose) nd.out.S("} ");
}

}  // namespace

void SnmpPrint(Nd& nd, const uint8_t* np, uint32_t length) {
  nd.protocol = "snmp";
  nd.out.C(' ');
  Be e;
  int count = Parse(nd, np, length, e);
  if (count < 0) return;
  if (e.type != kBeSeq) {
    nd.out.S("[!init SEQ]");
    Print(nd, e);
    return;
  }
  if (uint32_t(count) < length) nd.out.F("[%d extra after iSEQ]", length - count);
  length = e.asnlen;
  np = e.raw;
  if (!Expect(nd, np, length, e, kBeInt, "[version!=INT]")) return;
  int32_t version = e.integer;
  if (version != 0 && version != 1 && version != 3) {
    nd.out.F("SNMP [version = %d]", version);
    return;
  }
  if (nd.o.verbose) nd.out.F("{ %s ", kVersion[version]);
  if (version == 3) {
    V3MsgPrint(nd, np, length);
  } else {
    CommunityPrint(nd, np, length, version);
  }
  if (nd.o.verbose) nd.out.S("} ");
}

}  // namespace ringdump::print
