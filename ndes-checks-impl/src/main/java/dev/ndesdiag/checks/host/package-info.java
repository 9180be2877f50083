/** Checks of the server NDES runs on: platform, .NET and TLS, IE ESC, pending reboots, the NDES role. */
package dev.ndesdiag.checks.host;
