"""MPLS: single and stacked labels (reserved ones named with -v), IPv4 and IPv6 after explicit/implicit
NULL labels or guessed from the first byte, an unknown payload, multicast, and a stack without the
bottom-of-stack bit."""
import struct

from .l2 import eth

DST = bytes([0x00, 0x22, 0x33, 0x44, 0x55, 0x66])


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def ip4_icmp(ident=7):
    icmp = struct.pack("!BBHHH", 8, 0, 0, 0x1234, ident) + b"ping-data"
    icmp = icmp[:2] + struct.pack("!H", csum(icmp)) + icmp[4:]
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(icmp), 1, 0, 63, 1, 0, bytes([10, 0, 0, 1]), bytes([10, 0, 0, 2]))
    return h[:10] + struct.pack("!H", csum(h)) + h[12:] + icmp


def ip6_udp():
    src, dst = bytes([0x20, 0x01, 0x0d, 0xb8] + [0] * 11 + [1]), bytes([0x20, 0x01, 0x0d, 0xb8] + [0] * 11 + [2])
    data = b"hello"
    u = struct.pack("!HHHH", 40000, 9, 8 + len(data), 0) + data
    ph = struct.pack("!16s16sIxxxB", src, dst, len(u), 17)
    u = u[:6] + struct.pack("!H", csum(ph + u)) + u[8:]
    return struct.pack("!IHBB16s16s", 0x60000000, len(u), 17, 64, src, dst) + u


def label(lbl, tc=0, s=0, ttl=64):
    return struct.pack("!I", lbl << 12 | tc << 9 | s << 8 | ttl)


def frames():
    bodies = [
        (0x8847, label(100, s=1) + ip4_icmp()),
        (0x8847, label(16001, tc=5) + label(24005, tc=0, ttl=255) + label(0, s=1, ttl=1) + ip4_icmp()),
        (0x8847, label(2, s=1) + ip6_udp()),
        (0x8847, label(3, s=1) + ip4_icmp()),
        (0x8847, label(1) + label(20, s=1) + ip6_udp()),
        (0x8847, label(15, tc=7, s=1) + b"\x00\x01\x02\x03unknown payload"),
        (0x8847, label(1048575, s=1, ttl=0)),
        (0x8848, label(5000, s=1) + ip4_icmp()),
        (0x8847, label(300) + label(301)),  # no bottom of stack
        (0x8847, label(300) + b"\x00\x01"),
        (0x8847, b"\x00\x01"),
    ]
    out = [eth(DST, et, b) for et, b in bodies]
    # MPLS in UDP (port 6635, RFC 7510).
    from .gre import ip4
    for b in (label(200, s=1) + ip4_icmp(), label(201) + label(0, s=1) + ip4_icmp(), b"\x00\x01"):
        u = struct.pack("!HHHH", 50000, 6635, 8 + len(b), 0) + b
        ph = struct.pack("!4s4sBBH", bytes([192, 168, 0, 1]), bytes([192, 168, 0, 2]), 0, 17, len(u))
        u = u[:6] + struct.pack("!H", csum(ph + u) or 0xFFFF) + u[8:]
        out.append(eth(DST, 0x0800, ip4(u, proto=17)))
    return out


def cut_frames():
    return [frames()[1]]


CUT_STEP = 3
