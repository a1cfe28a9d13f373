// Shared pieces of the end-to-end capture tests: which programs run (ringdump, or tcpdump to validate the
// tests themselves; ringdump-gen), the frames a test sends (FrameGroup -> generator arguments and the exact
// bytes expected on the wire), reading a capture file back with libpcap, and the checks every capture test
// makes (byte-identical records, order, tcpdump's stdout/stderr, the summary, tcpdump -r / tshark -r).
#pragma once

#include <gtest/gtest.h>
#include <sys/time.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "../../tools/ringdump-gen/frame.hpp"
#include "netns_fixture.hpp"

namespace ringdump::testing {

using Bytes = std::vector<uint8_t>;

// The programs
// The capture program under test: RINGDUMP_TEST_BINARY if set (e.g. /usr/bin/tcpdump), else RINGDUMP_BINARY.
std::string CaptureBinary();
std::string ProgramName();  // its file name: the prefix of its messages
bool UnderTcpdump();
// RINGDUMP_GEN_BINARY (environment, then compile definition), else next to RINGDUMP_BINARY.
std::string GenBinary();
// --queues Q for ringdump; nothing under tcpdump.
std::vector<std::string> QueueArgs(int queues);

// Frames
// One run of ringdump-gen: count frames with sequence numbers seq_start.., sizes cycling through sizes.
struct FrameGroup {
  gen::FrameSpec spec;
  std::vector<size_t> sizes;
  uint64_t count = 0;
  uint64_t seq_start = 0;
  bool captured = true;  // expected in the file (false: the filter must drop it)
  uint32_t flows = 1;    // frame i comes from spec.src_port + i % flows (fanout hashing spreads flows)
  int rate = 20000;      // frames per second; paced so the receiver's backlog never overflows. 0: flat out
  bool from_b = false;   // sent from NAME-b0 towards NAME-a0 instead of the other way
  // PACKET_QDISC_BYPASS skips the packet taps of the sending device: a capture on the sender's side sees
  // the frames as outgoing only without it.
  bool bypass = true;
};

std::vector<std::string> GenArgs(const TestNetwork& net, const FrameGroup& g);
// Sends each group from namespace a; false (with a failure recorded) if the generator did not send them all.
bool Send(const TestNetwork& net, const std::vector<FrameGroup>& groups);
// Sequence number -> the exact bytes on the wire, for the groups expected in the file.
std::map<uint64_t, Bytes> ExpectedFrames(const std::vector<FrameGroup>& groups);
uint64_t CountCaptured(const std::vector<FrameGroup>& groups);
gen::FrameSpec Tagged(uint16_t id, uint8_t priority, uint16_t tpid = gen::kTpid8021Q);
gen::FrameSpec ToPort(uint16_t port);

// The file
struct Record {
  timeval ts{};
  uint32_t len = 0;  // the original length
  Bytes data;        // caplen bytes
};

struct PcapFile {
  std::string error;  // empty when the whole file was read without complaint
  int linktype = -1;
  int snaplen = 0;
  std::vector<Record> records;
};

PcapFile ReadPcap(const std::string& path);

// How records must be ordered: one queue keeps the wire order; several queues keep it per flow (a flow
// hashes to one queue, each queue is written in time order), records of different queues interleave.
enum class Order { kGlobal, kPerFlow };
Order OrderFor(int queues);

// Every record is one of the expected frames, byte-identical, once, in the given order; unless
// allow_missing, every expected frame is there. Returns the number of valid records.
size_t ExpectFramesFrom(const PcapFile& file, const std::map<uint64_t, Bytes>& expected, Order order,
                        bool allow_missing = false);
// `tcpdump -r` and `tshark -r` read the file without complaint and see count packets (when installed).
void ExpectReadersAccept(const std::string& path, size_t count);

// The capture
struct Summary {
  bool found = false;
  int64_t captured = -1, received = -1, dropped = -1;
};
Summary ParseSummary(const std::string& err);
// Starts `PROG -i NAME-b0 ARGS...` in namespace b and waits for its `listening on` line; nullptr (with a
// failure recorded) if it never comes.
std::unique_ptr<Process> StartCapture(const TestNetwork& net, const std::vector<std::string>& args);
// The same on any interface of any namespace.
std::unique_ptr<Process> StartCaptureOn(const std::string& ns, const std::string& interface,
                                        const std::vector<std::string>& args);
// With -w, tcpdump prints nothing on stdout and exactly four lines on stderr: the listening line and the
// three summary lines.
void ExpectTcpdumpOutput(const ProcessResult& result, const std::string& interface);
// A capture that ended by itself (-c, --duration) or by a signal after all frames arrived: exit 0,
// tcpdump's output, exactly the expected frames, a summary that adds up with no drops, readers accept the
// file.
void CheckCompleteCapture(const ProcessResult& result, const std::string& file,
                          const std::vector<FrameGroup>& groups, Order order, const std::string& interface);

}  // namespace ringdump::testing

// Common start of every test: skip if impossible, build the network, check the programs exist.
#define SETUP_NETWORK(net)                                                                  \
  RINGDUMP_REQUIRE_NETNS();                                                                 \
  TestNetwork net;                                                                          \
  ASSERT_TRUE(net.ok()) << net.error();                                                     \
  ASSERT_TRUE(std::filesystem::exists(GenBinary()))                                         \
      << "ringdump-gen not found at " << GenBinary()                                        \
      << " (build target ringdump-gen or set RINGDUMP_GEN_BINARY)";                         \
  ASSERT_TRUE(std::filesystem::exists(CaptureBinary())) << CaptureBinary() << " not found"; \
  TempDir tmp;                                                                              \
  ASSERT_FALSE(tmp.path().empty())
