// ringdump: tcpdump's command line over the ringdump engine. Parses, dispatches, returns tcpdump's exit codes.
#include <cstdio>
#include <string_view>

#include "capture_command.hpp"
#include "info_command.hpp"
#include "monitor_mode.hpp"
#include "options.hpp"
#include "query_command.hpp"
#include "repair_command.hpp"
#include "report.hpp"
#include "stats_plot.hpp"
#include "timestamp_types.hpp"
#if __has_include("read_command.hpp")
#include "read_command.hpp"
#define RINGDUMP_HAVE_READ_COMMAND 1
#endif

using namespace ringdump;

int main(int argc, char** argv) {
  if (argc >= 2 && std::string_view(argv[1]) == "stats") return cli::RunStatsCommand(argc - 1, argv + 1);
  if (argc >= 2 && std::string_view(argv[1]) == "--repair") return cli::RunRepairCommand(argc - 1, argv + 1);
  if (argc >= 2 && std::string_view(argv[1]) == "query") return cli::RunQueryCommand(argc - 1, argv + 1);
  auto parsed = cli::ParseOptions(argc, argv);
  if (!parsed.ok()) {
    cli::ReportError(parsed.error());
    if (parsed.error().kind() == Error::Kind::kBadArgument) std::fputs(cli::UsageText().c_str(), stderr);
    return 1;
  }
  const cli::CliOptions& options = parsed.value();
  if (options.show_help) {
    std::fputs(cli::UsageText().c_str(), stdout);
    return 0;
  }
  if (options.show_version) {
    std::fputs(cli::UsageText().substr(0, cli::UsageText().find("Usage:")).c_str(), stdout);
    return 0;
  }
  if (!options.unsupported.empty())
    return cli::ReportError(Error("option " + options.unsupported.front() + " is not supported by ringdump yet"));
  if (options.info) return cli::RunInfoCommand(options);
  if (options.list_interfaces) return cli::RunListInterfacesCommand(options);
  if (options.list_time_stamp_types) return cli::RunListTimeStampTypesCommand(options);
  if (!options.read_file.empty()) {
#ifdef RINGDUMP_HAVE_READ_COMMAND
    return cli::RunReadCommand(options);
#else
    return cli::ReportError(Error("-r is not supported by this build"));
#endif
  }
  if (options.dump_filter > 0) return cli::RunDumpFilterCommand(options);
  // -I is refused, not ignored, where it would matter: listing a device's link types and capturing.
  if (Status monitor = cli::CheckMonitorMode(options); !monitor.ok()) return cli::ReportError(monitor.error());
  if (options.list_data_link_types) return cli::RunListDataLinkTypesCommand(options);
  return cli::RunCaptureCommand(options);
}
