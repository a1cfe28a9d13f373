// How much memory the packet rings of a capture take, and the errors that say so. A ring is kernel memory
// that cannot be swapped (every page is mapped at Open), so a capture asking for more than the machine has
// must be refused before the first ring is made, with the sizes in the message: the kernel's own answers
// (ENOMEM after minutes of allocating, or an OOM kill of something else) explain nothing.
#pragma once

#include <cstdint>
#include <string>

#include "ringdump/config.hpp"
#include "ringdump/result.hpp"

namespace ringdump {

// "64 MiB", "1.5 GiB", "900 KiB".
std::string FormatBytes(uint64_t bytes);

// The memory the kernel says can be allocated without swapping (MemAvailable), in bytes; 0 if unknown.
uint64_t AvailableMemoryBytes();

// An error (Error::Kind::kNoMemory) when `queues` rings of `ring` take more than `available` bytes (0: no
// check), e.g. "ring memory: 300 queues x 64 MiB = 18.8 GiB, more than the 17.2 GiB of memory available".
Status CheckRingMemory(uint32_t queues, const RingConfig& ring, uint64_t available);

// The error for a ring the kernel could not allocate (cause: the PACKET_RX_RING or mmap error), naming the
// queue and the sizes: "cannot allocate 64 MiB of ring memory for queue 12 (300 queues x 64 MiB = 18.8 GiB):
// PACKET_RX_RING ...: Cannot allocate memory".
Error RingAllocationError(uint32_t queue, uint32_t queues, const RingConfig& ring, const Error& cause);

}  // namespace ringdump
