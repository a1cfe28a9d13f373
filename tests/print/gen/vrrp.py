"""VRRP frames for apps.pcap (and its truncated copies); the comment in frames() lists the cases."""
import struct

from .common import *  # noqa: F401,F403


def frames():
    f = []
    # VRRP: v2 with a password and with two addresses, a bad checksum, an unknown auth type, v3 over
    # IPv4 and IPv6, an unknown type, version 1, more addresses than the packet holds.
    VR = [224, 0, 0, 18]
    VR6 = bytes.fromhex("ff020000000000000000000000000012")

    def vrrp2(vrid, prio, addrs, auth, pw=b"", bad=False):
        h = struct.pack("!BBBBBBH", 0x21, vrid, prio, len(addrs), auth, 1, 0) + b"".join(bytes(a) for a in addrs) + pw.ljust(8, b"\0")
        c = csum(h) ^ (0x1111 if bad else 0)
        return h[:6] + struct.pack("!H", c) + h[8:]

    def vrrp3(src, dst, addrs, v6=False):
        h = struct.pack("!BBBBHH", 0x31, 7, 200, len(addrs), 100, 0) + b"".join(bytes(a) for a in addrs)
        c = csum((pseudo6 if v6 else pseudo4)(src, dst, 112, len(h)) + h)
        return h[:6] + struct.pack("!H", c) + h[8:]
    f.append(eth(M2, M1, 0x0800, ip4(A, VR, 112, vrrp2(1, 100, [C], 1, b"pass"), ttl=255)))
    f.append(eth(M2, M1, 0x0800, ip4(A, VR, 112, vrrp2(2, 254, [C, B], 0), ttl=255)))
    f.append(eth(M2, M1, 0x0800, ip4(A, VR, 112, vrrp2(3, 1, [C], 0, bad=True), ttl=64)))
    f.append(eth(M2, M1, 0x0800, ip4(A, VR, 112, vrrp2(4, 1, [C], 7), ttl=255)))
    f.append(eth(M2, M1, 0x0800, ip4(A, VR, 112, vrrp3(A, VR, [C, B]), ttl=255)))
    f.append(eth(M2, M1, 0x86DD, ip6(LL6, VR6, 112, vrrp3(LL6, VR6, [A6, B6], v6=True), hlim=255)))
    f.append(eth(M2, M1, 0x86DD, ip6(LL6, VR6, 112, vrrp3(LL6, VR6, [A6[:4], A6[4:8], A6[8:12], A6[12:]], v6=True), hlim=255)))
    f.append(eth(M2, M1, 0x0800, ip4(A, VR, 112, b"\x22\x01\x64\x00\x00\x01\x00\x00", ttl=255)))
    f.append(eth(M2, M1, 0x0800, ip4(A, VR, 112, b"\x11\x01\x64\x00\x00\x01\x00\x00", ttl=255)))
    f.append(eth(M2, M1, 0x0800, ip4(A, VR, 112, b"\x21\x05\x64\x09\x01\x01\x00\x00" + bytes(C) + b"pw", ttl=255)))
    return f
