"""OSPFv2 frames for apps.pcap (and its truncated copies); the comment in frames() lists the cases."""
import struct

from .common import *  # noqa: F401,F403


def frames():
    f = []
    # OSPFv2 Hello: with DR, BDR and neighbors in an area, with a simple password, with an MD5 trailer,
    # a length field shorter than the packet, version 3 over IPv4, an unknown packet type.
    AO = [224, 0, 0, 5]

    def ospf(t, area, auth, authdata, body, ver=2, fix_len=None, trailer=b""):
        n = fix_len if fix_len is not None else 24 + len(body)
        h = struct.pack("!BBH4s4sHH", ver, t, n, bytes(C), bytes(area), 0, auth) + authdata + body
        c = csum(h[:16] + h[24:]) if auth != 2 else 0
        return h[:12] + struct.pack("!H", c) + h[14:] + trailer

    def hello(opts, dr, bdr, nbrs):
        return struct.pack("!4sHBBI4s4s", bytes([255, 255, 255, 0]), 10, opts, 1, 40, bytes(dr), bytes(bdr)) + b"".join(bytes(n) for n in nbrs)
    f.append(eth(M2, M1, 0x0800, ip4(C, AO, 89, ospf(1, [0, 0, 0, 1], 0, bytes(8), hello(0x02, C, A, [A, B])), ttl=1)))
    f.append(eth(M2, M1, 0x0800, ip4(C, AO, 89, ospf(1, [0, 0, 0, 0], 1, b"secret\0\0", hello(0x12, [0, 0, 0, 0], [0, 0, 0, 0], [])), ttl=1)))
    f.append(eth(M2, M1, 0x0800, ip4(C, AO, 89, ospf(1, [10, 0, 0, 0], 2, struct.pack("!HBBI", 0, 7, 16, 99), hello(0x02, C, [0, 0, 0, 0], [A]),
                                                     trailer=bytes(range(16))), ttl=1)))
    f.append(eth(M2, M1, 0x0800, ip4(C, AO, 89, ospf(1, [0, 0, 0, 0], 0, bytes(8), hello(0x02, C, A, [A, B]), fix_len=48), ttl=1)))
    f.append(eth(M2, M1, 0x0800, ip4(C, AO, 89, ospf(1, [0, 0, 0, 0], 0, bytes(8), hello(0, C, A, []), ver=3), ttl=1)))
    f.append(eth(M2, M1, 0x0800, ip4(C, AO, 89, ospf(9, [0, 0, 0, 0], 0, bytes(8), b""), ttl=1)))
    f.append(eth(M2, M1, 0x0800, ip4(C, AO, 89, ospf(1, [0, 0, 0, 0], 7, bytes(8), hello(0, C, A, [])), ttl=1)))
    # OSPFv2 database description, LS request, LS-Ack and an empty LS-Update.
    def lshdr(typ, lsid, adv, length, opts=0x22):
        return struct.pack("!HBB4s4sIHH", 10, opts, typ, bytes(lsid), bytes(adv), 0x80000001, 0, length)
    f.append(eth(M2, M1, 0x0800, ip4(C, AO, 89, ospf(2, [0, 0, 0, 0], 0, bytes(8), struct.pack("!HBBI", 1500, 0x42, 0x07, 12345) +
                                                     lshdr(1, C, C, 36) + lshdr(5, [10, 0, 0, 0], A, 36, 0)), ttl=1)))
    f.append(eth(M2, M1, 0x0800, ip4(C, AO, 89, ospf(2, [0, 0, 0, 0], 0, bytes(8), struct.pack("!HBBI", 0, 0, 0x08, 0)), ttl=1)))
    f.append(eth(M2, M1, 0x0800, ip4(C, AO, 89, ospf(3, [0, 0, 0, 0], 0, bytes(8), struct.pack("!I4s4s", 1, bytes(C), bytes(C)) +
                                                     struct.pack("!I4s4s", 10, bytes([4, 0, 0, 1]), bytes(A))), ttl=1)))
    f.append(eth(M2, M1, 0x0800, ip4(C, AO, 89, ospf(5, [0, 0, 0, 0], 0, bytes(8), lshdr(2, C, C, 32) + lshdr(10, [1, 0, 0, 7], C, 28) +
                                                     lshdr(3, A, A, 4)), ttl=1)))
    f.append(eth(M2, M1, 0x0800, ip4(C, AO, 89, ospf(5, [0, 0, 0, 0], 0, bytes(8), lshdr(77, C, C, 32)), ttl=1)))
    f.append(eth(M2, M1, 0x0800, ip4(C, AO, 89, ospf(4, [0, 0, 0, 0], 0, bytes(8), struct.pack("!I", 0)), ttl=1)))
    return f
