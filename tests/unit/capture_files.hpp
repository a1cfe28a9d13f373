// Small capture files for the index and query tests, written byte by byte (pcap micro/nano, pcapng with
// several interfaces, gzip'd copies), so the tests do not depend on the writer under test.
#pragma once

#include <unistd.h>
#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace ringdump::testing {

struct TestPacket {
  int64_t ts_ns = 0;
  std::vector<uint8_t> bytes;
  uint32_t interface = 0;  // pcapng only
};

// Host (little-endian) order, as pcap writers store their fields; not tunnel_frames.hpp's network-order
// Put16/Put32 (same namespace: distinct names, or the linker would keep one of the two).
inline void PutLe32(std::vector<uint8_t>& out, uint32_t v) {
  const size_t at = out.size();
  out.resize(at + 4);
  std::memcpy(out.data() + at, &v, 4);
}
inline void PutLe16(std::vector<uint8_t>& out, uint16_t v) {
  const size_t at = out.size();
  out.resize(at + 2);
  std::memcpy(out.data() + at, &v, 2);
}

// An Ethernet/IPv4/UDP frame from src to dst (10.0.0.src -> 10.0.0.dst), `payload` bytes of `fill`.
inline std::vector<uint8_t> UdpFrame(uint8_t src, uint8_t dst, size_t payload = 18, uint8_t fill = 0xab) {
  std::vector<uint8_t> f = {0, 1, 2, 3, 4, 5, 0, 1, 2, 3, 4, 6, 0x08, 0x00};
  const uint16_t ip_len = uint16_t(20 + 8 + payload);
  const uint8_t ip[20] = {
      0x45, 0,  uint8_t(ip_len >> 8), uint8_t(ip_len), 0, 1, 0x40, 0, 64, 17, 0, 0, 10, 0, 0, src, 10, 0,
      0,    dst};
  f.insert(f.end(), ip, ip + 20);
  const uint16_t udp_len = uint16_t(8 + payload);
  const uint8_t udp[8] = {0x30, 0x39, 0x00, 0x35, uint8_t(udp_len >> 8), uint8_t(udp_len), 0, 0};
  f.insert(f.end(), udp, udp + 8);
  f.insert(f.end(), payload, fill);
  return f;
}

inline std::vector<uint8_t> PcapBytes(const std::vector<TestPacket>& packets, bool nano = false,
                                      uint32_t link_type = 1) {
  std::vector<uint8_t> b;
  PutLe32(b, nano ? 0xa1b23c4d : 0xa1b2c3d4);
  PutLe16(b, 2);
  PutLe16(b, 4);
  PutLe32(b, 0);
  PutLe32(b, 0);
  PutLe32(b, 262144);
  PutLe32(b, link_type);
  for (const TestPacket& p : packets) {
    PutLe32(b, uint32_t(p.ts_ns / 1000000000));
    const uint32_t frac = uint32_t(p.ts_ns % 1000000000);
    PutLe32(b, nano ? frac : frac / 1000);
    PutLe32(b, uint32_t(p.bytes.size()));
    PutLe32(b, uint32_t(p.bytes.size()));
    b.insert(b.end(), p.bytes.begin(), p.bytes.end());
  }
  return b;
}

struct TestInterface {
  uint16_t link_type = 1;
  uint8_t tsresol = 6;
  std::string name;
};

inline std::vector<uint8_t> PcapngBytes(const std::vector<TestPacket>& packets,
                                        const std::vector<TestInterface>& interfaces = {{}}) {
  std::vector<uint8_t> b;
  PutLe32(b, 0x0A0D0D0A);
  PutLe32(b, 28);
  PutLe32(b, 0x1A2B3C4D);
  PutLe16(b, 1);
  PutLe16(b, 0);
  PutLe32(b, 0xffffffff);
  PutLe32(b, 0xffffffff);
  PutLe32(b, 28);
  for (const TestInterface& i : interfaces) {
    const uint32_t name_opt = i.name.empty() ? 0 : 4 + ((uint32_t(i.name.size()) + 3) & ~3u);
    const uint32_t len = 20 + 8 + name_opt + 4;  // tsresol option (8) and end of options (4)
    PutLe32(b, 1);
    PutLe32(b, len);
    PutLe16(b, i.link_type);
    PutLe16(b, 0);
    PutLe32(b, 262144);
    if (!i.name.empty()) {
      PutLe16(b, 2);
      PutLe16(b, uint16_t(i.name.size()));
      b.insert(b.end(), i.name.begin(), i.name.end());
      b.resize(b.size() + ((4 - i.name.size() % 4) % 4), 0);
    }
    PutLe16(b, 9);
    PutLe16(b, 1);
    b.push_back(i.tsresol);
    b.resize(b.size() + 3, 0);
    PutLe32(b, 0);
    PutLe32(b, len);
  }
  for (const TestPacket& p : packets) {
    const uint64_t ticks =
        interfaces[p.interface].tsresol == 9 ? uint64_t(p.ts_ns) : uint64_t(p.ts_ns / 1000);
    const uint32_t padded = (uint32_t(p.bytes.size()) + 3) & ~3u;
    const uint32_t len = 32 + padded;
    PutLe32(b, 6);
    PutLe32(b, len);
    PutLe32(b, p.interface);
    PutLe32(b, uint32_t(ticks >> 32));
    PutLe32(b, uint32_t(ticks));
    PutLe32(b, uint32_t(p.bytes.size()));
    PutLe32(b, uint32_t(p.bytes.size()));
    b.insert(b.end(), p.bytes.begin(), p.bytes.end());
    b.resize(b.size() + (padded - p.bytes.size()), 0);
    PutLe32(b, len);
  }
  return b;
}

inline void WriteBytes(const std::string& path, const std::vector<uint8_t>& bytes) {
  FILE* f = std::fopen(path.c_str(), "wb");
  std::fwrite(bytes.data(), 1, bytes.size(), f);
  std::fclose(f);
}

inline void WriteGzip(const std::string& path, const std::vector<uint8_t>& bytes) {
  gzFile gz = gzopen(path.c_str(), "wb");
  gzwrite(gz, bytes.data(), unsigned(bytes.size()));
  gzclose(gz);
}

// A fresh directory under the test temp dir, removed by the destructor.
class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/ringdump-query-test-XXXXXX";
    path_ = mkdtemp(tmpl);
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }
  std::string operator/(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

constexpr int64_t kSec = 1000000000;
constexpr int64_t kBase = 1796375700LL * kSec;  // 2026-12-04T09:15:00Z

}  // namespace ringdump::testing
