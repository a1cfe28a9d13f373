// Address and port text for the printers: numeric formatting on the hot path (-n), and without -n the
// cached reverse lookups and services-database names tcpdump prints. Also tcpdump's IPv6 text form
// (addrtostr6: longest zero run compressed, embedded IPv4 for ::a.b.c.d and ::ffff:a.b.c.d).
#include "names.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>

#include "dissect.hpp"

namespace ringdump::print {

Names::Names(bool numeric) : numeric_(numeric) {}

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

const std::string* Names::Ip4(const uint8_t* a) {
  if (numeric_) return nullptr;
  uint32_t key;
  memcpy(&key, a, 4);
  auto it = ip4_.find(key);
  if (it == ip4_.end()) {
    struct sockaddr_in sin {};
    sin.sin_family = AF_INET;
    memcpy(&sin.sin_addr, a, 4);
    char host[NI_MAXHOST];
    std::string name;
    if (getnameinfo(reinterpret_cast<sockaddr*>(&sin), sizeof sin, host, sizeof host, nullptr, 0,
                    NI_NAMEREQD) == 0) {
      name = host;
    }
    it = ip4_.emplace(key, std::move(name)).first;
  }
  return it->second.empty() ? nullptr : &it->second;
}

const std::string* Names::Ip6(const uint8_t* a) {
  if (numeric_) return nullptr;
  std::string key(reinterpret_cast<const char*>(a), 16);
  auto it = ip6_.find(key);
  if (it == ip6_.end()) {
    struct sockaddr_in6 sin6 {};
    sin6.sin6_family = AF_INET6;
    memcpy(&sin6.sin6_addr, a, 16);
    char host[NI_MAXHOST];
    std::string name;
    if (getnameinfo(reinterpret_cast<sockaddr*>(&sin6), sizeof sin6, host, sizeof host, nullptr, 0,
                    NI_NAMEREQD) == 0) {
      name = host;
    }
    it = ip6_.emplace(std::move(key), std::move(name)).first;
  }
  return it->second.empty() ? nullptr : &it->second;
}

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
// The first entries of tcpdump's oui table (oui.c); the rest print as Unknown.
const Oui kOuis[] = {
    {0x000000, "Ethernet"}, {0x00000c, "Cisco"},       {0x0000f8, "Cisco 802.1h"}, {0x000142, "Cisco"},
    {0x000143, "Cisco"},    {0x000d0b, "Juniper"},     {0x000e35, "Intel"},        {0x0019a7, "ITU-T"},
    {0x00e02b, "Extreme"},  {0x0080c2, "IEEE 802.1 Private"},                      {0x00906a, "Juniper"},
    {0x00a0c5, "Zyxel"},    {0x0022b8, "Arista"},      {0x001018, "Broadcom"},     {0x00127a, "Huawei"},
    {0x001e83, "Nokia"},    {0x000cc1, "Intel"},
};
}  // namespace

void PrintEtherAddr(Nd& nd, const uint8_t* a) {
  nd.Check(a, 6);
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
      if (o.oui == oui) name = o.name;
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
