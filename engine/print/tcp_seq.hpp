// TCP relative sequence numbers as tcpdump computes them: the first packet with ACK set seen for a
// connection (either direction, or any SYN) records the base sequence and acknowledgement numbers;
// later packets print seq/ack relative to those bases. Keyed as tcpdump keys it (lower port first).
#pragma once

#include <cstdint>
#include <cstring>
#include <unordered_map>

namespace ringdump::print {

class TcpSeqTable {
 public:
  struct Entry {
    uint32_t seq = 0;
    uint32_t ack = 0;
  };

  // addr_len is 4 or 16. Returns the bases after the update, and rewrites seq/ack to relative values
  // exactly as tcp_print does; rev reports the direction relative to the stored key.
  Entry Track(const uint8_t* src, const uint8_t* dst, int addr_len, uint16_t sport, uint16_t dport, bool syn,
              uint32_t& seq, uint32_t& ack, bool& rev) {
    Key k{};
    rev = false;
    if (sport > dport) {
      rev = true;
    } else if (sport == dport && memcmp(src, dst, size_t(addr_len)) > 0) {
      rev = true;
    }
    k.v6 = addr_len == 16;
    if (rev) {
      memcpy(k.src, dst, size_t(addr_len));
      memcpy(k.dst, src, size_t(addr_len));
      k.port = uint32_t(dport) << 16 | sport;
    } else {
      memcpy(k.src, src, size_t(addr_len));
      memcpy(k.dst, dst, size_t(addr_len));
      k.port = uint32_t(sport) << 16 | dport;
    }
    auto it = map_.find(k);
    if (it == map_.end() || syn) {
      Entry& e = map_[k];
      if (rev) {
        e.ack = seq;
        e.seq = ack - 1;
      } else {
        e.seq = seq;
        e.ack = ack - 1;
      }
      return e;
    }
    Entry& e = it->second;
    if (rev) {
      seq -= e.ack;
      ack -= e.seq;
    } else {
      seq -= e.seq;
      ack -= e.ack;
    }
    return e;
  }

 private:
  struct Key {
    uint8_t src[16];
    uint8_t dst[16];
    uint32_t port;
    bool v6;
    bool operator==(const Key& o) const {
      return port == o.port && v6 == o.v6 && memcmp(src, o.src, 16) == 0 && memcmp(dst, o.dst, 16) == 0;
    }
  };
  struct KeyHash {
    size_t operator()(const Key& k) const {
      uint64_t h = k.port * 0x9e3779b97f4a7c15ull;
      for (int i = 0; i < 16; i += 4) {
        uint32_t a, b;
        memcpy(&a, k.src + i, 4);
        memcpy(&b, k.dst + i, 4);
        h = (h ^ a) * 0x100000001b3ull;
        h = (h ^ b) * 0x100000001b3ull;
      }
      return size_t(h ^ (h >> 29));
    }
  };
  std::unordered_map<Key, Entry, KeyHash> map_;
};

}  // namespace ringdump::print
