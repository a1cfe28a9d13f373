"""RIP frames for apps.pcap (and its truncated copies); the comment in frames() lists the cases."""
import struct

from .common import *  # noqa: F401,F403


def frames():
    f = []
    # RIP: v2 response (two routes, one with a next hop, one with a non-contiguous mask), v2 with simple
    # and keyed authentication, v1 response and request, an unknown family, must-be-zero bytes set,
    # trace on, poll, an unknown command, versions 0 and 3, a route list with a short tail.
    def r2(af, tag, addr, mask, nh, metric):
        return struct.pack("!HH4sI4sI", af, tag, bytes(addr), mask, bytes(nh), metric)

    def r1(af, addr, metric, mbz=0):
        return struct.pack("!HH4sIII", af, 0, bytes(addr), mbz, 0, metric)
    f.append(u4(520, 520, b"\x02\x02\x00\x00" + r2(2, 0, [10, 1, 0, 0], 0xFFFF0000, [0, 0, 0, 0], 1) +
                r2(2, 0x1234, [172, 16, 1, 0], 0xFF00FF00, C, 16)))
    f.append(u4(520, 520, b"\x02\x02\x00\x00" + struct.pack("!HH", 0xFFFF, 2) + b"secret\x00\x00" + bytes(8) +
                r2(2, 0, [10, 2, 0, 0], 0xFFFFFF00, [0, 0, 0, 0], 2)))
    f.append(u4(520, 520, b"\x02\x02\x00\x00" + struct.pack("!HHHBBI", 0xFFFF, 3, 44, 1, 16, 7) + bytes(8) +
                r2(0, 0, [0, 0, 0, 0], 0, [0, 0, 0, 0], 16) + struct.pack("!HH", 0xFFFF, 1) + bytes(16)))
    f.append(u4(520, 520, b"\x02\x01\x00\x00" + r1(2, [10, 9, 0, 0], 3) + r1(0, [0, 0, 0, 0], 16)))
    f.append(u4(520, 520, b"\x01\x01\x00\x00" + r1(0, [0, 0, 0, 0], 16)))
    f.append(u4(520, 520, b"\x02\x01\x00\x00" + r1(7, [1, 2, 3, 4], 1) + r1(2, [10, 3, 0, 0], 1, mbz=5)))
    f.append(u4(520, 520, b"\x02\x02\x00\x00" + r2(24, 0, [1, 1, 1, 1], 0, [0, 0, 0, 0], 1)))
    f.append(u4(520, 520, b"\x03\x01\x00\x00/tmp/trace"))
    f.append(u4(520, 520, b"\x05\x02\x00\x00"))
    f.append(u4(520, 520, b"\x63\x02\x00\x00abcd"))
    f.append(u4(520, 520, b"\x02\x00\x00\x00" + bytes(20)))
    f.append(u4(520, 520, b"\x02\x03\x00\x00" + bytes(20)))
    f.append(u4(520, 520, b"\x02\x02\x00\x00" + r2(2, 0, [10, 4, 0, 0], 0xFFFFFF00, [0, 0, 0, 0], 1) + b"\x00\x02\x00"))
    f.append(u4(520, 520, b"\x02"))
    return f
