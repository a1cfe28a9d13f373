// Several interfaces into one pcapng file (`-i NAME-b0,lo`, `-i NAME-b0 -i lo`): UDP frames sent over the
// veth pair and pings on loopback, captured together in namespace b. tshark must show every UDP frame on
// interface 0 (NAME-b0) and every ICMP packet on interface 1 (lo), tcpdump -r must read the file, and the
// file must end with an interface statistics block per interface (capinfos: one stat entry each) whose
// isb_ifrecv counts at least the packets written on that interface. pcap output and printing refuse.
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "capture_support.hpp"

namespace ringdump::testing {
namespace {

using std::chrono::milliseconds;

// isb_ifrecv (option 4) of each interface statistics block, by interface id. Host byte order (the writer's).
std::map<uint32_t, uint64_t> IsbReceived(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<uint8_t> b((std::istreambuf_iterator<char>(in)), {});
  auto u32 = [&](size_t at) {
    uint32_t v = 0;
    if (at + 4 <= b.size()) std::memcpy(&v, &b[at], 4);
    return v;
  };
  std::map<uint32_t, uint64_t> out;
  for (size_t at = 0; at + 12 <= b.size();) {
    const uint32_t type = u32(at), len = u32(at + 4);
    if (len < 12 || at + len > b.size()) break;
    if (type == 5) {
      for (size_t o = at + 20; o + 4 <= at + len - 4;) {
        uint16_t code, olen;
        std::memcpy(&code, &b[o], 2);
        std::memcpy(&olen, &b[o + 2], 2);
        if (code == 0) break;
        if (code == 4 && olen == 8) std::memcpy(&out[u32(at + 8)], &b[o + 4], 8);
        o += 4 + ((olen + 3u) & ~3u);
      }
    }
    at += len;
  }
  return out;
}

class MultiInterfaceTest : public ::testing::TestWithParam<bool> {};  // parameter: comma list or -i twice

TEST_P(MultiInterfaceTest, FramesCarryTheirInterface) {
  if (UnderTcpdump()) GTEST_SKIP() << "tcpdump cannot capture on several interfaces";
  for (const char* tool : {"tshark", "tcpdump", "capinfos", "ping"})
    if (!HaveTool(tool)) GTEST_SKIP() << tool << " is needed";
  SETUP_NETWORK(net);
  const std::vector<FrameGroup> groups = {{gen::FrameSpec{}, {60, 300}, 10, 0}};
  const uint64_t udp = CountCaptured(groups), icmp = 4;  // ping -c 2 on lo: two requests, two replies
  const std::string file = tmp.File("two.pcapng");
  std::vector<std::string> argv = {CaptureBinary()};
  if (GetParam()) {
    argv.insert(argv.end(), {"-i", net.if_b() + ",lo"});
  } else {
    argv.insert(argv.end(), {"-i", net.if_b(), "-i", "lo"});
  }
  argv.insert(argv.end(), {"-w", file, "-c", std::to_string(udp + icmp), "udp or icmp"});
  std::string error;
  auto capture = Process::Start(InNamespace(net.ns_b(), argv), &error);
  ASSERT_NE(capture, nullptr) << error;
  ASSERT_TRUE(capture->WaitForStderr("listening on lo", milliseconds(10000)))
      << capture->Wait(milliseconds(2000)).Describe();
  ASSERT_TRUE(Send(net, groups));
  ProcessResult ping = RunIn(net.ns_b(), {"ping", "-c", "2", "-i", "0.2", "127.0.0.1"}, milliseconds(10000));
  ASSERT_EQ(ping.exit_code, 0) << ping.Describe();
  ProcessResult result = capture->Wait(milliseconds(15000));
  ASSERT_EQ(result.exit_code, 0) << result.Describe();
  EXPECT_NE(result.err.find("listening on " + net.if_b()), std::string::npos) << result.err;

  ProcessResult fields = RunCommand({"tshark", "-r", file, "-T", "fields", "-e", "frame.interface_id", "-e",
                                     "frame.interface_name", "-e", "ip.proto"});
  ASSERT_EQ(fields.exit_code, 0) << fields.Describe();
  std::map<std::string, uint64_t> lines;
  std::istringstream text(fields.out);
  for (std::string line; std::getline(text, line);) ++lines[line];
  std::map<std::string, uint64_t> want = {{"0\t" + net.if_b() + "\t17", udp}, {"1\tlo\t1", icmp}};
  EXPECT_EQ(lines, want) << fields.out;

  ProcessResult read = RunCommand({"tcpdump", "-nn", "-r", file});
  EXPECT_EQ(read.exit_code, 0) << read.Describe();
  EXPECT_EQ(static_cast<uint64_t>(std::count(read.out.begin(), read.out.end(), '\n')), udp + icmp)
      << read.out;

  ProcessResult info = RunCommand({"capinfos", file});
  ASSERT_EQ(info.exit_code, 0) << info.Describe();
  size_t stat_entries = 0;
  for (size_t at = info.out.find("Number of stat entries = 1"); at != std::string::npos;
       at = info.out.find("Number of stat entries = 1", at + 1))
    ++stat_entries;
  EXPECT_EQ(stat_entries, 2u) << info.out;
  std::map<uint32_t, uint64_t> received = IsbReceived(file);
  ASSERT_EQ(received.size(), 2u);
  EXPECT_GE(received[0], udp);
  EXPECT_GE(received[1], icmp);
}

INSTANTIATE_TEST_SUITE_P(Syntax, MultiInterfaceTest, ::testing::Values(true, false),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "CommaList" : "Repeated";
                         });

TEST(MultiInterfaceRefusal, PcapAndPrintingRefuse) {
  if (UnderTcpdump()) GTEST_SKIP() << "tcpdump cannot capture on several interfaces";
  RINGDUMP_REQUIRE_NETNS();
  TempDir tmp;
  ProcessResult pcap = RunCommand({CaptureBinary(), "-i", "lo,lo", "-w", tmp.File("x.pcap"), "-c", "1"});
  EXPECT_NE(pcap.exit_code, 0);
  EXPECT_NE(pcap.err.find("needs pcapng"), std::string::npos) << pcap.err;
  EXPECT_FALSE(std::filesystem::exists(tmp.File("x.pcap")));
  ProcessResult print = RunCommand({CaptureBinary(), "-i", "lo", "-i", "lo", "-c", "1"});
  EXPECT_NE(print.exit_code, 0);
  EXPECT_NE(print.err.find("several interfaces"), std::string::npos) << print.err;
}

}  // namespace
}  // namespace ringdump::testing
