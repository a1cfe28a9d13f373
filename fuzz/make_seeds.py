#!/usr/bin/env python3
"""Seed corpora for the fuzz harnesses, from capture files (the tcpdump test pcaps and tests/print's fixtures).

usage: make_seeds.py OUTDIR FILE.pcap[ng]...
Writes OUTDIR/<harness>/<name>: whole files for fuzz_pcap_reader (plus 3 option bytes at the end), packets in
fuzz_printer's framing, frames for fuzz_decap, and a few command lines and blocks for the other two.
"""
import os
import struct
import sys

DLTS = [1, 0, 101, 113, 276, 12, 14, 108, 228, 229, 147, 105]  # fuzz_printer.cpp's kDlts


def pcap_records(blob):
    """(dlt, [packet bytes]) of a classic pcap file; None for anything else."""
    if len(blob) < 24:
        return None
    magic = blob[:4]
    if magic in (b"\xd4\xc3\xb2\xa1", b"\x4d\x3c\xb2\xa1"):
        e = "<"
    elif magic in (b"\xa1\xb2\xc3\xd4", b"\xa1\xb2\x3c\x4d"):
        e = ">"
    else:
        return None
    dlt = struct.unpack(e + "I", blob[20:24])[0] & 0xFFFF
    pos, out = 24, []
    while pos + 16 <= len(blob) and len(out) < 32:
        incl = struct.unpack(e + "I", blob[pos + 8:pos + 12])[0]
        pos += 16
        out.append(blob[pos:pos + min(incl, 65535)])
        pos += incl
    return dlt, out


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)


def main():
    out = sys.argv[1]
    for h in ("fuzz_pcap_reader", "fuzz_printer", "fuzz_decap", "fuzz_cli_options", "fuzz_block_walk"):
        os.makedirs(os.path.join(out, h), exist_ok=True)
    for i, path in enumerate(sys.argv[2:]):
        blob = open(path, "rb").read()
        name = os.path.basename(path)
        opts = bytes([(i * 37) & 0xFF, (i * 11) & 0xFF, i & 0xFF])
        write(os.path.join(out, "fuzz_pcap_reader", name), blob + opts)
        rec = pcap_records(blob)
        if rec is None:
            continue
        dlt, packets = rec
        if dlt in DLTS:
            body = b"".join(struct.pack("<H", len(p)) + p for p in packets)
            write(os.path.join(out, "fuzz_printer", name), opts + bytes([DLTS.index(dlt)]) + body)
        if dlt == 1 and packets:
            for j, p in enumerate(packets[:4]):
                for t in range(3):  # VXLAN, GENEVE, GRE, outer Ethernet
                    write(os.path.join(out, "fuzz_decap", f"{name}.{j}.{t}"), bytes([t, 0, 0, 0, 0, 0, 0]) + p)
    argvs = [
        ["-i", "eth0", "-w", "x.pcap", "-C", "10", "-W", "5", "tcp", "port", "80"],
        ["-r", "f.pcap", "-nnvvXXe", "-tttt", "-c", "100", "-s", "0"],
        ["--decap", "vxlan@4789:1,2,3", "--outer-filter", "udp", "-G", "60", "--align"],
        ["--stats-interval", "1.5", "--stats-file", "s.csv", "--stats-format", "json", "--queues", "4"],
        ["--info", "a.pcap", "b.pcapng"], ["-Z", "nobody", "-z", "gzip", "--max-total-size", "1g"],
        ["-Q", "in", "-B", "4096", "--block-size", "1024", "--cpus", "0-3", "--fanout", "hash"],
    ]
    for j, a in enumerate(argvs):
        write(os.path.join(out, "fuzz_cli_options", str(j)), b"\0".join(x.encode() for x in a))
    for j in range(4):  # synthetic-block mode, 1..4 frames, no patches
        body = bytes([j + 1]) + b"".join(bytes([60]) + bytes(range(60)) for _ in range(j + 1))
        write(os.path.join(out, "fuzz_block_walk", f"synthetic{j}"), bytes([j * 5, 0x81]) + body)


if __name__ == "__main__":
    main()
