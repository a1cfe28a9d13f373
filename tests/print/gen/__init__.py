"""The printer's pcap generators, one module per protocol (tests/print/gen_pcaps.py is the entry point).

APPS lists the modules whose frames() (Ethernet frames) go into apps.pcap and its truncated copies, in
order. A module may instead (or also) define files(): a list of (file name, DLT, frames, [snaplens]) written
as their own pcaps, each also cut at every snaplen given. Add a new protocol as a module and a line here."""
from . import bfd, bgp, dhcp6, dispatch, hsrp, krb, l2tp, ldp, mptcp, ospf, radius, rip, otv, snmp, telnet, tftp, timed, vrrp, vxlan_gpe

APPS = [dhcp6, tftp, rip, radius, telnet, vrrp, ospf, bgp, krb, mptcp, dispatch, snmp, bfd, l2tp, ldp, otv, vxlan_gpe, hsrp, timed]
FILES = []
