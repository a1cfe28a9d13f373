#!/usr/bin/env python3
"""Writes a pcap file of N Ethernet frames for the read benchmark (scripts/bench/read.sh): IPv4 UDP to port 9
(sizes cycling 60/590/1514 bytes) with every 10th frame a TCP segment to port 80, and every 50th frame
802.1Q-tagged UDP. Addresses in 198.18.0.0/24. Deterministic: the same N gives the same file.
usage: make_pcap.py OUT.pcap [N]"""
import struct
import sys


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF


def ip4(proto, payload_len, ident):
    total = 20 + payload_len
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, total, ident & 0xFFFF, 0, 64, proto, 0,
                    bytes([198, 18, 0, 1]), bytes([198, 18, 0, 2]))
    return h[:10] + struct.pack("!H", csum(h)) + h[12:]


def frame(i):
    size = (60, 590, 1514)[i % 3]
    eth = b"\x02\x00\x00\x00\x00\x02\x02\x00\x00\x00\x00\x01"
    if i % 10 == 0:  # TCP to port 80, ACK|PSH
        l4 = struct.pack("!HHIIBBHHH", 40000 + i % 1000, 80, i, 1, 5 << 4, 0x18, 65535, 0, 0)
        proto = 6
    else:
        proto = 17
        l4 = None
    vlan = i % 50 == 1
    head = len(eth) + (4 if vlan else 0) + 2 + 20
    if proto == 17:
        ulen = size - head
        l4 = struct.pack("!HHHH", 1024 + i % 4000, 9, ulen, 0)
        body = b"RDSEQ" + struct.pack("!Q", i)
        l4 += body + b"\0" * (ulen - 8 - len(body))
    else:
        body = b"RDSEQ" + struct.pack("!Q", i)
        pad = size - head - len(l4)
        l4 += (body + b"\0" * max(0, pad - len(body)))[:max(pad, 0)]
    ip = ip4(proto, len(l4), i)
    tag = struct.pack("!HH", 0x8100, 100) if vlan else b""
    return eth + tag + b"\x08\x00" + ip + l4


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000000
    frames = [frame(i) for i in range(300)]  # the pattern repeats: reuse the bodies, vary the sequence number
    with open(out, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
        buf = []
        for i in range(n):
            fr = frames[i % 300] if i >= 300 else frames[i]
            sec, usec = 1700000000 + i // 100000, (i % 100000) * 10
            buf.append(struct.pack("<IIII", sec, usec, len(fr), len(fr)))
            buf.append(fr)
            if len(buf) >= 20000:
                f.write(b"".join(buf))
                buf = []
        f.write(b"".join(buf))


if __name__ == "__main__":
    main()
