"""OTV frames for apps.pcap: with and without the I flag, a short header, and the inner frame cut."""
import struct

from .common import *  # noqa: F401,F403


def frames():
    inner = eth(M2, M1, 0x0800, ip4(A, B, 1, icmp(8, 0, struct.pack("!HH", 3, 4))))
    return [u4(40000, 8472, struct.pack("!B3sI", 0x08, (77).to_bytes(3, "big"), 5 << 8) + inner),
            u4(40000, 8472, struct.pack("!B3sI", 0x00, (1).to_bytes(3, "big"), 1 << 8) + inner[:20]),
            u4(8472, 40000, b"\x08\x00\x00")]
