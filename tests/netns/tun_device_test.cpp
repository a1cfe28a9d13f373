// A tun device (raw IP, no link-layer header: LINKTYPE_RAW) goes through the AF_PACKET engine with libpcap's
// link type. A helper process in a test namespace opens tun0 and writes UDP datagrams into it (the kernel
// receives them on tun0); ringdump and tcpdump capture tun0 at the same time, and `tcpdump -r` must print
// the same packets, bytes included, from both files, with the same link type line.
#include <chrono>
#include <filesystem>
#include <thread>

#include "capture_support.hpp"

namespace ringdump::testing {
namespace {

using std::chrono::milliseconds;

// Opens tun0 (its carrier comes up), sleeps argv[2] seconds (both captures are listening by then), writes
// `count` IPv4/UDP datagrams 10.77.0.2 -> 10.77.0.1, sleeps again so nothing is cut short.
const char* kWriter = R"PY(
import fcntl, os, struct, sys, time
fd = os.open('/dev/net/tun', os.O_RDWR)
fcntl.ioctl(fd, 0x400454ca, struct.pack('16sH', b'tun0', 0x0001 | 0x1000))  # TUNSETIFF, IFF_TUN|IFF_NO_PI
time.sleep(float(sys.argv[2]))
def csum(b):
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while s >> 16: s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff
for i in range(int(sys.argv[1])):
    payload = bytes([i]) * (20 + i)
    udp = struct.pack('!HHHH', 4000 + i, 5000, 8 + len(payload), 0) + payload
    ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), i, 0, 64, 17, 0,
                     bytes([10, 77, 0, 2]), bytes([10, 77, 0, 1]))
    ip = ip[:10] + struct.pack('!H', csum(ip)) + ip[12:]
    os.write(fd, ip + udp)
    time.sleep(0.05)
time.sleep(1)
)PY";

TEST(TunDevice, RawIpLikeTcpdump) {
  if (UnderTcpdump()) GTEST_SKIP() << "compares ringdump with tcpdump";
  RINGDUMP_REQUIRE_NETNS();
  for (const char* tool : {"tcpdump", "python3"})
    if (!HaveTool(tool)) GTEST_SKIP() << tool << " is needed";
  if (!std::filesystem::exists("/dev/net/tun")) GTEST_SKIP() << "no /dev/net/tun";
  const std::string ns = "rdtun" + std::to_string(getpid());
  ASSERT_EQ(RunCommand({"ip", "netns", "add", ns}).exit_code, 0);
  struct Remove {
    std::string ns;
    ~Remove() { (void)RunCommand({"ip", "netns", "del", ns}); }
  } remove{ns};
  ProcessResult made = RunIn(ns, {"ip", "tuntap", "add", "dev", "tun0", "mode", "tun"});
  if (made.exit_code != 0) GTEST_SKIP() << "cannot create a tun device: " << made.Describe();
  ASSERT_EQ(RunIn(ns, {"ip", "addr", "add", "10.77.0.1/24", "dev", "tun0"}).exit_code, 0);
  ASSERT_EQ(RunIn(ns, {"ip", "link", "set", "tun0", "up"}).exit_code, 0);

  TempDir tmp;
  const int count = 5;
  const std::string ours = tmp.File("ours.pcap"), theirs = tmp.File("theirs.pcap");
  std::string error;
  auto writer =
      Process::Start(InNamespace(ns, {"python3", "-c", kWriter, std::to_string(count), "2"}), &error);
  ASSERT_NE(writer, nullptr) << error;
  std::this_thread::sleep_for(milliseconds(300));  // tun0 has a reader: carrier up
  auto capture = Process::Start(
      InNamespace(ns, {CaptureBinary(), "-i", "tun0", "--queues", "1", "-w", ours, "-c",
                       std::to_string(count), "udp"}),
      &error);  // one queue: the datagrams are different flows, and the comparison wants wire order
  ASSERT_NE(capture, nullptr) << error;
  auto reference = Process::Start(
      InNamespace(ns, {"tcpdump", "-i", "tun0", "-w", theirs, "-c", std::to_string(count), "udp"}), &error);
  ASSERT_NE(reference, nullptr) << error;
  ASSERT_TRUE(capture->WaitForStderr("listening on tun0", milliseconds(5000)))
      << capture->Wait(milliseconds(2000)).Describe();
  ASSERT_TRUE(reference->WaitForStderr("listening on tun0", milliseconds(5000)))
      << reference->Wait(milliseconds(2000)).Describe();
  ProcessResult wrote = writer->Wait(milliseconds(15000));
  ASSERT_EQ(wrote.exit_code, 0) << wrote.Describe();
  ProcessResult got = capture->Wait(milliseconds(5000));
  ProcessResult want = reference->Wait(milliseconds(5000));
  ASSERT_EQ(got.exit_code, 0) << got.Describe();
  ASSERT_EQ(want.exit_code, 0) << want.Describe();
  EXPECT_EQ(got.err.substr(0, got.err.find('\n')),
            want.err.substr(0, want.err.find('\n')).replace(0, 7, ProgramName()))
      << got.err;  // "listening on tun0, link-type RAW (Raw IP), snapshot length 262144 bytes"

  ProcessResult read_ours = RunCommand({"tcpdump", "-r", ours, "-nn", "-t", "-x"});
  ProcessResult read_theirs = RunCommand({"tcpdump", "-r", theirs, "-nn", "-t", "-x"});
  ASSERT_EQ(read_theirs.exit_code, 0) << read_theirs.Describe();
  EXPECT_EQ(read_ours.exit_code, 0) << read_ours.Describe();
  EXPECT_EQ(read_ours.out, read_theirs.out);
  EXPECT_NE(read_ours.out.find("10.77.0.2.4000 > 10.77.0.1.5000: UDP, length 20"), std::string::npos)
      << read_ours.out;
  auto first_line = [](const ProcessResult& r, const std::string& file) {
    std::string line = r.err.substr(0, r.err.find('\n'));
    const size_t at = line.find(file);
    return at == std::string::npos ? line : line.erase(at, file.size());
  };
  EXPECT_EQ(first_line(read_ours, ours), first_line(read_theirs, theirs));  // link-type RAW, snapshot length
}

}  // namespace
}  // namespace ringdump::testing
