"""The link-agnostic fixture set: (ethertype, layer-3 bytes) for ICMP, TCP, UDP, DNS, IPv4 options and
fragments, IGMP, GRE, VXLAN, IPv6 and ICMPv6, DHCP, NTP, GENEVE, mDNS, LLMNR, MLD, text protocols, syslog,
ESP and ARP. gen_pcaps.py wraps each in Ethernet, SLL, SLL2, raw and null headers; the order matters (the
speed mix picks packets by index)."""
import struct

from .common import *  # noqa: F401,F403


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
