// The classic-BPF program that spreads packets over the queues of a capture whose second queue started late
// (CaptureConfig::grow_queues). Such a group is a PACKET_FANOUT_CBPF group: while it has no program every
// packet goes to its first member, so a queue can join it (and have its real filter swapped in) without a
// packet going to a socket that is not ready; setting this program then spreads the flows, atomically.
#pragma once

#include <linux/filter.h>

#include <vector>

namespace ringdump {

// A per-flow value, the same for both directions of a flow: the NIC's receive hash when the driver set one;
// else, for IPv4 and IPv6, the addresses (xor) and, for TCP, UDP and SCTP packets that are not fragments,
// the ports (xor), mixed by a multiplication; 0 for anything else. The kernel takes it modulo the number of
// queues. Offsets are from the network header (SKF_NET_OFF), so it works for every link type.
std::vector<sock_filter> FlowSpreadProgram();

}  // namespace ringdump
