// Multipath TCP options (print-mptcp.c): the option's length and subtype name, then per subtype what
// tcpdump 4.99.3 prints (MP_CAPABLE version, checksum flag and keys; MP_JOIN id, token, nonce, HMAC;
// DSS data ack, sequence numbers, length, checksum; ADD_ADDR, REMOVE_ADDR, MP_PRIO, MP_FAIL,
// MP_FASTCLOSE). A length that does not fit the subtype and the TCP flags is "[bad opt]" (false).
// The caller (tcp.cpp) has checked the option's bytes are captured and narrowed snapend to them.
#include "dissect.hpp"

namespace ringdump::print {
namespace {

constexpr uint8_t kSyn = 0x02, kAck = 0x10;

struct MptcpOption {  // every subtype starts so
  NdU8 kind, len, sub_etc;
};
struct MpCapable {
  NdU8 kind, len, sub_ver, flags;
  NdU64 sender_key, receiver_key;
};
struct MpJoinSyn {
  NdU8 kind, len, sub_b, addr_id;
  NdU32 token, nonce;
};
struct MpJoinSynAck {
  NdU8 kind, len, sub_b, addr_id;
  NdU64 mac;
  NdU32 nonce;
};
struct MpJoinAck {
  NdU8 kind, len, sub_b, addr_id;
  uint8_t mac[20];
};
struct MpDss {
  NdU8 kind, len, sub, flags;
};
struct MpAddAddr4 {
  NdU8 kind, len, sub_echo, addr_id;
  NdIpv4 addr;
  NdU16 port;  // present for lengths 10 and 18
  NdU64 mac;   // at the port's place for length 16
};
struct MpAddAddr6 {
  NdU8 kind, len, sub_echo, addr_id;
  NdIpv6 addr;
  NdU16 port;
  NdU64 mac;
};
struct MpPrio {
  NdU8 kind, len, sub_b, addr_id;
};
struct MpFailOrClose {
  NdU8 kind, len, sub, resv;
  NdU64 value;  // MP_FAIL's data sequence number, MP_FASTCLOSE's key
};

constexpr uint8_t kDssF = 0x10, kDssm = 0x08, kDssM = 0x04, kDssa = 0x02, kDssA = 0x01;

const Tok kAddrSubEcho[] = {{0x6, "v0-ip6"}, {0x4, "v0-ip4"}, {0x1, "v1-echo"}, {0x0, "v1"}};

bool Capable(Nd& nd, const uint8_t* opt, uint32_t len, uint8_t flags) {
  const auto* m = Layout<MpCapable>(opt);
  if (!((len == 12 || len == 4) && (flags & kSyn)) && !((len == 20 || len == 22) && (flags & (kSyn | kAck)) == kAck))
    return false;
  uint32_t version = nd.Get(m->sub_ver) & 0xf;
  if (version > 1) {
    nd.out.F(" Unknown Version (%u)", version);
    return true;
  }
  nd.out.F(" v%u", version);
  if (nd.Get(m->flags) & 0x80) nd.out.S(" csum");
  if (len == 12 || len >= 20) {
    nd.out.F(" {0x%llx", (unsigned long long)nd.Get(m->sender_key));
    if (len >= 20) nd.out.F(",0x%llx", (unsigned long long)nd.Get(m->receiver_key));
    nd.out.C('}');
  }
  return true;
}

bool Join(Nd& nd, const uint8_t* opt, uint32_t len, uint8_t flags) {
  if (!(len == 12 && (flags & kSyn)) && !(len == 16 && (flags & (kSyn | kAck)) == (kSyn | kAck)) &&
      !(len == 24 && (flags & kAck)))
    return false;
  if (len != 24) {
    const auto* j = Layout<MpJoinSyn>(opt);
    if (nd.Get(j->sub_b) & 0x01) nd.out.S(" backup");
    nd.out.F(" id %u", nd.Get(j->addr_id));
  }
  if (len == 12) {
    const auto* j = Layout<MpJoinSyn>(opt);
    nd.out.F(" token 0x%x nonce 0x%x", nd.Get(j->token), nd.Get(j->nonce));
  } else if (len == 16) {
    const auto* j = Layout<MpJoinSynAck>(opt);
    nd.out.F(" hmac 0x%llx nonce 0x%x", (unsigned long long)nd.Get(j->mac), nd.Get(j->nonce));
  } else {
    const auto* j = Layout<MpJoinAck>(opt);
    nd.out.S(" hmac 0x");
    for (const uint8_t& b : j->mac) nd.out.X(nd.U8(&b), 2);
  }
  return true;
}

bool Dss(Nd& nd, const uint8_t* opt, uint32_t len, uint8_t flags) {
  if (len < 4 || (flags & kSyn)) return false;
  uint8_t f = nd.Get(Layout<MpDss>(opt)->flags);
  if (f & kDssF) nd.out.S(" fin");
  opt += 4;
  len -= 4;
  // A 4- or 8-byte number, as the flag says; false when the option is too short for it.
  auto number = [&](bool wide) {
    uint32_t n = wide ? 8 : 4;
    if (len < n) return false;
    if (wide) {
      nd.out.F("%llu", (unsigned long long)nd.Be64(opt));
    } else {
      nd.out.U(nd.Be32(opt));
    }
    opt += n;
    len -= n;
    return true;
  };
  if (f & kDssA) {
    nd.out.S(" ack ");
    if (!number(f & kDssa)) return false;
  }
  if (f & kDssM) {
    nd.out.S(" seq ");
    if (!number(f & kDssm)) return false;
    if (len < 4) return false;
    nd.out.F(" subseq %u", nd.Be32(opt));
    opt += 4;
    len -= 4;
    if (len < 2) return false;
    nd.out.F(" len %u", nd.Be16(opt));
    opt += 2;
    len -= 2;
    if (len >= 2) {  // the checksum, when negotiated
      nd.out.F(" csum 0x%x", nd.Be16(opt));
      len -= 2;
    }
  }
  return len == 0;
}

bool AddAddr(Nd& nd, const uint8_t* opt, uint32_t len, uint8_t) {
  if (!(len == 8 || len == 10 || len == 16 || len == 18 || len == 20 || len == 22 || len == 28 || len == 30))
    return false;
  const auto* a4 = Layout<MpAddAddr4>(opt);
  nd.out.C(' ');
  Tok2Str(nd, kAddrSubEcho, "[bad version/echo]", nd.Get(a4->sub_echo) & 0xf);
  nd.out.F(" id %u", nd.Get(a4->addr_id));
  if (len <= 18) {
    nd.CheckField(a4->addr);
    nd.out.C(' ');
    PrintIpAddr(nd, Bytes(a4->addr));
    if (len == 10 || len == 18) nd.out.F(":%u", nd.Get(a4->port));
    if (len == 16) nd.out.F(" hmac 0x%llx", (unsigned long long)nd.Be64(Bytes(a4->port)));
    if (len == 18) nd.out.F(" hmac 0x%llx", (unsigned long long)nd.Get(a4->mac));
  } else {
    const auto* a6 = Layout<MpAddAddr6>(opt);
    nd.CheckField(a6->addr);
    nd.out.C(' ');
    PrintIp6Addr(nd, Bytes(a6->addr));
    if (len == 22 || len == 30) nd.out.F(":%u", nd.Get(a6->port));
    if (len == 28) nd.out.F(" hmac 0x%llx", (unsigned long long)nd.Be64(Bytes(a6->port)));
    if (len == 30) nd.out.F(" hmac 0x%llx", (unsigned long long)nd.Get(a6->mac));
  }
  return true;
}

bool RemoveAddr(Nd& nd, const uint8_t* opt, uint32_t len, uint8_t) {
  if (len < 4) return false;
  nd.out.S(" id");
  for (uint32_t i = 3; i < len; i++) nd.out.F(" %u", nd.U8(opt + i));
  return true;
}

bool Prio(Nd& nd, const uint8_t* opt, uint32_t len, uint8_t) {
  if (len != 3 && len != 4) return false;
  const auto* m = Layout<MpPrio>(opt);
  nd.out.S((nd.Get(m->sub_b) & 0x01) ? " backup" : " non-backup");
  if (len == 4) nd.out.F(" id %u", nd.Get(m->addr_id));
  return true;
}

bool Fail(Nd& nd, const uint8_t* opt, uint32_t len, uint8_t) {
  if (len != 12) return false;
  nd.out.F(" seq %llu", (unsigned long long)nd.Get(Layout<MpFailOrClose>(opt)->value));
  return true;
}

bool FastClose(Nd& nd, const uint8_t* opt, uint32_t len, uint8_t) {
  if (len != 12) return false;
  nd.out.F(" key 0x%llx", (unsigned long long)nd.Get(Layout<MpFailOrClose>(opt)->value));
  return true;
}

bool Unknown(Nd&, const uint8_t*, uint32_t, uint8_t) { return true; }

// print-mptcp.c's mptcp_options[], by subtype; subtypes past MP_FASTCLOSE are "unknown".
constexpr struct {
  const char* name;
  bool (*print)(Nd&, const uint8_t*, uint32_t, uint8_t);
} kSubtypes[] = {{"capable", Capable}, {"join", Join},   {"dss", Dss},         {"add-addr", AddAddr},
                 {"rem-addr", RemoveAddr}, {"prio", Prio}, {"fail", Fail}, {"fast-close", FastClose},
                 {"unknown", Unknown}};

}  // namespace

bool MptcpPrint(Nd& nd, const uint8_t* cp, uint32_t len, uint8_t tcp_flags) {
  nd.protocol = "mptcp";
  if (len < 3) return false;
  uint32_t subtype = nd.Get(Layout<MptcpOption>(cp)->sub_etc) >> 4;
  if (subtype > 8) subtype = 8;
  nd.out.F(" %u %s", len, kSubtypes[subtype].name);
  return kSubtypes[subtype].print(nd, cp, len, tcp_flags);
}

}  // namespace ringdump::print
