// `ringdump query --remote` against real /pcap listeners on loopback (port 0) over files written byte by byte:
// two nodes merged by timestamp into one pcapng with an interface per node (`host:port/if0`), the window and
// filter applied by the nodes, a node that is not there named on stderr (exit 1) while the others' packets
// still arrive; and the URL syntax.
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>

#include "capture_files.hpp"
#include "capture_reader.hpp"
#include "http_test_client.hpp"
#include "pcap_endpoint.hpp"
#include "query_command.hpp"
#include "remote_fetch.hpp"

namespace ringdump::testing {
namespace {

using cli::HttpServer;

struct Node {
  std::string dir;
  std::unique_ptr<HttpServer> http;
  explicit Node(const std::vector<TestPacket>& packets) {
    char t[] = "/tmp/ringdump-remote-node-XXXXXX";
    dir = ::mkdtemp(t);
    WriteBytes(dir + "/cap.pcap", PcapBytes(packets));
    auto address = cli::ParseListenAddress("127.0.0.1:0", "--test");
    http = std::move(HttpServer::Listen(*address, "127.0.0.1:0", {})).value();
    cli::PcapStore store;
    store.write_path = dir + "/cap.pcap";
    cli::RegisterPcapEndpoint(http.get(), store);
    http->Start();
  }
  ~Node() { std::filesystem::remove_all(dir); }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(http->port()); }
};

uint16_t ClosedPort() {
  int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(s);
  return ntohs(a.sin_port);
}

int RunQuery(std::vector<std::string> args) {
  args.insert(args.begin(), "query");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  optind = 0;
  return cli::RunQueryCommand(int(args.size()), argv.data());
}

TEST(RemoteQuery, MergesNodesByTimeAndNamesTheOneThatFailed) {
  Node a({{1000000000, UdpFrame(1, 2)}, {3000000000, UdpFrame(1, 2)}, {5000000000, UdpFrame(9, 2)}});
  Node b({{2000000000, UdpFrame(1, 3)}, {4000000000, UdpFrame(1, 3)}});
  const std::string out = a.dir + "/merged.pcapng";
  const std::string dead = "http://127.0.0.1:" + std::to_string(ClosedPort());
  ::testing::internal::CaptureStderr();
  const int rc = RunQuery({"--remote", a.url(), "--remote", b.url(), "--remote", dead, "--after", "0.5",
                           "--before", "4.5", "-w", out, "src host 10.0.0.1"});
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(rc, 1);
  EXPECT_NE(err.find(dead), std::string::npos) << err;
  auto reader = CaptureReader::Open(out);
  ASSERT_TRUE(reader.ok()) << reader.error().message();
  std::vector<int64_t> times;
  std::vector<std::string> names;
  RecordView r;
  while (true) {
    auto more = reader->Next(&r);
    if (!more.ok() || !more.value()) break;
    times.push_back(r.ts_ns);
    names.push_back(reader->interfaces()[r.interface].name);
  }
  EXPECT_EQ(times, (std::vector<int64_t>{1000000000, 2000000000, 3000000000, 4000000000}));
  const std::string na = a.url().substr(7) + "/if0", nb = b.url().substr(7) + "/if0";
  EXPECT_EQ(names, (std::vector<std::string>{na, nb, na, nb}));
}

TEST(RemoteQuery, AllNodesAnsweringIsExitZero) {
  Node a({{1000000000, UdpFrame(1, 2)}});
  const std::string out = a.dir + "/one.pcapng";
  EXPECT_EQ(RunQuery({"--remote", a.url(), "-w", out}), 0);
  EXPECT_EQ(RunQuery({"--remote", a.url(), "-w", a.dir + "/bad.pcapng", "--after", "x"}), 1);
}

TEST(RemoteQuery, SilentNodeTimesOutAndIsNamed) {
  Node a({{1000000000, UdpFrame(1, 2)}});
  // Listening, never accepting: the connect completes (the backlog), then nothing is ever said.
  sys::UniqueFd silent(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(silent.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(silent.get(), 4), 0);
  socklen_t len = sizeof addr;
  ::getsockname(silent.get(), reinterpret_cast<sockaddr*>(&addr), &len);
  const std::string quiet = "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port));
  const std::string out = a.dir + "/partial.pcapng";
  ::testing::internal::CaptureStderr();
  const auto start = HttpClock::now();
  const int rc = RunQuery({"--remote", quiet, "--remote", a.url(), "--remote-timeout", "0.5", "-w", out});
  const double took = std::chrono::duration<double>(HttpClock::now() - start).count();
  const std::string err = ::testing::internal::GetCapturedStderr();
  EXPECT_EQ(rc, 1);
  EXPECT_NE(err.find(quiet), std::string::npos) << err;
  EXPECT_LT(took, 3.0);
  auto reader = CaptureReader::Open(out);
  ASSERT_TRUE(reader.ok());
  RecordView r;
  auto more = reader->Next(&r);
  ASSERT_TRUE(more.ok() && more.value()) << "the answering node's packet is there";
  EXPECT_EQ(r.ts_ns, 1000000000);
}

TEST(RemoteQuery, UrlSyntax) {
  auto u = cli::ParseRemoteUrl("http://10.1.2.3:9464");
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->host, "10.1.2.3");
  EXPECT_EQ(u->port, 9464);
  EXPECT_EQ(u->path, "/pcap");
  EXPECT_EQ(u->node(), "10.1.2.3:9464");
  auto v6 = cli::ParseRemoteUrl("[::1]:9000/pcap");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->node(), "[::1]:9000");
  EXPECT_FALSE(cli::ParseRemoteUrl("https://10.1.2.3:9464").ok());
  EXPECT_FALSE(cli::ParseRemoteUrl("http://10.1.2.3:99999").ok());
  EXPECT_EQ(cli::PercentEncode("udp port 53&x"), "udp%20port%2053%26x");
}

}  // namespace
}  // namespace ringdump::testing
