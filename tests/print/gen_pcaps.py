#!/usr/bin/env python3
"""Writes synthetic pcap files covering the protocols ringdump's printer dissects, for the differential
test against tcpdump (tests/print/differential.sh). Pure standard library: packets are built by hand.

usage: gen_pcaps.py OUTDIR            the fixture set (one file per link type)
       gen_pcaps.py --big FILE N      N packets of mixed TCP/UDP/ICMP for the speed comparison
"""
import struct
import sys


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


def l3_packets():
    """(ethertype, l3 bytes) for every case; link-layer wrappers are added per file."""
    p = []
    # ICMP echo and errors.
    p.append((0x0800, ip4(A, B, 1, icmp(8, 0, struct.pack("!HH", 0x1234, 1), b"abcdefghijklmnopqrstuvwxyz012345"))))
    p.append((0x0800, ip4(B, A, 1, icmp(0, 0, struct.pack("!HH", 0x1234, 1), b"abcdefghijklmnopqrstuvwxyz012345"))))
    quoted_udp = ip4(A, B, 17, udp(A, B, 40000, 33434, b"x" * 12))
    p.append((0x0800, ip4(B, A, 1, icmp(3, 3, b"\0\0\0\0", quoted_udp[:28]))))
    quoted_tcp = ip4(A, B, 6, tcp(A, B, 40001, 81, 1, 0, 0x02))
    p.append((0x0800, ip4(B, A, 1, icmp(3, 3, b"\0\0\0\0", quoted_tcp[:28]))))
    p.append((0x0800, ip4(C, A, 1, icmp(3, 1, b"\0\0\0\0", quoted_udp[:28]))))
    p.append((0x0800, ip4(C, A, 1, icmp(3, 4, struct.pack("!HH", 0, 1400), quoted_udp[:28]))))
    p.append((0x0800, ip4(C, A, 1, icmp(11, 0, b"\0\0\0\0", quoted_udp[:28]), ttl=255)))
    p.append((0x0800, ip4(C, A, 1, icmp(5, 1, bytes(C), quoted_udp[:28]))))
    # TCP: handshake with options, data, SACK, FIN, RST, urgent.
    syn_opts = struct.pack("!BBH", 2, 4, 1460) + b"\x04\x02" + struct.pack("!BBII", 8, 10, 1000, 0) + b"\x01" + b"\x03\x03\x07"
    p.append((0x0800, ip4(A, B, 6, tcp(A, B, 40000, 80, 1000, 0, 0x02, 64240, syn_opts))))
    p.append((0x0800, ip4(B, A, 6, tcp(B, A, 80, 40000, 5000, 1001, 0x12, 65160, syn_opts))))
    ts = b"\x01\x01" + struct.pack("!BBII", 8, 10, 1001, 2000)
    p.append((0x0800, ip4(A, B, 6, tcp(A, B, 40000, 80, 1001, 5001, 0x10, 502, ts))))
    http = b"GET /index.html HTTP/1.1\r\nHost: example\r\nUser-Agent: test\r\n\r\n"
    p.append((0x0800, ip4(A, B, 6, tcp(A, B, 40000, 80, 1001, 5001, 0x18, 502, ts, http))))
    resp = b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello"
    p.append((0x0800, ip4(B, A, 6, tcp(B, A, 80, 40000, 5001, 1001 + len(http), 0x18, 509, ts, resp))))
    sack = b"\x01\x01" + struct.pack("!BBIIII", 5, 18, 5100, 5200, 5300, 5400)
    p.append((0x0800, ip4(A, B, 6, tcp(A, B, 40000, 80, 1001 + len(http), 5001, 0x10, 502, sack))))
    p.append((0x0800, ip4(A, B, 6, tcp(A, B, 40000, 80, 1001 + len(http), 5001 + len(resp), 0x11, 502))))
    p.append((0x0800, ip4(B, A, 6, tcp(B, A, 80, 40000, 5001 + len(resp), 0, 0x04, 0, b"", b"reset!"))))
    p.append((0x0800, ip4(A, B, 6, tcp(A, B, 40002, 2323, 7, 9, 0x38, 100, b"", b"!", urp=1))))
    tfo = struct.pack("!BB", 34, 10) + b"\x11\x22\x33\x44\x55\x66\x77\x88" + b"\x01\x01" + struct.pack("!BBH", 99, 4, 7)
    p.append((0x0800, ip4(A, B, 6, tcp(A, B, 40003, 443, 1, 0, 0x02, 1024, tfo))))
    p.append((0x0800, ip4(A, B, 6, tcp(A, B, 40003, 443, 1, 0, 0xC2, 1024))))
    # UDP: unknown port, DNS, zero checksum, bad length.
    p.append((0x0800, ip4(A, B, 17, udp(A, B, 5000, 5001, b"hello world"))))
    p.append((0x0800, ip4(A, B, 17, udp(A, B, 5000, 5001, b"nosum", zero_sum=True))))
    p.append((0x0800, ip4(A, B, 17, udp(A, B, 53000, 53, dns_query(0x1111, "www.example.com", 1, edns=True)))))
    p.append((0x0800, ip4(B, A, 17, udp(B, A, 53, 53000, dns_response(0x1111, "www.example.com", [[93, 184, 216, 34], [93, 184, 216, 35]])))))
    p.append((0x0800, ip4(A, B, 17, udp(A, B, 53001, 53, dns_query(0x2222, "example.org", 28)))))
    dnsq = dns_query(0x3333, "tcp.example", 16)
    p.append((0x0800, ip4(A, B, 6, tcp(A, B, 40010, 53, 1, 1, 0x18, 100, b"", struct.pack("!H", len(dnsq)) + dnsq))))
    # IPv4 options and fragments.
    rr = struct.pack("!BBB", 7, 11, 4) + bytes(C) + bytes(4) + b"\0"
    p.append((0x0800, ip4(A, B, 1, icmp(8, 0, struct.pack("!HH", 1, 2)), opts=rr)))
    big = udp(A, B, 6000, 6001, b"F" * 40)
    p.append((0x0800, ip4(A, B, 17, big[:24], ident=77, flags=0x2000, fix_len=44)))
    p.append((0x0800, ip4(A, B, 17, big[24:], ident=77, flags=3, fix_len=20 + len(big) - 24)))
    p.append((0x0800, ip4(A, B, 17, udp(A, B, 1, 2, b"z"), tos=0x03, flags=0)))
    # IGMP, GRE, VXLAN.
    p.append((0x0800, ip4(A, [224, 0, 0, 251], 2, icmp(0x16, 0, bytes([224, 0, 0, 251])), ttl=1)))
    inner = ip4(A, B, 1, icmp(8, 0, struct.pack("!HH", 9, 9)))
    p.append((0x0800, ip4(C, A, 47, struct.pack("!HH", 0, 0x0800) + inner)))
    inner_eth = eth(M2, M1, 0x0800, inner)
    p.append((0x0800, ip4(C, A, 17, udp(C, A, 12345, 4789, struct.pack("!BBHI", 8, 0, 0, 42 << 8) + inner_eth))))
    # IPv6: ICMPv6 echo, ND, RA, UDP, TCP, fragment, hop-by-hop.
    p.append((0x86DD, ip6(A6, B6, 58, icmp6(A6, B6, 128, 0, struct.pack("!HH", 7, 1) + b"ping6data"))))
    p.append((0x86DD, ip6(B6, A6, 58, icmp6(B6, A6, 129, 0, struct.pack("!HH", 7, 1) + b"ping6data"))))
    ns = struct.pack("!I", 0) + B6 + struct.pack("!BB", 1, 1) + bytes(M1)
    p.append((0x86DD, ip6(LL6, ALLN, 58, icmp6(LL6, ALLN, 135, 0, ns), hlim=255)))
    na = struct.pack("!I", 0x60000000) + B6 + struct.pack("!BB", 2, 1) + bytes(M2)
    p.append((0x86DD, ip6(B6, LL6, 58, icmp6(B6, LL6, 136, 0, na), hlim=255)))
    pi = struct.pack("!BBBBIII", 3, 4, 64, 0xC0, 86400, 14400, 0) + A6[:8] + bytes(8)
    ra = struct.pack("!BBHII", 64, 0, 1800, 0, 0) + struct.pack("!BB", 1, 1) + bytes(M1) + pi + struct.pack("!BBHI", 5, 1, 0, 1500)
    p.append((0x86DD, ip6(LL6, ALLN, 58, icmp6(LL6, ALLN, 134, 0, ra), hlim=255)))
    p.append((0x86DD, ip6(A6, B6, 17, udp(A6, B6, 7100, 7101, b"udp over v6", v6=True))))
    p.append((0x86DD, ip6(A6, B6, 6, tcp(A6, B6, 40000, 2222, 1, 0, 0x02, 1000, syn_opts, v6=True))))
    p.append((0x86DD, ip6(B6, A6, 6, tcp(B6, A6, 2222, 40000, 9, 2, 0x12, 1000, b"", v6=True))))
    p.append((0x86DD, ip6(A6, B6, 6, tcp(A6, B6, 40000, 2222, 2, 10, 0x18, 1000, b"", b"SSH-2.0-x\r\n", v6=True))))
    quoted6 = ip6(A6, B6, 17, udp(A6, B6, 7100, 7101, b"q", v6=True))
    p.append((0x86DD, ip6(B6, A6, 58, icmp6(B6, A6, 1, 4, b"\0\0\0\0" + quoted6))))
    frag = struct.pack("!BBHI", 17, 0, 1, 0xABCD) + udp(A6, B6, 7100, 7101, b"fragmented", v6=True)
    p.append((0x86DD, ip6(A6, B6, 44, frag)))
    hbh = struct.pack("!BB", 58, 0) + b"\x05\x02\x00\x00\x01\x00"
    mld = icmp6(LL6, ALLN, 143, 0, struct.pack("!HH", 0, 1) + struct.pack("!BBH", 4, 0, 0) + ALLN)
    p.append((0x86DD, ip6(LL6, ALLN, 0, hbh + mld, hlim=1)))
    # DHCP discover and offer, NTP client/server, GENEVE.
    opts = bytes([99, 130, 83, 99, 53, 1, 1, 61, 7, 1] + M1 + [12, 4]) + b"host" + bytes([55, 6, 1, 3, 6, 15, 119, 252, 57, 2, 2, 64, 255])
    disc = struct.pack("!BBBBIHH4s4s4s4s16s64s128s", 1, 1, 6, 0, 0x3903F326, 0, 0x8000, bytes(4), bytes(4), bytes(4), bytes(4), bytes(M1) + bytes(10), bytes(64), bytes(128)) + opts + bytes(8)
    p.append((0x0800, ip4([0, 0, 0, 0], [255] * 4, 17, udp([0, 0, 0, 0], [255] * 4, 68, 67, disc))))
    oopts = bytes([99, 130, 83, 99, 53, 1, 2, 54, 4] + C + [51, 4, 0, 1, 81, 128, 1, 4, 255, 255, 255, 0, 3, 4] + C + [6, 8] + C + [8, 8, 8, 8] + [15, 7]) + b"example" + bytes([121, 8, 24, 10, 1, 2] + C + [255])
    offer = struct.pack("!BBBBIHH4s4s4s4s16s64s128s", 2, 1, 6, 0, 0x3903F326, 0, 0, bytes(4), bytes(B), bytes(C), bytes(4), bytes(M1) + bytes(10), b"server", b"boot.img") + oopts
    p.append((0x0800, ip4(C, B, 17, udp(C, B, 67, 68, offer))))
    ntpq = struct.pack("!BBbbII4sQQQQ", 0x23, 0, 6, -20, 0, 0, bytes(4), 0, 0, 0, 0xE8E0A0B0_80000000)
    p.append((0x0800, ip4(A, B, 17, udp(A, B, 40123, 123, ntpq))))
    ntpr = struct.pack("!BBbbII4sQQQQ", 0x24, 2, 6, -23, 0x00000010, 0x00000020, bytes(C), 0xE8E0A0A0_00000000, 0xE8E0A0B0_80000000, 0xE8E0A0B0_80001000, 0xE8E0A0B0_80002000)
    p.append((0x0800, ip4(B, A, 17, udp(B, A, 123, 40123, ntpr))))
    p.append((0x0800, ip4(C, A, 17, udp(C, A, 23456, 6081, struct.pack("!BBHI", 0, 0, 0x6558, 77 << 8) + inner_eth))))
    # mDNS, LLMNR, IGMP v2/v3, MLD query.
    MD = [224, 0, 0, 251]
    mq = struct.pack("!HHHHHH", 0, 0, 1, 0, 0, 0) + dns_name("printer.local") + struct.pack("!HH", 12, 0x8001)
    p.append((0x0800, ip4(A, MD, 17, udp(A, MD, 5353, 5353, mq), ttl=255)))
    mr = struct.pack("!HHHHHH", 0, 0x8400, 0, 1, 0, 0) + dns_name("printer.local") + struct.pack("!HHIH", 1, 0x8001, 120, 4) + bytes(A)
    p.append((0x0800, ip4(A, MD, 17, udp(A, MD, 5353, 5353, mr), ttl=255)))
    p.append((0x0800, ip4(A, [224, 0, 0, 252], 17, udp(A, [224, 0, 0, 252], 50000, 5355, dns_query(7, "wpad")))))
    p.append((0x0800, ip4(C, [224, 0, 0, 1], 2, icmp(0x11, 100, bytes(4)), ttl=1)))
    p.append((0x0800, ip4(C, [224, 0, 0, 1], 2, icmp(0x11, 100, bytes(4) + b"\x02\x7d\x00\x00"), ttl=1)))
    rec = struct.pack("!BBH", 4, 0, 0) + bytes([239, 1, 2, 3])
    p.append((0x0800, ip4(A, [224, 0, 0, 22], 2, icmp(0x22, 0, struct.pack("!HH", 0, 1), rec), ttl=1)))
    p.append((0x0800, ip4(A, [224, 0, 0, 2], 2, icmp(0x17, 0, bytes([239, 1, 2, 3])), ttl=1)))
    mldq = icmp6(LL6, ALLN, 130, 0, struct.pack("!HH", 10000, 0) + bytes(16))
    p.append((0x86DD, ip6(LL6, ALLN, 0, struct.pack("!BB", 58, 0) + b"\x05\x02\x00\x00\x01\x00" + mldq, hlim=1)))
    # Text protocols, syslog, ESP.
    p.append((0x0800, ip4(A, B, 17, udp(A, B, 50514, 514, b"<134>Nov 22 06:00:00 host app[1]: hello\x07"))))
    p.append((0x0800, ip4(B, A, 6, tcp(B, A, 2201, 22, 1, 1, 0x18, 100, b"", b"SSH-2.0-OpenSSH_9.2p1 Debian\r\n"))))
    p.append((0x0800, ip4(B, A, 6, tcp(B, A, 25, 2525, 1, 1, 0x18, 100, b"", b"220 mail.example ESMTP\r\n"))))
    p.append((0x0800, ip4(A, B, 6, tcp(A, B, 2121, 21, 1, 1, 0x18, 100, b"", b"USER anonymous\r\n"))))
    p.append((0x0800, ip4(A, B, 17, udp(A, B, 4500, 4500, struct.pack("!II", 0x1234, 7) + bytes(24)))))
    p.append((0x0800, ip4(A, B, 50, struct.pack("!II", 0xabcd, 9) + bytes(32))))
    # ARP.
    p.append((0x0806, struct.pack("!HHBBH", 1, 0x0800, 6, 4, 1) + bytes(M1) + bytes(A) + bytes(6) + bytes(B)))
    p.append((0x0806, struct.pack("!HHBBH", 1, 0x0800, 6, 4, 2) + bytes(M2) + bytes(B) + bytes(M1) + bytes(A)))
    return p


def app_packets():
    """Ethernet frames for the application dissectors (DHCPv6, TFTP, RIP, RADIUS, telnet, VRRP, OSPF, BGP, Kerberos): well-formed
    messages, malformed ones (lengths that do not add up), and, through the snaplen copies fixtures()
    writes, truncated ones."""
    def u4(sp, dp, data):
        return eth(M2, M1, 0x0800, ip4(A, B, 17, udp(A, B, sp, dp, data)))

    def u6(sp, dp, data):
        return eth(M2, M1, 0x86DD, ip6(LL6, A6, 17, udp(LL6, A6, sp, dp, data, v6=True)))

    def t4(sp, dp, data):
        return eth(M2, M1, 0x0800, ip4(A, B, 6, tcp(A, B, sp, dp, 100, 200, 0x18, 1000, b"", data)))

    def opt6(code, body):
        return struct.pack("!HH", code, len(body)) + body
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
    # TFTP: requests with options, data, ack, errors (known and unknown code), OACK, a bogus opcode, a
    # name without its NUL, a one-byte message, an error without its message.
    f.append(u4(40000, 69, b"\x00\x01boot/pxelinux.0\x00octet\x00blksize\x001468\x00tsize\x000\x00"))
    f.append(u4(40001, 69, b"\x00\x02upload.bin\x00netascii\x00"))
    f.append(u4(69, 40000, b"\x00\x03\x00\x01" + b"D" * 30))
    f.append(u4(40000, 69, b"\x00\x04\x00\x01"))
    f.append(u4(69, 40000, b"\x00\x05\x00\x01File not found\x00"))
    f.append(u4(69, 40000, b"\x00\x05\x00\x09odd\x00"))
    f.append(u4(69, 40000, b"\x00\x06blksize\x001468\x00\x00"))
    f.append(u4(40000, 69, b"\x00\x09"))
    f.append(u4(40000, 69, b"\x00\x01no-terminator"))
    f.append(u4(40000, 69, b"\x00"))
    f.append(u4(69, 40000, b"\x00\x05\x00\x02"))
    f.append(u4(40000, 69, b"\x00\x01name\x00"))
    f.append(u4(40000, 69, b"\x00\x01\x01\x7f\xc1x\x00mail\x00"))
    # RIP: v2 response (two routes, one with a next hop, one with a non-contiguous mask), v2 with simple
    # and keyed authentication, v1 response and request, an unknown family, must-be-zero bytes set,
    # trace on, poll, an unknown command, versions 0 and 3, a route list with a short tail.
    def r2(af, tag, addr, mask, nh, metric):
        return struct.pack("!HH4sI4sI", af, tag, bytes(addr), mask, bytes(nh), metric)

    def r1(af, addr, metric, mbz=0):
        return struct.pack("!HH4sIII", af, 0, bytes(addr), mbz, 0, metric)
    f.append(u4(520, 520, b"\x02\x02\x00\x00" + r2(2, 0, [10, 1, 0, 0], 0xFFFF0000, [0, 0, 0, 0], 1) +
                r2(2, 0x1234, [172, 16, 1, 0], 0xFF00FF00, C, 16)))
    f.append(u4(520, 520, b"\x02\x02\x00\x00" + struct.pack("!HH", 0xFFFF, 2) + b"secret\x00\x00" + bytes(8) +
                r2(2, 0, [10, 2, 0, 0], 0xFFFFFF00, [0, 0, 0, 0], 2)))
    f.append(u4(520, 520, b"\x02\x02\x00\x00" + struct.pack("!HHHBBI", 0xFFFF, 3, 44, 1, 16, 7) + bytes(8) +
                r2(0, 0, [0, 0, 0, 0], 0, [0, 0, 0, 0], 16) + struct.pack("!HH", 0xFFFF, 1) + bytes(16)))
    f.append(u4(520, 520, b"\x02\x01\x00\x00" + r1(2, [10, 9, 0, 0], 3) + r1(0, [0, 0, 0, 0], 16)))
    f.append(u4(520, 520, b"\x01\x01\x00\x00" + r1(0, [0, 0, 0, 0], 16)))
    f.append(u4(520, 520, b"\x02\x01\x00\x00" + r1(7, [1, 2, 3, 4], 1) + r1(2, [10, 3, 0, 0], 1, mbz=5)))
    f.append(u4(520, 520, b"\x02\x02\x00\x00" + r2(24, 0, [1, 1, 1, 1], 0, [0, 0, 0, 0], 1)))
    f.append(u4(520, 520, b"\x03\x01\x00\x00/tmp/trace"))
    f.append(u4(520, 520, b"\x05\x02\x00\x00"))
    f.append(u4(520, 520, b"\x63\x02\x00\x00abcd"))
    f.append(u4(520, 520, b"\x02\x00\x00\x00" + bytes(20)))
    f.append(u4(520, 520, b"\x02\x03\x00\x00" + bytes(20)))
    f.append(u4(520, 520, b"\x02\x02\x00\x00" + r2(2, 0, [10, 4, 0, 0], 0xFFFFFF00, [0, 0, 0, 0], 1) + b"\x00\x02\x00"))
    f.append(u4(520, 520, b"\x02"))
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
    # Telnet: negotiation, subnegotiation (terminal type, window size, authentication), commands,
    # an escaped IAC, an unknown option, an unterminated SB, data after the commands.
    f.append(t4(23, 40000, bytes([255, 253, 24, 255, 253, 32, 255, 253, 35, 255, 253, 39])))
    f.append(t4(40000, 23, bytes([255, 250, 24, 0]) + b"XTERM" + bytes([255, 240, 255, 250, 31, 0, 80, 0, 24, 255, 240])))
    f.append(t4(23, 40000, bytes([255, 250, 37, 1, 2, 0, 255, 240, 255, 250, 38, 1, 1, 255, 240, 255, 251, 1]) + b"login: "))
    f.append(t4(23, 40000, bytes([255, 246, 255, 241, 255, 255, 255, 251, 200, 255, 250, 24, 1])))
    f.append(t4(23, 40000, bytes([255, 250, 24, 1, 255, 240])))
    f.append(t4(23, 40000, bytes([255, 251, 3, 255, 100]) + b"xx"))
    f.append(t4(23, 40000, b"plain data"))
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
    # BGP: keepalive, OPEN with capabilities (multiprotocol, route refresh, 4-byte AS, graceful restart,
    # add-path, an unknown one) and an unknown optional parameter, two messages in one segment,
    # notifications (header error, cease with a shutdown communication and with max prefixes), route
    # refresh, an End-of-RIB update, an unknown type, bytes before the marker, a bogus header length, a
    # message longer than the segment, an option running past the options.
    def bgp(typ, body, fix_len=None):
        return b"\xff" * 16 + struct.pack("!HB", fix_len if fix_len is not None else 19 + len(body), typ) + body

    def bcap(code, val):
        c = struct.pack("!BB", code, len(val)) + val
        return struct.pack("!BB", 2, len(c)) + c

    def bopen(opts):
        return bgp(1, struct.pack("!BHH4sB", 4, 65001, 90, bytes(C), len(opts)) + opts)
    caps = bcap(1, struct.pack("!HBB", 1, 0, 1)) + bcap(1, struct.pack("!HBB", 2, 0, 128)) + bcap(2, b"") + bcap(128, b"") + \
        bcap(65, struct.pack("!I", 4200000001)) + bcap(64, struct.pack("!HHBB", 0x8078, 1, 1, 0x80)) + \
        bcap(69, struct.pack("!HBB", 1, 1, 3)) + bcap(70, b"\x01\x02") + struct.pack("!BB", 9, 1) + b"x"
    f.append(t4(40000, 179, bgp(4, b"")))
    f.append(t4(179, 40000, bopen(caps)))
    f.append(t4(40000, 179, bgp(4, b"") + bopen(bcap(1, struct.pack("!HBB", 25, 0, 65)))))
    f.append(t4(40000, 179, bgp(3, b"\x01\x02\x00\x13")))
    f.append(t4(40000, 179, bgp(3, b"\x06\x02\x07goodbye" + b"\x01\x02")))
    f.append(t4(40000, 179, bgp(3, b"\x06\x01" + struct.pack("!HBI", 1, 1, 1000))))
    f.append(t4(40000, 179, bgp(3, b"\x05\x02") + bgp(3, b"\x06\x04\x00") + bgp(3, b"\x09\x09")))
    f.append(t4(40000, 179, bgp(3, b"\x02\x06") + bgp(3, b"\x03\x0b") + bgp(3, b"\x07\x03") + bgp(3, b"\x03\x63")))
    f.append(t4(40000, 179, bgp(5, struct.pack("!HBB", 2, 0, 1))))
    f.append(t4(40000, 179, bgp(2, struct.pack("!HH", 0, 0))))
    f.append(t4(40000, 179, bgp(77, b"data")))
    f.append(t4(40000, 179, b"junk" + bgp(4, b"")))
    f.append(t4(40000, 179, bgp(4, b"", fix_len=10)))
    f.append(t4(40000, 179, bgp(1, b"\x04\xfd\xe9", fix_len=60)))
    f.append(t4(40000, 179, bopen(struct.pack("!BB", 2, 9) + b"\x01\x00")))
    f.append(t4(40000, 179, bgp(1, b"\x04")))
    # Kerberos: v5 (AS-REQ and TGS-REP tags), v4 requests and replies in both byte orders, a v4 error,
    # an unknown v4 type, versions 1 and 9, a principal without its NUL, an empty datagram.
    f.append(u4(40000, 88, bytes.fromhex("6a8201003082") + bytes(8)))
    f.append(u4(88, 40000, bytes.fromhex("6b03300100")))
    f.append(u4(40000, 750, b"\x04\x02" + b"alice\0\0ATHENA.MIT.EDU\0" + bytes(4) + b"\x60" + b"krbtgt\0ATHENA.MIT.EDU\0"))
    f.append(u4(750, 40000, b"\x04\x05" + b"bob\0admin\0REALM\0" + bytes(10) + b"\x10\x00"))
    f.append(u4(750, 40000, b"\x04\x04" + b"bob\0admin\0REALM\0" + bytes(10) + b"\x00\x10"))
    f.append(u4(40000, 750, b"\x04\x06\x00\x05" + b"rcmd\0" + b"\x07\x09"))
    f.append(u4(750, 40000, b"\x04\x0a" + b"carol\0\0R\0" + bytes(4) + b"\x00\x08\x00\x00" + b"Principal unknown\0"))
    f.append(u4(750, 40000, b"\x04\x0b" + b"carol\0\0R\0" + bytes(4) + b"\x2a\x00\x00\x00" + b"odd\0"))
    f.append(u4(750, 40000, b"\x04\x20xyz"))
    f.append(u4(750, 40000, b"\x01\x02"))
    f.append(u4(750, 40000, b"\x09\x02"))
    f.append(u4(40000, 750, b"\x04\x02" + b"no-terminator"))
    f.append(u4(40000, 88, b""))
    return f


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
