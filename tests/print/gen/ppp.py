"""PPP frames: LCP (every option, bogus lengths, echo, ident, time-remaining, protocol reject,
vendor extension), IPCP, IP6CP, CCP, BACP, CHAP, PAP, multilink, IPv4/IPv6/MPLS payloads, compressed
protocol fields, address/control present or not, and unknown protocols; carried over Ethernet
(ethertype 0x880b) here and over PPPoE sessions by pppoe.py."""
import struct

from .l2 import eth
from .mpls import ip4_icmp, ip6_udp, label

DST = bytes([0x00, 0x22, 0x33, 0x44, 0x55, 0x66])


def opt(t, v):
    return bytes([t, len(v) + 2]) + v


def cp(proto, code, ident, data, length=None, acfc=True):
    body = struct.pack("!BBH", code, ident, 4 + len(data) if length is None else length) + data
    return (b"\xff\x03" if acfc else b"") + struct.pack("!H", proto) + body


def lcp_opts():
    return (opt(1, b"\x05\xd4") + opt(2, b"\x00\x0a\x00\x00") + opt(3, b"\xc2\x23\x05") + opt(3, b"\xc2\x23\x81") +
            opt(3, b"\xc2\x23\x07") + opt(3, b"\xc0\x23") + opt(3, b"\xc2\x27") + opt(3, b"\x12\x34\x56") +
            opt(4, b"\xc0\x25\x00\x00\x00\x64") + opt(4, b"\x12\x34") + opt(5, b"\x1a\x2b\x3c\x4d") + opt(7, b"") +
            opt(8, b"") + opt(13, b"\x06") + opt(13, b"\x09") + opt(17, b"\x05\xdc") + opt(19, b"\x00") +
            opt(19, b"\x01ab") + opt(19, b"\x02\x0a\x00\x00\x01") + opt(19, b"\x03\x00\x11\x22\x33\x44\x55") +
            opt(19, b"\x04\x01\x02") + opt(19, b"\x05123") + opt(19, b"\x09") + opt(23, b"\x00\x07") +
            opt(0, b"\x00\x00\x0c\x01\x02") + opt(9, b"\x02") + opt(30, b"") + opt(31, b"\x01"))


def lcp_bogus():
    return [opt(1, b"\x05"), opt(2, b"\x00"), opt(3, b"\xc2"), opt(4, b"\xc0"), opt(5, b"\x00"), opt(23, b"\x01"),
            opt(13, b""), opt(17, b"\x01"), opt(19, b""), opt(19, b"\x02\x0a"), opt(19, b"\x03\x00"), opt(0, b"\x00")]


def ppp_frames():
    mn = struct.pack("!I", 0x01020304)
    f = [
        cp(0xC021, 1, 1, lcp_opts()),
        cp(0xC021, 2, 1, opt(1, b"\x05\xdc") + opt(5, mn)),
        cp(0xC021, 3, 2, opt(3, b"\xc0\x23"), acfc=False),
        cp(0xC021, 4, 3, opt(13, b"\x06")),
        cp(0xC021, 5, 4, b"bye"),
        cp(0xC021, 6, 4, b""),
        cp(0xC021, 7, 5, b"\x42\x01\x00\x04"),
        cp(0xC021, 8, 6, b"\x80\x57\x01\x01\x00\x04"),
        cp(0xC021, 8, 6, b"\x12\x34"),
        cp(0xC021, 9, 7, mn),
        cp(0xC021, 10, 7, mn + b"trailing"),
        cp(0xC021, 11, 8, mn + b"\x00\x01"),
        cp(0xC021, 12, 9, mn + b"hello peer"),
        cp(0xC021, 13, 10, mn + struct.pack("!I", 3600) + b"msg"),
        cp(0xC021, 0, 11, mn + b"\x00\x00\x0c\x01\x02"),
        cp(0xC021, 0, 11, mn),
        cp(0xC021, 14, 12, b"\x01\x02"),
        cp(0xC021, 99, 12, b"\x01\x02"),
        cp(0xC021, 1, 13, b""),
        cp(0xC021, 1, 13, opt(1, b"\x05\xdc"), length=2),
        cp(0xC021, 1, 13, opt(1, b"\x05\xdc"), length=40),
        cp(0xC021, 1, 13, b"\x01\x09\x05\xdc"),  # an option longer than the packet
        cp(0xC021, 1, 13, b"\x01\x01\x05\xdc"),
        cp(0xC021, 1, 13, b"\x40\x01\x05\xdc"),
        cp(0xC021, 1, 13, b"\x40\x03\x05"),
        cp(0x8021, 1, 1, opt(3, bytes([10, 0, 0, 1])) + opt(129, bytes([8, 8, 8, 8])) + opt(130, bytes(4)) +
           opt(131, bytes([8, 8, 4, 4])) + opt(132, bytes(4)) + opt(4, bytes([1, 2, 3, 4])) +
           opt(1, bytes([10, 0, 0, 1, 10, 0, 0, 2])) + opt(2, b"\x00\x2d\x0f\x01") +
           opt(2, b"\x00\x61\x00\x0f\x00\x0f\x00\x10\x00\x05\x00\x28" + b"\x01\x02\x02\x03\x00") +
           opt(2, b"\x00\x61\x00\x0f\x00\x0f\x00\x10\x00\x05\x00\x28" + b"\x01\x09") +
           opt(2, b"\x00\x61\x00\x01") + opt(2, b"\x12\x34") + opt(99, b"\xaa")),
        cp(0x8021, 3, 2, opt(3, bytes(3)) + opt(1, bytes(4)) + opt(2, b"\x00")),
        cp(0x8021, 1, 2, opt(129, b"\x01\x02\x03")),
        cp(0x8057, 1, 1, opt(1, bytes(range(8))) + opt(2, b"\x00\x01")),
        cp(0x8057, 4, 1, opt(1, bytes(4))),
        cp(0x80FD, 1, 1, opt(21, b"\x2f") + opt(24, b"\xa5\x02") + opt(26, b"\x78\x00") + opt(26, b"\x41\x07") +
           opt(18, b"\x00\x00\x00\x01") + opt(21, b"") + opt(24, b"\x01") + opt(26, b"\x01")),
        cp(0x80FD, 14, 1, b""),
        cp(0xC02B, 1, 1, opt(1, mn) + opt(1, b"\x01") + opt(2, b"\x01")),
        cp(0x8023, 1, 1, b"\x01\x02"),
        cp(0x8281, 1, 1, b"\x01\x02"),
        b"\xff\x03\xc2\x23" + b"\x01\x01\x00\x15\x10" + bytes(range(16)) + b"srv",
        b"\xff\x03\xc2\x23" + b"\x02\x01\x00\x1a\x10" + bytes(range(16, 32)) + b"user@isp",
        b"\xff\x03\xc2\x23" + b"\x03\x01\x00\x0c" + b"Welcome!",
        b"\xff\x03\xc2\x23" + b"\x04\x01\x00\x04",
        b"\xff\x03\xc2\x23" + b"\x07\x01\x00\x04",
        b"\xff\x03\xc2\x23" + b"\x01\x01\x00\x05",
        b"\xff\x03\xc2\x23" + b"\x01\x01\x00\x06\x10",
        b"\xff\x03\xc2\x23" + b"\x01\x01",
        b"\xff\x03\xc2\x23",
        b"\xff\x03\xc0\x23" + b"\x01\x01\x00\x10\x04user\x06secret",
        b"\xff\x03\xc0\x23" + b"\x02\x01\x00\x0c\x07Welcome",
        b"\xff\x03\xc0\x23" + b"\x03\x02\x00\x09\x04Fail",
        b"\xff\x03\xc0\x23" + b"\x01\x01\x00\x05\x00",
        b"\xff\x03\xc0\x23" + b"\x02\x01\x00\x04",
        b"\xff\x03\xc0\x23" + b"\x01\x01\x00\x20\x04user",
        b"\xff\x03\xc0\x23" + b"\x01\x01\x00\x03",
        b"\xff\x03\xc0\x23" + b"\x01\x01\x00\x0a\x09user",
        b"\xff\x03\xc0\x23" + b"\x09\x01\x00\x06\x00\x00",
        b"\xff\x03\xc0\x23" + b"\x01",
        b"\xff\x03\x00\x3d" + b"\xc1\x23" + b"fragment",
        b"\xff\x03\x00\x3d" + b"\x40",
        b"\xff\x03\x00\x21" + ip4_icmp(),
        b"\x21" + ip4_icmp(),
        b"\x00\x57" + ip6_udp(),
        b"\xff\x03\x00\x2f" + ip4_icmp(),
        b"\xff\x03\x02\x81" + label(77, s=1) + ip4_icmp(),
        b"\xff\x03\x00\xfd" + b"\x01\x02\x03",
        b"\xff\x03\xc0\x2d" + b"\x01\x01\x00\x04",
        b"\xff\x03\x00\x31" + b"\x01\x02\x03\x04",
        b"\xff\x03\x12\x34" + b"\x01\x02",
        b"\xff\x03\xc0\x25" + b"\x01\x02",
        b"\xff\x03\x7e\x21" + b"\x45\x00",  # an HDLC escape code as the protocol
        b"\x00\x03\x00\x21" + ip4_icmp(),
        b"\x01\x03\xc0\x21" + b"\x09\x01\x00\x08" + mn,
        b"\xff\x03",
        b"\xff",
    ]
    return f


def frames():
    out = [eth(DST, 0x880B, f) for f in ppp_frames()]
    out.append(eth(DST, 0x880B, b""))
    return out


def cut_frames():
    f = ppp_frames()
    # The last: its cut at 26 bytes loses CHAP's algorithm byte (read before ", " is printed).
    return [eth(DST, 0x880B, f[0][:80]), eth(DST, 0x880B, f[25][:90]),
            eth(DST, 0x880B, cp(0xC021, 1, 14, opt(3, b"\xc2\x23\x05")))]


CUT_STEP = 3
