// `ringdump -i IF [-w FILE] [expression]`: a live capture, with tcpdump's messages and exit codes.
#pragma once

#include "options.hpp"

namespace ringdump::cli {

// Runs the capture; returns the exit code.
int RunCaptureCommand(const CliOptions& options);

// tcpdump -d/-dd/-ddd: prints the compiled filter and returns the exit code.
int RunDumpFilterCommand(const CliOptions& options);

// tcpdump -D and -L.
int RunListInterfacesCommand(const CliOptions& options);
int RunListDataLinkTypesCommand(const CliOptions& options);

}  // namespace ringdump::cli
