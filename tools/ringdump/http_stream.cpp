// The producer/event-thread buffer of a streamed answer (see http_stream.hpp), and the two ways a streaming
// route answers (StreamReply::Fail, StreamReply::Stream).
#include "http_stream.hpp"

#include <algorithm>
#include <cstdio>

namespace ringdump::cli {

StreamReply StreamReply::Fail(int status, std::string reason) {
  StreamReply r;
  if (reason.empty() || reason.back() != '\n') reason += '\n';
  r.error = HttpResponse::Text(status, std::move(reason));
  return r;
}

StreamReply StreamReply::Stream(std::string content_type, BodyProducer producer) {
  StreamReply r;
  r.content_type = std::move(content_type);
  r.producer = std::move(producer);
  return r;
}

StreamChannel::StreamChannel(size_t capacity, bool chunked, std::function<void()> wake)
    : capacity_(std::max<size_t>(capacity, 1)), chunked_(chunked), wake_(std::move(wake)) {}

bool StreamChannel::Write(std::span<const uint8_t> bytes) {
  std::unique_lock lock(mutex_);
  size_t done = 0;
  while (done < bytes.size()) {
    space_.wait(lock, [&] { return closed_ || pending_.size() < capacity_; });
    if (closed_) return false;
    // A large write is cut to what fits, so the buffer (and the memory a slow client can pin) stays bounded.
    const size_t n = std::min(bytes.size() - done, capacity_ - pending_.size());
    const bool was_empty = pending_.empty();
    if (chunked_) {
      char size[24];
      std::snprintf(size, sizeof(size), "%zx\r\n", n);
      pending_ += size;
    }
    pending_.append(reinterpret_cast<const char*>(bytes.data() + done), n);
    if (chunked_) pending_ += "\r\n";
    done += n;
    if (was_empty) {
      lock.unlock();
      wake_();
      lock.lock();
    }
  }
  return !closed_;
}

void StreamChannel::Finish(bool complete) {
  {
    std::lock_guard lock(mutex_);
    end_ = complete ? End::kComplete : End::kFailed;
  }
  wake_();
}

bool StreamChannel::Take(std::string& out) {
  std::lock_guard lock(mutex_);
  if (pending_.empty()) return false;
  out += pending_;
  pending_.clear();
  space_.notify_all();
  return true;
}

StreamChannel::End StreamChannel::end() {
  std::lock_guard lock(mutex_);
  // Finished, but bytes still queued: not the end yet for the event thread.
  return pending_.empty() ? end_ : End::kRunning;
}

bool StreamChannel::finished() {
  std::lock_guard lock(mutex_);
  return end_ != End::kRunning;
}

void StreamChannel::Close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
    pending_.clear();
  }
  space_.notify_all();
}

}  // namespace ringdump::cli
