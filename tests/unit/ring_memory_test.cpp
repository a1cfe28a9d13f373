// Ring memory: sizes in the messages, the up-front check against the available memory, and the error for a
// ring the kernel could not allocate (it names the queue and the sizes, not "No space left on device").
#include "ring_memory.hpp"

#include <gtest/gtest.h>

namespace ringdump {
namespace {

RingConfig Ring(uint32_t block_size, uint32_t block_count) {
  RingConfig ring;
  ring.block_size = block_size;
  ring.block_count = block_count;
  return ring;
}

TEST(RingMemory, FormatsBytes) {
  EXPECT_EQ(FormatBytes(512), "512 bytes");
  EXPECT_EQ(FormatBytes(64ull << 20), "64 MiB");
  EXPECT_EQ(FormatBytes(300ull * (64ull << 20)), "18.8 GiB");
  EXPECT_EQ(FormatBytes(1536), "1.5 KiB");
}

TEST(RingMemory, RefusesWhatTheMachineCannotHold) {
  const RingConfig ring = Ring(4u << 20, 16);  // the writing default: 64 MiB per queue
  EXPECT_TRUE(CheckRingMemory(300, ring, 0).ok()) << "unknown memory: no check";
  EXPECT_TRUE(CheckRingMemory(4, ring, 1ull << 30).ok());
  Status refused = CheckRingMemory(300, ring, 16ull << 30);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().kind(), Error::Kind::kNoMemory);
  EXPECT_EQ(refused.error().message(),
            "ring memory: 300 queues x 64 MiB = 18.8 GiB, more than the 16 GiB of memory available");
}

TEST(RingMemory, AllocationErrorNamesTheQueueAndTheSizes) {
  Error e = RingAllocationError(12, 300, Ring(4u << 20, 16),
                                Error("PACKET_RX_RING (16 blocks of 4194304 bytes): Cannot allocate memory"));
  EXPECT_EQ(e.kind(), Error::Kind::kNoMemory);
  EXPECT_EQ(e.message(),
            "cannot allocate 64 MiB of ring memory for queue 12 (300 queues x 64 MiB = 18.8 GiB): "
            "PACKET_RX_RING (16 blocks of 4194304 bytes): Cannot allocate memory");
}

TEST(RingMemory, AvailableMemoryIsRead) { EXPECT_GT(AvailableMemoryBytes(), 0u); }

}  // namespace
}  // namespace ringdump
