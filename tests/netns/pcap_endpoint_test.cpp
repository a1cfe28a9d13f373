// GET /pcap end to end (issue #13 item 4): a real capture in a namespace answers /pcap queries (curl in the
// namespace, to its loopback) while bounded traffic arrives. The capture stays lossless (every frame in the
// file, no kernel drops); once the traffic is on disk the streamed answer equals `ringdump query` of the
// same file with the same window and filter, byte for byte; max_bytes cuts between records (a prefix of the
// whole answer); bad parameters are 400s with a reason. Also measured: how long after the last frame is
// sent it is in a /pcap answer (printed as "visible after"). And `ringdump query --remote` over two
// running captures in the two namespaces.
#include <signal.h>
#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <iterator>
#include <thread>

#include "capture_support.hpp"

namespace ringdump::testing {
namespace {

using std::chrono::milliseconds;
constexpr const char* kBase = "http://127.0.0.1:9466/pcap";

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// curl in namespace ns: the HTTP status (0 when curl itself failed); the body goes to `out`.
int Curl(const std::string& ns, const std::string& url, const std::string& out) {
  ProcessResult r = RunIn(ns, {"curl", "-sS", "--max-time", "10", "-o", out, "-w", "%{http_code}", url});
  if (r.exit_code != 0) return 0;
  return std::atoi(r.out.c_str());
}

TEST(PcapEndpoint, RunningCaptureAnswersQueriesAndLosesNothing) {
  if (UnderTcpdump()) GTEST_SKIP() << "/pcap is ringdump's own endpoint";
  SETUP_NETWORK(net);
  ASSERT_EQ(RunCommand({"ip", "-n", net.ns_b(), "link", "set", "lo", "up"}).exit_code, 0);
  // The answers are written next to the capture: they are pcap files too, and /pcap must not take them
  // for part of the set.
  const std::string file = tmp.File("live.pcap");
  const std::string after = std::to_string(time(nullptr) - 5);
  auto capture = StartCapture(net, {"-w", file, "--metrics-listen", "127.0.0.1:9466"});
  ASSERT_NE(capture, nullptr);

  // 2000 frames to port 9, then 1000 to port 7777, at 2000/s: 1.5 s of traffic.
  std::vector<FrameGroup> groups = {{gen::FrameSpec{}, {60, 1514, 400}, 2000, 0},
                                    {ToPort(7777), {60, 900}, 1000, 2000}};
  for (auto& g : groups) g.rate = 2000;
  std::atomic<bool> sending{true};
  int queries = 0, failed = 0;
  std::thread querier([&] {
    while (sending.load()) {
      const std::string out = tmp.File("during-" + std::to_string(queries) + ".pcap");
      if (Curl(net.ns_b(), kBase, out) != 200) ++failed;
      ++queries;
      ::unlink(out.c_str());
    }
  });
  const bool sent = Send(net, groups);
  const auto sent_at = std::chrono::steady_clock::now();
  sending = false;
  querier.join();
  ASSERT_TRUE(sent);
  EXPECT_GT(queries, 0);
  EXPECT_EQ(failed, 0) << "of " << queries << " queries during the traffic";

  // How soon the last frame is queryable.
  const std::string whole = tmp.File("whole.pcap");
  size_t seen = 0;
  double visible_after = -1;
  int asked = 0;
  for (int i = 0; i < 100 && seen < 3000; ++i) {
    ++asked;
    ASSERT_EQ(Curl(net.ns_b(), kBase, whole), 200);
    seen = ReadPcap(whole).records.size();
    if (seen == 3000)
      visible_after = std::chrono::duration<double>(std::chrono::steady_clock::now() - sent_at).count();
    else
      std::this_thread::sleep_for(milliseconds(100));
  }
  ASSERT_EQ(seen, 3000u);
  std::printf("/pcap: the last frame was visible after %.2f s, answer %d (%d queries during the traffic)\n",
              visible_after, asked, queries);
  EXPECT_LT(visible_after, 3.0);
  ExpectReadersAccept(whole, 3000);

  const std::string window = "after=" + after + "&before=" + std::to_string(time(nullptr) + 3600);
  const std::string filtered = tmp.File("filtered.pcap");
  ASSERT_EQ(Curl(net.ns_b(), std::string(kBase) + "?" + window + "&filter=udp%20dst%20port%207777", filtered),
            200);
  // max_bytes: the answer is a prefix of the whole one, ending at a record boundary.
  const std::string limited = tmp.File("limited.pcap");
  ASSERT_EQ(Curl(net.ns_b(), std::string(kBase) + "?max_bytes=100000", limited), 200);
  const std::string whole_bytes = Slurp(whole), limited_bytes = Slurp(limited);
  EXPECT_LE(limited_bytes.size(), 100000u);
  EXPECT_GT(limited_bytes.size(), 100000u - 16 - 1514);
  EXPECT_EQ(whole_bytes.compare(0, limited_bytes.size(), limited_bytes), 0) << "not a prefix";
  PcapFile limited_file = ReadPcap(limited);
  EXPECT_EQ(limited_file.error, "");
  EXPECT_GT(limited_file.records.size(), 0u);

  // Bad parameters: 400 and a one-line reason.
  const std::string reason = tmp.File("reason.txt");
  for (const std::string query : {"after=yesterday", "filter=udp%20port%20nonsense", "colour=blue",
                                  "max_bytes=-3", "after=200&before=100"}) {
    EXPECT_EQ(Curl(net.ns_b(), std::string(kBase) + "?" + query, reason), 400) << query;
    const std::string text = Slurp(reason);
    EXPECT_FALSE(text.empty()) << query;
    EXPECT_EQ(text.find('\n'), text.size() - 1) << query << ": " << text;
  }

  capture->Signal(SIGINT);
  CheckCompleteCapture(capture->Wait(milliseconds(10000)), file, groups, Order::kGlobal, net.if_b());

  // The same queries with `ringdump query` over the finished file: the same bytes.
  const std::string cli_whole = tmp.File("cli-whole.pcap"), cli_filtered = tmp.File("cli-filtered.pcap");
  ProcessResult q1 = RunCommand({CaptureBinary(), "query", "-r", file, "-w", cli_whole});
  ASSERT_EQ(q1.exit_code, 0) << q1.err;
  ProcessResult q2 = RunCommand({CaptureBinary(), "query", "-r", file, "--after", after, "--before",
                                 std::to_string(time(nullptr) + 3600), "-w", cli_filtered, "udp dst port 7777"});
  ASSERT_EQ(q2.exit_code, 0) << q2.err;
  EXPECT_TRUE(Slurp(cli_whole) == whole_bytes) << "/pcap differs from ringdump query";
  EXPECT_TRUE(Slurp(cli_filtered) == Slurp(filtered)) << "/pcap?filter differs from ringdump query";
  EXPECT_EQ(ReadPcap(filtered).records.size(), 1000u);
}

// `ringdump query --remote` (issue #17 item 4) against two running captures, one in each namespace, each
// with its own API address on the veth (so a token is required) and port; plus a node that is not there.
TEST(PcapEndpoint, RemoteQueryMergesTwoRunningCaptures) {
  if (UnderTcpdump()) GTEST_SKIP() << "/pcap is ringdump's own endpoint";
  SETUP_NETWORK(net);
  ASSERT_EQ(RunCommand({"ip", "-n", net.ns_a(), "addr", "add", "10.251.0.1/30", "dev", net.if_a()}).exit_code, 0);
  ASSERT_EQ(RunCommand({"ip", "-n", net.ns_b(), "addr", "add", "10.251.0.2/30", "dev", net.if_b()}).exit_code, 0);
  const std::string token = tmp.File("token");
  { std::ofstream(token) << "s3cret\n"; }
  ::chmod(token.c_str(), 0600);
  // "udp": the generated frames, not the HTTP exchanges that cross the same veth.
  const std::string file_b = tmp.File("b.pcapng"), file_a = tmp.File("a.pcapng");
  auto capture_b = StartCapture(net, {"-w", file_b, "--metrics-listen", "10.251.0.2:9471", "--api-token-file",
                                      token, "udp"});
  ASSERT_NE(capture_b, nullptr);
  auto capture_a = StartCaptureOn(net.ns_a(), net.if_a(),
                                  {"-w", file_a, "--metrics-listen", "10.251.0.1:9472", "--api-token-file",
                                   token, "udp"});
  ASSERT_NE(capture_a, nullptr);
  std::vector<FrameGroup> groups = {{gen::FrameSpec{}, {60, 700}, 1000, 0}};
  groups[0].rate = 2000;
  groups[0].bypass = false;  // the sender's own capture sees them as outgoing
  ASSERT_TRUE(Send(net, groups));
  std::this_thread::sleep_for(milliseconds(2500));  // on disk on both sides

  const std::string merged = tmp.File("merged.pcapng");
  const std::string dead = "http://10.251.0.1:9479";
  ProcessResult q = RunIn(net.ns_b(), {CaptureBinary(), "query", "--remote", "http://10.251.0.2:9471",
                                       "--remote", "http://10.251.0.1:9472", "--remote", dead,
                                       "--api-token-file", token, "-w", merged});
  EXPECT_EQ(q.exit_code, 1) << q.err;
  EXPECT_NE(q.err.find(dead), std::string::npos) << q.err;
  PcapFile got = ReadPcap(merged);
  EXPECT_EQ(got.error, "");
  EXPECT_EQ(got.records.size(), 2000u) << q.err;
  for (size_t i = 1; i < got.records.size(); ++i)
    ASSERT_FALSE(timercmp(&got.records[i].ts, &got.records[i - 1].ts, <)) << "out of time order at " << i;
  // Without the token: each node answers 401, named; nothing merged.
  ProcessResult denied = RunIn(net.ns_b(), {CaptureBinary(), "query", "--remote", "http://10.251.0.2:9471",
                                            "-w", tmp.File("denied.pcapng")});
  EXPECT_EQ(denied.exit_code, 1);
  EXPECT_NE(denied.err.find("401"), std::string::npos) << denied.err;

  capture_a->Signal(SIGINT);
  capture_b->Signal(SIGINT);
  EXPECT_EQ(capture_a->Wait(milliseconds(10000)).exit_code, 0);
  CheckCompleteCapture(capture_b->Wait(milliseconds(10000)), file_b, groups, Order::kGlobal, net.if_b());
}

}  // namespace
}  // namespace ringdump::testing
