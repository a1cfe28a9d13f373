"""Shared helpers of the printer's pcap generators: checksums, IPv4/IPv6/TCP/UDP/ICMP/Ethernet builders,
DNS names, the addresses every fixture uses, the frame wrappers u4/u6/t4 (Ethernet + IP + UDP/TCP) and the
pcap / nanosecond pcap / pcapng writers. Pure standard library."""
import struct


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def ip4(src, dst, proto, payload, ttl=64, ident=1, flags=0x4000, opts=b"", tos=0, fix_len=None):
    hl = 5 + len(opts) // 4
    total = fix_len if fix_len is not None else 20 + len(opts) + len(payload)
    h = struct.pack("!BBHHHBBH4s4s", 0x40 | hl, tos, total, ident, flags, ttl, proto, 0, bytes(src), bytes(dst)) + opts
    h = h[:10] + struct.pack("!H", csum(h)) + h[12:]
    return h + payload


def ip6(src, dst, nh, payload, hlim=64, flow=0):
    return struct.pack("!IHBB16s16s", 0x60000000 | flow, len(payload), nh, hlim, bytes(src), bytes(dst)) + payload


def pseudo4(src, dst, proto, length):
    return struct.pack("!4s4sBBH", bytes(src), bytes(dst), 0, proto, length)


def pseudo6(src, dst, proto, length):
    return struct.pack("!16s16sIxxxB", bytes(src), bytes(dst), length, proto)


def tcp(src, dst, sport, dport, seq, ack, flags, win=65535, opts=b"", data=b"", v6=False, urp=0):
    off = (20 + len(opts)) // 4
    h = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, off << 4, flags, win, 0, urp) + opts + data
    ph = (pseudo6 if v6 else pseudo4)(src, dst, 6, len(h))
    c = csum(ph + h)
    return h[:16] + struct.pack("!H", c) + h[18:]


def udp(src, dst, sport, dport, data, v6=False, zero_sum=False):
    h = struct.pack("!HHHH", sport, dport, 8 + len(data), 0) + data
    if zero_sum:
        return h
    ph = (pseudo6 if v6 else pseudo4)(src, dst, 17, len(h))
    c = csum(ph + h) or 0xFFFF
    return h[:6] + struct.pack("!H", c) + h[8:]


def icmp(t, code, rest, data=b""):
    h = struct.pack("!BBH", t, code, 0) + rest + data
    return h[:2] + struct.pack("!H", csum(h)) + h[4:]


def icmp6(src, dst, t, code, body):
    h = struct.pack("!BBH", t, code, 0) + body
    c = csum(pseudo6(src, dst, 58, len(h)) + h)
    return h[:2] + struct.pack("!H", c) + h[4:]


def eth(dst, src, etype, payload, vlans=()):
    tags = b"".join(struct.pack("!HH", tpid, tci) for tpid, tci in vlans)
    return bytes(dst) + bytes(src) + tags + struct.pack("!H", etype) + payload


def dns_name(name):
    out = b""
    for part in name.rstrip(".").split("."):
        if part:
            out += bytes([len(part)]) + part.encode()
    return out + b"\0"


def dns_query(ident, name, qtype=1, edns=False):
    msg = struct.pack("!HHHHHH", ident, 0x0100, 1, 0, 0, 1 if edns else 0) + dns_name(name) + struct.pack("!HH", qtype, 1)
    if edns:
        msg += b"\0" + struct.pack("!HHIH", 41, 4096, 0, 0)
    return msg


def dns_response(ident, name, addrs):
    msg = struct.pack("!HHHHHH", ident, 0x8180, 1, len(addrs), 0, 0) + dns_name(name) + struct.pack("!HH", 1, 1)
    for a in addrs:
        msg += b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 300, 4) + bytes(a)
    return msg


A = [10, 0, 0, 1]
B = [10, 0, 0, 2]
C = [192, 168, 1, 254]
M1 = [0x02, 0, 0, 0, 0, 1]
M2 = [0x02, 0, 0, 0, 0, 2]
BC = [0xFF] * 6
A6 = bytes.fromhex("20010db8000000000000000000000001")
B6 = bytes.fromhex("20010db8000000000000000000000002")
LL6 = bytes.fromhex("fe800000000000000000000000000001")
ALLN = bytes.fromhex("ff020000000000000000000000000001")



def u4(sp, dp, data):
    return eth(M2, M1, 0x0800, ip4(A, B, 17, udp(A, B, sp, dp, data)))

def u6(sp, dp, data):
    return eth(M2, M1, 0x86DD, ip6(LL6, A6, 17, udp(LL6, A6, sp, dp, data, v6=True)))

def t4(sp, dp, data):
    return eth(M2, M1, 0x0800, ip4(A, B, 6, tcp(A, B, sp, dp, 100, 200, 0x18, 1000, b"", data)))



def write_pcap(path, linktype, frames, snaplen=262144, ts0=1700000000):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, snaplen, linktype))
        for i, fr in enumerate(frames):
            cap = fr[:snaplen]
            f.write(struct.pack("<IIII", ts0 + i // 3, (i * 123457) % 1000000, len(cap), len(fr)))
            f.write(cap)


def write_pcap_nano(path, linktype, frames, ts0=1700000000):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B23C4D, 2, 4, 0, 0, 262144, linktype))
        for i, fr in enumerate(frames):
            f.write(struct.pack("<IIII", ts0 + i, (i * 123456789) % 1000000000, len(fr), len(fr)))
            f.write(fr)


def write_pcapng(path, linktype, frames, ts0=1700000000):
    def block(btype, body):
        body += b"\0" * (-len(body) % 4)
        n = 12 + len(body)
        return struct.pack("<II", btype, n) + body + struct.pack("<I", n)
    with open(path, "wb") as f:
        f.write(block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1)))
        # if_tsresol 9 (nanoseconds) on the interface.
        opts = struct.pack("<HHB3x", 9, 1, 9) + struct.pack("<HH", 0, 0)
        f.write(block(1, struct.pack("<HHI", linktype, 0, 262144) + opts))
        for i, fr in enumerate(frames):
            ts = (ts0 + i) * 1000000000 + (i * 987654321) % 1000000000
            f.write(block(6, struct.pack("<IIIII", 0, ts >> 32, ts & 0xFFFFFFFF, len(fr), len(fr)) + fr))
