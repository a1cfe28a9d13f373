// The generic HTTP listener (tools/ringdump/http_server.hpp) on loopback: request parsing and ParseQuery on
// strings; then a live server for the status codes (404, 405, 400, 431), the deadlines (a slow-loris is
// closed by the header deadline, a client that stops reading a stream is cut off by the send deadline), the
// connection cap shedding the oldest idle connection, the bearer token, and streamed answers (chunked, beside
// short ones, stopped when the client leaves, bounded in number).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "http_server.hpp"
#include "http_test_client.hpp"

namespace ringdump::cli {
namespace {

using ringdump::testing::Connect;
using ringdump::testing::Fetch;
using ringdump::testing::Get;
using ringdump::testing::HttpClock;
using ringdump::testing::ReadUntilClosed;
using ringdump::testing::SendAll;
using std::chrono::milliseconds;

// --- parsing ---

TEST(HttpQuery, PercentDecodesNamesAndValues) {
  auto q =
      ParseQuery("after=2026-12-04T10%3A00%3A00Z&filter=tcp+port%2080&max_bytes=1048576&flag&&x%5B%5D=a%26b");
  ASSERT_TRUE(q.ok()) << q.error().message();
  EXPECT_EQ(q->at("after"), "2026-12-04T10:00:00Z");
  EXPECT_EQ(q->at("filter"), "tcp port 80");
  EXPECT_EQ(q->at("max_bytes"), "1048576");
  EXPECT_EQ(q->at("flag"), "");
  EXPECT_EQ(q->at("x[]"), "a&b");
  EXPECT_EQ(q->size(), 5u);
}

TEST(HttpQuery, RejectsBadEscapesAndRepeatedNames) {
  for (const char* bad : {"a=%", "a=%4", "a=%zz", "a=%00", "%G1=1"}) {
    auto q = ParseQuery(bad);
    EXPECT_FALSE(q.ok()) << bad;
  }
  auto twice = ParseQuery("filter=a&filter=b");
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().message(), "query parameter filter given twice");
}

TEST(HttpRequestParse, SplitsTargetAndLowercasesHeaders) {
  auto parsed = ParseHttpRequest("GET /p%61th?x=1 HTTP/1.1\r\nHost: a\r\nAuthorization:  Bearer t  \r\n\r\n");
  ASSERT_TRUE(std::holds_alternative<HttpRequest>(parsed));
  const auto& r = std::get<HttpRequest>(parsed);
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.path, "/path");
  EXPECT_EQ(r.query, "x=1");
  EXPECT_FALSE(r.http10);
  EXPECT_EQ(r.FindHeader("authorization").value_or(""), "Bearer t");
  EXPECT_FALSE(r.FindHeader("cookie").has_value());
}

TEST(HttpRequestParse, MalformedHeadsAre400) {
  for (const char* bad : {"GET\r\n\r\n", "GET /x\r\n\r\n", "GET x HTTP/1.1\r\n\r\n", "GET /x HTTP/2\r\n\r\n",
                          "GET http://h/x HTTP/1.1\r\n\r\n", "GET /x HTTP/1.1\r\nNoColon\r\n\r\n",
                          "GET /x HTTP/1.1\r\nA: b\r\n folded\r\n\r\n", "GET /%zz HTTP/1.1\r\n\r\n",
                          "GET  /x HTTP/1.1\r\n\r\n"}) {
    auto parsed = ParseHttpRequest(bad);
    ASSERT_TRUE(std::holds_alternative<HttpParseError>(parsed)) << bad;
    EXPECT_EQ(std::get<HttpParseError>(parsed).status, 400) << bad;
  }
}

TEST(HttpRequestParse, FindsTheEndOfTheHead) {
  EXPECT_FALSE(FindHeaderEnd("GET /met").has_value());
  EXPECT_FALSE(FindHeaderEnd("GET / HTTP/1.1\r\nHost: x\r\n").has_value());
  EXPECT_EQ(FindHeaderEnd("GET / HTTP/1.1\r\n\r\nrest").value_or(0), 18u);
  EXPECT_EQ(FindHeaderEnd("GET / HTTP/1.0\n\n").value_or(0), 16u);
}

TEST(HttpAccess, BearerTokenCompare) {
  EXPECT_TRUE(BearerTokenMatches("Bearer s3cret", "s3cret"));
  EXPECT_TRUE(BearerTokenMatches("bearer s3cret", "s3cret"));
  EXPECT_FALSE(BearerTokenMatches("Bearer s3cre", "s3cret"));
  EXPECT_FALSE(BearerTokenMatches("Bearer s3cretX", "s3cret"));
  EXPECT_FALSE(BearerTokenMatches("Bearer s3creT", "s3cret"));
  EXPECT_FALSE(BearerTokenMatches("Basic s3cret", "s3cret"));
  EXPECT_FALSE(BearerTokenMatches("Bearer ", ""));
}

// --- a live server ---

struct Server {
  std::unique_ptr<HttpServer> http;
  explicit Server(HttpServerOptions options = {}) {
    auto address = ParseListenAddress("127.0.0.1:0", "--test");
    EXPECT_TRUE(address.ok());
    auto listening = HttpServer::Listen(*address, "127.0.0.1:0", std::move(options));
    EXPECT_TRUE(listening.ok()) << listening.error().message();
    http = std::move(listening).value();
    http->Handle("/metrics", [](const HttpRequest&) { return HttpResponse::Text(200, "counters\n"); });
    http->Start();
  }
  uint16_t port() const { return http->port(); }
};

// Polls until pred holds or the timeout passes.
template <typename Pred>
bool Eventually(Pred pred, milliseconds timeout = milliseconds(3000)) {
  const auto until = HttpClock::now() + timeout;
  while (HttpClock::now() < until) {
    if (pred()) return true;
    std::this_thread::sleep_for(milliseconds(10));
  }
  return pred();
}

TEST(HttpServer, StatusCodes) {
  Server s;
  auto ok = Fetch(s.port(), Get("/metrics"));
  EXPECT_EQ(ok.status(), 200) << ok.response;
  EXPECT_EQ(ok.body(), "counters\n");
  EXPECT_NE(ok.response.find("Content-Length: 9\r\n"), std::string::npos);
  EXPECT_NE(ok.response.find("Connection: close\r\n"), std::string::npos);
  EXPECT_TRUE(ok.closed);
  auto head = Fetch(s.port(), "HEAD /metrics HTTP/1.1\r\n\r\n");
  EXPECT_EQ(head.status(), 200);
  EXPECT_EQ(head.body(), "") << "HEAD: the headers only";
  EXPECT_EQ(Fetch(s.port(), Get("/nothing")).status(), 404);
  auto post = Fetch(s.port(), "POST /metrics HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc");
  EXPECT_EQ(post.status(), 405) << post.response;
  EXPECT_NE(post.response.find("Allow: GET, HEAD\r\n"), std::string::npos);
  EXPECT_EQ(Fetch(s.port(), "DELETE /metrics HTTP/1.1\r\n\r\n").status(), 405);
  EXPECT_EQ(Fetch(s.port(), "GET metrics\r\n\r\n").status(), 400);
  EXPECT_EQ(Fetch(s.port(), "GET /metrics HTTP/1.1\r\nX: " + std::string(9000, 'a') + "\r\n\r\n").status(),
            431);
  EXPECT_EQ(Fetch(s.port(), "GET /" + std::string(10000, 'a')).status(), 431) << "no end of head in sight";
  EXPECT_EQ(Fetch(s.port(), "GET /metrics HTTP/1.0\n\n").status(), 200) << "bare LF line ends";
}

TEST(HttpServer, HalfClosedClientStillGetsItsAnswer) {
  Server s;
  auto fd = Connect(s.port());
  ASSERT_TRUE(fd.valid());
  ASSERT_TRUE(SendAll(fd.get(), Get("/metrics")));
  ::shutdown(fd.get(), SHUT_WR);
  bool closed = false;
  const std::string response = ReadUntilClosed(fd.get(), HttpClock::now() + milliseconds(2000), &closed);
  EXPECT_EQ(response.rfind("HTTP/1.1 200 OK\r\n", 0), 0u) << response;
  EXPECT_TRUE(closed);
}

TEST(HttpServer, HeaderDeadlineClosesASlowLoris) {
  HttpServerOptions options;
  options.header_timeout = milliseconds(300);
  Server s(options);
  auto loris = Connect(s.port());
  ASSERT_TRUE(loris.valid());
  ASSERT_TRUE(SendAll(loris.get(), "GET /met"));
  const auto start = HttpClock::now();
  bool closed = false;
  const std::string answer = ReadUntilClosed(loris.get(), start + milliseconds(3000), &closed);
  const double seconds = std::chrono::duration<double>(HttpClock::now() - start).count();
  EXPECT_TRUE(closed);
  EXPECT_LT(seconds, 1.5);
  EXPECT_EQ(answer.rfind("HTTP/1.1 408 ", 0), 0u) << answer;
  EXPECT_EQ(s.http->counters().timed_out, 1u);
  EXPECT_EQ(Fetch(s.port(), Get("/metrics")).status(), 200) << "the server itself is fine";
}

TEST(HttpServer, CapShedsTheOldestIdleConnection) {
  HttpServerOptions options;
  options.max_connections = 4;
  Server s(options);
  std::vector<sys::UniqueFd> idle;
  for (int i = 0; i < 4; ++i) {
    idle.push_back(Connect(s.port()));
    ASSERT_TRUE(idle.back().valid());
    ASSERT_TRUE(Eventually([&] { return s.http->counters().open == static_cast<uint64_t>(i + 1); }));
  }
  SendAll(idle[1].get(), "GET /met");  // unfinished: still idle
  const auto r = Fetch(s.port(), Get("/metrics"));
  EXPECT_EQ(r.status(), 200) << "the newcomer is served, not refused";
  EXPECT_EQ(s.http->counters().shed, 1u);
  bool closed = false;
  ReadUntilClosed(idle[0].get(), HttpClock::now() + milliseconds(500), &closed);
  EXPECT_TRUE(closed) << "the oldest idle connection was shed";
  for (int i = 1; i < 4; ++i) {
    ReadUntilClosed(idle[i].get(), HttpClock::now() + milliseconds(50), &closed);
    EXPECT_FALSE(closed) << "connection " << i << " is younger and stays";
  }
  ASSERT_TRUE(Eventually([&] { return s.http->counters().open == 3; })) << "the answered one has closed";
  idle.push_back(Connect(s.port()));
  ASSERT_TRUE(Eventually([&] { return s.http->counters().open == 4; }));
  const auto again = Fetch(s.port(), Get("/metrics"));
  EXPECT_EQ(again.status(), 200);
  EXPECT_EQ(s.http->counters().shed, 2u);
  ReadUntilClosed(idle[1].get(), HttpClock::now() + milliseconds(500), &closed);
  EXPECT_TRUE(closed) << "then the next oldest, the unfinished one";
}

TEST(HttpServer, TokenRequiredOnEveryRequest) {
  HttpServerOptions options;
  options.token = "0123456789abcdef";
  Server s(options);
  const auto without = Fetch(s.port(), Get("/metrics"));
  EXPECT_EQ(without.status(), 401);
  EXPECT_NE(without.response.find("WWW-Authenticate: Bearer"), std::string::npos) << without.response;
  EXPECT_EQ(Fetch(s.port(), Get("/nothing")).status(), 401) << "before routing: paths are not revealed";
  EXPECT_EQ(Fetch(s.port(), Get("/metrics", "Authorization: Bearer 0123456789abcdeX\r\n")).status(), 401);
  const auto with = Fetch(s.port(), Get("/metrics", "Authorization: Bearer 0123456789abcdef\r\n"));
  EXPECT_EQ(with.status(), 200) << with.response;
  EXPECT_EQ(with.body(), "counters\n");
}

// --- streamed answers ---

// Decodes a chunked body; false if it is malformed or has no terminating chunk.
bool Dechunk(const std::string& body, std::string* out) {
  size_t at = 0;
  while (true) {
    const size_t eol = body.find("\r\n", at);
    if (eol == std::string::npos) return false;
    const size_t size = std::stoul(body.substr(at, eol - at), nullptr, 16);
    at = eol + 2;
    if (size == 0) return body.compare(at, 2, "\r\n") == 0;
    if (at + size + 2 > body.size() || body.compare(at + size, 2, "\r\n") != 0) return false;
    out->append(body, at, size);
    at += size + 2;
  }
}

// A test producer: `mib` MiB of a known pattern in 64 KiB writes, pausing `pause` between writes; counts
// what it wrote and notes when Write refused.
struct Slow {
  size_t mib = 4;
  milliseconds pause{0};
  std::atomic<uint64_t> written{0};
  std::atomic<bool> refused{false}, returned{false};
  BodyProducer Producer() {
    return [this](BodySink& sink) {
      std::vector<uint8_t> piece(64 << 10);
      bool ok = true;
      for (size_t i = 0; ok && i < mib * 16; ++i) {
        for (size_t j = 0; j < piece.size(); ++j)
          piece[j] = static_cast<uint8_t>((i * piece.size() + j) % 251);
        if (!sink.Write(piece)) {
          refused = true;
          ok = false;
        } else {
          written += piece.size();
        }
        if (pause.count()) std::this_thread::sleep_for(pause);
      }
      returned = true;
      return ok;
    };
  }
};

std::string Pattern(size_t bytes) {
  std::string s(bytes, '\0');
  for (size_t k = 0; k < bytes; ++k) s[k] = static_cast<char>(k % 251);
  return s;
}

TEST(HttpServerStream, LongStreamBesideShortScrapes) {
  Server s;
  Slow slow;
  slow.mib = 8;
  slow.pause = milliseconds(20);  // 64 pieces/s: about two seconds for 8 MiB
  s.http->HandleStream("/slow", [&](const HttpRequest&) {
    return StreamReply::Stream("application/x-test", slow.Producer());
  });
  ringdump::testing::FetchResult streamed;
  std::thread client([&] { streamed = Fetch(s.port(), Get("/slow"), milliseconds(20000)); });
  ASSERT_TRUE(Eventually([&] { return slow.written.load() > 0; }));
  double worst = 0;
  int scrapes = 0;
  while (!slow.returned.load() && scrapes < 100) {
    const auto r = Fetch(s.port(), Get("/metrics"), milliseconds(2000));
    EXPECT_EQ(r.status(), 200);
    worst = std::max(worst, r.seconds);
    ++scrapes;
    std::this_thread::sleep_for(milliseconds(50));
  }
  client.join();
  EXPECT_GE(scrapes, 5) << "the stream took long enough to overlap scrapes";
  EXPECT_LT(worst, 0.5) << "a scrape waited for the stream";
  EXPECT_EQ(streamed.status(), 200) << streamed.response.substr(0, 200);
  EXPECT_NE(streamed.response.find("Transfer-Encoding: chunked\r\n"), std::string::npos);
  EXPECT_NE(streamed.response.find("Content-Type: application/x-test\r\n"), std::string::npos);
  std::string body;
  ASSERT_TRUE(Dechunk(streamed.body(), &body)) << "well-formed chunks with a terminator";
  EXPECT_EQ(body.size(), size_t{8} << 20);
  EXPECT_TRUE(body == Pattern(body.size())) << "every byte in order";
  EXPECT_TRUE(Eventually([&] { return s.http->counters().streams == 0; }))
      << "the producer thread was reaped";
}

TEST(HttpServerStream, ClientLeavingStopsTheProducer) {
  Server s;
  Slow endless;
  endless.mib = 1 << 20;  // a terabyte: only the client's departure ends it
  s.http->HandleStream("/endless", [&](const HttpRequest&) {
    return StreamReply::Stream("application/octet-stream", endless.Producer());
  });
  {
    auto fd = Connect(s.port());
    ASSERT_TRUE(SendAll(fd.get(), Get("/endless")));
    const std::string some =
        ReadUntilClosed(fd.get(), HttpClock::now() + milliseconds(3000), nullptr, 1 << 20);
    EXPECT_GE(some.size(), size_t{1} << 20);
  }  // closed here
  EXPECT_TRUE(Eventually([&] { return endless.returned.load(); }))
      << "Write returned false, the producer returned";
  EXPECT_TRUE(endless.refused.load());
  EXPECT_LT(endless.written.load(), uint64_t{64} << 20) << "it stopped soon, not at the end";
  EXPECT_TRUE(Eventually([&] { return s.http->counters().streams == 0 && s.http->counters().open == 0; }));
}

TEST(HttpServerStream, ClientThatStopsReadingIsCutOffAfterTheSendDeadline) {
  HttpServerOptions options;
  options.send_timeout = milliseconds(400);
  options.stream_buffer_bytes = 64 << 10;
  Server s(options);
  Slow endless;
  endless.mib = 1 << 20;
  s.http->HandleStream("/endless", [&](const HttpRequest&) {
    return StreamReply::Stream("application/octet-stream", endless.Producer());
  });
  auto stuck = Connect(s.port());
  int small = 4096;
  setsockopt(stuck.get(), SOL_SOCKET, SO_RCVBUF, &small, sizeof(small));
  ASSERT_TRUE(SendAll(stuck.get(), Get("/endless")));  // and never reads
  ASSERT_TRUE(Eventually([&] { return endless.written.load() > 0; }));
  const auto during = Fetch(s.port(), Get("/metrics"), milliseconds(2000));
  EXPECT_EQ(during.status(), 200);
  EXPECT_LT(during.seconds, 0.5) << "a stuck stream blocks nobody";
  EXPECT_TRUE(Eventually([&] { return endless.returned.load(); }, milliseconds(5000))) << "cut off";
  EXPECT_TRUE(endless.refused.load());
  EXPECT_GE(s.http->counters().timed_out, 1u);
}

TEST(HttpServerStream, ParametersValidatedUpFrontAndPercentDecoded) {
  Server s;
  s.http->HandleStream("/echo", [](const HttpRequest& request) {
    auto query = ParseQuery(request.query);
    if (!query.ok()) return StreamReply::Fail(400, query.error().message());
    auto filter = query->find("filter");
    if (filter == query->end()) return StreamReply::Fail(400, "filter is required");
    const std::string text = filter->second;
    return StreamReply::Stream("text/plain", [text](BodySink& sink) {
      return sink.Write(std::span(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
    });
  });
  const auto ok = Fetch(s.port(), Get("/echo?filter=tcp%20port%2080+and+host%20198.18.0.1"));
  std::string body;
  ASSERT_TRUE(Dechunk(ok.body(), &body)) << ok.response;
  EXPECT_EQ(body, "tcp port 80 and host 198.18.0.1");
  const auto missing = Fetch(s.port(), Get("/echo?after=1"));
  EXPECT_EQ(missing.status(), 400);
  EXPECT_EQ(missing.body(), "filter is required\n");
  EXPECT_EQ(Fetch(s.port(), Get("/echo?filter=%zz")).status(), 400);
  EXPECT_EQ(Fetch(s.port(), Get("/echo?filter=a&filter=b")).body(), "query parameter filter given twice\n");
  EXPECT_EQ(Fetch(s.port(), "HEAD /echo?filter=a HTTP/1.1\r\n\r\n").status(), 405) << "GET only for streams";
  const auto old = Fetch(s.port(), "GET /echo?filter=x HTTP/1.0\r\n\r\n");
  EXPECT_EQ(old.body(), "x") << "HTTP/1.0: no chunks, the close ends the body";
}

TEST(HttpServerStream, BoundedNumberOfStreamsAndAFailedProducerLeavesNoTerminator) {
  HttpServerOptions options;
  options.max_streams = 1;
  Server s(options);
  std::atomic<bool> release{false};
  s.http->HandleStream("/hold", [&](const HttpRequest&) {
    return StreamReply::Stream("text/plain", [&](BodySink& sink) {
      sink.Write(std::span(reinterpret_cast<const uint8_t*>("partial"), 7));
      while (!release.load() && sink.Write({})) std::this_thread::sleep_for(milliseconds(10));
      return false;  // failed midway
    });
  });
  ringdump::testing::FetchResult first;
  std::thread client([&] { first = Fetch(s.port(), Get("/hold"), milliseconds(5000)); });
  ASSERT_TRUE(Eventually([&] { return s.http->counters().streams == 1; }));
  const auto second = Fetch(s.port(), Get("/hold"));
  EXPECT_EQ(second.status(), 503);
  EXPECT_NE(second.body().find("too many concurrent streams"), std::string::npos) << second.body();
  EXPECT_EQ(Fetch(s.port(), Get("/metrics")).status(), 200) << "short answers are not counted";
  release = true;
  client.join();
  EXPECT_EQ(first.status(), 200);
  EXPECT_EQ(first.body(), "7\r\npartial\r\n") << "cut without the terminating chunk";
  EXPECT_TRUE(first.closed);
}

TEST(HttpServerStream, StoppingTheServerEndsRunningStreams) {
  Slow endless;
  endless.mib = 1 << 20;
  endless.pause = milliseconds(5);
  sys::UniqueFd fd;
  {
    Server s;
    s.http->HandleStream("/endless", [&](const HttpRequest&) {
      return StreamReply::Stream("application/octet-stream", endless.Producer());
    });
    fd = Connect(s.port());
    ASSERT_TRUE(SendAll(fd.get(), Get("/endless")));
    ASSERT_TRUE(Eventually([&] { return endless.written.load() > 0; }));
  }  // the destructor closes the connection and joins the producer
  EXPECT_TRUE(endless.returned.load());
}

}  // namespace
}  // namespace ringdump::cli
