"""DHCPv6 frames for apps.pcap (and its truncated copies); the comment in frames() lists the cases."""
import struct

from .common import *  # noqa: F401,F403


def opt6(code, body):
    return struct.pack("!HH", code, len(body)) + body


def frames():
    f = []
    # DHCPv6: solicit with DUID-LLT, ORO, elapsed time, IA_NA holding an IA_ADDR, rapid commit, an
    # unknown option; advertise with DUID-LL, preference, status, DNS servers and search list; reply
    # with IA_PD; relay-forward carrying a solicit; an odd ORO and a bad elapsed time; an option running
    # past the end; a message too short for its transaction id.
    duid_llt = struct.pack("!HHI", 1, 1, 0x2a2b2c2d) + bytes(M1)
    iaaddr = opt6(5, B6 + struct.pack("!II", 3600, 7200))
    sol = b"\x01\x12\x34\x56" + opt6(1, duid_llt) + opt6(6, struct.pack("!HHHH", 23, 24, 31, 999)) + \
        opt6(8, struct.pack("!H", 100)) + opt6(3, struct.pack("!III", 7, 1800, 2880) + iaaddr) + opt6(14, b"") + \
        opt6(200, b"xyz")
    f.append(u6(546, 547, sol))
    adv = b"\x02\x12\x34\x56" + opt6(2, struct.pack("!HH", 3, 1) + bytes(M2)) + opt6(7, b"\xff") + \
        opt6(13, struct.pack("!H", 2) + b"no addrs") + opt6(23, A6 + B6) + \
        opt6(24, dns_name("example.com") + dns_name("corp.example")) + opt6(32, struct.pack("!I", 86400))
    f.append(u6(547, 546, adv))
    iapd = opt6(25, struct.pack("!III", 1, 0, 0) + opt6(26, struct.pack("!IIB", 100, 200, 48) + A6))
    f.append(u6(547, 546, b"\x07\xab\xcd\xef" + opt6(2, struct.pack("!H", 2) + bytes(8)) + iapd +
                opt6(18, b"eth0.100-long-name") + opt6(19, b"\x05") + opt6(11, bytes([3, 1, 0]) + bytes(8) + b"\x01" + bytes(16))))
    relay = b"\x0c\x01" + A6 + LL6 + opt6(18, b"ge-0/0/1") + opt6(9, sol[:30])
    f.append(u6(547, 547, relay))
    f.append(u6(546, 547, b"\x0b\x00\x00\x01" + opt6(6, b"\x00\x17\x00") + opt6(8, b"\x00\x01\x02")))
    f.append(u6(546, 547, b"\x01\x00\x00\x02" + opt6(8, b"\x00\x01") + struct.pack("!HH", 1, 40) + b"short"))
    f.append(u6(546, 547, b"\x04\x00"))
    f.append(u4(546, 547, b"\x63\x00\x00\x09" + opt6(39, b"\x01\x03foo\x00")))
    return f
