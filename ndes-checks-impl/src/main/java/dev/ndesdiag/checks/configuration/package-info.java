/** Checks of the NDES configuration: the MSCEP registry key, templates, the CA. */
package dev.ndesdiag.checks.configuration;
