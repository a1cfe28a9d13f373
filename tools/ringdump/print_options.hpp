// CliOptions -> print::PrintOptions: tcpdump's display flags for the printer (live capture and -r).
#pragma once

#include "options.hpp"
#include "printer.hpp"

namespace ringdump::cli {

print::PrintOptions MakePrintOptions(const CliOptions& options, int dlt);

}  // namespace ringdump::cli
