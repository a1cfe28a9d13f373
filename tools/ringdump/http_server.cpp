// The listener's event loop (see http_server.hpp). One thread owns every connection: epoll over non-blocking
// sockets, an eventfd that producers and the destructor use to wake it, and deadlines checked after every
// wake (epoll_wait sleeps until the nearest one). A connection moves kReading -> kWriting (short answer) or
// kStreaming -> kLingering (our side shut down, waiting for the client's close so that unread request
// bytes do not turn our close into a reset that could destroy the answer) -> closed.
#include "http_server.hpp"

#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <system_error>
#include <thread>
#include <unordered_map>

#include "http_stream.hpp"
#include "sys/errors.hpp"
#include "sys/unique_fd.hpp"

namespace ringdump::cli {
namespace {

using Clock = std::chrono::steady_clock;
constexpr uint64_t kListenId = 0, kWakeId = 1;
constexpr auto kLinger = std::chrono::milliseconds(1000);
constexpr size_t kFlushBudget = 1 << 20;  // bytes sent to one connection per wake

struct Route {
  ShortHandler short_handler;
  StreamHandler stream_handler;
};

struct Connection {
  enum class State { kReading, kWriting, kStreaming, kLingering };
  uint64_t id = 0;
  sys::UniqueFd fd;
  State state = State::kReading;
  Clock::time_point accepted, linger_until, last_progress;
  std::string in;
  std::string out;
  size_t out_sent = 0;
  uint32_t events = 0;  // the epoll interest now
  bool watched = false;
  bool peer_closed = false;  // the client shut down its side after sending its request
  bool chunked = false;
  std::shared_ptr<StreamChannel> channel;
  bool trailer_queued = false;  // the stream's end (terminating chunk) is in out
  bool idle() const { return state == State::kReading || state == State::kLingering; }
};

struct Stream {
  std::shared_ptr<StreamChannel> channel;
  std::thread thread;
};

}  // namespace

class HttpServer::Impl {
 public:
  explicit Impl(HttpServerOptions options) : options_(std::move(options)) {}
  Status Open(const ListenAddress& address, const std::string& text);
  void Run();
  void Stop();

  HttpServerOptions options_;
  sys::UniqueFd listen_fd_, wake_fd_, epoll_fd_;
  uint16_t port_ = 0;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::mutex routes_mutex_;
  std::map<std::string, Route> routes_;
  struct {
    std::atomic<uint64_t> accepted{0}, answered{0}, shed{0}, refused{0}, timed_out{0}, streams{0}, open{0};
  } counters_;

 private:
  void Wake() {
    const uint64_t one = 1;
    (void)!::write(wake_fd_.get(), &one, sizeof(one));
  }
  void Watch(Connection& c, uint32_t events);
  void AcceptAll();
  bool ShedOldestIdle();
  void OnEvent(Connection& c, uint32_t events);
  void ReadRequest(Connection& c);
  void Dispatch(Connection& c, const HttpRequest& request);
  void Answer(Connection& c, const HttpResponse& response, bool head_only = false);
  void StartStream(Connection& c, const HttpRequest& request, StreamReply reply);
  void Flush(Connection& c);
  void Linger(Connection& c);
  void Close(Connection& c);
  std::optional<Clock::time_point> Deadline(const Connection& c) const;
  int ExpireAndTimeout(Clock::time_point now);
  void ReapStreams(bool all);

  std::list<Connection> conns_;  // in accept order: the front is the oldest
  std::unordered_map<uint64_t, std::list<Connection>::iterator> by_id_;
  uint64_t next_id_ = 2;
  std::vector<Stream> streams_;
  std::optional<Clock::time_point> accept_paused_until_;  // out of descriptors, nothing to shed
};

Status HttpServer::Impl::Open(const ListenAddress& address, const std::string& text) {
  const std::string where = options_.flag + " " + text;
  listen_fd_.reset(::socket(address.addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!listen_fd_.valid()) return sys::LastError("socket").Context(where);
  const int one = 1;
  setsockopt(listen_fd_.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  if (::bind(listen_fd_.get(), reinterpret_cast<const sockaddr*>(&address.addr), address.len) < 0)
    return sys::LastError("bind").Context(where);
  if (::listen(listen_fd_.get(), 512) < 0) return sys::LastError("listen").Context(where);
  sockaddr_storage bound{};
  socklen_t len = sizeof(bound);
  getsockname(listen_fd_.get(), reinterpret_cast<sockaddr*>(&bound), &len);
  port_ = ntohs(bound.ss_family == AF_INET ? reinterpret_cast<sockaddr_in*>(&bound)->sin_port
                                           : reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port);
  wake_fd_.reset(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
  if (!wake_fd_.valid()) return sys::LastError("eventfd").Context(where);
  epoll_fd_.reset(::epoll_create1(EPOLL_CLOEXEC));
  if (!epoll_fd_.valid()) return sys::LastError("epoll_create1").Context(where);
  epoll_event ev{EPOLLIN, {.u64 = kListenId}};
  epoll_ctl(epoll_fd_.get(), EPOLL_CTL_ADD, listen_fd_.get(), &ev);
  ev.data.u64 = kWakeId;
  epoll_ctl(epoll_fd_.get(), EPOLL_CTL_ADD, wake_fd_.get(), &ev);
  return Ok();
}

void HttpServer::Impl::Run() {
  epoll_event events[64];
  int timeout = -1;
  while (!stopping_.load()) {
    const int n = ::epoll_wait(epoll_fd_.get(), events, 64, timeout);
    if (n < 0 && errno != EINTR) break;
    for (int i = 0; i < n; ++i) {
      const uint64_t id = events[i].data.u64;
      if (id == kListenId) {
        AcceptAll();
      } else if (id == kWakeId) {
        uint64_t value;
        (void)!::read(wake_fd_.get(), &value, sizeof(value));
        for (auto it = conns_.begin(); it != conns_.end();) {
          Connection& c = *it++;  // Flush may close c
          if (c.state == Connection::State::kStreaming) Flush(c);
        }
      } else if (auto it = by_id_.find(id); it != by_id_.end()) {
        OnEvent(*it->second, events[i].events);
      }
    }
    ReapStreams(false);
    timeout = ExpireAndTimeout(Clock::now());
  }
  while (!conns_.empty()) Close(conns_.front());
  ReapStreams(true);
}

void HttpServer::Impl::Watch(Connection& c, uint32_t events) {
  if (c.watched && c.events == events) return;
  epoll_event ev{events, {.u64 = c.id}};
  epoll_ctl(epoll_fd_.get(), c.watched ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, c.fd.get(), &ev);
  c.events = events;
  c.watched = true;
}

void HttpServer::Impl::AcceptAll() {
  while (true) {
    sys::UniqueFd fd(::accept4(listen_fd_.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
    if (!fd.valid()) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      // Out of descriptors: make room from the idle ones, else leave the rest in the backlog for now.
      if (errno == EMFILE || errno == ENFILE) {
        if (ShedOldestIdle()) continue;
        // Nothing to shed: stop listening for a moment rather than spin on a ready listening socket.
        epoll_event ev{0, {.u64 = kListenId}};
        epoll_ctl(epoll_fd_.get(), EPOLL_CTL_MOD, listen_fd_.get(), &ev);
        accept_paused_until_ = Clock::now() + std::chrono::milliseconds(100);
      }
      return;
    }
    ++counters_.accepted;
    if (conns_.size() >= options_.max_connections && !ShedOldestIdle()) {
      ++counters_.refused;  // every connection is busy answering: the newcomer waits for none of them
      continue;
    }
    Connection& c = conns_.emplace_back();
    c.id = next_id_++;
    c.fd = std::move(fd);
    c.accepted = Clock::now();
    by_id_[c.id] = std::prev(conns_.end());
    ++counters_.open;
    Watch(c, EPOLLIN | EPOLLRDHUP);
  }
}

bool HttpServer::Impl::ShedOldestIdle() {
  for (auto& c : conns_)
    if (c.idle()) {
      ++counters_.shed;
      Close(c);
      return true;
    }
  return false;
}

void HttpServer::Impl::OnEvent(Connection& c, uint32_t events) {
  if (events & (EPOLLERR | EPOLLHUP)) return Close(c);
  if (events & (EPOLLIN | EPOLLRDHUP)) {
    if (c.state == Connection::State::kReading) {
      ReadRequest(c);
      return;
    }
    // After the request: whatever else the client sends is read and dropped; its close ends a stream
    // (the client is gone) or the linger; a short answer is still finished after a half-close.
    char buf[4096];
    ssize_t n;
    while ((n = ::recv(c.fd.get(), buf, sizeof(buf), 0)) > 0) {
    }
    if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
      if (c.state != Connection::State::kWriting) return Close(c);
      Watch(c, c.events & ~(EPOLLIN | EPOLLRDHUP));
    }
  }
  if ((events & EPOLLOUT) &&
      (c.state == Connection::State::kWriting || c.state == Connection::State::kStreaming))
    Flush(c);
}

void HttpServer::Impl::ReadRequest(Connection& c) {
  char buf[4096];
  while (c.in.size() <= options_.max_header_bytes) {
    const ssize_t n = ::recv(c.fd.get(), buf, sizeof(buf), 0);
    if (n > 0) {
      c.in.append(buf, static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) break;
    if (n < 0) return Close(c);
    c.peer_closed = true;  // a client may shut down its side once its request is sent
    break;
  }
  const std::optional<size_t> end = FindHeaderEnd(c.in);
  if ((end && *end > options_.max_header_bytes) || (!end && c.in.size() > options_.max_header_bytes))
    return Answer(c, HttpResponse::Text(431, "request head longer than " +
                                                 std::to_string(options_.max_header_bytes) + " bytes\n"));
  if (!end) {
    if (c.peer_closed) Close(c);  // closed before a whole request: nobody to answer
    return;
  }
  if (c.peer_closed) Watch(c, 0);  // the end of input would wake us forever
  auto parsed = ParseHttpRequest(std::string_view(c.in).substr(0, *end));
  c.in.clear();
  if (auto* error = std::get_if<HttpParseError>(&parsed))
    return Answer(c, HttpResponse::Text(error->status, error->reason + "\n"));
  Dispatch(c, std::get<HttpRequest>(parsed));
}

void HttpServer::Impl::Dispatch(Connection& c, const HttpRequest& request) {
  if (!options_.token.empty()) {
    const auto auth = request.FindHeader("authorization");
    if (!auth || !BearerTokenMatches(*auth, options_.token)) {
      HttpResponse denied = HttpResponse::Text(401, "a bearer token is required\n");
      denied.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"ringdump\"");
      return Answer(c, denied);
    }
  }
  Route route;
  {
    std::lock_guard lock(routes_mutex_);
    if (auto it = routes_.find(request.path); it != routes_.end()) route = it->second;
  }
  const bool get = request.method == "GET", head = request.method == "HEAD";
  if (!route.short_handler && !route.stream_handler) {
    if (!get && !head) return Answer(c, HttpResponse::Text(405, "only GET is served\n"));
    return Answer(c, HttpResponse::Text(404, "no such path: " + request.path + "\n"));
  }
  if (!get && !(head && route.short_handler)) {
    HttpResponse refused = HttpResponse::Text(405, "only GET is served\n");
    refused.headers.emplace_back("Allow", route.short_handler ? "GET, HEAD" : "GET");
    return Answer(c, refused);
  }
  HttpResponse response;
  StreamReply reply;
  try {
    if (route.short_handler)
      response = route.short_handler(request);
    else
      reply = route.stream_handler(request);
  } catch (...) {  // a handler's failure answers its client, it does not end the capture
    return Answer(c, HttpResponse::Text(500, "the handler failed\n"));
  }
  if (route.short_handler) return Answer(c, response, head);
  StartStream(c, request, std::move(reply));
}

void HttpServer::Impl::Answer(Connection& c, const HttpResponse& response, bool head_only) {
  c.state = Connection::State::kWriting;
  c.out = FormatResponseHead(response.status, response.content_type, response.headers,
                             "Content-Length: " + std::to_string(response.body.size()) + "\r\n");
  if (!head_only) c.out += response.body;
  c.out_sent = 0;
  Flush(c);
}

void HttpServer::Impl::StartStream(Connection& c, const HttpRequest& request, StreamReply reply) {
  if (!reply.producer) return Answer(c, reply.error);
  if (streams_.size() >= options_.max_streams)
    return Answer(c, HttpResponse::Text(503, "too many concurrent streams (at most " +
                                                 std::to_string(options_.max_streams) + "); retry later\n"));
  const bool chunked = !request.http10;
  auto channel = std::make_shared<StreamChannel>(options_.stream_buffer_bytes, chunked, [this] { Wake(); });
  std::thread thread;
  try {
    thread = std::thread([channel, producer = std::move(reply.producer)]() mutable {
      bool complete = false;
      try {
        complete = producer(*channel);
      } catch (...) {
      }
      producer = nullptr;  // release what the producer holds (open files) before saying it is done
      channel->Finish(complete);
    });
  } catch (const std::system_error&) {  // out of threads: nothing recorded yet
    return Answer(c, HttpResponse::Text(503, "cannot start a thread for the stream; retry later\n"));
  }
  streams_.push_back(Stream{channel, std::move(thread)});
  c.state = Connection::State::kStreaming;
  c.channel = channel;
  c.chunked = chunked;
  c.out = FormatResponseHead(200, reply.content_type, reply.headers,
                             chunked ? "Transfer-Encoding: chunked\r\n" : "");
  c.out_sent = 0;
  c.last_progress = Clock::now();
  ++counters_.streams;
  Flush(c);
}

void HttpServer::Impl::Flush(Connection& c) {
  // A fast client and a fast producer could keep this loop going: after a turn's worth of bytes the other
  // connections get theirs (EPOLLOUT brings this one back on the next wake).
  size_t budget = kFlushBudget;
  while (true) {
    while (c.out_sent < c.out.size()) {
      if (budget == 0) return Watch(c, c.events | EPOLLOUT);
      const size_t want = std::min(c.out.size() - c.out_sent, budget);
      const ssize_t n = ::send(c.fd.get(), c.out.data() + c.out_sent, want, MSG_NOSIGNAL);
      if (n > 0) {
        c.out_sent += static_cast<size_t>(n);
        budget -= static_cast<size_t>(n);
        c.last_progress = Clock::now();
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && errno == EAGAIN) return Watch(c, c.events | EPOLLOUT);
      return Close(c);  // reset by the client
    }
    c.out.clear();
    c.out_sent = 0;
    if (c.state == Connection::State::kWriting) {
      ++counters_.answered;
      return Linger(c);
    }
    if (c.state != Connection::State::kStreaming) return;
    if (c.trailer_queued) {
      ++counters_.answered;
      return Linger(c);
    }
    if (c.channel->Take(c.out)) continue;
    switch (c.channel->end()) {
      case StreamChannel::End::kRunning:  // wait for the producer; a client's close still ends it
        return Watch(c, c.peer_closed ? 0 : EPOLLIN | EPOLLRDHUP);
      case StreamChannel::End::kFailed:
        return Close(c);  // no terminating chunk: the client sees the cut
      case StreamChannel::End::kComplete:
        c.trailer_queued = true;
        if (c.chunked) c.out = "0\r\n\r\n";
        continue;
    }
  }
}

void HttpServer::Impl::Linger(Connection& c) {
  ::shutdown(c.fd.get(), SHUT_WR);
  c.state = Connection::State::kLingering;
  c.linger_until = Clock::now() + kLinger;
  Watch(c, EPOLLIN | EPOLLRDHUP);
}

void HttpServer::Impl::Close(Connection& c) {
  if (c.channel) c.channel->Close();
  epoll_ctl(epoll_fd_.get(), EPOLL_CTL_DEL, c.fd.get(), nullptr);
  --counters_.open;
  auto it = by_id_.find(c.id);
  const auto where = it->second;
  by_id_.erase(it);
  conns_.erase(where);  // c is gone from here on
}

std::optional<Clock::time_point> HttpServer::Impl::Deadline(const Connection& c) const {
  switch (c.state) {
    case Connection::State::kReading:
      return c.accepted + options_.header_timeout;
    case Connection::State::kWriting:
      return c.accepted + options_.response_timeout;
    case Connection::State::kLingering:
      return c.linger_until;
    case Connection::State::kStreaming:
      if (c.out_sent < c.out.size()) return c.last_progress + options_.send_timeout;
      return std::nullopt;  // waiting for the producer: a stream may be quiet for as long as it likes
  }
  return std::nullopt;
}

int HttpServer::Impl::ExpireAndTimeout(Clock::time_point now) {
  auto next = Clock::time_point::max();
  if (accept_paused_until_) {
    if (*accept_paused_until_ <= now) {
      epoll_event ev{EPOLLIN, {.u64 = kListenId}};
      epoll_ctl(epoll_fd_.get(), EPOLL_CTL_MOD, listen_fd_.get(), &ev);
      accept_paused_until_.reset();
    } else {
      next = *accept_paused_until_;
    }
  }
  for (auto it = conns_.begin(); it != conns_.end();) {
    Connection& c = *it++;
    const auto deadline = Deadline(c);
    if (!deadline) continue;
    if (*deadline <= now) {
      if (c.state != Connection::State::kLingering) ++counters_.timed_out;
      if (c.state == Connection::State::kReading) {  // one try at saying why; never waits for the client
        static constexpr char k408[] =
            "HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        (void)!::send(c.fd.get(), k408, sizeof(k408) - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
      }
      Close(c);
      continue;
    }
    next = std::min(next, *deadline);
  }
  if (next == Clock::time_point::max()) return -1;
  const auto ms = std::chrono::ceil<std::chrono::milliseconds>(next - now).count();
  return static_cast<int>(std::clamp<int64_t>(ms, 1, 60000));
}

void HttpServer::Impl::ReapStreams(bool all) {
  for (auto it = streams_.begin(); it != streams_.end();) {
    if (all) it->channel->Close();
    if (all || it->channel->finished()) {
      // Finished (or told to stop): the thread is returning, so the join waits no longer than that.
      it->thread.join();
      it = streams_.erase(it);
      --counters_.streams;
      continue;
    }
    ++it;
  }
}

void HttpServer::Impl::Stop() {
  stopping_.store(true);
  Wake();
}

// The public face.

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<std::unique_ptr<HttpServer>> HttpServer::Listen(const ListenAddress& address, const std::string& text,
                                                       HttpServerOptions options) {
  auto impl = std::make_unique<Impl>(std::move(options));
  if (Status opened = impl->Open(address, text); !opened.ok()) return std::move(opened).error();
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

void HttpServer::Start() {
  if (!impl_->thread_.joinable()) impl_->thread_ = std::thread(&Impl::Run, impl_.get());
}

HttpServer::~HttpServer() {
  if (!impl_->thread_.joinable()) return;
  impl_->Stop();
  impl_->thread_.join();
}

void HttpServer::Handle(const std::string& path, ShortHandler handler) {
  std::lock_guard lock(impl_->routes_mutex_);
  impl_->routes_[path] = Route{std::move(handler), nullptr};
}

void HttpServer::HandleStream(const std::string& path, StreamHandler handler) {
  std::lock_guard lock(impl_->routes_mutex_);
  impl_->routes_[path] = Route{nullptr, std::move(handler)};
}

uint16_t HttpServer::port() const { return impl_->port_; }

HttpServerCounters HttpServer::counters() const {
  const auto& k = impl_->counters_;
  return {k.accepted.load(),  k.answered.load(), k.shed.load(), k.refused.load(),
          k.timed_out.load(), k.streams.load(),  k.open.load()};
}

}  // namespace ringdump::cli
