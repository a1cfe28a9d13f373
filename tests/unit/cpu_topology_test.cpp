// Core choice: the NIC's interrupt CPUs read from sysfs/procfs (a fake tree here), and cores that take them
// ordered after the others.
#include "cpu_topology.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace ringdump {
namespace {

namespace fs = std::filesystem;

class FakeRoot {
 public:
  FakeRoot() {
    char name[] = "/tmp/ringdump-topo-XXXXXX";
    root_ = mkdtemp(name);
  }
  ~FakeRoot() { fs::remove_all(root_); }
  const std::string& path() const { return root_; }
  void Write(const std::string& relative, const std::string& text) const {
    fs::create_directories(fs::path(root_ + relative).parent_path());
    std::ofstream(root_ + relative) << text << "\n";
  }
  void Irq(int irq, const std::string& effective, const std::string& smp) const {
    if (!effective.empty()) Write("/proc/irq/" + std::to_string(irq) + "/effective_affinity_list", effective);
    Write("/proc/irq/" + std::to_string(irq) + "/smp_affinity_list", smp);
  }

 private:
  std::string root_;
};

TEST(CpuTopology, IrqCpusOfAPciNic) {
  FakeRoot root;
  root.Write("/sys/class/net/eth0/device/msi_irqs/40", "msix");
  root.Write("/sys/class/net/eth0/device/msi_irqs/41", "msix");
  root.Write("/sys/class/net/eth0/device/msi_irqs/42", "msix");
  root.Irq(40, "2", "0-7");
  root.Irq(41, "5", "0-7");
  root.Irq(42, "", "6-7");  // no effective_affinity_list: the configured mask
  EXPECT_EQ(InterfaceIrqCpus("eth0", root.path()), (std::vector<int>{2, 5, 6, 7}));
}

TEST(CpuTopology, IrqCpusOfVirtioNetComeFromThePciParent) {
  FakeRoot root;
  fs::create_directories(root.path() + "/sys/devices/pci0/virtio2");
  root.Write("/sys/devices/pci0/msi_irqs/37", "msix");
  fs::create_directories(root.path() + "/sys/class/net/eth0");
  fs::create_directory_symlink(root.path() + "/sys/devices/pci0/virtio2", root.path() + "/sys/class/net/eth0/device");
  root.Irq(37, "1", "0-1");
  EXPECT_EQ(InterfaceIrqCpus("eth0", root.path()), (std::vector<int>{1}));
}

TEST(CpuTopology, VirtualInterfacesHaveNoIrqCpus) {
  FakeRoot root;
  fs::create_directories(root.path() + "/sys/class/net/veth0");
  EXPECT_TRUE(InterfaceIrqCpus("veth0", root.path()).empty());
  EXPECT_TRUE(InterfaceIrqCpus("missing0", root.path()).empty());
  EXPECT_TRUE(InterfaceIrqCpus("lo").empty());  // the real tree: lo has no device
}

TEST(CpuTopology, CoresTakingInterruptsComeLast) {
  EXPECT_EQ(AvoidCpus({0, 1, 2, 3, 4}, {1, 3}), (std::vector<int>{0, 2, 4, 1, 3}));
  EXPECT_EQ(AvoidCpus({0, 1}, {0, 1}), (std::vector<int>{0, 1}));  // every core takes them: unchanged
  EXPECT_EQ(AvoidCpus({4, 2, 0}, {}), (std::vector<int>{4, 2, 0}));
}

TEST(CpuTopology, ChoiceCoversEveryWorker) {
  const std::vector<int> cpus = ChooseWorkerCpus(5, "lo");
  EXPECT_EQ(cpus.size(), 5u);
  for (int cpu : cpus) EXPECT_GE(cpu, 0);
}

}  // namespace
}  // namespace ringdump
