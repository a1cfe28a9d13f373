// The --info command (see info_command.hpp): the engine's reader does the work, this prints and picks the
// exit code.
#include "info_command.hpp"

#include <cstdio>

#include "capture_file_info.hpp"
#include "report.hpp"

namespace ringdump::cli {

int RunInfoCommand(const CliOptions& options) {
  int status = 0;
  bool first = true;
  for (const std::string& path : options.info_files) {
    auto info = ReadCaptureFileInfo(path);
    if (!info.ok()) {
      std::fflush(stdout);
      status = ReportError(info.error());
      continue;
    }
    if (!first) std::fputc('\n', stdout);
    first = false;
    std::fputs(FormatCaptureFileInfo(path, info.value()).c_str(), stdout);
  }
  std::fflush(stdout);
  return status;
}

}  // namespace ringdump::cli
