/** Checks of the certificate stores: RA, TLS, CA and root certificates. */
package dev.ndesdiag.checks.certificates;
