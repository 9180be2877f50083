/**
 * Collecting a snapshot bundle on the NDES server: the plan of steps, the redaction of secrets,
 * the atomic bundle writer, and the one small {@link dev.ndesdiag.collect.WindowsSource} interface
 * behind which every Windows call sits.
 */
package dev.ndesdiag.collect;
