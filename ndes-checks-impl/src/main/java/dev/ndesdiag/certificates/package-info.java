/**
 * What ndes-diag knows about certificates on an NDES server, shared by the checks: how the RA
 * certificates are recognised and which one NDES uses, issuers and chains, names, distribution
 * points, templates and expiry horizons.
 */
package dev.ndesdiag.certificates;
