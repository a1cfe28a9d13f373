// The hand-over between a streaming route's producer thread and the listener's event thread (see
// http_server.hpp): a bounded buffer of framed body bytes. The producer writes (blocking while the buffer
// is full); the event thread takes what is queued and sends it as the socket allows. Either side can end
// it: the producer by finishing, the event thread by closing (client gone, send deadline, server stop),
// after which Write returns false at once. Internal to the listener.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <span>
#include <string>

#include "http_server.hpp"

namespace ringdump::cli {

class StreamChannel final : public BodySink {
 public:
  enum class End { kRunning, kComplete, kFailed };

  // capacity: bytes queued before Write blocks. chunked: frame each write as an HTTP/1.1 chunk (else the
  // bytes go as they are, for an HTTP/1.0 client, ended by the close). wake: tells the event thread there
  // is something to take; called without the lock held, from the producer's thread.
  StreamChannel(size_t capacity, bool chunked, std::function<void()> wake);

  bool Write(std::span<const uint8_t> bytes) override;  // producer thread
  void Finish(bool complete);                           // producer thread, once, after its last Write

  // Event thread: appends everything queued to out (and wakes a blocked Write); true if anything moved.
  bool Take(std::string& out);
  End end();        // kRunning while bytes are still queued, even after Finish
  bool finished();  // the producer has returned
  // Event thread: the client is gone or the server stops; Write returns false from now on.
  void Close();

 private:
  std::mutex mutex_;
  std::condition_variable space_;  // signalled when Take empties the buffer or Close ends it
  std::string pending_;
  const size_t capacity_;
  const bool chunked_;
  bool closed_ = false;
  End end_ = End::kRunning;
  std::function<void()> wake_;
};

}  // namespace ringdump::cli
