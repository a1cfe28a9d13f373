// tcpdump -J (list a device's time stamp types) and -j (choose one).
#pragma once

#include <string>

#include "options.hpp"
#include "ringdump/result.hpp"

namespace ringdump::cli {

int RunListTimeStampTypesCommand(const CliOptions& options);

// For -j TYPE on `device`: "" when the type is the host clock ringdump uses, or tcpdump's warning text when the
// device does not offer it (the capture then goes on with host time stamps, as tcpdump's does). A hardware type
// the device does offer is an error: ringdump does not program NIC time stamping yet.
Result<std::string> CheckTimeStampType(const std::string& device, const std::string& type);

}  // namespace ringdump::cli
