// Name resolution for the printer, as tcpdump does it without -n: host names by reverse lookup, ports
// from the services database, both cached for the life of the Printer so each is looked up once.
// With -n everything is numeric and nothing is cached.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

namespace ringdump::print {

class Names {
 public:
  // no_domain (-N) prints host names without their domain part.
  explicit Names(bool numeric, bool no_domain = false);
  bool numeric() const { return numeric_; }

  // Resolved text or nullptr (print numerically).
  const std::string* Ip4(const uint8_t* a);
  const std::string* Ip6(const uint8_t* a);
  const std::string* TcpPort(uint16_t port);
  const std::string* UdpPort(uint16_t port);

 private:
  void LoadServices();
  bool numeric_;
  bool no_domain_;
  bool services_loaded_ = false;
  std::unordered_map<uint16_t, std::string> tcp_ports_;
  std::unordered_map<uint16_t, std::string> udp_ports_;
  std::unordered_map<uint32_t, std::string> ip4_;
  std::unordered_map<std::string, std::string> ip6_;
};

}  // namespace ringdump::print
