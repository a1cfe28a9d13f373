// One AF_PACKET socket of a capture queue: the ring, the filter, the bind, the fanout group, the counters.
//
// The order of setup matters and is the caller's recipe (capture.cpp): the socket is created with protocol 0,
// so it receives nothing; the ring is set up; a drop-all filter is attached; then it is bound to the device
// with ETH_P_ALL and joined to the fanout group; only when every queue is in the group is the real filter
// swapped in. So no packet is queued unfiltered, and no packet is seen twice by a socket not yet in the group.
#pragma once

#include <linux/filter.h>

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "ringdump/config.hpp"
#include "ringdump/result.hpp"
#include "rx_ring.hpp"
#include "sys/unique_fd.hpp"

namespace ringdump {

// PACKET_STATISTICS of TPACKET_V3; the kernel resets them on every read.
struct KernelCounters {
  uint64_t packets = 0;  // passed the filter (including those dropped)
  uint64_t drops = 0;    // dropped: no room in the ring
  uint64_t freezes = 0;  // queue freezes (tp_freeze_q_cnt)
};

// Sockets a fanout group holds when its size is not given (the kernel's historical PACKET_FANOUT_MAX).
inline constexpr uint32_t kLegacyFanoutMembers = 256;

class PacketSocket {
 public:
  // cooked: SOCK_DGRAM (frames without link header: "any", devices libpcap captures cooked).
  static Result<PacketSocket> Create(bool cooked);

  int fd() const { return fd_.get(); }
  RxRing& ring() { return *ring_; }

  Status SetupRing(const RingConfig& config, uint32_t reserve);
  Status AttachFilter(std::span<const sock_filter> program);
  Status AttachDropAll();
  Status DetachFilter();
  Status Bind(int ifindex);
  // Joins fanout group `group_id`; with `new_group`, asks the kernel for an unused id (never joining another
  // program's group by accident) and returns it.
  // `members`: how many sockets the group will hold (all of the capture's queues).
  Result<uint16_t> JoinFanout(uint16_t group_id, FanoutMode mode, bool new_group, uint32_t members);
  // The same with a classic BPF program choosing the socket (PACKET_FANOUT_CBPF, with the defrag flag); the
  // program is given to the group by the socket that creates it.
  Result<uint16_t> JoinFanoutProgram(uint16_t group_id, const std::vector<sock_filter>& program, bool new_group,
                                     uint32_t members);
  // A PACKET_FANOUT_CBPF group without a program yet (the queues of CaptureConfig::grow_queues): until a
  // member sets one with SetFanoutProgram(), every packet goes to the group's first member.
  Result<uint16_t> JoinSteeredFanout(uint16_t group_id, bool new_group, uint32_t members);
  Status SetFanoutProgram(std::span<const sock_filter> program);
  Status EnablePromiscuous(int ifindex);
  Status IgnoreOutgoing();
  // Reads (and so resets) the kernel counters. Thread-safe.
  Result<KernelCounters> ReadStatistics() const;

 private:
  explicit PacketSocket(sys::UniqueFd fd) : fd_(std::move(fd)) {}
  sys::UniqueFd fd_;
  std::optional<RxRing> ring_;
};

}  // namespace ringdump
