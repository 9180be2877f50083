/** Checks of the snapshot bundle itself: what could not be read or was not collected. */
package dev.ndesdiag.checks.snapshot;
