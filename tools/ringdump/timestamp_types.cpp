#include "timestamp_types.hpp"

#include <pcap/pcap.h>

#include <cstdio>

#include "report.hpp"

namespace ringdump::cli {
namespace {

struct Handle {
  pcap_t* p = nullptr;
  ~Handle() {
    if (p) pcap_close(p);
  }
};

}  // namespace

int RunListTimeStampTypesCommand(const CliOptions& options) {
  std::string device = options.interfaces.empty() ? "" : options.interfaces.front();
  char ebuf[PCAP_ERRBUF_SIZE];
  if (device.empty()) {
    pcap_if_t* all = nullptr;
    if (pcap_findalldevs(&all, ebuf) < 0 || all == nullptr) return ReportError(Error("no interfaces available for capture"));
    device = all->name;
    pcap_freealldevs(all);
  }
  Handle h{pcap_create(device.c_str(), ebuf)};
  if (h.p == nullptr) return ReportError(Error(ebuf));
  int* types = nullptr;
  int n = pcap_list_tstamp_types(h.p, &types);
  if (n < 0) return ReportError(Error(std::string(device) + ": " + pcap_geterr(h.p)));
  if (n == 0) {
    std::fprintf(stderr, "Time stamp type cannot be set for %s\n", device.c_str());
    return 0;
  }
  std::printf("Time stamp types for %s (use option -j to set):\n", device.c_str());
  for (int i = 0; i < n; ++i) {
    const char* name = pcap_tstamp_type_val_to_name(types[i]);
    if (name != nullptr)
      std::printf("  %s (%s)\n", name, pcap_tstamp_type_val_to_description(types[i]));
    else
      std::printf("  %d\n", types[i]);
  }
  pcap_free_tstamp_types(types);
  return 0;
}

Result<std::string> CheckTimeStampType(const std::string& device, const std::string& type) {
  const int wanted = pcap_tstamp_type_name_to_val(type.c_str());
  if (wanted == PCAP_TSTAMP_HOST) return std::string();
  char ebuf[PCAP_ERRBUF_SIZE];
  Handle h{pcap_create(device.c_str(), ebuf)};
  if (h.p == nullptr) return std::string();  // the capture reports the device error itself
  int* types = nullptr;
  int n = pcap_list_tstamp_types(h.p, &types);
  bool offered = false;
  for (int i = 0; i < n; ++i) offered = offered || types[i] == wanted;
  if (n > 0) pcap_free_tstamp_types(types);
  if (!offered)
    return "WARNING: When trying to set timestamp type '" + type + "' on " + device +
           ": That type of time stamp is not supported by that device";
  if (wanted == PCAP_TSTAMP_HOST_LOWPREC || wanted == PCAP_TSTAMP_HOST_HIPREC) return std::string();
  return Error(device + ": hardware time stamps (-j " + type + ") are not supported by ringdump yet",
               Error::Kind::kBadArgument);
}

}  // namespace ringdump::cli
