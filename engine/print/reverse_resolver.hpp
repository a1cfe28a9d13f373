// Reverse DNS off the printer's thread, for live capture: a slow or dead DNS server must never stall the
// packets being printed. The printer submits an address it has no name for and prints it numerically;
// one resolver thread looks it up; the printer picks the answer up on a later lookup (Drain) and prints the
// name from then on. Reading a file (-r) does not use this: tcpdump resolves synchronously there, and so
// does Names without a resolver.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace ringdump::print {

// An IPv4 (family AF_INET, 4 bytes used) or IPv6 (AF_INET6, 16 bytes) address, as a hash key.
struct HostAddress {
  int family = 0;
  std::array<uint8_t, 16> bytes{};

  static HostAddress Of(const uint8_t* addr, int family);
  const uint8_t* data() const { return bytes.data(); }
  bool operator==(const HostAddress&) const = default;
};

struct HostAddressHash {
  size_t operator()(const HostAddress& a) const;
};

// The reverse lookup: the host name of addr (4 bytes for AF_INET, 16 for AF_INET6), or nothing if it has
// none. The seam tests use for a fake resolver. With a ReverseResolver it runs on the resolver's thread and
// may outlive the resolver by one call (see ~ReverseResolver), so what it captures must be owned by it.
using HostLookup = std::function<std::optional<std::string>(const uint8_t* addr, int family)>;

// The system's reverse lookup, as tcpdump does it: getnameinfo(NI_NAMEREQD).
std::optional<std::string> SystemHostLookup(const uint8_t* addr, int family);

inline constexpr size_t kDefaultMaxPendingLookups = 4096;

class ReverseResolver {
 public:
  // One finished lookup. An empty name: the address has none (print it numerically).
  struct Result {
    HostAddress address;
    std::string name;
  };

  // Starts the resolver thread. If the thread cannot be started, every Submit is refused (the caller
  // prints numerically), so a live capture still never waits on DNS.
  explicit ReverseResolver(HostLookup lookup, size_t max_pending = kDefaultMaxPendingLookups);
  // Stops the thread without waiting for a lookup in progress: an idle thread is joined; a thread inside a
  // lookup (a getnameinfo waiting on a dead server) is detached and exits when that call returns, its
  // state kept alive by its own shared_ptr. It calls the lookup no more after that.
  ~ReverseResolver();
  ReverseResolver(const ReverseResolver&) = delete;
  ReverseResolver& operator=(const ReverseResolver&) = delete;

  // Queues an address. False if max_pending addresses are already in flight (queued, being looked up, or
  // finished but not yet drained): print numerically and submit again later. Never blocks on a lookup.
  // The caller dedupes: an address submitted twice is looked up twice.
  bool Submit(const HostAddress& address);

  // Replaces out's contents with the lookups finished since the last Drain (out's old storage is kept for
  // the next batch, so draining does not allocate once both have grown). Only one atomic load when nothing
  // has finished, so it can be called per packet.
  void Drain(std::vector<Result>& out);

 private:
  struct State;
  static void Run(std::shared_ptr<State> state);
  std::shared_ptr<State> state_;
  std::thread thread_;
};

}  // namespace ringdump::print
