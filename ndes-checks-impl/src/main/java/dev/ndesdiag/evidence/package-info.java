/**
 * Streamed readers for the evidence a bundle carries: IIS W3C logs, HTTPERR logs, CMTrace logs
 * (NDESPlugin.log, connector logs), plain-text logs, WCF {@code .svclog} traces and exported event
 * XML. Each reader takes an {@code InputStream} (or a {@link dev.ndesdiag.api.snapshot.LogFile} or
 * {@link dev.ndesdiag.api.snapshot.Blob}), never holds a whole file, bounds each line and record,
 * and skips and counts what it cannot read instead of failing: the {@link dev.ndesdiag.evidence.ReadSummary}
 * says how many lines were read, how many entries came out, and why lines were skipped.
 */
package dev.ndesdiag.evidence;
