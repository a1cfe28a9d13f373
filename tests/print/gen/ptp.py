"""IEEE 1588 PTP over Ethernet (0x88f7) and UDP (ports 319 and 320): version 2 messages of every type,
flags, version 1 and an unknown version, and short frames; MS NLB heartbeats (0x886f) live here too."""
import struct

from .gre import ip4
from .l2 import eth
from .mpls import csum

DST = bytes([0x01, 0x1B, 0x19, 0, 0, 0])
NLB = bytes([0x03, 0xBF, 0x0A, 0x00, 0x00, 0x05])


def hdr(msg_type, length, flags=0x0200, domain=0, seq=1, control=0, logint=0xFD):
    return (bytes([0x10 | msg_type, 0x02]) + struct.pack("!HBBH", length, domain, 7, flags) +
            struct.pack("!HI", 0, 1000) + struct.pack("!HI", 3, 0) + struct.pack("!Q", 0x001B21FFFE0A0B0C) +
            struct.pack("!HHBB", 1, seq, control, logint))


def ts(secs, ns):
    return struct.pack("!HI", secs >> 32, secs & 0xFFFFFFFF) + struct.pack("!I", ns)


def pid():
    return struct.pack("!QH", 0x0011223344556677, 2)


def frames():
    bodies = [
        hdr(0, 44) + ts(1700000000, 123),
        hdr(1, 44, control=1) + ts(1, 2),
        hdr(2, 54, flags=0) + ts(3, 4) + pid(),
        hdr(3, 54, flags=0x0600) + ts(5, 6) + pid(),
        hdr(8, 44, control=2) + ts(1700000001, 999999999),
        hdr(9, 54, control=3) + ts(7, 8) + pid(),
        hdr(10, 54) + ts(9, 10) + pid(),
        hdr(11, 64, flags=0x003F, control=5) + ts(11, 12) + struct.pack("!HBBBBHBQHB", 37, 0, 128, 6, 0x21, 0x4E5D, 128, 0x001B21FFFE000001, 1, 0xA0),
        hdr(12, 44, control=5) + pid() + b"\x00\x01\x00\x02",
        hdr(13, 48, control=4) + pid() + b"\x02\x01\x05\x00",
        hdr(5, 34, flags=0x58C1, control=9),
        bytes([0x00, 0x01]) + bytes(40),
        bytes([0x00, 0x03]) + bytes(40),
        hdr(0, 44)[:20],
        hdr(11, 64)[:34] + ts(1, 2),
    ]
    out = [eth(DST, 0x88F7, b) for b in bodies]
    nlb = bytes(4) + b"\x00\x01\x02\x03" + struct.pack("<I", 3) + bytes([10, 0, 0, 100]) + bytes([10, 0, 0, 5]) + bytes(20)
    out += [eth(NLB, 0x886F, nlb), eth(NLB, 0x886F, nlb[:14])]
    for port, b in ((319, bodies[0]), (320, bodies[7]), (319, bodies[-2]), (320, b"\x00")):
        u = struct.pack("!HHHH", port, port, 8 + len(b), 0) + b
        ph = struct.pack("!4s4sBBH", bytes([192, 168, 0, 1]), bytes([192, 168, 0, 2]), 0, 17, len(u))
        u = u[:6] + struct.pack("!H", csum(ph + u) or 0xFFFF) + u[8:]
        out.append(eth(DST, 0x0800, ip4(u, proto=17)))
    return out


def cut_frames():
    f = frames()
    return [f[7], f[-2]]


CUT_STEP = 4
