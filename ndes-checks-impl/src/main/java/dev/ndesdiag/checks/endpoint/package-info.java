/** Checks of what the SCEP endpoint answered, from a bundle's endpoint probe or a live probe. */
package dev.ndesdiag.checks.endpoint;
