// Files in timestamp order whatever the queues and the fanout (OrderedSink, engine/src/ordered_sink.hpp):
// two queues with hash and lb fanout, several flows with pauses between them, and the issue's own case, ARP
// and ICMP of a ping on two queues; several interfaces into one pcapng file. Every record's timestamp must
// be no older than the one before it, every frame sent must be there once, and tcpdump must read the file.
#include <pcap/pcap.h>

#include <chrono>
#include <thread>

#include "capture_support.hpp"

namespace ringdump::testing {
namespace {

using std::chrono::milliseconds;

// Timestamps (ns) of every record, as libpcap reads them; empty with a failure if the file is unreadable.
std::vector<int64_t> Stamps(const std::string& path) {
  char errbuf[PCAP_ERRBUF_SIZE] = {};
  pcap_t* p = pcap_open_offline_with_tstamp_precision(path.c_str(), PCAP_TSTAMP_PRECISION_NANO, errbuf);
  std::vector<int64_t> out;
  if (p == nullptr) {
    ADD_FAILURE() << path << ": " << errbuf;
    return out;
  }
  pcap_pkthdr* hdr = nullptr;
  const u_char* data = nullptr;
  while (pcap_next_ex(p, &hdr, &data) == 1)
    out.push_back(int64_t{hdr->ts.tv_sec} * 1'000'000'000 + hdr->ts.tv_usec);  // tv_usec holds ns here
  pcap_close(p);
  return out;
}

void ExpectTimeOrder(const std::string& path) {
  const std::vector<int64_t> ts = Stamps(path);
  int complaints = 0;
  for (size_t i = 1; i < ts.size() && complaints < 5; ++i)
    if (ts[i] < ts[i - 1]) {
      ++complaints;
      ADD_FAILURE() << "record " << i << " is stamped " << (ts[i - 1] - ts[i]) << " ns before record "
                    << i - 1;
    }
}

class OrderTest : public ::testing::TestWithParam<std::string> {};  // parameter: the fanout mode

// Flows spread over both queues, a pause, one flow, a longer pause, a few flows: the pauses leave a queue
// quiet while the other has packets, the case where a queue's block waits for its retire timeout.
TEST_P(OrderTest, TwoQueuesWriteOneTimeOrder) {
  if (UnderTcpdump()) GTEST_SKIP() << "--queues and --fanout are ringdump's own";
  SETUP_NETWORK(net);
  const std::vector<FrameGroup> first = {{gen::FrameSpec{}, {60, 1514, 300}, 1500, 0, true, 16}};
  const std::vector<FrameGroup> second = {{gen::FrameSpec{}, {60}, 200, 1500, true, 1, 5000}};
  const std::vector<FrameGroup> third = {{gen::FrameSpec{}, {200, 900}, 300, 1700, true, 4}};
  std::vector<FrameGroup> all = first;
  all.insert(all.end(), second.begin(), second.end());
  all.insert(all.end(), third.begin(), third.end());
  const uint64_t count = CountCaptured(all);
  const std::string file = tmp.File("ordered.pcap");
  auto capture = StartCapture(
      net, {"-w", file, "--queues", "2", "--fanout", GetParam(), "-c", std::to_string(count), "udp"});
  ASSERT_NE(capture, nullptr);
  ASSERT_TRUE(Send(net, first));
  std::this_thread::sleep_for(milliseconds(250));
  ASSERT_TRUE(Send(net, second));
  std::this_thread::sleep_for(milliseconds(400));
  ASSERT_TRUE(Send(net, third));
  ProcessResult result = capture->Wait(milliseconds(15000));
  ASSERT_EQ(result.exit_code, 0) << result.Describe();
  EXPECT_EQ(result.err.find("out of time order"), std::string::npos) << result.err;
  ExpectFramesFrom(ReadPcap(file), ExpectedFrames(all), Order::kPerFlow);  // each once, byte-identical
  ExpectTimeOrder(file);
  ExpectReadersAccept(file, count);
  Summary s = ParseSummary(result.err);
  EXPECT_EQ(s.captured, static_cast<int64_t>(count)) << result.err;
}

// The case: `ringdump -i IF -w f.pcap` (a worker per core) while ping runs: ARP and ICMP on two
// queues (whichever the fanout puts them on); the ARP request must come before the echo request it precedes.
TEST_P(OrderTest, ArpAndIcmpOfAPingInTimeOrder) {
  if (UnderTcpdump()) GTEST_SKIP() << "--queues and --fanout are ringdump's own";
  if (!HaveTool("ping")) GTEST_SKIP() << "ping is needed";
  SETUP_NETWORK(net);
  const std::string file = tmp.File("ping.pcap");
  auto capture = StartCapture(net, {"-w", file, "--queues", "2", "--fanout", GetParam(), "arp or icmp"});
  ASSERT_NE(capture, nullptr);
  for (int round = 0; round < 3; ++round) {  // each round starts with an empty neighbour cache: ARP first
    RunIn(net.ns_a(), {"ip", "neigh", "flush", "dev", net.if_a()});
    ProcessResult ping =
        RunIn(net.ns_a(), {"ping", "-c", "3", "-i", "0.05", "198.18.0.2"}, milliseconds(10000));
    ASSERT_EQ(ping.exit_code, 0) << ping.Describe();
  }
  std::this_thread::sleep_for(milliseconds(100));
  capture->Signal(SIGINT);
  ProcessResult result = capture->Wait(milliseconds(15000));
  ASSERT_EQ(result.exit_code, 0) << result.Describe();
  const std::vector<int64_t> ts = Stamps(file);
  EXPECT_GE(ts.size(), 3u * 8) << "3 rounds of an ARP exchange and 3 echo requests and replies";
  ExpectTimeOrder(file);
  ExpectReadersAccept(file, ts.size());
}

INSTANTIATE_TEST_SUITE_P(Fanout, OrderTest, ::testing::Values("hash", "lb"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

// Two interfaces (the veth and loopback), a queue each, into one pcapng file: frames on one, pings on the
// other at the same time; the file is in time order across interfaces.
TEST(OrderInterfaces, TwoInterfacesWriteOneTimeOrder) {
  if (UnderTcpdump()) GTEST_SKIP() << "tcpdump cannot capture on several interfaces";
  if (!HaveTool("ping")) GTEST_SKIP() << "ping is needed";
  SETUP_NETWORK(net);
  const std::vector<FrameGroup> groups = {{gen::FrameSpec{}, {60, 300}, 400, 0, true, 4, 1000}};
  const std::string file = tmp.File("two.pcapng");
  std::string error;
  auto capture = Process::Start(InNamespace(net.ns_b(), {CaptureBinary(), "-i", net.if_b(), "-i", "lo",
                                                         "--queues", "1", "-w", file, "udp or icmp"}),
                                &error);
  ASSERT_NE(capture, nullptr) << error;
  ASSERT_TRUE(capture->WaitForStderr("listening on lo", milliseconds(10000)))
      << capture->Wait(milliseconds(2000)).Describe();
  std::thread pinger([&] {
    (void)RunIn(net.ns_b(), {"ping", "-c", "8", "-i", "0.05", "127.0.0.1"}, milliseconds(10000));
  });
  const bool sent = Send(net, groups);
  pinger.join();
  ASSERT_TRUE(sent);
  std::this_thread::sleep_for(milliseconds(100));
  capture->Signal(SIGINT);
  ProcessResult result = capture->Wait(milliseconds(15000));
  ASSERT_EQ(result.exit_code, 0) << result.Describe();
  const std::vector<int64_t> ts = Stamps(file);
  EXPECT_EQ(ts.size(), 400u + 16u) << "the frames and 8 echo requests and replies";
  ExpectTimeOrder(file);
  ExpectReadersAccept(file, ts.size());
}

}  // namespace
}  // namespace ringdump::testing
