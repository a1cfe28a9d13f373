// Which cores the workers run on, chosen with hwloc: one processing unit per physical core (no two workers on
// hyperthread siblings), cores of the NUMA node the NIC is attached to first, and pinning a thread to a core.
#pragma once

#include <string>
#include <vector>

#include "ringdump/result.hpp"

namespace ringdump {

// `count` logical CPU numbers for the workers of a capture on `interface` (may repeat when there are fewer
// cores than workers). Never fails: without topology information it returns 0, 1, 2, ...
std::vector<int> ChooseWorkerCpus(unsigned count, const std::string& interface);

// Parses "0-3,6" into {0,1,2,3,6}; the message names the bad part.
Result<std::vector<int>> ParseCpuList(const std::string& text);

// Number of physical cores available to this process (at least 1).
unsigned AvailableCores();

// Pins the calling thread to logical CPU `cpu`.
Status PinCurrentThread(int cpu);

}  // namespace ringdump
