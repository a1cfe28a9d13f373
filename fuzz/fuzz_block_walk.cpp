// Harness: WalkBlock on TPACKET_V3 blocks with corrupt headers. Byte 0 picks the walk options. With bit 7 of
// byte 1 clear, the rest of the input is the raw block; with it set, a valid block is built with the test
// support's SyntheticBlock from frames in the input and then corrupted by (offset, value) patches taken from
// the input, so the fuzzer starts from blocks the kernel could really produce. Every view must lie inside
// the block (the walker's contract), and the block is exactly block_size bytes on the heap for ASan.
#include <sys/socket.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "block_walk.hpp"
#include "synthetic_block.hpp"

namespace {

// Where the harness stores what it read of every packet, so the reads are not optimized away.
volatile uint8_t g_sink = 0;

ringdump::BlockWalkOptions OptionsFrom(uint8_t b) {
  ringdump::BlockWalkOptions o;
  static constexpr ringdump::LinkType kTypes[] = {ringdump::LinkType::kEthernet,
                                                  ringdump::LinkType::kLinuxSll,
                                                  ringdump::LinkType::kLinuxSll2, ringdump::LinkType::kRaw};
  o.link_type = kTypes[b & 3];
  o.cooked = (b >> 2) & 1;
  o.snaplen = (b >> 3) & 1 ? 64 : 262144;
  o.direction = static_cast<ringdump::CaptureDirection>((b >> 4) % 3);
  o.loopback_ifindex = (b >> 6) & 1 ? 1 : -1;
  return o;
}

std::vector<uint8_t> Synthetic(const uint8_t* data, size_t size, uint32_t block_size, bool cooked) {
  ringdump::testing::SyntheticBlock block(block_size, ringdump::kFrameHeadroom, cooked ? 0 : 14);
  size_t pos = 0;
  // Frames: [len][bytes]; then the remaining bytes are patches of 3: offset (2 bytes), value.
  uint8_t nframes = size > 0 ? data[pos++] % 8 : 0;
  for (uint8_t i = 0; i < nframes && pos < size; ++i) {
    size_t len = data[pos++];
    if (len > size - pos) len = size - pos;
    if (len == 0) continue;  // SyntheticBlock::Add memcpy()s the frame: an empty one is a harness error
    ringdump::testing::SyntheticPacket p;
    p.frame.assign(data + pos, data + pos + len);
    p.vlan = len & 1;
    p.pkttype = uint8_t(len % 5);
    p.ifindex = 1 + int(len & 1);
    pos += len;
    if (!block.Add(p)) break;
  }
  std::vector<uint8_t> bytes(block.data(), block.data() + block.size());
  for (; pos + 3 <= size; pos += 3) {
    size_t off = (data[pos] | (size_t(data[pos + 1]) << 8)) % block_size;
    bytes[off] = data[pos + 2];
  }
  return bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  ringdump::BlockWalkOptions options = OptionsFrom(data[0]);
  std::vector<uint8_t> block;
  if (data[1] & 0x80) {
    uint32_t block_size = (data[1] & 1) ? 4096 : 1024;
    block = Synthetic(data + 2, size - 2, block_size, options.cooked);
  } else {
    // Ring blocks are whole pages: pad the raw bytes with zeros to a multiple of 4096.
    block.assign(data + 2, data + size);
    block.resize((block.size() + 4095) / 4096 * 4096 + (block.empty() ? 4096 : 0));
  }
  std::vector<ringdump::PacketView> views(ringdump::MaxPacketsPerBlock(block.size()));
  ringdump::BlockWalkResult r = ringdump::WalkBlock(block.data(), block.size(), options, views);
  if (r.count > views.size()) abort();
  const uint8_t* begin = block.data();
  const uint8_t* end = begin + block.size();
  for (size_t i = 0; i < r.count; ++i) {
    const ringdump::PacketView& v = views[i];
    if (v.data < begin || v.data > end || v.caplen > size_t(end - v.data)) abort();
    uint8_t sum = 0;
    for (uint32_t j = 0; j < v.caplen; ++j) sum ^= v.data[j];  // ASan: every byte is inside the block
    g_sink = sum;
  }
  return 0;
}
