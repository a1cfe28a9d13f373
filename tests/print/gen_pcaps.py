#!/usr/bin/env python3
"""Writes synthetic pcap files covering the protocols ringdump's printer dissects, for the differential
test against tcpdump (tests/print/differential.sh). Pure standard library: packets are built by hand,
one module per protocol under gen/ (gen/common.py holds the shared builders and writers).

usage: gen_pcaps.py OUTDIR            the fixture set (one file per link type)
       gen_pcaps.py --big FILE N      N packets of mixed TCP/UDP/ICMP for the speed comparison
"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import gen  # noqa: E402
import gen.l2  # noqa: E402
from gen.common import *  # noqa: E402,F401,F403
from gen.l3 import l3_packets  # noqa: E402


def app_packets():
    f = []
    for m in gen.APPS:
        f += m.frames()
    return f


def fixtures(outdir):
    pk = l3_packets()
    ether = []
    for i, (et, l3) in enumerate(pk):
        dst = BC if et == 0x0806 and i % 2 == 0 else M2
        ether.append(eth(dst, M1, et, l3))
    # VLAN and QinQ variants of a few packets, and an unknown ethertype.
    ether.append(eth(M2, M1, 0x0800, pk[0][1], vlans=[(0x8100, 0x2064)]))
    ether.append(eth(M2, M1, 0x86DD, pk[-10][1], vlans=[(0x88A8, 0x0010), (0x8100, 0x1005)]))
    ether.append(eth(M2, M1, 0x88B5, b"experimental ethertype payload"))
    # 802.3 + LLC: STP (802.1D config, 802.1w), an LLC I-frame.
    stpm = [1, 0x80, 0xC2, 0, 0, 0]
    for ver, typ, flags in [(0, 0, 0), (0, 0, 0x81), (2, 2, 0x3C), (0, 0x80, 0)]:
        body = struct.pack("!HBBB", 0, ver, typ, flags) + b"\x80\x00" + bytes(M1) + struct.pack("!I", 4) + b"\x80\x00" + bytes(M2) + struct.pack("!HHHHH", 0x8001, 256, 20 * 256, 2 * 256, 15 * 256)
        if ver >= 2:
            body += b"\x00"
        llc = b"\x42\x42\x03" + body
        ether.append(bytes(stpm) + bytes(M1) + struct.pack("!H", len(llc)) + llc + bytes(8))
    llc = b"\x44\x00\x3a\x3c" + b"x" * 36
    ether.append(bytes(M2) + bytes(M1) + struct.pack("!H", 100) + llc)
    write_pcap(outdir + "/ether.pcap", 1, ether)
    write_pcap_nano(outdir + "/ether-nano.pcap", 1, ether[:20])
    write_pcapng(outdir + "/ether.pcapng", 1, ether[:20])
    # Truncated copies: every frame cut at 54 bytes (headers only).
    write_pcap(outdir + "/ether-snap54.pcap", 1, ether, snaplen=54)
    write_pcap(outdir + "/ether-snap34.pcap", 1, ether, snaplen=34)
    # Linux cooked v1 and v2, raw IP, loopback.
    sll, sll2, raw, null = [], [], [], []
    for i, (et, l3) in enumerate(pk):
        pkttype = i % 5
        sll.append(struct.pack("!HHH8sH", pkttype, 1, 6, bytes(M1) + b"\0\0", et) + l3)
        sll2.append(struct.pack("!HHIHBB8s", et, 0, 1, 1, pkttype, 6, bytes(M1) + b"\0\0") + l3)
        if et != 0x0806:
            raw.append(l3)
            null.append(struct.pack("<I", 2 if et == 0x0800 else 24) + l3)
    write_pcap(outdir + "/sll.pcap", 113, sll)
    write_pcap(outdir + "/sll2.pcap", 276, sll2)
    write_pcap(outdir + "/raw.pcap", 101, raw)
    write_pcap(outdir + "/null.pcap", 0, null)
    # Application dissectors, whole and cut at two snap lengths (8 and 26 bytes past the UDP header).
    apps = app_packets()
    write_pcap(outdir + "/apps.pcap", 1, apps)
    write_pcap(outdir + "/apps-snap50.pcap", 1, apps, snaplen=50)
    write_pcap(outdir + "/apps-snap68.pcap", 1, apps, snaplen=68)


    for m in gen.APPS + gen.FILES:
        for spec in getattr(m, "files", lambda: [])():
            name, dlt, frames = spec[0], spec[1], spec[2]
            write_pcap(outdir + "/" + name + ".pcap", dlt, frames)
            for snap in (spec[3] if len(spec) > 3 else []):
                write_pcap(outdir + "/%s-snap%d.pcap" % (name, snap), dlt, frames, snaplen=snap)
    gen.l2.write_all(outdir)  # the link-layer protocols (tests/print/gen/l2.py)


def big(path, n):
    pk = [eth(M2, M1, et, l3) for et, l3 in l3_packets()]
    # Mostly TCP data and UDP, the mix a capture of a busy host looks like.
    mix = [pk[10], pk[11], pk[12], pk[19], pk[21], pk[22], pk[0], pk[33], pk[40]]
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
        rec = struct.Struct("<IIII")
        chunks = []
        for i in range(n):
            fr = mix[i % len(mix)]
            chunks.append(rec.pack(1700000000 + i // 1000, (i * 997) % 1000000, len(fr), len(fr)))
            chunks.append(fr)
            if len(chunks) > 20000:
                f.write(b"".join(chunks))
                chunks = []
        f.write(b"".join(chunks))


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--big":
        big(sys.argv[2], int(sys.argv[3]))
    elif len(sys.argv) == 2:
        fixtures(sys.argv[1])
    else:
        sys.stderr.write(__doc__)
        sys.exit(2)
