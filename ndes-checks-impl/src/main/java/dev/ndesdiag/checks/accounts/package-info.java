/** Checks of the accounts NDES and the connector run as: AD state, rights, local administrators, SPNs. */
package dev.ndesdiag.checks.accounts;
