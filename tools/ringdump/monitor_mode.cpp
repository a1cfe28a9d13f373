// CheckMonitorMode (see monitor_mode.hpp): libpcap says whether the device could do monitor mode
// (pcap_can_set_rfmon, which asks mac80211 through sysfs), in the namespace the capture would use.
#include "monitor_mode.hpp"

#include <pcap/pcap.h>

#include <string>

#include "capture_config.hpp"
#include "netns.hpp"

namespace ringdump::cli {

Status CheckMonitorMode(const CliOptions& options) {
  if (!options.monitor_mode) return Ok();
  auto path = ResolveNetns(options);
  if (!path.ok()) return std::move(path).error();
  auto netns = ScopedNetns::Enter(path.value());
  if (!netns.ok()) return std::move(netns).error();
  char ebuf[PCAP_ERRBUF_SIZE];
  std::string device;
  if (!options.interfaces.empty()) {
    device = options.interfaces.front().substr(0, options.interfaces.front().find(','));
  } else {
    pcap_if_t* devices = nullptr;
    if (pcap_findalldevs(&devices, ebuf) == 0 && devices != nullptr) device = devices->name;
    if (devices != nullptr) pcap_freealldevs(devices);
    if (device.empty()) device = "any";
  }
  int can = 0;
  if (pcap_t* p = pcap_create(device.c_str(), ebuf)) {
    can = pcap_can_set_rfmon(p);
    pcap_close(p);
  }
  // tcpdump prints pcap_activate's status for these devices; an unknown device gets the same answer there.
  if (can != 1) return Error(device + ": " + pcap_statustostr(PCAP_ERROR_RFMON_NOTSUP));
  return Error(device + ": monitor mode (-I) is not supported by ringdump yet");
}

}  // namespace ringdump::cli
