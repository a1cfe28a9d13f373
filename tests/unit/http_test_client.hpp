// A small HTTP client for the listener tests: connections that stay idle (non-blocking connect, so a server
// whose accept queue is full cannot hang the test), a slow-loris that sends part of a request, and Fetch(),
// one exchange bounded by a deadline that reports how long it took. Header-only: the test binaries share it.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "sys/unique_fd.hpp"

namespace ringdump::testing {

using HttpClock = std::chrono::steady_clock;

// A TCP connection to 127.0.0.1:port started without waiting for the handshake to finish.
inline sys::UniqueFd ConnectNonBlocking(uint16_t port) {
  sys::UniqueFd fd(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  (void)::connect(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  return fd;
}

// Connects and waits (up to timeout) for the handshake; an invalid fd when it does not complete.
inline sys::UniqueFd Connect(uint16_t port,
                             std::chrono::milliseconds timeout = std::chrono::milliseconds(3000)) {
  sys::UniqueFd fd = ConnectNonBlocking(port);
  pollfd p{fd.get(), POLLOUT, 0};
  if (::poll(&p, 1, static_cast<int>(timeout.count())) != 1) return {};
  int err = 0;
  socklen_t len = sizeof(err);
  getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &err, &len);
  if (err != 0) return {};
  return fd;
}

inline bool SendAll(int fd, const std::string& data) {
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
    if (n < 0 && errno == EAGAIN) {
      pollfd p{fd, POLLOUT, 0};
      ::poll(&p, 1, 100);
      continue;
    }
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

// Reads until the peer closes, max_bytes arrive, or the deadline passes. Returns what arrived;
// *closed says whether the peer closed (EOF or reset).
inline std::string ReadUntilClosed(int fd, HttpClock::time_point deadline, bool* closed = nullptr,
                                   size_t max_bytes = SIZE_MAX) {
  std::string out;
  if (closed) *closed = false;
  char buf[16384];
  while (out.size() < max_bytes) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - HttpClock::now());
    if (left.count() <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left.count())) != 1) continue;
    const ssize_t n = ::recv(fd, buf, sizeof(buf), MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (n <= 0) {
      if (closed) *closed = true;
      break;
    }
    out.append(buf, static_cast<size_t>(n));
  }
  return out;
}

struct FetchResult {
  std::string response;  // the whole response; "" when nothing came
  bool closed = false;   // the server closed the connection (the end of a Connection: close response)
  double seconds = 0;    // from connect to close (or to the deadline)
  int status() const {
    return response.size() >= 12 && response.rfind("HTTP/1.1 ", 0) == 0 ? std::stoi(response.substr(9, 3))
                                                                        : 0;
  }
  std::string body() const {
    const size_t end = response.find("\r\n\r\n");
    return end == std::string::npos ? "" : response.substr(end + 4);
  }
};

// One exchange: connect, send request, read until the server closes; everything within timeout.
inline FetchResult Fetch(uint16_t port, const std::string& request,
                         std::chrono::milliseconds timeout = std::chrono::milliseconds(3000)) {
  FetchResult r;
  const auto start = HttpClock::now();
  const auto deadline = start + timeout;
  sys::UniqueFd fd = Connect(port, timeout);
  if (fd.valid() && SendAll(fd.get(), request)) r.response = ReadUntilClosed(fd.get(), deadline, &r.closed);
  r.seconds = std::chrono::duration<double>(HttpClock::now() - start).count();
  return r;
}

inline std::string Get(const std::string& target, const std::string& extra_headers = "") {
  return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra_headers + "\r\n";
}

// Idle connections and a slow-loris (a request line cut short, never finished) held open together.
struct Loiterers {
  std::vector<sys::UniqueFd> idle;
  sys::UniqueFd loris;
  Loiterers(uint16_t port, int idle_count) {
    for (int i = 0; i < idle_count; ++i) idle.push_back(ConnectNonBlocking(port));
    loris = Connect(port, std::chrono::milliseconds(500));
    if (loris.valid()) (void)::send(loris.get(), "GET /met", 8, MSG_NOSIGNAL);
  }
};

}  // namespace ringdump::testing
