// hwloc-based core choice and pinning.
#include "cpu_topology.hpp"

#include <hwloc.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>

namespace ringdump {
namespace {

struct TopologyDeleter {
  void operator()(hwloc_topology* t) const { hwloc_topology_destroy(t); }
};
using Topology = std::unique_ptr<hwloc_topology, TopologyDeleter>;

Topology LoadTopology() {
  hwloc_topology_t t = nullptr;
  if (hwloc_topology_init(&t) != 0) return nullptr;
  if (hwloc_topology_load(t) != 0) {
    hwloc_topology_destroy(t);
    return nullptr;
  }
  return Topology(t);
}

// The NUMA node of the NIC's PCI device, from sysfs (-1: unknown, virtual device or single node).
int InterfaceNumaNode(const std::string& interface) {
  std::ifstream in("/sys/class/net/" + interface + "/device/numa_node");
  int node = -1;
  if (in >> node) return node;
  return -1;
}

// First processing unit of every core allowed to this process; cores of `numa_node` first, and within each
// node the cores not in `avoid` first.
std::vector<int> CorePus(hwloc_topology_t t, int numa_node, const std::vector<int>& avoid = {}) {
  std::vector<int> near, far;
  hwloc_const_cpuset_t allowed = hwloc_topology_get_allowed_cpuset(t);
  hwloc_obj_t node = numa_node >= 0 ? hwloc_get_numanode_obj_by_os_index(t, numa_node) : nullptr;
  int cores = hwloc_get_nbobjs_by_type(t, HWLOC_OBJ_CORE);
  for (int i = 0; i < cores; ++i) {
    hwloc_obj_t core = hwloc_get_obj_by_type(t, HWLOC_OBJ_CORE, i);
    hwloc_bitmap_t usable = hwloc_bitmap_alloc();
    hwloc_bitmap_and(usable, core->cpuset, allowed);
    int pu = hwloc_bitmap_first(usable);
    hwloc_bitmap_free(usable);
    if (pu < 0) continue;
    bool is_near = node != nullptr && hwloc_bitmap_isincluded(core->cpuset, node->cpuset);
    (is_near ? near : far).push_back(pu);
  }
  near = AvoidCpus(std::move(near), avoid);
  far = AvoidCpus(std::move(far), avoid);
  near.insert(near.end(), far.begin(), far.end());
  return near;
}

std::string ReadLine(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

}  // namespace

std::vector<int> InterfaceIrqCpus(const std::string& interface, const std::string& root) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path device = fs::path(root + "/sys/class/net") / interface / "device";
  fs::path irqs = device / "msi_irqs";
  if (!fs::is_directory(irqs, ec)) irqs = device / ".." / "msi_irqs";  // virtio-net: the PCI parent's
  std::set<int> cpus;
  if (!fs::is_directory(irqs, ec)) return {};
  for (const auto& entry : fs::directory_iterator(irqs, ec)) {
    const std::string irq = entry.path().filename().string();
    if (irq.empty() || irq.find_first_not_of("0123456789") != std::string::npos) continue;
    const std::string base = root + "/proc/irq/" + irq + "/";
    std::string list = ReadLine(base + "effective_affinity_list");
    if (list.empty()) list = ReadLine(base + "smp_affinity_list");
    auto parsed = ParseCpuList(list);
    if (parsed.ok()) cpus.insert(parsed.value().begin(), parsed.value().end());
  }
  return {cpus.begin(), cpus.end()};
}

std::vector<int> AvoidCpus(std::vector<int> cpus, const std::vector<int>& avoid) {
  std::stable_partition(cpus.begin(), cpus.end(), [&](int cpu) {
    return std::find(avoid.begin(), avoid.end(), cpu) == avoid.end();
  });
  return cpus;
}

std::vector<int> ChooseWorkerCpus(unsigned count, const std::string& interface) {
  std::vector<int> pus;
  // Cores busy with the NIC's interrupts (and the softirq work after them) come after the others of their
  // NUMA node, so they are used only when there are not enough other cores.
  if (Topology t = LoadTopology())
    pus = CorePus(t.get(), InterfaceNumaNode(interface), InterfaceIrqCpus(interface));
  if (pus.empty())
    for (unsigned i = 0; i < count; ++i) pus.push_back(static_cast<int>(i));
  std::vector<int> chosen;
  for (unsigned i = 0; i < count; ++i) chosen.push_back(pus[i % pus.size()]);
  return chosen;
}

unsigned AvailableCores() {
  Topology t = LoadTopology();
  if (!t) return 1;
  auto pus = CorePus(t.get(), -1);
  return pus.empty() ? 1 : static_cast<unsigned>(pus.size());
}

Result<std::vector<int>> ParseCpuList(const std::string& text) {
  hwloc_bitmap_t set = hwloc_bitmap_alloc();
  int rc = hwloc_bitmap_list_sscanf(set, text.c_str());
  std::vector<int> cpus;
  if (rc == 0) {
    unsigned id;
    hwloc_bitmap_foreach_begin(id, set) { cpus.push_back(static_cast<int>(id)); }
    hwloc_bitmap_foreach_end();
  }
  hwloc_bitmap_free(set);
  // hwloc accepts some odd forms; require the plain "N", "N-M" list syntax.
  bool plain = !text.empty() && text.find_first_not_of("0123456789,-") == std::string::npos;
  if (rc != 0 || cpus.empty() || !plain)
    return Error("invalid CPU list '" + text + "' (--cpus: e.g. 0-3,6)", Error::Kind::kBadArgument);
  return cpus;
}

Status PinCurrentThread(int cpu) {
  Topology t = LoadTopology();
  if (!t) return Error("hwloc: cannot load the topology");
  hwloc_bitmap_t set = hwloc_bitmap_alloc();
  hwloc_bitmap_only(set, static_cast<unsigned>(cpu));
  int rc = hwloc_set_cpubind(t.get(), set, HWLOC_CPUBIND_THREAD);
  hwloc_bitmap_free(set);
  if (rc != 0) return Error("cannot pin the worker to CPU " + std::to_string(cpu));
  return Ok();
}

}  // namespace ringdump
