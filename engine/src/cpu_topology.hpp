// Which cores the workers run on, chosen with hwloc: one processing unit per physical core (no two workers on
// hyperthread siblings), cores of the NUMA node the NIC is attached to first, and among those the cores that
// do not take the NIC's interrupts first (where there is a choice), and pinning a thread to a core.
#pragma once

#include <string>
#include <vector>

#include "ringdump/result.hpp"

namespace ringdump {

// `count` logical CPU numbers for the workers of a capture on `interface` (may repeat when there are fewer
// cores than workers). Never fails: without topology information it returns 0, 1, 2, ...
std::vector<int> ChooseWorkerCpus(unsigned count, const std::string& interface);

// The CPUs the interrupts of `interface` are delivered to: its PCI function's MSI/MSI-X vectors
// (device/msi_irqs, or the parent's for virtio-net) and each one's /proc/irq/N/effective_affinity_list
// (smp_affinity_list on kernels without it). Empty for virtual devices (veth, lo) or when unreadable.
// `root` prefixes /sys and /proc (tests).
std::vector<int> InterfaceIrqCpus(const std::string& interface, const std::string& root = "");

// `cpus` reordered so those not in `avoid` come first; each group keeps its order.
std::vector<int> AvoidCpus(std::vector<int> cpus, const std::vector<int>& avoid);

// Parses "0-3,6" into {0,1,2,3,6}; the message names the bad part.
Result<std::vector<int>> ParseCpuList(const std::string& text);

// Number of physical cores available to this process (at least 1).
unsigned AvailableCores();

// Pins the calling thread to logical CPU `cpu`.
Status PinCurrentThread(int cpu);

}  // namespace ringdump
