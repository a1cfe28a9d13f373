// Name resolution for the printer, as tcpdump does it without -n: host names by reverse lookup, ports
// from the services database, both cached for the life of the Printer so each is looked up once.
// With -n everything is numeric and nothing is cached. Host lookups are synchronous (reading a file, as
// tcpdump) or, with `background`, done by a ReverseResolver thread (live capture): an address is printed
// numerically until its lookup has finished. The caches are used by the printer's thread only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "reverse_resolver.hpp"

namespace ringdump::print {

struct NameOptions {
  bool numeric = false;     // -n: resolve nothing (no resolver thread, no caches)
  bool no_domain = false;   // -N: host names without their domain part
  bool background = false;  // reverse lookups on a resolver thread; never wait for DNS (live capture)
  HostLookup lookup;        // the reverse lookup; empty: SystemHostLookup (getnameinfo)
  size_t max_pending =
      kDefaultMaxPendingLookups;  // background: addresses in flight before printing numerically
};

class Names {
 public:
  explicit Names(NameOptions options);
  bool numeric() const { return numeric_; }

  // Resolved text or nullptr (print numerically). The pointer is valid until the next call.
  const std::string* Ip4(const uint8_t* a);
  const std::string* Ip6(const uint8_t* a);
  const std::string* TcpPort(uint16_t port);
  const std::string* UdpPort(uint16_t port);

 private:
  const std::string* Host(const uint8_t* a, int family);
  std::string Shorten(std::string name) const;
  void TakeResolved();
  void LoadServices();
  bool numeric_;
  bool no_domain_;
  bool services_loaded_ = false;
  HostLookup lookup_;                              // synchronous mode
  std::unique_ptr<ReverseResolver> resolver_;      // background mode
  std::vector<ReverseResolver::Result> resolved_;  // Drain's buffer, reused
  std::unordered_map<uint16_t, std::string> tcp_ports_;
  std::unordered_map<uint16_t, std::string> udp_ports_;
  // Empty name: print numerically (no name, or a background lookup still in flight).
  std::unordered_map<HostAddress, std::string, HostAddressHash> hosts_;
};

}  // namespace ringdump::print
