// The classic BPF programs (PACKET_FANOUT_CBPF) that choose a capture's queue. Two jobs:
//
// FlowSpreadProgram: the queues of a capture whose second queue started late (CaptureConfig::grow_queues).
// Such a group is a PACKET_FANOUT_CBPF group: while it has no program every packet goes to its first member,
// so a queue can join it (and have its real filter swapped in) without a packet going to a socket that is not
// ready; setting this program then spreads the flows, atomically. A per-flow value, the same for both
// directions: the NIC's receive hash when the driver set one; else, for IPv4 and IPv6, the addresses (xor)
// and, for TCP, UDP and SCTP packets that are not fragments, the ports (xor), mixed by a multiplication; 0 for
// anything else.
//
// InnerFlowFanoutProgram: for --decap captures with several queues: a classic BPF program (PACKET_FANOUT_CBPF) that
// picks a queue from the INNER flow of a tunnelled packet, the same for both directions of the flow.
//
// Why: the kernel's hash fanout hashes the outer packet. The two directions of one inner connection usually
// arrive as different outer flows (a traffic mirror sends each direction from the interface it was seen on,
// and VXLAN/GENEVE pick the outer UDP source port from a hash of the inner frame), so hash fanout splits a
// connection across queues. The program returns (inner source address XOR inner destination address) XOR
// (source port XOR destination port), folded to 16 bits: symmetric in the direction, stable for a flow. The
// kernel takes it modulo the number of sockets. Packets that are not the tunnel (or are too short) get the
// same symmetric hash of their outer addresses and ports; anything that is not IP goes to queue 0.
//
// Every load is relative to the network header (SKF_NET_OFF): the kernel runs fanout programs on received
// packets with their data at the network header and on sent ones at the MAC header, and only the network
// offset means the same for both. A load past the end of the packet ends the program with 0 (queue 0).
//
// Tunnels: VXLAN and GENEVE (GENEVE options skipped) on a UDP destination port, GRE with transparent
// Ethernet bridging (C/K/S flags) and ERSPAN II and III, over outer IPv4 (any header length) or IPv6 (no
// extension headers). The inner frame is Ethernet carrying IPv4 or IPv6; TCP, UDP and SCTP ports count,
// except for IPv4 fragments after the first.
#pragma once

#include <linux/filter.h>

#include <cstdint>
#include <vector>

#include "ringdump/config.hpp"

namespace ringdump {

std::vector<sock_filter> FlowSpreadProgram();

// The program for `tunnel` (udp_port: the tunnel's UDP destination port for VXLAN/GENEVE).
std::vector<sock_filter> InnerFlowFanoutProgram(DecapConfig::Tunnel tunnel, uint16_t udp_port);

}  // namespace ringdump
