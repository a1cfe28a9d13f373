// RunRepairCommand (see repair_command.hpp): argument handling and the report lines; the work is RepairFile.
#include "repair_command.hpp"

#include <cinttypes>
#include <cstdio>
#include <string>
#include <vector>

#include "repair.hpp"

namespace ringdump::cli {

int RunRepairCommand(int argc, char** argv) {
  bool dry_run = false;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--dry-run" || a == "-n") {
      dry_run = true;
    } else if (a == "--") {
      for (++i; i < argc; ++i) files.emplace_back(argv[i]);
    } else if (!a.empty() && a[0] == '-') {
      std::fprintf(stderr, "ringdump: --repair: unknown option %s\n", a.c_str());
      return 2;
    } else {
      files.push_back(a);
    }
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: ringdump --repair [--dry-run] FILE...\n");
    return 2;
  }
  int status = 0;
  for (const std::string& f : files) {
    auto r = RepairFile(f, dry_run);
    if (!r.ok()) {
      std::fprintf(stderr, "ringdump: --repair: %s\n", r.error().message().c_str());
      status = 1;
      continue;
    }
    const RepairOutcome& o = r.value();
    if (o.removed) {
      std::printf("%s: empty (nothing reached the disk), %s\n", f.c_str(),
                  dry_run ? "would remove" : "removed");
      continue;
    }
    const char* format = o.scan.format == CaptureFormat::kPcap ? "pcap" : "pcapng";
    std::printf("%s: %s, %" PRIu64 " %s", f.c_str(), format, o.scan.records,
                o.scan.format == CaptureFormat::kPcap ? "records" : "blocks");
    if (o.truncated) {
      std::printf(", %s %" PRIu64 " of %" PRIu64 " bytes (%s)", dry_run ? "would keep" : "kept",
                  o.scan.valid_bytes, o.original_bytes, o.scan.stop_reason.c_str());
    } else {
      std::printf(", intact");
    }
    if (o.final_path != f)
      std::printf(", %s %s", dry_run ? "would rename to" : "renamed to", o.final_path.c_str());
    std::printf("\n");
  }
  return status;
}

}  // namespace ringdump::cli
