"""VXLAN-GPE frames for apps.pcap: IPv4, IPv6 and Ethernet payloads, every flag, an unknown next protocol,
a short header."""
import struct

from .common import *  # noqa: F401,F403


def gpe(flags, nxt, vni):
    return struct.pack("!BHB", flags, 0, nxt) + struct.pack("!I", vni << 8)


def frames():
    v4 = ip4(A, B, 17, udp(A, B, 1000, 2000, b"inner"))
    v6 = ip6(A6, B6, 17, udp(A6, B6, 1000, 2000, b"inner6", v6=True))
    e = eth(M2, M1, 0x0800, v4)
    return [u4(40000, 4790, gpe(0x0C, 1, 10) + v4), u4(40000, 4790, gpe(0x0F, 2, 11) + v6), u4(4790, 40000, gpe(0x08, 3, 12) + e),
            u4(40000, 4790, gpe(0x00, 9, 13) + b"xx"), u4(40000, 4790, b"\x0c\x00")]
