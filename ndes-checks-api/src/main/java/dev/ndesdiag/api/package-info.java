/**
 * The public check SPI and result model of ndes-diag: what a third-party check compiles against.
 *
 * <p>A check implements {@link dev.ndesdiag.api.Check}, describes itself with a
 * {@link dev.ndesdiag.api.CheckDescriptor}, reads facts from the
 * {@link dev.ndesdiag.api.snapshot.Snapshot} of its {@link dev.ndesdiag.api.CheckContext}, and
 * returns an immutable {@link dev.ndesdiag.api.CheckResult} of {@link dev.ndesdiag.api.Finding}s.
 * Everything here is public API; changes follow semantic versioning.
 */
package dev.ndesdiag.api;
