/**
 * The typed, immutable facts of a snapshot that checks read: registry, certificate stores, IIS
 * configuration, accounts and rights, command outputs, network fetches, endpoint probe, events,
 * logs and services. Produced by the bundle reader and by the live Windows adapter. Public API.
 */
package dev.ndesdiag.api.snapshot;
