/**
 * Windows security concepts the checks reason with: SIDs and their SDDL aliases, security
 * descriptors read from SDDL, access masks, and what a service identity's token may read.
 */
package dev.ndesdiag.windows;
