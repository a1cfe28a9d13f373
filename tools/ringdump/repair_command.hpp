// `ringdump --repair [--dry-run] FILE...`: makes capture files left by a crash readable again (see
// engine/src/repair.hpp): cuts each file at its last whole record, gives a ".NAME.part" file its final
// name, and rebuilds its index (.NAME.ridx); a .gz file is only indexed. Prints one line per file on stdout;
// errors on stderr.
#pragma once

namespace ringdump::cli {

// argv[0] is "--repair" (main passes argc - 1, argv + 1); the rest are --dry-run and file names.
// Returns 0 when every file was repaired (or needed nothing), 1 when any failed, 2 on a usage error.
int RunRepairCommand(int argc, char** argv);

}  // namespace ringdump::cli
