/**
 * The collector's Windows adapter: JNA calls into crypt32, ncrypt and advapi32 that fetch raw data
 * (certificate encodings, key provider facts, a key file's SDDL) into the model the bundle gives.
 * It is loaded only on Windows and verified here by compilation only; README says so.
 */
package dev.ndesdiag.collect.windows;
