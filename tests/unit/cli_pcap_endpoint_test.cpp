// GET /pcap on a real listener (loopback, port 0) over files written byte by byte: which files of a
// directory are the capture's set, that the answer is the query's pcap (here: the very bytes of the one
// input file), that the filter and window select, that max_bytes ends at the last whole record, and the 400s.
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "capture_files.hpp"
#include "http_test_client.hpp"
#include "pcap_endpoint.hpp"
#include "rotation.hpp"

namespace ringdump::testing {
namespace {

using cli::HttpServer;
using cli::PcapStore;
using std::chrono::milliseconds;

struct Dir {
  std::string path;
  Dir() {
    char t[] = "/tmp/ringdump-pcap-endpoint-XXXXXX";
    path = ::mkdtemp(t);
  }
  ~Dir() { std::filesystem::remove_all(path); }
  std::string File(const std::string& name) const { return path + "/" + name; }
};

// The body of a chunked answer, decoded; "!" when the chunks are malformed or the terminator is missing.
std::string Dechunk(const std::string& body) {
  std::string out;
  size_t at = 0;
  while (true) {
    const size_t eol = body.find("\r\n", at);
    if (eol == std::string::npos) return "!";
    const size_t n = std::strtoul(body.substr(at, eol - at).c_str(), nullptr, 16);
    if (n == 0) return out;
    if (eol + 2 + n + 2 > body.size()) return "!";
    out += body.substr(eol + 2, n);
    at = eol + 2 + n + 2;
  }
}

std::string AsString(const std::vector<uint8_t>& b) { return {b.begin(), b.end()}; }

TEST(PcapStoreFiles, TakesTheSetsFilesAndNothingElse) {
  Dir dir;
  const std::vector<uint8_t> file = PcapBytes({{1000000000, UdpFrame(1, 2)}});
  const std::string own_spare = "..ringdump-next-" + std::to_string(::getpid()) + "-1.part";
  for (const char* name : {"live.pcap", "live.pcap1", ".live.pcap2.part", "other.pcap", ".other.pcap.part",
                           "..ringdump-next-1-1.part", "live.pcap1.ridx", "live.pcapx"})
    WriteBytes(dir.File(name), file);
  WriteBytes(dir.File(own_spare), file);
  RotationConfig rotation;
  rotation.file_bytes = 1000000;
  auto sweeper = std::make_shared<RetentionSweeper>(dir.File("live.pcap"), rotation);
  PcapStore store;
  store.write_path = dir.File("live.pcap");
  store.member = [sweeper](const std::string& name) { return sweeper->Matches(name); };
  std::vector<std::string> got = cli::PcapStoreFiles(store);
  std::sort(got.begin(), got.end());
  std::vector<std::string> want = {dir.File(own_spare), dir.File(".live.pcap2.part"), dir.File("live.pcap"),
                                   dir.File("live.pcap1")};
  std::sort(want.begin(), want.end());
  EXPECT_EQ(got, want);
  store.member = nullptr;  // no rotation: the -w file alone (finished or in progress)
  EXPECT_EQ(cli::PcapStoreFiles(store), std::vector<std::string>{dir.File("live.pcap")});
}

struct Endpoint {
  Dir dir;
  std::unique_ptr<HttpServer> http;
  std::vector<TestPacket> packets = {{1000000000, UdpFrame(1, 2, 100)},
                                     {2000000000, UdpFrame(3, 2, 200)},
                                     {3000000000, UdpFrame(1, 2, 300)}};
  Endpoint() {
    WriteBytes(dir.File(".cap.pcap.part"), PcapBytes(packets));
    auto address = cli::ParseListenAddress("127.0.0.1:0", "--test");
    auto listening = HttpServer::Listen(*address, "127.0.0.1:0", {});
    EXPECT_TRUE(listening.ok());
    http = std::move(listening).value();
    PcapStore store;
    store.write_path = dir.File("cap.pcap");
    cli::RegisterPcapEndpoint(http.get(), store);
    http->Start();
  }
  FetchResult Get(const std::string& target) { return Fetch(http->port(), testing::Get(target)); }
};

TEST(PcapEndpoint, StreamsTheQuery) {
  Endpoint e;
  FetchResult all = e.Get("/pcap");
  ASSERT_EQ(all.status(), 200) << all.response;
  EXPECT_NE(all.response.find("application/vnd.tcpdump.pcap"), std::string::npos);
  EXPECT_EQ(Dechunk(all.body()), AsString(PcapBytes(e.packets)));
  FetchResult filtered = e.Get("/pcap?filter=src%20host%2010.0.0.1&after=1.5");
  ASSERT_EQ(filtered.status(), 200) << filtered.response;
  EXPECT_EQ(Dechunk(filtered.body()), AsString(PcapBytes({e.packets[2]})));
  FetchResult empty = e.Get("/pcap?after=10&before=20");  // nothing in the window: a header alone
  EXPECT_EQ(Dechunk(empty.body()), AsString(PcapBytes({})));
}

TEST(PcapEndpoint, MaxBytesEndsAtTheLastWholeRecord) {
  Endpoint e;
  const size_t two = PcapBytes({e.packets[0], e.packets[1]}).size();
  for (size_t limit : {two, two + 1, two + 16 + e.packets[2].bytes.size() - 1}) {
    FetchResult r = e.Get("/pcap?max_bytes=" + std::to_string(limit));
    ASSERT_EQ(r.status(), 200) << r.response;
    EXPECT_EQ(Dechunk(r.body()), AsString(PcapBytes({e.packets[0], e.packets[1]}))) << limit;
  }
  EXPECT_EQ(Dechunk(e.Get("/pcap?max_bytes=10").body()), "") << "not even the header fits";
}

TEST(PcapEndpoint, BadParametersAre400WithAReason) {
  Endpoint e;
  for (const std::string query : {"after=yesterday", "before=", "filter=udp%20port%20nonsense", "colour=blue",
                                  "max_bytes=-3", "max_bytes=12k", "after=200&before=100", "format=text"}) {
    FetchResult r = e.Get("/pcap?" + query);
    EXPECT_EQ(r.status(), 400) << query << "\n" << r.response;
    const std::string body = r.body();
    EXPECT_FALSE(body.empty()) << query;
    EXPECT_EQ(body.find('\n'), body.size() - 1) << query << ": " << body;
  }
  EXPECT_NE(e.Get("/pcap?colour=blue").body().find("colour"), std::string::npos);
}

}  // namespace
}  // namespace ringdump::testing
