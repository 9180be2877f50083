/**
 * Checks of the server's own record: the NDES service's events, the SCEP pool's WAS events, the
 * SCEP requests in the IIS log, what HTTP.sys refused, the policy module's log and the connector's
 * events. Each judges with the rules of {@link dev.ndesdiag.history} (time against collection and
 * boot, server-level versus one request's failures, recovery, the own probe set aside) and names
 * the configuration check that explains what it found.
 */
package dev.ndesdiag.checks.evidence;
