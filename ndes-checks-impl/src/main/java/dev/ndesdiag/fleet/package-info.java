/**
 * Many servers at once: every bundle of a fleet analysed in one JVM, in parallel, each under its own
 * bundle limits and check time limits, and summarised without holding every report in memory
 * (each server's rendered part is spooled to a temporary file, only a small {@link
 * dev.ndesdiag.fleet.ServerRow} per server stays on the heap).
 */
package dev.ndesdiag.fleet;
