// Container and PID -> network namespace path, against a synthetic runtime state directory.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "netns.hpp"

namespace ringdump {
namespace {

namespace fs = std::filesystem;

class ContainerLookup : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("ringdump-runtime-" + std::to_string(getpid()));
    fs::create_directories(root_ / "docker/runtime-runc/moby/abc123def");
    std::ofstream(root_ / "docker/runtime-runc/moby/abc123def/state.json")
        << "{\"id\":\"abc123def\",\"init_process_pid\": " << getpid() << ",\"status\":\"running\"}";
    fs::create_directories(root_ / "containerd/io.containerd.runtime.v2.task/k8s.io/f00dcafe");
    std::ofstream(root_ / "containerd/io.containerd.runtime.v2.task/k8s.io/f00dcafe/init.pid") << getpid();
    fs::create_directories(root_ / "containerd/io.containerd.runtime.v2.task/k8s.io/abc999");
    std::ofstream(root_ / "containerd/io.containerd.runtime.v2.task/k8s.io/abc999/init.pid") << getpid();
    setenv("RINGDUMP_RUNTIME_ROOT", root_.c_str(), 1);
  }
  void TearDown() override {
    unsetenv("RINGDUMP_RUNTIME_ROOT");
    fs::remove_all(root_);
  }
  fs::path root_;
};

TEST_F(ContainerLookup, DockerRuncStateByPrefix) {
  auto path = NetnsPathOfContainer("abc123");
  ASSERT_TRUE(path.ok()) << path.error().message();
  EXPECT_EQ(path.value(), "/proc/" + std::to_string(getpid()) + "/ns/net");
}

TEST_F(ContainerLookup, ContainerdInitPid) {
  auto path = NetnsPathOfContainer("f00d");
  ASSERT_TRUE(path.ok()) << path.error().message();
  EXPECT_EQ(path.value(), "/proc/" + std::to_string(getpid()) + "/ns/net");
}

TEST_F(ContainerLookup, AmbiguousAndUnknownIdsAreErrorsThatSaySo) {
  auto ambiguous = NetnsPathOfContainer("abc");
  ASSERT_FALSE(ambiguous.ok());
  EXPECT_NE(ambiguous.error().message().find("ambiguous"), std::string::npos);
  auto unknown = NetnsPathOfContainer("nothere");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.error().message().find("no container nothere"), std::string::npos);
  EXPECT_NE(unknown.error().message().find("containerd"), std::string::npos);
}

TEST(NetnsPid, ExistingAndMissingProcess) {
  auto own = NetnsPathOfPid(getpid());
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(own.value(), "/proc/" + std::to_string(getpid()) + "/ns/net");
  auto missing = NetnsPathOfPid(0x3ffffff0);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.error().message().find("--netns-pid"), std::string::npos);
}

TEST(ScopedNetnsTest, EmptyPathChangesNothingAndBadPathSaysWhich) {
  EXPECT_TRUE(ScopedNetns::Enter("").ok());
  auto bad = ScopedNetns::Enter("/nonexistent/netns");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message().find("/nonexistent/netns"), std::string::npos);
}

}  // namespace
}  // namespace ringdump
