// PacketSocket: every AF_PACKET socket option ringdump uses, each in one small function.
#include "packet_socket.hpp"

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "sys/errors.hpp"

namespace ringdump {

Result<PacketSocket> PacketSocket::Create(bool cooked) {
  // Protocol 0: nothing is queued on this socket until Bind() names ETH_P_ALL.
  int fd = socket(AF_PACKET, (cooked ? SOCK_DGRAM : SOCK_RAW) | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    int err = errno;
    if (err == EPERM || err == EACCES)
      return Error(sys::ErrnoError("socket(AF_PACKET)", err).message() +
                       " (capturing needs CAP_NET_RAW: run as root or give the binary cap_net_raw,cap_net_admin)",
                   Error::Kind::kPermission);
    return sys::ErrnoError("socket(AF_PACKET)", err);
  }
  return PacketSocket(sys::UniqueFd(fd));
}

Status PacketSocket::SetupRing(const RingConfig& config, uint32_t reserve) {
  auto ring = RxRing::Create(fd(), config, reserve);
  if (!ring.ok()) return std::move(ring).error();
  ring_.emplace(std::move(ring).value());
  return Ok();
}

Status PacketSocket::AttachFilter(std::span<const sock_filter> program) {
  sock_fprog fprog{};
  fprog.len = static_cast<unsigned short>(program.size());
  fprog.filter = const_cast<sock_filter*>(program.data());
  if (setsockopt(fd(), SOL_SOCKET, SO_ATTACH_FILTER, &fprog, sizeof(fprog)) < 0)
    return sys::LastError("SO_ATTACH_FILTER");
  return Ok();
}

Status PacketSocket::AttachDropAll() {
  static const sock_filter kDropAll[] = {BPF_STMT(BPF_RET | BPF_K, 0)};
  return AttachFilter(kDropAll);
}

Status PacketSocket::DetachFilter() {
  int unused = 0;
  if (setsockopt(fd(), SOL_SOCKET, SO_DETACH_FILTER, &unused, sizeof(unused)) < 0 && errno != ENOENT)
    return sys::LastError("SO_DETACH_FILTER");
  return Ok();
}

Status PacketSocket::Bind(int ifindex) {
  sockaddr_ll addr{};
  addr.sll_family = AF_PACKET;
  addr.sll_protocol = htons(ETH_P_ALL);
  addr.sll_ifindex = ifindex;
  if (bind(fd(), reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) < 0) return sys::LastError("bind");
  return Ok();
}

namespace {

// Joins with `type` (mode and flags); returns the group's id. A group holds 256 sockets unless its size is
// given (struct fanout_args, Linux 5.9): only then, so that older kernels keep working up to 256 queues.
// Every member gives the same size.
Result<uint16_t> Join(int fd, uint16_t group_id, int type, bool new_group, uint32_t members) {
  // The group id is 16 bits; the mode and flags go in the upper half (never let the id spill into them).
  if (new_group) {
    type |= PACKET_FANOUT_FLAG_UNIQUEID;
    group_id = 0;
  }
  int rc = 0;
  if (members <= kLegacyFanoutMembers) {
    int arg = static_cast<int>(group_id) | (type << 16);
    rc = setsockopt(fd, SOL_PACKET, PACKET_FANOUT, &arg, sizeof(arg));
  } else {
    fanout_args args{};
    args.id = group_id;
    args.type_flags = static_cast<uint16_t>(type);
    args.max_num_members = members;
    rc = setsockopt(fd, SOL_PACKET, PACKET_FANOUT, &args, sizeof(args));
    if (rc < 0 && errno == EINVAL)
      return Error("this kernel allows at most " + std::to_string(kLegacyFanoutMembers) +
                       " sockets in a fanout group (PACKET_FANOUT with " + std::to_string(members) +
                       " members: Linux 5.9 or later): " + std::to_string(members) + " queues are too many",
                   Error::Kind::kBadArgument);
  }
  if (rc < 0 && errno == ENOSPC)  // not a disk: the group is full
    return Error("the fanout group is full (" + std::to_string(members) + " sockets): PACKET_FANOUT: " +
                     std::strerror(ENOSPC),
                 Error::Kind::kBadArgument);
  if (rc < 0) return sys::LastError("PACKET_FANOUT (group " + std::to_string(group_id) + ")");
  if (!new_group) return group_id;
  int joined = 0;
  socklen_t len = sizeof(joined);
  if (getsockopt(fd, SOL_PACKET, PACKET_FANOUT, &joined, &len) < 0) return sys::LastError("PACKET_FANOUT (read id)");
  return static_cast<uint16_t>(joined & 0xffff);
}

}  // namespace

Result<uint16_t> PacketSocket::JoinFanoutProgram(uint16_t group_id, const std::vector<sock_filter>& program,
                                                 bool new_group, uint32_t members) {
  auto joined = Join(fd(), group_id, PACKET_FANOUT_CBPF | PACKET_FANOUT_FLAG_DEFRAG, new_group, members);
  if (!joined.ok() || !new_group) return joined;
  if (Status set = SetFanoutProgram(program); !set.ok()) return std::move(set).error();
  return joined;
}

Result<uint16_t> PacketSocket::JoinSteeredFanout(uint16_t group_id, bool new_group, uint32_t members) {
  return Join(fd(), group_id, PACKET_FANOUT_CBPF, new_group, members);
}

Status PacketSocket::SetFanoutProgram(std::span<const sock_filter> program) {
  sock_fprog fprog{};
  fprog.len = static_cast<unsigned short>(program.size());
  fprog.filter = const_cast<sock_filter*>(program.data());
  if (setsockopt(fd(), SOL_PACKET, PACKET_FANOUT_DATA, &fprog, sizeof(fprog)) < 0)
    return sys::LastError("PACKET_FANOUT_DATA (the fanout program)");
  return Ok();
}

Result<uint16_t> PacketSocket::JoinFanout(uint16_t group_id, FanoutMode mode, bool new_group, uint32_t members) {
  int type = PACKET_FANOUT_HASH | PACKET_FANOUT_FLAG_DEFRAG;  // defrag: fragments of a datagram stay together
  switch (mode) {
    case FanoutMode::kHash: break;
    case FanoutMode::kLoadBalance: type = PACKET_FANOUT_LB; break;
    case FanoutMode::kCpu: type = PACKET_FANOUT_CPU; break;
    case FanoutMode::kQueueMapping: type = PACKET_FANOUT_QM; break;
    case FanoutMode::kRollover: type = PACKET_FANOUT_ROLLOVER; break;
    case FanoutMode::kRandom: type = PACKET_FANOUT_RND; break;
  }
  return Join(fd(), group_id, type, new_group, members);
}

Status PacketSocket::EnablePromiscuous(int ifindex) {
  packet_mreq mreq{};
  mreq.mr_ifindex = ifindex;
  mreq.mr_type = PACKET_MR_PROMISC;
  if (setsockopt(fd(), SOL_PACKET, PACKET_ADD_MEMBERSHIP, &mreq, sizeof(mreq)) < 0)
    return sys::LastError("PACKET_ADD_MEMBERSHIP (promiscuous mode)");
  return Ok();
}

Status PacketSocket::IgnoreOutgoing() {
  int one = 1;
  if (setsockopt(fd(), SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof(one)) < 0)
    return sys::LastError("PACKET_IGNORE_OUTGOING");
  return Ok();
}

Result<KernelCounters> PacketSocket::ReadStatistics() const {
  tpacket_stats_v3 st{};
  socklen_t len = sizeof(st);
  if (getsockopt(fd(), SOL_PACKET, PACKET_STATISTICS, &st, &len) < 0) return sys::LastError("PACKET_STATISTICS");
  return KernelCounters{st.tp_packets, st.tp_drops, st.tp_freeze_q_cnt};
}

}  // namespace ringdump
