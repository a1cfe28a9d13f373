// FetchRemote and the URL syntax (see remote_fetch.hpp). The body is decoded as it arrives (a small state
// machine over chunk sizes), so a large answer never sits in memory.
#include "remote_fetch.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

#include "sys/errors.hpp"
#include "sys/unique_fd.hpp"

namespace ringdump::cli {
namespace {

// Reads what is there, waiting at most `timeout` for something; 0 at the end, -1 with errno on error.
ssize_t RecvSome(int fd, char* buf, size_t n, std::chrono::milliseconds timeout) {
  pollfd p{fd, POLLIN, 0};
  const int ready = ::poll(&p, 1, static_cast<int>(timeout.count()));
  if (ready == 0) {
    errno = ETIMEDOUT;
    return -1;
  }
  if (ready < 0) return -1;
  return ::recv(fd, buf, n, 0);
}

Result<sys::UniqueFd> ConnectTo(const RemoteUrl& url, std::chrono::milliseconds timeout) {
  sockaddr_storage addr{};
  socklen_t len = 0;
  auto* v4 = reinterpret_cast<sockaddr_in*>(&addr);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&addr);
  if (::inet_pton(AF_INET, url.host.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    v4->sin_port = htons(url.port);
    len = sizeof *v4;
  } else if (::inet_pton(AF_INET6, url.host.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    v6->sin6_port = htons(url.port);
    len = sizeof *v6;
  } else {
    return Error("not a numeric address: " + url.host, Error::Kind::kBadArgument);
  }
  sys::UniqueFd fd(::socket(addr.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd.valid()) return sys::LastError("socket");
  if (::connect(fd.get(), reinterpret_cast<sockaddr*>(&addr), len) != 0 && errno != EINPROGRESS)
    return sys::LastError("connect");
  pollfd p{fd.get(), POLLOUT, 0};
  if (::poll(&p, 1, static_cast<int>(timeout.count())) != 1) return Error("connect: timed out");
  int err = 0;
  socklen_t elen = sizeof err;
  ::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &err, &elen);
  if (err != 0) return Error(std::string("connect: ") + std::strerror(err));
  return fd;
}

Status SendAll(int fd, const std::string& data, std::chrono::milliseconds timeout) {
  size_t done = 0;
  while (done < data.size()) {
    const ssize_t n = ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
    if (n > 0) {
      done += size_t(n);
      continue;
    }
    if (n < 0 && errno != EAGAIN) return sys::LastError("send");
    pollfd p{fd, POLLOUT, 0};
    if (::poll(&p, 1, static_cast<int>(timeout.count())) != 1) return Error("send: timed out");
  }
  return Ok();
}

// Decodes a chunked body into a FILE*.
class Dechunker {
 public:
  explicit Dechunker(FILE* out) : out_(out) {}
  // false on a malformed chunk or a write error.
  bool Feed(const char* p, size_t n) {
    while (n > 0 && !done_) {
      if (left_ > 0) {  // chunk data
        const size_t take = std::min(left_, n);
        if (std::fwrite(p, 1, take, out_) != take) return false;
        left_ -= take, p += take, n -= take;
        if (left_ == 0) skip_crlf_ = 2;
        continue;
      }
      if (skip_crlf_ > 0) {
        --skip_crlf_, ++p, --n;
        continue;
      }
      line_ += *p++;  // a size line
      --n;
      if (line_.size() > 64) return false;
      if (line_.size() >= 2 && line_.ends_with("\r\n")) {
        char* end = nullptr;
        const unsigned long long size = std::strtoull(line_.c_str(), &end, 16);
        if (end == line_.c_str()) return false;
        line_.clear();
        if (size == 0) done_ = true;  // trailers are not used by the listener
        left_ = size;
      }
    }
    return true;
  }
  bool done() const { return done_; }

 private:
  FILE* out_;
  size_t left_ = 0;
  int skip_crlf_ = 0;
  std::string line_;
  bool done_ = false;
};

}  // namespace

std::string RemoteUrl::node() const {
  return (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

Result<RemoteUrl> ParseRemoteUrl(const std::string& text) {
  RemoteUrl u;
  u.text = text;
  std::string rest = text;
  if (rest.starts_with("http://")) rest = rest.substr(7);
  else if (rest.find("://") != std::string::npos)
    return Error(text + ": only http:// is supported", Error::Kind::kBadArgument);
  const size_t slash = rest.find('/');
  if (slash != std::string::npos) {
    u.path = rest.substr(slash);
    rest = rest.substr(0, slash);
  }
  std::string port;
  if (rest.starts_with("[")) {
    const size_t close = rest.find(']');
    if (close == std::string::npos) return Error(text + ": unclosed [", Error::Kind::kBadArgument);
    u.host = rest.substr(1, close - 1);
    if (close + 1 < rest.size() && rest[close + 1] == ':') port = rest.substr(close + 2);
  } else {
    const size_t colon = rest.rfind(':');
    u.host = rest.substr(0, colon);
    if (colon != std::string::npos) port = rest.substr(colon + 1);
  }
  if (u.host.empty()) return Error(text + ": no host", Error::Kind::kBadArgument);
  if (!port.empty()) {
    char* end = nullptr;
    const unsigned long p = std::strtoul(port.c_str(), &end, 10);
    if (*end != '\0' || p == 0 || p > 65535) return Error(text + ": bad port " + port, Error::Kind::kBadArgument);
    u.port = uint16_t(p);
  }
  return u;
}

std::string PercentEncode(const std::string& value) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += char(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

Status FetchRemote(const RemoteUrl& url, const std::string& query, const std::string& token,
                   const std::string& out_path, std::chrono::milliseconds timeout) {
  auto fd = ConnectTo(url, timeout);
  if (!fd.ok()) return std::move(fd).error();
  std::string request = "GET " + url.path + (query.empty() ? "" : "?" + query) + " HTTP/1.1\r\nHost: " +
                        url.node() + "\r\nConnection: close\r\n";
  if (!token.empty()) request += "Authorization: Bearer " + token + "\r\n";
  request += "\r\n";
  RINGDUMP_TRY(SendAll(fd->get(), request, timeout), "request");

  std::string head;  // up to the blank line
  char buf[65536];
  size_t body_start = std::string::npos;
  while (body_start == std::string::npos) {
    const ssize_t n = RecvSome(fd->get(), buf, sizeof buf, timeout);
    if (n < 0) return sys::LastError("receive");
    if (n == 0) return Error("closed before the answer");
    head.append(buf, size_t(n));
    body_start = head.find("\r\n\r\n");
    if (body_start == std::string::npos && head.size() > 65536) return Error("answer head too long");
  }
  const std::string status_line = head.substr(0, head.find("\r\n"));
  std::string body = head.substr(body_start + 4);
  head.resize(body_start);
  if (!status_line.starts_with("HTTP/1.1 200") && !status_line.starts_with("HTTP/1.0 200")) {
    while (body.size() < 4096) {  // the reason: a short body
      const ssize_t n = RecvSome(fd->get(), buf, sizeof buf, timeout);
      if (n <= 0) break;
      body.append(buf, size_t(n));
    }
    while (!body.empty() && (body.back() == '\n' || body.back() == '\r')) body.pop_back();
    return Error(status_line.substr(std::min(status_line.size(), size_t(9))) + ": " + body);
  }
  std::string lower = head;
  for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
  const bool chunked = lower.find("transfer-encoding: chunked") != std::string::npos;
  FILE* out = std::fopen(out_path.c_str(), "wbx");
  if (out == nullptr) return sys::LastError("open").Context(out_path);
  Dechunker dechunk(out);
  auto feed = [&](const char* p, size_t n) {
    return chunked ? dechunk.Feed(p, n) : std::fwrite(p, 1, n, out) == n;
  };
  bool ok = feed(body.data(), body.size());
  Status status = Ok();
  while (ok && !(chunked && dechunk.done())) {
    const ssize_t n = RecvSome(fd->get(), buf, sizeof buf, timeout);
    if (n < 0) {
      status = sys::LastError("receive");
      break;
    }
    if (n == 0) break;
    ok = feed(buf, size_t(n));
  }
  if (std::fclose(out) != 0 && ok) return sys::LastError("write").Context(out_path);
  if (!ok) return Error("malformed chunked body or write error");
  if (!status.ok()) return status;
  if (chunked && !dechunk.done()) return Error("the answer was cut off (no terminating chunk)");
  return Ok();
}

}  // namespace ringdump::cli
