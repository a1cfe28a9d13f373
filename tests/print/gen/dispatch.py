"""Frames for the order of the port tables (engine/print/dispatch.hpp) where tcpdump 4.99.3 and ringdump
print the same thing: GENEVE from source port 6081 (4.99.3 takes either port), an earlier row beating a
later one (ISAKMP NAT-T before NTP, DNS before everything), the ENABLE_SMB ports Debian's tcpdump does not
dissect (NetBIOS name and datagram service, SMB over TCP), a destination-only row seen from the source
side, the TCP chain's SSH-before-HTTP, and MPLS in UDP."""
import struct

from .common import *  # noqa: F401,F403


def frames():
    f = []
    inner = eth(M2, M1, 0x0800, ip4(A, B, 1, icmp(8, 0, struct.pack("!HH", 9, 9))))
    f.append(u4(6081, 40000, struct.pack("!BBHI", 0, 0, 0x6558, 77 << 8) + inner))
    f.append(u4(4500, 123, b"\xff"))
    f.append(u4(53, 123, dns_query(0x4444, "order.example")))
    f.append(u4(137, 137, b"\x12\x34\x01\x10\x00\x01" + bytes(6) + b"\x20" + b"A" * 32 + b"\x00\x00\x20\x00\x01"))
    f.append(u4(138, 138, b"\x11\x0a\x00\x01" + bytes(10)))
    f.append(t4(40000, 445, b"\x00\x00\x00\x10\xffSMB" + bytes(12)))
    f.append(t4(40000, 139, b"\x81\x00\x00\x04abcd"))
    f.append(u4(3784, 40000, bytes(24)))  # BFD by destination only: from the source side it is plain UDP
    f.append(u4(7001, 5353, bytes(8)))    # mDNS comes before the RX range
    f.append(t4(22, 80, b"SSH-2.0-order\r\n"))
    # PTP over UDP (PTP_EVENT_PORT, PTP_GENERAL_PORT): a Sync and a Follow_Up.
    from .ptp import hdr, ts
    f.append(u4(319, 319, hdr(0, 44) + ts(1700000000, 123)))
    f.append(u4(320, 320, hdr(8, 44) + ts(1700000000, 456)))
    # MPLS in UDP (MPLS_PORT): a two-label stack over IPv4.
    f.append(u4(40000, 6635, struct.pack("!II", (100 << 12) | 64, (200 << 12) | 0x100 | 63) + ip4(A, B, 1, icmp(8, 0, struct.pack("!HH", 1, 1)))))
    return f
