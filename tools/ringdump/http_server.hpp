// A small HTTP/1.1 listener for the capture's own endpoints (/metrics, /healthz, /readyz, and the query
// issue's /pcap). One event thread (epoll over non-blocking sockets) serves every client; nothing a client
// does or fails to do blocks another:
//   - deadlines per connection: the request head within header_timeout, a short answer sent within
//     response_timeout of the accept, a streamed body making progress at least every send_timeout;
//   - a connection cap: when it is reached, the OLDEST IDLE connection (no complete request yet, or done and
//     lingering) is shed for the new one, so silent connections cannot lock scrapers out;
//   - one request per connection (`Connection: close` on every answer): no idle keep-alive to police.
// Listen() binds, Start() serves. Two kinds of route, registered by exact path (before or after Start):
//   - short: a function of the request returning status, type and body; it runs ON the event thread, so
//     it must be quick (render counters, no file or network I/O);
//   - streaming: a quick validating function, also on the event thread, that returns either an error
//     answer or a BodyProducer. The producer runs on a thread of its own (at most max_streams at once, else
//     503) and writes through a BodySink; the body goes out with `Transfer-Encoding: chunked`.
// Only GET (and HEAD for short routes) is served: 405 otherwise. With a token every request needs
// `Authorization: Bearer <token>` (401 otherwise). See docs/architecture.md, "HTTP listener".
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "http_access.hpp"
#include "http_request.hpp"
#include "ringdump/result.hpp"

namespace ringdump::cli {

// Where a producer writes its body. Implemented by the listener; valid for the producer's whole run.
class BodySink {
 public:
  // Queues bytes for the client. Blocks while the connection's buffer is full (the client reads slowly),
  // never longer than the send deadline. Returns false once the client is gone, stopped reading for
  // send_timeout, or the server is stopping: the producer should return then; later calls return false
  // at once. An empty span only asks whether the client is still there.
  virtual bool Write(std::span<const uint8_t> bytes) = 0;

 protected:
  ~BodySink() = default;
};

// The body of a streamed answer. Runs on its own thread; may block (read files, wait for packets), but
// must return soon after Write returns false. Returns true when the body is complete (the terminating
// chunk is sent), false when it failed midway: the connection is then closed without the terminator, so
// the client sees a truncated body rather than a short one that looks whole.
using BodyProducer = std::function<bool(BodySink& sink)>;

// What a streaming route's handler decides up front: an error answer (400 with a one-line reason) or a
// producer for a 200 answer.
struct StreamReply {
  HttpResponse error;     // answered as is when producer is empty
  BodyProducer producer;  // set: status 200, content_type, headers, chunked body from the producer
  std::string content_type = "application/octet-stream";
  std::vector<std::pair<std::string, std::string>> headers;  // e.g. Content-Disposition

  static StreamReply Fail(int status, std::string reason);  // reason: one line, no newline needed
  static StreamReply Stream(std::string content_type, BodyProducer producer);
};

using ShortHandler = std::function<HttpResponse(const HttpRequest&)>;
using StreamHandler = std::function<StreamReply(const HttpRequest&)>;

struct HttpServerOptions {
  std::string flag = "--metrics-listen";  // names the option in errors
  std::string token;                      // non-empty: every request needs `Authorization: Bearer token`
  std::chrono::milliseconds header_timeout{5000};     // accept -> complete request head
  std::chrono::milliseconds response_timeout{10000};  // accept -> short answer fully sent
  std::chrono::milliseconds send_timeout{10000};      // a stream's longest wait for the client to read
  size_t max_connections = 256;
  size_t max_streams = 4;
  size_t max_header_bytes = 8192;          // request line + headers; 431 beyond
  size_t stream_buffer_bytes = 256 << 10;  // queued per stream before Write blocks
};

// What the listener has done, for tests and for whoever wants to export it.
struct HttpServerCounters {
  uint64_t accepted = 0;
  uint64_t answered = 0;   // answers fully sent (short and streamed)
  uint64_t shed = 0;       // idle connections closed to make room for a new one
  uint64_t refused = 0;    // new connections closed because nothing could be shed
  uint64_t timed_out = 0;  // connections closed by a deadline
  uint64_t streams = 0;    // producers running now
  uint64_t open = 0;       // connections open now
};

class HttpServer {
 public:
  // Binds `address` (already checked against the policy) and listens; connections wait in the backlog
  // until Start(), so routes registered in between are there for the first client.
  static Result<std::unique_ptr<HttpServer>> Listen(const ListenAddress& address, const std::string& text,
                                                    HttpServerOptions options);
  void Start();  // starts the event thread; once
  // Stops the event thread, closes every connection (sinks return false), then joins the producers.
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Routes by exact path (after percent-decoding; the query string is not part of it). May be called at
  // any time, from any thread; a later registration of the same path replaces the earlier one.
  void Handle(const std::string& path, ShortHandler handler);
  void HandleStream(const std::string& path, StreamHandler handler);

  uint16_t port() const;
  HttpServerCounters counters() const;

  class Impl;

 private:
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ringdump::cli
