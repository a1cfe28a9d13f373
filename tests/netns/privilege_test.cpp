// Without CAP_NET_RAW: tcpdump's message, a hint that names the capability, exit 1, and no file left behind.
#include <gtest/gtest.h>
#include <pwd.h>
#include <unistd.h>

#include <filesystem>

#include "netns_fixture.hpp"

namespace ringdump::testing {
namespace {

TEST(Privileges, WithoutCapNetRawTheMessageSaysSoAndNoFileIsLeft) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root to run the capture as an unprivileged user";
  if (!HaveTool("setpriv")) GTEST_SKIP() << "setpriv (util-linux) is not installed";
  TempDir dir;
  std::filesystem::permissions(dir.path(), std::filesystem::perms::all);
  const std::string out = dir.File("nope.pcap");
  ProcessResult r = ::ringdump::testing::Run({"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                                              "--inh-caps=-all", RINGDUMP_BINARY, "-i", "lo", "-w", out});
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_NE(r.err.find("ringdump: lo: You don't have permission to perform this capture on that device"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("CAP_NET_RAW"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(out));
  for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
    ADD_FAILURE() << "left behind: " << entry.path();
}

// -Z to a user who cannot create files in the -w directory: the message names -Z, the user and the directory
// (it once said only "open .../.f.pcap.part: Permission denied"), exit 1, nothing left behind.
TEST(Privileges, DroppedUserWithoutWriteAccessIsNamed) {
  if (geteuid() != 0) GTEST_SKIP() << "needs root to switch users";
  if (getpwnam("nobody") == nullptr) GTEST_SKIP() << "no user nobody";
  TempDir dir;
  std::filesystem::permissions(dir.path(), std::filesystem::perms::owner_all);  // 0700 root
  const std::string out = dir.File("f.pcap");
  ProcessResult r = ::ringdump::testing::Run({RINGDUMP_BINARY, "-i", "lo", "-Z", "nobody", "-w", out});
  EXPECT_EQ(r.exit_code, 1) << r.Describe();
  EXPECT_NE(r.err.find("-Z nobody: user nobody cannot create files in " + dir.path()), std::string::npos) << r.err;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
    ADD_FAILURE() << "left behind: " << entry.path();
}

}  // namespace
}  // namespace ringdump::testing
