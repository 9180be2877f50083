/**
 * Checks of the Certificate Connector for Microsoft Intune on the NDES server: its version and
 * support window, its services, its proxy, and its contact with Intune.
 */
package dev.ndesdiag.checks.connector;
