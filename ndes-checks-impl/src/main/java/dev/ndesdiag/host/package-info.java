/**
 * What the collector's narrow host query says about the server: the registry values and WMI facts
 * that decide the platform, the reboot flags and the last-write times of keys read only at start.
 */
package dev.ndesdiag.host;
