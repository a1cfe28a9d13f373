#!/usr/bin/env python3
"""Writes a pcap of realistic mixed traffic for the flow-cutoff and compression benchmarks (issue #16): many
concurrent sessions between clients 10.20.0.0/16 and servers 10.30.0.0/24, interleaved packet by packet:

  * long TLS downloads (tcp/443): handshake, a heavy-tailed number of 1448-byte segments of incompressible
    bytes (some flows carry tens of MB), an ACK every second segment, FIN exchange;
  * plain HTTP downloads (tcp/80): the same shape with HTML text (compressible) after a GET;
  * small requests (tcp/8080): SYN, request, short answer, FIN;
  * DNS over UDP/53: a query and an answer with names and addresses;
  * now and then ICMP echo, NTP and ARP.

Sessions start at a steady rate and end with FIN (some are still open at the end, as in a real capture).
Timestamps advance at RATE packets per second with jitter. Deterministic: the same arguments give the same file.
Prints one line: PACKETS BYTES FLOWS.
usage: make_mix.py OUT.pcap [--packets N] [--concurrent C] [--rate PPS] [--seed S]"""
import argparse
import random
import struct

MSS = 1448
ETH_TYPE_IP = b"\x08\x00"


def ip_csum(h):
    s = sum(struct.unpack("!10H", h))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF


def mac(ip):
    return b"\x02\x00" + ip


def ipv4_frame(src, dst, proto, l4, ident):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(l4), ident & 0xFFFF, 0x4000, 64, proto, 0, src, dst)
    h = h[:10] + struct.pack("!H", ip_csum(h)) + h[12:]
    frame = mac(dst) + mac(src) + ETH_TYPE_IP + h + l4
    return frame + b"\0" * (60 - len(frame)) if len(frame) < 60 else frame


def tcp(sport, dport, seq, ack, flags, payload=b""):
    return struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF, 5 << 4, flags, 64240,
                       0, 0) + payload


SYN, ACK, PSH, FIN = 0x02, 0x10, 0x08, 0x01


class Payloads:
    """Incompressible bytes from a 16 MiB pool (larger than zstd's window at the levels measured) and HTML."""

    def __init__(self, rng):
        self.noise = rng.randbytes(16 << 20)
        self.noise_at = 0
        rows = "".join(f"<tr><td class=\"n\">{i}</td><td>item-{i * 7919 % 10007}</td><td>{i * 31 % 977}.00"
                       f"</td></tr>\n" for i in range(4000))
        self.html = ("<!DOCTYPE html><html><head><title>report</title></head><body><table>\n" + rows +
                     "</table></body></html>\n").encode()
        self.html_at = 0

    def random(self, n):
        if self.noise_at + n > len(self.noise):
            self.noise_at = 0
        out = self.noise[self.noise_at:self.noise_at + n]
        self.noise_at += n
        return out

    def text(self, n):
        if self.html_at + n > len(self.html):
            self.html_at = 0
        out = self.html[self.html_at:self.html_at + n]
        self.html_at += n
        return out


def tcp_session(rng, pay, cli, srv, sport, dport, request, segments, body):
    """Yields the frames of one TCP connection, client side first."""
    c, s = rng.getrandbits(32), rng.getrandbits(32)
    ident = rng.getrandbits(16)
    yield ipv4_frame(cli, srv, 6, tcp(sport, dport, c, 0, SYN), ident)
    yield ipv4_frame(srv, cli, 6, tcp(dport, sport, s, c + 1, SYN | ACK), ident)
    c += 1
    s += 1
    yield ipv4_frame(cli, srv, 6, tcp(sport, dport, c, s, ACK), ident + 1)
    yield ipv4_frame(cli, srv, 6, tcp(sport, dport, c, s, PSH | ACK, request), ident + 2)
    c += len(request)
    for i in range(segments):
        data = body(MSS if i + 1 < segments else rng.randint(100, MSS))
        yield ipv4_frame(srv, cli, 6, tcp(dport, sport, s, c, ACK | (PSH if i + 1 == segments else 0), data),
                         ident + 3 + i)
        s += len(data)
        if i % 2 == 1 or i + 1 == segments:
            yield ipv4_frame(cli, srv, 6, tcp(sport, dport, c, s, ACK), ident + 3 + i)
    yield ipv4_frame(cli, srv, 6, tcp(sport, dport, c, s, FIN | ACK), ident)
    yield ipv4_frame(srv, cli, 6, tcp(dport, sport, s, c + 1, FIN | ACK), ident)
    yield ipv4_frame(cli, srv, 6, tcp(sport, dport, c + 1, s + 1, ACK), ident)


def dns_name(name):
    return b"".join(bytes([len(p)]) + p.encode() for p in name.split(".")) + b"\0"


def dns_session(rng, cli, srv, sport, n):
    qid = rng.getrandbits(16)
    name = f"host{n % 5000}.svc{n % 37}.example.internal"
    q = struct.pack("!HHHHHH", qid, 0x0100, 1, 0, 0, 0) + dns_name(name) + struct.pack("!HH", 1, 1)
    yield ipv4_frame(cli, srv, 17, struct.pack("!HHHH", sport, 53, 8 + len(q), 0) + q, qid)
    answers = b"".join(b"\xc0\x0c" + struct.pack("!HHIH", 1, 1, 300, 4) + bytes([10, 40, n % 256, i])
                       for i in range(1 + n % 4))
    r = struct.pack("!HHHHHH", qid, 0x8180, 1, 1 + n % 4, 0, 0) + dns_name(name) + struct.pack("!HH", 1, 1) + answers
    yield ipv4_frame(srv, cli, 17, struct.pack("!HHHH", 53, sport, 8 + len(r), 0) + r, qid)


def icmp_echo(cli, srv, n):
    for kind in (8, 0):
        body = struct.pack("!BBHHH", kind, 0, 0, 0x4242, n & 0xFFFF) + bytes(range(56))
        a, b = (cli, srv) if kind == 8 else (srv, cli)
        yield ipv4_frame(a, b, 1, body, n)


def ntp(cli, srv, n):
    for mode in (3, 4):
        body = bytes([0x20 | mode]) + b"\0" * 47
        a, b, sp, dp = (cli, srv, 123, 123) if mode == 3 else (srv, cli, 123, 123)
        yield ipv4_frame(a, b, 17, struct.pack("!HHHH", sp, dp, 56, 0) + body, n)


def arp(cli, srv):
    body = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, mac(cli), cli, b"\0" * 6, srv)
    frame = b"\xff" * 6 + mac(cli) + b"\x08\x06" + body
    yield frame + b"\0" * (60 - len(frame))


def new_session(rng, pay, n):
    cli = bytes([10, 20, rng.randrange(256), 1 + rng.randrange(254)])
    srv = bytes([10, 30, 0, 1 + rng.randrange(32)])
    sport = 20000 + rng.randrange(40000)
    kind = rng.random()
    if kind < 0.06:  # long TLS download, heavy-tailed: most a few hundred KB, some tens of MB
        segments = min(40000, int(rng.paretovariate(1.1) * 60))
        return tcp_session(rng, pay, cli, srv, sport, 443, pay.random(517), segments, pay.random)
    if kind < 0.12:
        segments = min(20000, int(rng.paretovariate(1.2) * 30))
        get = f"GET /report/{n} HTTP/1.1\r\nHost: srv\r\nUser-Agent: mix\r\nAccept: */*\r\n\r\n".encode()
        return tcp_session(rng, pay, cli, srv, sport, 80, get, segments, pay.text)
    if kind < 0.40:
        req = f"POST /api/v1/items/{n} HTTP/1.1\r\nContent-Length: 24\r\n\r\n{{\"id\":{n:>10},\"q\":1}}".encode()
        return tcp_session(rng, pay, cli, srv, sport, 8080, req, rng.randint(1, 3), pay.text)
    if kind < 0.92:
        return dns_session(rng, cli, srv, sport, n)
    if kind < 0.96:
        return icmp_echo(cli, srv, n)
    if kind < 0.98:
        return ntp(cli, srv, n)
    return arp(cli, srv)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--packets", type=int, default=1000000)
    ap.add_argument("--concurrent", type=int, default=200)
    ap.add_argument("--rate", type=float, default=100000.0)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    pay = Payloads(rng)
    active = []
    flows = 0
    written = 0
    total_bytes = 0
    t = 1764000000.0
    with open(a.out, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, 1))
        buf = []
        while written < a.packets:
            while len(active) < a.concurrent:
                active.append(new_session(rng, pay, flows))
                flows += 1
            i = rng.randrange(len(active))
            frame = next(active[i], None)
            if frame is None:
                active[i] = active[-1]
                active.pop()
                continue
            t += rng.expovariate(a.rate)
            sec = int(t)
            buf.append(struct.pack("<IIII", sec, int((t - sec) * 1e6), len(frame), len(frame)))
            buf.append(frame)
            written += 1
            total_bytes += len(frame)
            if len(buf) >= 20000:
                f.write(b"".join(buf))
                buf = []
        f.write(b"".join(buf))
    print(written, total_bytes, flows)


if __name__ == "__main__":
    main()
