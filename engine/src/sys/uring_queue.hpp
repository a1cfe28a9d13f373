// Owns one io_uring instance (liburing): io_uring_queue_exit() when destroyed. Move-only; the ring lives on
// the heap so moving the owner never moves the struct the kernel mappings are described by.
// Not thread-safe, like the ring itself: the owner serialises submission and reaping.
#pragma once

#include <liburing.h>

#include <memory>

#include "ringdump/result.hpp"
#include "sys/errors.hpp"

namespace ringdump::sys {

class UringQueue {
 public:
  UringQueue() = default;

  // A ring with at least `entries` submission slots (the kernel rounds up to a power of two).
  static Result<UringQueue> Create(unsigned entries) {
    auto ring = std::make_unique<io_uring>();
    int res = io_uring_queue_init(entries, ring.get(), 0);
    if (res < 0) return CqeError("io_uring_queue_init", res);  // not initialised: only freed
    UringQueue queue;
    queue.ring_.reset(ring.release());
    return queue;
  }

  io_uring* get() const { return ring_.get(); }
  bool valid() const { return ring_ != nullptr; }

 private:
  struct Exit {
    void operator()(io_uring* ring) const {
      io_uring_queue_exit(ring);
      delete ring;
    }
  };
  std::unique_ptr<io_uring, Exit> ring_;
};

}  // namespace ringdump::sys
