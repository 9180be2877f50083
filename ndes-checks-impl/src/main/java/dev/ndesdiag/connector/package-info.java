/**
 * What ndes-diag knows about the Certificate Connector for Microsoft Intune: its releases and support
 * window (kept as data, {@code connector-releases.json}), its installation, its registry and proxy,
 * and the WinHTTP proxy it may fall back to.
 */
package dev.ndesdiag.connector;
