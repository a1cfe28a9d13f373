// The resolver thread behind ReverseResolver, and the system reverse lookup (getnameinfo). The state the
// thread works on is shared between the thread and the ReverseResolver, so the resolver can be destroyed
// while a lookup hangs: the thread keeps the state alive until that lookup returns, then sees the stop
// flag and exits.
#include "reverse_resolver.hpp"

#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <atomic>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <system_error>
#include <utility>

namespace ringdump::print {

HostAddress HostAddress::Of(const uint8_t* addr, int family) {
  HostAddress a;
  a.family = family;
  memcpy(a.bytes.data(), addr, family == AF_INET6 ? 16 : 4);
  return a;
}

size_t HostAddressHash::operator()(const HostAddress& a) const {
  uint64_t h = 1469598103934665603ull ^ uint64_t(a.family);  // FNV-1a
  for (uint8_t b : a.bytes) h = (h ^ b) * 1099511628211ull;
  return size_t(h);
}

std::optional<std::string> SystemHostLookup(const uint8_t* addr, int family) {
  char host[NI_MAXHOST];
  int rc;
  if (family == AF_INET6) {
    struct sockaddr_in6 sin6 {};
    sin6.sin6_family = AF_INET6;
    memcpy(&sin6.sin6_addr, addr, 16);
    rc = getnameinfo(reinterpret_cast<sockaddr*>(&sin6), sizeof sin6, host, sizeof host, nullptr, 0,
                     NI_NAMEREQD);
  } else {
    struct sockaddr_in sin {};
    sin.sin_family = AF_INET;
    memcpy(&sin.sin_addr, addr, 4);
    rc = getnameinfo(reinterpret_cast<sockaddr*>(&sin), sizeof sin, host, sizeof host, nullptr, 0,
                     NI_NAMEREQD);
  }
  if (rc != 0) return std::nullopt;
  return std::string(host);
}

struct ReverseResolver::State {
  HostLookup lookup;
  size_t max_pending;
  std::mutex mu;
  std::condition_variable wake;       // queue not empty, or stopping
  std::deque<HostAddress> queue;      // guarded by mu
  std::vector<Result> done;           // guarded by mu; finished, not yet drained
  size_t in_flight = 0;               // guarded by mu; queued + being looked up + in done
  bool busy = false;                  // guarded by mu; the thread is inside lookup()
  bool stopping = false;              // guarded by mu
  std::atomic<bool> has_done{false};  // done is not empty: lets Drain skip the lock
};

ReverseResolver::ReverseResolver(HostLookup lookup, size_t max_pending) : state_(std::make_shared<State>()) {
  state_->lookup = lookup ? std::move(lookup) : HostLookup(SystemHostLookup);
  state_->max_pending = max_pending;
  try {
    thread_ = std::thread(Run, state_);
  } catch (const std::system_error&) {
    state_->stopping = true;  // no thread: Submit refuses everything, names print numerically
  }
}

ReverseResolver::~ReverseResolver() {
  if (!thread_.joinable()) return;
  bool busy;
  {
    std::lock_guard lock(state_->mu);
    state_->stopping = true;
    state_->queue.clear();
    busy = state_->busy;
  }
  state_->wake.notify_all();
  // Not busy: the thread is waiting on `wake` or about to take the lock, and exits as soon as it sees
  // stopping, so the join is immediate. Busy: it may be stuck in getnameinfo for as long as the resolver's
  // timeouts allow; it owns a reference to the state and calls lookup no more once that call returns.
  if (busy) {
    thread_.detach();
  } else {
    thread_.join();
  }
}

bool ReverseResolver::Submit(const HostAddress& address) {
  {
    std::lock_guard lock(state_->mu);
    if (state_->stopping || state_->in_flight >= state_->max_pending) return false;
    state_->queue.push_back(address);
    state_->in_flight++;
  }
  state_->wake.notify_one();
  return true;
}

void ReverseResolver::Drain(std::vector<Result>& out) {
  out.clear();
  if (!state_->has_done.load(std::memory_order_acquire)) return;
  std::lock_guard lock(state_->mu);
  out.swap(state_->done);
  state_->in_flight -= out.size();
  state_->has_done.store(false, std::memory_order_relaxed);
}

void ReverseResolver::Run(std::shared_ptr<State> state) {
  std::unique_lock lock(state->mu);
  for (;;) {
    state->wake.wait(lock, [&] { return state->stopping || !state->queue.empty(); });
    if (state->stopping) return;
    HostAddress address = state->queue.front();
    state->queue.pop_front();
    state->busy = true;
    lock.unlock();
    std::optional<std::string> name;
    try {
      name = state->lookup(address.data(), address.family);
    } catch (...) {
      name.reset();  // a failed lookup is "no name", as when getnameinfo fails
    }
    lock.lock();
    state->busy = false;
    state->done.push_back(Result{address, name ? std::move(*name) : std::string()});
    state->has_done.store(true, std::memory_order_release);
  }
}

}  // namespace ringdump::print
