"""L2TP control frames for apps.pcap: SCCRQ/SCCRP/SCCCN with the usual AVPs, a ZLB, StopCCN and CDN with
result and error codes, ICRQ/ICCN with numbers, speeds, bearer and framing types, proxy authentication,
call errors, ACCM, a PPP disconnect cause, hidden and vendor AVPs, AVPs too short for their type, one
running past the message, sequence numbers and offset padding, a missing length, L2F and an unknown
version. (Data messages carry PPP, which this branch does not dissect: none here.)"""
import struct

from .common import *  # noqa: F401,F403


def avp(t, v, m=True, hidden=False, vendor=0):
    return struct.pack("!HHH", (0x8000 if m else 0) | (0x4000 if hidden else 0) | (6 + len(v)), vendor, t) + v


def ctrl(tid, sid, avps, ns=0, nr=0, fix_len=None, flags=0xC802, offset=None):
    body = b"".join(avps)
    hdr_tail = struct.pack("!HHHH", tid, sid, ns, nr)
    extra = b""
    if offset is not None:
        extra = struct.pack("!H", len(offset)) + offset
    n = 4 + len(hdr_tail) + len(extra) + len(body)
    return struct.pack("!HH", flags | (0x0200 if offset is not None else 0), fix_len if fix_len is not None else n) + hdr_tail + extra + body


H16 = lambda v: struct.pack("!H", v)  # noqa: E731
H32 = lambda v: struct.pack("!I", v)  # noqa: E731


def frames():
    f = []

    def s(data, sp=1701, dp=1701):
        f.append(u4(sp, dp, data))
    s(ctrl(0, 0, [avp(0, H16(1)), avp(2, H16(0x0100)), avp(3, H32(3)), avp(4, H32(2)), avp(5, bytes(range(8))),
                  avp(6, H16(0x0680), m=False), avp(7, b"lac.example"), avp(8, b"Vendor\x01", m=False), avp(9, H16(77)),
                  avp(10, H16(8)), avp(11, bytes(range(16)))]))
    s(ctrl(77, 0, [avp(0, H16(2)), avp(2, H16(0x0100)), avp(3, H32(1)), avp(7, b"lns"), avp(9, H16(88)), avp(13, bytes(range(16)))], ns=0, nr=1))
    s(ctrl(88, 0, [avp(0, H16(3)), avp(13, bytes(16))], ns=1, nr=1))
    s(ctrl(88, 0, [], ns=2, nr=2))
    s(ctrl(88, 0, [avp(0, H16(4)), avp(9, H16(77)), avp(1, H16(2) + H16(6) + b"shutting down")]))
    s(ctrl(88, 0, [avp(0, H16(10)), avp(14, H16(5)), avp(15, H32(123456)), avp(18, H32(1)), avp(22, b"5551234"),
                   avp(21, b"5556789"), avp(23, b"sub"), avp(25, H32(9), m=False)]))
    s(ctrl(88, 5, [avp(0, H16(12)), avp(24, H32(100000000)), avp(19, H32(1)), avp(26, b"\x01\x02\x03\x04", m=False),
                   avp(27, b"\x05\x06"), avp(28, b"\x07"), avp(29, H16(2)), avp(30, b"alice"), avp(31, b"\xaa\xbb"),
                   avp(32, H16(0x1207)), avp(33, b"\xcc\xdd"), avp(38, H32(9600)), avp(39, b""), avp(20, b"\x00\x01")]))
    s(ctrl(88, 5, [avp(0, H16(14)), avp(1, H16(3)), avp(12, H16(16) + b"\x02" + b"normal")]))
    s(ctrl(88, 5, [avp(0, H16(14)), avp(1, H16(2) + H16(1)), avp(46, H16(3) + H16(7) + b"\x01" + b"lcp down")]))
    s(ctrl(88, 5, [avp(0, H16(15)), avp(34, H16(0) + struct.pack("!IIIIII", 1, 2, 3, 4, 5, 6))]))
    s(ctrl(88, 5, [avp(0, H16(16)), avp(35, H16(0) + struct.pack("!II", 0xffffffff, 0x000a0000)), avp(36, bytes(range(4))),
                   avp(37, b"grp1"), avp(16, H32(9600)), avp(17, H32(64000))]))
    s(ctrl(88, 5, [avp(0, H16(6)), avp(7, b"secret", hidden=True), avp(99, b"\x01\x02", vendor=9), avp(200, b"?")]))
    s(ctrl(88, 5, [avp(0, b"\x01"), avp(1, b"\x00"), avp(1, H16(1) + b"\x01"), avp(2, b""), avp(3, b"\x00"), avp(5, bytes(4)),
                   avp(9, b"\x01"), avp(12, b"\x00\x01"), avp(13, bytes(8)), avp(15, b"\x00"), avp(29, b""), avp(32, b""),
                   avp(34, bytes(10)), avp(35, bytes(4)), avp(46, bytes(4)), avp(34, b"\x00")]))
    s(ctrl(88, 5, [avp(0, H16(6)), struct.pack("!HHH", 0x8000 | 40, 0, 7) + b"short"]))
    s(ctrl(88, 5, [avp(0, H16(6)), struct.pack("!HHH", 0x8000 | 4, 0, 7)]))
    s(ctrl(88, 5, [avp(0, H16(6))], ns=9, nr=10, offset=b"\x00\x00\x00"))
    s(ctrl(88, 5, [avp(0, H16(6))], fix_len=200))
    s(ctrl(88, 5, [avp(0, H16(6))], fix_len=6))
    s(struct.pack("!HHH", 0x8002, 88, 5) + avp(0, H16(6)))
    s(struct.pack("!HHH", 0x0001, 88, 5) + bytes(8))
    s(struct.pack("!HHH", 0x0003, 88, 5) + bytes(8))
    s(ctrl(88, 5, [avp(0, H16(6))]), sp=40000)
    return f
