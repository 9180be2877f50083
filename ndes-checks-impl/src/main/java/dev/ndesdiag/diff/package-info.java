/**
 * {@code ndes-diag diff BEFORE AFTER}: what a change fixed, broke or left alone, finding by finding
 * (keyed by check id and finding code), from two JSON reports (read back by {@link
 * dev.ndesdiag.diff.JsonReportReader}) or two bundles.
 */
package dev.ndesdiag.diff;
