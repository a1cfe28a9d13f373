"""RADIUS frames for apps.pcap (and its truncated copies); the comment in frames() lists the cases."""
import struct

from .common import *  # noqa: F401,F403


def frames():
    f = []
    # RADIUS: an access request with the common attributes (text, numbers, named values, addresses, a
    # vendor-specific one with sub-attributes), an accounting request (times, tunnel tags, gigawords, an
    # unknown attribute), a challenge carrying EAP, IPv6 and location attributes, ARAP and Error-Cause,
    # then malformed ones: a bad vendor sub-attribute, an attribute of length 1, one running past the
    # end, a header length under 20, a message shorter than the header.
    def ra(t, v):
        return struct.pack("!BB", t, len(v) + 2) + v

    def rad(code, ident, attrs, fix_len=None):
        body = b"".join(attrs)
        n = fix_len if fix_len is not None else 20 + len(body)
        return struct.pack("!BBH", code, ident, n) + bytes(range(16)) + body
    vsa = struct.pack("!I", 311) + ra(1, b"MS-CHAP") + ra(26, b"\x01\x02")
    f.append(u4(40000, 1812, rad(1, 0x2a, [ra(1, b"alice"), ra(2, bytes(16)), ra(4, bytes(C)), ra(5, struct.pack("!I", 7)),
                                           ra(6, struct.pack("!I", 2)), ra(7, struct.pack("!I", 1)), ra(8, b"\xff\xff\xff\xfe"),
                                           ra(31, b"02-00-00-00-00-01"), ra(61, struct.pack("!I", 19)), ra(26, vsa),
                                           ra(80, bytes(16)), ra(32, b"nas\x00hidden"), ra(12, struct.pack("!I", 1500))])))
    f.append(u4(1813, 40000, rad(4, 0x2b, [ra(40, struct.pack("!I", 2)), ra(44, b"0000001F"), ra(46, struct.pack("!I", 3725)),
                                           ra(27, struct.pack("!I", 59)), ra(28, struct.pack("!I", 600)), ra(55, struct.pack("!I", 1700000000)),
                                           ra(49, struct.pack("!I", 99)), ra(64, b"\x01\x00\x00\x03"), ra(65, b"\x00\x00\x00\x01"),
                                           ra(66, b"\x05gw.example"), ra(69, b"\x02\x12\x34secret"), ra(83, b"\x00\x00\x00\x07"),
                                           ra(56, b"\x31\x00\x00\x64"), ra(58, b"\x32vlan100"), ra(52, struct.pack("!I", 4)),
                                           ra(23, b"\xff\xff\xff\xfe"), ra(37, bytes(4)), ra(38, struct.pack("!I", 5)), ra(200, b"??")])))
    eap_id = b"\x02\x05\x00\x0a\x01alice"
    eap_tls = b"\x01\x06\x00\x0a\x0d\xa0\x00\x00\x10\x00"
    f.append(u4(1812, 40000, rad(11, 0x2c, [ra(79, eap_id), ra(79, eap_tls), ra(79, b"\x03\x06\x00\x04"), ra(79, b"\x02\x01\x00\x10\x01"),
                                            ra(79, b"\x02\x07\x00\x07\x03\x04\x0d"), ra(24, b"state-123"), ra(18, b"Hello\x07there")])))
    f.append(u4(40000, 3799, rad(43, 0x2d, [ra(95, A6), ra(97, b"\x00\x40" + A6[:8]), ra(123, b"\x00\x81"), ra(98, bytes(4)),
                                            ra(124, struct.pack("!Q", 0x0000010000000003)), ra(125, b"\x40" + A6),
                                            ra(126, b"\x31example.net"), ra(127, struct.pack("!HBBQQ", 1, 1, 0, 0xE8E0A0B080000000, 0) + b"GPS"),
                                            ra(128, b"\x00\x02loc-data-here"), ra(129, struct.pack("!HQ", 0x8001, 0xE8E0A0B000000000) + b"note"),
                                            ra(101, struct.pack("!I", 404)), ra(101, struct.pack("!I", 1))])))
    f.append(u4(40000, 1645, rad(1, 0x2e, [ra(70, bytes(range(16))), ra(71, b"\x01\x06" + bytes(range(12))), ra(84, bytes(range(8))),
                                           ra(72, struct.pack("!I", 9)), ra(76, struct.pack("!I", 1)), ra(6, struct.pack("!H", 1))])))
    f.append(u4(40000, 1812, rad(1, 0x30, [ra(1, b"bob"), ra(26, struct.pack("!I", 9) + b"\x01\x01"), ra(26, struct.pack("!I", 9) + b"\x01\x09ab"),
                                           ra(26, b"\x00\x00")])))
    f.append(u4(40000, 1812, rad(1, 0x31, [ra(1, b"carol"), b"\x05\x01\x00\x00"])))
    f.append(u4(40000, 1812, rad(1, 0x32, [ra(1, b"dave"), b"\x05\x20\x00\x00"])))
    f.append(u4(40000, 1812, rad(2, 0x33, [ra(1, b"erin")], fix_len=12)))
    f.append(u4(40000, 1812, rad(1, 0x34, [ra(1, b"frank")])[:16]))
    f.append(u4(40000, 1812, rad(1, 0x35, [ra(1, b"grace")], fix_len=60)))
    f.append(u4(40000, 1812, rad(1, 0x36, [ra(1, b"heidi")]) + b"\x01"))
    return f
