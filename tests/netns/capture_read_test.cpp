// A file ringdump wrote, read back by ringdump itself: `ringdump -r FILE` must print exactly what
// `tcpdump -r FILE` prints for the same flags (timestamps included: both read the same records). The frames
// cover plain, 802.1Q-tagged (with priority) and 802.1ad-tagged UDP, and records cut by -s.
#include <chrono>
#include <filesystem>

#include "capture_support.hpp"

namespace ringdump::testing {
namespace {

using std::chrono::milliseconds;

class ReadBackTest : public ::testing::TestWithParam<std::vector<std::string>> {};  // parameter: print flags

TEST_P(ReadBackTest, PrintsLikeTcpdump) {
  if (!HaveTool("tcpdump")) GTEST_SKIP() << "tcpdump is needed for the reference output";
  SETUP_NETWORK(net);
  std::vector<FrameGroup> groups = {{gen::FrameSpec{}, {60, 200, 1514}, 6, 0, true, 3},
                                    {Tagged(100, 5), {60, 1518}, 4, 100},
                                    {Tagged(7, 0, gen::kTpid8021AD), {64, 300}, 4, 200}};
  const std::string file = tmp.File("readback.pcap");
  auto capture = StartCapture(net, {"-w", file, "-s", "256", "-c", std::to_string(CountCaptured(groups))});
  ASSERT_NE(capture, nullptr);
  ASSERT_TRUE(Send(net, groups));
  ProcessResult captured = capture->Wait(milliseconds(15000));
  ASSERT_EQ(captured.exit_code, 0) << captured.Describe();

  std::vector<std::string> ours = {CaptureBinary(), "-r", file};
  std::vector<std::string> reference = {"tcpdump", "-r", file};
  for (const auto& flag : GetParam()) {
    ours.push_back(flag);
    reference.push_back(flag);
  }
  ProcessResult got = RunCommand(ours, milliseconds(10000));
  ProcessResult want = RunCommand(reference, milliseconds(10000));
  ASSERT_EQ(want.exit_code, 0) << want.Describe();
  EXPECT_EQ(got.exit_code, 0) << got.Describe();
  EXPECT_EQ(got.out, want.out);
  // stderr: "reading from file ..., link-type ..., snapshot length 256" with the program's name.
  EXPECT_EQ(got.err, want.err);
}

INSTANTIATE_TEST_SUITE_P(Flags, ReadBackTest,
                         ::testing::Values(std::vector<std::string>{"-nn"},
                                           std::vector<std::string>{"-nn", "-e"},
                                           std::vector<std::string>{"-nn", "-v", "-e"},
                                           std::vector<std::string>{"-nn", "-e", "-xx"},
                                           std::vector<std::string>{"-tt", "-nn", "-q"}),
                         [](const ::testing::TestParamInfo<std::vector<std::string>>& info) {
                           std::string name;
                           for (const auto& f : info.param) {
                             for (char c : f) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           }
                           return name;
                         });

}  // namespace
}  // namespace ringdump::testing
