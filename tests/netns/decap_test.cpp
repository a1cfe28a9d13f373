// --decap end to end: a kernel VXLAN device over the veth pair (the file must equal, frame for frame, what a
// capture on the VXLAN device itself sees), and GENEVE / GRE / ERSPAN frames replayed with tcpreplay.
#include <gtest/gtest.h>
#include <pcap/pcap.h>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "capture_support.hpp"
#include "netns_fixture.hpp"
#include "tunnel_frames.hpp"

namespace ringdump::testing {
namespace {

std::vector<Bytes> Frames(const PcapFile& file) {
  std::vector<Bytes> out;
  for (const Record& r : file.records) out.push_back(r.data);
  return out;
}

bool Sh(const std::string& ns, const std::string& command) {
  ProcessResult r = RunIn(ns, {"bash", "-c", command}, milliseconds(10000));
  EXPECT_EQ(r.exit_code, 0) << command << ": " << r.err;
  return r.exit_code == 0;
}

TEST(Decap, VxlanFileEqualsACaptureOnTheVxlanDevice) {
  RINGDUMP_REQUIRE_NETNS();
  TestNetwork net;
  ASSERT_TRUE(net.ok()) << net.error();
  TempDir dir;
  // VNI 42 between the two namespaces, inner addresses 198.18.1.0/24.
  ASSERT_TRUE(Sh(net.ns_a(), "ip link add vx0 type vxlan id 42 remote 198.18.0.2 dstport 4789 dev " +
                                 net.if_a() + " && ip addr add 198.18.1.1/24 dev vx0 && ip link set vx0 up"));
  ASSERT_TRUE(Sh(net.ns_b(), "ip link add vx0 type vxlan id 42 remote 198.18.0.1 dstport 4789 dev " +
                                 net.if_b() + " && ip addr add 198.18.1.2/24 dev vx0 && ip link set vx0 up"));
  const std::string underlay = dir.File("underlay.pcap"), overlay = dir.File("overlay.pcap");
  std::string error;
  auto decap =
      Process::Start(InNamespace(net.ns_b(), {RINGDUMP_BINARY, "-i", net.if_b(), "--queues", "1", "--decap",
                                              "vxlan:42", "-w", underlay, "-c", "20", "udp"}),
                     &error);
  ASSERT_TRUE(decap) << error;
  auto device = Process::Start(InNamespace(net.ns_b(), {RINGDUMP_BINARY, "-i", "vx0", "--queues", "1", "-w",
                                                        overlay, "-c", "20", "udp"}),
                               &error);
  ASSERT_TRUE(device) << error;
  ASSERT_TRUE(decap->WaitForStderr("listening on", milliseconds(5000))) << decap->err();
  ASSERT_TRUE(device->WaitForStderr("listening on", milliseconds(5000))) << device->err();
  ASSERT_TRUE(Sh(net.ns_a(), "for i in $(seq 1 20); do echo payload$i > /dev/udp/198.18.1.2/9; done"));
  ProcessResult d = decap->Wait(milliseconds(10000));
  ProcessResult o = device->Wait(milliseconds(10000));
  ASSERT_EQ(d.exit_code, 0) << d.err;
  ASSERT_EQ(o.exit_code, 0) << o.err;
  PcapFile inner = ReadPcap(underlay), seen = ReadPcap(overlay);
  ASSERT_TRUE(inner.error.empty()) << inner.error;
  ASSERT_TRUE(seen.error.empty()) << seen.error;
  EXPECT_EQ(inner.linktype, DLT_EN10MB);
  ASSERT_EQ(inner.records.size(), 20u);
  EXPECT_EQ(Frames(inner), Frames(seen));
  ExpectReadersAccept(underlay, 20);
}

// Writes frames into a pcap file for tcpreplay.
void WritePcap(const std::string& path, const std::vector<Frame>& frames) {
  pcap_t* dead = pcap_open_dead(DLT_EN10MB, 65535);
  pcap_dumper_t* dumper = pcap_dump_open(dead, path.c_str());
  ASSERT_NE(dumper, nullptr) << pcap_geterr(dead);
  for (const Frame& f : frames) {
    pcap_pkthdr h{};
    h.caplen = h.len = static_cast<uint32_t>(f.size());
    pcap_dump(reinterpret_cast<u_char*>(dumper), &h, f.data());
  }
  pcap_dump_close(dumper);
  pcap_close(dead);
}

struct TunnelCase {
  const char* spec;
  std::vector<Frame> (*make)(const std::vector<Frame>& inner);
  const char* unmatched;  // the summary line: others that pass the kernel's tunnel filter are counted
};

class DecapReplay : public ::testing::TestWithParam<TunnelCase> {};

TEST_P(DecapReplay, InnerFramesWrittenOthersCountedOrKept) {
  RINGDUMP_REQUIRE_NETNS();
  if (!HaveTool("tcpreplay")) GTEST_SKIP() << "tcpreplay is not installed";
  TestNetwork net;
  ASSERT_TRUE(net.ok()) << net.error();
  TempDir dir;
  std::vector<Frame> inner;
  for (uint32_t i = 0; i < 6; ++i) inner.push_back(InnerFrame(i, 20 + 50 * i));
  std::vector<Frame> wire = GetParam().make(inner);  // 6 tunnelled with the wanted id, then 4 others
  WritePcap(dir.File("replay.pcap"), wire);
  for (bool keep : {false, true}) {
    const std::string out = dir.File(keep ? "kept.pcap" : "inner.pcap");
    std::vector<std::string> args = {RINGDUMP_BINARY, "-i", net.if_b(), "--queues", "1", "--decap",
                                     GetParam().spec, "-w", out,        "-v"};
    if (keep) args.push_back("--decap-keep");
    std::string error;
    auto capture = Process::Start(InNamespace(net.ns_b(), args), &error);
    ASSERT_TRUE(capture) << error;
    ASSERT_TRUE(capture->WaitForStderr("listening on", milliseconds(5000))) << capture->err();
    ProcessResult sent = RunIn(net.ns_a(), {"tcpreplay", "-q", "-i", net.if_a(), dir.File("replay.pcap")});
    ASSERT_EQ(sent.exit_code, 0) << sent.err;
    usleep(400000);
    capture->Signal(SIGTERM);
    ProcessResult r = capture->Wait(milliseconds(10000));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    PcapFile file = ReadPcap(out);
    ASSERT_TRUE(file.error.empty()) << file.error;
    std::vector<Bytes> got = Frames(file);
    if (!keep) {
      EXPECT_EQ(got, std::vector<Bytes>(inner.begin(), inner.end()));
      EXPECT_NE(r.err.find(GetParam().unmatched), std::string::npos) << r.err;
    } else {
      ASSERT_EQ(got.size(), wire.size());
      for (size_t i = 0; i < inner.size(); ++i) EXPECT_EQ(got[i], inner[i]);
      for (size_t i = inner.size(); i < wire.size(); ++i) EXPECT_EQ(got[i], wire[i]);  // as they came
    }
  }
}

// Several queues with --decap: both directions of one inner connection, each packet in a different outer
// flow (another outer source address and UDP port, as mirrored traffic arrives), all land on ONE queue (the
// inner-flow fanout program, engine/src/fanout_program.hpp). With the kernel's hash of the outer packet they
// spread over both queues.
TEST(Decap, BothDirectionsOfAnInnerFlowShareAQueue) {
  RINGDUMP_REQUIRE_NETNS();
  if (!HaveTool("tcpreplay")) GTEST_SKIP() << "tcpreplay is not installed";
  TestNetwork net;
  ASSERT_TRUE(net.ok()) << net.error();
  TempDir dir;
  std::vector<Frame> wire;
  for (uint32_t i = 0; i < 64; ++i) {
    Frame inner = InnerFrame(i);
    if (i % 2) {  // the answer: addresses and ports swapped
      std::swap_ranges(inner.begin() + 26, inner.begin() + 30, inner.begin() + 30);
      std::swap_ranges(inner.begin() + 34, inner.begin() + 36, inner.begin() + 36);
    }
    Frame outer = Vxlan(42, inner);
    outer[29] = static_cast<uint8_t>(10 + i);  // outer source address
    outer[34] = static_cast<uint8_t>(0xc0 + i), outer[35] = static_cast<uint8_t>(i * 7);  // outer source port
    wire.push_back(outer);
  }
  WritePcap(dir.File("flow.pcap"), wire);
  std::string error;
  auto capture = Process::Start(InNamespace(net.ns_b(), {RINGDUMP_BINARY, "-i", net.if_b(), "--queues", "2", "--decap",
                                                         "vxlan:42", "-w", dir.File("inner.pcap"), "-v"}),
                                &error);
  ASSERT_TRUE(capture) << error;
  ASSERT_TRUE(capture->WaitForStderr("listening on", milliseconds(5000))) << capture->err();
  ProcessResult sent = RunIn(net.ns_a(), {"tcpreplay", "-q", "-i", net.if_a(), dir.File("flow.pcap")});
  ASSERT_EQ(sent.exit_code, 0) << sent.err;
  usleep(400000);
  capture->Signal(SIGTERM);
  ProcessResult r = capture->Wait(milliseconds(10000));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // The -v table: "queue received kernel-drop freezes written ..." then a row per queue.
  std::vector<uint64_t> written;
  const size_t table = r.err.find("\nqueue ");
  ASSERT_NE(table, std::string::npos) << r.err;
  std::istringstream rows(r.err.substr(r.err.find('\n', table + 1) + 1));
  for (std::string line; std::getline(rows, line) && written.size() < 2;) {
    std::istringstream row(line);
    uint64_t queue, received, drops, freezes, count;
    if (row >> queue >> received >> drops >> freezes >> count) written.push_back(count);
  }
  ASSERT_EQ(written.size(), 2u) << r.err;
  EXPECT_EQ(written[0] + written[1], 64u) << r.err;
  EXPECT_TRUE(written[0] == 0 || written[1] == 0) << "one inner connection was split over the queues:\n" << r.err;
}

std::vector<Frame> GeneveFrames(const std::vector<Frame>& inner) {
  std::vector<Frame> out;
  for (const Frame& f : inner) out.push_back(Geneve(77, f, out.size() % 2));
  for (int i = 0; i < 2; ++i) out.push_back(Geneve(78, inner[0]));  // another VNI
  for (int i = 0; i < 2; ++i) out.push_back(Vxlan(77, inner[0]));   // another tunnel
  return out;
}
std::vector<Frame> GreFrames(const std::vector<Frame>& inner) {
  std::vector<Frame> out;
  for (size_t i = 0; i < inner.size(); ++i)
    out.push_back(i % 3 == 0   ? GreTeb(12, inner[i])
                  : i % 3 == 1 ? Erspan2(12, inner[i])
                               : Erspan3(12, inner[i], i % 2));
  for (int i = 0; i < 2; ++i) out.push_back(GreTeb(13, inner[0]));
  for (int i = 0; i < 2; ++i) out.push_back(Erspan2(14, inner[0]));
  return out;
}

INSTANTIATE_TEST_SUITE_P(
    Tunnels, DecapReplay,
    ::testing::Values(TunnelCase{"geneve:77", GeneveFrames, "\n2 packets not of the --decap tunnel"},
                      TunnelCase{"gre:12", GreFrames, "\n4 packets not of the --decap tunnel"}),
    [](const auto& info) { return std::string(info.param.spec).substr(0, 3) == "gen" ? "Geneve" : "Gre"; });

}  // namespace
}  // namespace ringdump::testing
