// CaptureConfig::Validate: every range and combination check of the configuration, in one place.
#include "ringdump/config.hpp"

#include <string>

namespace ringdump {

Status CaptureConfig::Validate() const {
  auto bad = [](const std::string& what) { return Error(what, Error::Kind::kBadArgument); };
  if (interface.empty()) return bad("no interface given");
  if (queues == 0 || queues > 1024) return bad("queues must be between 1 and 1024");
  if (ring.block_size < 4096 || (ring.block_size & (ring.block_size - 1)) != 0)
    return bad("ring block size must be a power of two of at least 4096 bytes");
  if (ring.block_count < 2) return bad("ring needs at least 2 blocks");
  if (ring.retire_timeout_ms == 0) return bad("ring retire timeout must be at least 1 ms");
  if (first_ring.block_count != 0 &&
      (first_ring.block_size < 4096 || (first_ring.block_size & (first_ring.block_size - 1)) != 0 ||
       first_ring.block_count < 2 || first_ring.retire_timeout_ms == 0))
    return bad("the first queue's ring needs blocks of a power of two of at least 4096 bytes, at least 2 of them");
  if (grow_busy_percent > 100) return bad("the load that starts the standby queues is a percentage (0-100)");
  if (duration_seconds < 0) return bad("duration must not be negative");
  if (!cpus.empty() && cpus.size() < queues && cpus.size() != 1)
    return bad("--cpus lists fewer cores than there are queues");
  return Ok();
}

}  // namespace ringdump
