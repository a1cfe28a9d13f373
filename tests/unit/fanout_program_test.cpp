// FlowSpreadProgram must pass the kernel's classic-BPF checker (which, e.g., rejects a scratch-memory read that a
// straight-line reading of the program does not show as written): attached here as a socket filter, the same
// checker PACKET_FANOUT_DATA runs.
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "fanout_program.hpp"

namespace ringdump {
namespace {

TEST(FanoutProgram, KernelAcceptsTheFlowSpreadProgram) {
  std::vector<sock_filter> program = FlowSpreadProgram();
  ASSERT_FALSE(program.empty());
  EXPECT_EQ(program.back().code & 0x07, BPF_RET);
  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  ASSERT_GE(fd, 0) << std::strerror(errno);
  sock_fprog fprog{static_cast<unsigned short>(program.size()), program.data()};
  EXPECT_EQ(setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &fprog, sizeof(fprog)), 0) << std::strerror(errno);
  close(fd);
}

// Every jump lands inside the program (forward only, by construction of the label assembler).
TEST(FanoutProgram, JumpsStayInsideTheProgram) {
  std::vector<sock_filter> program = FlowSpreadProgram();
  for (size_t pc = 0; pc < program.size(); ++pc) {
    const sock_filter& f = program[pc];
    if ((f.code & 0x07) != BPF_JMP) continue;
    if ((f.code & 0xf0) == BPF_JA) {
      EXPECT_LT(pc + 1 + f.k, program.size()) << pc;
    } else {
      EXPECT_LT(pc + 1 + f.jt, program.size()) << pc;
      EXPECT_LT(pc + 1 + f.jf, program.size()) << pc;
    }
  }
}

}  // namespace
}  // namespace ringdump
