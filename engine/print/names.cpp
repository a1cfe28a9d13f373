// Address and port text for the printers: numeric formatting on the hot path (-n), and without -n the
// cached reverse lookups (synchronous, or answered later by the ReverseResolver) and services-database
// names tcpdump prints. Also tcpdump's IPv6 text form
// (addrtostr6: longest zero run compressed, embedded IPv4 for ::a.b.c.d and ::ffff:a.b.c.d).
#include "names.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>
#include <utility>

#include "dissect.hpp"

namespace ringdump::print {

Names::Names(NameOptions options) : numeric_(options.numeric), no_domain_(options.no_domain) {
  if (numeric_) return;
  HostLookup lookup = options.lookup ? std::move(options.lookup) : HostLookup(SystemHostLookup);
  if (options.background) {
    resolver_ = std::make_unique<ReverseResolver>(std::move(lookup), options.max_pending);
  } else {
    lookup_ = std::move(lookup);
  }
}

void Names::LoadServices() {
  services_loaded_ = true;
  setservent(0);
  while (struct servent* sv = getservent()) {
    uint16_t port = ntohs(uint16_t(sv->s_port));
    if (strcmp(sv->s_proto, "tcp") == 0) {
      tcp_ports_.try_emplace(port, sv->s_name);
    } else if (strcmp(sv->s_proto, "udp") == 0) {
      udp_ports_.try_emplace(port, sv->s_name);
    }
  }
  endservent();
}

const std::string* Names::TcpPort(uint16_t port) {
  if (numeric_) return nullptr;
  if (!services_loaded_) LoadServices();
  auto it = tcp_ports_.find(port);
  return it == tcp_ports_.end() ? nullptr : &it->second;
}

const std::string* Names::UdpPort(uint16_t port) {
  if (numeric_) return nullptr;
  if (!services_loaded_) LoadServices();
  auto it = udp_ports_.find(port);
  return it == udp_ports_.end() ? nullptr : &it->second;
}

std::string Names::Shorten(std::string name) const {
  if (no_domain_ && name.find('.') != std::string::npos) name.resize(name.find('.'));
  return name;
}

// Background mode: the names the resolver has found since the last call go into the cache. A failed
// lookup leaves the empty entry, so the address stays numeric and is not looked up again (as tcpdump).
void Names::TakeResolved() {
  resolver_->Drain(resolved_);
  for (ReverseResolver::Result& r : resolved_) hosts_[r.address] = Shorten(std::move(r.name));
}

const std::string* Names::Host(const uint8_t* a, int family) {
  if (numeric_) return nullptr;
  if (resolver_) TakeResolved();
  HostAddress key = HostAddress::Of(a, family);
  auto it = hosts_.find(key);
  if (it == hosts_.end()) {
    if (resolver_) {
      // In flight from now on: an empty entry until TakeResolved fills it. A full queue adds no entry,
      // so a later packet of the address submits it again.
      if (resolver_->Submit(key)) hosts_.emplace(key, std::string());
      return nullptr;
    }
    std::optional<std::string> name = lookup_(a, family);
    it = hosts_.emplace(key, name ? Shorten(std::move(*name)) : std::string()).first;
  }
  return it->second.empty() ? nullptr : &it->second;
}

const std::string* Names::Ip4(const uint8_t* a) { return Host(a, AF_INET); }
const std::string* Names::Ip6(const uint8_t* a) { return Host(a, AF_INET6); }

void PrintIpAddr(Nd& nd, const uint8_t* a) {
  nd.Check(a, 4);
  if (const std::string* n = nd.names.Ip4(a)) {
    nd.out.S(*n);
    return;
  }
  for (int i = 0; i < 4; i++) {
    if (i) nd.out.C('.');
    nd.out.U(a[i]);
  }
}

void PrintIpText(Nd& nd, const uint8_t* a) {
  if (const std::string* n = nd.names.Ip4(a)) {
    nd.out.S(*n);
    return;
  }
  for (int i = 0; i < 4; i++) {
    if (i) nd.out.C('.');
    nd.out.U(a[i]);
  }
}

void FormatIp6(const uint8_t* a, char* buf) {
  uint16_t w[8];
  for (int i = 0; i < 8; i++) w[i] = uint16_t(a[2 * i] << 8 | a[2 * i + 1]);
  int best_base = -1, best_len = 0, cur_base = -1, cur_len = 0;
  for (int i = 0; i < 8; i++) {
    if (w[i] == 0) {
      if (cur_base == -1) {
        cur_base = i;
        cur_len = 1;
      } else {
        cur_len++;
      }
    } else if (cur_base != -1) {
      if (best_base == -1 || cur_len > best_len) {
        best_base = cur_base;
        best_len = cur_len;
      }
      cur_base = -1;
    }
  }
  if (cur_base != -1 && (best_base == -1 || cur_len > best_len)) {
    best_base = cur_base;
    best_len = cur_len;
  }
  if (best_base != -1 && best_len < 2) best_base = -1;
  char* dp = buf;
  for (int i = 0; i < 8; i++) {
    if (best_base != -1 && i >= best_base && i < best_base + best_len) {
      if (i == best_base) *dp++ = ':';
      continue;
    }
    if (i != 0) *dp++ = ':';
    if (i == 6 && best_base == 0 && (best_len == 6 || (best_len == 5 && w[5] == 0xffff))) {
      dp += sprintf(dp, "%u.%u.%u.%u", a[12], a[13], a[14], a[15]);
      *dp = 0;
      return;
    }
    dp += sprintf(dp, "%x", w[i]);
  }
  if (best_base != -1 && best_base + best_len == 8) *dp++ = ':';
  *dp = 0;
}

void PrintIp6Addr(Nd& nd, const uint8_t* a) {
  nd.Check(a, 16);
  PrintIp6Text(nd, a);
}

void PrintIp6Text(Nd& nd, const uint8_t* a) {
  if (const std::string* n = nd.names.Ip6(a)) {
    nd.out.S(*n);
    return;
  }
  char buf[64];
  FormatIp6(a, buf);
  nd.out.S(buf);
}

namespace {
struct Oui {
  uint32_t oui;
  const char* name;
};
// tcpdump's oui_values (oui.c), first match wins (0x0080c2 is "Ethernet bridged").
const Oui kOuis[] = {
    {0x000000, "Ethernet"},
    {0x00000c, "Cisco"},
    {0x00005e, "IANA"},
    {0x000081, "Nortel Networks SONMP"},
    {0x0000f8, "Cisco bridged"},
    {0x0080c2, "Ethernet bridged"},
    {0x00a03e, "ATM Forum"},
    {0x00e02f, "DOCSIS Spanning Tree"},
    {0x080007, "Appletalk"},
    {0x009069, "Juniper"},
    {0x080009, "Hewlett-Packard"},
    {0x00120f, "IEEE 802.3 Private"},
    {0x0012bb, "ANSI/TIA"},
    {0x001b21, "DCBX"},
    {0x002320, "Nicira Networks"},
    {0x5c16c7, "Big Switch Networks"},
    {0xb0d2f5, "Vello Systems"},
    {0x002481, "HP"},
    {0x0004ea, "HP-Labs"},
    {0x748771, "Infoblox Inc"},
    {0xa42305, "Open Networking Lab"},
    {0x00049f, "Freescale"},
    {0x0015ad, "Netronome"},
};
}  // namespace

void PrintEtherAddr(Nd& nd, const uint8_t* a) {
  nd.Check(a, 6);
  // etheraddr_string: tcpdump's name table holds the broadcast address from the start.
  if (!nd.names.numeric() && a[0] == 0xff && a[1] == 0xff && a[2] == 0xff && a[3] == 0xff && a[4] == 0xff &&
      a[5] == 0xff) {
    nd.out.S("Broadcast");
    return;
  }
  static const char kHex[] = "0123456789abcdef";
  char b[18];
  for (int i = 0; i < 6; i++) {
    b[i * 3] = kHex[a[i] >> 4];
    b[i * 3 + 1] = kHex[a[i] & 15];
    b[i * 3 + 2] = ':';
  }
  nd.out.S(std::string_view(b, 17));
  if (!nd.names.numeric()) {
    uint32_t oui = uint32_t(a[0]) << 16 | uint32_t(a[1]) << 8 | a[2];
    const char* name = "Unknown";
    for (const Oui& o : kOuis) {
      if (o.oui == oui) {
        name = o.name;
        break;
      }
    }
    nd.out.S(" (oui ");
    nd.out.S(name);
    nd.out.C(')');
  }
}

void PrintTcpPort(Nd& nd, uint16_t port) {
  if (const std::string* n = nd.names.TcpPort(port)) {
    nd.out.S(*n);
  } else {
    nd.out.U(port);
  }
}

void PrintUdpPort(Nd& nd, uint16_t port) {
  if (const std::string* n = nd.names.UdpPort(port)) {
    nd.out.S(*n);
  } else {
    nd.out.U(port);
  }
}

}  // namespace ringdump::print
